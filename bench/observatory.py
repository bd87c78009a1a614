"""Score the nginx-served site with the MDN HTTP Observatory scanner (npm @mdn/mdn-http-observatory).

The scanner takes a host name only and always asks ports 80 and 443, so this serves the built site with nginx and the
generated nginx.conf on 127.0.0.1:80 (forwarding to https) and :443 (TLS with a throw-away certificate for 'localhost'
that only the scanner's Node process trusts), then scans 'localhost'. Needs root (low ports), nginx, openssl, node.

    npm install --no-save --ignore-scripts @mdn/mdn-http-observatory@1.4.8   # its install step downloads lists (offline here)
    python bench/observatory.py [SITE_DIR]     # default: build the bundled site into a temp folder
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCANNER = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory" / "src" / "scan.js"


def _offline_preload_list() -> None:
    """The package's install step downloads the HSTS preload list, which fails offline; 'localhost' is on no such list,
    so an empty one gives the scanner the true answer for this host."""
    preload = SCANNER.parent.parent / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}", encoding="utf-8")


def main() -> int:
    _offline_preload_list()
    work = Path(tempfile.mkdtemp(prefix="observatory-"))
    work.chmod(0o755)
    if len(sys.argv) > 1:
        site = Path(sys.argv[1]).resolve()
        hosting = site.with_name(site.name + "-hosting")
    else:
        from sitegen.commands.cli import main as build

        assert build(["build", "--out", str(work / "site"), "--docs", str(work / "docs")]) == 0
        site, hosting = work / "site", work / "site-hosting"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-keyout",
            str(work / "key.pem"),
            "-out",
            str(work / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / sub).mkdir()
    temp = "".join(f"  {sub}_temp_path {work}/{sub};\n" for sub in ("proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"user root;\ndaemon off;\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path {work}/body;\n{temp}"
        # Port 80 only forwards to https, as every clinic's server (or its host) must.
        f"  server {{\n    listen 127.0.0.1:80;\n    listen [::1]:80;\n    server_name localhost;\n    return 301 https://$host$request_uri;\n  }}\n"
        f"  server {{\n    listen 127.0.0.1:443 ssl;\n    listen [::1]:443 ssl;\n    server_name localhost;\n"
        f"    ssl_certificate {work}/cert.pem;\n    ssl_certificate_key {work}/key.pem;\n    root {site};\n"
        f"    include {hosting}/nginx.conf;\n  }}\n}}\n"
    )
    nginx = subprocess.Popen(["nginx", "-e", f"{work}/error.log", "-p", str(work), "-c", str(work / "nginx.conf")])
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen("http://127.0.0.1:80/", timeout=1)
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
                continue
            break
        env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(work / "cert.pem")}
        result = subprocess.run(["node", str(SCANNER), "localhost"], env=env, capture_output=True, text=True, timeout=120)
        report = json.loads(result.stdout)
        if "error" in report:
            print(f"scanner: {report['error']}", file=sys.stderr)
            return 1
        scan = report["scan"]
        print(
            f"MDN HTTP Observatory (algorithm {scan.get('algorithmVersion')}): grade {scan['grade']}, score {scan['score']}, "
            f"{scan['testsPassed']} of {scan['testsQuantity']} tests passed"
        )
        for name, test in report["tests"].items():
            print(f"  {'pass' if test['pass'] else 'FAIL'} {name}: {test['result']} ({test['scoreModifier']:+d})")
        return 0
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
