"""The Jinja environment for page templates: strict, Markdown output, and the filters templates use."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markupsafe

from sitegen.core.signed_templates import template_cache
from sitegen.core.urls import slugify, tel_number
from sitegen.load.ui_strings import fill
from sitegen.render.citations import format_reference


def _table_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


_CURRENCY_SIGNS = {"USD": "$", "GBP": "£"}


def _money(amount: float, currency: str) -> str:
    """450 -> '$450', 99.5 -> '$99.50', 1200 -> '$1,200'."""
    sign = _CURRENCY_SIGNS[currency]
    return f"{sign}{amount:,.0f}" if float(amount).is_integer() else f"{sign}{amount:,.2f}"


def _humane_date(value, words: dict) -> str:
    return fill(str(words["date"]), month=words["months"][value.month - 1], day=value.day, year=value.year)


def _readers_language_first(options: list, language: str) -> list:
    """Crisis options for people of the page's own language (e.g. 'En español' on a Spanish page) first, the rest in order."""
    return sorted(options, key=lambda option: option.audience_language != language)


def _spoken_list(items: list, and_word: str) -> str:
    """['English'] -> 'English'; ['English', 'Korean'] -> 'English and Korean'; three or more: 'a, b and c'."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {and_word} {items[-1]}"


def literal_braces(value):
    """Every value a template prints reaches Markdown with its braces escaped: text is data, so '{{ x }}' shows as
    typed and no '{ onclick=... }' in a value can become an attribute list. Markup (HTML or JSON the code built) is kept."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return value.replace("{", "\\{").replace("}", "\\}")
    return value


def make_environment(templates_dir: Path, words: dict | None = None) -> jinja2.Environment:
    """The environment for one language: `words` are its templates/ui/<lang>.yaml (English when not given)."""
    if words is None:
        words = english_words(templates_dir)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown; content safety is enforced by the models
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache("page-templates"),
        finalize=literal_braces,
    )
    env.filters["cell"] = _table_cell
    env.filters["date"] = lambda value: _humane_date(value, words)
    env.filters["money"] = _money
    env.filters["reference"] = lambda ref, short=False: format_reference(ref, short, words)
    env.filters["fill"] = fill
    env.filters["spoken_list"] = lambda items: _spoken_list(list(items), str(words["and_word"]))
    env.filters["readers_language_first"] = _readers_language_first
    env.globals["ui"] = words
    env.filters["slug"] = slugify
    env.filters["tel"] = tel_number
    return env


def english_words(templates_dir: Path) -> dict:
    """templates/ui/en.yaml, read plainly: the English words are part of the templates, checked by tests/test_i18n.py."""
    import yaml

    return yaml.safe_load((templates_dir / "ui" / "en.yaml").read_text(encoding="utf-8"))
