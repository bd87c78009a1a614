"""`build.py review`: record a reviewer's sign-off of a page or answer as it reads now, or list what awaits review."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from sitegen.core.findings import Finding, closest
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.load.content import Content
from sitegen.load.signoff import ReviewState, review_states
from sitegen.load.yaml_document import YamlDocument

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class ReviewError(Exception):
    """A sign-off that cannot be written; the message says why."""


def sign_off(content: Content, options: Options, target: str, reviewer: str, claims: list[Finding] = ()) -> tuple[int, list[str]]:  # type: ignore[assignment]
    """Write the sign-off of `target` by `reviewer` into the YAML files; (exit code, lines to print).

    Text the claim guard refuses is not signed off: `claims` are its errors, and any inside the target stop it."""
    known = {r.id: r for r in content.clinic.reviewers}
    if reviewer not in known:
        hint = closest(reviewer, known)
        return EXIT_USAGE, [
            f"build.py: error: --by {reviewer}: no reviewer with that id in clinic.yaml 'reviewers'"
            + (f" (did you mean '{hint}'?)" if hint else f"; ids: {', '.join(known)}")
        ]
    states = review_states(content)
    key = target if target in content.pages or target.startswith("faq/") else f"faq/{target}"
    chosen = [s for s in states if s.key == key]
    if not chosen and key.startswith("faq/"):
        chosen = _new_answer_record(content, key)
    if not chosen:
        names = sorted({s.key for s in states} | set(content.pages) | {f"faq/{i.id}" for i in content.faq.items})
        hint = closest(target, names)
        return EXIT_USAGE, [
            f"build.py: error: '{target}' is not a page or an FAQ answer"
            + (f" (did you mean '{hint}'?)" if hint else "; give a page slug such as 'side-effects', or faq/<id>")
        ]
    inside = [f for state in chosen for f in claims if _within(content.documents[state.document], state, f)]
    if inside:
        return EXIT_CONTENT, [f.format() for f in sorted(set(inside))] + [
            f"'{target}' was not signed off: fix the claims above first, then sign off the text as it will be published."
        ]
    today = options.today
    due = today + dt.timedelta(days=content.lint.review_interval_days)
    lines = []
    try:
        for state in chosen:
            doc = content.documents[state.document]
            _write_record(doc, state, reviewer, today, due if state.record_path == ("review",) else None)
            lines.append(f"Signed off {_what(state)} in {display_path(Path(doc.path))} as reviewed by {known[reviewer].name} on {today}.")
    except ReviewError as exc:
        return EXIT_CONTENT, [str(exc)]
    if chosen[0].record_path == ("review",):
        lines.append(f"Next review due {due} (lint.yaml review_interval_days: {content.lint.review_interval_days}).")
    return EXIT_OK, lines


def _within(doc: YamlDocument, state: ReviewState, finding: Finding) -> bool:
    """Whether a finding lies in the text this sign-off covers: the whole page, or the one answer or overlay text."""
    if finding.path != doc.path:
        return False
    if not state.item_path:
        return True
    first = doc.position(state.item_path).line
    return first <= finding.line <= _last_line(doc, state.item_path)


def _what(state: ReviewState) -> str:
    if state.document == "overlay" and not state.key.startswith("faq/"):
        return f"the clinic's text on '{state.key}' ({'.'.join(map(str, state.item_path))})"
    return f"'{state.key}'"


def _new_answer_record(content: Content, key: str) -> list[ReviewState]:
    """A state for an answer the FAQ page's review covers so far: signing it alone gives it a record of its own."""
    item_id = key.removeprefix("faq/")
    for document, items, prefix in [("faq", (content.shared_pages or content.pages)["faq"].items, "items")] + (  # type: ignore[attr-defined]
        [("overlay", content.overlay.faq_items, "faq_items")] if content.overlay else []
    ):
        for i, item in enumerate(items):
            if item.id == item_id:
                from sitegen.load.signoff import fingerprint, medical_blocks

                path = (prefix, i)
                return [ReviewState(key, document, path + ("review",), path, [], None, None, fingerprint(medical_blocks(item)), "unsigned")]
    return []


def _write_record(doc: YamlDocument, state: ReviewState, reviewer: str, today: dt.date, due: dt.date | None) -> None:
    """Replace (or add) the review record's lines in the file, leaving every other line as it was."""
    path = Path(doc.path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    record = state.record_path
    fields = [("reviewed_by", f"[{reviewer}]"), ("last_reviewed", str(today))]
    if due is not None:
        fields.append(("next_review_due", str(due)))
    fields.append(("text_fingerprint", state.fingerprint))
    if record in doc.keys:
        key_pos = doc.keys[record]
        first, last = key_pos.line, _last_line(doc, record)
        lead = lines[first - 1][: key_pos.col - 1]
        if lead.strip(" -"):
            raise ReviewError(
                f"{doc.path}:{first}:{key_pos.col}: the review record is written inline; put 'review:' on a line of its own, then run the command again"
            )
        child = next((doc.keys[p] for p in doc.keys if len(p) == len(record) + 1 and p[: len(record)] == record), None)
        step = (child.col - key_pos.col) if child and child.line > first else 2
        indent = " " * (key_pos.col - 1)
        new = [f"{lead}review:\n"] + [f"{indent}{' ' * step}{name}: {value}\n" for name, value in fields]
        kept = [line for line in lines[first:last] if line.lstrip().startswith("#")]  # comments inside the record stay
        lines[first - 1 : last] = kept + new
    else:
        item = state.item_path
        id_pos = doc.keys.get(item + ("id",)) or doc.keys.get(item + ("page",))
        if id_pos is None:
            raise ReviewError(f"{doc.path}: cannot find the item '{state.key}' to add its review record")
        last = _last_line(doc, item)
        indent = " " * (id_pos.col - 1)
        new = [f"{indent}review:\n"] + [f"{indent}  {name}: {value}\n" for name, value in fields]
        if last > 0 and not lines[last - 1].endswith("\n"):
            lines[last - 1] += "\n"
        lines[last:last] = new
    path.write_text("".join(lines), encoding="utf-8")


def _last_line(doc: YamlDocument, prefix: tuple) -> int:
    """The last line holding part of the value at `prefix` (a block scalar ends before the line its end mark is on)."""
    last = doc.keys[prefix].line if prefix in doc.keys else doc.values[prefix].line
    for table in (doc.values, doc.ends):
        for p, pos in table.items():
            if p[: len(prefix)] == prefix:
                line = pos.line - 1 if table is doc.ends and pos.col == 1 else pos.line
                last = max(last, line)
    return last


def review_list(content: Content, options: Options) -> list[str]:
    """What awaits a first sign-off, what changed since its sign-off, what is overdue or due soon."""
    today = options.today
    reviewers = {r.id: r.name for r in content.clinic.reviewers}
    groups: dict[str, list[str]] = {"awaiting": [], "changed": [], "overdue": [], "due": [], "current": []}
    for state in review_states(content):
        doc = content.documents[state.document]
        where = f"{display_path(Path(doc.path))}:{doc.position(state.record_path if state.last_reviewed else state.item_path).line}"
        name = _what(state)
        if state.status == "unsigned":
            groups["awaiting"].append(f"  {name}: wording never signed off ({where})")
        elif state.status == "changed":
            who = " and ".join(reviewers.get(r, r) for r in state.reviewed_by)
            parts = ", ".join(str(doc.position(p).line) for p in state.changed) or "a part was removed"
            groups["changed"].append(
                f"  {name}: changed since {who}'s review on {state.last_reviewed} (lines {parts} of {where.split(':')[0]})"
            )
        due = state.next_review_due
        if due is not None and due < today:
            groups["overdue"].append(f"  {name}: review overdue since {due} ({where})")
        elif due is not None and (due - today).days <= content.lint.review_warning_days:
            groups["due"].append(f"  {name}: review due in {(due - today).days} days, on {due} ({where})")
        elif state.status == "signed":
            groups["current"].append(name)
    titles = {
        "awaiting": "Awaiting sign-off",
        "changed": "Changed since sign-off",
        "overdue": "Overdue",
        "due": f"Due within {content.lint.review_warning_days} days",
    }
    out = []
    for group, title in titles.items():
        if groups[group]:
            out.append(f"{title} ({len(groups[group])}):")
            out.extend(groups[group])
    out.append(f"Signed off and current: {len(groups['current'])}.")
    return out


def print_lines(lines: list[str], error: bool = False) -> None:
    for line in lines:
        print(line, file=sys.stderr if error else sys.stdout)
