// dossier search, without dependencies. The index is cut into files (see
// src/render/exports/search/): search/meta.js says where the dictionary is cut, search/t/*.js
// hold terms and their postings, search/d/*.js what results show. Each is a script that hands
// its data to dossierSearch.loaded, loaded by a <script> element when a query needs it, so
// the search works from file:// as over HTTP, and a query downloads only its terms' chunks and
// the blocks of the results it shows. The engine runs in Node too (the tests and the
// measurement of what a query downloads use it).
(function (global) {
  "use strict";

  // Folding and terms: the same rules as src/render/exports/search/fold.rs.
  var SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i", "ς": "σ" };
  var MARK = /^[\u0300-\u036f]$/;
  var DECOMPOSED = /^[^\u0300-\u036f][\u0300-\u036f]+$/u;
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var LONGEST = 40;
  var SHOWN = 10;

  function foldChar(c) {
    if (c < "\u0080") { return c.toLowerCase(); }
    var out = "";
    for (var l of c.toLowerCase()) {
      if (MARK.test(l)) { continue; }
      var d = l.normalize("NFD");
      if (d.length > 1 && DECOMPOSED.test(d)) { l = String.fromCodePoint(d.codePointAt(0)); }
      out += SPELLED[l] || l;
    }
    return out;
  }

  function fold(text) {
    var out = "";
    for (var c of text) { out += foldChar(c); }
    return out;
  }

  function isCjk(c) {
    var p = c.codePointAt(0);
    var cjk = (p >= 0x3005 && p <= 0x3007) || (p >= 0x3040 && p <= 0x30ff) || (p >= 0x31f0 && p <= 0x31ff) ||
      (p >= 0x3400 && p <= 0x4dbf) || (p >= 0x4e00 && p <= 0x9fff) || (p >= 0xf900 && p <= 0xfaff) ||
      (p >= 0xff66 && p <= 0xff9f) || (p >= 0x20000 && p <= 0x3134f);
    return cjk && ALNUM.test(c);
  }

  // The runs of folded text: { cjk, text, start, end } (start and end in UTF-16 units).
  function runs(folded) {
    var out = [], run = null, at = 0;
    for (var c of folded) {
      var word = ALNUM.test(c), cjk = word && isCjk(c);
      if (!word) { run = null; } else if (run && run.cjk === cjk) { run.text += c; run.end = at + c.length; } else {
        run = { cjk: cjk, text: c, start: at, end: at + c.length };
        out.push(run);
      }
      at += c.length;
    }
    return out;
  }

  // The terms a query looks for, and the last word when it may be the start of a longer one.
  function parse(query) {
    var folded = fold(query), terms = [], prefix = null;
    function add(t) { if (terms.indexOf(t) < 0) { terms.push(t); } }
    var found = runs(folded);
    found.forEach(function (run) {
      var chars = Array.from(run.text);
      if (!run.cjk) { if (chars.length <= LONGEST) { add(run.text); } return; }
      if (chars.length === 1) { add(run.text); }
      for (var i = 0; i + 1 < chars.length; i++) { add(chars[i] + chars[i + 1]); }
    });
    var last = found[found.length - 1];
    if (last && !last.cjk && last.end === folded.length && Array.from(last.text).length >= 3) { prefix = last.text; }
    return { terms: terms, prefix: prefix };
  }

  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0; }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  // The chunk holding `term`: the last whose first term is not after it.
  function chunkOf(firsts, term) {
    var lo = 0, hi = firsts.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (firsts[mid] <= term) { lo = mid + 1; } else { hi = mid; } }
    return Math.max(lo - 1, 0);
  }

  var LAST = "0123456789abcdefghijklmnopqrstuv", MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

  function decode(text) {
    var out = [], last = 0, value = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text[i], d = MORE.indexOf(c);
      if (d >= 0) { value = value * 32 + d; continue; }
      value = value * 32 + LAST.indexOf(c);
      last += Math.floor(value / 8);
      out.push([last, value % 8]);
      value = 0;
    }
    return out;
  }

  // The chunks (by name) a query needs, with the terms to look up in each.
  function plan(meta, parsed) {
    var firsts = meta.chunks, names = {};
    function need(i) { var n = "t/" + hash(firsts[i]); names[n] = true; return n; }
    parsed.terms.forEach(function (t) { need(chunkOf(firsts, t)); });
    if (parsed.prefix) {
      var i = chunkOf(firsts, parsed.prefix);
      need(i);
      for (var k = i + 1; k < firsts.length && k <= i + 3 && firsts[k].indexOf(parsed.prefix) === 0; k++) { need(k); }
    }
    return Object.keys(names);
  }

  // Each document's score, for documents holding every term (the last may be a prefix).
  function score(meta, parsed, chunks) {
    var dictionary = {};
    chunks.forEach(function (flat) { for (var i = 0; i + 1 < flat.length; i += 2) { dictionary[flat[i]] = flat[i + 1]; } });
    var total = null;
    function add(scores, text) {
      var postings = decode(text), idf = Math.log(1 + meta.docs / postings.length);
      postings.forEach(function (p) { scores[p[0]] = Math.max(scores[p[0]] || 0, idf * (1 + p[1])); });
    }
    var wanted = parsed.terms.map(function (t) {
      var scores = {};
      if (dictionary[t]) { add(scores, dictionary[t]); }
      if (t === parsed.prefix) {
        Object.keys(dictionary).forEach(function (k) { if (k !== t && k.indexOf(t) === 0) { add(scores, dictionary[k]); } });
      }
      return scores;
    });
    wanted.forEach(function (scores) {
      if (total === null) { total = scores; return; }
      var next = {};
      Object.keys(total).forEach(function (id) { if (id in scores) { next[id] = total[id] + scores[id]; } });
      total = next;
    });
    return total || {};
  }

  // The results grouped by kind, in the order of meta.kinds, best first.
  function grouped(meta, scores) {
    var groups = meta.kinds.map(function (kind) { return { kind: kind, hits: [] }; });
    Object.keys(scores).forEach(function (id) {
      id = Number(id);
      var k = 2;
      while (k > 0 && id < meta.start[k]) { k--; }
      groups[k].hits.push({ id: id, score: scores[id] });
    });
    groups.forEach(function (g) { g.hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; }); });
    return groups;
  }

  function blockOf(meta, id) {
    var k = 2;
    while (k > 0 && id < meta.start[k]) { k--; }
    return "d/" + meta.kinds[k][0] + Math.floor((id - meta.start[k]) / Math.pow(2, meta.block[k]));
  }

  // Runs a query with `load(name)` (a promise of a file's data): the groups, each hit of the
  // first `shown` of each with its title, slug and text.
  function search(query, load, shown) {
    var parsed = parse(query);
    if (!parsed.terms.length) { return Promise.resolve({ parsed: parsed, groups: [] }); }
    return load("meta").then(function (meta) {
      return Promise.all(plan(meta, parsed).map(load)).then(function (chunks) {
        var groups = grouped(meta, score(meta, parsed, chunks));
        return describe(meta, groups, load, shown || SHOWN).then(function () { return { parsed: parsed, groups: groups, meta: meta }; });
      });
    });
  }

  // Fills in the title, slug and text of the first `shown` hits of each group.
  function describe(meta, groups, load, shown) {
    var hits = [];
    groups.forEach(function (g) { hits = hits.concat(g.hits.slice(0, shown).filter(function (h) { return !h.title; })); });
    return Promise.all(hits.map(function (hit) {
      return load(blockOf(meta, hit.id)).then(function (flat) {
        for (var i = 0; i + 3 < flat.length; i += 4) {
          if (flat[i] === hit.id) { hit.title = flat[i + 1]; hit.slug = flat[i + 2]; hit.text = flat[i + 3]; }
        }
      });
    }));
  }

  // Folded `text`, with where each of its UTF-16 units comes from in `text`.
  function folded(text) {
    var out = "", from = [], at = 0;
    for (var c of text) {
      var f = foldChar(c);
      for (var i = 0; i < f.length; i++) { from.push(at); }
      out += f;
      at += c.length;
    }
    from.push(at);
    return { text: out, from: from };
  }

  // Where the query's terms are in `text`: [start, end) in UTF-16 units, in order, apart.
  function highlights(text, parsed) {
    var f = folded(text || ""), ranges = [], merged = [];
    function mark(s, e) { ranges.push([f.from[s], f.from[e]]); }
    var cjk = parsed.terms.filter(function (t) { return isCjk(String.fromCodePoint(t.codePointAt(0))); });
    runs(f.text).forEach(function (run) {
      if (run.cjk) {
        cjk.forEach(function (t) {
          for (var i = run.text.indexOf(t); i >= 0; i = run.text.indexOf(t, i + 1)) { mark(run.start + i, run.start + i + t.length); }
        });
      } else if (parsed.terms.indexOf(run.text) >= 0 || (parsed.prefix && run.text.indexOf(parsed.prefix) === 0)) {
        mark(run.start, run.end);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push(r.slice()); }
    });
    return merged;
  }

  // The part of `text` a result shows: about 200 characters from a little before the first
  // highlight, on word boundaries; its start and end, and the highlights inside it.
  function snippet(text, ranges) {
    text = text || "";
    var first = ranges.length ? ranges[0][0] : 0;
    var start = Math.max(0, first - 60), end = Math.min(text.length, start + 200);
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < first) { start = space + 1; } }
    if (end < text.length) { var last = text.lastIndexOf(" ", end); if (last > first) { end = last; } }
    if (/[\udc00-\udfff]/.test(text.charAt(start))) { start++; }
    if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) { end--; }
    var inside = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; });
    return { start: start, end: end, ranges: inside };
  }

  var engine = { fold: fold, parse: parse, hash: hash, decode: decode, search: search, describe: describe, highlights: highlights, snippet: snippet };
  global.dossierSearch = global.dossierSearch || {};
  global.dossierSearch.engine = engine;
  if (typeof document === "undefined") { return; }

  // The search page.
  var script = document.currentScript;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var base = script && script.getAttribute("data-index");
  var root = script && script.getAttribute("data-root");
  if (!form || !input || !status || !results || base === null || root === null) { return; }
  var NAMES = { note: ["Notes", "notes"], claim: ["Claims", "claims"], source: ["Sources", "sources"] };
  var waiting = {}, loading = {};

  global.dossierSearch.loaded = function (name, data) {
    var resolve = waiting[name];
    delete waiting[name];
    if (resolve) { resolve(data); }
  };

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var element = document.createElement("script");
        element.src = base + name + ".js";
        element.onerror = function () { delete loading[name]; reject(new Error("could not load " + name)); };
        document.head.appendChild(element);
      });
    }
    return loading[name];
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text) { element.textContent = text; }
    return element;
  }

  // Appends `text` from `start` to `end` to `parent`, its `ranges` marked.
  function marked(parent, text, start, end, ranges) {
    var at = start;
    ranges.forEach(function (r) {
      parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      parent.appendChild(make("mark", null, text.slice(r[0], r[1])));
      at = r[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at, end)));
  }

  function item(kind, hit, parsed) {
    var li = make("li");
    var link = make("a");
    link.href = root + NAMES[kind][1] + "/" + hit.slug + "/index.html";
    marked(link, hit.title || "", 0, (hit.title || "").length, highlights(hit.title, parsed));
    li.appendChild(link);
    var cut = snippet(hit.text, highlights(hit.text, parsed));
    if (cut.end > cut.start) {
      var p = make("p", "search-snippet");
      if (cut.start > 0) { p.appendChild(document.createTextNode("… ")); }
      marked(p, hit.text, cut.start, cut.end, cut.ranges);
      if (cut.end < hit.text.length) { p.appendChild(document.createTextNode(" …")); }
      li.appendChild(p);
    }
    return li;
  }

  function group(found, g) {
    var section = make("section", "search-group");
    section.appendChild(make("h2", null, NAMES[g.kind][0] + " (" + g.hits.length + ")"));
    var list = make("ol");
    section.appendChild(list);
    var shown = 0;
    var more = make("button", "search-more", "");
    more.type = "button";
    function add() {
      g.hits.slice(shown, shown + SHOWN).forEach(function (hit) { list.appendChild(item(g.kind, hit, found.parsed)); });
      shown = Math.min(g.hits.length, shown + SHOWN);
      var left = g.hits.length - shown;
      more.textContent = "Show " + Math.min(left, SHOWN) + " more " + NAMES[g.kind][1];
      more.hidden = left <= 0;
    }
    more.addEventListener("click", function () {
      describe(found.meta, [{ hits: g.hits.slice(shown, shown + SHOWN) }], load, SHOWN).then(add);
    });
    add();
    section.appendChild(more);
    return section;
  }

  var asked = 0;
  function show(query) {
    var ticket = ++asked;
    search(query, load).then(function (found) {
      if (ticket !== asked) { return; }
      results.textContent = "";
      var total = found.groups.reduce(function (n, g) { return n + g.hits.length; }, 0);
      status.textContent = found.parsed.terms.length ? total + (total === 1 ? " result" : " results") + " for “" + query + "”" : "";
      found.groups.forEach(function (g) { if (g.hits.length) { results.appendChild(group(found, g)); } });
    }, function () {
      if (ticket === asked) { status.textContent = "The search index could not be loaded."; }
    });
  }

  var query = new URLSearchParams(global.location.search).get("q") || "";
  input.value = query;
  show(query);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    var url = new URL(global.location.href);
    url.searchParams.set("q", input.value);
    global.history.replaceState(null, "", url);
  });
  input.addEventListener("input", function () { show(input.value); });
})(typeof window !== "undefined" ? window : globalThis);
