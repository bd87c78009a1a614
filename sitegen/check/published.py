"""Links never break: published addresses are locked, and a build that drops one without a forward fails."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.core.urls import page_file, url_of
from sitegen.load.clinic_fact_pages import fact_pages
from sitegen.load.content import Content, shown_for
from sitegen.load.models.published import PublishedLock
from sitegen.load.validation import validate_document
from sitegen.load.yaml_document import load_yaml

LOCK_FILE = "published.lock.yaml"
LOCK_HEADER = (
    "# Addresses this site has published. Doctors and patients have these links: a build fails if one of them\n"
    "# disappears. Keep an old FAQ id in the answer's 'aliases', or forward an old page in redirects.yaml.\n"
    "# To unpublish on purpose, run: {command}\n"
)


def current_addresses(content: Content) -> tuple[list[str], list[str]]:
    """(page addresses, FAQ ids) the site serves now, including forwarded old ones."""
    slugs = [*content.pages, *(page.slug for page in fact_pages(content.clinic)), "handouts"]
    english = ["/" + url_of(page_file(slug)) for slug in slugs]
    english += [r.from_ for r in content.redirects.redirects]
    # Each further language serves every address below its folder (/es/side-effects/): published too, once locked.
    pages = english + [f"/{language}{address}" for language in content.translations for address in english]
    faq = []
    for item in content.faq.items:
        if shown_for(content, item):
            faq += [item.id, *item.aliases]
    return pages, faq


def lock_path(options: Options) -> Path:
    """The default clinic locks in the content folder; another clinic keeps its own lock beside its profile."""
    if options.clinic_file is None:
        return options.content_dir / LOCK_FILE
    return options.clinic_file.with_name(f"{options.clinic_file.stem}.{LOCK_FILE}")


def lock_command(options: Options) -> str:
    """The command that locks this site's addresses, with the options that pick this clinic's content."""
    command = "python build.py lock"
    if options.content_dir.resolve() != Options().content_dir.resolve():
        command += f" --content {display_path(options.content_dir)}"
    if options.clinic_file is not None:
        command += f" --clinic {display_path(options.clinic_file)}"
    return command


def check_published(content: Content, options: Options, findings: Findings) -> None:
    """One error for each locked address the site no longer serves."""
    path = lock_path(options)
    if not path.is_file():
        return
    doc = load_yaml(path, display_path(path), findings)
    if doc is None:
        return
    lock = validate_document(doc, PublishedLock, findings)
    if lock is None:
        return
    pages, faq = current_addresses(content)
    overlay = content.documents.get("overlay")
    hidden_pages = {"/" + url_of(page_file(slug)): slug for slug in content.hidden_pages}

    def page_fix(address: str) -> str:
        if overlay is not None and address in hidden_pages:
            line = overlay.position(("hide_pages", list(content.hidden_pages).index(hidden_pages[address]))).line
            return (
                f"published page '{address}' is hidden by {overlay.path} (line {line}); add 'forward_to: <page>' to that entry "
                "so its old links lead to another page"
            )
        where = f"in the 'redirects' of {overlay.path}" if overlay is not None else "with an entry in redirects.yaml"
        return f"published page '{address}' no longer exists; forward it {where} (from: '{address}', to: <new page>)"

    shared_faq = (content.shared_pages or content.pages)["faq"].items  # type: ignore[attr-defined]
    hidden_ids = {name: item.id for item in shared_faq if item.id in content.hidden_answers for name in (item.id, *item.aliases)}

    def answer_fix(answer: str) -> str:
        if overlay is not None and answer in hidden_ids:
            line = overlay.position(("hide_answers", list(content.hidden_answers).index(hidden_ids[answer]))).line
            return (
                f"published FAQ answer '{answer}' (/faq/{answer}/) is hidden by {overlay.path} (line {line}); add "
                "'forward_to: <answer id>' to that entry so its old links lead to another answer"
            )
        return (
            f"published FAQ answer '{answer}' (/faq/#{answer} and /faq/{answer}/) no longer exists; add "
            f"'{answer}' to the 'aliases' of the answer that replaces it"
        )

    fixes = {"pages": page_fix, "faq": answer_fix}
    languages = content.clinic.site_languages
    for key, locked, served in (("pages", lock.pages, pages), ("faq", lock.faq, faq)):
        for i, address in enumerate(locked):
            if address not in served:
                pos = doc.position((key, i))
                folder = address.strip("/").split("/")[0]
                if key == "pages" and len(folder) in (2, 3) and folder not in languages and not folder.startswith("faq"):
                    findings.add(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"published page '{address}' is in the '{folder}' site, which clinic.yaml 'languages' no longer lists "
                        f"({languages}); keep '{folder}' there, or run '{lock_command(options)}' to unpublish it on purpose",
                    )
                    continue
                findings.add(
                    doc.path, pos.line, pos.col, fixes[key](address) + f", or run '{lock_command(options)}' to unpublish it on purpose"
                )
