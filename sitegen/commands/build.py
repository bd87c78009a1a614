"""`build.py` (build): check, render the docs tree, build it with MkDocs (strict) in a staging folder, hash our asset names,
write the host configurations, swap it all in."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sitegen.check.rules import run_rules
from sitegen.commands.check import load_resolved
from sitegen.core.cache import save_bundles
from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.core.security_policy import editor_security_headers
from sitegen.core.urls import answer_file, page_file
from sitegen.load.clinic_fact_pages import fact_pages
from sitegen.load.content import Content
from sitegen.load.yaml_document import YamlDocument
from sitegen.site.asset_names import hash_asset_names
from sitegen.site.docs_tree import docs_changes, docs_files, is_generated, would_change, write_tree
from sitegen.site.hosting.write import write_hosting
from sitegen.site.mkdocs_build import add_mkdocs_findings, build_site, mkdocs_overrides
from sitegen.site.output_folder import (
    DOCS_STAMP,
    HOSTING_STAMP,
    SITE_STAMP,
    OutputRefused,
    check_no_clobber,
    hosting_dir_for,
    is_our_docs,
    is_our_hosting,
    is_our_site,
    new_work_folder,
    output_problem,
    remove_work_folder,
    tidy_leftovers,
    write_stamp,
)
from sitegen.site.page_ids import check_page_ids, script_made_ids
from sitegen.site.page_weight import check_page_weights
from sitegen.site.swap import swap_in


def _sources_by_page(content: Content) -> dict[str, Path]:
    clinic = Path(content.source_path("clinic"))
    return {
        **{page_file(slug): Path(content.source_path(slug)) for slug in content.pages},
        **{page_file(page.slug): clinic for page in fact_pages(content.clinic)},
    }


def _sources_of_answers(content: Content) -> dict[str, Path]:
    """Each FAQ answer's own page (and its old addresses), all written from the FAQ file."""
    faq = Path(content.source_path("faq"))
    return {answer_file(name): faq for item in content.faq.items for name in (item.id, *item.aliases)}


def _documents_by_page(content: Content) -> dict[str, list[YamlDocument]]:
    """Each built page's Markdown file and the YAML it was written from (an answer's page: the FAQ file; the
    clinic's overlay for every page, as it may add answers and change texts)."""
    overlay = [content.documents["overlay"]] if "overlay" in content.documents else []
    pages = {page_file(slug): [content.documents[slug], *overlay] for slug in content.pages}
    pages.update({page_file(page.slug): [content.documents["clinic"]] for page in fact_pages(content.clinic)})
    faq = [content.documents["faq"], *overlay]
    return {**pages, **{answer_file(item.id): faq for item in content.faq.items}}


def _languages(content: Content) -> list[tuple[str, Content]]:
    """(folder inside site/ and docs/, content) of each language, the content's own first at the root."""
    return [("", content), *((f"{language}/", translated) for language, translated in content.translations.items())]


def _production_editor(content: Content, options: Options):
    """The browser editor's settings when clinic.yaml turns it on, else None."""
    if content.clinic.editor is None:
        return None  # the editor's modules are not even imported: most clinics never use it
    from sitegen.commands.editor import production_editor

    return production_editor(content.clinic, options)


def _add_editor(editor, options: Options, site: Path, findings: Findings) -> bool:
    """The browser editor at /admin/, only when clinic.yaml turns it on; never linked from a page, not in search or the
    sitemap. False (with a finding) if it cannot be written."""
    if editor is None:
        return True
    from sitegen.site.admin import AdminError, write_admin

    try:
        write_admin(site, editor.config, editor.connect, editor.images)
    except AdminError as exc:
        findings.add(display_path(options.clinic_file or options.content_dir / "clinic.yaml"), 1, 1, f"editor: {exc}")
        return False
    return True


def build(options: Options, out=None) -> tuple[int, Findings]:
    """The whole build. site/ and docs/ change only if every stage passed; raises OutputRefused for a place it must not write."""
    problem = output_problem(options)
    if problem:
        raise OutputRefused(problem)
    # An earlier build killed half way may have left staging folders, or the old site moved aside: repair first.
    tidy_leftovers(options.out_dir, is_our_site)
    tidy_leftovers(options.docs_dir, is_our_docs)
    tidy_leftovers(hosting_dir_for(options.out_dir), is_our_hosting)
    result = load_resolved(options)
    findings = result.findings
    if result.content is None or findings.errors:
        return 1, findings
    files = docs_files(result.content, options, findings)
    if files is None:
        return 1, findings
    run_rules(result.content, options, findings)
    if findings.errors:  # before MkDocs starts: a build that cannot be used costs no more work
        return 1, findings
    check_no_clobber(options.docs_dir, would_change(options.docs_dir, files), is_generated)
    # Each folder is staged beside its target, so that it can be swapped in by a rename on the same file system.
    site_parent = Path(os.path.realpath(options.out_dir)).parent
    docs_parent = Path(os.path.realpath(options.docs_dir)).parent
    site_parent.mkdir(parents=True, exist_ok=True)
    docs_parent.mkdir(parents=True, exist_ok=True)
    site_work = new_work_folder(site_parent)
    docs_work = site_work if docs_parent == site_parent else new_work_folder(docs_parent)
    try:
        staged_docs, staged_site = docs_work / "docs", site_work / "site"
        write_tree(staged_docs, files, extra_from=options.docs_dir)
        write_stamp(staged_docs, DOCS_STAMP)
        # One MkDocs build per language: English at the root, each translation into its folder (site/es/), so that
        # a failed Spanish build leaves site/ and docs/ as they were, like any other failure.
        sources: dict[str, Path] = {}
        for folder, version in _languages(result.content):
            overrides = mkdocs_overrides(version, options, result.content, site_search=True)
            ok, messages = build_site(options.config_file, staged_docs / folder, staged_site / folder, overrides, jobs=options.jobs)
            own = _sources_by_page(version)
            sources.update({folder + path: source for path, source in own.items()} if folder else own)
            add_mkdocs_findings(messages, {**own, **_sources_of_answers(version)}, findings)
            if not ok:
                return 1, findings
            check_page_ids(staged_site / folder, _documents_by_page(version), script_made_ids(), findings)
        if findings.errors:
            return 1, findings
        for folder, _version in reversed(_languages(result.content)):  # a translation's files first: same files, same names
            hash_asset_names(staged_site / folder)
        staged_hosting = site_work / "hosting"
        editor = _production_editor(result.content, options)
        editor_headers = editor_security_headers(editor.connect, editor.images) if editor is not None else None
        write_hosting(result.content, staged_site, staged_hosting, options.today, editor_headers)
        write_stamp(staged_hosting, HOSTING_STAMP)
        check_page_weights(staged_site, sources, result.content.lint.page_weight_budget_kb, findings)
        if not _add_editor(editor, options, staged_site, findings):
            return 1, findings
        save_bundles()  # the compressed sizes of the theme's scripts and styles
        write_stamp(staged_site, SITE_STAMP)
        written, removed = docs_changes(options.docs_dir, files)
        # Each folder is replaced whole, in one step: a build killed at any moment leaves each wholly old or new.
        swap_in(staged_docs, options.docs_dir)
        swap_in(staged_site, options.out_dir)
        swap_in(staged_hosting, hosting_dir_for(options.out_dir))
    finally:
        remove_work_folder(site_work)
        if docs_work != site_work:
            remove_work_folder(docs_work)
    pages = sum(1 for name in files if name.endswith(".md"))
    print(
        f"Built {pages} pages into {display_path(options.out_dir)}/ "
        f"({len(written)} docs {'file' if len(written) == 1 else 'files'} updated, {len(removed)} removed).",
        file=out or sys.stdout,
    )
    return 0, findings
