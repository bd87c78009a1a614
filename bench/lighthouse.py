"""Lighthouse (mobile, simulated throttling) on key pages, served from localhost with gzip as a CDN would.

Needs Lighthouse from npm (not a project dependency): `npm install --prefix /tmp/lh lighthouse`, then
`LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse python bench/lighthouse.py [--site site]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

from serve_gzip import serve

PAGES = ["", "faq/", "is-this-right-for-me/", "side-effects/", "faq/is-it-addictive/"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--pages", nargs="*", default=PAGES, help="site paths to measure, e.g. team/ cost-and-insurance/")
    parser.add_argument("--language", default="", metavar="CODE", help="the pages of a further language (its folder, e.g. es)")
    args = parser.parse_args()
    server = serve(args.site, args.port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    lighthouse = os.environ.get("LIGHTHOUSE", "lighthouse")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    print("| page | performance | accessibility | best practices | SEO | transferred (KB) | requests | LCP (s) | TBT (ms) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for page in [f"{args.language}/{p}" if args.language else p for p in args.pages]:
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            subprocess.run(
                [
                    lighthouse,
                    f"http://127.0.0.1:{args.port}/{page}",
                    "--output=json",
                    f"--output-path={report}",
                    "--form-factor=mobile",
                    "--throttling-method=simulate",
                    "--quiet",
                    f"--chrome-flags={CHROME_FLAGS}",
                ],
                env=env,
                check=True,
            )
            data = json.loads(report.read_text())
        cats, audits = data["categories"], data["audits"]
        items = audits["network-requests"]["details"]["items"]
        kb = sum(i.get("transferSize", 0) for i in items) / 1024
        print(
            f"| /{page} | {cats['performance']['score']:.2f} | {cats['accessibility']['score']:.2f} | "
            f"{cats['best-practices']['score']:.2f} | {cats['seo']['score']:.2f} | {kb:.1f} | {len(items)} | "
            f"{audits['largest-contentful-paint']['numericValue'] / 1000:.2f} | {audits['total-blocking-time']['numericValue']:.0f} |"
        )
    server.shutdown()


if __name__ == "__main__":
    main()
