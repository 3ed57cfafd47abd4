"""Content digests: how a build knows that two inputs are the same without comparing them."""

from __future__ import annotations

import hashlib


def bytes_digest(data: bytes) -> str:
    """A 128-bit BLAKE2b digest: equal digests mean equal bytes (for keys, not for
    publishing; what `sources.lock` pins is a source body's SHA-256, `content.pins`)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def text_digest(text: str) -> str:
    return bytes_digest(text.encode("utf-8", "surrogatepass"))
