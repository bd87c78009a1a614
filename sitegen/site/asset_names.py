"""Content-hashed names for the site's own CSS and JS, so browsers may keep them for a year: renamed in the built site,
and every reference to them rewritten."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sitegen.core.paths import ROOT
from sitegen.core.security_policy import HASHED_FILE

OVERRIDES_ASSETS = ROOT / "overrides" / "assets"
GENERATED_ASSETS = ("assets/brand.css",)  # written into docs/ by the docs-tree step
_REFERENCING = (".html", ".js", ".css")


def own_assets(site_dir: Path) -> list[str]:
    """Our scripts and stylesheets inside the built site (site-relative paths); Material's are hashed already."""
    theirs_or_ours = [
        f"assets/{p.relative_to(OVERRIDES_ASSETS).as_posix()}" for p in OVERRIDES_ASSETS.rglob("*") if p.suffix in (".js", ".css")
    ]
    return sorted(rel for rel in {*theirs_or_ours, *GENERATED_ASSETS} if (site_dir / rel).is_file() and not HASHED_FILE.search(rel))


def hashed_name(rel: str, data: bytes) -> str:
    stem, dot, suffix = rel.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}{dot}{suffix}"


def hash_asset_names(site_dir: Path) -> dict[str, str]:
    """Rename our assets to name.<hash>.ext and point every page at the new names; returns old -> new."""
    renamed: dict[str, str] = {}
    for rel in own_assets(site_dir):
        source = site_dir / rel
        new = hashed_name(rel, source.read_bytes())
        source.rename(site_dir / new)
        renamed[rel] = new
    if not renamed:
        return renamed
    # A reference is the path after a quote or slash ("../assets/x.js", "/assets/x.js", "assets/x.js"), ending the URL.
    names = re.compile("(" + "|".join(re.escape(rel) for rel in sorted(renamed, key=len, reverse=True)) + r")(?=[\"'?#)\s])")
    for path in site_dir.rglob("*"):
        if path.suffix not in _REFERENCING or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if not any(rel in text for rel in renamed):
            continue  # most of the theme's scripts and styles name none of ours
        new_text = _renamed_references(text, names, renamed)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
    return renamed


def _renamed_references(text: str, names: re.Pattern, renamed: dict[str, str]) -> str:
    """`text` with each name that follows a quote, slash or bracket replaced; the same as a look-behind in the
    pattern, which would make the search try every position of the page (about three times slower)."""
    parts, kept_to, at = [], 0, 0
    while match := names.search(text, at):
        start = match.start()
        if start > 0 and text[start - 1] in "\"'/(":
            parts += [text[kept_to:start], renamed[match.group(1)]]
            kept_to = at = match.end()
        else:
            at = start + 1
    return "".join(parts) + text[kept_to:]
