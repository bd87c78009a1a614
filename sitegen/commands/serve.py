"""Live preview: regenerate docs/ when content or templates change, and show content errors on the page itself."""

from __future__ import annotations

import html
import logging
import os
import sys
import threading
import time
from pathlib import Path

from sitegen.commands.check import check
from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.site.docs_tree import docs_files, sync_docs
from sitegen.site.mkdocs_build import BUILD_HOOKS, mkdocs_overrides
from sitegen.site.output_folder import OutputRefused

POLL_SECONDS = 0.1
_state: dict = {"options": None, "findings": Findings(), "content": None}


def _snapshot(paths: list[Path]) -> dict[Path, int]:
    stamps = {}
    for root in paths:
        for path in [root] if root.is_file() else root.rglob("*"):
            if path.is_file():
                stamps[path] = path.stat().st_mtime_ns
    return stamps


def regenerate() -> Findings:
    """Check and render; write only changed docs/ files. On errors docs/ keeps the last good pages."""
    options: Options = _state["options"]
    had_errors = bool(_state["findings"].errors)
    result = check(options)
    findings = result.findings
    if result.content is not None and not findings.errors:
        files = docs_files(result.content, options, findings)
        if files is not None:
            try:
                written, removed = sync_docs(options.docs_dir, files)
            except OutputRefused as exc:
                print(f"preview: error: {exc}", file=sys.stderr)
                written, removed = [], []
            if written or removed:
                print(f"preview: updated {len(written)} page(s), removed {len(removed)}", file=sys.stderr)
    for finding in findings.sorted():
        print(finding.format(), file=sys.stderr)
    if findings.errors:
        print(findings.summary("the preview shows the last good version."), file=sys.stderr)
    _state["findings"] = findings
    if result.content is not None and not findings.errors:
        _state["content"] = result.content
    if had_errors != bool(findings.errors):
        _touch_all(options.docs_dir)  # the banner appears or goes away on every page, not only on changed ones
    return findings


def _touch_all(docs_dir: Path) -> None:
    now = time.time()
    for path in docs_dir.rglob("*.md"):
        os.utime(path, (now, now))


def _watch(paths: list[Path]) -> None:
    """Poll the content and templates; MkDocs' own watcher then reloads the browser when docs/ changes."""
    before = _snapshot(paths)
    while True:
        time.sleep(POLL_SECONDS)
        now = _snapshot(paths)
        if now != before:
            before = now
            try:
                regenerate()
            except Exception as exc:  # a template bug must not stop the preview
                print(f"preview: {exc}", file=sys.stderr)


def error_banner() -> str:
    errors = _state["findings"].errors
    if not errors:
        return ""
    items = "".join(f"<li><code>{html.escape(e.format())}</code></li>" for e in errors[:50])
    return (
        '<div class="preview-errors" role="alert"><p><strong>'
        f"{html.escape(_state['findings'].summary('this preview shows the last good version.'))}"
        f"</strong> Fix these in the YAML and save:</p><ul>{items}</ul></div>"
    )


def _faster_reload() -> None:
    """MkDocs polls docs/ every 0.5 s; a preview of ~70 small files can afford 0.1 s, which saves ~0.4 s a save."""
    from mkdocs import livereload

    original = livereload.LiveReloadServer.__init__
    if getattr(original, "_preview", False):
        return

    def init(self, *args, **kwargs):
        kwargs["polling_interval"] = POLL_SECONDS
        original(self, *args, **kwargs)

    init._preview = True  # type: ignore[attr-defined]
    livereload.LiveReloadServer.__init__ = init  # type: ignore[method-assign]


class _WithoutDirtyNotice(logging.Filter):
    """MkDocs warns about 'dirty' builds on every save; the preview chose them on purpose (see below)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def serve(options: Options, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _faster_reload()
    logging.getLogger("mkdocs.commands.build").addFilter(_WithoutDirtyNotice())

    _state["options"] = options
    findings = regenerate()
    if findings.errors and not (options.docs_dir / "index.md").is_file():
        print("preview: nothing to show until the errors above are fixed.", file=sys.stderr)
    content = _state["content"]
    overrides = mkdocs_overrides(content, options) if content else {}
    watched = [options.content_dir, options.templates_dir] + ([options.clinic_file.parent] if options.clinic_file else [])
    threading.Thread(target=_watch, args=(watched,), daemon=True).start()
    hooks = [str(Path(__file__).with_name("serve_hooks.py")), BUILD_HOOKS]
    # Dirty builds: MkDocs rebuilds only the pages whose Markdown changed, so a save shows up in about a second.
    mkdocs_serve(
        str(options.config_file),
        livereload=True,
        build_type="dirty",
        dev_addr=dev_addr,
        docs_dir=str(options.docs_dir),
        strict=False,
        hooks=hooks,
        **overrides,
    )
    return 0
