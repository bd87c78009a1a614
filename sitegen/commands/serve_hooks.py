"""MkDocs hook used only by `build.py serve` (alongside build_hooks; mkdocs.yml has none, so Zensical can build docs/ too):
content errors shown on the page itself, each further language's pages built into its folder, and the editor written
after each build."""

from pathlib import Path

from sitegen.commands import serve as preview


def on_post_page(output, page, config, **kwargs):
    banner = preview.error_banner()
    if not banner:
        return output
    start = output.find("<body")
    end = output.find(">", start) + 1
    return output[:end] + banner + output[end:]


def on_post_build(config, **kwargs):
    site_dir = Path(config["site_dir"])
    if not preview.is_translating():
        preview.build_translations(site_dir)
        preview.write_editor(site_dir)
