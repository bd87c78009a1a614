"""Reading grades: our own Flesch-Kincaid and SMOG give exactly textstat 0.7.4's numbers, on every bundled page."""

from __future__ import annotations

import pytest
import textstat

from sitegen.check.readability import flesch_kincaid, grade, plain_text, smog, word_count
from sitegen.commands.check import check
from sitegen.core.options import Options
from sitegen.load.walk import walk

EDGE_CASES = [
    "",
    "Yes.",
    "Ketamine can raise blood pressure for about an hour. Your nurse checks it. You rest until it settles.",
    "Don't drive until the next day; it's not safe. We'll call you. They've said you're ready.",
    "A well-known side-effect is dissociation — a dreamlike, detached feeling. It fades within two hours! Is it scary? Sometimes.",
    "Esketamine (Spravato) was approved by the FDA in 2019 for treatment-resistant depression, 56 mg or 84 mg, twice weekly.",
]


def page_texts() -> list[tuple[str, str]]:
    result = check(Options())
    assert not result.findings.errors
    texts = []
    for slug, page in result.content.pages.items():
        fragments = [leaf.value for leaf in walk(page) if leaf.prose is not None and isinstance(leaf.value, str)]
        texts.append((slug, " ".join(plain_text(f) for f in fragments)))
    return texts


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_score_as_textstat_does(text):
    assert flesch_kincaid(text) == textstat.flesch_kincaid_grade(text)
    assert smog(text) == textstat.smog_index(text)
    assert word_count(text) == textstat.lexicon_count(text)


def test_every_bundled_page_scores_as_textstat_does():
    texts = page_texts()
    assert len(texts) >= 12
    for slug, text in texts:
        ours = (flesch_kincaid(text), smog(text), word_count(text))
        theirs = (textstat.flesch_kincaid_grade(text), textstat.smog_index(text), textstat.lexicon_count(text))
        assert ours == theirs, slug


def test_harder_text_scores_a_higher_grade():
    plain = "You may feel odd for an hour. A nurse stays with you. Then you go home with a friend."
    dense = (
        "Dissociative phenomenology, hemodynamic perturbations and transient psychotomimetic manifestations "
        "necessitate continuous observation. Administration requires institutional authorization. "
        "Contraindications encompass uncontrolled hypertension."
    )
    assert flesch_kincaid(plain) < 4 < 12 < flesch_kincaid(dense)
    assert smog(plain) < smog(dense)


def test_saved_grades_match_fresh_ones(tmp_path, monkeypatch):
    from sitegen.core import cache

    monkeypatch.setenv("SITEGEN_CACHE", str(tmp_path))
    fragments = ["Ketamine can raise blood pressure for about an hour.", "- Your nurse checks it\n- You rest"]
    fresh = grade(fragments)
    cache.save_bundles()
    assert list((tmp_path / "reading-grades").iterdir())
    assert grade(fragments) == fresh
    saved = cache.bundle("reading-grades")
    saved.entries = dict.fromkeys(saved.entries, "damaged")
    assert grade(fragments) == fresh
    monkeypatch.setenv("SITEGEN_CACHE", "off")
    assert grade(fragments) == fresh
