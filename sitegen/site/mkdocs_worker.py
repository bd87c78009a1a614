"""MkDocs in a second process, which imports and configures MkDocs while the first one checks and renders content.

Run as `python -m sitegen.site.mkdocs_worker`: it reads one job (JSON, one line) on stdin, builds, and prints the result
as the last line of its output. End of input without a job means the build was called off.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from sitegen.core.paths import ROOT

RESULT_MARK = "mkdocs-worker-result: "


class MkDocsWorker:
    """The parent's handle: create it early, then start() and result() once, or close() to call the build off."""

    def __init__(self, config_file: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "sitegen.site.mkdocs_worker", str(config_file)], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def start(self, docs_dir: Path, site_dir: Path, overrides: dict) -> None:
        """Send the job; the build runs while the caller goes on."""
        job = {"docs_dir": str(docs_dir.resolve()), "site_dir": str(site_dir.resolve()), "overrides": overrides}
        self.process.stdin.write(json.dumps(job) + "\n")  # type: ignore[union-attr]
        self.process.stdin.close()  # type: ignore[union-attr]

    def result(self) -> tuple[bool, list[str]]:
        """Wait for the build: (succeeded, MkDocs' warnings and errors)."""
        # Read up to the result line only: the site is complete by then, and the worker's own exit takes a while.
        result = None
        for line in self.process.stdout:  # type: ignore[union-attr]
            if line.startswith(RESULT_MARK):
                result = line.rstrip("\n")
                break
            print(line, end="")
        if result is None:
            self.process.wait()
            return False, [f"MkDocs stopped without finishing the build (exit code {self.process.returncode}); see the messages above"]
        data = json.loads(result[len(RESULT_MARK):])
        return data["ok"], data["messages"]

    def close(self) -> None:
        """Stop the worker if it still runs: a build called off (its staging folder is thrown away) or one that has
        already reported and is only exiting."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream and not stream.closed:
                stream.close()


def main() -> int:
    config_file = Path(sys.argv[1])
    from mkdocs.config import load_config

    from sitegen.site import mkdocs_speed
    from sitegen.site.mkdocs_build import build_site

    mkdocs_speed.install()

    # Loading the configuration once imports the theme, plugins and Markdown extensions before the job arrives.
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        load_config(str(config_file), site_dir=os.devnull)
    except Exception:  # noqa: BLE001 - only a head start; the real build reports any problem with the configuration
        pass
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    job = json.loads(line)
    ok, messages = build_site(config_file, Path(job["docs_dir"]), Path(job["site_dir"]), job["overrides"])
    print(RESULT_MARK + json.dumps({"ok": ok, "messages": messages}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
