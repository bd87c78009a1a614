"""Crisis numbers are verified, not only shown: each dials a number known for the clinic's country, or a cited one."""

from __future__ import annotations

from sitegen.core.findings import Findings
from sitegen.load.content import Content
from sitegen.load.models.crisis_numbers import KNOWN_CRISIS_NUMBERS, dialled


def check_crisis_numbers(content: Content, findings: Findings) -> None:
    """A crisis line or emergency number the build does not know for the country needs a 'source'."""
    clinic, doc = content.clinic, content.documents["clinic"]
    known = KNOWN_CRISIS_NUMBERS.get(clinic.country, {})
    listed = ", ".join(known)
    for i, line in enumerate(clinic.crisis.lines):
        if dialled(line.number) not in known and not line.sources:
            where = doc.position(("crisis", "lines", i, "number"))
            findings.add(
                doc.path,
                where.line,
                where.col,
                f"'{line.number}' is not a known crisis number for {clinic.country} (known: {listed}); check the number, "
                "or list the reference (references.yaml) that gives it in this line's 'sources'",
            )
    if dialled(clinic.crisis.emergency_number) not in known and clinic.crisis.emergency_source is None:
        where = doc.position(("crisis", "emergency_number"))
        findings.add(
            doc.path,
            where.line,
            where.col,
            f"'{clinic.crisis.emergency_number}' is not a known emergency number for {clinic.country} (known: {listed}); "
            "check the number, or add 'emergency_source:' naming the reference (references.yaml) that gives it",
        )
