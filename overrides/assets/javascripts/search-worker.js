/* Material's search box, answered from the site's own index (sitegen/site/search_index.py). Material starts this
   worker in place of its own (overrides/main.html) and talks to it in its own messages: SETUP (answered READY),
   QUERY (answered RESULT, in Material's result shape). When search opens, the worker loads search/sections.json
   (every page's and section's title and excerpt) and this language's Snowball stemmer; each word typed then needs
   one small shard of terms (search/terms/bi.json for 'bladder', holding the terms from 'bi' to the next shard's),
   loaded once. Each language has its own index
   beside its pages (/search/, /es/search/), so results are in the page's language only.
   Words are folded, split and stemmed exactly as sitegen/site/search_words.py does at build time. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var KEY_LETTERS = 2; // a term's key: the first two letters of its stem (search_index.KEY_LETTERS)
var PARTIAL = 0.5; // a word that only begins a term ('blad' for 'bladder'), or a term the word begins, counts half
var PAUSE_MS = 200; // Material asks on every keystroke: search once the reader pauses, not for each prefix typed
var root = new URL("../../", self.location.href); // this file is <language root>/assets/javascripts/
var folder = new URL("search/", root);
var loading = null; // the index and the stemmer, once asked for
var shards = {}; // shard name -> a promise of its terms
var latest = 0;

/* search_words.fold: lower case, every combining mark but the tilde dropped ('dolór' = 'dolor', 'año' != 'ano'). */
function fold(text) {
  return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u0302\u0304-\u036f]/g, "").normalize("NFC");
}

/* search_words.words: the folded words of a text. */
function words(text) {
  return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
}

/* search_index.shard_name: a shard's first key, any letter outside a-z and 0-9 as _ and its hex code. */
function shardName(key) {
  return Array.from(key).map(function (c) {
    return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
  }).join("");
}

/* The first key of the shard holding a term: the last shard that starts at or before the term's key. */
function shardOf(index, term) {
  var key = Array.from(term).slice(0, KEY_LETTERS).join("");
  var found = null;
  index.shards.forEach(function (first) { if (first <= key) found = first; });
  return found;
}

function fetchJson(url) {
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  });
}

/* The index of this language and its stemmer: {index, stem}. */
function load() {
  if (!loading) {
    loading = fetchJson(new URL("sections.json", folder).href).then(function (index) {
      if (!index.stemmer) return { index: index, stem: function (word) { return word; } };
      return import(new URL(index.stemmer, folder).href).then(function (module) {
        var stemmer = new module.default();
        var known = {};
        return { index: index, stem: function (word) { return known[word] || (known[word] = stemmer.stemWord(word)); } };
      });
    });
    loading.catch(function () { loading = null; }); // a failed download is tried again on the next search
  }
  return loading;
}

function shard(index, term) {
  var first = shardOf(index, term);
  if (first === null) return Promise.resolve({});
  var name = shardName(first);
  if (!shards[name]) {
    shards[name] = fetchJson(new URL("terms/" + name + ".json", folder).href);
    shards[name].catch(function () { delete shards[name]; });
  }
  return shards[name];
}

/* How much a term counts for a stemmed word typed: 1 for the word itself, PARTIAL for a word being typed, 0. */
function share(term, stem) {
  if (term === stem) return 1;
  if (term.indexOf(stem) === 0 || (term.length >= 4 && stem.indexOf(term) === 0)) return PARTIAL;
  return 0;
}

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* The text as HTML, each word that matched the query in <mark>. */
function marked(text, matches) {
  return String(text).split(/([\p{L}\p{N}]+)/u).map(function (part, at) {
    return at % 2 === 1 && matches(fold(part)) ? "<mark>" + escapeHtml(part) + "</mark>" : escapeHtml(part);
  }).join("");
}

/* Material's result items: one per page, best first; each the page, then its sections that matched. */
function search(query) {
  var typed = words(query);
  if (!typed.length) return Promise.resolve({ items: [] });
  return load().then(function (loaded) {
    var index = loaded.index, stem = loaded.stem;
    var stems = typed.map(stem);
    return Promise.all(stems.map(function (s) { return shard(index, s); })).then(function (found) {
      return { items: rank(index, typed, stems, found, stem) };
    });
  });
}

function rank(index, typed, stems, found, stem) {
  var total = index.sections.length;
  var scores = {}; // section -> {score, words: {word: true}}
  var hits = {}; // terms that matched, for the highlights
  stems.forEach(function (s, w) {
    var best = {}; // section -> this word's best score there
    Object.keys(found[w]).forEach(function (term) {
      var part = share(term, s);
      if (!part) return;
      hits[term] = true;
      var postings = found[w][term];
      var rarity = Math.log(1 + total / (postings.length / 2));
      for (var i = 0, section = 0; i < postings.length; i += 2) {
        section += postings[i];
        best[section] = Math.max(best[section] || 0, postings[i + 1] * part * rarity);
      }
    });
    Object.keys(best).forEach(function (section) {
      var entry = scores[section] || (scores[section] = { score: 0, words: {} });
      entry.score += best[section];
      entry.words[typed[w]] = true;
    });
  });
  var matches = function (word) {
    var s = stem(word);
    return Object.keys(hits).some(function (term) { return share(term, s) > 0; });
  };
  var pages = {}; // page -> {number, words (of the query, in any of its sections), score (its best section's), sections}
  Object.keys(scores).forEach(function (number) {
    var section = index.sections[number];
    var entry = scores[number];
    var page = pages[section[0]] || (pages[section[0]] = { number: section[0], words: {}, score: 0, sections: [] });
    Object.keys(entry.words).forEach(function (word) { page.words[word] = true; });
    page.score = Math.max(page.score, entry.score);
    page.sections.push({ section: section, score: entry.score, words: entry.words });
  });
  // Pages with more of the words typed first, then by weight.
  return Object.keys(pages).map(function (key) { return pages[key]; }).sort(function (a, b) {
    return Object.keys(b.words).length - Object.keys(a.words).length || b.score - a.score || a.number - b.number;
  }).map(function (page, place, all) {
    return toItem(index, page, all.length - place, typed, matches);
  });
}

function termsOf(typed, matched) {
  var terms = {};
  typed.forEach(function (word) { terms[word] = !!matched[word]; });
  return terms;
}

/* One of Material's items: the page (with its summary when its own text matched), then its sections, the best
   shown and the others under Material's "more on this page" (a lower score than the page's). */
function toItem(index, page, score, typed, matches) {
  var info = index.pages[page.number];
  var own = page.sections.filter(function (entry) { return entry.section[1] === ""; })[0];
  var others = page.sections.filter(function (entry) { return entry.section[1] !== ""; }).sort(function (a, b) {
    return b.score - a.score;
  });
  var item = [{
    location: info[0],
    title: marked(info[1], matches),
    text: own || !others.length ? marked(info[2], matches) : "",
    score: score,
    terms: termsOf(typed, page.words),
  }];
  others.forEach(function (entry, place) {
    item.push({
      location: info[0] + "#" + entry.section[1],
      title: marked(entry.section[2], matches),
      text: marked(entry.section[3], matches),
      score: place === 0 && !own ? score : score / 2,
      terms: termsOf(typed, entry.words),
    });
  });
  return item;
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    load().catch(function () {}); // the reader has opened search: the index downloads while they type
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var ticket = ++latest;
    new Promise(function (resolve) { setTimeout(resolve, PAUSE_MS); }).then(function () {
      return ticket === latest ? search(String(message.data)) : null;
    }).then(function (data) {
      if (data !== null && ticket === latest) postMessage({ type: RESULT, data: data });
    }, function (error) {
      console.warn("Search failed:", error);
      if (ticket === latest) postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
