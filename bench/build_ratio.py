"""Build cost: `python build.py` against a bare `mkdocs build` of the very Markdown it generated, alternated.

Usage: python bench/build_ratio.py [--runs N] [--baseline DIR]. The bare MkDocs build is the floor. For wall time and
for CPU time (user + system, of the command and every process it started) it prints median(ours) / median(bare) and
the median of the ratios of back-to-back pairs. CPU is what many clinics built at once compete for; wall time is one
build's wait. --baseline DIR also times the build.py of another checkout (e.g. `git archive <rev> | tar -x -C DIR`)
in the same rounds, so that a before/after comparison sees the same machine load.

It also says whether Python finds compiled bytecode for sitegen/: under PYTHONDONTWRITEBYTECODE=1 none is written,
so every run compiles the generator's modules again (MkDocs' were compiled when pip installed it).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict, cwd: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command, its children and theirs included (each is waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(name: str, ours: list[float], bare: list[float], who: str = "ours") -> str:
    # Each pair ran back to back, so its ratio is the least disturbed by the machine's speed drifting over the run.
    pairs = [o / b for o, b in zip(ours, bare, strict=False)]
    return (
        f"{name}: median {who} {statistics.median(ours):.2f} s, bare mkdocs {statistics.median(bare):.2f} s, "
        f"ratio of medians {statistics.median(ours) / statistics.median(bare):.2f}, "
        f"median of pair ratios {statistics.median(pairs):.2f}"
    )


def bytecode_state(root: Path) -> str:
    """Whether each module of root/sitegen has compiled bytecode that Python will use."""
    sources = list((root / "sitegen").rglob("*.py"))
    compiled = [s for s in sources if Path(importlib.util.cache_from_source(str(s))).is_file()]
    writes = "not written (PYTHONDONTWRITEBYTECODE)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "written on first run"
    return f"{len(compiled)} of {len(sources)} sitegen modules have compiled bytecode; new bytecode is {writes}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout whose build.py is timed in the same rounds")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="build-ratio-"))
    ours_cmd = [sys.executable, "build.py", "--out", str(work / "site"), "--docs", str(work / "docs")]
    subprocess.run(ours_cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    config = work / "mkdocs.yml"  # the same settings, pointed at the generated Markdown
    text = (ROOT / "mkdocs.yml").read_text().replace("docs_dir: docs", f"docs_dir: {work / 'docs'}")
    config.write_text(text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"))
    bare_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(work / "bare-site")]
    base_cmd = [sys.executable, "build.py", "--out", str(work / "base-site"), "--docs", str(work / "base-docs")]
    if args.baseline:
        subprocess.run(base_cmd, cwd=args.baseline, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours, bare, base = [], [], []
    for _ in range(args.runs):
        ours.append(timed(ours_cmd, env))
        bare.append(timed(bare_cmd, env))
        if args.baseline:
            base.append(timed(base_cmd, env, cwd=args.baseline))
    shutil.rmtree(work, ignore_errors=True)
    print(bytecode_state(ROOT))
    for label, runs in (("ours", ours), ("bare", bare), ("baseline", base)):
        if runs:
            print(f"{label} wall/cpu: " + ", ".join(f"{w:.2f}/{c:.2f}" for w, c in runs))
    print(summary("wall", [w for w, _ in ours], [w for w, _ in bare]))
    print(summary("cpu ", [c for _, c in ours], [c for _, c in bare]))
    if base:
        print(bytecode_state(args.baseline) + " (baseline)")
        print(summary("wall", [w for w, _ in base], [w for w, _ in bare], "baseline"))
        print(summary("cpu ", [c for _, c in base], [c for _, c in bare], "baseline"))


if __name__ == "__main__":
    main()
