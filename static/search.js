// dossier search: filters the index in search-index.js (window.dossierSearchIndex) in the
// browser. No dependencies, no network requests: works offline and from file://.
(function () {
  "use strict";
  var index = window.dossierSearchIndex;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!index || !form || !input || !status || !list) { return; }
  var root = "../";
  var labels = { note: "Note", claim: "Claim", source: "Source" };

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function score(entry, terms) {
    var title = fold(entry.title), text = fold(entry.text), total = 0;
    for (var i = 0; i < terms.length; i++) {
      var inTitle = title.indexOf(terms[i]) >= 0, inText = text.indexOf(terms[i]) >= 0;
      if (!inTitle && !inText) { return 0; }
      total += inTitle ? 3 : 1;
    }
    return total;
  }

  function show(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = index.entries
      .map(function (entry) { return { entry: entry, score: score(entry, terms) }; })
      .filter(function (hit) { return hit.score > 0; })
      .sort(function (a, b) { return b.score - a.score; });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for “" + query + "”";
    hits.slice(0, 100).forEach(function (hit) {
      var item = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "badge kind";
      kind.textContent = labels[hit.entry.kind] || hit.entry.kind;
      var link = document.createElement("a");
      link.href = root + hit.entry.path;
      link.textContent = hit.entry.title;
      item.appendChild(kind);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  show(query);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
  });
  input.addEventListener("input", function () { show(input.value); });
})();
