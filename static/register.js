// dossier claim register: a filter (words, status, confidence) over the rows of this page,
// and headers that sort each note's rows by claim, status or confidence. Without JavaScript
// the register is the same table, in reading order.
(function () {
  "use strict";
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.register"));
  var first = document.querySelector(".claim-group");
  if (!tables.length || !first) { return; }
  var STATUS = ["confirmed", "partly-confirmed", "unconfirmed", "disputed", "contradicted", "none"];
  var CONFIDENCE = ["high", "moderate", "low"];
  var rows = [];
  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) {
      row.dataset.order = String(i);
      rows.push(row);
    });
  });

  function status(row) {
    var m = /status-([a-z-]+)/.exec(row.className);
    return m ? m[1] : "none";
  }

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function field(label, control) {
    var wrap = document.createElement("label");
    wrap.className = "register-field";
    var span = document.createElement("span");
    span.textContent = label;
    wrap.appendChild(span);
    wrap.appendChild(control);
    return wrap;
  }

  var bar = document.createElement("form");
  bar.className = "register-tools";
  bar.setAttribute("role", "search");
  bar.setAttribute("aria-label", "Filter the claims on this page");
  bar.addEventListener("submit", function (e) { e.preventDefault(); });
  var words = document.createElement("input");
  words.type = "search";
  words.autocomplete = "off";
  var byStatus = document.createElement("select");
  option(byStatus, "", "Any status");
  [["confirmed", "Confirmed"], ["partly-confirmed", "Partly confirmed"], ["unconfirmed", "Unconfirmed"],
    ["disputed", "Disputed"], ["contradicted", "Contradicted"], ["none", "Own findings"]].forEach(function (s) {
    option(byStatus, s[0], s[1]);
  });
  var byConfidence = document.createElement("select");
  option(byConfidence, "", "Any confidence");
  [["high", "High"], ["moderate", "Moderate"], ["low", "Low"]].forEach(function (c) { option(byConfidence, c[0], c[1]); });
  var shown = document.createElement("p");
  shown.className = "register-shown";
  shown.setAttribute("role", "status");
  bar.appendChild(field("Find", words));
  bar.appendChild(field("Status", byStatus));
  bar.appendChild(field("Confidence", byConfidence));
  bar.appendChild(shown);
  first.parentNode.insertBefore(bar, first);

  function filter() {
    var terms = words.value.toLowerCase().split(/\s+/).filter(Boolean), count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = terms.every(function (t) { return text.indexOf(t) >= 0; }) &&
        (!byStatus.value || status(row) === byStatus.value) &&
        (!byConfidence.value || row.dataset.confidence === byConfidence.value);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    tables.forEach(function (table) {
      var any = Array.prototype.some.call(table.tBodies[0].rows, function (r) { return !r.hidden; });
      table.closest(".claim-group").hidden = !any;
    });
    shown.textContent = count === rows.length ? rows.length + " claims on this page" : count + " of " + rows.length + " claims shown";
  }
  [words, byStatus, byConfidence].forEach(function (c) { c.addEventListener("input", filter); });
  filter();

  var keys = {
    "col-claim": function (row) { return row.cells[0].textContent.trim().toLowerCase(); },
    "col-status": function (row) { return STATUS.indexOf(status(row)); },
    "col-confidence": function (row) { return CONFIDENCE.indexOf(row.dataset.confidence); }
  };

  function sortBy(column, direction) {
    var key = keys[column];
    tables.forEach(function (table) {
      var body = table.tBodies[0];
      var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = direction === "none" ? +a.dataset.order : key(a), y = direction === "none" ? +b.dataset.order : key(b);
        var c = x < y ? -1 : x > y ? 1 : +a.dataset.order - +b.dataset.order;
        return direction === "descending" ? -c : c;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        var on = th.classList.contains(column) && direction !== "none";
        if (on) { th.setAttribute("aria-sort", direction); } else { th.removeAttribute("aria-sort"); }
      });
    });
  }

  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var column = Object.keys(keys).filter(function (k) { return th.classList.contains(k); })[0];
      if (!column) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var now = th.getAttribute("aria-sort");
        sortBy(column, now === "ascending" ? "descending" : now === "descending" ? "none" : "ascending");
      });
    });
  });
}());
