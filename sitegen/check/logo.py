"""The clinic's logo must exist, beside the clinic profile or in a folder below it, and be a picture of modest size."""

from __future__ import annotations

from pathlib import Path

from sitegen.check.svg_logo import check_svg_logo
from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.load.clinic_folder import clinic_folder, logo_file
from sitegen.load.content import Content

MAX_LOGO_BYTES = 512 * 1024


def check_logo(content: Content, options: Options, findings: Findings) -> None:
    logo = logo_file(content, options)
    if logo is None:
        return
    doc = content.documents["clinic"]
    pos = doc.position(("logo",))
    if not logo[1].resolve().is_relative_to(clinic_folder(options).resolve()):
        findings.add(
            doc.path,
            pos.line,
            pos.col,
            f"logo '{content.clinic.logo}' is outside the folder of {Path(doc.path).name}; "
            "put the logo file in that folder (or a folder below it) and give its path from there, e.g. 'logos/clinic.svg'",
        )
    elif not logo[1].is_file():
        findings.add(
            doc.path,
            pos.line,
            pos.col,
            f"logo file '{content.clinic.logo}' not found (looked for {display_path(logo[1])}); "
            "check the file name, or remove 'logo' to show the clinic name only",
        )
    elif logo[1].stat().st_size > MAX_LOGO_BYTES:
        findings.add(
            doc.path,
            pos.line,
            pos.col,
            f"logo file '{content.clinic.logo}' is larger than {MAX_LOGO_BYTES // 1024} KB; every page loads it: make it smaller",
        )
    elif logo[1].suffix.lower() in (".svg", ".svgz"):
        if logo[1].suffix.lower() == ".svgz":
            findings.add(doc.path, pos.line, pos.col, f"logo '{content.clinic.logo}' is compressed SVG (.svgz); save it as plain .svg")
        else:
            check_svg_logo(logo[1], findings)
