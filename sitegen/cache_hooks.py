"""MkDocs hook for our builds: keep the theme's compiled templates on disk, so each build skips compiling them."""
from __future__ import annotations

from sitegen.cache import template_cache


def on_env(env, config, files):
    env.bytecode_cache = template_cache("theme-templates")
    return env
