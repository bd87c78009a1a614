"""Build many clinics from one shared content base, one process per CPU core."""

from __future__ import annotations

import io
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import redirect_stdout
from dataclasses import replace
from pathlib import Path

from sitegen.commands.build import build
from sitegen.core.options import Options
from sitegen.core.paths import ROOT, display_path
from sitegen.site.output_folder import OutputRefused, output_problem


def clinic_files(folder: Path) -> list[Path]:
    """Clinic profiles in a folder (a clinic's overlay and lock files sit beside it and are not profiles)."""
    return sorted(p for p in folder.glob("*.yaml") if not p.name.endswith((".overlay.yaml", ".published.lock.yaml")))


def _build_one(options: Options) -> tuple[str, int, list[str], str]:
    out = io.StringIO()
    assert options.clinic_file is not None  # build_all sets one per job
    try:
        with redirect_stdout(out):
            code, findings = build(options)
    except OutputRefused as exc:
        return options.clinic_file.stem, 2, [f"build.py: error: {exc}"], ""
    except OSError as exc:
        return (
            options.clinic_file.stem,
            2,
            [f"build.py: error: {exc.strerror or exc} ({exc.filename}); {options.out_dir.name}/ was left as it was"],
            "",
        )
    lines = [f.format() for f in findings.sorted()]
    if findings.errors:
        lines.append(findings.summary(f"{options.out_dir.name}/ was not changed."))
    return options.clinic_file.stem, code, lines, out.getvalue().strip()


def shard_of(files: list[Path], index: int, count: int) -> list[Path]:
    """The index-th (from 1) of count slices: every count-th profile by sorted file name, starting at the index-th.

    Stable for a given folder; a clinic added or removed moves at most the clinics sorted after it."""
    return files[index - 1 :: count]


def build_all(
    base: Options,
    folder: Path,
    out_root: Path,
    docs_root: Path | None = None,
    workers: int | None = None,
    shard: tuple[int, int] | None = None,
) -> int:
    """Build every clinic in `folder` (or one shard of them) into out_root/<clinic>/ (Markdown in docs_root/<clinic>/);
    exit 1 if any failed."""
    docs_root = docs_root or ROOT / "build"
    files = clinic_files(folder)
    if not files:
        print(f"build.py: error: no clinic profiles (*.yaml) in {folder}", file=sys.stderr)
        return 2
    if shard:
        files = shard_of(files, *shard)
        names = ", ".join(f.stem for f in files) or "none"
        print(f"Shard {shard[0]}/{shard[1]}: {len(files)} of {len(clinic_files(folder))} clinics ({names}).")
        if not files:
            return 0
    jobs = [
        replace(base, clinic_file=f.absolute(), out_dir=(out_root / f.stem).absolute(), docs_dir=(docs_root / f.stem).absolute())
        for f in files
    ]
    for job in jobs:  # every place is checked before any clinic is built
        problem = output_problem(job)
        if problem:
            print(f"build.py: error: {problem}", file=sys.stderr)
            return 2
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_build_one, jobs))
    failed = 0
    for name, code, lines, message in results:
        for line in lines:
            print(line, file=sys.stderr)
        print(f"{name}: {message}" if code == 0 else f"{name}: FAILED", file=sys.stdout if code == 0 else sys.stderr)
        failed += code != 0
    if any(code == 2 for _, code, _, _ in results):
        return 2
    took = time.perf_counter() - started
    print(
        f"{len(results) - failed} of {len(results)} clinics built into {display_path(out_root)}/ in {took:.1f} s with {workers} processes."
    )
    return 1 if failed else 0
