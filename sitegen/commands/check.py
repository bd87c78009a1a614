"""`build.py check` and the first half of every command: load, resolve and check the content, writing nothing."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from sitegen.check.crossrefs import check_cross_references
from sitegen.check.fact_pages import check_fact_pages
from sitegen.check.logo import check_logo
from sitegen.check.photos import check_photos
from sitegen.check.rules import run_rules
from sitegen.check.wording import PageEase, PageGrade
from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.load.clinic_fact_pages import fact_pages
from sitegen.load.content import Content, load_content
from sitegen.load.menu import with_menu
from sitegen.load.overlay import apply_overlay
from sitegen.load.overlay_pages import apply_page_changes
from sitegen.load.translations import load_translation
from sitegen.load.ui_strings import load_ui


@dataclass
class CheckResult:
    content: Content | None
    findings: Findings
    grades: list[PageGrade] = field(default_factory=list)
    eases: list[PageEase] = field(default_factory=list)  # translated pages (Spanish: Szigriszt-Pazos, INFLESZ)


def check(options: Options, check_lock: bool = True) -> CheckResult:
    """Load and run every content rule; all findings collected, nothing written."""
    result = load_resolved(options)
    if result.content is not None and not result.findings.errors:
        result.grades.extend(run_rules(result.content, options, result.findings, check_lock, result.eases))
    return result


def load_resolved(options: Options) -> CheckResult:
    """What rendering relies on: load, validate, cross-check ids and links, apply the clinic's overlay, set the menu."""
    findings = Findings()
    content = load_content(options.content_dir, options.clinic_file, findings)
    if content is not None:
        check_cross_references(content, findings)
        hidden: dict = {}
        if not findings.errors:
            overlaid = apply_overlay(content, findings)
            content = apply_page_changes(overlaid, findings)
            hidden = {slug: overlaid.pages[slug] for slug in content.hidden_pages}
        if not findings.errors:
            made = [page.slug for page in fact_pages(content.clinic)]
            content = with_menu(content, options.config_file, findings, made)
        if content is not None and not findings.errors:
            check_logo(content, options, findings)
            check_photos(content, options, findings)
            check_fact_pages(content, findings)
        if content is not None and not findings.errors:
            _load_languages(content, options, findings, hidden)
    return CheckResult(content, findings)


def _load_languages(content: Content, options: Options, findings: Findings, hidden: dict) -> None:
    """Each further language of clinic.yaml 'languages': its translation merged over the content, and its template words.
    `hidden` are the pages the overlay hides: a translated text may link to one, as the English may (its forward leads on)."""
    content.words = load_ui(options.templates_dir, content.language, findings) or {}
    for language in content.clinic.site_languages[1:]:
        translated = load_translation(content, options.content_dir, options.clinic_file, language, findings)
        words = load_ui(options.templates_dir, language, findings)
        if translated is None or words is None:
            continue
        # Its texts' links and ids, as the English ones were checked: before the overlay hides any page or answer (the overlay
        # itself is the English one, checked then).
        before_hiding = {**(translated.shared_pages or translated.pages), **hidden}
        check_cross_references(dataclasses.replace(translated, pages=before_hiding, overlay=None), findings)
        translated.words = words
        content.translations[language] = translated
