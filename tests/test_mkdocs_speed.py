"""build.py --jobs 2: MkDocs' page work shared with a forked child writes the very site one process writes, reports the same
problems, refuses an MkDocs it was not checked against, and leaves MkDocs as it found it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="this platform cannot fork; MkDocs runs in one process")

# Run in a fresh interpreter, as the worker does: this test session may have browser threads, and then nothing forks.
BUILD = """
import json, os, sys
from pathlib import Path
from types import SimpleNamespace
from mkdocs.commands import build as mkdocs_build
from sitegen.site import mkdocs_speed
from sitegen.site.mkdocs_build import build_site

config, docs, site = map(Path, sys.argv[1:4])
mkdocs_speed.install()
workers = {"populate": set(), "build": set()}
for step, name in (("populate", "_populate_page"), ("build", "_build_page")):
    shared = getattr(mkdocs_build, name)
    one = shared.one
    def record(*args, step=step, one=one, shared=shared):
        workers[step].add(os.getpid())  # a child's set is lost with it, so only this process's own pid is recorded
        one(*args)
        if os.getpid() != shared.parent_pid:
            Path(site.parent / f"{step}-child-{os.getpid()}").touch()
    shared.one = record
ok, messages = build_site(config, docs, site, {})
print(json.dumps({"ok": ok, "messages": sorted(messages), "children": sorted(p.name.split("-")[0] for p in site.parent.glob("*-child-*"))}))
"""


def _docs(folder: Path, broken: bool) -> Path:
    """40 pages, each linking to the next page's section; with `broken`, three links go nowhere."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    for n in range(40):
        target = f"page-{(n + 1) % 40:02d}.md#section-{(n + 1) % 40}"
        if broken and n == 7:
            target = "no-such-page.md"
        if broken and n in (30, 31):  # one in each process's share
            target = f"page-{(n + 1) % 40:02d}.md#no-such-section"
        (docs / f"page-{n:02d}.md").write_text(
            f"# Page {n}\n\nSome *text* with an abbreviation.\n\n## Section {n}\n\n"
            f"- [next]({target})\n\n| a | b |\n|---|---|\n| {n} | {n * n} |\n",
            encoding="utf-8",
        )
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Test\nsite_url: https://example.org/\nstrict: true\n"
        "theme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "markdown_extensions:\n  - tables\n  - toc:\n      permalink: true\n"
        "validation:\n  omitted_files: info\n  anchors: warn\n  unrecognized_links: warn\n  not_found: warn\n",
        encoding="utf-8",
    )
    return config


def _build(folder: Path, broken: bool, fork: bool) -> tuple[dict, dict[str, bytes]]:
    config = _docs(folder, broken)
    env = {**os.environ, "SITEGEN_FORK": "1" if fork else "0", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(config), str(folder / "docs"), str(folder / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    site = folder / "site"
    files = {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} if site.exists() else {}
    return result, files


def test_the_site_is_byte_for_byte_the_one_a_single_process_builds(tmp_path: Path) -> None:
    shared, shared_files = _build(tmp_path / "shared", broken=False, fork=True)
    alone, alone_files = _build(tmp_path / "alone", broken=False, fork=False)
    assert shared["children"] == ["build", "populate"], "a child converted pages and a child built pages"
    assert alone["children"] == []
    assert shared["ok"] and alone["ok"]
    assert len(shared_files) > 40 and "search/search_index.json" in shared_files
    assert shared_files == alone_files  # every page, the search index (entries in page order) and the sitemap


def test_broken_links_in_either_half_are_reported_and_fail_the_strict_build(tmp_path: Path) -> None:
    shared, _ = _build(tmp_path / "shared", broken=True, fork=True)
    alone, _ = _build(tmp_path / "alone", broken=True, fork=False)
    assert shared["children"] == ["build", "populate"]
    assert not shared["ok"] and not alone["ok"]
    assert shared["messages"] == alone["messages"]
    assert any("no-such-page.md" in m for m in shared["messages"])
    assert sum("no-such-section" in m for m in shared["messages"]) == 2


def _config_with(event: str, handler) -> SimpleNamespace:
    events = {name: [] for name in ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")}
    events[event].append(handler)
    return SimpleNamespace(plugins=SimpleNamespace(events=events))


def _other_plugin_handler(*args, **kwargs):
    return None


@pytest.mark.parametrize("event", ["page_markdown", "page_content"])
def test_a_plugin_with_its_own_markdown_events_keeps_the_pages_in_one_process(event: str) -> None:
    from sitegen.site import mkdocs_speed

    done = []
    populate = mkdocs_speed._PopulateAll(lambda page, config, files, dirty=False: done.append(page))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"))
    populate(page, _config_with(event, _other_plugin_handler), files=object())  # a batch would need real Files
    assert done == [page]


@pytest.mark.parametrize("event", ["page_context", "post_page"])
def test_a_plugin_with_its_own_page_events_keeps_the_pages_in_one_process(event: str) -> None:
    from sitegen.site import mkdocs_speed

    done = []
    build = mkdocs_speed._BuildAll(lambda page, *args: done.append(page))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"))
    build(page, _config_with(event, _other_plugin_handler), [page], nav=None, env=None)
    assert done == [page]


def test_it_refuses_loudly_on_an_mkdocs_version_it_was_not_checked_against(monkeypatch) -> None:
    import mkdocs

    from sitegen.site import mkdocs_speed

    assert mkdocs.__version__ == mkdocs_speed.MKDOCS_VERSION, (
        f"MkDocs {mkdocs.__version__} is installed but sitegen/site/mkdocs_speed.py was checked against "
        f"{mkdocs_speed.MKDOCS_VERSION}: re-check its replacements of MkDocs' private _populate_page and _build_page"
    )
    monkeypatch.setattr(mkdocs, "__version__", "9.9.9")
    with pytest.raises(RuntimeError, match=r"MkDocs 9\.9\.9 is installed"):
        mkdocs_speed.install()


def test_the_bundled_site_is_the_same_with_two_jobs_and_mkdocs_is_put_back(tmp_path: Path) -> None:
    # A fresh interpreter per build: forks happen only without other threads (this session may have browser threads).
    script = (
        "import sys\nfrom mkdocs.commands import build as b\nfrom sitegen.commands.cli import main\n"
        "before = (b._populate_page, b._build_page)\ncode = main(sys.argv[1:])\n"
        "assert (b._populate_page, b._build_page) == before, 'MkDocs functions not restored'\nprint('exit', code)\n"
    )
    sites = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"site-{jobs}"
        args = ["--jobs", jobs, "--out", str(out), "--docs", str(tmp_path / f"docs-{jobs}")]
        done = subprocess.run(
            [sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        )
        assert done.stdout.strip().endswith("exit 0"), done.stdout + done.stderr
        sites[jobs] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert len(sites["1"]) > 70 and sites["1"] == sites["2"]
