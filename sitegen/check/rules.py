"""Every content rule behind one interface, run from one list: rule(content, context, findings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.check.brand_contrast import check_brand_colours
from sitegen.check.claims import check_claims
from sitegen.check.crisis_numbers import check_crisis_numbers
from sitegen.check.launch import check_launch, check_translations
from sitegen.check.published import check_published
from sitegen.check.self_check import check_self_check
from sitegen.check.uncited import check_uncited_references
from sitegen.check.wording import PageGrade, lint_content
from sitegen.core.cache import save_bundles
from sitegen.core.findings import Finding, Findings
from sitegen.core.options import Options
from sitegen.load.content import Content


@dataclass
class RuleContext:
    """What a rule may need besides the content; rules that measure something leave it here."""

    options: Options
    check_lock: bool = True  # False while writing the lock, which would otherwise refuse the very change it records
    grades: list[PageGrade] = field(default_factory=list)


Rule = Callable[[Content, RuleContext, Findings], None]


# The live preview checks again after every save; the self-check's path analysis (every combination of answers) is
# the same for the same file, so the last result is kept for the life of the process.
_LAST_SELF_CHECK: dict[tuple, list[Finding]] = {}


def _self_check(content: Content, context: RuleContext, findings: Findings) -> None:
    page, doc = content.self_check, content.documents["is-this-right-for-me"]
    key = (doc.path, tuple(doc.lines), page.model_dump_json())
    if key not in _LAST_SELF_CHECK:
        found = Findings()
        check_self_check(page, doc, found)
        _LAST_SELF_CHECK.clear()
        _LAST_SELF_CHECK[key] = found.items
    findings.extend(_LAST_SELF_CHECK[key])


def _brand_contrast(content: Content, context: RuleContext, findings: Findings) -> None:
    check_brand_colours(content, findings)


def _crisis_numbers(content: Content, context: RuleContext, findings: Findings) -> None:
    check_crisis_numbers(content, findings)


def _published(content: Content, context: RuleContext, findings: Findings) -> None:
    if context.check_lock:
        check_published(content, context.options, findings)


def _uncited(content: Content, context: RuleContext, findings: Findings) -> None:
    check_uncited_references(content, findings)


def _launch(content: Content, context: RuleContext, findings: Findings) -> None:
    check_launch(content, context.options, findings)


def _translations(content: Content, context: RuleContext, findings: Findings) -> None:
    check_translations(content, context.options, findings)


def _claims(content: Content, context: RuleContext, findings: Findings) -> None:
    check_claims(content, findings)


def _wording(content: Content, context: RuleContext, findings: Findings) -> None:
    context.grades.extend(lint_content(content, findings, context.options.today))


RULES: list[Rule] = [_self_check, _brand_contrast, _crisis_numbers, _published, _uncited, _claims, _launch, _translations, _wording]


def run_rules(content: Content, options: Options, findings: Findings, check_lock: bool = True) -> list[PageGrade]:
    """Run every rule; returns each page's reading grade."""
    context = RuleContext(options, check_lock)
    for rule in RULES:
        rule(content, context, findings)
    save_bundles()  # reading grades scored for the first time
    return context.grades
