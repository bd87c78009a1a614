/* The globals Material's bundle expects before it starts. Storage is switched off on purpose: a visit to a
   clinic's site is health information, so the theme may not remember anything about it. */
(function () {
  "use strict";
  var scope = document.currentScript.getAttribute("data-scope") || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
    return hash;
  };
  window.__md_get = function () { return null; };
  window.__md_set = function () {};
})();
