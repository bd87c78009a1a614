"""Two W3C-validity fixes to Material's HTML that no theme block can reach, applied to the built site."""
from __future__ import annotations

import re
from pathlib import Path

# Material puts autocomplete="off" on its menu and search toggles; HTML allows it on text-like inputs only.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?type="checkbox"[^>]*?) autocomplete="off"')
# Pages outside the menu (one page per FAQ answer) get a table-of-contents label pointing at a toggle they lack.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">')


def fix_html(text: str) -> str:
    text = _TOGGLE_AUTOCOMPLETE.sub(r"\1", text)
    if 'id="__toc"' not in text:
        text = _TOC_LABEL.sub('<label class="md-nav__title">', text)
    return text


def fix_site(site_dir: Path) -> int:
    """Fix every HTML file in place; returns how many changed."""
    changed = 0
    for path in site_dir.rglob("*.html"):
        before = path.read_text(encoding="utf-8")
        after = fix_html(before)
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed += 1
    return changed
