"""The browser editor (Decap CMS): forms generated from the models, what it saves loads the same, errors name the field."""

from __future__ import annotations

import json
import os
import shutil
import typing
from pathlib import Path

import pytest
from conftest import ROOT, VALID

from sitegen.commands.cms_format import as_editor_writes
from sitegen.core.findings import Findings
from sitegen.load.cms_config import _unwrap, cms_config, content_files
from sitegen.load.content import load_content
from sitegen.site.admin import findings_report

CONTENT = ROOT / "content_data"


def _files(content: Path, clinic: Path | None = None):
    return content_files(content, clinic or content / "clinic.yaml", content.parent)


def _model_paths(model, prefix=()) -> set[tuple]:
    """Every field of a model, recursively: ('items', 'answer'), ..."""
    paths = set()
    for name, info in model.model_fields.items():
        path = prefix + (info.alias or name,)
        paths.add(path)
        annotation, _ = _unwrap(info.annotation)
        if typing.get_origin(annotation) is list:
            annotation, _ = _unwrap(typing.get_args(annotation)[0])
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            paths |= _model_paths(annotation, path)
    return paths


def _form_paths(fields, prefix=()) -> set[tuple]:
    paths = set()
    for field in fields:
        path = prefix + (field["name"],)
        paths.add(path)
        paths |= _form_paths(field.get("fields", []), path)
    return paths


def test_every_model_field_has_a_form_field_and_every_form_field_a_model_field() -> None:
    files = _files(CONTENT)
    config = cms_config(files, {"name": "proxy"}, "content_data/images", "http://127.0.0.1:8000/")
    entries = {entry["name"]: entry for collection in config["collections"] for entry in collection["files"]}
    assert set(entries) == {f.name for f in files}
    for file in files:
        form, model = _form_paths(entries[file.name]["fields"]), _model_paths(file.model)
        assert model - form == set(), f"{file.path}: model fields without a form field"
        assert form - model == set(), f"{file.path}: form fields without a model field"


def test_forms_carry_labels_help_choices_and_required_marks_from_the_models() -> None:
    config = cms_config(_files(CONTENT), {"name": "proxy"}, "content_data/images", "http://127.0.0.1:8000/")
    faq = next(e for c in config["collections"] for e in c["files"] if e["name"] == "faq")
    items = next(f for f in faq["fields"] if f["name"] == "items")
    assert items["widget"] == "list" and items["min"] == 1 and items["label_singular"] == "question"
    fields = {f["name"]: f for f in items["fields"]}
    assert fields["answer"]["widget"] == "text" and "plain words" in fields["answer"]["hint"]
    assert fields["answer"].get("required", True) is True
    assert fields["aliases"]["required"] is False
    assert fields["category"]["widget"] == "relation" and fields["category"]["value_field"] == "categories.*.id"
    assert fields["sources"]["widget"] == "relation" and fields["sources"]["multiple"] is True
    assert fields["sources"]["file"] == "references" and fields["sources"]["value_field"] == "sources.*.id"
    assert fields["related_pages"]["widget"] == "select" and "side-effects" in fields["related_pages"]["options"]
    review = {f["name"]: f for f in next(f for f in faq["fields"] if f["name"] == "review")["fields"]}
    assert review["reviewed_by"]["file"] == "clinic" and review["reviewed_by"]["value_field"] == "reviewers.*.id"
    assert review["last_reviewed"]["widget"] == "datetime" and review["last_reviewed"]["time_format"] is False
    conditions = next(e for c in config["collections"] for e in c["files"] if e["name"] == "conditions")
    condition = {f["name"]: f for f in next(f for f in conditions["fields"] if f["name"] == "conditions")["fields"]}
    assert condition["evidence_level"]["widget"] == "select"
    assert condition["evidence_level"]["options"] == [
        "fda-approved",
        "strong-off-label",
        "moderate-off-label",
        "early-mixed",
        "not-supported",
    ]
    clinic = config["collections"][0]["files"][0]
    clinic_fields = {f["name"]: f for f in clinic["fields"]}
    assert clinic_fields["logo"]["widget"] == "image"
    # A photo is optional, but one without alt text is refused in the form (the group checks its fields once filled).
    person = {f["name"]: f for f in next(f for f in clinic_fields["team"]["fields"] if f["name"] == "people")["fields"]}
    photo = person["photo"]
    assert photo["widget"] == "optional-group" and photo["required"] is False
    assert [(f["name"], f["label"], f.get("required", True)) for f in photo["fields"]] == [
        ("file", "File", True),
        ("alt", "Alt text", True),
    ]
    assert config["media_folder"] == "content_data/images" and config["public_folder"] == "images"


def _content_sets(tmp_path: Path) -> list[tuple[Path, Path]]:
    """(content folder, clinic profile): the bundled content, the test fixture, and each example clinic."""
    sets = [(CONTENT, CONTENT / "clinic.yaml"), (VALID, VALID / "clinic.yaml")]
    sets += [(CONTENT, profile) for profile in sorted((ROOT / "examples" / "clinics").glob("*.yaml")) if "." not in profile.stem]
    copies = []
    for index, (content, clinic) in enumerate(sets):
        target = tmp_path / f"set{index}"
        shutil.copytree(content, target / "content")
        copied_clinic = target / "content" / "clinic.yaml"
        if clinic.parent != content:
            shutil.copytree(clinic.parent, target / "profile")
            copied_clinic = target / "profile" / clinic.name
        copies.append((target / "content", copied_clinic))
    return copies


def _dump(content) -> dict:
    return {"clinic": content.clinic.model_dump(), **{slug: page.model_dump() for slug, page in content.pages.items()}}


def test_what_the_editor_saves_loads_without_error_and_means_the_same(tmp_path: Path, monkeypatch) -> None:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "yaml").is_dir():
        missing = "node and the npm packages (npm ci) are needed: the editor's YAML writer runs in Node.js"
        if os.environ.get("REQUIRE_BROWSER"):  # CI installs them: missing there is a failure, not a skip
            pytest.fail(missing)
        pytest.skip(missing)
    for content_dir, clinic in _content_sets(tmp_path):
        before_findings = Findings()
        before = load_content(content_dir, clinic, before_findings)
        assert before is not None, [f.format() for f in before_findings.items]
        files = content_files(content_dir, clinic, tmp_path)
        rewritten = as_editor_writes(files)
        assert {p.resolve() for p in rewritten} == {f.source.resolve() for f in files}
        for path, text in rewritten.items():
            path.write_text(text, encoding="utf-8")
        after_findings = Findings()
        after = load_content(content_dir, clinic, after_findings)
        assert after is not None, [f.format() for f in after_findings.items]
        assert _dump(after) == _dump(before), f"{clinic}: the models differ after the editor's rewrite"


def test_an_error_after_a_save_names_the_form_field_to_fix(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(VALID, content)
    faq = content / "faq.yaml"
    faq.write_text(faq.read_text().replace("Ketamine is a medicine.", "Ketamine infusions are FDA-approved for depression."))
    from sitegen.commands.check import check
    from sitegen.core.options import Options

    result = check(Options(content_dir=content, docs_dir=tmp_path / "docs"))
    assert result.findings.errors
    report = findings_report(result.findings, content_files(content, content / "clinic.yaml", tmp_path))
    fda = [e for e in report["errors"] if "FDA-approved" in e["message"]]
    assert fda, report
    assert fda[0]["entry"] == "faq" and fda[0]["collection"] == "pages"
    assert fda[0]["field"] == ["Items", "#1", "Answer"], fda[0]
    assert fda[0]["path"] == "items.0.answer"
    json.dumps(report)  # what the preview serves at /admin/findings.json


def test_a_production_build_leaves_the_editor_out_unless_the_clinic_turns_it_on(workdir: Path, run) -> None:
    code, _out, err = run("build", "--content", "content", "--out", "site", "--docs", "docs")
    assert code == 0, err
    assert not (workdir / "site" / "admin").exists()
    if not (ROOT / "node_modules" / "decap-cms").is_dir():
        missing = "the editor's files come from npm (npm ci): without them a build with the editor turned on is refused"
        if os.environ.get("REQUIRE_BROWSER"):  # CI installs them: missing there is a failure, not a skip
            pytest.fail(missing)
        pytest.skip(missing)
    clinic = workdir / "content" / "clinic.yaml"
    clinic.write_text(clinic.read_text() + "editor:\n  enabled: true\n  backend: github\n  repo: test-clinic/patient-site\n")
    code, _out, err = run("build", "--content", "content", "--out", "site", "--docs", "docs")
    assert code == 0, err
    admin = workdir / "site" / "admin"
    page = (admin / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "connect-src 'self' blob: https://api.github.com" in page and "<script>" not in page
    assert "preview-findings" not in page and not (admin / "findings.json").exists()  # live checks are the preview's
    assert (admin / "decap-cms.js").is_file()
    config = json.loads((admin / "config.yml").read_text())
    assert config["backend"] == {"name": "github", "repo": "test-clinic/patient-site", "branch": "main"}
    assert config["collections"][1]["files"][0]["file"] == "topics/home.yaml"
    assert "admin" not in (workdir / "site" / "sitemap.xml").read_text()
    assert "admin" not in (workdir / "site" / "search" / "search_index.json").read_text()
    searched = [url for url, _title, _summary in json.loads((workdir / "site" / "search" / "sections.json").read_text())["pages"]]
    assert "faq/does-it-work/" in searched and not [url for url in searched if "admin" in url]
    for html in (workdir / "site").rglob("*.html"):
        if admin not in html.parents:
            assert "/admin" not in html.read_text(), f"{html} links to the editor"


def _need_node() -> None:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "yaml").is_dir():
        missing = "node and the npm packages (npm ci) are needed: the editor's YAML writer runs in Node.js"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(missing)
        pytest.skip(missing)


def test_the_formatter_rewrites_files_as_the_editor_saves_them_and_lists_the_comments_it_drops(tmp_path: Path, capsys) -> None:
    from sitegen.commands.cms_format import main

    _need_node()
    content = tmp_path / "content"
    shutil.copytree(VALID, content)
    faq = content / "faq.yaml"
    faq.write_text("# Questions patients ask.\n" + faq.read_text(), encoding="utf-8")
    before = load_content(content, content / "clinic.yaml", Findings())
    assert main(["--content", str(content), "--check"]) == 1
    assert "would rewrite" in capsys.readouterr().out
    assert main(["--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "faq.yaml:1: dropped comment: # Questions patients ask." in out, out
    assert not faq.read_text(encoding="utf-8").startswith("#")
    assert main(["--content", str(content), "--check"]) == 0  # now in the editor's form: a first save is no noise
    after = load_content(content, content / "clinic.yaml", Findings())
    assert after is not None and before is not None and _dump(after) == _dump(before)


def test_the_formatter_keeps_a_schema_line_that_no_editor_setting_replaces(tmp_path: Path, capsys) -> None:
    from sitegen.commands.cms_format import main

    _need_node()
    content = tmp_path / "content"
    shutil.copytree(VALID, content)
    faq = content / "faq.yaml"
    text = "# yaml-language-server: $schema=../schemas/faq.schema.json\n" + faq.read_text()
    faq.write_text(text, encoding="utf-8")
    assert main(["--content", str(content)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith(
        "faq.yaml:1:1: its schema line would be lost and .vscode/settings.json names no schema for it "
        "(run: python build.py schema, or keep the file out of the editor); nothing was rewritten"
    ), err
    assert faq.read_text(encoding="utf-8") == text


def test_the_bundled_files_are_in_the_form_the_editor_saves() -> None:
    from sitegen.commands.cms_format import main

    _need_node()
    assert main(["--content", str(CONTENT), "--check"]) == 0, "run: python -m sitegen.commands.cms_format"


def test_the_example_clinics_are_in_the_form_the_editor_saves() -> None:
    """`serve --cms --clinic examples/clinics/X.yaml`: a marketer's first save of an example changes only what they edited."""
    from sitegen.commands.build_all import clinic_files
    from sitegen.commands.cms_format import main

    _need_node()
    for clinic in clinic_files(ROOT / "examples" / "clinics"):
        assert main(["--clinic", str(clinic), "--check"]) == 0, f"run: python -m sitegen.commands.cms_format --clinic {clinic}"
