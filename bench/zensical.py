"""What survives a move from MkDocs + Material to Zensical: both builds of the bundled site, checked feature by feature in Chromium."""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402 (tests/ holds the browser helpers)

DESKTOP = {"width": 1280, "height": 900}
ANSWER = "is-it-addictive"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"
ACCEPTED_TOGGLE = re.compile(
    r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)" autocomplete="off">'
)
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI, file: e.sourceFile, line: e.lineNumber, column: e.columnNumber}));
"""

SHORTCUT_BY_BUTTON = """
document.addEventListener("keydown", function (event) {
  var button = document.querySelector(".md-search__button");
  if (!button || !(event.ctrlKey || event.metaKey) || event.key !== "k") return;
  event.preventDefault();
  event.stopImmediatePropagation();
  button.click();
});
"""


def build_ours(work: Path) -> Path:
    """Our build (MkDocs + Material), which also writes the generated docs/ the Zensical builds start from."""
    command = [sys.executable, "build.py", "--out", str(work / "site"), "--docs", str(work / "docs")]
    subprocess.run(command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True, stdout=subprocess.DEVNULL)
    return work / "site"


def build_zensical(work: Path, zensical: str, name: str, style_hashes: set[str] | None = None) -> Path:
    """docs/, overrides/ and mkdocs.yml built by Zensical, each language of the clinic from its own config file;
    with style_hashes, after the changes a move needs."""
    project = work / name
    shutil.copytree(work / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if style_hashes is not None:
        make_move_changes(project, style_hashes)
    # One build per language, each from its own file (Zensical has no i18n plugin): mkdocs.es.yml builds docs/es/.
    for config in ["mkdocs.yml", *sorted(p.name for p in project.glob("mkdocs.*.yml"))]:
        subprocess.run([zensical, "build", "-f", config], cwd=project, check=True, stdout=subprocess.DEVNULL)
    if style_hashes is not None:
        from sitegen.site.html_fixes import fix_html

        # Zensical runs no MkDocs hooks: the fixes sitegen/site/hooks.py makes as MkDocs writes each page run afterwards.
        for html in (project / "site").rglob("*.html"):
            html.write_text(fix_html(html.read_text()))
    return project / "site"


def make_move_changes(project: Path, style_hashes: set[str]) -> None:
    """Each change undoes one difference the plain Zensical build shows."""
    import yaml

    (project / "overrides/partials/javascripts/palette.html").write_text("")
    allowed_styles = " ".join(["style-src 'self'", *sorted(f"'{h}'" for h in style_hashes)])
    replace_once(project / "overrides/main.html", "style-src 'self'", allowed_styles)
    on_demand = project / "overrides/assets/javascripts/search-on-demand.js"
    replace_once(on_demand, r"/\/search\/search_index\.json(\?|$)/", r"/\/search(\/search_index)?\.json(\?|$)/")
    # Zensical opens its dialog on Ctrl+K only once the index has loaded; its search button opens it at once.
    on_demand.write_text(on_demand.read_text() + SHORTCUT_BY_BUTTON)
    # build.py hands MkDocs the clinic's name, address, language, menu and header links through its API; Zensical reads only
    # the file, so the same settings are written into it.
    from sitegen.commands.check import load_resolved
    from sitegen.core.options import Options
    from sitegen.site.mkdocs_build import builder_configs

    options = Options()
    content = load_resolved(options).content
    assert content is not None
    for name, config in builder_configs(content, options).items():  # a clinic with Spanish: mkdocs.es.yml too
        config["theme"].update(variant="classic")
        (project / name).write_text(yaml.safe_dump(config, sort_keys=False))


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if text.count(old) != 1:
        sys.exit(f"bench/zensical.py: {path.name} no longer holds {old!r} once; update make_move_changes")
    path.write_text(text.replace(old, new))


def page_paths(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) + "/" if p.parent != site else "" for p in site.rglob("index.html")) + ["404.html"]


def inline_script_at(site: Path, path: str, line: int, column: int, templates: Path | None) -> str:
    """The start of the inline script a violation points at, and which theme template writes it."""
    html = (site / (path if path.endswith(".html") else path + "index.html")).read_text().splitlines()
    start = html[line - 1].rfind("<script>", 0, max(column, 1)) if line <= len(html) else -1
    snippet = html[line - 1][start + len("<script>") :][:45] if start >= 0 else "?"
    found = [str(t.relative_to(templates)) for t in templates.rglob("*.html") if snippet in t.read_text()] if templates else []
    return f"`<script>{snippet}…` ({', '.join(found) or 'template not found'})"


def crawl(browser, base: str, site: Path, templates: Path | None) -> dict:
    """Open every page once: CSP violations, other script errors, requests to other hosts, search index loaded unasked."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    requests: list[str] = []
    errors: set[str] = set()
    style_hashes: set[str] = set()
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.add(str(e).splitlines()[0]))
    page.on("console", lambda m: m.type == "error" and "Content Security Policy" not in m.text and errors.add(m.text[:120]))
    # Chromium names the hash that would let a blocked inline style through; the changed build adds it to the CSP.
    page.on("console", lambda m: "style-src" in m.text and style_hashes.update(re.findall(r"'(sha256-[^']+)'", m.text)))
    violations: dict[str, set[str]] = {}
    index_on_open = 0
    paths = page_paths(site)
    for path in paths:
        before = len(requests)
        page.goto(base + path, wait_until="networkidle")
        index_on_open += any(re.search(r"search(_index)?\.json", url) for url in requests[before:])
        for v in page.evaluate("window.__violations"):
            where = v["file"].removeprefix(base)
            what = (
                inline_script_at(site, path, v["line"], v["column"], templates)
                if v["blocked"] == "inline" and where == path
                else f"<{'style' if 'style' in v['directive'] else 'script'}> added by {where}:{v['line']}:{v['column']}"
            )
            violations.setdefault(f"{v['directive']} blocks {v['blocked']} {what}", set()).add(path or "/")
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
    context.close()
    return {
        "pages": len(paths),
        "violations": violations,
        "errors": errors,
        "csp": csp,
        "index_on_open": index_on_open,
        "foreign": sorted({u for u in requests if not u.startswith(base) and not u.startswith("data:")}),
        "style_hashes": style_hashes,
    }


def weight_on_open(browser, base: str, site: Path, path: str) -> str:
    """What a page loads when it opens in a fresh browser, sent compressed as a CDN would (http.server does not compress)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(base + path, wait_until="networkidle")
    context.close()
    files = [site / (url.removeprefix(base).split("?")[0].split("#")[0] or "index.html") for url in urls if url.startswith(base)]
    files = [f / "index.html" if f.is_dir() else f for f in files]
    return f"{sum(len(gzip.compress(f.read_bytes())) for f in files if f.is_file()) / 1024:.1f} KB in {len(urls)} requests"


def glossary_tooltip(page, base: str) -> tuple[bool, str]:
    page.goto(base + "side-effects/")
    term = page.locator("article abbr[title]").first
    meaning = term.get_attribute("title")
    term.hover()
    page.locator("#glossary-tooltip.md-tooltip2--active").wait_for()
    hover = page.locator("#glossary-tooltip").inner_text() == meaning
    page.mouse.move(5, 890)
    page.locator("article h1").click()
    term.focus()
    page.locator("#glossary-tooltip.md-tooltip2--active").wait_for()
    focus = page.locator("#glossary-tooltip").inner_text() == meaning
    count = page.locator("article abbr[title]").count()
    return (
        hover and focus,
        f"hover {'ok' if hover else 'wrong text'}, focus {'ok' if focus else 'wrong text'}; {count} terms marked on /side-effects/",
    )


def self_check(page, base: str) -> tuple[bool, str]:
    page.goto(base + "is-this-right-for-me/")
    page.check("#q-safety-yes-now")
    crisis = page.locator("#self-check-crisis")
    at_once = crisis.is_visible() and "988" in crisis.inner_text() and page.evaluate("document.activeElement.id") == "self-check-crisis"
    page.click("text=See my next step")
    title = page.locator("#self-check-result .admonition-title").inner_text()
    first = crisis.bounding_box()["y"] < page.locator("#self-check-result").bounding_box()["y"]
    return (
        at_once and first and title == "Please get help now",
        f"988 box at once: {at_once}; result '{title}', crisis box above it: {first}",
    )


def faq_links(page, base: str) -> tuple[bool, str]:
    page.goto(base + f"faq/#{ANSWER}")
    question = page.locator(f"#{ANSWER} summary").inner_text().strip()
    opened = page.evaluate(f"document.getElementById('{ANSWER}').open")
    in_view = page.evaluate(f"(r => r.top >= 0 && r.top < innerHeight)(document.getElementById('{ANSWER}').getBoundingClientRect())")
    page.goto(base + f"faq/{ANSWER}/")
    own_page = page.locator("article h1").inner_text().removesuffix("¶").strip() == question
    return (
        opened and in_view and own_page,
        f"#{ANSWER} opened {opened}, in view {in_view}; /faq/{ANSWER}/ titled with the question: {own_page}",
    )


def print_view(page, base: str) -> tuple[bool, str]:
    page.goto(base + "side-effects/")
    page.emulate_media(media="print")
    shown = {
        name: page.locator(sel).first.is_visible()
        for name, sel in [
            ("QR code", ".print-handout svg[role=img]"),
            ("address", ".print-handout"),
            ("sources", "#sources"),
            ("review", ".page-review"),
        ]
    }
    menus = {sel: page.locator(sel).first.is_visible() for sel in [".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"]}
    wrong = [f"{n} hidden" for n, ok in shown.items() if not ok] + [f"{s} shown" for s, on in menus.items() if on]
    return not wrong, ", ".join(wrong) or "menus hidden; QR code, address, sources and review shown"


def search(page, base: str, shortcut: bool = False) -> tuple[bool, str]:
    page.goto(base, wait_until="networkidle")  # Zensical ignores Ctrl+K for a moment after the load event
    zensical = page.locator(".md-search__button").count() > 0
    if shortcut:
        page.keyboard.press("Control+k" if zensical else "/")  # the shortcut each theme offers
    else:
        page.locator(".md-search__button" if zensical else ".md-search__input").first.click()
    # Locators reach into Zensical's shadow root; a polled wait_for_function would be eval, which the CSP forbids.
    page.locator("input.md-search__input:focus, input[role=combobox]:focus").wait_for()
    page.keyboard.type("addictive")
    results = ".md-search-result__item > a[href*='h=addictive'], [role=option][href*='h=addictive']"
    page.locator(results).and_(page.locator(f"[href*='{ANSWER}']")).first.wait_for()
    unstyled = page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => e.shadowRoot)"
        ".flatMap(e => [...e.shadowRoot.querySelectorAll('style')]).filter(s => !s.sheet).length"
    )
    # How many results are drawn when the answer appears depends on timing, so only the answer is reported.
    note = f"faq/{ANSWER}/ among the results" + (f"; {unstyled} shadow-root <style> not applied, dialog unstyled" if unstyled else "")
    return not unstyled, note


def brand_header(page, base: str) -> tuple[bool, str]:
    page.goto(base)
    header, brand = page.evaluate("""() => {
      const probe = document.body.appendChild(document.createElement("div"));
      probe.style.color = "var(--md-primary-fg-color)";
      return [getComputedStyle(document.querySelector(".md-header")).backgroundColor, getComputedStyle(probe).color];
    }""")
    return header == brand, f"header {header}, brand colour {brand}"


def in_browser(browser, base: str, check) -> tuple[bool, str]:
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(5000)
    try:
        return check(context.new_page(), base)
    except (PlaywrightError, TypeError) as exc:  # a feature that breaks is a result here, not a crash
        return False, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    finally:
        context.close()


def static_facts(site: Path) -> dict[str, str]:
    """Differences readable from the files: the hooks Zensical does not run, sitemap, structured data, language."""
    faq = (site / "faq/index.html").read_text()
    home = (site / "index.html").read_text()
    sitemap = (site / "sitemap.xml").read_text()
    jsonld = [json.loads(block) for path in sorted(site.rglob("index.html")) for block in JSONLD.findall(path.read_text())]
    # Our build's index (its titles and excerpts; its terms load by shard) or the theme's whole index.
    index = next(p for p in [site / "search/sections.json", site / "search/search_index.json", site / "search.json"] if p.exists())
    not_found = site / "404.html"
    crisis_404 = "988 shown" if 'href="tel:988"' in not_found.read_text() else "no 988"
    jsonld_hash = hashlib.sha256(json.dumps(jsonld, sort_keys=True).encode()).hexdigest()[:8]
    sitemap_gz = "yes" if (site / "sitemap.xml.gz").exists() else "no"
    language, site_name = re.search(r'<html lang="([^"]+)"', home), re.search(r"<title>[^<]* - ([^<]*)</title>", home)
    return {
        "404 page: title, crisis line": f"{re.search(r'<h1[^>]*>(.*?)</h1>', not_found.read_text()).group(1)}, {crisis_404}",
        "sitemap": f"{sitemap.count('<loc>')} URLs, {sitemap.count('<lastmod>')} lastmod, .gz {sitemap_gz}",
        "JSON-LD (all pages): blocks, hash of the data": f"{len(jsonld)}, {jsonld_hash}",
        "page language, site name": f"{language.group(1)}, {site_name.group(1)}",
        "glossary terms marked on /faq/ (first use only)": str(faq.count("<abbr ")),
        "theme stylesheet": re.search(r'href="[^"]*assets/stylesheets/([^"]*main)\.[0-9a-f]+\.min\.css"', faq).group(1),
        "palette.css linked": "yes" if re.search(r"palette\.[0-9a-f]+\.min\.css", faq) else "no",
        "/faq/ HTML, gzipped": f"{len(gzip.compress(faq.encode())) / 1024:.1f} KB",
        "search index, gzipped": f"{index.relative_to(site)} {len(gzip.compress(index.read_bytes())) / 1024:.0f} KB",
    }


def html_errors(site: Path, vnu: Path) -> tuple[str, str]:
    """The Nu checker's errors on every page, less the toggles' autocomplete the project accepts (tests/test_html_validity.py)."""
    if not (vnu.is_file() and shutil.which("java")):
        return "not run", "needs Java and vnu.jar (npm ci)"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    proc = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *pages], check=False, capture_output=True, text=True
    )
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    accepted = [m for m in messages if m["message"].startswith(AUTOCOMPLETE) and ACCEPTED_TOGGLE.search(m.get("extract", ""))]
    errors = [m for m in messages if m not in accepted]
    kinds = collections.Counter(m["message"][:90] for m in errors)
    summary = "; ".join(f"{count}× {text}" for text, count in kinds.most_common(3))
    return str(len(errors)), f"{summary} (and {len(accepted)} accepted toggle autocompletes)" if errors else ""


def measure(browser, site: Path, templates: Path | None, vnu: Path) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """One site, served on loopback: feature -> (result, note), and the hashes of inline styles the CSP blocked."""
    base, server = serve_folder(site)
    seen = crawl(browser, base, site, templates)
    blocked = "; ".join(f"{what} on {len(pages)} pages" for what, pages in seen["violations"].items())
    rows = {
        "(a) CSP present, nothing blocked": (
            "script-src 'self'" in seen["csp"] and not seen["violations"],
            f"{seen['pages']} pages opened; " + (blocked or "no violations"),
        )
    }
    for feature, check in [
        ("(b) glossary tooltips (hover, focus)", glossary_tooltip),
        ("(c) self-check: crisis help first", self_check),
        ("(d) FAQ links /faq/#id and /faq/id/", faq_links),
        ("(e) print: no menus; QR code, sources", print_view),
        ("(f) search 'addictive', box clicked", search),
        ("(f) search 'addictive', keyboard shortcut", functools.partial(search, shortcut=True)),
        ("header in the clinic's brand colour", brand_header),
    ]:
        rows[feature] = in_browser(browser, base, check)
    rows["/faq/ on open, gzipped"] = (weight_on_open(browser, base, site, "faq/"), "")
    server.shutdown()
    rows["(g) no third-party requests"] = (not seen["foreign"], ", ".join(seen["foreign"][:3]) or "all requests to loopback")
    rows["script errors (other than CSP)"] = (not seen["errors"], "; ".join(sorted(seen["errors"]))[:200] or "none")
    rows["pages opened that load the search index unasked"] = (str(seen["index_on_open"]), "")
    rows["pages (index.html + 404)"] = (str(seen["pages"]), "")
    rows.update({feature: (value, "") for feature, value in static_facts(site).items()})
    rows["HTML errors (W3C Nu checker)"] = html_errors(site, vnu)
    results = {feature: ("yes" if ok is True else "no" if ok is False else ok, note) for feature, (ok, note) in rows.items()}
    return results, seen["style_hashes"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vnu", type=Path, default=ROOT / "node_modules/vnu-jar/build/dist/vnu.jar")
    parser.add_argument("--zensical", default=os.environ.get("ZENSICAL") or shutil.which("zensical") or "/tmp/zensical-venv/bin/zensical")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    version = subprocess.run([args.zensical, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    templates = next(Path(args.zensical).resolve().parent.parent.glob("lib/python*/site-packages/zensical/templates"), None)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        work = Path(tmp)
        ours, _ = measure(browser, build_ours(work), templates, args.vnu)
        theirs, style_hashes = measure(browser, build_zensical(work, args.zensical, "zensical"), templates, args.vnu)
        changed, _ = measure(browser, build_zensical(work, args.zensical, "zensical-changed", style_hashes), templates, args.vnu)
        browser.close()
    columns = {
        f"Material {importlib.metadata.version('mkdocs-material')}": ours,
        f"Zensical {version}": theirs,
        "Zensical, changed": changed,
    }
    print(f"| feature | {' | '.join(columns)} | note |\n| --- |{' --- |' * len(columns)} --- |")
    for feature in ours:
        cells = [column[feature] for column in columns.values()]
        # A column's note is shown where it says something the column before it did not.
        notes = [
            f"{name}: {note}"
            for i, (name, (_, note)) in enumerate(zip(columns, cells, strict=True))
            if note and (i == 0 or note != cells[i - 1][1])
        ]
        print(f"| {feature} | {' | '.join(result for result, _ in cells)} | {' / '.join(notes)} |")


if __name__ == "__main__":
    main()
