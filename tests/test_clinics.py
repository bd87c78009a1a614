"""Clinic marketers: one-file branding, services that shape the site, many clinics from one content base, overlays."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_args
from test_build import edit

EXAMPLES = ROOT / "examples" / "clinics"


@pytest.fixture(scope="module")
def all_clinics(tmp_path_factory) -> Path:
    """Every example clinic built with one command, as an agency would."""
    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("agency")
    assert main(["all", "--clinics", str(EXAMPLES), "--out", str(out / "sites"), "--docs", str(out / "docs")]) == 0
    return out


def test_one_command_builds_every_clinic_into_its_own_folder(all_clinics: Path) -> None:
    for name, clinic_name in [("cedar-ridge", "Cedar Ridge"), ("lakeside", "Lakeside Psychiatry"), ("thameside", "Thameside")]:
        home = (all_clinics / "sites" / name / "index.html").read_text()
        assert clinic_name in home, name
        assert (all_clinics / "docs" / name / "faq" / "index.md").is_file()
        assert (all_clinics / "sites" / name / "assets" / "logo.svg").is_file()
        assert 'src="assets/logo.svg"' in home
    # brand.css has a content-hashed name in the built site (brand.<hash>.css), so each clinic's differs.
    cedar_ridge, thameside = (next((all_clinics / "sites" / name / "assets").glob("brand.*.css")) for name in ("cedar-ridge", "thameside"))
    assert "--md-primary-fg-color: #6b3a1f" in cedar_ridge.read_text() and "--md-primary-fg-color: #4b2e6b" in thameside.read_text()
    assert cedar_ridge.name != thameside.name


def test_a_uk_clinic_gets_uk_crisis_numbers_by_default(all_clinics: Path) -> None:
    page = (all_clinics / "sites/thameside/side-effects/index.html").read_text()
    assert 'href="tel:116123"' in page and 'href="tel:999"' in page
    assert "tel:988" not in page and "tel:911" not in page


def test_services_shape_the_treatment_options_page(all_clinics: Path) -> None:
    options = (all_clinics / "sites/lakeside/treatment-options/index.html").read_text()
    iv = options.split('id="iv-infusion"')[1].split("<h2")[0]
    spray = options.split('id="esketamine-nasal-spray"')[1].split("<h2")[0]
    assert "does not offer this" in iv and "Book a consultation" not in iv
    assert "Lakeside Psychiatry Associates offers this." in spray and "Book a consultation" in spray


def test_every_location_of_a_clinic_gives_search_engines_its_whole_address(all_clinics: Path) -> None:
    home = (all_clinics / "sites/lakeside/index.html").read_text()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', home, re.S)]
    (clinic,) = [entity for b in blocks for entity in (b if isinstance(b, list) else [b]) if entity["@type"] == "MedicalClinic"]
    addresses = [clinic["address"], *(d["address"] for d in clinic["department"])]
    assert len(addresses) == 2
    assert [a["addressRegion"] for a in addresses] == ["WI", "WI"]


def test_overlay_text_is_merged_and_marked_as_the_clinics_own(all_clinics: Path) -> None:
    faq = (all_clinics / "sites/cedar-ridge/faq/index.html").read_text()
    assert 'id="parking-and-directions"' in faq and "Written by Cedar Ridge Ketamine Clinic." in faq
    assert (all_clinics / "sites/cedar-ridge/faq/payment-plans/index.html").is_file()
    home = (all_clinics / "sites/cedar-ridge/index.html").read_text()
    assert "Parts of this page were written by Cedar Ridge Ketamine Clinic." in home
    assert "Written by" not in (all_clinics / "sites/lakeside/faq/index.html").read_text()


def test_one_clinic_builds_alone_without_touching_the_default_docs(workdir: Path, run) -> None:
    shutil.copytree(EXAMPLES, workdir / "clinics")
    code, _out, err = run(
        "build",
        "--content",
        str(ROOT / "content_data"),
        "--clinic",
        "clinics/lakeside.yaml",
        "--out",
        "site/lakeside",
        "--docs",
        "lakeside-docs",
    )
    assert code == 0, err
    assert "Lakeside Psychiatry" in (workdir / "site/lakeside/index.html").read_text()
    assert not (workdir / "docs").exists()


def test_items_and_sections_follow_the_services_a_clinic_offers(workdir: Path, run) -> None:
    edit(
        workdir / "content/faq.yaml",
        "items:\n",
        "items:\n  - id: spray-only\n    question: How do I use the spray?\n"
        "    answer: You spray it into your nose while staff watch.\n    category: basics\n    services: [esketamine]\n",
    )
    edit(
        workdir / "content/topics/how-it-works.yaml",
        "sections:\n",
        "sections:\n  - id: spray-section\n    heading: About the spray\n"
        "    body: Only clinics that offer the spray show this.\n    services: [esketamine]\n",
    )
    assert run("build", *build_args(workdir))[0] == 0
    assert "How do I use the spray?" not in (workdir / "site/faq/index.html").read_text()
    assert not (workdir / "site/faq/spray-only").exists()
    assert "About the spray" not in (workdir / "site/how-it-works/index.html").read_text()
    edit(
        workdir / "content/clinic.yaml",
        "{id: esketamine, name: Esketamine, offered: false}",
        "{id: esketamine, name: Esketamine, offered: true}",
    )
    assert run("build", *build_args(workdir))[0] == 0
    assert "How do I use the spray?" in (workdir / "site/faq/index.html").read_text()
    assert "About the spray" in (workdir / "site/how-it-works/index.html").read_text()


def _with_overlay(workdir: Path, text: str) -> None:
    (workdir / "content/clinic.overlay.yaml").write_text(text)
    if "overlay:" not in (workdir / "content/clinic.yaml").read_text():
        edit(workdir / "content/clinic.yaml", "site_url:", "overlay: clinic.overlay.yaml\nsite_url:")


def test_overlay_mistakes_point_at_the_overlay_file(workdir: Path, run) -> None:
    _with_overlay(
        workdir,
        "overrides:\n  - page: faq\n    field: items.does-it-wrok.answer\n    text: Our own words.\n"
        "faq_items:\n  - id: parking\n    question: Where do I park?\n    answer: It is a miracle spot.\n    category: basics\n",
    )
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert (
        "content/clinic.overlay.yaml:3:12: cannot override 'items.does-it-wrok.answer' on page 'faq': there is no item 'does-it-wrok' in 'items' (did you mean 'does-it-work'?)"
        in err
    )
    _with_overlay(
        workdir, "faq_items:\n  - id: parking\n    question: Where do I park?\n    answer: It is a miracle spot.\n    category: basics\n"
    )
    code, _, err = run("check", "--content", "content")
    assert code == 1 and err.startswith("content/clinic.overlay.yaml:4:21: [promise] 'miracle' promises a result")  # at the word itself


def test_a_figure_in_an_overlay_text_needs_a_citation_in_its_sentence(workdir: Path, run) -> None:
    _with_overlay(workdir, "overrides:\n  - page: faq\n    field: items.does-it-work.answer\n    text: It helps 70% of people.\n")
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert err.startswith("content/clinic.overlay.yaml:4:20: [figure-needs-citation] the figure '70%' has no citation in its sentence"), err
    _with_overlay(
        workdir, "overrides:\n  - page: faq\n    field: items.does-it-work.answer\n    text: It helps 70% of people [^berman-2000].\n"
    )
    code, _, err = run("check", "--content", "content")
    assert code == 0, err


def test_brand_colours_reach_the_theme(all_clinics: Path, browser) -> None:
    from browser import serve_folder

    base, server = serve_folder(all_clinics / "sites" / "cedar-ridge")
    page = browser.new_page()
    page.goto(base)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(107, 58, 31)"
    # The logo link is announced once, by the clinic's name, not as "logo".
    logo_link = page.locator(".md-header a.md-logo")
    assert logo_link.locator("img").get_attribute("alt") == ""
    snapshot = page.accessibility.snapshot(root=logo_link.element_handle())
    assert snapshot["name"] == "Cedar Ridge Ketamine Clinic", snapshot
    page.close()
    server.shutdown()


@pytest.mark.parametrize("clinic", sorted(p.stem for p in EXAMPLES.glob("*.yaml") if not p.stem.endswith((".overlay", ".published.lock"))))
def test_each_clinics_brand_colours_pass_axe(all_clinics: Path, browser, clinic: str) -> None:
    """WCAG 2.2 AA with each clinic's own colours: header, links, buttons, crisis box, search dialog."""
    from browser import axe_violations, serve_folder

    base, server = serve_folder(all_clinics / "sites" / clinic)
    page = browser.new_page(viewport={"width": 412, "height": 900})
    for path in ["", "faq/", "side-effects/", "is-this-right-for-me/"]:
        page.goto(base + path)
        assert axe_violations(page) == [], (clinic, path)
    page.click('label[for="__search"]')
    # Typed key by key, as a reader does: Material searches on each key released, not on a value set at once.
    page.locator("input[data-md-component=search-query]").press_sequentially("ketamine", delay=50)
    # The dialog has finished opening. A wait, not a speed check: on a busy machine the search worker may take a while.
    page.wait_for_selector(".md-search-result__item", timeout=45_000)
    assert axe_violations(page) == [], (clinic, "search dialog")
    page.close()
    server.shutdown()


def test_clinic_contact_texts_may_hold_numbers_and_hours_are_shown(workdir: Path, run) -> None:
    edit(workdir / "content/clinic.yaml", "disclaimer:", "email: hi@test-clinic.example\ndisclaimer:")
    edit(
        workdir / "content/clinic.yaml",
        "    address: {street: 1 Test Road",
        "    hours: [Mon-Fri 8am-6pm]\n    address: {street: 1 Test Road",
    )
    edit(workdir / "content/clinic.yaml", "crisis:\n", "crisis:\n  after_hours: Call 555 0199 after 6pm.\n")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    home = (workdir / "site/index.html").read_text()
    assert "Mon-Fri 8am-6pm" in home and "1 Test Road, Testville, OR 97000" in home


def test_a_clinic_can_add_banned_phrases_on_top_of_the_built_in_ones(workdir: Path, run) -> None:
    (workdir / "content/lint.yaml").write_text("medical_terms: [placebo, esketamine, dissociation]\nbanned_phrases: [life-changing]\n")
    edit(workdir / "content/faq.yaml", "Doctors use it to put people to sleep for surgery.", "It is life-changing.")
    code, _, err = run("check", "--content", "content")
    assert code == 1 and "[banned-phrase] 'life-changing' is on this clinic's own list of banned phrases" in err
    edit(workdir / "content/faq.yaml", "It is life-changing.", "It is a miracle.")
    assert "[promise] 'miracle' promises a result" in run("check", "--content", "content")[2]


def test_each_clinic_keeps_its_own_published_lock(workdir: Path, run) -> None:
    shutil.copytree(EXAMPLES, workdir / "clinics")
    content = str(ROOT / "content_data")
    lock = workdir / "clinics/cedar-ridge.published.lock.yaml"
    assert "- parking-and-directions" in lock.read_text()
    overlay = workdir / "clinics/cedar-ridge.overlay.yaml"
    overlay.write_text(overlay.read_text().replace("id: parking-and-directions", "id: finding-us"))
    code, _, err = run("check", "--content", content, "--clinic", "clinics/cedar-ridge.yaml")
    assert code == 1 and "clinics/cedar-ridge.published.lock.yaml:" in err and "'parking-and-directions'" in err
    assert run("check", "--content", content, "--clinic", "clinics/lakeside.yaml")[0] == 0
