#!/usr/bin/env python3
"""Build, check or preview the clinic's patient-education site: `python build.py --help`."""
import os
import sys

# Material 9.8 prints an end-of-life notice on every run; it says nothing a clinic can act on.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from sitegen.cli import main  # noqa: E402  (the variable must be set before MkDocs is imported)

if __name__ == "__main__":
    sys.exit(main())
