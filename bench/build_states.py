"""CPU of a default build in the states clinics build in: nothing changed since the last build, one text edited, an
empty cache, and the same with a second language; each beside a bare `mkdocs build` of the Markdown it generated.

Usage: python bench/build_states.py [--runs N] [--baseline DIR]. Builds a copy of content_data/ (python build.py --content COPY), and a
second copy with `languages: [en, es]` in clinic.yaml; each round times, for each copy, a build with nothing changed,
one after a word was added to the first FAQ answer (another word each round), one with an empty SITEGEN_CACHE, and a bare
`mkdocs build --strict` of the generated docs/ (for two languages: docs/ with docs/es/ in it, one MkDocs build of all
the pages). Prints the median CPU time (user + system, children included), its ratio to the bare build's median and
the median of the ratios to the bare build of the same round. --baseline DIR also times the build.py of another
checkout (`git archive main | tar -x -C DIR`) in the same rounds, on copies of its own, for a before/after comparison.
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


def cpu(cmd: list[str], env: dict, cwd: Path = ROOT) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    parser.add_argument("--baseline", type=Path, help="another checkout whose build.py is timed in the same rounds")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="build-states-"))
    results: dict[str, list[float]] = {}
    setups = []
    checkouts = [("ours", ROOT), *([("baseline", args.baseline.resolve())] if args.baseline else [])]
    for name, languages in (("one language", None), ("two languages", "[en, es]")):
        for who, checkout in checkouts:
            folder = work / f"{who}-{name.replace(' ', '-')}"
            content = folder / "content"
            shutil.copytree(ROOT / "content_data", content)
            if languages:
                clinic = content / "clinic.yaml"
                text = clinic.read_text(encoding="utf-8")
                clinic.write_text(text.replace("\nlanguage: en\n", f"\nlanguage: en\nlanguages: {languages}\n", 1), encoding="utf-8")
            build = [sys.executable, "build.py", "--content", str(content), "--out", str(folder / "site"), "--docs", str(folder / "docs")]
            build_env = {**env, "SITEGEN_CACHE": str(folder / "cache")}
            cpu(build, build_env, checkout)
            config = folder / "mkdocs.yml"  # the same settings, pointed at the generated Markdown
            text = (ROOT / "mkdocs.yml").read_text().replace("docs_dir: docs", f"docs_dir: {folder / 'docs'}")
            config.write_text(text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"))
            bare = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(folder / "bare-site")]
            faq = (content / "faq.yaml").read_text(encoding="utf-8")
            setups.append((f"{who}, {name}", folder, content, build, build_env, checkout, bare if who == "ours" else None, faq))
    for i in range(args.runs):
        for label, folder, content, build, build_env, checkout, bare, faq in setups:
            if bare:
                results.setdefault(f"{label.split(', ')[1]}: bare mkdocs", []).append(cpu(bare, env))
            results.setdefault(f"{label}: nothing changed", []).append(cpu(build, build_env, checkout))
            edit(content / "faq.yaml", faq, i)
            results.setdefault(f"{label}: one FAQ answer edited", []).append(cpu(build, build_env, checkout))
            empty = {**build_env, "SITEGEN_CACHE": str(folder / f"empty-cache-{i}")}
            results.setdefault(f"{label}: empty cache", []).append(cpu(build, empty, checkout))
    shutil.rmtree(work, ignore_errors=True)
    for state, times in results.items():
        language = state.split(":")[0].split(", ")[-1]
        bare_times = results[f"{language}: bare mkdocs"]
        # Each build ran in the same round as its bare MkDocs build: the pair ratio is the least disturbed by the load.
        pairs = [t / b for t, b in zip(times, bare_times, strict=True)]
        print(
            f"{state}: median {statistics.median(times):.2f} s CPU, {statistics.median(times) / statistics.median(bare_times):.2f}x "
            f"bare (median of pair ratios {statistics.median(pairs):.2f}; {', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
