"""Precision and recall of the claim guard on the sentence corpus: python bench/claim_guard.py [CORPUS.yaml] (claim_corpus.es.yaml: Spanish rules)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.check.claim_context import Source, TextContext
from sitegen.check.claim_guard import ClaimGuard

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "claim_corpus.yaml"
KINDS = {"journal": Source(), "head-to-head": Source(head_to_head=True), "clinic-data": Source(clinic_data=True)}


def verdict(guard: ClaimGuard, case: dict) -> list[str]:
    """The rule ids the guard reports for one corpus case (empty: it passes)."""
    cites = {key: KINDS[kind] for key, kind in (case.get("cites") or {}).items()}
    heading = case.get("heading")
    if case.get("check") == "heading":  # the text is a heading; what follows it is given as `heading`
        context = TextContext(after=[heading], source=cites.get)
    else:
        context = TextContext(before=[heading] if heading else [], source=cites.get)
    return [hit.rule for hit in guard.check(case["text"], context)]


def measure(path: Path = CORPUS, lang: str | None = None) -> dict:
    """lang: the corpus's language; by default the one its name says ('claim_corpus.es.yaml': 'es'), else English."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    guard = ClaimGuard(lang=lang or (path.suffixes[0][1:] if len(path.suffixes) > 1 else "en"))
    tp = fp = fn = tn = right_rule = 0
    wrong = []
    for case in cases:
        rules = verdict(guard, case)
        refuse = case["expect"] != "pass"
        if refuse and rules:
            tp += 1
            right_rule += case["expect"] in rules
            if case["expect"] not in rules:
                wrong.append(f"wrong rule {rules} (want {case['expect']}): {case['text']}")
        elif refuse:
            fn += 1
            wrong.append(f"missed ({case['expect']}): {case['text']}")
        elif rules:
            fp += 1
            wrong.append(f"false alarm {rules}: {case['text']}")
        else:
            tn += 1
    return {
        "cases": len(cases),
        "refuse": tp + fn,
        "pass": fp + tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "right_rule": right_rule / (tp + fn) if tp + fn else 1.0,
        "wrong": wrong,
    }


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
    print(f"{result['cases']} sentences: {result['refuse']} must be refused, {result['pass']} must pass")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  refused under the expected rule {result['right_rule']:.3f}")
    for line in result["wrong"]:
        print("  " + line)
