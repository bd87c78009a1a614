"""Every content rule behind one interface, run from one list: rule(content, context, findings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.check.brand_contrast import check_brand_colours
from sitegen.check.claims import check_claims
from sitegen.check.crisis_numbers import check_crisis_numbers
from sitegen.check.launch import check_launch, check_translations
from sitegen.check.published import check_published
from sitegen.check.uncited import check_uncited_references
from sitegen.check.wording import PageEase, PageGrade, lint_content, lint_translation
from sitegen.core.cache import Passes, save_bundles
from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.load.content import Content


@dataclass
class RuleContext:
    """What a rule may need besides the content; rules that measure something leave it here."""

    options: Options
    check_lock: bool = True  # False while writing the lock, which would otherwise refuse the very change it records
    grades: list[PageGrade] = field(default_factory=list)
    eases: list[PageEase] = field(default_factory=list)  # each translated page's reading ease (Spanish: INFLESZ)


Rule = Callable[[Content, RuleContext, Findings], None]


def _self_check(content: Content, context: RuleContext, findings: Findings) -> None:
    # The soundness proof reads the self-check page alone: a page that passed, from the very same files and code, is
    # not proved again (a page with any finding is, on every build).
    documents = [content.documents[key] for key in ("is-this-right-for-me", "overlay") if key in content.documents]
    passes = Passes("self-check")
    name = passes.name(*(f"{doc.path}\0{doc.digest}" for doc in documents)) if all(doc.digest for doc in documents) else ""
    if name and passes.passed(name):
        return
    from sitegen.check.self_check import check_self_check

    before = len(findings.items)
    check_self_check(content.self_check, content.documents["is-this-right-for-me"], findings)
    if name and len(findings.items) == before:
        passes.mark_passed(name)


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
    for lang, translated in content.translations.items():  # each language with its own rules (claim_rules.<lang>.yaml)
        check_claims(translated, findings, lang)


def _wording(content: Content, context: RuleContext, findings: Findings) -> None:
    context.grades.extend(lint_content(content, findings, context.options.today))
    for lang, translated in content.translations.items():
        context.eases.extend(lint_translation(translated, lang, findings))


RULES: list[Rule] = [_self_check, _brand_contrast, _crisis_numbers, _published, _uncited, _claims, _launch, _translations, _wording]


def run_rules(
    content: Content, options: Options, findings: Findings, check_lock: bool = True, eases: list[PageEase] | None = None
) -> list[PageGrade]:
    """Run every rule; returns each page's reading grade (and adds each translated page's reading ease to `eases`)."""
    context = RuleContext(options, check_lock)
    for rule in RULES:
        rule(content, context, findings)
    save_bundles()  # reading grades scored for the first time
    if eases is not None:
        eases.extend(context.eases)
    return context.grades
