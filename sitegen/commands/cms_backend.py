"""The browser editor's local backend: decap-server (from node_modules), which reads and writes the content files."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sitegen.core.paths import ROOT

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


class BackendError(Exception):
    """decap-server cannot start: node or the npm package is missing, or it did not answer."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def start_backend(repo_root: Path, host: str, port: int, origin: str) -> subprocess.Popen:
    """Start decap-server on host:port over repo_root (plain file mode: no git needed); stop it when Python exits."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        raise BackendError("the editor's local backend needs Node.js and the npm packages; run: npm ci")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": host, "GIT_REPO_DIRECTORY": str(repo_root), "MODE": "fs", "LOG_LEVEL": "warn"}
    env["ORIGIN"] = origin
    process = subprocess.Popen([node, str(DECAP_SERVER)], env=env, cwd=repo_root, stdin=subprocess.DEVNULL)
    atexit.register(_stop, process)
    # A terminated preview (Ctrl+C, or SIGTERM from a test or a process manager) must take its backend with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BackendError(f"decap-server stopped at once (exit code {process.returncode}); is port {port} free?")
        try:
            urllib.request.urlopen(f"http://{host}:{port}/api/v1", timeout=1)
        except urllib.error.HTTPError:
            return process  # it answers (GET is not its method): it is up
        except OSError:
            time.sleep(0.1)
            continue
        return process
    _stop(process)
    raise BackendError(f"decap-server did not answer on {host}:{port} within 20 s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
