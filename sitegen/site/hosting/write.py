"""Write every host's configuration: what the host reads from the uploaded folder into the site, server configs beside it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.load.content import Content
from sitegen.site.hosting.apache import htaccess
from sitegen.site.hosting.caddy import site_caddy
from sitegen.site.hosting.nginx import nginx_conf
from sitegen.site.hosting.security_txt import security_txt
from sitegen.site.hosting.site_facts import site_facts
from sitegen.site.hosting.static_hosts import headers_file, netlify_toml, redirects_file


def write_hosting(content: Content, site_dir: Path, hosting_dir: Path, today: dt.date, editor_headers: dict[str, str] | None = None) -> None:
    """editor_headers: the headers for /admin/ when the clinic publishes the browser editor (None: no editor)."""
    facts = site_facts(content, site_dir, editor_headers)
    (site_dir / "_headers").write_text(headers_file(facts), encoding="utf-8")
    (site_dir / "_redirects").write_text(redirects_file(facts), encoding="utf-8")
    (site_dir / ".htaccess").write_text(htaccess(facts), encoding="utf-8")
    text = security_txt(content.clinic, today)
    if text:
        (site_dir / ".well-known").mkdir(exist_ok=True)
        (site_dir / ".well-known" / "security.txt").write_text(text, encoding="utf-8")
    hosting_dir.mkdir(parents=True, exist_ok=True)
    (hosting_dir / "nginx.conf").write_text(nginx_conf(facts), encoding="utf-8")
    (hosting_dir / "site.caddy").write_text(site_caddy(facts), encoding="utf-8")
    (hosting_dir / "netlify.toml").write_text(netlify_toml(facts), encoding="utf-8")
