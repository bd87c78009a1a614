"""The docs tree, one step for build and serve: every generated file in memory, then written only where it changed."""
from __future__ import annotations

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
from sitegen.load.clinic_folder import logo_file
from sitegen.load.content import Content
from sitegen.render.brand_css import brand_css
from sitegen.render.pages import render_site

DocsFiles = dict[str, str | bytes]  # path inside docs/ -> text (generated) or bytes (copied, e.g. the logo)


def docs_files(content: Content, options: Options, findings: Findings) -> DocsFiles | None:
    """All files of the docs tree for this content, or None if a template failed (reported in findings)."""
    try:
        pages = render_site(content, options.templates_dir)
    except jinja2.TemplateError as exc:
        findings.add(*_template_error_position(exc, options.templates_dir), f"template error: {exc}")
        return None
    save_bundles()  # QR codes made for the first time
    files: DocsFiles = {p.path: p.text for p in pages}
    files["assets/brand.css"] = brand_css(content.clinic, content.documents["clinic"].path)
    files["robots.txt"] = (
        f"# {GENERATED_MARK} from {content.documents['clinic'].path} (site_url).\n"
        f"User-agent: *\nAllow: /\nSitemap: {content.clinic.site_url}sitemap.xml\n"
    )
    logo = logo_file(content, options)
    if logo:
        files[logo[0]] = logo[1].read_bytes()
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


def is_generated(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return GENERATED_MARK.encode() in fh.read(400)
    except OSError:
        return False


def hand_written_files(docs_dir: Path) -> list[Path]:
    """Files in docs/ an editor put there (images, extra pages): kept and built along."""
    if not docs_dir.is_dir():
        return []
    return [p for p in docs_dir.rglob("*") if p.is_file() and not is_generated(p)]


def write_tree(root: Path, files: DocsFiles, extra_from: Path | None = None) -> None:
    """A fresh folder with the generated files plus the hand-written ones of `extra_from`."""
    for path in hand_written_files(extra_from) if extra_from else []:
        target = root / path.relative_to(extra_from or root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, text)


def sync_docs(docs_dir: Path, files: DocsFiles) -> tuple[list[str], list[str]]:
    """Make docs/ hold exactly these generated files; returns (written, removed)."""
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
            if path.is_file() and rel not in files and is_generated(path):
                path.unlink()
                removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed
