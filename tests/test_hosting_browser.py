"""A page still works in Chromium behind nginx, Apache and Caddy with the header policy: scripts load, the self-check
runs, search works, nothing is blocked, and another site cannot frame it."""

from __future__ import annotations

import re

import pytest
from browser import serve_folder

pytestmark = pytest.mark.browser
WATCH_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


@pytest.fixture(params=["nginx", "apache", "caddy"])
def visit(request, browser, web_server):
    base = web_server(request.param)
    context = browser.new_context(viewport={"width": 412, "height": 900})
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.problems = problems  # type: ignore[attr-defined]
    page.base = base  # type: ignore[attr-defined]
    yield page
    context.close()


def test_the_self_check_runs_under_the_header_policy(visit) -> None:
    response = visit.goto(visit.base + "is-this-right-for-me/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    visit.check("#q-safety-no")
    visit.click("text=See my next step")
    assert visit.locator("#self-check-result .admonition-title").inner_text()
    assert visit.evaluate("window.__csp") == [] and visit.problems == [], (visit.evaluate("window.__csp"), visit.problems)


def test_search_finds_pages_and_the_faq_scripts_run(visit) -> None:
    visit.goto(visit.base + "faq/")
    visit.click('label[for="__search"]')
    # Typed key by key, as a reader does: Material searches on each key released, not on a value set at once.
    visit.locator("input[data-md-component=search-query]").press_sequentially("bladder", delay=50)
    visit.wait_for_selector(".md-search-result__item", timeout=90_000)  # a wait, not a speed check (busy machines)
    assert visit.locator(".md-search-result__item").count() >= 2
    # An old FAQ address arrives at the answer through the server's 301 (no meta refresh needed).
    response = visit.goto(visit.base + "faq/addiction-risk/")
    assert response.url == visit.base + "faq/is-it-addictive/" and response.request.redirected_from is not None
    assert response.request.redirected_from.response().status == 301
    assert visit.evaluate("window.__csp") == [] and visit.problems == [], (visit.evaluate("window.__csp"), visit.problems)


def test_the_404_page_loads_its_styles_and_scripts(visit, hosted_site) -> None:
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", (hosted_site[0] / "404.html").read_text(encoding="utf-8")).group(1)
    response = visit.goto(visit.base + "no-such-page/")
    assert response.status == 404 and visit.locator("h1").inner_text() == heading
    assert visit.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    problems = [p for p in visit.problems if not p.startswith("404: ") and "status of 404" not in p]
    assert visit.evaluate("window.__csp") == [] and problems == [], (visit.evaluate("window.__csp"), problems)


def test_another_site_cannot_frame_the_pages(visit, tmp_path) -> None:
    (tmp_path / "index.html").write_text(f'<!doctype html><title>frame</title><iframe src="{visit.base}"></iframe>', encoding="utf-8")
    other, server = serve_folder(tmp_path)
    try:
        visit.goto(other)
        visit.wait_for_timeout(1500)
        frame = visit.frames[1] if len(visit.frames) > 1 else None
        assert frame is None or frame.url in ("", "about:blank", "chrome-error://chromewebdata/") or not frame.locator("h1").count()
        assert any("frame-ancestors" in p or "refused to display" in p.lower() or "X-Frame-Options" in p for p in visit.problems), (
            visit.problems
        )
    finally:
        server.shutdown()


def test_the_published_editor_loads_under_its_own_policy(visit) -> None:
    from hosting_servers import require_editor

    from sitegen.core.security_policy import editor_content_security_policy

    require_editor()
    requested: list[str] = []
    visit.on("request", lambda r: requested.append(r.url))
    response = visit.goto(visit.base + "admin/")
    assert response.headers["content-security-policy"] == editor_content_security_policy(
        ["https://api.github.com"], ["https://raw.githubusercontent.com"]
    )
    # Decap CMS has started (its sign-in screen), with nothing refused by the policy on the way.
    visit.get_by_role("button", name=re.compile("Login with GitHub")).wait_for(timeout=60_000)
    # Only the live preview checks saves: the published editor asks for no findings.json, and nothing fails or errs.
    visit.wait_for_timeout(1500)  # the banner would have asked by now (it polls every 0.7 s)
    assert [url for url in requested if url.endswith(".json")] == [] and visit.locator("#preview-findings").count() == 0
    assert visit.evaluate("window.__csp") == [] and visit.problems == [], (visit.evaluate("window.__csp"), visit.problems)
    # The patient pages keep theirs.
    assert "'unsafe-eval'" not in visit.goto(visit.base + "faq/").headers["content-security-policy"]
