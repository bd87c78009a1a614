"""The built site behind real nginx, Apache and Caddy with the configuration the build wrote: headers, 301s, 404, caching."""

from __future__ import annotations

import http.client
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from hosting_servers import EXPECTED_FORWARDS

from sitegen.core.security_policy import CACHE_HASHED, CACHE_REVALIDATE, HASHED_FILE, editor_security_headers, security_headers

SERVERS = ["nginx", "apache", "caddy"]
POLICY = security_headers()


def get(base: str, path: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request, redirects not followed."""
    url = urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def own_and_theme_assets(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.suffix in (".js", ".css"))


@pytest.fixture(params=SERVERS)
def server(request, web_server):
    return web_server(request.param)


def test_every_kind_of_response_carries_every_security_header(server, hosted_site) -> None:
    site, _ = hosted_site
    hashed = next(p for p in own_and_theme_assets(site) if "faq." in p)
    for path in ["/", "/faq/", "/side-effects/", hashed, "/assets/images/favicon.png", "/sitemap.xml", "/no-such-page/", "/risks/"]:
        status, headers, _ = get(server, path)
        assert status in (200, 301, 404), (path, status)
        for name, value in POLICY.items():
            assert headers.get_all(name) == [value], f"{path} ({status}): {name} is {headers.get_all(name)}, expected {value!r}"


def test_the_published_editor_gets_its_own_policy_and_the_pages_keep_theirs(server) -> None:
    from hosting_servers import require_editor

    require_editor()
    editor = editor_security_headers(["https://api.github.com"], ["https://raw.githubusercontent.com"])
    for path in ["/admin/", "/admin/decap-cms.js", "/admin/config.yml"]:
        status, headers, _ = get(server, path)
        assert status == 200, (path, status)
        for name, value in editor.items():
            assert headers.get_all(name) == [value], f"{path}: {name} is {headers.get_all(name)}, expected {value!r}"
    for path in ["/", "/faq/", "/no-such-page/"]:
        assert get(server, path)[1].get_all("Content-Security-Policy") == [POLICY["Content-Security-Policy"]], path


def test_every_old_address_is_a_301_to_its_new_one(server) -> None:
    for old, new in EXPECTED_FORWARDS.items():
        for asked in (old, old.rstrip("/")):
            status, headers, _ = get(server, asked)
            assert status == 301, f"{asked}: {status}"
            location = urljoin(server + asked.lstrip("/"), headers["Location"])
            assert location == urljoin(server, new), f"{asked} -> {location}, expected {new}"
    # The answer and the page they forward to are there.
    assert get(server, "/faq/is-it-addictive/")[0] == 200 and get(server, "/side-effects/")[0] == 200


def test_a_missing_page_is_a_404_showing_the_sites_404_page(server, hosted_site) -> None:
    site, _ = hosted_site
    status, headers, body = get(server, "/no-such-page/")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert body == (site / "404.html").read_bytes(), "the site's own 404 page, not the server's"
    assert get(server, "/assets/javascripts/no-such-script.js")[0] == 404


def test_a_missing_spanish_address_shows_the_spanish_404_page(server, hosted_site) -> None:
    site, _ = hosted_site
    spanish, english = (site / "es/404.html").read_bytes(), (site / "404.html").read_bytes()
    assert b'lang="es"' in spanish and spanish != english
    for path in ["/es/no-such-page/", "/es/faq/no-such-answer/", "/es/no-such-file.html"]:
        status, headers, body = get(server, path)
        assert status == 404, (path, status)
        assert headers["Content-Type"].startswith("text/html")
        assert body == spanish, f"{path}: not the Spanish 404 page"
        for name, value in POLICY.items():
            assert headers.get_all(name) == [value], f"{path}: {name} is {headers.get_all(name)}"
    # The rest of the site keeps the English one, and the Spanish pages and forwards are still served.
    assert get(server, "/esperanza/")[2] == english and get(server, "/no-such-page/es/")[2] == english
    assert get(server, "/es/faq/")[0] == 200 and get(server, "/es/404.html")[0] == 200
    status, headers, _ = get(server, "/es/faq/addiction-risk/")
    assert status == 301 and headers["Location"].endswith("/es/faq/is-it-addictive/")


def test_only_content_hashed_files_are_cached_for_a_year_and_html_is_revalidated(server, hosted_site) -> None:
    site, _ = hosted_site
    assets = own_and_theme_assets(site)
    hashed = [p for p in assets if HASHED_FILE.search(p)]
    assert len(hashed) >= 8, hashed  # Material's bundle and styles, the search worker, and ours
    for path in assets + ["/", "/faq/", "/search/search_index.json", "/assets/images/favicon.png", "/robots.txt"]:
        status, headers, _ = get(server, path)
        assert status == 200, path
        expected = CACHE_HASHED if HASHED_FILE.search(path) else CACHE_REVALIDATE
        assert headers.get_all("Cache-Control") == [expected], f"{path}: {headers.get_all('Cache-Control')}"


def test_every_script_and_stylesheet_a_page_loads_has_a_hashed_name(hosted_site) -> None:
    site, _ = hosted_site
    for page in ["index.html", "faq/index.html", "is-this-right-for-me/index.html", "404.html"]:
        html = (site / page).read_text(encoding="utf-8")
        refs = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', html)
        assert len(refs) >= 6, (page, refs)
        unhashed = [r for r in refs if not HASHED_FILE.search(r)]
        assert not unhashed, f"{page} loads files that cannot be cached for long: {unhashed}"
        for ref in refs:
            target = site / page / ".." / ref if not ref.startswith("/") else site / ref.lstrip("/")
            assert target.resolve().is_file(), f"{page}: {ref} is not in the site"


def test_assets_have_types_that_nosniff_accepts(server, hosted_site) -> None:
    site, _ = hosted_site
    for path in own_and_theme_assets(site):
        _, headers, _ = get(server, path)
        kind = headers["Content-Type"].split(";")[0]
        allowed = ("text/css",) if path.endswith(".css") else ("application/javascript", "text/javascript")
        assert kind in allowed, f"{path} is served as {kind}: with nosniff the browser would refuse it"


def test_the_server_configuration_is_not_published(server) -> None:
    for path in ["/nginx.conf", "/site.caddy", "/netlify.toml", "/.htaccess", "/_headers", "/_redirects"]:
        assert get(server, path)[0] in (403, 404), path


def test_security_txt_and_robots_txt_are_served(server) -> None:
    status, headers, body = get(server, "/.well-known/security.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert b"Contact: mailto:security@ketamine-clinic.example" in body and b"Expires: " in body
    status, _, body = get(server, "/robots.txt")
    assert status == 200 and b"Sitemap: https://ketamine-clinic.example/sitemap.xml" in body
