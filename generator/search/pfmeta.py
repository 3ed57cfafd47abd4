"""Short names for the result fragments of a Pagefind bundle, to shrink what every search loads.

Every search first downloads the bundle's metadata (`pagefind.<hash>.pf_meta`), which names
each indexed page's result fragment by a 10-character content hash plus its word count.
Random hashes do not compress: at 12,500 pages that list is most of a 90 kB download. Here
each fragment is renamed `<build>/<n>`, `n` being the page's number in base 36 and `build`
a hash of all the original hashes (so every change of any page gives every fragment a
new URL, and a browser's or CDN's cached fragment is never served for another page), and
the metadata is rewritten to match; nothing else in the bundle names a fragment (index and
filter chunks refer to pages by number).

Pagefind's metadata is gzip-compressed CBOR after the signature `pagefind_dcd`: an array
whose first item is the version string and whose second is the list of pages, each
`[fragment hash, word count]`. Only that list is re-encoded; every other byte is kept.
Anything else found (another layout, a future version's) leaves the bundle as Pagefind
wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import shutil
from pathlib import Path

log = logging.getLogger("factcheck.search")

SIGNATURE = b"pagefind_dcd"
KNOWN_VERSIONS = re.compile(r"1\.\d+\.\d+")  # the 1.x bundle format
BUILD = re.compile(r"[0-9a-f]{8}")  # the folder of fragments this module writes
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


class FormatError(ValueError):
    """The bundle is not laid out as this module expects."""


def base36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = DIGITS[r] + out
        if not n:
            return out


# -- the little CBOR that Pagefind's metadata uses (definite lengths) -----------------------


def _head(data: bytes, i: int) -> tuple[int, int, int]:
    """(major type, argument, offset after the head) of the item at `i`."""
    if i >= len(data):
        raise FormatError("truncated CBOR")
    major, info = data[i] >> 5, data[i] & 31
    if info < 24:
        return major, info, i + 1
    if info > 27:
        raise FormatError("indefinite or reserved CBOR length")
    size = 1 << (info - 24)
    if i + 1 + size > len(data):
        raise FormatError("truncated CBOR")
    return major, int.from_bytes(data[i + 1:i + 1 + size], "big"), i + 1 + size


def _skip(data: bytes, i: int) -> int:
    """The offset just after the item at `i`."""
    major, arg, i = _head(data, i)
    if major in (2, 3):
        end = i + arg
        if end > len(data):
            raise FormatError("truncated CBOR")
        return end
    if major == 4:
        for _ in range(arg):
            i = _skip(data, i)
        return i
    if major == 5:
        for _ in range(2 * arg):
            i = _skip(data, i)
        return i
    if major == 6:
        return _skip(data, i)
    return i  # integers, simple values and floats: the head is the item


def _text(data: bytes, i: int) -> tuple[str, int]:
    major, arg, i = _head(data, i)
    if major != 3 or i + arg > len(data):
        raise FormatError("expected a text string")
    return data[i:i + arg].decode("utf-8"), i + arg


def _encode_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise FormatError("integer too large")


def _encode_text(text: str) -> bytes:
    raw = text.encode("utf-8")
    return _encode_head(3, len(raw)) + raw


# -- the metadata --------------------------------------------------------------------------


def read_pages(meta: bytes) -> tuple[list[tuple[str, int]], int, int]:
    """The pages of decompressed metadata, and where their list starts and ends."""
    if not meta.startswith(SIGNATURE):
        raise FormatError("no Pagefind signature")
    major, count, i = _head(meta, len(SIGNATURE))
    if major != 4 or count < 2:
        raise FormatError("metadata is not an array")
    version, start = _text(meta, i)
    if not KNOWN_VERSIONS.fullmatch(version):
        raise FormatError(f"unknown Pagefind version {version!r}")
    major, count, i = _head(meta, start)
    if major != 4:
        raise FormatError("pages are not an array")
    pages = []
    for _ in range(count):
        major, size, i = _head(meta, i)
        if major != 4 or size != 2:
            raise FormatError("a page is not [hash, word count]")
        name, i = _text(meta, i)
        major, words, i = _head(meta, i)
        if major != 0:
            raise FormatError("a word count is not an integer")
        pages.append((name, words))
    return pages, start, i


def encode_pages(pages: list[tuple[str, int]]) -> bytes:
    return _encode_head(4, len(pages)) + b"".join(
        b"\x82" + _encode_text(name) + _encode_head(0, words) for name, words in pages)


def shorten_fragment_names(bundle: Path) -> int:
    """Rename the bundle's fragments and rewrite its metadata; returns the pages renamed.

    Leaves the bundle untouched (and logs why) when its layout is not the one known here.
    """
    entry_file = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        languages = entry["languages"]
        plans = []
        for language, index in sorted(languages.items()):
            meta_file = bundle / f"pagefind.{index['hash']}.pf_meta"
            meta = gzip.decompress(meta_file.read_bytes())
            pages, start, end = read_pages(meta)
            if any(not (bundle / "fragment" / f"{name}.pf_fragment").is_file()
                   for name, _ in pages):
                raise FormatError("a page's fragment is missing")
            hashed = hashlib.sha256(language.encode("utf-8"))
            for name, _ in pages:
                hashed.update(b"\0" + name.encode("utf-8"))
            build = hashed.hexdigest()[:8]
            renamed = [(f"{build}/{base36(n)}", words) for n, (_, words) in enumerate(pages)]
            new_meta = meta[:start] + encode_pages(renamed) + meta[end:]
            if read_pages(new_meta)[0] != renamed:
                raise FormatError("rewritten metadata does not read back")
            plans.append((language, index, meta_file, pages, renamed, build, new_meta))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError,
            gzip.BadGzipFile) as exc:
        log.warning("search: fragment names left as Pagefind wrote them (%s)", exc)
        return 0

    fragments = bundle / "fragment"
    total = 0
    for language, index, meta_file, pages, renamed, build, new_meta in plans:
        folder = fragments / build
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for (old, _), (new, _) in zip(pages, renamed, strict=True):
            (fragments / f"{old}.pf_fragment").replace(fragments / f"{new}.pf_fragment")
        compressed = gzip.compress(new_meta, compresslevel=9, mtime=0)
        index["hash"] = f"{language}_{hashlib.sha256(compressed).hexdigest()[:10]}"
        (bundle / f"pagefind.{index['hash']}.pf_meta").write_bytes(compressed)
        if meta_file.name != f"pagefind.{index['hash']}.pf_meta":
            meta_file.unlink()
        total += len(pages)
    builds = {plan[5] for plan in plans}
    for stale in fragments.iterdir():  # folders of an earlier build into the same site
        if stale.is_dir() and BUILD.fullmatch(stale.name) and stale.name not in builds:
            shutil.rmtree(stale)
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    return total
