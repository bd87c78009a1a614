"""Content errors and warnings with file:line:col positions, collected and printed together."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the content, anchored to a place in a file."""

    path: str
    line: int
    col: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def format(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {label}{self.message}"


@dataclass
class Findings:
    """Every finding of a run; the pipeline stops once at the end of a stage, never at the first one."""

    items: list[Finding] = field(default_factory=list)

    def add(self, path: str | Path, line: int, col: int, message: str, severity: Literal["error", "warning"] = "error") -> None:
        self.items.append(Finding(str(path), line, col, message, severity))

    def extend(self, other: Iterable[Finding]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity == "warning"]

    def sorted(self) -> list[Finding]:
        return sorted(set(self.items), key=lambda f: (f.path, f.line, f.col, f.message))

    def summary(self, consequence: str = "") -> str:
        errors = self.errors
        if not errors:
            return f"{_plural(len(self.warnings), 'warning')} in {_plural(len({f.path for f in self.warnings}), 'file')}."
        files = len({f.path for f in errors})
        text = f"{_plural(len(errors), 'error')} in {_plural(files, 'file')}"
        if self.warnings:
            text += f", {_plural(len(self.warnings), 'warning')}"
        return text + (f"; {consequence}" if consequence else ".")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, if any is close enough to be a typo of it."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""
