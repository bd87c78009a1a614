"""Real web servers on loopback for the hosting tests: nginx, Apache and Caddy from Debian, each serving a built site
with the configuration the build wrote, as the current user, with every file in a temp folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.commands.cms_backend import free_port

BINARIES = {"nginx": "/usr/sbin/nginx", "apache": "/usr/sbin/apache2", "caddy": "/usr/bin/caddy"}
APACHE_MODULES = Path("/usr/lib/apache2/modules")
AS_ROOT = os.geteuid() == 0


def binary(server: str) -> str:
    """The server's program; skips without it, unless REQUIRE_BROWSER is set (CI), where it is a failure."""
    path = shutil.which(Path(BINARIES[server]).name) or BINARIES[server]
    if Path(path).exists():
        return path
    message = f"{server} not found at {BINARIES[server]}: apt-get install nginx apache2 caddy to run the hosting tests"
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail("REQUIRE_BROWSER is set but " + message)
    pytest.skip(message)


def _nginx(site: Path, hosting: Path, run: Path, port: int) -> list[str]:
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / sub).mkdir()
    (run / "nginx.conf").write_text(
        ("user root;\n" if AS_ROOT else "")
        + f"daemon off;\nworker_processes 1;\npid {run}/nginx.pid;\nerror_log {run}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
        f"  client_body_temp_path {run}/body;\n  proxy_temp_path {run}/proxy;\n  fastcgi_temp_path {run}/fastcgi;\n"
        f"  uwsgi_temp_path {run}/uwsgi;\n  scgi_temp_path {run}/scgi;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    server_name localhost;\n    root {site};\n"
        f"    include {hosting}/nginx.conf;\n  }}\n}}\n"
    )
    return [binary("nginx"), "-e", f"{run}/error.log", "-p", str(run), "-c", str(run / "nginx.conf")]


def _apache(site: Path, hosting: Path, run: Path, port: int) -> list[str]:
    modules = ["mpm_event", "authz_core", "dir", "mime", "headers", "alias"]
    (run / "apache.conf").write_text(
        f"ServerRoot {run}\nDefaultRuntimeDir {run}\nPidFile {run}/apache.pid\nErrorLog {run}/error.log\nMutex file:{run} default\n"
        + "".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so\n" for m in modules)
        + ("User nobody\nGroup nogroup\n" if AS_ROOT else "")
        + f"Listen 127.0.0.1:{port}\nServerName localhost\nTypesConfig /etc/mime.types\nDocumentRoot {site}\n"
        f"<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
        f"<Directory {site}>\n  AllowOverride All\n  Require all granted\n</Directory>\n"
    )
    return [binary("apache"), "-f", str(run / "apache.conf"), "-DFOREGROUND"]


def _caddy(site: Path, hosting: Path, run: Path, port: int) -> list[str]:
    (run / "Caddyfile").write_text(
        f"{{\n  admin off\n  auto_https off\n  storage file_system {run}/data\n}}\n"
        f"http://127.0.0.1:{port} {{\n  root * {site}\n  import {hosting}/site.caddy\n}}\n"
    )
    return [binary("caddy"), "run", "--config", str(run / "Caddyfile"), "--adapter", "caddyfile"]


CONFIGS = {"nginx": _nginx, "apache": _apache, "caddy": _caddy}


@contextlib.contextmanager
def running(server: str, site: Path, hosting: Path, run: Path) -> Iterator[str]:
    """Start the server on a free loopback port; yields its base URL, stops it (by its own process id) afterwards."""
    run.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = CONFIGS[server](site, hosting, run, port)
    env = {**os.environ, "HOME": str(run), "XDG_DATA_HOME": str(run / "data"), "XDG_CONFIG_HOME": str(run / "config")}
    log = (run / "server.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=run)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.time() + 20
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    errors = "".join(p.read_text() for p in run.glob("*.log"))
                    pytest.fail(f"{server} did not start ({command}):\n{errors}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


# Old addresses the hosted test site keeps: a renamed page (redirects.yaml) and a renamed FAQ answer (aliases).
REDIRECTS_YAML = "redirects:\n  - from: /risks/\n    to: side-effects\n  - from: /about/ketamine/\n    to: home\n"
ENGLISH_FORWARDS = {"/risks/": "/side-effects/", "/about/ketamine/": "/", "/faq/addiction-risk/": "/faq/is-it-addictive/"}
# The same addresses below the Spanish folder.
EXPECTED_FORWARDS = {**ENGLISH_FORWARDS, **{"/es" + old: "/es" + new for old, new in ENGLISH_FORWARDS.items()}}


EDITOR_YAML = "editor:\n  enabled: true\n  backend: github\n  repo: test-clinic/patient-site\n"
EDITOR_INSTALLED = (Path(__file__).resolve().parent.parent / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file()


def require_editor() -> None:
    """Skip the published-editor checks without the npm packages, unless REQUIRE_BROWSER is set (CI)."""
    if EDITOR_INSTALLED:
        return
    message = "the browser editor's files come from npm: run npm ci to check /admin/ behind the servers"
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail("REQUIRE_BROWSER is set but " + message)
    pytest.skip(message)


def build_hosted_site(root: Path) -> tuple[Path, Path]:
    """The bundled content in English and Spanish plus the forwards above and the published editor, built into root
    (readable by a server's unprivileged worker)."""
    from conftest import ROOT

    from sitegen.commands.cli import main

    root.chmod(0o755)
    content = root / "content"
    shutil.copytree(ROOT / "content_data", content)
    (content / "redirects.yaml").write_text(REDIRECTS_YAML, encoding="utf-8")
    faq = content / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    old = "  - id: is-it-addictive\n"
    assert old in text
    faq.write_text(text.replace(old, old + "    aliases: [addiction-risk]\n"), encoding="utf-8")
    clinic = content / "clinic.yaml"
    profile = clinic.read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in profile
    clinic.write_text(profile.replace("\nlanguage: en\n", "\nlanguage: en\nlanguages: [en, es]\n", 1), encoding="utf-8")
    if EDITOR_INSTALLED:  # the clinic publishes the browser editor, whose files come from npm
        with (content / "clinic.yaml").open("a", encoding="utf-8") as clinic:
            clinic.write(EDITOR_YAML)
    assert main(["build", "--content", str(content), "--out", str(root / "site"), "--docs", str(root / "docs")]) == 0
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root / "site", root / "site-hosting"
