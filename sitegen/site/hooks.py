"""MkDocs hooks for our builds (passed by the runner, not in mkdocs.yml, so Zensical builds docs/ as it is):
the theme's compiled templates kept on disk (signed), the security policy for the meta tags, and the HTML fixes applied to each page as MkDocs writes it."""
from __future__ import annotations

from sitegen.core.signed_templates import template_cache
from sitegen.core.security_policy import REFERRER_POLICY, content_security_policy
from sitegen.site.html_fixes import fix_html


def on_env(env, config, files):
    env.bytecode_cache = template_cache("theme-templates")
    env.globals["content_security_policy"] = content_security_policy(for_meta=True)
    env.globals["referrer_policy"] = REFERRER_POLICY
    return env


def _search_label(config) -> str:
    return (config.extra.get("words") or {}).get("search_dialog", "Search this site")


def on_post_page(output, page, config):
    return fix_html(output, _search_label(config))


def on_post_template(output_content, template_name, config):
    # 404.html, not sitemap.xml
    return fix_html(output_content, _search_label(config)) if template_name.endswith(".html") else output_content
