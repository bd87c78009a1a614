"""Apply a clinic overlay's page changes: the shared pages and FAQ answers it hides, and the forwards of its own old addresses."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from pydantic import BaseModel

from sitegen.core.findings import Findings
from sitegen.core.urls import CONTENT_LINK, page_file, url_of
from sitegen.load.content import RESERVED_ADDRESSES, Content
from sitegen.load.models.published import Redirect, Redirects
from sitegen.load.site_pages import is_hideable
from sitegen.load.walk import walk
from sitegen.load.yaml_document import YamlDocument


def address_of(slug: str) -> str:
    """A page's site-absolute address: 'myths' -> '/myths/', 'home' -> '/'."""
    return "/" + url_of(page_file(slug))


def apply_page_changes(content: Content, findings: Findings) -> Content:
    """The content without the pages and answers the overlay hides, with its forwards; problems at the overlay's lines."""
    overlay = content.overlay
    if overlay is None or not (overlay.hide_pages or overlay.hide_answers or overlay.redirects):
        return content
    doc = content.documents["overlay"]
    hidden_pages = _hidden_pages(content, findings)
    hidden_answers = _hidden_answers(content, findings)
    pages = {slug: page for slug, page in content.pages.items() if slug not in hidden_pages}
    redirects = list(content.redirects.redirects)
    sources = dict(content.redirect_documents)
    for slug, target in hidden_pages.items():
        if target is not None:
            redirects.append(Redirect.model_validate({"from": address_of(slug), "to": target}))
            sources[address_of(slug)] = "overlay"
    served = {address_of(slug): slug for slug in [*pages, "handouts"]}
    for i, redirect in enumerate(overlay.redirects):
        pos = doc.position(("redirects", i, "from"))
        if redirect.from_ in served:
            slug = served[redirect.from_]
            if slug in content.clinic_pages:
                problem = f"'{redirect.from_}' is the address of your page '{slug}'; a forward is for an address no page has any more"
            else:
                problem = (
                    f"'{redirect.from_}' is the address of the built-in page '{slug}', which this site still shows. Built-in pages "
                    f"keep their addresses and cannot be renamed; to show your own page instead, hide it and forward it: "
                    f"'hide_pages: [{{page: {slug}, forward_to: <your page>}}]'"
                )
            findings.add(doc.path, pos.line, pos.col, problem)
        elif redirect.from_ in sources:
            findings.add(doc.path, pos.line, pos.col, f"'{redirect.from_}' is already forwarded; keep one forward for each old address")
        elif redirect.to in hidden_pages:
            to = doc.position(("redirects", i, "to"))
            findings.add(doc.path, to.line, to.col, f"'{redirect.to}' is hidden by this overlay; forward to a page the site shows")
        else:
            redirects.append(redirect)
            sources[redirect.from_] = "overlay"
    for i, redirect in enumerate(redirects):
        if redirect.to in hidden_pages:  # redirects.yaml names a page this clinic hides: follow that page's forward
            redirects[i] = redirect.model_copy(update={"to": hidden_pages[redirect.to] or "home"})
    _check_links_to_hidden(content, hidden_pages, hidden_answers, findings)
    pages = without_hidden(pages, set(hidden_pages), hidden_answers)
    shared = content.shared_pages or content.pages
    return dataclasses.replace(
        content,
        pages=pages,
        shared_pages={slug: page for slug, page in shared.items() if slug not in hidden_pages},
        redirects=Redirects(redirects=redirects),
        redirect_documents=sources,
        hidden_pages=hidden_pages,
        hidden_answers=hidden_answers,
    )


def _hidden_pages(content: Content, findings: Findings) -> dict[str, str | None]:
    assert content.overlay is not None

    def why_not(page: str) -> str | None:
        if page in content.clinic_pages:
            return f"'{page}' is your own page; to drop it, remove it from 'pages' instead"
        if page == "handouts" or page in RESERVED_ADDRESSES or not is_hideable(page):
            return (
                f"the page '{page}' cannot be hidden: every site keeps its safety pages and the pages others link to "
                "(only history, how-it-works, myths, for-clinicians and pages added to topics/ can be); to take it out of the "
                "menu only, leave it out of 'menu'"
            )
        return None

    entries = [(entry.page, entry.forward_to) for entry in content.overlay.hide_pages]
    return _hidden(content.documents["overlay"], "hide_pages", "page", entries, why_not, findings)


def _hidden_answers(content: Content, findings: Findings) -> dict[str, str | None]:
    assert content.overlay is not None
    shared = {item.id for item in (content.shared_pages or content.pages)["faq"].items}  # type: ignore[attr-defined]

    def why_not(answer: str) -> str | None:
        return None if answer in shared else f"'{answer}' is your own answer; to drop it, remove it from 'faq_items' instead"

    entries = [(entry.answer, entry.forward_to) for entry in content.overlay.hide_answers]
    return _hidden(content.documents["overlay"], "hide_answers", "answer", entries, why_not, findings)


def _hidden(
    doc: YamlDocument,
    list_key: str,
    noun: str,
    entries: list[tuple[str, str | None]],
    why_not: Callable[[str], str | None],
    findings: Findings,
) -> dict[str, str | None]:
    """What an overlay's hide list hides, each with where it forwards; a finding at the line of each bad entry."""
    hidden: dict[str, str | None] = {}
    for i, (name, forward_to) in enumerate(entries):
        pos = doc.position((list_key, i, noun))
        problem = why_not(name) or (f"'{name}' is already hidden above; list each {noun} once" if name in hidden else None)
        if problem:
            findings.add(doc.path, pos.line, pos.col, problem)
        else:
            hidden[name] = forward_to
    shown = "a page the site shows" if noun == "page" else "an answer the site shows"
    for i, (name, forward_to) in enumerate(entries):
        if forward_to is not None and (forward_to in hidden or forward_to == name):
            pos = doc.position((list_key, i, "forward_to"))
            findings.add(doc.path, pos.line, pos.col, f"'{forward_to}' is hidden too; forward to {shown}")
    return hidden


def _check_links_to_hidden(
    content: Content, hidden_pages: dict[str, str | None], hidden_answers: dict[str, str | None], findings: Findings
) -> None:
    """A link in a text the site still shows to a hidden page or answer needs that entry's forward_to, to lead somewhere."""
    overlay, doc = content.overlay, content.documents["overlay"]
    assert overlay is not None
    entries = {("page", e.page): ("hide_pages", i) for i, e in enumerate(overlay.hide_pages) if e.page in hidden_pages}
    entries |= {("faq", e.answer): ("hide_answers", i) for i, e in enumerate(overlay.hide_answers) if e.answer in hidden_answers}
    unforwarded = {key for key in entries if (hidden_pages if key[0] == "page" else hidden_answers)[key[1]] is None}
    if not unforwarded:
        return
    shared: dict[str, BaseModel] = dict(content.shared_pages or content.pages)
    hidden_items = {("items", i) for i, item in enumerate(getattr(shared["faq"], "items", [])) if item.id in hidden_answers}
    texts = [(slug, page) for slug, page in shared.items() if slug not in hidden_pages] + [("overlay", overlay)]
    for key, model in texts:
        source = content.documents[key]
        for leaf in walk(model):
            if leaf.prose is None or (key == "faq" and leaf.path[:2] in hidden_items):
                continue
            for kind, target, _ in CONTENT_LINK.findall(leaf.value):
                if (kind, target) in unforwarded:
                    pos = source.position_of(leaf.path, f"{kind}:{target}")
                    line = doc.position(entries[(kind, target)]).line
                    what = "page" if kind == "page" else "answer"
                    findings.add(
                        source.path,
                        pos.line,
                        pos.col,
                        f"this text links to the {what} '{target}', which {doc.path} hides (line {line}); add 'forward_to: <{what}>' "
                        "to that entry so the link leads somewhere",
                    )


def without_hidden(pages: dict, hidden_pages: set[str], hidden_answers: dict[str, str | None]) -> dict:
    """Drop hidden answers (their old ids become aliases of the answer they forward to) and the cards and related
    links that name hidden pages or answers."""
    faq = pages["faq"]
    forwarded: dict[str, list[str]] = {}
    for item in faq.items:
        target = hidden_answers.get(item.id)
        if target is not None:
            forwarded.setdefault(target, []).extend([item.id, *item.aliases])
    items = [
        item.model_copy(
            update={
                "aliases": [*item.aliases, *forwarded.get(item.id, [])],
                "related": [r for r in item.related if r not in hidden_answers],
                "related_pages": [p for p in item.related_pages if p not in hidden_pages],
            }
        )
        for item in faq.items
        if item.id not in hidden_answers
    ]
    pages = {**pages, "faq": faq.model_copy(update={"items": items})}
    home = pages["home"]
    pages["home"] = home.model_copy(update={"highlights": [h for h in home.highlights if h.page not in hidden_pages]})
    return pages
