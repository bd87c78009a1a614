"""Build cost: `python build.py` against a bare `mkdocs build` of the very Markdown it generated, alternated.

Usage: python bench/build_ratio.py [--runs N]. The bare MkDocs build is the floor. For wall time and for CPU time
(user + system, of the command and every process it started) it prints median(ours) / median(bare) and the median
of the ratios of back-to-back pairs. CPU is what many clinics built at once compete for; wall time is one build's wait.
"""

from __future__ import annotations

import argparse
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


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command, its children and theirs included (each is waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(name: str, ours: list[float], bare: list[float]) -> str:
    # Each pair ran back to back, so its ratio is the least disturbed by the machine's speed drifting over the run.
    pairs = [o / b for o, b in zip(ours, bare, strict=False)]
    return (
        f"{name}: median ours {statistics.median(ours):.2f} s, bare mkdocs {statistics.median(bare):.2f} s, "
        f"ratio of medians {statistics.median(ours) / statistics.median(bare):.2f}, "
        f"median of pair ratios {statistics.median(pairs):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="build-ratio-"))
    ours_cmd = [sys.executable, "build.py", "--out", str(work / "site"), "--docs", str(work / "docs")]
    subprocess.run(ours_cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    config = work / "mkdocs.yml"  # the same settings, pointed at the generated Markdown
    text = (ROOT / "mkdocs.yml").read_text().replace("docs_dir: docs", f"docs_dir: {work / 'docs'}")
    config.write_text(text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"))
    bare_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(work / "bare-site")]
    ours, bare = [], []
    for _ in range(args.runs):
        ours.append(timed(ours_cmd, env))
        bare.append(timed(bare_cmd, env))
    shutil.rmtree(work, ignore_errors=True)
    for label, runs in (("ours", ours), ("bare", bare)):
        print(f"{label} wall/cpu: " + ", ".join(f"{w:.2f}/{c:.2f}" for w, c in runs))
    print(summary("wall", [w for w, _ in ours], [w for w, _ in bare]))
    print(summary("cpu ", [c for _, c in ours], [c for _, c in bare]))


if __name__ == "__main__":
    main()
