"""The Spanish claim guard refuses what marketers write in Spanish and passes honest Spanish: every corpus sentence, both ways."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from claim_guard import verdict  # noqa: E402

from sitegen.check.claim_guard import ClaimGuard, languages, load_rules, rules_file  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "claim_corpus.es.yaml"
CASES = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["cases"]
SPANISH = ClaimGuard(lang="es")


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_each_spanish_sentence_is_refused_under_its_rule_or_passes(case: dict) -> None:
    rules = verdict(SPANISH, case)
    if case["expect"] == "pass":
        assert rules == [], f"false alarm: {rules}"
    else:
        assert case["expect"] in rules, f"got {rules}"


def test_every_spanish_rule_is_tested_both_ways() -> None:
    refused = {c["expect"] for c in CASES if c["expect"] != "pass"}
    assert {rule.id for rule in load_rules(rules_file("es"))} <= refused
    assert sum(c["expect"] == "pass" for c in CASES) >= 35


def test_spanish_has_the_same_rule_ids_as_english_so_switching_one_off_applies_to_both() -> None:
    assert [r.id for r in load_rules(rules_file("es"))] == [r.id for r in load_rules()]
    assert "es" in languages()
    assert ClaimGuard({"promise"}, lang="es").check("La ketamina cura la depresión.") == []


def test_the_english_guard_does_not_read_spanish_and_the_spanish_one_names_the_words() -> None:
    text = "Nuestras infusiones de ketamina están aprobadas por la FDA para la depresión."
    (hit,) = SPANISH.check(text)
    assert hit.rule == "approval-claim" and hit.match == "aprobadas por la FDA" and text[hit.start :].startswith("aprobadas")
    assert "La FDA aprobó la ketamina como anestésico" in hit.suggestion  # the rewording is offered in Spanish


def test_esketamine_suggestion_gives_its_approved_uses() -> None:
    (hit,) = SPANISH.check("Spravato está aprobado para tratar el TEPT.")
    assert hit.rule == "esketamine-approval-claim"
    assert "depresión resistente al tratamiento" in hit.suggestion and "pensamientos o conductas suicidas" in hit.suggestion


def test_a_language_without_rules_is_named() -> None:
    with pytest.raises(ValueError, match=r"no claim rules for this language: claim_rules\.fr\.yaml"):
        ClaimGuard(lang="fr")


def test_spanish_held_out_sentences_keep_precision_and_recall_above_nine_in_ten() -> None:
    from claim_guard import measure

    result = measure(ROOT / "tests" / "data" / "claim_corpus_heldout.es.yaml")
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9, result["wrong"]


def test_a_spanish_text_is_refused_even_when_the_same_characters_passed_as_english(workdir: Path, monkeypatch) -> None:
    """Passes kept between builds are per language: an English pass of a text never lets the Spanish rules skip it."""
    from sitegen.check import claim_guard
    from sitegen.check.claims import check_claims
    from sitegen.commands.check import load_resolved
    from sitegen.core.findings import Findings
    from sitegen.core.options import Options

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    claim = "Nuestras infusiones de ketamina están aprobadas por la FDA para la depresión."
    history = workdir / "content/topics/history.yaml"
    history.write_text(history.read_text().replace("Seven people took part. Their mood got better within days.", claim))
    loaded = load_resolved(Options(content_dir=workdir / "content"))
    assert loaded.content is not None and not loaded.findings.errors
    checked: list[tuple[str, str]] = []
    real_check = claim_guard.ClaimGuard.check
    monkeypatch.setattr(
        claim_guard.ClaimGuard, "check", lambda self, text, *a, **k: checked.append((self.lang, text)) or real_check(self, text, *a, **k)
    )

    def refused(lang: str) -> list[str]:
        findings = Findings()
        check_claims(loaded.content, findings, lang)
        return [f"{item.line}: {item.message}" for item in findings.items if "history.yaml" in str(item.path) and item.severity == "error"]

    assert refused("en") == []  # the English rules do not read Spanish: passed, and kept as passed
    assert ("en", claim) in checked
    checked.clear()
    assert refused("en") == [] and checked == []  # the English pass is used
    for _ in range(2):  # the Spanish rules check it (an English pass does not count) and refuse it on every build
        (finding,) = refused("es")
        assert "[approval-claim]" in finding and "aprobadas por la FDA" in finding
    assert checked.count(("es", claim)) == 2
