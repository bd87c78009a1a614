"""The browser editor at /admin/: Decap CMS's files from node_modules, its generated config, its CSP, the findings banner."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sitegen.core.findings import Findings
from sitegen.core.paths import ROOT
from sitegen.core.security_policy import editor_content_security_policy
from sitegen.load.cms_config import ContentFile, field_labels
from sitegen.load.yaml_document import YamlDocument, load_yaml

ADMIN_DIR = "admin"
FINDINGS_FILE = "findings.json"
DECAP_DIST = ROOT / "node_modules" / "decap-cms" / "dist"
ASSETS = Path(__file__).with_name("admin_assets")


class AdminError(Exception):
    """The editor cannot be written (its npm package is missing)."""


def decap_files() -> list[Path]:
    """decap-cms.js and the chunks it loads from beside itself."""
    main = DECAP_DIST / "decap-cms.js"
    if not main.is_file():
        raise AdminError("the browser editor (npm package decap-cms) is not installed; run: npm ci")
    return [main, *sorted(DECAP_DIST.glob("[0-9]*.decap-cms.js"))]


def csp(connect: list[str], images: list[str] | None = None) -> str:
    """The policy the editor page carries in its <meta> tag (hosts send it as a header too)."""
    return editor_content_security_policy(connect, images, for_meta=True)


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file() and target.stat().st_size == source.stat().st_size and target.stat().st_mtime_ns >= source.stat().st_mtime_ns:
        return
    shutil.copy2(source, target)


def write_admin(site_dir: Path, config: dict, connect: list[str], images: list[str] | None = None, preview: bool = False) -> Path:
    """Write /admin/ into a built site; the Decap files are copied only when they changed.

    Only the live preview (`preview`) checks each save and writes findings.json: its page names the file for the banner,
    a published editor's page names none, so its banner asks for nothing."""
    folder = site_dir / ADMIN_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for source in decap_files():
        _copy_if_changed(source, folder / source.name)
    for name in ("findings-banner.js", "findings-banner.css", "editor-setup.js"):
        _copy_if_changed(ASSETS / name, folder / name)
    findings = f'\n  <meta name="preview-findings" content="{FINDINGS_FILE}">' if preview else ""
    page = (ASSETS / "index.html").read_text(encoding="utf-8").replace("{csp}", csp(connect, images)).replace("{findings}", findings)
    _write_atomic(folder / "index.html", page)
    # JSON is YAML: Decap reads config.yml with a YAML parser.
    _write_atomic(folder / "config.yml", json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    return folder


def _write_atomic(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temp, path)


def _path_at(doc: YamlDocument, line: int, col: int) -> tuple:
    """The deepest key or value starting at or before line:col: the field a finding points into."""
    best: tuple = ()
    best_at = (0, 0)
    for table in (doc.values, doc.keys):
        for path, pos in table.items():
            at = (pos.line, pos.col)
            if at <= (line, col) and (at > best_at or (at == best_at and len(path) > len(best))):
                best, best_at = path, at
    return best


def findings_report(findings: Findings, files: list[ContentFile]) -> dict[str, Any]:
    """The preview's findings as the editor's banner shows them: message, file, line, and the form field to fix."""
    by_source = {f.source.resolve(): f for f in files}
    documents: dict[Path, YamlDocument | None] = {}
    errors = []
    for finding in findings.sorted():
        if finding.severity != "error":
            continue
        source = Path(finding.path).resolve()
        file = by_source.get(source)
        entry: dict[str, Any] = {"message": finding.message, "file": finding.path, "line": finding.line, "col": finding.col}
        if file is None:
            entry.update(entry="", entry_label=Path(finding.path).name, collection="", field=[])
        else:
            if source not in documents:
                documents[source] = load_yaml(source, finding.path, Findings())
            doc = documents[source]
            path = _path_at(doc, finding.line, finding.col) if doc else ()
            entry.update(
                entry=file.name,
                entry_label=file.label,
                collection=file.collection,
                path=".".join(str(step) for step in path),
                field=field_labels(file.model, path) or ["(whole file)"],
            )
        errors.append(entry)
    return {"errors": errors, "summary": findings.summary() if errors else "No errors."}


def write_findings(site_dir: Path, findings: Findings, files: list[ContentFile]) -> None:
    folder = site_dir / ADMIN_DIR
    if folder.is_dir():
        _write_atomic(folder / FINDINGS_FILE, json.dumps(findings_report(findings, files), indent=1, ensure_ascii=False))
