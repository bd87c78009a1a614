/* "Is this right for me?": evaluates the page's rules in the browser. Answers are never stored or sent. */
(function () {
  "use strict";
  var form = document.getElementById("self-check");
  var dataNode = document.getElementById("self-check-data");
  if (!form || !dataNode) return;

  var data = JSON.parse(dataNode.textContent);
  /* The script's own words come with its data, in the page's language (templates/ui/<lang>.yaml, 'script_' keys). */
  var words = data.words;
  function say(key, values) {
    return words[key].replace(/\{([a-z_]+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
  }
  var crisisBox = document.getElementById("self-check-crisis");
  var resultBox = document.getElementById("self-check-result");
  var live = document.getElementById("self-check-live");
  var submit = form.querySelector("[data-self-check-submit]");
  var levels = ["immediate", "urgent", "discuss", "information"];
  submit.hidden = false;

  function chosen(name) {
    var inputs = form.querySelectorAll('input[name="' + name + '"]:checked');
    return Array.prototype.map.call(inputs, function (input) { return input.value; });
  }

  function labelFor(name, value) {
    var input = form.querySelector('input[name="' + name + '"][value="' + value + '"]');
    var label = input && form.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent : value;
  }

  function intersects(values, allowed) {
    return values.some(function (v) { return allowed.indexOf(v) >= 0; });
  }

  function crisisChosen() {
    return data.questions.some(function (q) { return intersects(chosen(q.id), q.crisis); });
  }

  function immediateOutcome() {
    return Object.keys(data.outcomes).filter(function (id) { return data.outcomes[id].kind === "crisis"; })[0];
  }

  /* Most cautious first: crisis help, then not suitable, own doctor, talk first, and the clinic last. */
  function caution(id) {
    return data.kinds.indexOf(data.outcomes[id].kind) * levels.length + levels.indexOf(data.outcomes[id].level);
  }

  function outcomeCopy(id) {
    var copy = document.getElementById("outcome-" + id).cloneNode(true);
    copy.removeAttribute("id");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    return copy;
  }

  function element(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function updateCrisis() {
    var show = crisisChosen();
    var wasHidden = crisisBox.hidden;
    crisisBox.replaceChildren();
    crisisBox.hidden = !show;
    if (!show) return;
    crisisBox.appendChild(element("h2", say("help_now"), { id: "self-check-crisis-heading" }));
    crisisBox.appendChild(outcomeCopy(immediateOutcome()));
    if (wasHidden) crisisBox.focus();
  }

  /* The first matching rule decides; a crisis answer, a critical item or a more cautious score band outranks it, so a
     questionnaire can never turn an outcome that sends a person to their own doctor into the clinic's button. */
  function evaluate() {
    var candidates = [];
    var matched = [];
    if (crisisChosen()) candidates.push(immediateOutcome());
    for (var i = 0; i < data.rules.length; i++) {
      var rule = data.rules[i];
      var fits = rule.when.every(function (c) { return intersects(chosen(c.question), c.any_of); });
      if (fits) { candidates.push(rule.outcome); matched.push(rule); break; }
    }
    var score = null;
    var q = data.questionnaire;
    if (q) {
      var answers = q.items.map(function (item) { return chosen("item-" + item.id)[0]; });
      if (q.critical_outcome && q.items.some(function (item, n) { return item.critical && Number(answers[n]) > 0; })) {
        candidates.push(q.critical_outcome);
      }
      if (answers.every(function (a) { return a !== undefined; })) {
        score = answers.reduce(function (sum, a) { return sum + Number(a); }, 0);
        q.bands.forEach(function (band) {
          if (score >= band.min && score <= band.max) { candidates.push(band.outcome); score = { total: score, band: band.label }; }
        });
      }
    }
    candidates.sort(function (a, b) { return caution(a) - caution(b); });
    return { outcome: candidates[0], matched: matched, score: score };
  }

  function isCaution(outcomeId) {
    var kind = data.outcomes[outcomeId].kind;
    return kind === "not-suitable" || kind === "own-doctor";
  }

  /* The deciding rule's answers, and under a cautious result every other caution that applies too, so the doctor
     sees all of them (e.g. uncontrolled blood pressure behind a pregnancy result). */
  function triggeringAnswers(result) {
    var wanted = data.outcomes[result.outcome].list;
    var cautious = isCaution(result.outcome);
    var lines = [];
    data.rules.forEach(function (rule) {
      var deciding = rule.outcome === result.outcome;
      var fits = rule.when.every(function (c) { return intersects(chosen(c.question), c.any_of); });
      var otherCaution = cautious && !deciding && isCaution(rule.outcome) && fits;
      if (!deciding && !otherCaution) return;
      rule.when.forEach(function (c) {
        if (deciding && wanted.indexOf(c.question) < 0) return;
        chosen(c.question).forEach(function (v) {
          if (c.any_of.indexOf(v) < 0) return;
          var q = data.questions.filter(function (x) { return x.id === c.question; })[0];
          var line = q.text + " " + labelFor(c.question, v);
          if (lines.indexOf(line) < 0) lines.push(line);
        });
      });
    });
    return lines;
  }

  function summary() {
    var list = element("dl", "", { "class": "self-check__answers" });
    data.questions.forEach(function (q) {
      var values = chosen(q.id);
      list.appendChild(element("dt", q.text));
      list.appendChild(element("dd", values.length ? values.map(function (v) { return labelFor(q.id, v); }).join(", ") : say("not_answered")));
    });
    return list;
  }

  var fallback = document.getElementById("self-check-fallback");

  form.addEventListener("change", function (event) {
    if (!event.target.closest(".self-check__question--safety")) return;
    try {
      updateCrisis();
    } catch (error) {
      if (fallback) fallback.hidden = false; /* crisis help stays in view if the script fails later */
      throw error;
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    updateCrisis();
    var result = evaluate();
    var outcome = outcomeCopy(result.outcome);
    resultBox.replaceChildren();
    resultBox.appendChild(element("h2", say("next_step"), { id: "self-check-result-heading" }));
    resultBox.appendChild(outcome);
    var listed = triggeringAnswers(result);
    if (listed.length) {
      resultBox.appendChild(element("h3", say("talk_first")));
      var ul = element("ul");
      listed.forEach(function (line) { ul.appendChild(element("li", line)); });
      resultBox.appendChild(ul);
    }
    if (result.score && result.score.total !== undefined) {
      resultBox.appendChild(element("p", say("questionnaire_total", { total: result.score.total, band: result.score.band })));
    }
    resultBox.appendChild(element("h3", say("your_answers")));
    resultBox.appendChild(summary());
    var actions = element("p", "", { "class": "self-check__actions" });
    var print = element("button", say("print"), { type: "button", "class": "md-button" });
    print.addEventListener("click", function () { window.print(); });
    var again = element("button", say("start_again"), { type: "button", "class": "md-button" });
    again.addEventListener("click", function () {
      form.reset();
      resultBox.hidden = true;
      updateCrisis();
      document.documentElement.classList.remove("self-check-done");
      form.querySelector("input").focus();
    });
    actions.appendChild(print);
    actions.appendChild(again);
    resultBox.appendChild(actions);
    resultBox.hidden = false;
    document.documentElement.classList.add("self-check-done");
    live.textContent = say("live", { title: outcome.querySelector(".admonition-title").textContent });
    resultBox.focus();
  });

  /* Last: only a script that has fully started hides the crisis help shown in the page for when it cannot. */
  if (fallback) fallback.hidden = true;
})();
