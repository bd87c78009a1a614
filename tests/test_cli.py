"""The command line contract: commands, options, exit codes, and how findings are reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_args
from test_build import edit


def test_usage_error_exits_2(workdir: Path, run) -> None:
    code, _, err = run("publish")
    assert code == 2 and "invalid choice: 'publish'" in err
    code, _, err = run("check", "--content", "no-such-folder")
    assert code == 2 and "--content no-such-folder does not exist" in err


def test_options_that_do_not_go_together_are_refused_not_ignored(workdir: Path, run) -> None:
    (workdir / "other.yaml").write_text((workdir / "content/clinic.yaml").read_text())
    code, _, err = run("all", "--clinic", "other.yaml")
    assert code == 2 and "to build one clinic, run: python build.py --clinic other.yaml" in err
    code, _, err = run("check", "--clinics", ".")
    assert code == 2 and "--clinics is for 'all'" in err
    assert not (workdir / "sites").exists()


def test_every_error_in_every_file_is_reported_before_stopping(workdir: Path, run) -> None:
    edit(workdir / "content/faq.yaml", "answer: Ketamine", "answr: Ketamine")
    edit(workdir / "content/topics/myths.yaml", "sources: [berman-2000]", "sources: [nobody-1999]")
    edit(workdir / "content/clinic.yaml", 'primary: "#1d4e6e"', "primary: navy")
    code, _, err = run("check", "--content", "content")
    lines = err.strip().splitlines()
    assert code == 1
    assert lines[-1] == "2 errors in 2 files; nothing was built."  # cross-references wait for valid files
    assert lines[0].startswith("content/clinic.yaml:8:12: 'primary' should be a colour")
    assert lines[1] == "content/faq.yaml:13:5: unknown key 'answr' (did you mean 'answer'?)"
    edit(workdir / "content/faq.yaml", "answr: Ketamine", "answer: Ketamine")
    edit(workdir / "content/clinic.yaml", "primary: navy", 'primary: "#1d4e6e"')
    code, _, err = run("check", "--content", "content")
    assert code == 1 and "content/topics/myths.yaml:12:15: unknown source 'nobody-1999'" in err


def test_yes_and_no_typed_as_text_stay_text(workdir: Path, run) -> None:
    edit(workdir / "content/self_check.yaml", '{value: "no", label: "No"}', "{value: 'no', label: no}")
    edit(workdir / "content/faq.yaml", "question: Does it work?", "question: on")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    assert ">no</label>" in (workdir / "site/is-this-right-for-me/index.html").read_text()
    assert ">on<" in (workdir / "site/faq/index.html").read_text()


def test_review_due_soon_is_a_warning_not_an_error(workdir: Path, run) -> None:
    edit(workdir / "content/topics/myths.yaml", "next_review_due: 2027-10-01", "next_review_due: 2026-12-15")
    code, out, err = run("check", "--content", "content")
    assert code == 0
    assert "content/topics/myths.yaml:6:20: warning: medical review is due in 23 days (2026-12-15); plan it" in err
    assert "Content OK." in out


def test_check_reports_the_reading_grade_of_every_page(workdir: Path, run) -> None:
    code, out, _ = run("check", "--content", "content")
    assert code == 0
    assert out.count("reading grade") == 13
    assert "content/topics/for-clinicians.yaml: reading grade" in out and "(not enforced)" in out


def test_no_traceback_for_broken_content_from_the_real_command(workdir: Path) -> None:
    (workdir / "content/faq.yaml").write_bytes(b"\xff\xfe broken")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--content", "content", "--out", "site", "--docs", "docs"],
        capture_output=True,
        text=True,
        cwd=workdir,
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "content/faq.yaml:1:1: the file is not valid UTF-8 (byte 0xff); save it as UTF-8 in your editor",
        "1 error in 1 file; site/ was not changed.",
    ]
