"""Rewrite content files the way the browser editor saves them, so an editor's first save changes only what it edited.

Run: python -m sitegen.commands.cms_format [--content DIR] [--check]. It drops YAML comments (the editor's writer
does too), so run it only once their guidance lives in the field descriptions.
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
from sitegen.load.cms_config import ContentFile, content_files

WRITER = Path(__file__).resolve().parent.parent / "site" / "admin_assets" / "decap_yaml.js"


def as_editor_writes(files: list[ContentFile]) -> dict[Path, str]:
    """Each file's text as Decap CMS would write it back unchanged (one node process for all of them)."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed; the editor's YAML writer runs in Node.js")
    order = {str(f.source): list(f.model.model_fields) for f in files if f.source.is_file()}
    result = subprocess.run([node, str(WRITER), json.dumps(order)], capture_output=True, text=True, check=True)
    return {Path(name): text for name, text in json.loads(result.stdout).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.commands.cms_format", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Options().content_dir, metavar="DIR")
    parser.add_argument("--check", action="store_true", help="only list the files a first save would reformat")
    args = parser.parse_args(argv)
    options = Options(content_dir=args.content.absolute())
    files = content_files(options.content_dir, options.content_dir / "clinic.yaml", repo_root_of(options))
    changed = [path for path, text in as_editor_writes(files).items() if path.read_text(encoding="utf-8") != text]
    for path in changed:
        print(f"{'would rewrite' if args.check else 'rewrote'} {path}")
    if not args.check:
        for path, text in as_editor_writes(files).items():
            path.write_text(text, encoding="utf-8")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
