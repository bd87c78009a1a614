"""Scale: generate a large content set (1,000 FAQ answers, 100 conditions) and time each build stage.

Usage: python bench/scale.py [--runs N]. Prints the check and YAML-to-Markdown times (target: under 1 s), for a
first build (empty cache) and for later ones, and the whole `python build.py` time, for the bundled content and the
large set: the median of N runs each (default 3), as the machine's speed drifts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from sitegen.commands.check import check  # noqa: E402
from sitegen.core.options import Options  # noqa: E402
from sitegen.render.qr import qr_svg  # noqa: E402
from sitegen.site.docs_tree import docs_files  # noqa: E402

WORDS = [
    "Your",
    "care",
    "team",
    "checks",
    "your",
    "blood",
    "pressure",
    "and",
    "talks",
    "with",
    "you",
    "about",
    "how",
    "you",
    "feel",
    "after",
    "each",
    "visit",
]


def sentence(i: int) -> str:
    words = [WORDS[(i + k) % len(WORDS)] for k in range(12)]
    return " ".join(words).capitalize() + "."


def make_large(content: Path) -> None:
    faq = yaml.safe_load((content / "faq.yaml").read_text())
    base = faq["items"][0]
    faq["items"] += [
        {
            "id": f"question-{i:04d}",
            "question": f"Sample question {chr(97 + i % 26)} about visit planning?",
            "answer": " ".join(sentence(i + k) for k in range(3)),
            "category": base["category"],
        }
        for i in range(1000 - len(faq["items"]))
    ]
    (content / "faq.yaml").write_text(yaml.safe_dump(faq, sort_keys=False))
    topic = yaml.safe_load((content / "topics/conditions.yaml").read_text())
    template = topic["conditions"][-1]
    topic["conditions"] += [
        {**template, "id": f"condition-{i:03d}", "name": f"Sample condition {i:03d}"} for i in range(100 - len(topic["conditions"]))
    ]
    (content / "topics/conditions.yaml").write_text(yaml.safe_dump(topic, sort_keys=False))
    (content / "published.lock.yaml").unlink(missing_ok=True)


def stages(content: Path) -> tuple[float, float, int]:
    options = Options(content_dir=content)
    start = time.perf_counter()
    result = check(options)
    checked = time.perf_counter()
    assert not result.findings.errors, [f.format() for f in result.findings.errors[:5]]
    files = docs_files(result.content, options, result.findings)
    return checked - start, time.perf_counter() - checked, len(files)


def cold_stages(content: Path, work: Path) -> tuple[float, float, int]:
    """As a first build: an empty disk cache (QR codes, reading grades, compiled templates) and no in-memory one."""
    os.environ["SITEGEN_CACHE"] = str(Path(tempfile.mkdtemp(dir=work, prefix="cache-")))
    qr_svg.cache_clear()
    try:
        return stages(content)
    finally:
        del os.environ["SITEGEN_CACHE"]


def full_build(content: Path, work: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(work / "site"), "--docs", str(work / "docs")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def median_of(runs: int, measure) -> tuple[float, ...]:
    """Each figure `measure()` returns, as its median over `runs` calls."""
    samples = [measure() for _ in range(runs)]
    return tuple(statistics.median(column) for column in zip(*samples, strict=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="scale-"))
    large = work / "large"
    shutil.copytree(ROOT / "content_data", large)
    make_large(large)
    for name, content in [("bundled", ROOT / "content_data"), ("large", large)]:
        stages(ROOT / "content_data")  # imports done once, outside the timings
        cold_check, cold_render, files = median_of(runs, lambda content=content: cold_stages(content, work))
        stages(content)
        check_s, render_s, files = median_of(runs, lambda content=content: stages(content))
        (build_s,) = median_of(runs, lambda content=content, name=name: (full_build(content, work / name),))
        print(
            f"{name}: {files:.0f} files; first build (empty cache): check {cold_check:.2f} s, YAML-to-Markdown {cold_render:.2f} s; "
            f"later builds: check {check_s:.2f} s, YAML-to-Markdown {render_s:.2f} s; full build {build_s:.1f} s "
            f"(medians of {runs} runs)"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
