"""MkDocs hooks for our builds (passed by the runner, not in mkdocs.yml, so Zensical builds docs/ as it is):
the HTML fixes applied to each page as MkDocs writes it."""
from __future__ import annotations

from sitegen.site.html_fixes import fix_html


def on_post_page(output, page, config):
    return fix_html(output)


def on_post_template(output_content, template_name, config):
    return fix_html(output_content) if template_name.endswith(".html") else output_content  # 404.html, not sitemap.xml
