"""The claim guard refuses what marketers write and passes honest sentences: every corpus sentence, and the rule set itself."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from claim_guard import CORPUS, measure, verdict  # noqa: E402

from sitegen.check.claim_guard import KINDS, ClaimGuard, load_rules  # noqa: E402

CASES = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["cases"]


def test_the_corpus_has_at_least_60_sentences_half_refused_half_passing() -> None:
    refused = [c for c in CASES if c["expect"] != "pass"]
    assert len(CASES) >= 60
    assert len(refused) == len(CASES) - len(refused)


def test_the_corpus_covers_every_rule() -> None:
    expected = {c["expect"] for c in CASES}
    assert {rule.id for rule in load_rules()} <= expected


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_each_sentence_is_refused_under_its_rule_or_passes(case: dict) -> None:
    rules = verdict(ClaimGuard(), case)
    if case["expect"] == "pass":
        assert rules == [], f"false alarm: {rules}"
    else:
        assert case["expect"] in rules, f"got {rules}"


def test_held_out_sentences_keep_precision_and_recall_above_nine_in_ten() -> None:
    result = measure(ROOT / "tests" / "data" / "claim_corpus_heldout.yaml")
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9, result["wrong"]


def test_a_switched_off_rule_is_not_applied() -> None:
    text = "Ketamine works faster than antidepressants."
    assert [h.rule for h in ClaimGuard().check(text)] == ["comparison"]
    assert ClaimGuard({"comparison"}).check(text) == []


def test_every_rule_has_an_id_a_known_kind_a_message_and_a_suggestion() -> None:
    for rule in load_rules():
        assert rule.id and rule.kind in KINDS and rule.message and rule.suggestion


def test_a_finding_names_its_rule_and_suggests_a_rewording() -> None:
    (hit,) = ClaimGuard().check("We offer FDA-approved ketamine infusions.")
    assert hit.format().startswith("[approval-claim] 'FDA-approved' says or implies ketamine is approved")
    assert '(suggest: "Ketamine is FDA-approved as an anesthetic; its use for depression is off-label.' in hit.format()
    assert hit.start == len("We offer ")


def test_texts_the_guard_passed_are_remembered_but_an_edited_text_is_refused_again(workdir: Path, run, monkeypatch) -> None:
    """The claim cache keeps passes only: a build after an edit, or after a rule is switched back on, reports the claim."""
    from sitegen.check import claim_guard

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    checked: list[str] = []
    real_check = claim_guard.ClaimGuard.check

    def counting_check(self, text, *args, **kwargs):
        checked.append(text)
        return real_check(self, text, *args, **kwargs)

    monkeypatch.setattr(claim_guard.ClaimGuard, "check", counting_check)
    assert run("check", "--content", "content")[0] == 0
    assert "Seven people took part. Their mood got better within days." in checked
    checked.clear()
    assert run("check", "--content", "content")[0] == 0
    assert checked == []  # every text passed last time, with the same rules and sources: none is checked again

    history = workdir / "content/topics/history.yaml"
    history.write_text(history.read_text().replace("got better within days.", "got better within days, guaranteed."))
    for _ in range(2):  # and again: a refused text is never remembered as passed
        code, _, err = run("check", "--content", "content")
        assert code == 1
        assert "history.yaml:11:" in err and "[promise] 'guaranteed'" in err
    # Checked again: the edited text in both builds, its heading (the text is its context) once, then remembered.
    edited = "Seven people took part. Their mood got better within days, guaranteed."
    assert checked == ["First controlled study in depression", edited, edited]

    lint = workdir / "content/lint.yaml"
    lint.write_text(
        lint.read_text() + "switched_off:\n  - rule: promise\n    reason: Only to test that switching a rule back on reports again.\n"
    )
    assert run("check", "--content", "content")[0] == 0  # passed, and remembered as passed with 'promise' off
    lint.write_text(lint.read_text().split("switched_off:")[0])
    code, _, err = run("check", "--content", "content")
    assert code == 1 and "[promise] 'guaranteed'" in err
