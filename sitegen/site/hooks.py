"""MkDocs hooks for our builds (passed by the runner, not in mkdocs.yml, so Zensical builds docs/ as it is):
the theme's compiled templates kept on disk (signed), the security policy for the meta tags, the HTML fixes applied
to each page as MkDocs writes it, and, for the real build, the site search index written from the pages' HTML."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.signed_templates import template_cache
from sitegen.core.urls import page_file
from sitegen.core.security_policy import REFERRER_POLICY, content_security_policy
from sitegen.site.html_fixes import fix_html
from sitegen.site.search_index import SiteIndex
from sitegen.site.search_settings import SEARCH_FLAG


def _material_search_worker() -> str:
    """Material's search worker as its pages name it ('assets/javascripts/workers/search.<hash>.min.js')."""
    import material

    workers = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    return f"assets/javascripts/workers/{workers[0].name}" if workers else ""


def on_env(env, config, files):
    env.bytecode_cache = template_cache("theme-templates")
    env.globals["content_security_policy"] = content_security_policy(for_meta=True)
    env.globals["referrer_policy"] = REFERRER_POLICY
    env.globals["material_search_worker"] = _material_search_worker()
    if config.extra.get(SEARCH_FLAG):
        # Every page's HTML is made by now (and the site folder emptied): indexed from memory, no page read again.
        _write_search_index(config, files)
    return env


def _write_search_index(config, files) -> None:
    index = SiteIndex(config.theme["language"])
    for file in files.documentation_pages():
        page = file.page
        # The FAQ page repeats every answer, and each answer has its own page: results go to the answer's page.
        if page is None or page.content is None or file.src_uri == page_file("faq") or (page.meta.get("search") or {}).get("exclude"):
            continue
        index.add_page(page.url, page.title or "", page.content)
    index.write(Path(config.site_dir))


def _search_label(config) -> str:
    return (config.extra.get("words") or {}).get("search_dialog", "Search this site")


def on_config(config):
    if config.extra.get(SEARCH_FLAG):
        # Our index (on_env) serves the search box instead: Material's own index stays empty (a few bytes) and costs no build time.
        # Done here, not per page, so that no page event has a handler of ours (see mkdocs_speed: --jobs 2).
        search = config.plugins.get("material/search")
        if search is not None and getattr(search, "search_index", None) is not None:
            search.search_index.add_entry_from_context = lambda page: None
    return config


def on_post_page(output, page, config):
    return fix_html(output, _search_label(config))


def on_post_template(output_content, template_name, config):
    # 404.html, not sitemap.xml
    return fix_html(output_content, _search_label(config)) if template_name.endswith(".html") else output_content
