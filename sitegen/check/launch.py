"""The launch check: what must be real before a site goes live (example: false), and medical sign-off of the very text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Literal

from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.core.paths import ROOT
from sitegen.load.clinic_folder import logo_file
from sitegen.load.content import Content
from sitegen.load.signoff import review_states
from sitegen.load.translation_stamps import translation_states
from sitegen.load.walk import walk

DEFAULT_SITE_URL = "https://ketamine-clinic.example/"
EXAMPLE_LOGOS = ROOT / "examples" / "clinics" / "logos"
_FICTIONAL = re.compile(r"\b(?:fictional|example|sample|placeholder|demo|test|dummy|fake|jane doe|john doe)\b", re.I)
_PLACEHOLDER = re.compile(
    r"\.example\b|\bexample\.(?:com|org|net)\b|\b(?:example|sample)\s+(?:street|st|road|rd|avenue|ave|court|ct|lane|parkway|way|drive)\b"
    r"|\bplaceholder\b|\blorem ipsum\b|\bTBD\b|\bTODO\b|\bxxx+\b|\bchangeme\b",
    re.I,
)
_FICTIONAL_PHONE = re.compile(r"\(?\b555\)?[-. ]?\d{3}[-. ]?\d{4}\b|\b\d{3}\)?[-. ]555[-. ]\d{4}\b|\b555[-. ]01\d\d\b")
_EMPTY_STATEMENT = re.compile(r"^\W*(?:|none|n/?a|tbd|todo|placeholder|lorem ipsum.*|to be (?:added|written|confirmed)\W*)$", re.I)


def check_launch(content: Content, options: Options, findings: Findings) -> None:
    """With example: false every problem is an error (the build refuses); in a draft, the same list as warnings."""
    live = not content.clinic.example
    severity = "error" if live else "warning"

    def add(document: str, path: tuple, message: str, at: str = "") -> None:
        doc = content.documents[document]
        pos = doc.position_of(path, at) if at else doc.position(path)
        tag = "" if message.startswith("[") else "[launch] "
        prefix = tag if live else f"{tag}before going live (example: false): "
        findings.add(doc.path, pos.line, pos.col, prefix + message, severity)  # type: ignore[arg-type]

    clinic = content.clinic
    for i, reviewer in enumerate(clinic.reviewers):
        words = _FICTIONAL.search(f"{reviewer.name} {reviewer.credentials}")
        if words:
            where = ("reviewers", i, "name") if _FICTIONAL.search(reviewer.name) else ("reviewers", i, "credentials")
            add(
                "clinic",
                where,
                f"reviewer '{reviewer.id}' is marked '{words.group(0)}': name a real clinician who reviews the pages",
                words.group(0),
            )
    for leaf in walk(clinic):
        if not isinstance(leaf.value, str):
            continue
        if leaf.path == ("site_url",) and leaf.value == DEFAULT_SITE_URL:
            add("clinic", leaf.path, f"site_url is still the bundled example's ({DEFAULT_SITE_URL}); give the site's real public address")
        elif placeholder := _PLACEHOLDER.search(leaf.value):
            add(
                "clinic",
                leaf.path,
                f"'{placeholder.group(0)}' is a placeholder ({_name(leaf.path)}); give the real one",
                placeholder.group(0),
            )
        if phone := _FICTIONAL_PHONE.search(leaf.value):
            add(
                "clinic",
                leaf.path,
                f"'{phone.group(0)}' is a 555 number, reserved for fiction ({_name(leaf.path)}); give the real number",
                phone.group(0),
            )
    logo = logo_file(content, options)
    if logo is not None and logo[1].is_file() and _is_example_logo(logo[1].read_bytes()):
        add("clinic", ("logo",), f"'{clinic.logo}' is one of the bundled example logos; use the clinic's own logo, or remove 'logo'")
    statement = getattr(clinic, "conflict_of_interest", None)
    text = getattr(statement, "statement", statement) if statement is not None else None
    if not isinstance(text, str) or _EMPTY_STATEMENT.match(text.strip()) or _PLACEHOLDER.search(text):
        path = ("conflict_of_interest",) if statement is not None else ()
        add(
            "clinic",
            path,
            "the conflict-of-interest statement is missing or a placeholder: say who pays for the site and whether the clinic profits from the treatments it describes",
        )
    check_signoff(content, add)


def check_signoff(content: Content, add: Callable[[str, tuple, str], None]) -> None:
    """Medical text not signed off as it reads now, and text changed since its sign-off, reported at the item."""
    reviewers = {r.id: r for r in content.clinic.reviewers}
    for state in review_states(content):
        command = f"python build.py review {state.key} --by {state.reviewed_by[0] if state.reviewed_by else 'REVIEWER-ID'}"
        if state.status == "unsigned":
            what = "the page" if not state.item_path else f"'{state.key}'"
            add(
                state.document,
                state.record_path if state.last_reviewed else state.item_path,
                f"[sign-off] {what} has no sign-off of its current wording (no text_fingerprint); once a reviewer has read it: {command}",
            )
        elif state.status == "changed":
            who = " and ".join(reviewers[r].name if r in reviewers else r for r in state.reviewed_by)
            since = f"changed since {who}'s review on {state.last_reviewed}"
            # One finding per changed part of the page (a section, a list), at its first changed item.
            groups: dict[tuple, list[tuple]] = {}
            for path in state.changed:
                groups.setdefault(path[:2] if len(path) > 1 and isinstance(path[1], int) else path[:1], []).append(path)
            for paths in groups.values():
                more = f" (and {len(paths) - 1} more changed below it)" if len(paths) > 1 else ""
                add(state.document, paths[0], f"[sign-off] {since}{more}; the page says so until a reviewer signs it off again: {command}")
            if state.removed:
                add(
                    state.document,
                    state.record_path,
                    f"[sign-off] a part signed off in {who}'s review on {state.last_reviewed} was removed; sign off again: {command}",
                )


def check_translations(content: Content, options: Options, findings: Findings) -> None:
    """Each translated item against the English it was translated from: stale or never stamped is an error once the site
    is live, a warning in a draft. The finding is at the translated item and says what changed in the English; in a draft,
    the items without a stamp or without a medical review are counted once per file (a draft of a new language has many)."""
    live = not content.clinic.example
    severity: Literal["error", "warning"] = "error" if live else "warning"
    prefix = "[translation] " if live else "[translation] before going live (example: false): "
    for language, translated in content.translations.items():
        command = f"python build.py translations {language} --stamp --by TRANSLATOR-ID --reviewed-by REVIEWER-ID"
        unstamped: dict[str, int] = {}
        unreviewed: dict[str, int] = {}
        for state in translation_states(content, options.content_dir, options.clinic_file, language, findings):
            doc = translated.documents[state.document]
            if state.status == "unstamped":
                unstamped[state.document] = unstamped.get(state.document, 0) + 1
            elif state.status == "stale":
                pos = doc.position(state.path)
                findings.add(
                    doc.path,
                    pos.line,
                    pos.col,
                    f"{prefix}'{state.key}' is stale: its English ({state.file}) changed since it was translated on "
                    f"{state.stamp.get('stamped') if state.stamp else '?'}: {state.change}. Update the {language} text, have it "
                    f"reviewed, then: {command}",
                    severity,
                )
            elif state.stamp and not state.stamp.get("reviewed_by"):
                if not live:
                    unreviewed[state.document] = unreviewed.get(state.document, 0) + 1
                    continue
                pos = doc.position(state.path)
                findings.add(
                    doc.path,
                    pos.line,
                    pos.col,
                    f"{prefix}'{state.key}' has no medical review of its {language} text; once a clinician has read it: {command}",
                    severity,
                )
        for document, count in unstamped.items():
            doc = translated.documents[document]
            findings.add(
                doc.path,
                1,
                1,
                f"{prefix}{count} item(s) of this file have no translation stamp (which English they were made from, who "
                f"translated and who reviewed them); once translated and reviewed: {command}",
                severity,
            )
        for document, count in unreviewed.items():
            doc = translated.documents[document]
            findings.add(
                doc.path,
                1,
                1,
                f"{prefix}{count} item(s) of this file have no medical review of their {language} text (each is listed by "
                f"'python build.py translations {language} --list'); once a clinician of yours has read them: {command}",
                severity,
            )


def _is_example_logo(data: bytes) -> bool:
    digest = hashlib.sha256(data).digest()
    return any(hashlib.sha256(p.read_bytes()).digest() == digest for p in EXAMPLE_LOGOS.glob("*") if p.is_file())


def _name(path: tuple) -> str:
    return ".".join(str(p) for p in path)
