"""Live preview: regenerate docs/ before each MkDocs rebuild and show content errors on the page itself."""
from __future__ import annotations

import html
import sys
from pathlib import Path

from .errors import Findings
from .pipeline import Options, check, generate, mkdocs_overrides
from .docs_sync import sync_docs

_state: dict = {"options": None, "findings": Findings()}


def regenerate() -> Findings:
    """Check and render; write only changed docs/ files. On errors docs/ keeps the last good pages."""
    options: Options = _state["options"]
    result = check(options)
    findings = result.findings
    if result.content is not None and not findings.errors:
        files = generate(result.content, options, findings)
        if files is not None:
            written, removed = sync_docs(options.docs_dir, files)
            if written or removed:
                print(f"preview: updated {len(written)} page(s), removed {len(removed)}", file=sys.stderr)
    for finding in findings.sorted():
        print(finding.format(), file=sys.stderr)
    if findings.errors:
        print(findings.summary("the preview shows the last good version."), file=sys.stderr)
    _state["findings"] = findings
    return findings


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


def serve(options: Options, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _state["options"] = options
    findings = regenerate()
    if findings.errors and not (options.docs_dir / "index.md").is_file():
        print("preview: nothing to show until the errors above are fixed.", file=sys.stderr)
    result = check(options)
    overrides = mkdocs_overrides(result.content, options) if result.content else {}
    watch = [str(options.content_dir), str(options.templates_dir)]
    if options.clinic_file:
        watch.append(str(options.clinic_file))
    hooks = str(Path(__file__).with_name("preview_hooks.py"))
    mkdocs_serve(
        str(options.config_file), livereload=True, watch=watch, dev_addr=dev_addr,
        docs_dir=str(options.docs_dir), strict=False, hooks=[hooks], **overrides,
    )
    return 0
