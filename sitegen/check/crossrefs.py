"""Check that every id a page names (source, page, FAQ, reviewer, service, ...) exists, and ids are unique."""

from __future__ import annotations

from sitegen.core.findings import Findings, did_you_mean
from sitegen.core.markup import INLINE_CITE
from sitegen.core.urls import CONTENT_LINK
from sitegen.load.content import Content
from sitegen.load.walk import models_with_ids, walk

_WHAT = {
    "references": ("source", "references.yaml 'sources'"),
    "pages": ("page", "the site's pages"),
    "glossary": ("glossary term", "glossary.yaml 'terms'"),
    "faq": ("FAQ question", "faq.yaml 'items'"),
    "faq_categories": ("FAQ category", "faq.yaml 'categories'"),
    "reviewers": ("reviewer", "clinic.yaml 'reviewers'"),
    "services": ("service", "clinic.yaml 'services'"),
    "self_check_questions": ("question", "self_check.yaml 'questions'"),
    "self_check_outcomes": ("outcome", "self_check.yaml 'outcomes'"),
}


def _collections(content: Content) -> dict[str, set[str]]:
    faq, check = content.faq, content.self_check
    return {
        "references": {s.id for s in content.references.sources} | {s.id for s in (content.overlay.sources if content.overlay else [])},
        "pages": set(content.pages),
        "glossary": {t.term for t in content.glossary.terms},
        "faq": {item.id for item in faq.items} | {item.id for item in (content.overlay.faq_items if content.overlay else [])},
        "faq_categories": {c.id for c in faq.categories},
        "reviewers": {r.id for r in content.clinic.reviewers},
        "services": {s.id for s in content.clinic.services},
        "self_check_questions": {q.id for q in check.questions},
        "self_check_outcomes": {o.id for o in check.outcomes},
    }


def check_cross_references(content: Content, findings: Findings) -> None:
    """Add a finding for every dangling reference and every duplicated id."""
    known = _collections(content)
    faq_aliases = {alias: item.id for item in content.faq.items for alias in item.aliases}
    sources = [("clinic", content.clinic), *content.pages.items()]
    if "redirects" in content.documents:
        sources.append(("redirects", content.redirects))
    if content.overlay is not None:
        sources.append(("overlay", content.overlay))
    for key, model in sources:
        doc = content.documents[key]
        for leaf in walk(model):
            if leaf.ref is not None and leaf.value not in known[leaf.ref.collection]:
                what, where = _WHAT[leaf.ref.collection]
                pos = doc.position(leaf.path)
                hint = did_you_mean(leaf.value, known[leaf.ref.collection])
                if leaf.ref.collection == "faq" and leaf.value in faq_aliases:
                    hint = f" (it is an old id of '{faq_aliases[leaf.value]}': use that)"
                findings.add(doc.path, pos.line, pos.col, f"unknown {what} '{leaf.value}': it is not in {where}{hint}")
            if leaf.prose is None:
                continue
            for cited in INLINE_CITE.findall(leaf.value):
                if cited not in known["references"]:
                    pos = doc.position_of(leaf.path, f"[^{cited}]")
                    findings.add(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"citation '[^{cited}]' names an unknown source: it is not in references.yaml 'sources'"
                        f"{did_you_mean(cited, known['references'])}",
                    )
            for kind, target, _ in CONTENT_LINK.findall(leaf.value):
                collection = "pages" if kind == "page" else "faq"
                if target not in known[collection]:
                    what, where = _WHAT[collection]
                    pos = doc.position_of(leaf.path, f"{kind}:{target}")
                    findings.add(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"link to unknown {what} '{kind}:{target}': it is not in {where}{did_you_mean(target, known[collection])}",
                    )
        for path, items in models_with_ids(model):
            first: dict[str, int] = {}
            for i, item in enumerate(items):
                if item.id in first:
                    pos = doc.position(path + (i, "id"))
                    earlier = doc.position(path + (first[item.id], "id")).line
                    findings.add(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"duplicate id '{item.id}' (already used on line {earlier}); ids must be unique: rename one of them",
                    )
                else:
                    first[item.id] = i
    _check_faq_aliases(content, findings)
    _check_glossary_terms(content, findings)


def _check_faq_aliases(content: Content, findings: Findings) -> None:
    doc = content.documents["faq"]
    ids = {item.id for item in content.faq.items}
    owner: dict[str, str] = {}
    for i, item in enumerate(content.faq.items):
        for j, alias in enumerate(item.aliases):
            pos = doc.position(("items", i, "aliases", j))
            if alias in ids:
                findings.add(
                    doc.path,
                    pos.line,
                    pos.col,
                    f"alias '{alias}' is also the id of a current question; an old id cannot point to two answers",
                )
            elif alias in owner:
                findings.add(doc.path, pos.line, pos.col, f"alias '{alias}' is already an alias of '{owner[alias]}'")
            owner.setdefault(alias, item.id)


def _check_glossary_terms(content: Content, findings: Findings) -> None:
    doc = content.documents["glossary"]
    seen: dict[str, int] = {}
    for i, term in enumerate(content.glossary.terms):
        for j, word in enumerate([term.term, *term.aliases]):
            key = word.casefold()
            if key in seen and seen[key] != i:
                path = ("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1)
                pos = doc.position(path)
                findings.add(
                    doc.path, pos.line, pos.col, f"'{word}' is already defined by glossary term {seen[key] + 1}; keep one definition"
                )
            seen.setdefault(key, i)
