"""Apply an invalid-content case (tests/fixtures/invalid/<case>.yaml) to a copy of the valid fixture site."""

from __future__ import annotations

from pathlib import Path

import yaml

CHANGES = {"replace", "replace_bytes", "append", "whole_file", "delete_file"}


class PatchDoesNotApply(AssertionError):
    """The valid site changed so that a case's old text is gone or no longer unique."""


def read_case(case: Path) -> dict:
    patch = yaml.safe_load(case.read_text(encoding="utf-8"))
    unknown = set(patch) - CHANGES - {"file"}
    assert not unknown, f"{case.name}: unknown keys {sorted(unknown)}; use 'file' and {sorted(CHANGES)}"
    assert isinstance(patch.get("file"), str), f"{case.name}: needs 'file: <path in the valid site>'"
    assert set(patch) & CHANGES, f"{case.name}: says nothing to change; use one of {sorted(CHANGES)}"
    return patch


def target_of(case: Path) -> str:
    """The content file (relative to the site folder) that the case changes."""
    return read_case(case)["file"]


def patched_bytes(case: Path, valid: Path) -> bytes | None:
    """The changed file's bytes, or None when the case deletes it."""
    patch = read_case(case)
    if patch.get("delete_file"):
        return None
    if "whole_file" in patch:
        body = patch["whole_file"].encode("utf-8")
    else:
        body = (valid / patch["file"]).read_bytes()
        for old, new in (patch.get("replace") or {}).items():
            body = _replace_once(case, body, old.encode("utf-8"), new.encode("utf-8"))
        # One character per byte ("\xe9" is the byte 0xe9), so a case can write bytes that are not UTF-8.
        for old, new in (patch.get("replace_bytes") or {}).items():
            body = _replace_once(case, body, old.encode("latin-1"), new.encode("latin-1"))
        body += patch.get("append", "").encode("utf-8")
    # This first line keeps line numbers as in the .expected files, which count it.
    return f"# patched by {case.name}\n".encode() + body


def apply_case(case: Path, content: Path) -> None:
    """Change the copy of the valid site in `content` as the case says."""
    body = patched_bytes(case, content)
    target = content / target_of(case)
    if body is None:
        target.unlink()
    else:
        target.write_bytes(body)


def _replace_once(case: Path, body: bytes, old: bytes, new: bytes) -> bytes:
    count = body.count(old)
    if count != 1:
        where = "is not in" if count == 0 else f"occurs {count} times in"
        raise PatchDoesNotApply(
            f"{case.name}: {old.decode('utf-8', 'backslashreplace')!r} {where} the valid {target_of(case)}; update the case"
        )
    return body.replace(old, new)
