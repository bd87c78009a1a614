"""A language's translation files merged over the English content by id (position for items without one), into a typed Content.

A translation file mirrors its English file but holds only the words a reader sees (fields marked Words in the
models); structure (ids, sources, flags, numbers rules use) comes from the English. Every mismatch is an error that
names both places: the translation's file:line:col, and the English item's.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sitegen.core.findings import Findings, did_you_mean
from sitegen.core.paths import display_path
from sitegen.load.content import Content, kept_validated
from sitegen.load.models.clinic import DEFAULT_CRISIS, Clinic
from sitegen.load.overlay_pages import without_hidden
from sitegen.load.site_pages import BY_SLUG
from sitegen.load.validation import validate_document
from sitegen.load.walk import word_fields
from sitegen.load.yaml_document import Position, YamlDocument, load_yaml

TRANSLATIONS = "translations"
# Read by the stamps command, never by the merge: fingerprints of the English each item was translated from.
STAMPS_FILE = "translation-stamps.yaml"


def translation_folder(content_dir: Path, language: str) -> Path:
    return content_dir / TRANSLATIONS / language


def english_files(content: Content, content_dir: Path, clinic_file: Path | None) -> dict[str, Path]:
    """Document key (page slug or 'clinic') -> the English file it was read from: the shared pages (less those the clinic
    hides), the clinic profile and the clinic's own pages (overlay 'pages')."""
    clinic_path = clinic_file or content_dir / "clinic.yaml"
    files = {"clinic": clinic_path}
    own = clinic_page_files(content, clinic_path)
    for slug in content.shared_pages if content.shared_pages is not None else content.pages:
        page = BY_SLUG.get(slug)
        files[slug] = own.get(slug) or content_dir / (page.file if page else f"topics/{slug}.yaml")
    return files


def clinic_page_files(content: Content, clinic_path: Path) -> dict[str, Path]:
    """The clinic's own pages (overlay 'pages'): address -> its file, which lives in the clinic's folder."""
    if content.overlay is None or not content.clinic.overlay:
        return {}
    base = (clinic_path.parent / content.clinic.overlay).parent
    return {entry.address: base / entry.file for entry in content.overlay.pages if entry.address in content.clinic_pages}


def is_clinic_own(key: str, content: Content) -> bool:
    """The clinic profile and the clinic's own pages are translated beside their files, not in the shared content folder."""
    return key == "clinic" or key in content.clinic_pages


def translation_file(key: str, english: Path, content_dir: Path, language: str, content: Content) -> Path:
    """Where the translation of one English file lives: the clinic's own files (its profile, its pages) in translations/<lang>/
    beside them (examples/clinics/translations/es/sunrise.yaml); the shared ones at the same relative path under
    the content folder's translations/<lang>/."""
    if is_clinic_own(key, content):
        return english.parent / TRANSLATIONS / language / english.name
    return translation_folder(content_dir, language) / english.relative_to(content_dir)


def _where(doc: YamlDocument, path: tuple, key: bool = False) -> str:
    pos = doc.position(path, key=key)
    return f"{doc.path}:{pos.line}:{pos.col}"


def _label(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "the file"


@dataclasses.dataclass
class _Merge:
    """One English document and its translation, merged into the data the English model validates."""

    english: YamlDocument
    translated: YamlDocument
    findings: Findings
    language: str
    values: dict[tuple, Position] = dataclasses.field(default_factory=dict)
    keys: dict[tuple, Position] = dataclasses.field(default_factory=dict)
    ends: dict[tuple, Position] = dataclasses.field(default_factory=dict)

    def error(self, tr_path: tuple, message: str, key: bool = False) -> None:
        pos = self.translated.position(tr_path, key=key)
        self.findings.add(self.translated.path, pos.line, pos.col, message)

    def _map(self, merged: tuple, tr_path: tuple) -> None:
        """Positions in the merged data are the translation's, so a problem in the words is reported where they were written."""
        tr = self.translated
        if tr_path in tr.values:
            self.values[merged] = tr.values[tr_path]
        if tr_path in tr.keys:
            self.keys[merged] = tr.keys[tr_path]
        if tr_path in tr.ends:
            self.ends[merged] = tr.ends[tr_path]

    def model(self, model: BaseModel, en: dict, tr: dict, en_path: tuple, tr_path: tuple) -> dict:
        self._map(en_path, tr_path)
        cls = type(model)
        names = {(info.alias or name): name for name, info in cls.model_fields.items()}
        words = word_fields(cls)
        own: frozenset[str] = getattr(cls, "own_in_each_language", frozenset())
        for key in tr:
            if key not in names:
                self.error(tr_path + (key,), f"unknown key '{key}'{did_you_mean(str(key), names)}", key=True)
            elif names[key] in own:
                self._map(en_path + (key,), tr_path + (key,))
            elif key not in en:
                self.error(
                    tr_path + (key,),
                    f"'{key}' is not in the English here ({_where(self.english, en_path)}); remove it, or add it to the English first",
                    key=True,
                )
        out: dict = {key: tr[key] for key in tr if names.get(key) in own}
        for key, en_value in en.items():
            if names.get(key) in own:
                continue
            name = names.get(key)
            value = getattr(model, name) if name else None
            ep, tp = en_path + (key,), tr_path + (key,)
            given = key in tr
            if isinstance(value, BaseModel) and isinstance(en_value, dict):
                if given and not isinstance(tr[key], dict):
                    self.error(tp, f"'{key}' should be a set of 'key: value' lines, as in the English ({_where(self.english, ep)})")
                    out[key] = en_value
                elif given:
                    out[key] = self.model(value, en_value, tr[key], ep, tp)
                else:
                    out[key] = self.absent(value, en_value, ep, tr_path, key)
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                out[key] = self.items(value, en_value, tr.get(key), ep, tp, given, tr_path)
            elif name in words:
                if not given:
                    if name not in getattr(cls, "kept_as_written", frozenset()):
                        self.missing(ep, tr_path, key)
                    out[key] = en_value
                elif isinstance(en_value, list) and (not isinstance(tr[key], list) or len(tr[key]) != len(en_value)):
                    count = len(tr[key]) if isinstance(tr[key], list) else "not a list"
                    self.error(
                        tp,
                        f"'{key}' has {count} line(s) here but {len(en_value)} in the English ({_where(self.english, ep)}); "
                        "translate each line, in the same order",
                    )
                    out[key] = en_value
                else:
                    out[key] = tr[key]
                    self._map(ep, tp)
                    for i in range(len(tr[key]) if isinstance(tr[key], list) else 0):
                        self._map(ep + (i,), tp + (i,))
            else:
                if given and tr[key] != en_value:
                    self.error(
                        tp,
                        f"'{key}' is {tr[key]!r} here but {en_value!r} in the English ({_where(self.english, ep)}); it is not text a "
                        "reader sees, so the translation takes it from the English: remove it here, or write it exactly as there",
                    )
                out[key] = en_value
        return out

    def missing(self, en_path: tuple, tr_parent: tuple, key: str) -> None:
        self.error(
            tr_parent,
            f"'{key}' has no {self.language} text (English: {_where(self.english, en_path)}); translate it here, under {_label(tr_parent)}",
        )

    def absent(self, model: BaseModel, en: dict, en_path: tuple, tr_parent: tuple, key: str) -> dict:
        """A part the translation leaves out: fine if it holds no words a reader sees (a review block), an error otherwise."""
        needed = required_words(model, en)
        if needed:
            self.missing(en_path + needed, tr_parent, key)
        return en

    def items(self, models: list, en: list, tr: Any, en_path: tuple, tr_path: tuple, given: bool, tr_parent: tuple) -> list:
        key = en_path[-1]
        if not given:
            first = next((i for i, (m, e) in enumerate(zip(models, en, strict=False)) if required_words(m, e)), None)
            if first is not None:
                self.missing(en_path + (first,), tr_parent, str(key))
            return en
        if not isinstance(tr, list):
            self.error(tr_path, f"'{key}' should be a list (one '- item' per line), as in the English ({_where(self.english, en_path)})")
            return en
        self._map(en_path, tr_path)
        if "id" in type(models[0]).model_fields:
            return self._by_id(models, en, tr, en_path, tr_path)
        return self._by_position(models, en, tr, en_path, tr_path)

    def _by_id(self, models: list, en: list, tr: list, en_path: tuple, tr_path: tuple) -> list:
        at: dict[str, int] = {}
        for j, item in enumerate(tr):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                self.error(tr_path + (j,), "this item has no 'id'; write the id of the English item it translates")
            elif item_id in at:
                self.error(
                    tr_path + (j, "id"),
                    f"'{item_id}' is translated twice in this list (also at {_where(self.translated, tr_path + (at[item_id],))})",
                )
            else:
                at[item_id] = j
        english_ids = {m.id: i for i, m in enumerate(models)}
        for item_id, j in at.items():
            if item_id not in english_ids:
                self.error(
                    tr_path + (j, "id"),
                    f"'{item_id}' has no English item (the English list is at {_where(self.english, en_path)})"
                    f"{did_you_mean(item_id, english_ids)}; remove it, or add the item to the English first",
                )
        out = []
        for i, (model, item) in enumerate(zip(models, en, strict=False)):
            found = at.get(model.id)
            if found is None:
                if required_words(model, item):
                    self.error(
                        tr_path,
                        f"English item '{model.id}' ({_where(self.english, en_path + (i,))}) has no {self.language} counterpart in "
                        f"'{en_path[-1]}'; add it here with 'id: {model.id}'",
                        key=True,
                    )
                out.append(item)
            elif isinstance(tr[found], dict):
                out.append(self.model(model, item, tr[found], en_path + (i,), tr_path + (found,)))
            else:
                out.append(item)
        return out

    def _by_position(self, models: list, en: list, tr: list, en_path: tuple, tr_path: tuple) -> list:
        for j in range(len(en), len(tr)):
            self.error(
                tr_path + (j,),
                f"item {j + 1} has no English item: the English list ({_where(self.english, en_path)}) has {len(en)}; "
                "items without an id are matched by position, so keep the English order and number of items",
            )
        out = []
        for i, (model, item) in enumerate(zip(models, en, strict=False)):
            if i >= len(tr):
                if required_words(model, item):
                    self.error(
                        tr_path,
                        f"English item {i + 1} ({_where(self.english, en_path + (i,))}) has no {self.language} counterpart: this "
                        f"list has {len(tr)} item(s); items without an id are matched by position",
                        key=True,
                    )
                out.append(item)
            elif isinstance(tr[i], dict):
                out.append(self.model(model, item, tr[i], en_path + (i,), tr_path + (i,)))
            else:
                out.append(item)
        return out


def required_words(model: BaseModel, en: dict, path: tuple = ()) -> tuple:
    """The path (below `model`) of the first words a translation must give, or () if it holds none."""
    cls = type(model)
    words = word_fields(cls)
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if key not in en:
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel) and isinstance(en[key], dict):
            found = required_words(value, en[key], path + (key,))
            if found:
                return found
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for i, (m, e) in enumerate(zip(value, en[key], strict=False)):
                found = required_words(m, e, path + (key, i))
                if found:
                    return found
        elif name in words and name not in getattr(cls, "kept_as_written", frozenset()):
            return path + (key,)
    return ()


def merge_document(english: YamlDocument, model: BaseModel, translated: YamlDocument, language: str, findings: Findings) -> YamlDocument:
    """The English data with the translation's words, as a document whose positions are the translation's."""
    merge = _Merge(english, translated, findings, language)
    data = merge.model(model, english.data, translated.data, (), ())
    # Made from the two files' texts alone (and the code): what a build renders from it can be kept under both digests.
    digest = hashlib.sha256(f"{english.digest}\0{translated.digest}".encode()).hexdigest() if english.digest and translated.digest else ""
    return YamlDocument(translated.path, data, merge.values, merge.keys, merge.ends, translated.lines, digest)


def _merged(
    path: Path, shown: str, english: YamlDocument, model: BaseModel, language: str, findings: Findings
) -> tuple[YamlDocument | None, Any]:
    """One translation file merged over its English document and validated; kept between builds like an English file,
    keyed by the translation's bytes and the English text it is merged over."""

    def merge_and_validate() -> tuple[YamlDocument | None, Any]:
        translated = load_yaml(path, shown, findings)
        if translated is None:
            return None, None
        merged = merge_document(english, model, translated, language, findings)
        return merged, validate_document(merged, type(model), findings)

    if not english.digest:
        return merge_and_validate()
    slot = f"{shown}\0{language}\0{english.path}"
    return kept_validated(slot, [path], type(model), findings, merge_and_validate, english.digest, language)


def load_translation(content: Content, content_dir: Path, clinic_file: Path | None, language: str, findings: Findings) -> Content | None:
    """The content in `language`: every English file's translation merged over it; None (with findings) if any is missing or wrong."""
    before = len(findings.errors)
    overlay = content.overlay
    words_of_overlay = [key for key in ("faq_items", "overrides", "sources") if overlay is not None and getattr(overlay, key)]
    if words_of_overlay:
        # Its own answers, texts and sources are words of the overlay file, which has no translation file yet.
        doc = content.documents["overlay"]
        pos = doc.position((words_of_overlay[0],), key=True)
        findings.add(
            doc.path,
            pos.line,
            pos.col,
            f"the overlay's own '{words_of_overlay[0]}' cannot be translated yet, so the '{language}' site would show them in "
            f"English; move them into a page of your own ('pages'), or remove '{language}' from 'languages' for now",
        )
        return None
    files = english_files(content, content_dir, clinic_file)
    shared = content.shared_pages if content.shared_pages is not None else content.pages  # as their files read
    models: dict[str, Any] = {}
    documents: dict[str, YamlDocument] = {}
    expected: set[Path] = set()
    for key, english_path in files.items():
        path = translation_file(key, english_path, content_dir, language, content)
        expected.add(path.resolve())
        shown = display_path(path)
        english = content.documents[key]
        if not path.is_file():
            findings.add(
                shown,
                1,
                1,
                f"no {language} translation of {english.path}; create this file with the same keys, holding the words a reader "
                "sees (see CONTENT_GUIDE.md, 'Adding a language')",
            )
            continue
        model = content.clinic if key == "clinic" else shared[key]
        english = with_default_crisis(english) if key == "clinic" else english
        merged, value = _merged(path, shown, english, model, language, findings)
        if merged is not None:
            documents[key] = merged
        if value is not None:
            models[key] = value
    folder = translation_folder(content_dir, language)
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        # A page this clinic hides, or the bundled clinic's profile beside another clinic's: not read, but not stray either.
        if path.resolve() not in expected and path.name != STAMPS_FILE and not (content_dir / path.relative_to(folder)).is_file():
            findings.add(
                display_path(path),
                1,
                1,
                f"this translation has no English file ({display_path(content_dir / path.relative_to(folder))} does not exist); "
                "remove it, or check its name",
            )
    if len(findings.errors) > before:
        return None
    # The translated site lives below the English one (/es/): its own addresses, QR codes and structured data say so.
    clinic: Clinic = models["clinic"].model_copy(update={"language": language, "site_url": f"{content.clinic.site_url}{language}/"})
    in_language = {slug: models[slug] for slug in shared}
    in_language["glossary"] = _glossary_refs_translated(shared["glossary"], in_language["glossary"])
    # The overlay's hide lists apply to every language alike (its forwards are the same addresses below /<lang>/).
    pages = without_hidden(in_language, set(content.hidden_pages), content.hidden_answers) if overlay is not None else in_language
    return dataclasses.replace(
        content,
        clinic=clinic,
        pages={slug: pages[slug] for slug in content.pages},
        documents={**content.documents, **documents},
        language=language,
        shared_pages=in_language if content.shared_pages is not None else None,
    )


def with_default_crisis(english: YamlDocument) -> YamlDocument:
    """A clinic profile without 'crisis' shows its country's crisis help (models/clinic.py DEFAULT_CRISIS): its words are
    translated like any other, so the translation is merged over them too."""
    data = english.data
    country = data.get("country", "US") if isinstance(data, dict) else None
    if not isinstance(data, dict) or "crisis" in data or country not in DEFAULT_CRISIS:
        return english
    return dataclasses.replace(english, data={**data, "crisis": DEFAULT_CRISIS[country]})


def _glossary_refs_translated(english: Any, translated: Any) -> Any:
    """Glossary terms name each other by their words ('see_also'), which differ per language: point them at the translated terms."""
    names = {en.term: tr.term for en, tr in zip(english.terms, translated.terms, strict=False)}
    terms = [t.model_copy(update={"see_also": [names.get(n, n) for n in t.see_also]}) for t in translated.terms]
    return translated.model_copy(update={"terms": terms})
