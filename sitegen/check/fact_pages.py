"""The clinic's fact pages must not take another page's address, and the cost page's insurance note needs its sources."""

from __future__ import annotations

from sitegen.core.findings import Findings
from sitegen.load.clinic_fact_pages import fact_pages
from sitegen.load.content import Content

# The cost page of a US clinic says why insurers treat esketamine and IV ketamine differently, citing these labels.
INSURANCE_NOTE_SOURCES = ("spravato-label", "ketalar-label")


def check_fact_pages(content: Content, findings: Findings) -> None:
    doc = content.documents["clinic"]
    for page in fact_pages(content.clinic):
        if page.slug in content.pages:
            pos = doc.position((page.field,), key=True)
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"'{page.field}' makes the page /{page.slug}/, but {content.source_path(page.slug)} is a page at that address too; "
                f"rename that file, or move its text into '{page.field}' here",
            )
    if content.clinic.costs is not None and content.clinic.country == "US":
        known = {source.id for source in content.references.sources}
        missing = [key for key in INSURANCE_NOTE_SOURCES if key not in known]
        if missing:
            pos = doc.position(("costs",), key=True)
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"the cost page's note on insurance cites {', '.join(missing)}, which {content.source_path('references')} does not "
                "list; copy those sources from the bundled content_data/references.yaml",
            )
