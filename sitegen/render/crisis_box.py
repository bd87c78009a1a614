"""The crisis box as HTML, for pages MkDocs makes without Markdown (the 404 page), rendered from the same partial."""

from __future__ import annotations

from pathlib import Path

import markdown

from sitegen.load.content import Content
from sitegen.render.environment import make_environment

_EXTENSIONS = ["attr_list", "md_in_html"]  # what the crisis partial uses; mkdocs.yml turns both on for every page


def crisis_box_html(content: Content, templates_dir: Path, words: dict | None = None) -> str:
    """The crisis box every page shows, as HTML, in the words of the content's language."""
    source = make_environment(templates_dir, words).get_template("partials/crisis-box.md.j2").render(clinic=content.clinic)
    return markdown.markdown(source, extensions=_EXTENSIONS)
