"""Front matter survives every character a value can hold: MkDocs drops the whole block, silently, at one it cannot read."""

from __future__ import annotations

import pytest
from mkdocs.utils import meta

from sitegen.core.markup import front_matter_lines

# DEL, C1 controls (NEL among them), the line and paragraph separators, a BOM, a non-character: raw, each made
# MkDocs' YAML reader give up on the page's front matter, so the page lost its title and description.
AWKWARD = ["\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\uffff"]


@pytest.mark.parametrize("char", AWKWARD, ids=[f"U+{ord(c):04X}" for c in AWKWARD])
def test_mkdocs_reads_back_every_value_as_written(char: str) -> None:
    values = {"title": f"What is{char} ketamine?", "description": "Plain words.", "jsonld": [{"name": f"a{char}b"}]}
    body, data = meta.get_data("---\n" + front_matter_lines(values) + "---\n\n# Page\n")
    assert data == values
    assert body.startswith("# Page")
