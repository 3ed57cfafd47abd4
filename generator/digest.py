"""Content digests: how a build knows that two inputs are the same without comparing them."""

from __future__ import annotations

import hashlib


def text_digest(text: str) -> str:
    """A 128-bit BLAKE2b digest of `text`: equal digests mean equal text (for keys, not for
    publishing; the pinned digest of a source is SHA-256, in `content.pins`)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
