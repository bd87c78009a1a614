"""MkDocs hook used only by `build.py serve` (alongside build_hooks; mkdocs.yml has none, so Zensical can build docs/ too):
the clinic's current name, logo, language and menu on each rebuild, content errors shown on the page itself, pages
whose docs file is gone removed from the served site, each further language's pages built into its folder, and the
editor written after each build."""

import sys
import time
from pathlib import Path

from sitegen.commands import serve as preview

_built: set[str] = set()
_started = [0.0]


def on_pre_build(config, **kwargs):
    _started[0] = time.monotonic()


def on_config(config, **kwargs):
    if not preview.is_translating():  # a further language's build brings its own settings
        preview.apply_clinic_settings(config)
    return config


def on_files(files, config, **kwargs):
    if preview.is_translating():
        return files
    docs_dir = Path(config["docs_dir"]).resolve()
    _built.clear()
    _built.update(f.dest_uri for f in files if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(docs_dir))
    return files


def on_post_page(output, page, config, **kwargs):
    banner = preview.error_banner()
    if not banner:
        return output
    start = output.find("<body")
    end = output.find(">", start) + 1
    return output[:end] + banner + output[end:]


def on_post_build(config, **kwargs):
    site_dir = Path(config["site_dir"])
    if preview.is_translating():
        return
    preview.forget_removed_pages(site_dir, set(_built))
    preview.build_translations(site_dir)
    preview.write_editor(site_dir)
    print(f"preview: site rebuilt in {time.monotonic() - _started[0]:.2f} s; open pages reload", file=sys.stderr, flush=True)
