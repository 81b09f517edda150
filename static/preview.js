// dossier previews: pointing at or focusing a citation or a link to a claim shows a card with
// the reference (its grade and locator) or the claim (figure, status, likelihood, confidence).
// The cards' contents are already on the page: the reference list, and a <template> per
// linked claim. No network requests, so it works from file:// too; without JavaScript the
// links stay plain links. Escape closes a card.
(function () {
  "use strict";
  var card = null, owner = null, dismissed = null, timer = 0;

  function contentFor(link) {
    var href = link.getAttribute("href") || "";
    if (href.indexOf("#ref-") === 0) {
      var ref = document.getElementById(href.slice(1));
      if (!ref) { return null; }
      var box = document.createElement("div");
      box.className = "preview-reference";
      var kind = document.createElement("p");
      kind.className = "preview-kind";
      kind.textContent = "Reference " + href.slice(5);
      box.appendChild(kind);
      var text = document.createElement("p");
      text.className = "preview-text";
      Array.prototype.forEach.call(ref.childNodes, function (n) { text.appendChild(n.cloneNode(true)); });
      Array.prototype.forEach.call(text.querySelectorAll(".backref"), function (b) { b.remove(); });
      box.appendChild(text);
      return box;
    }
    var m = /(?:^|\/)claims\/([^\/#?]+)\/(?:index\.html)?$/.exec(href);
    var tpl = m && document.getElementById("preview-" + decodeURIComponent(m[1]));
    return tpl && tpl.content ? tpl.content.cloneNode(true) : null;
  }

  function place(link) {
    var margin = 8, r = link.getBoundingClientRect(), vw = document.documentElement.clientWidth;
    var width = Math.min(352, vw - 2 * margin);
    card.style.width = width + "px";
    var left = Math.max(margin, Math.min(r.left, vw - width - margin));
    var below = r.bottom + 6, height = card.offsetHeight;
    var top = below + height > window.innerHeight - margin && r.top - 6 - height > margin ? r.top - 6 - height : below;
    card.style.left = left + window.scrollX + "px";
    card.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    if (owner === link) { return; }
    hide();
    var content = contentFor(link);
    if (!content) { return; }
    card = document.createElement("div");
    card.className = "preview-card";
    card.id = "preview-card";
    card.setAttribute("role", "tooltip");
    card.appendChild(content);
    card.addEventListener("mouseenter", function () { clearTimeout(timer); });
    card.addEventListener("mouseleave", later);
    document.body.appendChild(card);
    owner = link;
    link.setAttribute("aria-describedby", "preview-card");
    place(link);
  }

  function hide() {
    clearTimeout(timer);
    if (card) { card.remove(); }
    if (owner) { owner.removeAttribute("aria-describedby"); }
    card = null; owner = null;
  }

  function later() { clearTimeout(timer); timer = setTimeout(hide, 250); }

  function linkOf(event) {
    var t = event.target;
    var link = t && t.closest ? t.closest(".prose a[href]") : null;
    return link && contentFor(link) ? link : null;
  }

  document.querySelectorAll(".prose sup.cite a[title]").forEach(function (a) {
    a.removeAttribute("title"); // the card replaces the browser's tooltip
  });
  document.addEventListener("mouseover", function (e) {
    var link = linkOf(e);
    if (link) { clearTimeout(timer); timer = setTimeout(function () { show(link); }, 120); }
  });
  document.addEventListener("mouseout", function (e) { if (linkOf(e)) { later(); } });
  document.addEventListener("focusin", function (e) {
    var link = linkOf(e);
    if (link && link !== dismissed) { show(link); } else if (!card || !card.contains(e.target)) { hide(); }
  });
  document.addEventListener("focusout", function (e) { if (e.target === dismissed) { dismissed = null; } });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !card) { return; }
    var o = owner;
    hide();
    if (o && document.activeElement === o) { dismissed = o; }
  });
  window.addEventListener("resize", hide);
}());
