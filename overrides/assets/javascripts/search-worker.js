/* Material's search box, answered by Pagefind. Material starts this worker in place of its own (overrides/main.html)
   and talks to it in its own messages: SETUP (answered READY), QUERY (answered RESULT, in Material's result shape).
   Pagefind loads on the first query: its script, its WebAssembly, and only the index chunk and page fragments the
   query needs. Each language has its own bundle beside its pages (/pagefind/, /es/pagefind/), so results are
   in the page's language only, with that language's stemming. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SHOWN = 10; // Material draws ten results at first; each one costs the download of its page's fragment
var PAUSE_MS = 250; // Material asks on every keystroke: search once the reader pauses, not for each prefix typed
var root = new URL("../../", self.location.href); // this file is <language root>/assets/javascripts/
var pagefind = null;
var latest = 0;

function loadPagefind() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
      return module.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () { return module; });
    });
  }
  return pagefind;
}

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* Pagefind's excerpts are page text with <mark> around matches: escape the text, keep the marks. */
function excerptHtml(excerpt) {
  return String(excerpt || "").split(/(<\/?mark>)/).map(function (part) {
    return part === "<mark>" || part === "</mark>" ? part : escapeHtml(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
  }).join("");
}

function relative(url) {
  return url.indexOf(root.pathname) === 0 ? url.slice(root.pathname.length) : url.replace(/^\//, "");
}

function toGroup(data, score, terms) {
  var page = { location: relative(data.url), title: escapeHtml(data.meta.title || data.url), text: "", score: score, terms: terms };
  var sections = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url && sub.url.indexOf("#") !== -1; });
  if (!sections.length) page.text = excerptHtml(data.excerpt);
  return [page].concat(sections.map(function (sub, index) {
    // The first section is shown, the others go under Material's "more" (a lower score than the page's).
    return { location: relative(sub.url), title: escapeHtml(sub.title), text: excerptHtml(sub.excerpt), score: index === 0 ? score : score / 2, terms: terms };
  }));
}

function search(query) {
  var words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  var terms = {};
  words.forEach(function (word) { terms[word] = true; });
  if (!words.length) return Promise.resolve({ items: [] });
  return loadPagefind().then(function (module) {
    return module.search(query);
  }).then(function (found) {
    return Promise.all(found.results.slice(0, SHOWN).map(function (result) { return result.data(); }));
  }).then(function (pages) {
    return { items: pages.map(function (data, index) { return toGroup(data, pages.length - index, terms); }) };
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var ticket = ++latest;
    new Promise(function (resolve) { setTimeout(resolve, PAUSE_MS); }).then(function () {
      return ticket === latest ? search(String(message.data)) : null;
    }).then(function (data) {
      if (data === null) return;
      if (ticket === latest) postMessage({ type: RESULT, data: data });
    }, function (error) {
      console.warn("Search failed:", error);
      if (ticket === latest) postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
