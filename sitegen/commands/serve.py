"""Live preview: regenerate docs/ when content or templates change, and show content errors on the page itself."""

from __future__ import annotations

import errno
import html
import logging
import os
import socket
import sys
import threading
import time
from pathlib import Path

from sitegen.commands.check import check
from sitegen.commands.cms_backend import BackendError, free_port, start_backend
from sitegen.commands.editor import local_editor
from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.core.security_policy import cache_control, security_headers
from sitegen.site.admin import ADMIN_DIR, AdminError, decap_files, write_admin, write_findings
from sitegen.site.docs_tree import docs_files, sync_docs
from sitegen.site.mkdocs_build import BUILD_HOOKS, mkdocs_overrides
from sitegen.site.output_folder import OutputRefused

POLL_SECONDS = 0.1
_state: dict = {
    "options": None,
    "findings": Findings(),
    "content": None,
    "editor": None,
    "site_dir": None,
    "clinic_settings": None,  # the theme settings from clinic.yaml (name, logo, language) the pages were last built with
    "built_pages": set(),  # site paths MkDocs wrote for the docs files of the last build
    "translating": False,  # a further language's pages are being built (the hooks run for them too)
}
SERVE_HOOKS = str(Path(__file__).with_name("serve_hooks.py"))


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
    started = time.monotonic()
    had_errors = bool(_state["findings"].errors)
    result = check(options)
    findings = result.findings
    removed: list[str] = []
    added: list[str] = []
    if result.content is not None and not findings.errors:
        files = docs_files(result.content, options, findings)
        if files is not None:
            added = [rel for rel in files if rel.endswith(".md") and not (options.docs_dir / rel).exists()]
            try:
                written, removed = sync_docs(options.docs_dir, files)
            except OutputRefused as exc:
                print(f"preview: error: {exc}", file=sys.stderr)
                written, removed = [], []
            if written or removed:
                took = time.monotonic() - started
                print(
                    f"preview: updated {len(written)} page(s), removed {len(removed)} (checked and rendered in {took:.2f} s)",
                    file=sys.stderr,
                )
    for finding in findings.sorted():
        print(finding.format(), file=sys.stderr)
    if findings.errors:
        print(findings.summary("the preview shows the last good version."), file=sys.stderr)
    _state["findings"] = findings
    _publish_findings()
    every_page = had_errors != bool(findings.errors)  # the banner appears or goes away on every page
    if had_errors and not findings.errors:
        print("preview: the errors are fixed; the preview shows the current version.", file=sys.stderr)
    if result.content is not None and not findings.errors:
        _state["content"] = result.content
        settings = clinic_settings()
        # The clinic's name, logo and language are in every page's header: rebuild them all, not only changed pages.
        every_page = every_page or (_state["clinic_settings"] is not None and settings != _state["clinic_settings"])
        _state["clinic_settings"] = settings
        # A page added or removed changes the menu on every page.
        every_page = every_page or any(name.endswith(".md") for name in removed + added)
    if every_page:
        _touch_all(options.docs_dir)
    return findings


def clinic_settings() -> dict:
    """The MkDocs settings that come from clinic.yaml (site name, theme logo and language...) for the current content."""
    content = _state["content"]
    return mkdocs_overrides(content, _state["options"]) if content is not None else {}


def apply_clinic_settings(config) -> None:
    """Called as MkDocs loads its config for each rebuild: the clinic's current settings, not those of the start."""
    settings = _state["clinic_settings"]
    if not settings:
        return
    theme = settings["theme"]
    config.theme["language"] = theme["language"]
    icons = dict(config.theme.get("icon") or {})
    if "logo" in theme:
        config.theme["logo"] = theme["logo"]
        icons.pop("logo", None)
    else:
        if "logo" in config.theme:
            del config.theme["logo"]
        icons.update(theme.get("icon", {}))
    config.theme["icon"] = icons
    config.site_name = settings["site_name"]
    config.site_description = settings["site_description"]
    config.extra.update(settings["extra"])
    config["nav"] = settings["nav"]  # the clinic's menu: a page added, hidden or moved shows without a restart


def forget_removed_pages(site_dir: Path, built: set[str]) -> None:
    """After a rebuild: pages whose docs file is gone are deleted from the served site, so they answer 404.

    MkDocs' dirty builds write only changed pages and never delete; `built` is what this build's docs files make.
    """
    for stale in sorted(_state["built_pages"] - built):
        target = site_dir / stale
        if target.is_file():
            target.unlink()
            for folder in target.parents:
                if folder == site_dir or any(folder.iterdir()):
                    break
                folder.rmdir()
    _state["built_pages"] = built


def _publish_findings() -> None:
    """Tell the browser editor (serve --cms) what the last save produced, field by field."""
    editor, site_dir = _state["editor"], _state["site_dir"]
    if editor is not None and site_dir is not None:
        write_findings(site_dir, _state["findings"], editor.files)


def write_editor(site_dir: Path) -> None:
    """Called after each MkDocs (re)build of the preview: /admin/ lives in the served site only, never in docs/."""
    editor = _state["editor"]
    if editor is None:
        return
    _state["site_dir"] = site_dir
    write_admin(site_dir, editor.config, editor.connect, preview=True)
    _publish_findings()


def build_translations(site_dir: Path) -> None:
    """Called after each MkDocs (re)build of the preview: each further language's tree (docs/es/) into its folder of
    the served site (/es/), as `build` does, dirty like the English one (only pages whose Markdown changed)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    content, options = _state["content"], _state["options"]
    if content is None:
        return
    _state["translating"] = True  # the hooks below run serve_hooks' on_post_build again: it must not recurse
    language = ""
    try:
        for language, version in content.translations.items():
            docs = options.docs_dir / language
            if not docs.is_dir():
                continue
            overrides = mkdocs_overrides(version, options, content)
            config = load_config(
                str(options.config_file),
                docs_dir=str(docs),
                site_dir=str(site_dir / language),
                strict=False,
                hooks=[SERVE_HOOKS, BUILD_HOOKS],
                **overrides,
            )
            build(config, dirty=True)
    except Exception as exc:  # a broken translation must not stop the English preview
        print(f"preview: the {language} pages were not rebuilt: {exc}", file=sys.stderr)
    finally:
        _state["translating"] = False


def is_translating() -> bool:
    return _state["translating"]


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


RELOAD_SCRIPT_PATH = "/.preview/livereload.js"
RELOAD_SCRIPT = Path(__file__).with_name("preview_livereload.js")


def _keep_the_policy() -> None:
    """The preview sends the site's security headers and keeps its CSP: MkDocs' inline reload script becomes a file."""
    from mkdocs import livereload

    server = livereload.LiveReloadServer
    if getattr(server.serve_request, "_preview", False):
        return
    original_serve, original_inner = server.serve_request, server._serve_request
    headers = list(security_headers().items())
    # The editor (serve --cms) carries its own, looser policy in its page: Decap CMS needs eval and inline styles.
    editor_headers = [(name, value) for name, value in headers if name != "Content-Security-Policy"]

    def serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        # As on the hosts: the theme's content-hashed files are kept a year, so a reload after a save fetches the page only.
        extra = [*(editor_headers if path.startswith(f"/{ADMIN_DIR}/") else headers), ("Cache-Control", cache_control(path))]

        def with_policy(status, response_headers, exc_info=None):
            return start_response(status, [*response_headers, *extra], exc_info)

        return original_serve(self, environ, with_policy)

    request = threading.local()

    def inner(self, environ, start_response):
        if environ["PATH_INFO"] == RELOAD_SCRIPT_PATH:
            body = RELOAD_SCRIPT.read_bytes()
            start_response("200 OK", [("Content-Type", "text/javascript"), ("Content-Length", str(len(body)))])
            return [body]
        request.path = environ["PATH_INFO"]
        return original_inner(self, environ, start_response)

    def inject(self, content: bytes, epoch: int) -> bytes:
        if getattr(request, "path", "").startswith(f"/{ADMIN_DIR}/"):
            return content  # the editor must not reload under a person typing; each save rebuilds the site
        body_end = content.rfind(b"</body>")
        body_end = len(content) if body_end < 0 else body_end
        tag = f'<script src="{RELOAD_SCRIPT_PATH}" data-epoch="{epoch}" data-request="{time.monotonic_ns()}"></script>'
        return content[:body_end] + tag.encode() + content[body_end:]

    serve_request._preview = True  # type: ignore[attr-defined]
    server.serve_request = serve_request  # type: ignore[method-assign]
    server._serve_request = inner  # type: ignore[method-assign]
    server._inject_js_into_html = inject  # type: ignore[method-assign]


class _WithoutDirtyNotice(logging.Filter):
    """MkDocs warns about 'dirty' builds on every save; the preview chose them on purpose (see below)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _start_editor(options: Options, dev_addr: str) -> None:
    host, _, port = dev_addr.rpartition(":")
    backend_port = free_port(host or "127.0.0.1")
    backend_url = f"http://{host}:{backend_port}"
    preview_url = f"http://{host}:{port}/"
    editor = local_editor(options, backend_url, preview_url)
    start_backend(editor.repo_root, host, backend_port, preview_url.rstrip("/"))
    _state["editor"] = editor
    print(f"editor: open {preview_url}admin/ to edit the content in forms (saves go to {display_path(editor.repo_root)})", file=sys.stderr)


def _address_problem(host: str, port: int) -> str | None:
    """Why the preview cannot listen on host:port (checked before the first build, which takes seconds), or None."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
            probe.bind((host, port))
    except OSError as exc:
        return _describe_bind_error(exc, host, port)
    return None


def _describe_bind_error(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use (another preview or server?); pick another: python build.py serve --port {_free_port_near(host, port)}"
    if exc.errno == errno.EACCES:
        return f"port {port} needs administrator rights; pick one above 1023: python build.py serve --port {_free_port_near(host, 8000)}"
    return f"cannot listen on {host}:{port} ({exc.strerror or exc}); give an address of this machine, e.g. --dev-addr 127.0.0.1:8000"


def _free_port_near(host: str, port: int) -> int:
    for candidate in range(port + 1, port + 50):
        try:
            with socket.socket() as probe:
                probe.bind((host, candidate))
            return candidate
        except OSError:
            continue
    return free_port(host)


def _announce_address() -> None:
    """Say where the preview is once it listens (MkDocs' own line is in its log, which the preview does not show)."""
    from mkdocs import livereload

    server = livereload.LiveReloadServer
    if getattr(server.server_activate, "_preview", False):
        return
    original = server.server_activate

    def activate(self) -> None:
        original(self)
        host, port = self.server_address[:2]
        print(f"preview: serving at http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr, flush=True)

    activate._preview = True  # type: ignore[attr-defined]
    server.server_activate = activate  # type: ignore[method-assign]


def serve(options: Options, dev_addr: str, cms: bool = False) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    host, _, port_text = dev_addr.rpartition(":")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536 or not host:
        print(f"build.py: error: --dev-addr {dev_addr}: expected HOST:PORT, e.g. 127.0.0.1:8000", file=sys.stderr)
        return 2
    host, port = host.strip("[]"), int(port_text)
    problem = _address_problem(host, port)
    if problem:
        print(f"build.py: error: {problem}", file=sys.stderr)
        return 2

    if cms:
        try:
            decap_files()
            _start_editor(options, dev_addr)
        except (AdminError, BackendError) as exc:
            print(f"build.py: error: {exc}", file=sys.stderr)
            return 2

    _faster_reload()
    _keep_the_policy()
    _announce_address()
    logging.getLogger("mkdocs.commands.build").addFilter(_WithoutDirtyNotice())

    _state["options"] = options
    findings = regenerate()
    if findings.errors and not (options.docs_dir / "index.md").is_file():
        print("preview: nothing to show until the errors above are fixed.", file=sys.stderr)
    overrides = _state["clinic_settings"] or {}
    watched = [options.content_dir, options.templates_dir] + ([options.clinic_file.parent] if options.clinic_file else [])
    threading.Thread(target=_watch, args=(watched,), daemon=True).start()
    hooks = [SERVE_HOOKS, BUILD_HOOKS]
    # Dirty builds: MkDocs rebuilds only the pages whose Markdown changed, so a save shows up in about a second.
    try:
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
    except OSError as exc:  # the port was taken between the check above and MkDocs listening
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
            raise
        print(f"build.py: error: {_describe_bind_error(exc, host, port)}", file=sys.stderr)
        return 2
    return 0
