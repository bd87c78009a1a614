"""CPU of a default build in the states clinics build in: nothing changed since the last build, one text edited, an
empty cache, and the same with a second language; each beside a bare `mkdocs build` of the Markdown it generated.

Usage: python bench/build_states.py [--runs N]. Builds a copy of content_data/ (python build.py --content COPY), and a
second copy with `languages: [en, es]` in clinic.yaml; each round times, for each copy, a build with nothing changed,
one after a word was added to the first FAQ answer (another word each round), one with an empty SITEGEN_CACHE, and a bare
`mkdocs build --strict` of the generated docs/ (for two languages: docs/ with docs/es/ in it, one MkDocs build of all
the pages). Prints the median CPU time (user + system, children included) and its ratio to the bare build's median.
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


WORDS = ("too", "also", "still", "again", "here", "now", "then", "soon", "often", "today", "as well")


def edit(faq: Path, original: str, i: int) -> None:
    """The first FAQ answer with one more word before its first full stop, a different word each round: every edit is
    new text, as an editor's is, not one an earlier round already checked."""
    end = original.index(".", original.index("answer:"))
    faq.write_text(f"{original[:end]} {WORDS[i % len(WORDS)]}{original[end:]}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="build-states-"))
    results: dict[str, list[float]] = {}
    setups = []
    for name, languages in (("one language", None), ("two languages", "[en, es]")):
        folder = work / name.replace(" ", "-")
        content = folder / "content"
        shutil.copytree(ROOT / "content_data", content)
        if languages:
            clinic = content / "clinic.yaml"
            clinic.write_text(
                clinic.read_text(encoding="utf-8").replace("\nlanguage: en\n", f"\nlanguage: en\nlanguages: {languages}\n", 1)
            )
        build = [sys.executable, "build.py", "--content", str(content), "--out", str(folder / "site"), "--docs", str(folder / "docs")]
        cpu(build, env)
        config = folder / "mkdocs.yml"  # the same settings, pointed at the generated Markdown
        text = (ROOT / "mkdocs.yml").read_text().replace("docs_dir: docs", f"docs_dir: {folder / 'docs'}")
        config.write_text(text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"))
        bare = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(folder / "bare-site")]
        setups.append((name, folder, content, build, bare, (content / "faq.yaml").read_text(encoding="utf-8")))
    for i in range(args.runs):
        for name, folder, content, build, bare, faq in setups:
            results.setdefault(f"{name}: bare mkdocs", []).append(cpu(bare, env))
            results.setdefault(f"{name}: nothing changed", []).append(cpu(build, env))
            edit(content / "faq.yaml", faq, i)
            results.setdefault(f"{name}: one FAQ answer edited", []).append(cpu(build, env))
            results.setdefault(f"{name}: empty cache", []).append(cpu(build, {**env, "SITEGEN_CACHE": str(folder / f"cache-{i}")}))
    shutil.rmtree(work, ignore_errors=True)
    for state, times in results.items():
        bare_median = statistics.median(results[state.split(":")[0] + ": bare mkdocs"])
        print(
            f"{state}: median {statistics.median(times):.2f} s CPU, {statistics.median(times) / bare_median:.2f}x bare "
            f"({', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
