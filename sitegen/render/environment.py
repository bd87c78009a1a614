"""The Jinja environment for page templates: strict, Markdown output, and the filters templates use."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import markupsafe

from sitegen.core.signed_templates import template_cache
from sitegen.core.urls import slugify
from sitegen.render.citations import format_reference


def _table_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


_CURRENCY_SIGNS = {"USD": "$", "GBP": "£"}


def _money(amount: float, currency: str) -> str:
    """450 -> '$450', 99.5 -> '$99.50', 1200 -> '$1,200'."""
    sign = _CURRENCY_SIGNS[currency]
    return f"{sign}{amount:,.0f}" if float(amount).is_integer() else f"{sign}{amount:,.2f}"


def _humane_date(value) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def literal_braces(value):
    """Every value a template prints reaches Markdown with its braces escaped: text is data, so '{{ x }}' shows as
    typed and no '{ onclick=... }' in a value can become an attribute list. Markup (HTML or JSON the code built) is kept."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return value.replace("{", "\\{").replace("}", "\\}")
    return value


def make_environment(templates_dir: Path) -> jinja2.Environment:
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
    env.filters["date"] = _humane_date
    env.filters["money"] = _money
    env.filters["reference"] = format_reference
    env.filters["slug"] = slugify
    env.filters["tel"] = lambda number: re.sub(r"[^\d+]", "", number)
    return env
