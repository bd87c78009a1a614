"""Building a site: what ends up in docs/ and site/, and what must never happen to them."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from conftest import FIXTURES, PAGE_URLS, build_args

GOLDEN = FIXTURES / "golden"


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_generated_markdown_matches_golden_files(workdir: Path, run) -> None:
    code, _out, err = run("build", *build_args(workdir))
    assert code == 0, err
    generated = {p.relative_to(workdir / "docs").as_posix(): p.read_text() for p in (workdir / "docs").rglob("*") if p.is_file()}
    if os.environ.get("UPDATE_GOLDEN"):
        for rel, text in generated.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text() for p in GOLDEN.rglob("*") if p.is_file()}
    assert generated.keys() == golden.keys()
    for rel, text in golden.items():
        assert generated[rel] == text, f"{rel} differs from its golden file (UPDATE_GOLDEN=1 to accept a deliberate change)"


def test_every_public_url_is_built_with_crisis_help_review_and_description(workdir: Path, run) -> None:
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    for url in PAGE_URLS:
        html = (workdir / "site" / url / "index.html").read_text()
        assert 'href="tel:988"' in html and 'href="tel:911"' in html, url
        assert "Medically reviewed by Dr. Test Person, MD, who works for Test Clinic." in html, url
        assert "Test Clinic offers the treatments described on this site, and is paid for them." in html, url
        assert re.search(r'<meta name="description" content="[^"]{50,}"', html), url
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, url


def test_the_home_page_says_who_is_paid_and_whether_each_reviewer_works_for_the_clinic(workdir: Path, run) -> None:
    edit(
        workdir / "content/clinic.yaml",
        "credentials: MD, works_for_clinic: true}",
        "credentials: MD, works_for_clinic: true}\n  - {id: dr-outside, name: Dr. Out Side, credentials: PharmD, works_for_clinic: false}",
    )
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    home = (workdir / "site/index.html").read_text()
    section = home[home.index('id="who-provides-this"') :]
    assert "Test Clinic offers the treatments described on this site, and is paid for them." in section
    assert "Dr. Test Person, MD, who works for Test Clinic." in section
    assert "Dr. Out Side, PharmD, who does not work for Test Clinic." in section
    page = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S).group(1))
    assert page["reviewedBy"][0]["worksFor"]["name"] == "Test Clinic"


def test_citations_link_to_the_page_source_list(workdir: Path, run) -> None:
    run("build", *build_args(workdir))
    html = (workdir / "site" / "faq" / "index.html").read_text()
    assert re.search(r'<sup class="cite">\[<a href="#src-berman-2000">1</a>\]</sup>', html)
    assert 'id="src-berman-2000"' in html
    assert "https://doi.org/10.1016/S0006-3223(99)00230-9" in html


def test_glossary_terms_get_tooltips_and_a_glossary_page(workdir: Path, run) -> None:
    run("build", *build_args(workdir))
    faq = (workdir / "site" / "faq" / "index.html").read_text()
    assert '<abbr title="A dummy treatment with no medicine in it.">placebo</abbr>' in faq
    glossary = (workdir / "site" / "glossary" / "index.html").read_text()
    assert "A dummy treatment with no medicine in it." in glossary
    # 'ketamine' has tooltip: false: the word is on the page, never wrapped, and its definition is no tooltip.
    assert "Ketamine is a medicine." in faq
    assert not re.search(r"<abbr[^>]*>\s*ketamine\s*</abbr>", faq, re.IGNORECASE)
    assert 'title="A medicine used to put people to sleep for surgery."' not in faq


def test_faq_answer_has_a_permanent_anchor_and_old_ids_still_land(workdir: Path, run) -> None:
    run("build", *build_args(workdir))
    html = (workdir / "site" / "faq" / "index.html").read_text()
    assert 'id="does-it-work"' in html and 'id="is-it-effective"' in html


def test_content_text_is_data_never_template_code(workdir: Path, run) -> None:
    edit(workdir / "content/faq.yaml", "Ketamine is a medicine.", "Ketamine is a medicine {{ clinic.name }} {% raw %}.")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    html = (workdir / "site" / "faq" / "index.html").read_text()
    assert "{{ clinic.name }} {% raw %}" in html and "medicine Test Clinic" not in html


def test_json_ld_cannot_be_broken_out_of(workdir: Path) -> None:
    """Content cannot contain '</script>' (it is refused as HTML), and the theme escapes it anyway."""
    from conftest import ROOT

    from sitegen.core.findings import Findings
    from sitegen.site.mkdocs_build import add_mkdocs_findings, build_site

    docs = workdir / "raw-docs"
    docs.mkdir()
    for name in [
        "index",
        "conditions",
        "treatment-options",
        "what-to-expect",
        "side-effects",
        "is-this-right-for-me",
        "myths",
        "history",
        "how-it-works",
        "for-clinicians",
        "glossary",
        "references",
        "handouts",
    ]:
        (docs / f"{name}.md").write_text(f"# {name}\n")
    (docs / "faq").mkdir()
    (docs / "faq" / "index.md").write_text("---\njsonld:\n  name: 'Evil </script><script>alert(1)</script>'\n---\n# FAQ\n")
    (docs / "assets").mkdir()
    (docs / "assets" / "brand.css").write_text("")
    findings = Findings()
    ok, messages = build_site(ROOT / "mkdocs.yml", docs, workdir / "out", {})
    add_mkdocs_findings(messages, {}, findings)
    assert ok, findings.items
    html = (workdir / "out" / "faq" / "index.html").read_text()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert json.loads(blocks[0])["name"] == "Evil </script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_front_matter_keeps_every_character_of_titles_and_descriptions() -> None:
    """Front matter is written as JSON inside YAML; quotes, backslashes, colons and Unicode line breaks survive."""
    import yaml

    from sitegen.core.markup import front_matter_lines

    values = {
        "title": 'Is it "safe"? Yes: mostly \\ maybe',
        "description": "Line\u2028sep \u2029 next\u0085 café — 50%",
        "jsonld": [{"@type": "Thing", "name": "a: b # c", "n": 2, "ok": True, "none": None}],
    }
    assert yaml.safe_load(front_matter_lines(values)) == values


def test_json_ld_describes_each_page(workdir: Path, run) -> None:
    run("build", *build_args(workdir))
    for url, audience in [("side-effects/", "Patient"), ("for-clinicians/", "Clinician")]:
        html = (workdir / "site" / url / "index.html").read_text()
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["@type"] == "MedicalWebPage"
        assert data["medicalAudience"]["audienceType"] == audience
        assert data["lastReviewed"] == "2026-10-01"
        assert data["reviewedBy"][0]["name"] == "Dr. Test Person"
        assert data["url"] == f"https://test-clinic.example/{url}"
        assert data["about"] and data["description"]


def test_a_failing_build_leaves_site_and_docs_untouched(workdir: Path, run) -> None:
    assert run("build", *build_args(workdir))[0] == 0
    site_before, docs_before = tree_digest(workdir / "site"), tree_digest(workdir / "docs")
    edit(workdir / "content/faq.yaml", "answer: Ketamine", "answr: Ketamine")  # a content error
    code, _, err = run("build", *build_args(workdir))
    assert code == 1 and err.strip().endswith("site/ was not changed.")
    assert tree_digest(workdir / "site") == site_before and tree_digest(workdir / "docs") == docs_before


def test_a_content_rule_broken_while_mkdocs_builds_still_leaves_everything_untouched(workdir: Path, run) -> None:
    """The content rules run while MkDocs builds in a second process; a failure there throws that build away."""
    assert run("build", *build_args(workdir))[0] == 0
    site_before, docs_before = tree_digest(workdir / "site"), tree_digest(workdir / "docs")
    edit(workdir / "content/faq.yaml", "answer: Ketamine", "answer: A miracle cure. Ketamine")
    code, _, err = run("build", *build_args(workdir))
    assert code == 1 and "[promise] 'miracle' promises a result" in err and err.strip().endswith("site/ was not changed.")
    assert tree_digest(workdir / "site") == site_before and tree_digest(workdir / "docs") == docs_before
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".")] == []  # no staging folder left behind


def test_a_link_to_a_file_is_refused_at_the_yaml_line_and_changes_nothing(workdir: Path, run) -> None:
    # Content links to pages as page:slug (checked to exist); a file path could point anywhere in the site.
    assert run("build", *build_args(workdir))[0] == 0
    site_before, docs_before = tree_digest(workdir / "site"), tree_digest(workdir / "docs")
    edit(workdir / "content/faq.yaml", "Ketamine is a medicine.", "Ketamine is a medicine. See [the dosing page](dosing.md).")
    code, _, err = run("build", *build_args(workdir))
    assert code == 1
    assert re.search(r"^content/faq\.yaml:\d+:\d+: 'answer': the link 'dosing\.md' is not allowed; .*\[text\]\(page:slug\)", err, re.M), err
    assert tree_digest(workdir / "site") == site_before and tree_digest(workdir / "docs") == docs_before
    assert not list(workdir.glob(".build-*")), "temporary build folders are cleaned up"


def test_a_link_to_a_missing_section_is_reported_once_at_the_yaml_line(workdir: Path, run) -> None:
    # The answer is on the FAQ page and on its own page; the editor wrote the link once.
    edit(workdir / "content/faq.yaml", "Ketamine is a medicine.", "Ketamine is a medicine. See [risks](page:side-effects#no-such-part).")
    code, _, err = run("build", *build_args(workdir))
    assert code == 1
    lines = [line for line in err.splitlines() if ": warning: " not in line]  # a draft's launch list is warnings
    assert re.fullmatch(
        r"content/faq\.yaml:13:\d+: broken link to section '#no-such-part' of side-effects: that page has no "
        r"such section\. Check the section id, or link to the page alone",
        lines[0],
    ), err
    assert len(lines) == 2 and re.fullmatch(r"1 error in 1 file, \d+ warnings; site/ was not changed\.", lines[1]), lines


def test_pages_that_no_longer_exist_are_removed_and_unchanged_files_are_not_rewritten(workdir: Path, run) -> None:
    (workdir / "content/topics/team.yaml").write_text((workdir / "content/topics/how-it-works.yaml").read_text())
    assert run("build", *build_args(workdir))[0] == 0
    (workdir / "docs" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")  # hand-written: kept
    assert run("build", *build_args(workdir))[0] == 0
    assert (workdir / "docs/team.md").is_file() and (workdir / "site/team/index.html").is_file()
    stamp = (workdir / "docs/faq/index.md").stat().st_mtime_ns
    (workdir / "content/topics/team.yaml").unlink()
    code, out, err = run("build", *build_args(workdir))
    assert code == 0, err
    assert not (workdir / "docs/team.md").exists() and not (workdir / "site/team").exists()
    assert (workdir / "docs/faq/index.md").stat().st_mtime_ns == stamp
    assert (workdir / "docs/logo.svg").is_file() and (workdir / "site/logo.svg").is_file()
    assert "1 removed" in out


def test_generated_files_say_which_yaml_to_edit(workdir: Path, run) -> None:
    run("build", *build_args(workdir))
    first_lines = (workdir / "docs/faq/index.md").read_text().splitlines()[:2]
    assert first_lines[0] == "---"
    assert "GENERATED by build.py from content/faq.yaml" in first_lines[1] and "edit content/faq.yaml" in first_lines[1]


def test_editors_link_pages_and_answers_by_name(workdir: Path, run) -> None:
    edit(
        workdir / "content/faq.yaml",
        "Ketamine is a medicine.",
        "Ketamine is a medicine. See [side effects](page:side-effects#during) and [does it work](faq:does-it-work).",
    )
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    html = (workdir / "site" / "faq" / "index.html").read_text()
    assert 'href="../side-effects/#during"' in html and 'href="#does-it-work"' in html
    edit(workdir / "content/faq.yaml", "page:side-effects#during", "page:side-efects")
    code, _, err = run("check", "--content", "content")
    assert code == 1
    col = (workdir / "content/faq.yaml").read_text().splitlines()[12].index("page:side-efects") + 1  # the link itself
    assert (
        f"content/faq.yaml:13:{col}: link to unknown page 'page:side-efects': it is not in the site's pages (did you mean 'side-effects'?)"
        in err
    )
