"""Compiled Jinja templates kept between builds, each signed with a key that lives outside the cache.

Jinja's own FileSystemBytecodeCache unmarshals whatever file it finds, so a file planted in the cache ran as code.
Here a file is unmarshalled only if its HMAC, made with this user's key (~/.config/sitegen/cache-key, mode 0600),
matches: only code this user's own builds compiled is ever loaded. Anything else is ignored and compiled again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
from pathlib import Path

import jinja2

from sitegen.core.cache import cache_dir, signing_key

_MAC_BYTES = 32
_MAX_ENTRY_BYTES = 4 * 2**20


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
