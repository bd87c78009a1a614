"""Which Markdown content may use: paragraphs, emphasis, lists and links to web, mail, phone and the site's own pages.

Everything else Markdown and its extensions understand (HTML, headings, attribute lists, link definitions, images,
tables, code, quotes, admonitions, abbreviations) is refused, so no text can add markup, ids or script links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.core.urls import web_address_problem

ALLOWED = (
    "content may use paragraphs, *emphasis* and **bold**, '- ' and '1. ' lists, citations written [^source-id], and links written "
    "[text](https://...), [text](mailto:...), [text](tel:...), [text](page:slug) or [text](faq:id)"
)

_HTML = re.compile(r"<[A-Za-z/!?]\S{0,20}")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# The project's own citation at the sentence, "[^berman-2000]": the build turns it into a numbered marker.
_CITATION = re.compile(r"\[\^[a-z0-9]+(?:-[a-z0-9]+)*\]")
_TEMPLATE_BRACES = re.compile(r"\{\{|\}\}|\{%|%\}")
_INNER_EMPHASIS = re.compile(r"[^\W\d_]\*+[^\W\d_]")
_LINK_TARGET = re.compile(r"\]\(")
_CONTENT_LINK = re.compile(r"^(?:page:[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?|faq:[a-z0-9]+(?:-[a-z0-9]+)*)$")
_MAIL = re.compile(r"^mailto:[A-Za-z0-9.!#$%+_=~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_TEL = re.compile(r"^tel:\+?[0-9][0-9-]*$")
_TEL_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*tel:([^)\s]*)\)")
_LONGEST_ADDRESS = 2000  # a longer "address" is refused anyway; the cap keeps the scan linear in the text's length

# (pattern at the start of a line, what it is, how to say it instead)
_LINE_STARTS = [
    (re.compile(r"^\s*#"), "a heading ('#')", "the page template sets the headings; write the words as **bold** text instead"),
    (re.compile(r"^\s*>"), "a block quote ('>')", "write it as a normal paragraph"),
    (re.compile(r"^\s*\|"), "a table ('|')", "write it as a list"),
    (re.compile(r"^\s*(?:!!!|\?\?\?)"), "an admonition ('!!!')", "write it as a normal paragraph"),
    (re.compile(r"^\s*:\s"), "a definition list (':')", "write it as a list"),
    (re.compile(r"^\s*\*\["), "an abbreviation ('*[...]:')", "add the word to glossary.yaml instead"),
    (
        re.compile(r"^\s*\[[^\]]*\]:"),
        "a reference-style link definition ('[x]: ...')",
        "write the link where it is used, as [text](https://...)",
    ),
    (re.compile(r"^\s*(?:[-=*_]\s*){3,}$"), "a rule or heading underline (a line of only '-', '=', '*' or '_')", "remove the line"),
    (re.compile(r"^\s*~~~"), "a code block ('~~~')", "write it as a normal paragraph"),
]


@dataclass(frozen=True)
class MarkupProblem:
    message: str
    at: str  # the offending text, to point at its column


def _link_targets(text: str):
    """Every link address, as Markdown would read it after '](': up to the ')' that closes the opening '('."""
    for match in _LINK_TARGET.finditer(text):
        depth, start = 1, match.end()
        for index in range(start, min(len(text), start + _LONGEST_ADDRESS)):
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth == 0:
                yield text[start:index]
                break
        else:
            yield text[start : start + _LONGEST_ADDRESS]


def _link_problem(target: str) -> str | None:
    address = target.strip()
    if not address or any(c.isspace() for c in address):
        return f"the link address '{address}' is empty or holds a space (link titles are not used); write [text](https://...)"
    if _CONTENT_LINK.match(address) or _MAIL.match(address) or _TEL.match(address):
        return None
    if address.startswith(("https://", "http://")):
        problem = web_address_problem(address)
        return f"link '{address}': {problem}" if problem else None
    return f"the link '{address}' is not allowed; {ALLOWED}"


def markup_problem(text: str) -> MarkupProblem | None:
    """The first construct in `text` that content may not use, or None."""
    html = _HTML.search(text)
    if html:
        return MarkupProblem(
            f"raw HTML or an <...> link ('{html.group(0)}') is not allowed in content; {ALLOWED} (a '<' followed by a space is fine)",
            html.group(0),
        )
    entity = _ENTITY.search(text)
    if entity:
        return MarkupProblem(
            f"the HTML character reference '{entity.group(0)}' is not allowed in content; type the character itself", entity.group(0)
        )
    brace = re.search(r"[{}]", _TEMPLATE_BRACES.sub("  ", text))
    if brace:
        at = text[brace.start() :].split("\n", 1)[0][:30]
        return MarkupProblem(
            f"'{at}': curly braces mark Markdown attribute lists (ids, classes, event handlers), which content may not use; remove them",
            at,
        )
    if "`" in text:
        return MarkupProblem(f"code ('`') is not allowed in content; {ALLOWED}", "`")
    if "![" in text:
        return MarkupProblem(f"images ('![...](...)') are not allowed in content text; {ALLOWED}", "![")
    bare = _CITATION.sub("", text)
    if "][" in bare or "] [" in bare:
        return MarkupProblem(f"reference-style links ('[text][id]') are not allowed in content; {ALLOWED}", "]")
    for line in text.split("\n"):
        for pattern, what, instead in _LINE_STARTS:
            if pattern.match(line):
                return MarkupProblem(f"{what} is not allowed in content: {instead}; {ALLOWED}", line.strip()[:30])
    inner = _INNER_EMPHASIS.search(text)
    if inner:
        return MarkupProblem(
            f"'*' inside a word ('{inner.group(0)}') hides the word from the content rules; put '*' around whole words", inner.group(0)
        )
    for target in _link_targets(text):
        problem = _link_problem(target)
        if problem:
            return MarkupProblem(problem, target.strip()[:40] or "](")
    for shown, number in _TEL_LINK.findall(text):
        # A phone link that shows one number and dials another ("[988](tel:889)") misleads the one who needs it most.
        if re.search(r"\d", shown) and re.sub(r"\D", "", shown) != re.sub(r"\D", "", number):
            return MarkupProblem(
                f"the phone link '[{shown}](tel:{number})' shows one number and dials another; make them the same", f"[{shown}]"
            )
    return None
