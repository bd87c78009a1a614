"""MkDocs hook used only by `build.py serve` (alongside build_hooks; mkdocs.yml has none, so Zensical can build docs/ too)."""

import re
from pathlib import Path

from sitegen.commands import serve as preview


def on_post_page(output, page, config, **kwargs):
    # MkDocs' live reload injects an inline script, which the site's Content-Security-Policy would block.
    output = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", output, count=1)
    banner = preview.error_banner()
    if not banner:
        return output
    start = output.find("<body")
    end = output.find(">", start) + 1
    return output[:end] + banner + output[end:]


def on_post_build(config, **kwargs):
    preview.write_editor(Path(config["site_dir"]))
