"""The docs tree, one step for build and serve: every generated file in memory, then written only where it changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import traceback
from pathlib import Path

import jinja2

from sitegen.core.cache import save_bundles
from sitegen.core.findings import Findings
from sitegen.core.markup import GENERATED_MARK
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.load.clinic_folder import clinic_folder, logo_file
from sitegen.load.content import Content
from sitegen.render.brand_css import brand_css
from sitegen.render.kept_pages import render_site
from sitegen.render.photos import Photos
from sitegen.render.reachable import check_reachable
from sitegen.site.output_folder import DOCS_STAMP, check_no_clobber, write_stamp

DocsFiles = dict[str, str | bytes]  # path inside docs/ -> text (generated) or bytes (copied, e.g. the logo)


def docs_files(content: Content, options: Options, findings: Findings) -> DocsFiles | None:
    """All files of the docs tree for this content, or None if a template failed (reported in findings)."""
    photos = Photos(clinic_folder(options))
    files: DocsFiles = {}
    # Each further language is a docs tree of its own in a folder named by its code (docs/es/), built on its own.
    for folder, version in [("", content), *((f"{lang}/", tr) for lang, tr in content.translations.items())]:
        try:
            pages = render_site(version, options.templates_dir, photos, version.words or None, english=content)
        except jinja2.TemplateError as exc:
            findings.add(*_template_error_position(exc, options.templates_dir), f"template error: {exc}")
            return None
        files.update({folder + p.path: p.text for p in pages})
        files.update({folder + path: data for path, data in photos.files.items()})
        files[folder + "assets/brand.css"] = brand_css(content.clinic, content.documents["clinic"].path)
        logo = logo_file(content, options)
        if logo:
            files[folder + logo[0]] = logo[1].read_bytes()
    save_bundles()  # QR codes and resized photos made for the first time
    check_reachable(content, files, findings)
    sitemaps = "".join(f"Sitemap: {content.clinic.site_url}{folder}sitemap.xml\n" for folder in ["", *(f"{lang}/" for lang in content.translations)])
    files["robots.txt"] = f"# {GENERATED_MARK} from {content.documents['clinic'].path} (site_url).\nUser-agent: *\nAllow: /\n{sitemaps}"
    return files


def _template_error_position(exc: jinja2.TemplateError, templates_dir: Path) -> tuple[str, int, int]:
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return display_path(Path(exc.filename)), exc.lineno or 1, 1
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return display_path(Path(frame.filename)), frame.lineno or 1, 1
    return display_path(templates_dir), 1, 1


def _write(target: Path, data: str | bytes) -> None:
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        target.write_text(data, encoding="utf-8")


def _same(target: Path, data: str | bytes) -> bool:
    if not target.is_file():
        return False
    return target.read_bytes() == (data if isinstance(data, bytes) else data.encode("utf-8"))


COPIED_LIST = ".sitegen-copied"  # the files the build copied in (logo, photos), which carry no generated mark: path and digest


def is_generated(path: Path) -> bool:
    """Whether the build wrote this file: text with the generated mark, or a file it copied in, unchanged since."""
    try:
        with path.open("rb") as fh:
            if GENERATED_MARK.encode() in fh.read(400):
                return True
    except OSError:
        return False
    for folder in path.parents:
        listed = folder / COPIED_LIST
        if listed.is_file():
            rel = path.relative_to(folder).as_posix()
            return _copied(folder).get(rel) == _digest(path.read_bytes())
    return False


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _copied(docs_dir: Path) -> dict[str, str]:
    """{path: sha256} of the files the last build copied into docs_dir."""
    try:
        lines = (docs_dir / COPIED_LIST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    return {rel: digest for digest, _, rel in (line.partition("  ") for line in lines) if rel}


def _copied_digests(files: DocsFiles) -> dict[str, str]:
    return {rel: _digest(data) for rel, data in files.items() if isinstance(data, bytes)}


def _write_copied_list(root: Path, digests: dict[str, str]) -> None:
    if not digests:
        (root / COPIED_LIST).unlink(missing_ok=True)
        return
    text = "".join(f"{digest}  {rel}\n" for rel, digest in sorted(digests.items()))
    (root / COPIED_LIST).write_text(text, encoding="utf-8")


def would_change(docs_dir: Path, files: DocsFiles) -> list[str]:
    """The files a write would change: one already holding exactly what is written (a logo copied before) is not replaced."""
    return [rel for rel, data in files.items() if not _same(docs_dir / rel, data)]


def hand_written_files(docs_dir: Path) -> list[Path]:
    """Files in docs/ an editor put there (images, extra pages): kept and built along."""
    if not docs_dir.is_dir():
        return []
    return [p for p in docs_dir.rglob("*") if p.is_file() and not p.name.startswith(".sitegen-") and not is_generated(p)]


def _link_or_copy(source: Path, target: Path) -> None:
    # A hard link keeps the file as it is (timestamp and all) at no cost; copy where the file system cannot link.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_tree(root: Path, files: DocsFiles, extra_from: Path | None = None) -> None:
    """A fresh folder with the generated files plus the hand-written ones of `extra_from`.

    Files that `extra_from` already holds unchanged are linked, not rewritten, so their timestamps stay.
    """
    for path in hand_written_files(extra_from) if extra_from else []:
        target = root / path.relative_to(extra_from or root)
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(path, target)
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        old = extra_from / rel if extra_from else None
        if old is not None and _same(old, text):
            _link_or_copy(old, target)
        else:
            _write(target, text)
    _write_copied_list(root, _copied_digests(files))


def docs_changes(docs_dir: Path, files: DocsFiles) -> tuple[list[str], list[str]]:
    """What replacing docs/ with these generated files changes: (written, removed)."""
    written = [rel for rel, data in files.items() if not _same(docs_dir / rel, data)]
    removed = []
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_file() and rel not in files and not path.name.startswith(".sitegen-") and is_generated(path):
                removed.append(rel)
    return written, removed


def sync_docs(docs_dir: Path, files: DocsFiles) -> tuple[list[str], list[str]]:
    """Make docs/ hold exactly these generated files, file by file (the live preview); returns (written, removed)."""
    check_no_clobber(docs_dir, would_change(docs_dir, files), is_generated)
    docs_dir.mkdir(parents=True, exist_ok=True)
    _write_copied_list(docs_dir, {**_copied(docs_dir), **_copied_digests(files)})  # the old ones stay listed until removed
    written, removed = [], []
    for rel, text in files.items():
        target = docs_dir / rel
        if _same(target, text):
            continue  # unchanged: leave the file (and its timestamp) alone so live reload stays quiet
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        _write(tmp, text)
        os.replace(tmp, target)
        written.append(rel)
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*"), reverse=True):
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_file() and rel not in files and not path.name.startswith(".sitegen-") and is_generated(path):
                path.unlink()
                removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    _write_copied_list(docs_dir, _copied_digests(files))
    if not (docs_dir / DOCS_STAMP).is_file():
        write_stamp(docs_dir, DOCS_STAMP)
    return written, removed
