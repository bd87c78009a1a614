/* FAQ answers: open the one a link points to, and offer "copy link to this answer". Nothing is stored or sent. */
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView();
  }

  /* The button's words come with the script's tag, in the page's language (templates/ui/<lang>.yaml). */
  var script = document.currentScript;
  var copyLabel = script.getAttribute("data-copy-label");
  var copiedLabel = script.getAttribute("data-copied-label");
  var shareBase = script.getAttribute("data-share-base");

  function copy(text, button) {
    function done() {
      button.textContent = copiedLabel;
      setTimeout(function () { button.textContent = copyLabel; }, 2500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  }

  function fallback(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    document.execCommand("copy");
    document.body.removeChild(field);
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.faq-own-page"), function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button faq-copy";
    button.textContent = copyLabel;
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () { copy(shareBase + link.getAttribute("href"), button); });
    link.parentNode.appendChild(document.createTextNode(" "));
    link.parentNode.appendChild(button);
  });

  // A printed FAQ must show every answer, not just the questions.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.faq-item"), function (d) { d.open = true; });
  });
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
