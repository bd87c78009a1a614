"""Python objects kept between builds (a content file as loaded and validated), each signed with this user's key.

Unpickling runs code, so, as for compiled templates, an entry is unpickled only if its HMAC, made with the key in
~/.config/sitegen/cache-key (mode 0600, never in the cache folder), matches: only what this user's own builds wrote
is ever loaded. Each entry sits in one slot per name and records the key of the inputs it was made from; a planted,
damaged or outdated entry is ignored and made again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from sitegen.core.cache import cache_dir, key, signing_key

_MAC_BYTES = 32
MAX_ENTRY_BYTES = 64 * 2**20


class SignedObjects:
    """One kind of kept objects: get(slot, inputs) gives what put(slot, inputs, value) stored for those very inputs."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder, self.secret = folder, secret

    def _path(self, slot: str) -> Path:
        return self.folder / f"{key(slot)}.signed"

    def _mac(self, slot: str, body: bytes) -> bytes:
        return hmac.new(self.secret, slot.encode("utf-8") + b"\0" + body, hashlib.sha256).digest()

    def get(self, slot: str, inputs: str) -> Any | None:
        try:
            with self._path(slot).open("rb") as handle:
                data = handle.read(MAX_ENTRY_BYTES + 1)
        except OSError:
            return None
        mac, body = data[:_MAC_BYTES], data[_MAC_BYTES:]
        if len(data) > MAX_ENTRY_BYTES or not hmac.compare_digest(mac, self._mac(slot, body)):
            return None
        made_from, _, pickled = body.partition(b"\n")
        if made_from != inputs.encode("ascii"):
            return None  # made from other inputs (the file was edited since)
        try:
            return pickle.loads(pickled)
        except Exception:  # signed by us, yet unreadable (a class renamed since): make it again
            return None

    def put(self, slot: str, inputs: str, value: Any) -> None:
        body = inputs.encode("ascii") + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(body) + _MAC_BYTES > MAX_ENTRY_BYTES:
            return
        try:
            # Write then rename, so builds running side by side (build.py all) never read half a file.
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False, suffix=".tmp") as handle:
                handle.write(self._mac(slot, body) + body)
            os.replace(handle.name, self._path(slot))
        except OSError:
            pass


def signed_objects(kind: str) -> SignedObjects | None:
    """The kept objects of one kind, or None when caching is off or no private key can be kept."""
    folder = cache_dir(kind)
    secret = signing_key() if folder else None
    return SignedObjects(folder, secret) if folder and secret else None
