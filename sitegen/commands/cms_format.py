"""Rewrite content files the way the browser editor saves them, so an editor's first save changes only what it edited.

Run: python -m sitegen.commands.cms_format [--content DIR] [--clinic FILE] [--check]. The editor's writer drops YAML comments, so
this does too: the guidance the bundled files had in comments is in the models' field descriptions (the form's
help text and the JSON Schemas), and the schema each file is checked against is named in .vscode/settings.json
(`python build.py schema`) instead of a `# yaml-language-server: $schema=` first line. A file whose schema line
is not covered there is refused, and every other comment dropped is listed, so nothing goes unnoticed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from sitegen.commands.editor import repo_root_of
from sitegen.core.options import Options
from sitegen.core.paths import ROOT, display_path
from sitegen.load.cms_config import ContentFile, content_files
from sitegen.load.schemas import EDITOR_SETTINGS

WRITER = Path(__file__).resolve().parent.parent / "site" / "admin_assets" / "decap_yaml.js"
SCHEMA_LINE = "# yaml-language-server: $schema="


def as_editor_writes(files: list[ContentFile]) -> dict[Path, str]:
    """Each file's text as Decap CMS would write it back unchanged (one node process for all of them)."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed; the editor's YAML writer runs in Node.js")
    order = {str(f.source): list(f.model.model_fields) for f in files if f.source.is_file()}
    result = subprocess.run([node, str(WRITER), json.dumps(order)], capture_output=True, text=True, check=True)
    return {Path(name): text for name, text in json.loads(result.stdout).items()}


def _schema_mapped(path: Path) -> bool:
    """Whether the project's editor settings name a schema for this file (so its $schema line may go)."""
    try:
        mapping = json.loads((ROOT / EDITOR_SETTINGS).read_text(encoding="utf-8")).get("yaml.schemas", {})
        rel = path.resolve().relative_to(ROOT).as_posix()
    except (OSError, ValueError):
        return False
    return any(rel in files for files in mapping.values())


def dropped_comments(path: Path) -> list[tuple[int, str]]:
    """The comment lines (line number, text) other than the schema line: what a rewrite loses."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.strip()) for n, line in enumerate(lines, 1) if line.lstrip().startswith("#") and not line.startswith(SCHEMA_LINE)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.commands.cms_format", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Options().content_dir, metavar="DIR")
    parser.add_argument("--clinic", type=Path, metavar="FILE", help="a clinic profile other than DIR/clinic.yaml (an example clinic)")
    parser.add_argument("--check", action="store_true", help="only list the files a first save would reformat")
    args = parser.parse_args(argv)
    options = Options(content_dir=args.content.absolute())
    clinic_file = args.clinic.absolute() if args.clinic else options.content_dir / "clinic.yaml"
    files = content_files(options.content_dir, clinic_file, repo_root_of(options))
    rewritten = as_editor_writes(files)
    changed = {path: text for path, text in rewritten.items() if path.read_text(encoding="utf-8") != text}
    if args.check:
        for path in changed:
            print(f"would rewrite {display_path(path)}")
        return 1 if changed else 0
    unmapped = [p for p in changed if p.read_text(encoding="utf-8").startswith(SCHEMA_LINE) and not _schema_mapped(p)]
    if unmapped:
        for path in unmapped:
            print(
                f"{display_path(path)}:1:1: its schema line would be lost and {EDITOR_SETTINGS} names no schema for it "
                "(run: python build.py schema, or keep the file out of the editor); nothing was rewritten",
                file=sys.stderr,
            )
        return 1
    for path, text in changed.items():
        for line, comment in dropped_comments(path):
            print(f"{display_path(path)}:{line}: dropped comment: {comment}")
        path.write_text(text, encoding="utf-8")
        print(f"rewrote {display_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
