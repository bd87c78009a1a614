"""A disk cache for build work that depends only on its inputs: QR codes, reading grades, page weights, resized photos,
clean texts.

It holds text and images only, never code: an entry is JSON text that its user checks against the exact form it
expects before use, and makes afresh if the check fails, so a planted or damaged file can neither run nor inject
anything. An image is used only when its bytes match the digest a signed bundle entry holds for it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from sitegen.core.paths import ROOT

_OFF = ("", "0", "off", "no", "false")


def _key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "sitegen" / "cache-key"


def _own_private_file(path: Path) -> bool:
    info = path.lstat()
    mode_ok = stat.S_ISREG(info.st_mode) and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    return mode_ok and (not hasattr(os, "getuid") or info.st_uid == os.getuid())


def signing_key() -> bytes | None:
    """This user's key for what the cache must not take from anyone else, made on first use; None if it cannot be
    kept privately (readable by others, a link, no home folder)."""
    path = _key_file()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        if not _own_private_file(path):
            return None
        key = path.read_bytes()
    except (OSError, ValueError):
        return None
    return key if len(key) == 32 else None


def cache_problem() -> str | None:
    """Why SITEGEN_CACHE, when set, cannot be used; one line for the user, or None."""
    setting = os.environ.get("SITEGEN_CACHE")
    if setting is None or setting.strip().lower() in _OFF:
        return None
    if "\0" in setting or any(ord(c) < 32 for c in setting):
        return "SITEGEN_CACHE holds a control character; set it to a folder, or to off"
    path = Path(setting)
    if path.exists() and not path.is_dir():
        return f"SITEGEN_CACHE={setting} is a file, not a folder; set it to a folder (it is created), or to off"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"SITEGEN_CACHE={setting} cannot be created ({exc.strerror}); set it to a folder you can write to, or to off"
    if not os.access(path, os.W_OK | os.X_OK):
        return f"SITEGEN_CACHE={setting} is not writable; set it to a folder you can write to, or to off"
    return None


def cache_dir(kind: str) -> Path | None:
    """The folder for one kind of cached work; None when caching is off (SITEGEN_CACHE=off) or impossible."""
    setting = os.environ.get("SITEGEN_CACHE", str(ROOT / ".cache"))
    if setting.strip().lower() in _OFF:
        return None
    try:
        path = Path(setting) / kind
        path.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError):
        return None  # a read-only checkout builds the same site, just without the shortcut
    return path


def key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:40]


def write_text(kind: str, name: str, text: str) -> None:
    folder = cache_dir(kind)
    if folder is None:
        return
    try:
        # Write then rename, so builds running side by side (build.py all) never read half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(text)
        os.replace(handle.name, folder / name)
    except OSError:
        pass


def write_bytes(kind: str, name: str, data: bytes) -> None:
    """A binary entry (a resized photo), written then renamed like the text entries."""
    folder = cache_dir(kind)
    if folder is None:
        return
    try:
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(data)
        os.replace(handle.name, folder / name)
    except OSError:
        pass


class Bundle:
    """Many small cached texts in one JSON file: read once and written once per build, not a file each."""

    MAX_ENTRIES = 20_000  # beyond this, only the entries the latest build used are kept

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, str] = _load_json_object(path)
        self.used: set[str] = set()
        self.changed: dict[str, str] = {}  # made by this process: only these are written back

    def get(self, name: str, valid: Callable[[str], bool]) -> str | None:
        """The entry, if it passes `valid` (the exact form its user makes); None means: make it again."""
        self.used.add(name)
        entry = self.entries.get(name)
        return entry if isinstance(entry, str) and valid(entry) else None

    def put(self, name: str, text: str) -> None:
        self.used.add(name)
        self.entries[name] = text
        self.changed[name] = text

    def save(self) -> None:
        if not self.changed:
            return
        # Another process (a forked helper, a parallel clinic build) may have saved since this one read; what this
        # one read and found damaged is not written back over what that one made afresh.
        entries = {**_load_json_object(self.path), **self.changed}
        if len(entries) > self.MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self.used}
        body = json.dumps(entries)
        write_text(self.path.parent.name, self.path.name, f"{_signature(body)}\n{body}")
        self.entries, self.changed = entries, {}


MAX_BUNDLE_BYTES = 64 * 2**20  # 20,000 QR codes are about 40 MB


def _signature(body: str) -> str:
    """HMAC of a bundle with this user's private key ("unsigned" without one: then entries are only form-checked)."""
    key = signing_key()
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest() if key else "unsigned"


def _load_json_object(path: Path) -> dict[str, str]:
    """A bundle's entries if its signature is this user's; a planted or damaged bundle counts as empty."""
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            return {}
        signature, _, body = path.read_text(encoding="utf-8").partition("\n")
        if not hmac.compare_digest(signature, _signature(body)):
            return {}  # a QR code of the right form can still open another address: only our own entries count
        data = json.loads(body)
    except (OSError, ValueError, RecursionError):
        return {}  # none yet, or damaged: start afresh
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


_bundles: dict[Path, Bundle] = {}


def bundle(kind: str) -> Bundle | None:
    """The bundle for one kind of cached text in the current cache folder; None when caching is off."""
    folder = cache_dir(kind)
    if folder is None:
        return None
    path = folder / "bundle.json"
    if path not in _bundles:
        _bundles[path] = Bundle(path)
    return _bundles[path]


def save_bundles() -> None:
    """Write what this build added to any bundle."""
    for item in _bundles.values():
        item.save()


@cache
def code_digest() -> str:
    """A digest of every file of the generator's own package and of the Python version: a result made by other
    code never counts."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    package = ROOT / "sitegen"
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Passes:
    """What one check passed (a text, a page), remembered by a hash of it, of everything else the check reads
    (`setting` and each call's parts) and of the code.

    Only a pass is kept: what has a finding is checked again on every build, so the cache can never hide a finding,
    and an edit, a changed setting or changed code gives a new hash and is checked afresh.
    """

    def __init__(self, kind: str, *setting: str) -> None:
        self._bundle = bundle(kind)
        self._setting = key(code_digest(), *setting)

    def name(self, *parts: str) -> str:
        return key(self._setting, *parts)

    def passed(self, name: str) -> bool:
        return self._bundle is not None and self._bundle.get(name, _is_pass_mark) is not None

    def mark_passed(self, name: str) -> None:
        if self._bundle is not None:
            self._bundle.put(name, "1")


def _is_pass_mark(entry: str) -> bool:
    return entry == "1"
