"""The build, one direction: load → validate → cross-check → render → strict MkDocs build (lint alongside) → swap in."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .brand import brand_css
from .cache import save_bundles
from .content import Content, display_path, load_content
from .contrast import check_brand_colours
from .overlay import apply_overlay
from .crossrefs import check_cross_references
from .docs_sync import sync_docs, write_tree
from .errors import Findings
from .lint import PageGrade, lint_content
from .mkdocs_runner import report
from .mkdocs_worker import MkDocsWorker
from .published import check_published
from .self_check_rules import check_self_check
from .options import Options
from .page_weight import check_page_weights
from .render import GENERATED_MARK, render_site

@dataclass
class CheckResult:
    content: Content | None
    findings: Findings
    grades: list[PageGrade]


def check(options: Options, lock: bool = True) -> CheckResult:
    """Validate and lint everything; all findings collected, nothing written."""
    result = validate(options)
    if result.content is not None and not result.findings.errors:
        result.grades.extend(content_rules(result.content, options, result.findings, lock))
    return result


def validate(options: Options) -> CheckResult:
    """What rendering relies on: load, validate, cross-check ids and links, apply the clinic's overlay."""
    findings = Findings()
    content = load_content(options.content_dir, options.clinic_file, findings)
    if content is not None:
        check_cross_references(content, findings)
        if not findings.errors:
            content = apply_overlay(content, findings)
        if content is not None and not findings.errors:
            _check_logo(content, options, findings)
    return CheckResult(content, findings, [])


def content_rules(content: Content, options: Options, findings: Findings, lock: bool = True) -> list[PageGrade]:
    """What only finds problems (a build runs these alongside MkDocs): self-check soundness, brand contrast,
    published addresses, and the content lint; returns each page's reading grade."""
    check_self_check(content.self_check, content.documents["is-this-right-for-me"], findings)
    check_brand_colours(content, findings)
    if lock:
        check_published(content, options, findings)
    grades = lint_content(content, findings, options.today)
    save_bundles()  # reading grades scored for the first time
    return grades


def generate(content: Content, options: Options, findings: Findings) -> dict[str, str] | None:
    """All generated docs/ files as {relative path: text}, or None if a template failed."""
    try:
        pages = render_site(content, options.templates_dir)
    except jinja2.TemplateError as exc:
        findings.add(*_template_error_position(exc, options.templates_dir), f"template error: {exc}")
        return None
    save_bundles()  # QR codes made for the first time
    files = {p.path: p.text for p in pages}
    files["assets/brand.css"] = brand_css(content.clinic, content.documents["clinic"].path)
    files["robots.txt"] = (
        f"# {GENERATED_MARK} from {content.documents['clinic'].path} (site_url).\n"
        f"User-agent: *\nAllow: /\nSitemap: {content.clinic.site_url}sitemap.xml\n"
    )
    return files


def logo_file(content: Content, options: Options) -> tuple[str, Path] | None:
    """(docs path, source file) of the clinic's logo, if it has one."""
    if not content.clinic.logo:
        return None
    source = _clinic_folder(options) / content.clinic.logo
    return f"assets/logo{source.suffix}", source


def _clinic_folder(options: Options) -> Path:
    return (options.clinic_file or options.content_dir / "clinic.yaml").parent


def _check_logo(content: Content, options: Options, findings: Findings) -> None:
    """The logo must be a file beside the clinic profile or in a folder below it."""
    logo = logo_file(content, options)
    if logo is None:
        return
    doc = content.documents["clinic"]
    pos = doc.position(("logo",))
    if not logo[1].resolve().is_relative_to(_clinic_folder(options).resolve()):
        findings.add(doc.path, pos.line, pos.col, f"logo '{content.clinic.logo}' is outside the folder of {Path(doc.path).name}; "
                     "put the logo file in that folder (or a folder below it) and give its path from there, e.g. 'logos/clinic.svg'")
    elif not logo[1].is_file():
        findings.add(doc.path, pos.line, pos.col, f"logo file '{content.clinic.logo}' not found (looked for {display_path(logo[1])}); "
                     "check the file name, or remove 'logo' to show the clinic name only")


def _template_error_position(exc: jinja2.TemplateError, templates_dir: Path) -> tuple[str, int, int]:
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return display_path(Path(exc.filename)), exc.lineno or 1, 1
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return display_path(Path(frame.filename)), frame.lineno or 1, 1
    return display_path(templates_dir), 1, 1


def mkdocs_overrides(content: Content, options: Options) -> dict:
    """Per-clinic MkDocs settings; the theme keeps mkdocs.yml's settings plus the clinic's logo and language."""
    import yaml

    clinic = content.clinic
    theme = dict(yaml.safe_load(options.config_file.read_text(encoding="utf-8"))["theme"])
    theme["language"] = clinic.language.split("-")[0]
    logo = logo_file(content, options)
    if logo:
        theme["logo"] = logo[0]
        theme.pop("icon", None)
    return {"site_name": clinic.name, "site_url": clinic.site_url, "site_description": content.pages["home"].summary, "theme": theme}


def _sources_by_page(content: Content) -> dict[str, Path]:
    from .render import page_file

    return {page_file(slug): Path(content.source_path(slug)) for slug in content.pages}


def _sources_of_answers(content: Content) -> dict[str, Path]:
    """Each FAQ answer's own page (and its old addresses), all written from the FAQ file."""
    faq = Path(content.source_path("faq"))
    return {f"faq/{name}.md": faq for item in content.faq.items for name in (item.id, *item.aliases)}


def build(options: Options, out=None, worker: MkDocsWorker | None = None) -> tuple[int, Findings]:
    """The whole build. site/ and docs/ change only if every stage passed."""
    # MkDocs gets ready on another core while this one checks content; the CLI starts it even before its imports.
    worker = worker or MkDocsWorker(options.config_file)
    try:
        return _build(options, worker, out)
    finally:
        worker.close()


def _build(options: Options, worker: MkDocsWorker, out) -> tuple[int, Findings]:
    result = validate(options)
    findings = result.findings
    if result.content is None or findings.errors:
        return 1, findings
    files = generate(result.content, options, findings)
    if files is None:
        return 1, findings
    parent = options.out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=parent))
    try:
        staged_docs, staged_site = work / "docs", work / "site"
        write_tree(staged_docs, files, extra_from=options.docs_dir)
        logo = logo_file(result.content, options)
        if logo:
            shutil.copy2(logo[1], staged_docs / logo[0])
        worker.start(staged_docs, staged_site, mkdocs_overrides(result.content, options))
        # The content rules run while MkDocs builds; the new site is used only if they pass as well.
        content_rules(result.content, options, findings)
        if findings.errors:
            return 1, findings
        ok, messages = worker.result()
        sources = _sources_by_page(result.content)
        report(messages, {**sources, **_sources_of_answers(result.content)}, findings)
        if not ok:
            return 1, findings
        check_page_weights(staged_site, sources, result.content.lint.page_weight_budget_kb, findings)
        save_bundles()  # the compressed sizes of the theme's scripts and styles
        written, removed = sync_docs(options.docs_dir, files)
        if logo:
            shutil.copy2(logo[1], options.docs_dir / logo[0])
        _swap_in(staged_site, options.out_dir)
    finally:
        worker.close()  # first, so a build called off stops writing before its folder is removed
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(1 for name in files if name.endswith(".md"))
    print(f"Built {pages} pages into {display_path(options.out_dir)}/ "
          f"({len(written)} docs {'file' if len(written) == 1 else 'files'} updated, {len(removed)} removed).", file=out or sys.stdout)
    return 0, findings


def _swap_in(new: Path, target: Path) -> None:
    """Replace target with new by renames, so readers never see a half-written site."""
    target = target.resolve()
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)
