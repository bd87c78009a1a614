"""Run MkDocs (strict) through its Python API and turn its warnings into findings."""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from sitegen.core.findings import Findings
from sitegen.core.markup import html_text
from sitegen.core.options import Options
from sitegen.core.urls import page_file, tel_number
from sitegen.load.clinic_folder import logo_file
from sitegen.load.content import Content
from sitegen.render.crisis_box import crisis_box_html
from sitegen.site.search_settings import SEARCH_FLAG, search_plugin_settings

BUILD_HOOKS = str(Path(__file__).with_name("hooks.py"))
# Loaded by MkDocs as a hook file, never imported: the fenced speed module (see its docstring).
SPEED_HOOKS = str(Path(__file__).with_name("mkdocs_speed.py"))
_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_LINK = re.compile(r"(?:link|anchor) '([^']+)'")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, docs_dir: Path, site_dir: Path, overrides: dict, jobs: int = 1) -> tuple[bool, list[str]]:
    """Build docs_dir into site_dir in this process (and a forked child when jobs > 1): (succeeded, MkDocs' warnings and errors)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            strict=True,
            hooks=[BUILD_HOOKS, *([SPEED_HOOKS] if jobs > 1 else [])],
            **overrides,
        )
        build(config)
        ok = True
    except MkDocsException as exc:
        ok = False
        if not collect.messages:
            collect.messages.append(str(exc))
    finally:
        logger.removeHandler(collect)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
    return ok and not collect.messages, collect.messages


def add_mkdocs_findings(messages: list[str], sources: dict[str, Path], findings: Findings) -> None:
    """MkDocs' messages as findings, each pointing at the YAML line behind it where that can be found."""
    # A link in an FAQ answer is on the FAQ page and on the answer's own page: one finding for the line, not two.
    unique = Findings()
    for message in messages:
        _add_mkdocs_finding(message, sources, unique)
    findings.extend(dict.fromkeys(unique.items))


def _add_mkdocs_finding(message: str, sources: dict[str, Path], findings: Findings) -> None:
    """Point a MkDocs warning at the YAML line that caused it, when the link text can be found there."""
    message = " ".join(message.split())
    doc = _DOC_FILE.search(message)
    link = _LINK.search(message)
    if doc and doc.group(1) in sources:
        source = sources[doc.group(1)]
        if link and source.is_file():
            target = link.group(1).split("#")[-1] if "#" in link.group(1) else link.group(1)
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                col = line.find(target)
                if col >= 0:
                    if "#" in link.group(1) and "anchor" in message:
                        problem = (
                            f"broken link to section '#{target}' of {_page_name(link.group(1))}: that page has no such section. "
                            "Check the section id, or link to the page alone"
                        )
                    else:
                        problem = (
                            f"broken link '{link.group(1)}': no such page or anchor in the site. "
                            "Link to pages as [text](page:side-effects) and to answers as [text](faq:is-it-addictive)"
                        )
                    findings.add(str(source), number, col + 1, problem)
                    return
        findings.add(str(source), 1, 1, f"site build: {message}")
        return
    findings.add("mkdocs.yml", 1, 1, f"site build: {message}")


def _page_name(link: str) -> str:
    """The page a generated Markdown link points at, as an editor names it: '../side-effects.md#x' -> 'side-effects'."""
    parts = [p for p in link.split("#")[0].removesuffix(".md").split("/") if p not in ("", ".", "..")]
    if not parts:
        return "this page"
    if parts[-1] == "index":
        return parts[-2] if len(parts) > 1 else "the home page"
    return parts[-1]


def _alternates(english: Content, language: str) -> list[dict]:
    """The language switch (Material's extra.alternate): each language's root as seen from this one's, and its address.
    The site's own language (clinic.yaml 'languages', first) is at the root; `language` is the one being built."""
    own = english.clinic.site_languages[0]
    here = "" if language == own or language not in english.translations else f"{language}/"
    found = []
    for other in english.clinic.site_languages:
        version = english.translations.get(other, english) if other != own else english
        root = "" if other == own else f"{other}/"
        link = posixpath.relpath(root or ".", here or ".")
        found.append(
            {
                "name": version.words.get("language_name", other),
                "lang": other,
                "link": "" if link == "." else link + "/",
                "site": version.clinic.site_url,
            }
        )
    return found


def mkdocs_overrides(content: Content, options: Options, english: Content | None = None, site_search: bool = False) -> dict:
    """Per-clinic (and per-language) MkDocs settings; the theme keeps mkdocs.yml's settings plus the clinic's logo and
    language. `content` is the English content or one of its translations (then `english` is the English).

    site_search: the build writes our search index (hooks.py, search_index.py), so Material's search box asks our
    worker and Material's own index stays empty; without it (the live preview) Material's search runs."""
    import yaml

    english = english or content
    clinic = content.clinic
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser, when installed: the same data, sooner
    config = yaml.load(options.config_file.read_text(encoding="utf-8"), Loader=loader)
    theme = dict(config["theme"])
    theme["language"] = clinic.language.split("-")[0]
    logo = logo_file(content, options)
    if logo:
        theme["logo"] = logo[0]
        theme.pop("icon", None)
    words = content.words or {}
    extra: dict = {"crisis_box": crisis_box_html(content, options.templates_dir, words or None)}  # the 404 page has no Markdown of its own
    extra["words"] = {key: words[key] for key in _THEME_WORDS if key in words}
    extra[SEARCH_FLAG] = site_search
    per_language: dict = {}
    if english.translations:
        extra["alternate"] = _alternates(english, content.language if content is not english else english.clinic.site_languages[0])
        if content is english:  # the other languages' trees (docs/es/) are built on their own
            per_language["exclude_docs"] = "\n".join(f"/{lang}/" for lang in english.translations)
        else:
            per_language["markdown_extensions"] = _extensions_in(config["markdown_extensions"], words)
    # The header's call and booking links (overrides/main.html); the phone is a checked number, the address a checked URL.
    extra.update(clinic_phone=html_text(clinic.phone), clinic_tel=tel_number(clinic.phone), booking_url=clinic.booking_url or "")
    # The theme prints these unescaped; site_url is a checked web address (no quotes, brackets or spaces).
    overrides = {
        "site_name": html_text(clinic.name),
        "site_url": clinic.site_url,
        "site_description": html_text(content.pages["home"].summary),
        "theme": theme,
        "extra": extra,
        **per_language,
        "nav": [page_file(slug) for slug in content.menu],  # per clinic (sitegen/load/menu.py), in place of mkdocs.yml's
    }
    if site_search:
        # Not for the live preview: MkDocs' serve validates overrides again at each rebuild, and refuses a plugin list
        # it validated once; the preview keeps mkdocs.yml's search settings.
        overrides["plugins"] = _plugins_for_language(config.get("plugins") or [], theme["language"])
    return overrides


# The template words the theme's own pages use (overrides/404.html, main.html, hooks.py).
_THEME_WORDS = (
    "not_found_title",
    "not_found_text",
    "not_found_home",
    "search_dialog",
    "made_with",
    "header_call",
    "header_book",
    "header_book_rest",
)


def _extensions_in(extensions: list, words: dict) -> list:
    """mkdocs.yml's Markdown extensions with the section links' title in this language."""
    found = []
    for extension in extensions:
        if isinstance(extension, dict) and "toc" in extension:
            extension = {"toc": {**extension["toc"], "permalink_title": words.get("link_to_section", "Link to this section")}}
        found.append(extension)
    return found


def builder_config(content: Content, options: Options) -> dict:
    """mkdocs.yml with this clinic's settings written in, for builders that read only the file (Zensical), not our API."""
    import yaml

    config = yaml.safe_load(options.config_file.read_text(encoding="utf-8"))
    return {**config, **mkdocs_overrides(content, options)}


def builder_configs(content: Content, options: Options) -> dict[str, dict]:
    """{file name: settings}, built in that order, for builders without an i18n plugin that read only a file (Zensical):
    mkdocs.yml for the first language, leaving out the others' folders, then mkdocs.<lang>.yml for each further one,
    its docs/<lang>/ into site/<lang>/ with that language's settings, as build.py builds them."""
    import yaml

    config = yaml.safe_load(options.config_file.read_text(encoding="utf-8"))
    configs = {"mkdocs.yml": builder_config(content, options)}
    docs_dir, site_dir = config.get("docs_dir", "docs"), config.get("site_dir", "site")
    for language, version in content.translations.items():
        configs[f"mkdocs.{language}.yml"] = {
            **config,
            **mkdocs_overrides(version, options, content),
            "docs_dir": f"{docs_dir}/{language}",
            "site_dir": f"{site_dir}/{language}",
        }
    return configs


def _plugins_for_language(plugins: list, lang: str) -> list:
    """mkdocs.yml's plugins, with the search plugin set for the site's language (its words and stop words)."""
    settings = search_plugin_settings(lang)
    named = [(next(iter(p)), p[next(iter(p))]) if isinstance(p, dict) else (p, {}) for p in plugins]
    return [{name: {**(config or {}), **settings}} if name in ("search", "material/search") else {name: config} for name, config in named]
