"""Sign-off of the very text (build.py review), what changed since, and the launch check, as a clinic would use them."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, build_args

MYTHS = "content/topics/myths.yaml"
CHANGED = "content/topics/myths.yaml:9:5: warning: before going live (example: false): [sign-off] changed since Dr. Test Person's review on 2026-10-01"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_changed_text_is_reported_at_the_item_and_the_page_says_so(workdir: Path, run) -> None:
    edit(workdir / MYTHS, "Effects fade over days to weeks for most people.", "Effects fade over days to weeks for many people.")
    code, _, err = run("check", "--content", "content")
    assert code == 0
    assert (CHANGED + "; the page says so until a reviewer signs it off again: python build.py review myths --by dr-test\n") in err
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    page = (workdir / "docs" / "myths.md").read_text()
    assert (
        "**This text has changed since its last medical review on October 1, 2026.** A medical reviewer has not yet signed off the new wording."
        in page
    )
    assert "changed since its last medical review" not in (workdir / "docs" / "history.md").read_text()


def test_review_records_the_sign_off_in_place_and_keeps_comments_and_layout(workdir: Path, run) -> None:
    path = workdir / MYTHS
    edit(path, "title: Myths and facts\n", "# The myths page: keep this comment.\ntitle: Myths and facts\n")
    edit(path, "Effects fade over days to weeks for most people.", "Effects fade over days to weeks for many people.")
    before = path.read_text().splitlines()
    code, out, err = run("review", "myths", "--by", "dr-test", "--content", "content")
    assert (code, err) == (0, "")
    assert out == (
        f"Signed off 'myths' in {MYTHS} as reviewed by Dr. Test Person on 2026-11-22.\n"
        "Next review due 2027-05-23 (lint.yaml review_interval_days: 182).\n"
    )
    after = path.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert [b for _, b in changed] == ["  last_reviewed: 2026-11-22", "  next_review_due: 2027-05-23", changed[-1][1]]
    assert changed[-1][1].startswith("  text_fingerprint: ")
    assert after[0] == "# The myths page: keep this comment."
    code, _, err = run("check", "--content", "content")
    assert code == 0 and "myths.yaml" not in err


def test_an_answer_signed_off_on_its_own_gets_its_own_record(workdir: Path, run) -> None:
    code, out, _ = run("review", "faq/does-it-work", "--by", "dr-test", "--content", "content")
    assert code == 0
    assert out == "Signed off 'faq/does-it-work' in content/faq.yaml as reviewed by Dr. Test Person on 2026-11-22.\n"
    text = (workdir / "content/faq.yaml").read_text()
    assert (
        "    sources: [berman-2000]\n    review:\n      reviewed_by: [dr-test]\n      last_reviewed: 2026-11-22\n      text_fingerprint: "
        in text
    )
    edit(workdir / "content/faq.yaml", "felt better within days", "felt better within hours")
    code, _, err = run("check", "--content", "content")
    assert code == 0
    assert "[sign-off] changed since Dr. Test Person's review on 2026-11-22;" in err
    assert "python build.py review faq/does-it-work --by dr-test" in err


def test_review_list_shows_what_awaits_sign_off_what_changed_and_what_is_due(workdir: Path, run) -> None:
    edit(workdir / MYTHS, "most people", "many people")
    edit(workdir / "content/topics/history.yaml", "next_review_due: 2027-10-01", "next_review_due: 2026-12-15")
    glossary = workdir / "content/glossary.yaml"
    glossary.write_text("".join(line for line in glossary.read_text().splitlines(keepends=True) if "text_fingerprint" not in line))
    code, out, err = run("review", "--list", "--content", "content")
    assert (code, err) == (0, "")
    assert "Awaiting sign-off (1):\n  'glossary': wording never signed off (content/glossary.yaml:4)\n" in out
    assert (
        "Changed since sign-off (1):\n  'myths': changed since Dr. Test Person's review on 2026-10-01 (lines 9 of content/topics/myths.yaml)\n"
        in out
    )
    assert "Due within 60 days (1):\n  'history': review due in 23 days, on 2026-12-15 (content/topics/history.yaml:4)\n" in out
    assert out.endswith("Signed off and current: 10.\n")


def test_review_usage_errors_exit_2_with_the_fix(workdir: Path, run) -> None:
    assert run("review", "myth", "--by", "dr-test", "--content", "content")[::2] == (
        2,
        "build.py: error: 'myth' is not a page or an FAQ answer (did you mean 'myths'?)\n",
    )
    assert run("review", "myths", "--by", "dr-tst", "--content", "content")[::2] == (
        2,
        "build.py: error: --by dr-tst: no reviewer with that id in clinic.yaml 'reviewers' (did you mean 'dr-test'?)\n",
    )
    assert run("review", "myths", "--content", "content")[::2] == (
        2,
        "build.py: error: review needs a page or answer and a reviewer: python build.py review side-effects --by medical-director "
        "(or: python build.py review --list)\n",
    )
    assert run("check", "--by", "dr-test", "--content", "content")[::2] == (
        2,
        "build.py: error: a page name, --by and --list are for 'review'\n",
    )


def test_review_of_broken_content_records_nothing_and_exits_1(workdir: Path, run) -> None:
    edit(workdir / MYTHS, "fact: Effects", "fct: Effects")
    before = (workdir / MYTHS).read_text()
    code, out, err = run("review", "myths", "--by", "dr-test", "--content", "content")
    assert code == 1 and out == ""
    assert err.endswith("1 error in 1 file; no sign-off was recorded.\n")
    assert (workdir / MYTHS).read_text() == before


LAUNCH = [
    "content/clinic.yaml:4:30: [launch] '.example' is a placeholder (site_url); give the real one",
    "content/clinic.yaml:5:9: [launch] '555 0100' is a 555 number, reserved for fiction (phone); give the real number",
    "content/clinic.yaml:6:33: [launch] '.example' is a placeholder (booking_url); give the real one",
    "content/clinic.yaml:22:29: [launch] reviewer 'dr-test' is marked 'Test': name a real clinician who reviews the pages",
    "content/clinic.yaml:24:7: [launch] 'logos/lakeside.svg' is one of the bundled example logos; use the clinic's own logo, or remove 'logo'",
    "content/topics/myths.yaml:9:5: [sign-off] changed since Dr. Test Person's review on 2026-10-01; the page says so until a reviewer signs it off again: python build.py review myths --by dr-test",
]


def _launch_ready_except_for_the_problems(workdir: Path) -> None:
    (workdir / "content/logos").mkdir()
    shutil.copy(ROOT / "examples/clinics/logos/lakeside.svg", workdir / "content/logos/lakeside.svg")
    edit(workdir / "content/clinic.yaml", "disclaimer:", "logo: logos/lakeside.svg\ndisclaimer:")
    edit(workdir / MYTHS, "most people", "many people")


def test_launch_refuses_and_lists_every_problem_at_once(workdir: Path, run) -> None:
    _launch_ready_except_for_the_problems(workdir)
    edit(workdir / "content/clinic.yaml", "example: true", "example: false")
    code, out, err = run("check", "--content", "content")
    assert code == 1
    assert err.splitlines() == LAUNCH + ["6 errors in 2 files; nothing was built."]
    assert "Content OK." not in out


def test_a_draft_shows_the_same_list_as_warnings_at_the_same_places(workdir: Path, run) -> None:
    _launch_ready_except_for_the_problems(workdir)
    code, out, err = run("check", "--content", "content")
    assert code == 0 and "Content OK." in out
    for line in LAUNCH:
        where, message = line.split(" ", 1)
        message = message.removeprefix("[launch] ")
        assert f"{where} warning: {'[launch] ' if line.count('[launch]') else ''}before going live (example: false): {message}" in err


def test_text_the_claim_guard_refuses_is_not_signed_off(workdir: Path, run) -> None:
    edit(workdir / MYTHS, "Effects fade over days to weeks for most people.", "Ketamine is completely safe.")
    before = (workdir / MYTHS).read_text()
    code, out, err = run("review", "myths", "--by", "dr-test", "--content", "content")
    assert (code, out) == (1, "")
    assert err.startswith("content/topics/myths.yaml:11:23: [absolute-safety] 'completely safe' claims absolute safety;")
    assert err.endswith("'myths' was not signed off: fix the claims above first, then sign off the text as it will be published.\n")
    assert (workdir / MYTHS).read_text() == before


def test_the_faq_page_marks_the_one_answer_that_changed(workdir: Path, run) -> None:
    edit(workdir / "content/faq.yaml", "felt better within days", "felt better within hours")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    index = (workdir / "docs/faq/index.md").read_text()
    note = "*This answer has changed since its last medical review on October 1, 2026; a reviewer has not yet signed off the new wording.*"
    assert index.count(note) == 1
    assert index.index(note) > index.index("felt better within hours")
    assert "has changed since its last medical review" in (workdir / "docs/faq/does-it-work.md").read_text()
    assert "has changed since its last medical review" not in (workdir / "docs/faq/what-is-ketamine.md").read_text()
