"""Shared test helpers: a fresh copy of the fixture content, and running build.py's main in-process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid"
TODAY = "2026-11-22"  # review dates in the fixtures are judged against this day
# Every page's address, written out here rather than taken from the code, so a page that goes missing fails a test.
PAGE_URLS = [
    "",
    "history/",
    "how-it-works/",
    "conditions/",
    "treatment-options/",
    "what-to-expect/",
    "side-effects/",
    "myths/",
    "faq/",
    "is-this-right-for-me/",
    "for-clinicians/",
    "glossary/",
    "references/",
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder holding content/ (a copy of the valid fixture), used as the working folder."""
    shutil.copytree(VALID, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITEGEN_TODAY", TODAY)
    return tmp_path


@pytest.fixture
def run(capsys):
    """run(*args) -> (exit code, stdout, stderr) of `python build.py args`, in-process."""
    from sitegen.commands.cli import main

    def _run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def build_args(workdir: Path, *extra: str) -> list[str]:
    return ["--content", "content", "--out", "site", "--docs", "docs", *extra]


@pytest.fixture(scope="session")
def browser():
    from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory):
    """The bundled content built once into a temp folder and served on localhost: base URL."""
    from browser import serve_folder

    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("bundled")
    assert main(["build", "--out", str(out / "site"), "--docs", str(out / "docs")]) == 0
    base, server = serve_folder(out / "site")
    yield base
    server.shutdown()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `browser` every test that drives Chromium, i.e. needs the browser fixture (directly or through another)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def hosted_site():
    """The bundled site with forwards, built once into a world-readable temp folder: (site, site-hosting)."""
    import tempfile

    from hosting_servers import build_hosted_site

    root = Path(tempfile.mkdtemp(prefix="hosted-site-"))
    try:
        yield build_hosted_site(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def web_server(hosted_site, request, tmp_path_factory):
    """A factory: web_server('nginx') -> base URL of that server serving the hosted site (started once a session)."""
    import contextlib

    from hosting_servers import running

    started: dict[str, str] = {}
    stack = contextlib.ExitStack()

    def start(name: str) -> str:
        if name not in started:
            started[name] = stack.enter_context(running(name, *hosted_site, tmp_path_factory.mktemp(f"run-{name}")))
        return started[name]

    yield start
    stack.close()
