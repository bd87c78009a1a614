"""The one source of the site's security headers and cache rules: the page's meta tags and every host's configuration come from here."""

from __future__ import annotations

import re

# Only this site may supply scripts, styles, fonts, images and connections: no third parties, no inline code.
# default-src 'none' refuses every kind of resource not named here (media, frames, plugins).
CSP_DIRECTIVES: dict[str, str] = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Browsers ignore these in a <meta> tag (and say so in the console): they work only as an HTTP header.
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "sandbox"})

# A page address can reveal a condition ("/ketamine-for-ptsd/"): no address goes to any other site, or to this one.
REFERRER_POLICY = "no-referrer"

# Powerful features the site never uses, turned off for it and anything it could ever embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
)

# The browser editor at /admin/ (Decap CMS) needs what the patient pages never get: its styling library writes <style>
# elements at run time, and its config validator (ajv) compiles schemas with new Function(). It talks to the Git
# host's API (connect) and shows images from it; nothing else.
EDITOR_PATH = "admin/"
_EDITOR_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: {images}; "
    "font-src 'self' data:; connect-src 'self' blob: {connect}; frame-src 'self' blob:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'none'"
)

CACHE_HASHED = "public, max-age=31536000, immutable"  # a year: the name changes whenever the content does
CACHE_REVALIDATE = "no-cache"  # HTML and unhashed files: kept, but checked with the server (ETag) before each use
# Content-hashed names: Material's bundle.a5f9d56c.min.js, and ours after the build renames them (faq.1b2c3d4e.js).
HASHED_FILE = re.compile(r"\.[0-9a-f]{8}\.(?:min\.)?(?:js|css)$")
HASHED_FILE_PATTERN = HASHED_FILE.pattern  # the same expression in nginx, Apache and Caddy (PCRE / RE2 alike)


def content_security_policy(for_meta: bool = False) -> str:
    """The policy as one header value; for_meta leaves out what a <meta> tag cannot carry."""
    return "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES.items() if not (for_meta and name in HEADER_ONLY_DIRECTIVES))


def security_headers(csp: str | None = None) -> dict[str, str]:
    """Every security header each response carries (HTML, assets, forwards and the 404 page alike)."""
    return {
        "Content-Security-Policy": csp or content_security_policy(),
        "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": REFERRER_POLICY,
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Frame-Options": "DENY",  # for browsers older than frame-ancestors
    }


def cache_control(path: str) -> str:
    """The Cache-Control a file of the built site gets, by its name."""
    return CACHE_HASHED if HASHED_FILE.search(path) else CACHE_REVALIDATE


def editor_content_security_policy(connect: list[str], images: list[str] | None = None, for_meta: bool = False) -> str:
    """The editor page's policy: its own scripts, the inline styles and eval Decap needs, and the Git host's API."""
    policy = _EDITOR_CSP.format(connect=" ".join(connect), images=" ".join(images or [])).replace("  ", " ").replace(" ;", ";")
    return policy if for_meta else policy + "; frame-ancestors 'none'"


def editor_security_headers(connect: list[str], images: list[str] | None = None) -> dict[str, str]:
    """The headers of every response under /admin/: the site's, with the editor's policy.

    The Git host's sign-in opens in a window that must answer the editor (window.opener), so the opener policy
    lets the editor's own pop-ups keep it; everything else is as strict as on the patient pages.
    """
    headers = security_headers(editor_content_security_policy(connect, images))
    headers["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups"
    return headers
