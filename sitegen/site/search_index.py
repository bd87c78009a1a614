"""The search index of one language's built pages: Pagefind (its bundled binary) over the site, into <site>/pagefind/."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from sitegen.site.search_settings import PAGEFIND_EXCLUDE

BUNDLE = "pagefind"
# Pagefind writes its own search interfaces too; the site's search box is Material's, so these are never loaded.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(Exception):
    """Pagefind could not index the site (its message says why)."""


def pages_glob(site_dir: Path, skip: Iterable[str] = ()) -> str:
    """A Pagefind glob of the site's pages, leaving out top-level folders in `skip` (another language's /es/)."""
    skipped = {*skip, BUNDLE}
    folders = sorted(p.name for p in site_dir.iterdir() if p.is_dir() and p.name not in skipped)
    return "{*.html," + "{" + ",".join(folders) + "}/**/*.html}" if folders else "*.html"


def index_site_search(site_dir: Path, lang: str, skip: Iterable[str] = ()) -> None:
    """Index the pages of one language (every page under site_dir but the folders in `skip`) with `lang`'s stemmer.

    Call it once per language on that language's site folder, after MkDocs and before the swap, e.g.
    index_site_search(site, "en", skip=["es"]) and index_site_search(site / "es", "es"): each language then has
    its own bundle, so a search on a Spanish page finds Spanish pages only.
    """
    target = site_dir / BUNDLE
    shutil.rmtree(target, ignore_errors=True)
    from pagefind_bin import get_executable  # the binary the PyPI package ships: nothing is downloaded

    command = [
        str(get_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--force-language",
        lang.split("-")[0].lower(),
        "--glob",
        pages_glob(site_dir, skip),
    ]
    for selector in PAGEFIND_EXCLUDE:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (target / "pagefind.js").is_file():
        lines = [line for line in (done.stderr + done.stdout).splitlines() if "rror" in line] or done.stderr.splitlines()[-1:]
        raise SearchIndexError(" ".join(lines) or f"pagefind exited with {done.returncode}")
    for name in UNUSED_FILES:
        (target / name).unlink(missing_ok=True)
