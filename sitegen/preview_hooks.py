"""MkDocs hook used only by `build.py serve` (the real build runs no hooks, so Zensical can build docs/ too)."""
from sitegen import preview


def on_post_page(output, page, config, **kwargs):
    banner = preview.error_banner()
    if not banner:
        return output
    start = output.find("<body")
    end = output.find(">", start) + 1
    return output[:end] + banner + output[end:]
