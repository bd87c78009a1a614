"""Compiled Jinja templates kept between builds, each signed with a key that lives outside the cache.

Jinja's own FileSystemBytecodeCache unmarshals whatever file it finds, so a file planted in the cache ran as code.
Here a file is unmarshalled only if its HMAC, made with this user's key (~/.config/sitegen/cache-key, mode 0600),
matches: only code this user's own builds compiled is ever loaded. Anything else is ignored and compiled again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from pathlib import Path

import jinja2

from sitegen.core.cache import cache_dir

_MAC_BYTES = 32
_MAX_ENTRY_BYTES = 4 * 2**20


def _key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "sitegen" / "cache-key"


def _own_private_file(path: Path) -> bool:
    info = path.lstat()
    mode_ok = stat.S_ISREG(info.st_mode) and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    return mode_ok and (not hasattr(os, "getuid") or info.st_uid == os.getuid())


def signing_key() -> bytes | None:
    """This user's key, made on first use; None if it cannot be kept privately (then nothing compiled is cached)."""
    path = _key_file()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        if not _own_private_file(path):
            return None  # readable or writable by others, or a link: not a secret
        key = path.read_bytes()
    except (OSError, ValueError):
        return None
    return key if len(key) == 32 else None


class SignedBytecodeCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder, self.key = folder, key

    def _mac(self, name: str, body: bytes) -> bytes:
        return hmac.new(self.key, name.encode() + b"\0" + body, hashlib.sha256).digest()

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.signed"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with self._path(bucket).open("rb") as handle:
                data = handle.read(_MAX_ENTRY_BYTES + 1)
        except OSError:
            return
        mac, body = data[:_MAC_BYTES], data[_MAC_BYTES:]
        if len(data) <= _MAX_ENTRY_BYTES and hmac.compare_digest(mac, self._mac(bucket.key, body)):
            bucket.bytecode_from_string(body)  # Jinja then checks it was compiled from this very template source

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        body = bucket.bytecode_to_string()
        try:
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False, suffix=".tmp") as handle:
                handle.write(self._mac(bucket.key, body) + body)
            os.replace(handle.name, self._path(bucket))
        except OSError:
            pass


def template_cache(kind: str) -> jinja2.BytecodeCache | None:
    """A signed cache of compiled templates, or None when caching is off or no private key can be kept."""
    folder = cache_dir(kind)
    key = signing_key() if folder else None
    return SignedBytecodeCache(folder, key) if folder and key else None
