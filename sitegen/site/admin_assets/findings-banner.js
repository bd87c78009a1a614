// Shows the live preview's content errors inside the editor, each with the form field to fix.
// The preview (python build.py serve --cms) writes findings.json next to this file after every save and names it
// in the page (<meta name="preview-findings">); a published editor's page names none, so nothing is asked for there.
(function () {
  "use strict";
  var POLL_MS = 700;
  var banner = null;
  var last = "";

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function render(report) {
    if (!banner) {
      banner = element("section");
      banner.id = "preview-findings";
      banner.setAttribute("aria-live", "polite");
      document.body.appendChild(banner);
    }
    banner.textContent = "";
    var errors = report.errors || [];
    banner.className = errors.length ? "has-errors" : "";
    banner.setAttribute("role", errors.length ? "alert" : "status");
    if (!errors.length) {
      var ok = element("p", "Preview up to date, no content errors. ");
      var link = element("a", "Open the preview");
      link.href = "../";
      link.target = "_blank";
      ok.appendChild(link);
      banner.appendChild(ok);
      return;
    }
    // A <details> so the marketer can fold the list away from the fields it covers.
    var details = element("details");
    details.open = true;
    details.appendChild(element("summary", report.summary + " Fix these fields and save again:"));
    banner.appendChild(details);
    var list = element("ul");
    errors.forEach(function (error) {
      var item = element("li");
      var where = element("a", error.entry_label + " \u203a " + error.field.join(" \u203a "), "where");
      where.href = "#/collections/" + error.collection + "/entries/" + error.entry;
      item.appendChild(where);
      item.appendChild(document.createTextNode(": " + error.message + " "));
      item.appendChild(element("span", "(" + error.file + ", line " + error.line + ")", "file"));
      list.appendChild(item);
    });
    details.appendChild(list);
  }

  var named = document.querySelector('meta[name="preview-findings"]');
  if (!named) return; // a published site: no preview, no banner
  var findingsUrl = named.getAttribute("content");

  function poll() {
    fetch(findingsUrl, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("preview busy");
        return response.text();
      })
      .then(function (text) {
        if (text !== last) {
          last = text;
          render(JSON.parse(text));
        }
        window.setTimeout(poll, POLL_MS);
      })
      .catch(function () {
        window.setTimeout(poll, 5 * POLL_MS); // the preview is restarting: try again shortly
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", poll);
  else poll();
})();
