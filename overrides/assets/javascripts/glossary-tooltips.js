/* Glossary tooltips: a term's meaning shows when the reader points at it, taps it or tabs to it; Escape hides it.
   A few listeners for the whole page, in place of Material's content.tooltips, which builds a component for every
   title on the page as it opens (most of the start-up work a phone does on a long page). Material's tooltip styles
   (.md-tooltip2) are reused so the tooltips look the same. Nothing is stored or sent. */
(function () {
  "use strict";
  var SELECTOR = "abbr[title], abbr[data-glossary-title]";
  var INTERACTIVE = "a, button, summary, label, input, select, textarea";
  var tip = null;
  var inner = null;
  var current = null;
  var hideTimer = 0;

  /* Terms inside a link or summary are reached through it; the others become tab stops for keyboard users. */
  Array.prototype.forEach.call(document.querySelectorAll(".md-content abbr[title]"), function (term) {
    if (!term.closest(INTERACTIVE)) term.tabIndex = 0;
  });

  function termFor(node) {
    if (!node || !node.closest) return null;
    var term = node.closest(SELECTOR);
    if (term) return term;
    var control = node.closest(INTERACTIVE);
    return control ? control.querySelector(SELECTOR) : null;
  }

  function build() {
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom glossary-tooltip";
    tip.id = "glossary-tooltip";
    tip.setAttribute("role", "tooltip");
    inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    tip.appendChild(inner);
    tip.addEventListener("mouseover", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseout", hideSoon);
    document.body.appendChild(tip);
  }

  function place() {
    var host = current.getBoundingClientRect();
    var style = tip.style;
    style.setProperty("--md-tooltip-host-x", host.left + window.scrollX + "px");
    style.setProperty("--md-tooltip-host-y", host.top + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", host.width / 2 + "px");
    style.setProperty("--md-tooltip-y", host.height + 8 + "px");
    style.setProperty("--md-tooltip-tail", "0px");
    style.setProperty("--md-tooltip-width", inner.offsetWidth + "px");
  }

  function show(term) {
    clearTimeout(hideTimer);
    if (term === current) return;
    if (current) hide();
    var fresh = !tip;
    if (fresh) build();
    current = term;
    /* The page's own tooltip replaces the browser's, as Material does; the title comes back when it hides. */
    var text = term.getAttribute("title") || term.getAttribute("data-glossary-title");
    term.setAttribute("data-glossary-title", text);
    term.removeAttribute("title");
    term.setAttribute("aria-describedby", tip.id);
    inner.textContent = text;
    place();
    if (fresh) {
      requestAnimationFrame(function () { if (current) tip.classList.add("md-tooltip2--active"); });
    } else {
      tip.classList.add("md-tooltip2--active");
    }
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!current) return;
    tip.classList.remove("md-tooltip2--active");
    current.setAttribute("title", current.getAttribute("data-glossary-title"));
    current.removeAttribute("data-glossary-title");
    current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (current && !(current.closest(INTERACTIVE) || current).contains(document.activeElement)) hide();
    }, 250);
  }

  document.addEventListener("mouseover", function (event) {
    var term = event.target.closest && event.target.closest(SELECTOR);
    if (term) show(term);
  });
  document.addEventListener("mouseout", function (event) {
    if (current && current.contains(event.target) && !current.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var term = termFor(event.target);
    if (term) show(term);
    else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (current && !(event.relatedTarget && termFor(event.relatedTarget) === current)) hide();
  });
  /* A tap on a phone: show the meaning (a second tap elsewhere, or Escape, hides it). */
  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest(SELECTOR);
    if (term) show(term);
    else if (current && !(tip && tip.contains(event.target))) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) hide();
  });
  window.addEventListener("resize", function () { if (current) place(); });
  document.addEventListener("scroll", function (event) { if (current && event.target !== document) place(); }, { capture: true, passive: true });
  window.addEventListener("beforeprint", hide);
})();
