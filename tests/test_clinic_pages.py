"""A clinic's own pages, hidden shared pages and answers, and its own menu (the overlay), as a marketer would try them."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_args
from test_build import edit

EXAMPLES = ROOT / "examples" / "clinics"

OUR_PAGE = """\
title: Your first visit with us
nav_title: First visit
tab_title: First visit at Test Clinic, Testville
summary: What happens at your first visit to Test Clinic, what to bring, and what we ask before any treatment.
review:
  reviewed_by: [dr-test]
  last_reviewed: 2026-11-01
  next_review_due: 2027-05-01
sections:
  - id: at-the-visit
    heading: At the visit
    body: A doctor talks with you about your health and the care you have tried. You can ask us anything.
"""

OVERLAY = """\
pages:
  - address: first-visit
    file: our-pages/first-visit.yaml
"""


@pytest.fixture
def clinic(workdir: Path) -> Path:
    """The fixture clinic with an overlay that adds one page of its own (content/our-pages/first-visit.yaml)."""
    (workdir / "content/our-pages").mkdir()
    (workdir / "content/our-pages/first-visit.yaml").write_text(OUR_PAGE)
    (workdir / "content/overlay.yaml").write_text(OVERLAY)
    edit(workdir / "content/clinic.yaml", "example: true\n", "example: true\noverlay: overlay.yaml\n")
    return workdir


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(run, workdir: Path, where: str, *expected: str) -> str:
    """Build after a good build: one error line at `where` (file:line:col) saying all of `expected`, exit 1, docs/ and site/ unchanged."""
    before = tree(workdir / "docs"), tree(workdir / "site")
    code, _, err = run("build", *build_args(workdir))
    errors = [line for line in err.splitlines() if ": warning:" not in line and re.match(r"^\S+:\d+:\d+: ", line)]
    assert code == 1, err
    assert any(line.startswith(where + ": ") and all(e in line for e in expected) for line in errors), err
    assert "Traceback" not in err
    assert (tree(workdir / "docs"), tree(workdir / "site")) == before
    return err


def menu_of(site: Path) -> list[str]:
    """The addresses of the primary menu, in order, as a reader sees them on the home page."""
    html = (site / "index.html").read_text()
    primary = html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]
    return [href for href in re.findall(r'<a href="([^"#]*)" class="md-nav__link', primary) if href not in ("", ".")]


def test_a_clinic_page_is_built_in_the_menu_with_its_own_tab_title_and_signed_by_the_clinics_reviewer(clinic: Path, run) -> None:
    code, _, err = run("build", *build_args(clinic))
    assert code == 0, err
    page = (clinic / "site/first-visit/index.html").read_text()
    assert "<title>First visit at Test Clinic, Testville</title>" in page
    assert re.search(r"<h1[^>]*>Your first visit with us", page) and "Dr. Test Person" in page and "Written by Test Clinic." in page
    assert page.index('class="crisis-help"') < page.index("<h1")
    assert menu_of(clinic / "site")[-3:] == ["first-visit/", "glossary/", "references/"]  # after the shared topics


def test_a_clinic_page_is_checked_by_the_content_rules(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    edit(clinic / "content/our-pages/first-visit.yaml", "You can ask us anything.", "It cures depression for good.")
    refused(run, clinic, "content/our-pages/first-visit.yaml:12:85", "'cures' promises a result")


@pytest.mark.parametrize(
    ("address", "col", "says"),
    [
        ("Our Approach", 14, ["has spaces and capital letters", "write 'our-approach'", "/our-approach/"]),
        ("first_visit", 14, ["write 'first-visit'"]),
        ("myths", 14, ["'myths' is a built-in page", "cannot be renamed", "hide_pages"]),
        ("handouts", 14, ["made by the build itself"]),
    ],
)
def test_a_page_address_must_be_lower_case_words_and_hyphens_and_not_a_built_in_page(
    clinic: Path, run, address: str, col: int, says: list[str]
) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    edit(clinic / "content/overlay.yaml", "address: first-visit", f"address: {address}")
    refused(run, clinic, f"content/overlay.yaml:2:{col}", *says)


def test_a_page_file_must_exist_and_be_in_the_clinics_own_folder(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    edit(clinic / "content/overlay.yaml", "file: our-pages/first-visit.yaml", "file: our-pages/first-vist.yaml")
    refused(run, clinic, "content/overlay.yaml:3:11", "does not exist", "our-pages/first-vist.yaml")
    edit(clinic / "content/overlay.yaml", "file: our-pages/first-vist.yaml", "file: ../elsewhere/first-visit.yaml")
    (clinic / "elsewhere").mkdir()
    shutil.copy(clinic / "content/our-pages/first-visit.yaml", clinic / "elsewhere/first-visit.yaml")
    refused(run, clinic, "content/overlay.yaml:3:11", "outside this clinic's own folder")
    edit(clinic / "content/overlay.yaml", "file: ../elsewhere/first-visit.yaml", "file: topics/visit.yaml")
    shutil.copy(clinic / "content/our-pages/first-visit.yaml", clinic / "content/topics/visit.yaml")
    refused(run, clinic, "content/overlay.yaml:3:11", "never in the shared topics/ folder")


def test_the_clinic_sets_the_menu_order_and_every_own_page_must_be_in_it_or_say_not(clinic: Path, run) -> None:
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "menu: [home, first-visit, faq, side-effects, handouts]\n")
    code, _, err = run("build", *build_args(clinic))
    assert code == 0, err
    assert menu_of(clinic / "site") == ["first-visit/", "faq/", "side-effects/", "handouts/"]  # home is the "." link
    assert (clinic / "site/myths/index.html").is_file()  # out of the menu, still on the site
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "menu: [home, faq, side-efects]\n")
    refused(run, clinic, "content/overlay.yaml:4:19", "unknown page 'side-efects' in the menu", "did you mean 'side-effects'")
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "menu: [home, faq]\n")
    refused(run, clinic, "content/overlay.yaml:2:14", "'first-visit' is not in 'menu'", "in_menu: false")


def test_a_page_no_menu_entry_or_link_reaches_is_a_warning(clinic: Path, run) -> None:
    edit(
        clinic / "content/overlay.yaml",
        "    file: our-pages/first-visit.yaml\n",
        "    file: our-pages/first-visit.yaml\n    in_menu: false\n",
    )
    code, _, err = run("build", *build_args(clinic))
    assert code == 0 and (clinic / "site/first-visit/index.html").is_file()
    assert "content/overlay.yaml:2:14: warning: no menu entry and no link on another page leads to the page 'first-visit'" in err
    assert "first-visit/" not in menu_of(clinic / "site")
    edit(clinic / "content/topics/home.yaml", "in plain words.", "in plain words. Read about [your first visit](page:first-visit).")
    code, _, err = run("build", *build_args(clinic))
    assert code == 0 and "leads to the page 'first-visit'" not in err, err


def test_a_hidden_shared_answer_is_gone_and_its_published_address_needs_a_forward(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "hide_answers:\n  - answer: does-it-work\n")
    err = refused(
        run, clinic, "content/published.lock.yaml:20:3", "'does-it-work'", "hidden by content/overlay.yaml (line 5)", "forward_to"
    )
    assert "content/published.lock.yaml:21:3: published FAQ answer 'is-it-effective' (/faq/is-it-effective/) is hidden" in err
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "hide_answers:\n  - answer: does-it-work\n    forward_to: what-is-ketamine\n")
    code, _, err = run("build", *build_args(clinic))
    assert code == 0, err
    faq = (clinic / "site/faq/index.html").read_text()
    assert "Does it work?" not in faq and 'id="what-is-ketamine"' in faq
    # The old address (and its old alias) forward to the answer named, with a real 301 on the hosts that can.
    assert "../what-is-ketamine/" in (clinic / "site/faq/does-it-work/index.html").read_text()
    assert "/faq/does-it-work/ /faq/what-is-ketamine/ 301" in (clinic / "site/_redirects").read_text()


def test_a_hidden_shared_page_leaves_site_menu_and_cards_and_a_published_one_needs_a_forward(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "hide_pages:\n  - page: history\n")
    refused(run, clinic, "content/published.lock.yaml:11:3", "published page '/history/' is hidden by content/overlay.yaml (line 5)")
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "hide_pages:\n  - page: history\n    forward_to: first-visit\n")
    code, _, err = run("build", *build_args(clinic))
    assert code == 0, err
    assert "history/" not in menu_of(clinic / "site")
    assert "first-visit/" in (clinic / "site/history/index.html").read_text()  # the old address forwards
    assert "/history/ /first-visit/ 301" in (clinic / "site/_redirects").read_text()
    assert 'href="../history/"' not in (clinic / "site/faq/what-is-ketamine/index.html").read_text()  # related link dropped


def test_a_link_to_a_hidden_answer_needs_its_forward(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    (clinic / "content/overlay.yaml").write_text(
        OVERLAY
        + "faq_items:\n  - id: our-answer\n    category: basics\n    question: Who answers the phone?\n"
        + "    answer: A nurse answers the phone. See also [does it work](faq:does-it-work).\n"
        + "hide_answers:\n  - answer: does-it-work\n"
    )
    refused(run, clinic, "content/overlay.yaml:8:64", "links to the answer 'does-it-work'", "(line 10)", "forward_to")


def test_safety_pages_cannot_be_hidden(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "hide_pages:\n  - page: side-effects\n")
    refused(run, clinic, "content/overlay.yaml:5:11", "'side-effects' cannot be hidden", "leave it out of 'menu'")


def test_a_built_in_page_cannot_be_renamed_by_a_forward_and_the_error_says_what_to_do(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "redirects:\n  - from: /myths/\n    to: first-visit\n")
    refused(run, clinic, "content/overlay.yaml:5:11", "built-in page 'myths'", "cannot be renamed", "hide_pages: [{page: myths")


def test_a_clinic_page_is_renamed_by_a_forward_from_its_old_address(clinic: Path, run) -> None:
    assert run("build", *build_args(clinic))[0] == 0
    assert run("lock", "--content", "content")[0] == 0
    edit(clinic / "content/overlay.yaml", "address: first-visit", "address: your-first-visit")
    code, _, err = run("build", *build_args(clinic))
    assert code == 1 and "published page '/first-visit/' no longer exists; forward it in the 'redirects' of content/overlay.yaml" in err
    (clinic / "content/overlay.yaml").write_text(
        OVERLAY.replace("first-visit\n", "your-first-visit\n", 1) + "redirects:\n  - from: /first-visit/\n    to: your-first-visit\n"
    )
    code, _, err = run("build", *build_args(clinic))
    assert code == 0, err
    assert "../your-first-visit/" in (clinic / "site/first-visit/index.html").read_text()


@pytest.fixture(scope="module")
def two_clinics(tmp_path_factory) -> Path:
    """Sunrise (its own page, a hidden answer, its own menu) and Cedar Ridge, built with one command."""
    from sitegen.commands.cli import main

    work = tmp_path_factory.mktemp("two-clinics")
    clinics = work / "clinics"
    clinics.mkdir()
    for name in ("sunrise", "cedar-ridge"):
        for path in EXAMPLES.glob(f"{name}.*"):
            shutil.copy(path, clinics / path.name)
    shutil.copytree(EXAMPLES / "logos", clinics / "logos")
    shutil.copytree(EXAMPLES / "sunrise-pages", clinics / "sunrise-pages")
    shutil.copytree(EXAMPLES / "photos", clinics / "photos")
    shutil.copytree(EXAMPLES / "translations", clinics / "translations")  # Sunrise's Spanish (languages: [en, es])
    assert main(["all", "--clinics", str(clinics), "--out", str(work / "sites"), "--docs", str(work / "docs")]) == 0
    return work / "sites"


def test_a_clinics_own_page_and_menu_never_appear_on_another_clinics_site(two_clinics: Path) -> None:
    sunrise, cedar = two_clinics / "sunrise", two_clinics / "cedar-ridge"
    page = (sunrise / "first-visit-at-sunrise/index.html").read_text()
    reviewers = {
        name: yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())["reviewers"][0]["name"] for name in ("sunrise", "cedar-ridge")
    }
    assert reviewers["sunrise"] in page and reviewers["cedar-ridge"] not in page
    assert menu_of(sunrise)[:4] == ["first-visit-at-sunrise/", "team/", "cost-and-insurance/", "locations/"]
    assert not (cedar / "first-visit-at-sunrise").exists()
    assert not any("first-visit-at-sunrise" in p.read_text() for p in cedar.rglob("*.html"))
    assert "first-visit-at-sunrise" not in (cedar / "sitemap.xml").read_text()
    assert menu_of(cedar)[:3] == ["conditions/", "treatment-options/", "what-to-expect/"]  # the shared order
    # Sunrise hides the shared migraine answer (its published address forwards to the chronic pain answer); Cedar Ridge keeps it.
    question = next(i["question"] for i in yaml.safe_load((ROOT / "content_data/faq.yaml").read_text())["items"] if i["id"] == "migraine")
    assert question not in (sunrise / "faq/index.html").read_text() and question in (cedar / "faq/index.html").read_text()
    assert "../chronic-pain/" in (sunrise / "faq/migraine/index.html").read_text()
    assert question in (cedar / "faq/migraine/index.html").read_text()


def test_the_clinics_reviewer_signs_its_own_page_off_in_the_pages_own_file(clinic: Path, run) -> None:
    code, _, err = run("build", *build_args(clinic))
    assert code == 0 and "python build.py review first-visit --by dr-test" in err
    code, _, err = run("review", "first-visit", "--by", "dr-test", "--content", "content")
    assert code == 0, err
    assert "text_fingerprint: " in (clinic / "content/our-pages/first-visit.yaml").read_text()
    code, _, err = run("build", *build_args(clinic))
    assert code == 0 and "review first-visit" not in err


def test_pages_made_from_the_clinic_profile_follow_the_home_page_or_take_their_place_in_the_clinics_menu(clinic: Path) -> None:
    """with_menu's made_pages: pages the build writes from clinic.yaml (no page file) join the menu like the others."""
    from sitegen.commands.check import load_resolved
    from sitegen.core.findings import Findings
    from sitegen.core.options import Options
    from sitegen.load.menu import with_menu

    options = Options(content_dir=clinic / "content")
    content = load_resolved(options).content
    assert content is not None
    findings = Findings()
    assert with_menu(content, options.config_file, findings, made_pages=["team"]).menu[:3] == ["home", "team", "conditions"]
    (clinic / "content/overlay.yaml").write_text(OVERLAY + "menu: [home, first-visit, faq, team]\n")
    content = load_resolved(options).content
    assert content is not None
    assert with_menu(content, options.config_file, findings, made_pages=["team"]).menu == ["home", "first-visit", "faq", "team"]
    assert findings.items == []


@pytest.mark.parametrize(
    ("hide", "where", "expected"),
    [
        (
            "hide_pages:\n  - page: myths\n  - page: myths\n",
            "content/overlay.yaml:6:11",
            "'myths' is already hidden above; list each page once",
        ),
        (
            "hide_pages:\n  - page: myths\n    forward_to: myths\n",
            "content/overlay.yaml:6:17",
            "'myths' is hidden too; forward to a page the site shows",
        ),
        (
            "faq_items:\n  - id: our-own\n    category: basics\n    question: Who answers the phone?\n"
            "    answer: A nurse answers the phone.\nhide_answers:\n  - answer: our-own\n",
            "content/overlay.yaml:10:13",
            "'our-own' is your own answer; to drop it, remove it from 'faq_items' instead",
        ),
        (
            "hide_answers:\n  - answer: does-it-work\n  - answer: does-it-work\n",
            "content/overlay.yaml:6:13",
            "'does-it-work' is already hidden above; list each answer once",
        ),
        (
            "hide_answers:\n  - answer: does-it-work\n    forward_to: what-is-ketamine\n  - answer: what-is-ketamine\n",
            "content/overlay.yaml:6:17",
            "'what-is-ketamine' is hidden too; forward to an answer the site shows",
        ),
    ],
)
def test_each_bad_entry_of_a_hide_list_is_refused_at_its_line(clinic: Path, run, hide: str, where: str, expected: str) -> None:
    (clinic / "content/overlay.yaml").write_text(OVERLAY + hide)
    refused(run, clinic, where, expected)
