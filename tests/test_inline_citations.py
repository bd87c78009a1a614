"""Citations at the sentence ([^id]) render as numbered links to the page's sources; clinic data shows what it measured."""

from __future__ import annotations

from pathlib import Path

from conftest import build_args

ANSWER = """    answer: >-
      In a small study, seven people with depression felt better within days.
      A *placebo* did not help them."""
CLINIC_DATA = """  - id: our-2025
    kind: clinic-data
    title: Outcomes of our 2025 infusion courses
    container: Test Clinic
    year: 2025
    measured: PHQ-9 depression score, at least halved
    patients: 120
    period: January to December 2025
    method: every patient who finished six infusions; score before the first and a week after the last
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _answer(workdir: Path, text: str) -> None:
    edit(workdir / "content/faq.yaml", ANSWER, "    answer: >-\n      " + text)


def test_a_citation_at_the_sentence_renders_as_a_numbered_link_to_the_source_list(workdir: Path, run) -> None:
    _answer(workdir, "In a small study, 7 in 10 people felt better within days [^berman-2000]. A *placebo* did not help them.")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    page = (workdir / "docs/faq/does-it-work.md").read_text()
    assert 'felt better within days<sup class="cite">[[1](#src-berman-2000)]</sup>. A *placebo*' in page
    assert '\n## Sources { #sources }\n\n1. <span id="src-berman-2000"></span>Berman RM, et al. Antidepressant effects' in page
    assert "[^" not in page


def test_a_figure_with_a_source_elsewhere_in_the_item_is_refused_at_the_figure(workdir: Path, run) -> None:
    _answer(workdir, "In a small study, 7 in 10 people felt better within days. A *placebo* did not help them [^berman-2000].")
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert err.startswith(
        "content/faq.yaml:21:25: [figure-needs-citation] the figure '7 in 10' has no citation in its sentence; a source elsewhere in the "
        'item does not say which study reports it (suggest: "Cite the source that reports it inside the same sentence'
    ), err


def test_a_clinic_result_needs_clinic_data_shown_beside_the_figure(workdir: Path, run) -> None:
    sentence = "Of our patients who finished six infusions in 2025, 52 in 100 felt much better"
    _answer(workdir, sentence + " [^berman-2000].")
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert err.startswith(
        "content/faq.yaml:21:10: [clinic-figure-needs-clinic-data] 'our patients' is a claim about the clinic's own results;"
    ), err
    edit(workdir / "content/faq.yaml", "felt much better [^berman-2000].", "felt much better [^our-2025].")
    edit(workdir / "content/references.yaml", "sources:\n", "sources:\n" + CLINIC_DATA)
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    page = (workdir / "docs/faq/does-it-work.md").read_text()
    assert (
        "52 in 100 felt much better (Test Clinic's own records: PHQ-9 depression score, at least halved, 120 patients, "
        "January to December 2025; every patient who finished six infusions; score before the first and a week after the last)"
        '<sup class="cite">[[1](#src-our-2025)]</sup>'
    ) in page


def test_clinic_data_without_what_was_measured_is_refused(workdir: Path, run) -> None:
    edit(workdir / "content/references.yaml", "sources:\n", "sources:\n" + CLINIC_DATA.replace("    patients: 120\n", ""))
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert "clinic data needs 'patients': say what was measured, in how many patients, over what period and how" in err


def test_an_unknown_citation_is_named_with_the_closest_source(workdir: Path, run) -> None:
    _answer(workdir, "In a small study, 7 in 10 people felt better [^bermann-2000].")
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert (
        "content/faq.yaml:21:52: citation '[^bermann-2000]' names an unknown source: it is not in references.yaml 'sources' "
        "(did you mean 'berman-2000'?)\n"
    ) in err


def test_a_rule_is_switched_off_only_with_a_reason_the_build_prints(workdir: Path, run) -> None:
    _answer(workdir, "Ketamine works faster than most antidepressants. A *placebo* did not help them.")
    assert run("check", "--content", "content")[0] == 1
    lint = workdir / "content/lint.yaml"
    lint.write_text(
        lint.read_text()
        + "switched_off:\n  - rule: comparison\n    reason: Our medical director has checked every comparison on this site against head-to-head trials.\n"
    )
    code, _, err = run("check", "--content", "content")
    assert code == 0, err
    assert (
        "content/lint.yaml:3:11: warning: claim rule 'comparison' is switched off for this clinic: Our medical director has checked "
        "every comparison on this site against head-to-head trials.\n"
    ) in err
    lint.write_text(lint.read_text().replace("rule: comparison", "rule: comparisons"))
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert "content/lint.yaml:3:11: there is no claim rule 'comparisons' (did you mean 'comparison'?); rules: " in err


def test_a_rule_cannot_be_switched_off_without_a_reason(workdir: Path, run) -> None:
    lint = workdir / "content/lint.yaml"
    lint.write_text(lint.read_text() + "switched_off:\n  - rule: comparison\n")
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert "content/lint.yaml:3:5: " in err and "'reason'" in err


def test_a_source_cited_only_inline_counts_as_cited(workdir: Path, run) -> None:
    edit(workdir / "content/references.yaml", "sources:\n", "sources:\n" + CLINIC_DATA)
    code, _, err = run("check", "--content", "content")
    assert code == 0 and "reference 'our-2025' is cited nowhere on the site" in err
    _answer(workdir, "Of our patients who finished six infusions in 2025, 52 in 100 felt much better [^our-2025].")
    code, _, err = run("check", "--content", "content")
    assert code == 0 and "cited nowhere" not in err, err
