"""Render every page of a Content bundle to Markdown text, in memory."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sitegen.core.markup import GENERATED_MARK, front_matter_lines, html_text, plain_summary
from sitegen.core.paths import display_path
from sitegen.core.security_policy import content_security_policy
from sitegen.core.urls import CONTENT_LINK, answer_file, file_of_url, link_between, page_file, url_between, url_of
from sitegen.load.clinic_fact_pages import fact_pages
from sitegen.load.clinic_folder import logo_docs_path
from sitegen.load.content import Content, shown_for
from sitegen.load.signoff import review_states
from sitegen.load.site_pages import audience_of
from sitegen.load.ui_strings import fill
from sitegen.render.citations import Citations
from sitegen.render.environment import english_words, make_environment
from sitegen.render.jsonld import fact_web_page, medical_web_page, stated_about, structured_data
from sitegen.render.kept_pages import RenderedPage
from sitegen.render.page_reads import WatchedDict, unwatched
from sitegen.render.photos import Photos
from sitegen.render.qr import qr_svg
from sitegen.render.self_check_data import self_check_data
from sitegen.render.tooltips import Tooltips


def _resolve_content_links(body: str, link, content: Content) -> str:
    """Editors link with [text](page:side-effects) or [text](faq:is-it-addictive); MkDocs needs file paths. A link to a page or
    answer this clinic hides leads where the overlay forwards it."""

    def replace(match: re.Match) -> str:
        kind, target, anchor = match.groups()
        if kind == "faq":
            return f"]({link('faq', content.hidden_answers.get(target) or target)})"
        if target in content.hidden_pages:
            return f"]({link(content.hidden_pages[target] or 'home')})"
        return f"]({link(target, (anchor or '#')[1:] or None)})"

    return CONTENT_LINK.sub(replace, body)


@dataclass
class PageJob:
    """One Markdown file to render: which template, for which page model, at which URL."""

    key: str  # page slug, or 'faq/<id>' for one answer
    path: str  # relative to docs/
    template: str
    page: Any  # a page model, or a stand-in with title, summary, review, intro, sections, about
    source: str  # the YAML an editor should change
    audience: str = "patient"
    context: dict = field(default_factory=dict)
    jsonld_extra: list = field(default_factory=list)
    redirect: str | None = None


class _AnswerPage:
    """An FAQ answer's page as a page model: its question and answer are read only when the page itself is rendered,
    so the pages that never show an answer do not depend on it (render/page_reads.py)."""

    nav_title = None
    intro = None
    show_summary = False  # the summary is the answer's opening, so the page shows it only as its meta description

    def __init__(self, content: Content, item) -> None:
        self.item, self.review, self.about = item, content.faq.review, stated_about(content.faq)
        self.sections: list = []

    @property
    def title(self) -> str:
        return self.item.question

    @property
    def summary(self) -> str:
        return plain_summary(self.item.answer)


def _answer_page(content: Content, item) -> _AnswerPage:
    return _AnswerPage(content, item)


def page_jobs(content: Content, templates_dir: Path, words: dict | None = None) -> list[PageJob]:
    """Every file the site needs: topic pages, one page per FAQ answer, and pages that forward old addresses."""
    words = words or english_words(templates_dir)
    jobs = []
    for slug, page in content.pages.items():
        own = templates_dir / "pages" / f"{slug}.md.j2"
        jobs.append(
            PageJob(
                slug,
                page_file(slug),
                f"pages/{slug}.md.j2" if own.is_file() and slug not in content.clinic_pages else "pages/generic.md.j2",
                page,
                content.source_path(slug),
                audience_of(slug),
            )
        )
    faq_source = content.source_path("faq")
    shown_items = [i for i in content.faq.items if shown_for(content, i)]
    home = content.pages["home"]
    handouts = SimpleNamespace(
        title=words["handouts_title"],
        nav_title=words["handouts_nav"],
        review=home.review,
        intro=" ".join(str(words["handouts_intro"]).split()),
        sections=[],
        about=stated_about(home),
        summary=words["handouts_summary"],
    )
    jobs.append(
        PageJob(
            "handouts",
            page_file("handouts"),
            "pages/handouts.md.j2",
            handouts,
            display_path(Path(content.source_path("home")).parent.parent),
            context={"items": shown_items},
        )
    )
    for item in shown_items:
        jobs.append(
            PageJob(
                f"faq/{item.id}",
                answer_file(item.id),
                "pages/faq-answer.md.j2",
                _answer_page(content, item),
                faq_source,
                context={"item": item, "items": shown_items},
            )
        )
        for alias in item.aliases:
            jobs.append(
                PageJob(
                    f"faq/{alias}",
                    answer_file(alias),
                    "pages/redirect.md.j2",
                    _answer_page(content, item),
                    faq_source,
                    context={"target": link_between(answer_file(alias), answer_file(item.id))},
                    redirect=url_between(answer_file(alias), answer_file(item.id)),
                )
            )
    clinic_source = content.documents["clinic"].path
    for fact in fact_pages(content.clinic):
        stand_in = SimpleNamespace(
            title=fact.title(words),
            nav_title=None,
            summary=fact.summary(words, content.clinic),
            review=None,
            intro=None,
            sections=[],
            about=[content.clinic.name],
        )
        jobs.append(PageJob(fact.slug, page_file(fact.slug), f"pages/clinic-{fact.slug}.md.j2", stand_in, clinic_source))
    for redirect in content.redirects.redirects:
        old = file_of_url(redirect.from_)
        target = content.pages[redirect.to]
        jobs.append(
            PageJob(
                redirect.from_,
                old,
                "pages/redirect.md.j2",
                target,
                content.source_path(content.redirect_documents.get(redirect.from_, "redirects")),
                context={"target": link_between(old, page_file(redirect.to))},
                redirect=url_between(old, page_file(redirect.to)),
            )
        )
    return jobs


def render_pages(
    content: Content,
    templates_dir: Path,
    photos: Photos | None = None,
    words: dict | None = None,
    english: Content | None = None,
    each_page: Callable[[PageJob, Callable[[PageJob], RenderedPage]], RenderedPage] | None = None,
) -> list[RenderedPage]:
    """Every page of the site (in the content's language, with that language's template words) as Markdown, rendered
    afresh; raises jinja2 errors only for template bugs. Photos the pages show are made by `photos` (the clinic's
    folder), which keeps the resized files for the docs tree. each_page(job, render), when given, makes each page: it
    may call render(job) or give a page kept from an earlier build (render/kept_pages.py)."""
    words = words or english_words(templates_dir)
    env = make_environment(templates_dir, words)
    shared = SimpleNamespace(
        photos=photos,
        env=env,
        words=words,
        content=content,
        tooltips=Tooltips(content),
        references={r.id: r for r in content.references.sources},
        offered={s.id for s in content.clinic.services if s.offered},
        reviewers={r.id: r for r in content.clinic.reviewers},
        # A translation's medical sign-off is the English text's: the page says it changed when the English did. It
        # reads every text; a page reads only the entries it shows (render/page_reads.py).
        changed=WatchedDict("changed", changed_since_review(english or content)),
        logo=logo_docs_path(content),
    )
    jobs = page_jobs(content, templates_dir, words)
    if each_page is None:
        return [render_page(job, shared) for job in jobs]
    return [each_page(job, lambda job: render_page(job, shared)) for job in jobs]


def render_page(job: PageJob, shared: SimpleNamespace) -> RenderedPage:
    content, tooltips, references = shared.content, shared.tooltips, shared.references

    def link(target: str, anchor: str | None = None) -> str:
        return link_between(job.path, page_file(target)) + (f"#{anchor}" if anchor else "")

    def answer_link(item_id: str) -> str:
        return link_between(job.path, answer_file(item_id))

    url = content.clinic.site_url + url_of(job.path)
    page = job.page
    # MkDocs' and the theme's templates print the title and description unescaped (menus, <title>, meta tags).
    front_matter: dict = {"title": html_text(page.nav_title or page.title), "description": html_text(page.summary)}
    if getattr(page, "tab_title", None):
        front_matter["tab_title"] = html_text(page.tab_title)
    # Also in each page, for builders that run no hooks (Zensical); MkDocs' hook sets it for every page and the 404.
    front_matter["content_security_policy"] = content_security_policy(for_meta=True)
    if job.redirect:
        front_matter["redirect"] = job.redirect
    elif page.review is None:  # a clinic fact page: the clinic's own information, not medically reviewed
        front_matter["jsonld"] = [fact_web_page(page, content.clinic, url, job.key)]
    else:
        front_matter["last_reviewed"] = page.review.last_reviewed.isoformat()  # the sitemap's lastmod (overrides/sitemap.xml)
        front_matter["jsonld"] = [
            medical_web_page(page, content.clinic, url, job.audience, str(shared.words["about_default"])),
            *structured_data(job.key, content, url),
        ]
    faq_note = fill(str(shared.words["faq_sources_note"]), link=link("references"))
    cite = Citations(references, short=job.key == "faq", note=faq_note if job.key == "faq" else "", words=shared.words)
    body = shared.env.get_template(job.template).render(
        page=page,
        slug=job.key,
        clinic=content.clinic,
        content=content,
        cite=cite,
        link=link,
        answer_link=answer_link,
        shown=lambda item: shown_for(content, item),
        offered=shared.offered,
        self_check_data=self_check_data,
        reviewers=shared.reviewers,
        audience=job.audience,
        references=references,
        changed_since_review=shared.changed.get(job.key),
        changed_reviews=shared.changed,
        page_url=url,
        qr_svg=qr_svg,
        authored=lambda slug, prefix: _authored(content, slug, prefix),
        picture=lambda photo, width, height, lazy=False: shared.photos.picture(photo, job.path, width, height, lazy),
        logo_path=link_between(job.path, shared.logo) if shared.logo else None,
        **job.context,
    )
    body = _resolve_content_links(cite.resolve(body), link, content)
    abbreviations = "" if job.key == "glossary" or job.redirect else tooltips.lines_for(body)
    header = (
        "---\n"
        f"# {GENERATED_MARK} from {job.source}. Do not edit this file: edit {job.source} and run `python build.py`.\n"
        + front_matter_lines(front_matter)
        + "---\n\n"
    )
    text = header + body.rstrip() + "\n" + (f"\n{abbreviations}\n" if abbreviations else "")
    return RenderedPage(job.key, job.path, text)


def changed_since_review(content: Content) -> dict[str, date]:
    """Page or answer key -> the date of the review its text has changed since (the page says so)."""
    with unwatched():
        return _changed(content)


def _changed(content: Content) -> dict[str, date]:
    changed: dict[str, date] = {}
    faq_ids = [item.id for item in getattr((content.shared_pages or content.pages)["faq"], "items", [])]
    for state in review_states(content):
        if state.status != "changed" or state.last_reviewed is None:
            continue
        if state.key == "faq":
            for path in state.changed:
                if path[:1] == ("items",):
                    changed.setdefault(f"faq/{faq_ids[path[1]]}", state.last_reviewed)
            if any(path[:1] != ("items",) for path in state.changed) or state.removed:
                changed.setdefault("faq", state.last_reviewed)
        else:
            changed.setdefault(state.key, state.last_reviewed)
    return changed


def _authored(content: Content, slug: str, prefix: str = "") -> bool:
    """Whether the clinic's overlay wrote this text (or any text on the page, for prefix '')."""
    fields = content.clinic_authored.get(slug, [])
    return any(f == prefix or f.startswith(prefix + ".") or not prefix for f in fields)
