"""An SVG logo is a picture, not a program: no scripts, event handlers, embedded HTML or outside references."""

from __future__ import annotations

import re
import xml.parsers.expat
from pathlib import Path

from sitegen.core.findings import Findings
from sitegen.core.paths import display_path

# Opened on its own (/assets/logo.svg) an SVG is a page of the site: these would run there, or fetch from elsewhere.
_ACTIVE_ELEMENTS = {
    "script": "a <script> element",
    "foreignobject": "a <foreignObject> element (HTML inside the picture)",
    "iframe": "an <iframe> element",
    "object": "an <object> element",
    "embed": "an <embed> element",
    "handler": "a <handler> element (a script)",
    "listener": "a <listener> element (a script)",
    "set": "a <set> animation (it can change links into scripts)",
    "animate": "an <animate> animation (it can change links into scripts)",
    "animatemotion": "an <animateMotion> animation",
    "animatetransform": "an <animateTransform> animation",
    "animatecolor": "an <animateColor> animation",
}
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_SCRIPT_SCHEME = re.compile(r"(?:java|vb)script\s*:", re.IGNORECASE)
_FIX = "export the logo again as a plain SVG (shapes, text and colours only), or use a PNG"


def _local(name: str) -> str:
    # expat with namespaces reports "namespace-uri local"; without, "prefix:local"
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


class _Scan:
    def __init__(self, parser: xml.parsers.expat.XMLParserType) -> None:
        self.parser = parser
        self.problem: tuple[int, int, str] | None = None
        self.in_style = False

    def _refuse(self, what: str) -> None:
        if self.problem is None:
            self.problem = (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1, what)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        element = _local(name)
        if element in _ACTIVE_ELEMENTS:
            self._refuse(f"the logo has {_ACTIVE_ELEMENTS[element]}")
        self.in_style = element == "style"
        for attribute, value in attributes.items():
            local = _local(attribute)
            if local.startswith("on"):
                self._refuse(f"the logo has an event handler ({attribute.rsplit(' ', 1)[-1]}=...), which runs a script")
            elif local == "href" and not value.strip().startswith("#"):
                self._refuse(f"the logo links to '{value[:80]}'; a logo may refer only to its own parts (href=\"#id\")")
            elif _SCRIPT_SCHEME.search(value):
                self._refuse(f"the logo has a script address in {local}=...")
            elif _OUTSIDE_URL.search(value):
                self._refuse(f'the logo fetches from outside itself ({local}="...url(...)"); refer only to its own parts (url(#id))')

    def end(self, name: str) -> None:
        self.in_style = False

    def text(self, data: str) -> None:
        if self.in_style and (_OUTSIDE_URL.search(data) or "@import" in data.lower()):
            self._refuse("the logo's <style> fetches from outside itself (@import or url(...)); refer only to its own parts (url(#id))")

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self._refuse("the logo loads a style sheet from outside itself (<?xml-stylesheet ...?>)")

    def entity(self, name: str, *args) -> None:
        self._refuse(f"the logo declares an entity ({name}); entities can expand a small file without limit")


def check_svg_logo(path: Path, findings: Findings) -> None:
    """Add a finding, at its line, for the first thing in the SVG file at `path` that is not a plain picture."""
    shown = display_path(path)
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    scan = _Scan(parser)
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.ProcessingInstructionHandler = scan.instruction
    parser.EntityDeclHandler = scan.entity
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(path.read_bytes(), True)
    except xml.parsers.expat.ExpatError as exc:
        if scan.problem is None:
            message = xml.parsers.expat.ErrorString(exc.code)
            findings.add(shown, exc.lineno, exc.offset + 1, f"the logo is not a well-formed SVG file ({message}); {_FIX}")
            return
    if scan.problem:
        line, col, what = scan.problem
        findings.add(shown, line, col, f"{what}; {_FIX}")
