"""Per item of a translation: the fingerprint (and words) of the English it was translated from, who translated it and who
reviewed it medically, kept in translations/<lang>/translation-stamps.yaml (the shared content's in the content folder, the
clinic's own files' beside its clinic.yaml); and which items are stale since."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel

from sitegen.core.findings import Findings
from sitegen.core.paths import display_path
from sitegen.load.content import Content
from sitegen.load.signoff import text_digest
from sitegen.load.translations import STAMPS_FILE, english_files, is_clinic_own, translation_folder
from sitegen.load.walk import walk, word_fields

Status = Literal["current", "stale", "unstamped"]


@dataclass
class TranslationState:
    """One translated item (an item of a page's list, or the page's own words) against the English as it reads now."""

    file: str  # the English file, relative to the content folder ('faq.yaml'), or to the clinic's folder for its own ('clinic.yaml')
    key: str  # the item: '<list>/<id or number>', or 'page' for the page's own words
    document: str  # content.documents key: a page slug or 'clinic'
    path: tuple  # the item's data path in the English (and merged) document; () for the page
    fingerprint: str  # of the English words now
    english: str  # the English words now
    status: Status
    stamp: dict | None  # what the stamps file holds for it
    change: str = ""  # for a stale item: what changed in the English, as a short word diff
    stamps: Path = Path(STAMPS_FILE)  # the stamps file that records it


def stamps_path(folder: Path, language: str) -> Path:
    """The stamps of the files of one folder (the content folder, or a clinic's own): <folder>/translations/<lang>/."""
    return translation_folder(folder, language) / STAMPS_FILE


def _units(model: BaseModel) -> dict[tuple, list[str]]:
    """The English words of each item of a model: (path, its words as 'field=value' lines)."""
    units: dict[tuple, list[str]] = {}
    for leaf in walk(model):
        names = [p for p in leaf.path if isinstance(p, str)]
        if not isinstance(leaf.value, str) or names[-1] not in word_fields(type(leaf.owner)) or "review" in names:
            continue
        unit = leaf.path[:2] if len(leaf.path) > 2 and isinstance(leaf.path[1], int) else ()
        field = ".".join(str(p) for p in leaf.path[len(unit) :])
        units.setdefault(unit, []).append(f"{field}={' '.join(leaf.value.split())}")
    return units


def _key(model: BaseModel, unit: tuple) -> str:
    if not unit:
        return "page"
    item = getattr(model, unit[0])[unit[1]]
    return f"{unit[0]}/{getattr(item, 'id', None) or unit[1] + 1}"


def read_stamps(path: Path, language: str, findings: Findings) -> dict:
    """The stamps file as written by write_stamps (read as PyYAML wrote it: a fingerprint such as 035309 stays text)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        findings.add(
            display_path(path),
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
            f"unreadable translation stamps ({exc}); "
            f"delete the file and stamp again: python build.py translations {language} --stamp --by TRANSLATOR-ID",
        )
        return {}
    return data if isinstance(data, dict) else {}


def word_change(before: str, now: str, limit: int = 3) -> str:
    """What changed between two texts, word by word: '«seven» → «eight»; + «mostly»' (the first few changes)."""
    old, new = before.split(), now.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        was, is_now = " ".join(old[i1:i2][:8]), " ".join(new[j1:j2][:8])
        parts.append({"replace": f"«{was}» → «{is_now}»", "delete": f"− «{was}»", "insert": f"+ «{is_now}»"}[op])
    more = f"; and {len(parts) - limit} more" if len(parts) > limit else ""
    return "; ".join(parts[:limit]).replace("=", ": ") + more


def translation_states(
    content: Content, content_dir: Path, clinic_file: Path | None, language: str, findings: Findings
) -> list[TranslationState]:
    """Every item of the English content, with the state of its translation into `language`."""
    clinic_folder = (clinic_file or content_dir / "clinic.yaml").parent
    read: dict[Path, dict] = {}
    states = []
    for key, english_path in english_files(content, content_dir, clinic_file).items():
        model = content.clinic if key == "clinic" else (content.shared_pages or content.pages)[key]
        # The clinic's own files (its profile, its pages) are stamped beside them: another clinic shares only the content.
        folder = clinic_folder if is_clinic_own(key, content) else content_dir
        stamps_file = stamps_path(folder, language)
        if stamps_file not in read:
            read[stamps_file] = read_stamps(stamps_file, language, findings)
        file = english_path.relative_to(folder).as_posix() if english_path.is_relative_to(folder) else english_path.name
        recorded = read[stamps_file].get(file) or {}
        for unit, lines in _units(model).items():
            english = "\n".join(lines)
            fingerprint = text_digest(lines)
            item = _key(model, unit)
            stamp = recorded.get(item) if isinstance(recorded, dict) else None
            if not isinstance(stamp, dict):
                status: Status = "unstamped"
            elif str(stamp.get("fingerprint")) == fingerprint:
                status = "current"
            else:
                status = "stale"
            change = word_change(str(stamp.get("english", "")), english) if status == "stale" and stamp else ""
            states.append(
                TranslationState(
                    file, item, key, unit, fingerprint, english, status, stamp if isinstance(stamp, dict) else None, change, stamps_file
                )
            )
    return states


def write_stamps(
    language: str,
    states: list[TranslationState],
    by: str,
    reviewed_by: str | None,
    today: dt.date,
    only: set[str] | None = None,
) -> dict[Path, int]:
    """Record that each item (or only those named 'file#key') was translated from the English as it reads now; how many in
    each stamps file written."""
    written: dict[Path, int] = {}
    for path in dict.fromkeys(state.stamps for state in states):
        chosen = [s for s in states if s.stamps == path and (only is None or f"{s.file}#{s.key}" in only)]
        if not chosen:
            continue
        stamps: dict = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
        stamps = stamps if isinstance(stamps, dict) else {}
        for state in chosen:
            stamps.setdefault(state.file, {})[state.key] = {
                "fingerprint": state.fingerprint,
                "translated_by": by,
                "reviewed_by": reviewed_by,
                "stamped": today.isoformat(),
                "english": state.english,
            }
        header = (
            "# Written by `python build.py translations " + language + " --stamp`: for each translated item, a fingerprint of the\n"
            "# English it was translated from (and those words, to show what changed), who translated it and who reviewed it\n"
            "# medically. Do not edit by hand: when the English changes, the build names the stale item.\n"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header + yaml.safe_dump(stamps, allow_unicode=True, sort_keys=True, width=120), encoding="utf-8")
        written[path] = len(chosen)
    return written
