"""CPU of a default build in three states: nothing changed since the last build, one text edited, an empty cache.

Usage: python bench/build_states.py [--runs N]. Builds a copy of content_data/ (python build.py --content COPY);
each round times a build with nothing changed, then one after a word was added to (or taken out of) the first FAQ
answer, then one with an empty SITEGEN_CACHE. Prints the median CPU time (user + system, children included).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu(cmd: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="build-states-"))
    content = work / "content"
    shutil.copytree(ROOT / "content_data", content)
    build = [sys.executable, "build.py", "--content", str(content), "--out", str(work / "site"), "--docs", str(work / "docs")]
    cpu(build, env)
    faq = content / "faq.yaml"
    results: dict[str, list[float]] = {"nothing changed": [], "one text edited": [], "empty cache": []}
    for i in range(args.runs):
        results["nothing changed"].append(cpu(build, env))
        text = faq.read_text(encoding="utf-8")
        end = text.index(".", text.index("answer:"))
        faq.write_text(text[:end] + " too" + text[end:] if i % 2 == 0 else text[: end - 4] + text[end:], encoding="utf-8")
        results["one text edited"].append(cpu(build, env))
        results["empty cache"].append(cpu(build, {**env, "SITEGEN_CACHE": str(work / f"cache-{i}")}))
    shutil.rmtree(work, ignore_errors=True)
    for state, times in results.items():
        print(f"{state}: median {statistics.median(times):.2f} s CPU ({', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
