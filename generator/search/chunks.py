"""Index chunks that keep a word's family together, so that a query loads one chunk a word.

Pagefind cuts its sorted word index into chunks by count of postings, wherever the count
runs out. For each query word, Pagefind's search then fetches the chunk whose range holds
the word as typed and the one holding its stem, and searches every loaded word that starts
with the stem. When the cut falls inside such a family ("ceasefir" ends one chunk,
"ceasefirea", "ceasefire—a" and the common "census" open the next), one word costs two
chunks, the second often filled by a neighbour: at 10,000 claims `ceasefire` fetched 80 kB of
index, 49 kB of it the chunk after its stem. Here a cut that falls between two words sharing
their first FAMILY characters is moved past the family when the family is small: the words
after the cut that start with what the two share move into the chunk before it, and the
typed word, its stem and the longer words starting with the stem are found in one chunk
(`ceasefire`: 30 kB). A word glued to another by a dash Pagefind does not split
("ceasefire—a") is found with it wherever the cut fell, so a query can find a few more
pages than before, never fewer; where both sides of a cut are common words ("peace",
"peacekeep"), the cut stays where Pagefind put it.

The records are not touched: every word keeps its postings byte for byte, in the same
order; only which file holds a word changes, and the metadata's list of chunks (first word,
last word, file) is rewritten to match. An index chunk is gzip-compressed CBOR after the
signature `pagefind_dcd`: `[[word entry, ...]]`, each entry `[word, postings, ...]`. A bundle
laid out otherwise (another version's) is left as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.search.pfmeta import (
    SIGNATURE,
    FormatError,
    _encode_head,
    _encode_text,
    _head,
    _text,
    read_pages,
)

log = logging.getLogger("factcheck.search")

# A cut between two words sharing this many leading characters is moved. A query word's stem
# is rarely shorter (English stems of four letters or more: "peac", "ceasefir", "observ"),
# and a shorter prefix ("con", "pro") would gather families too large to be one chunk.
FAMILY = 4
# A family moves only when its words' entries come to at most this many bytes (about half
# as many compressed): the words glued to a common one by a dash Pagefind does not split
# ("ceasefire—a", 3 kB at 10,000 claims) move; two common words ("peace", "peacekeep") stay
# in two chunks, as Pagefind cut them, rather than one that every query of either loads.
FAMILY_BYTES = 16_384
GZIP_LEVEL = 9  # as Pagefind compresses its chunks


class Chunk:
    """One index chunk: the word entries not yet taken from its front (left in its
    decompressed bytes, read only as far as needed) and those appended after them."""

    def __init__(self, bundle: Path, first: str, last: str, name: str) -> None:
        self.bundle, self.first, self.last, self.name = bundle, first, last, name
        self.raw = b""
        self.pos = 0  # where the entries not yet taken start in `raw`
        self.count = -1  # how many there are; -1 until the file is read
        self.appended: list[tuple[str, bytes]] = []
        self.changed = False

    @property
    def path(self) -> Path:
        return self.bundle / "index" / f"{self.name}.pf_index"

    def _read(self) -> None:
        if self.count >= 0:
            return
        raw = gzip.decompress(self.path.read_bytes())
        if not raw.startswith(SIGNATURE):
            raise FormatError("an index chunk has no Pagefind signature")
        major, outer, i = _head(raw, len(SIGNATURE))
        if major != 4 or outer != 1:
            raise FormatError("an index chunk is not [[word entries]]")
        major, count, i = _head(raw, i)
        if major != 4:
            raise FormatError("an index chunk's words are not an array")
        self.raw, self.pos, self.count = raw, i, count

    def first_word(self) -> str | None:
        self._read()
        if self.count == 0:
            return self.appended[0][0] if self.appended else None
        major, size, i = _head(self.raw, self.pos)
        if major != 4 or size < 2:
            raise FormatError("a word entry is not an array")
        return _text(self.raw, i)[0]

    def take_front(self, prefix: str, limit: int) -> list[tuple[str, bytes]] | None:
        """Remove and return the leading entries whose word starts with `prefix`; None, and
        nothing removed, when they come to more than `limit` bytes (read no further)."""
        self._read()
        taken = []
        pos, count = self.pos, self.count
        while count > 0:
            major, size, i = _head(self.raw, pos)
            if major != 4 or size < 2:
                raise FormatError("a word entry is not an array")
            word = _text(self.raw, i)[0]
            if not word.startswith(prefix):
                break
            end = skip_within(self.raw, pos, self.pos + limit)
            if end is None:
                return None
            taken.append((word, self.raw[pos:end]))
            pos, count = end, count - 1
        if taken:
            self.pos, self.count, self.changed = pos, count, True
        return taken

    def append(self, entries: list[tuple[str, bytes]]) -> None:
        self.appended += entries
        self.last = entries[-1][0]
        self.changed = True

    def empty(self) -> bool:
        self._read()
        return self.count == 0 and not self.appended

    def encode(self) -> bytes:
        """The chunk's decompressed bytes: the entries left, then those appended (the
        entries left are copied as they are, never walked again)."""
        self._read()
        return (SIGNATURE + _encode_head(4, 1) + _encode_head(4, self.count + len(self.appended))
                + self.raw[self.pos:] + b"".join(entry for _, entry in self.appended))


def skip_within(data: bytes, i: int, limit: int) -> int | None:
    """The offset just after the CBOR item at `i`, or None once it would pass `limit`: a
    common word's postings run to 100 kB and more, and are not walked to learn that."""
    stack = [1]  # items still to pass in each open array or map, innermost last
    while stack:
        if stack[-1] == 0:
            stack.pop()
            continue
        stack[-1] -= 1
        if i > limit:
            return None
        major, arg, i = _head(data, i)
        if major in (2, 3):
            i += arg
        elif major == 4:
            stack.append(arg)
        elif major == 5:
            stack.append(2 * arg)
        elif major == 6:
            stack.append(1)
    if i > len(data):
        raise FormatError("truncated CBOR")
    return i if i <= limit else None


def read_chunk_list(meta: bytes) -> tuple[list[tuple[str, str, str]], int, int]:
    """The metadata's chunks as (from, to, file name), and where their list starts and ends
    (the item after the pages)."""
    start = read_pages(meta)[2]
    major, count, i = _head(meta, start)
    if major != 4:
        raise FormatError("the chunk list is not an array")
    chunks = []
    for _ in range(count):
        major, size, i = _head(meta, i)
        if major != 4 or size != 3:
            raise FormatError("a chunk is not [from, to, file]")
        first, i = _text(meta, i)
        last, i = _text(meta, i)
        name, i = _text(meta, i)
        chunks.append((first, last, name))
    return chunks, start, i


def encode_chunk_list(chunks: list[tuple[str, str, str]]) -> bytes:
    return _encode_head(4, len(chunks)) + b"".join(
        _encode_head(4, 3) + _encode_text(a) + _encode_text(b) + _encode_text(c)
        for a, b, c in chunks)


def shared(a: str, b: str) -> int:
    """How many leading characters `a` and `b` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def regroup(chunks: list[Chunk]) -> list[Chunk]:
    """Move every cut that parts two words sharing FAMILY characters past their family, when
    the words to move are at most FAMILY_BYTES."""
    out: list[Chunk] = []
    for chunk in chunks:
        if out:
            before = out[-1]
            # Pagefind's `from` is the shortest start of the chunk's first word that sorts
            # after the chunk before: unless it is a start of that chunk's last word, the two
            # words part at len(from) - 1 characters and the file need not be read.
            if (len(chunk.first) > FAMILY or before.last.startswith(chunk.first)
                    or before.appended):
                pull(before, chunk)
                if chunk.empty():
                    continue
        out.append(chunk)
    return out


def pull(before: Chunk, chunk: Chunk) -> None:
    """Move into `before` the families `chunk` opens with, longest shared start first, as long
    as each is at most FAMILY_BYTES."""
    while (first := chunk.first_word()) is not None:
        common = shared(before.last, first)
        if common < FAMILY:
            return
        taken = chunk.take_front(first[:common], FAMILY_BYTES)
        if not taken:
            return
        before.append(taken)


def bounds(chunks: list[Chunk]) -> list[tuple[str, str, str]]:
    """(from, to, file) of each chunk. A cut that moved gets bounds by Pagefind's own rule:
    the first word after it and the last word before it, each cut one character past what
    the two share, the last word whole where its cut would sort before its chunk's `from`."""
    listed = [[chunk.first, chunk.last, chunk.name] for chunk in chunks]
    for n in range(1, len(chunks)):
        before, after = chunks[n - 1], chunks[n]
        if before.appended:  # every cut that moved moved words into the chunk before it
            last, first = before.appended[-1][0], after.first_word()
            assert first is not None
            common = shared(last, first)
            to = last[:common + 1]
            listed[n - 1][1] = to if to >= listed[n - 1][0] else last
            listed[n][0] = first[:common + 1]
    return [(a, b, c) for a, b, c in listed]


def compress(raw: bytes) -> bytes:
    return gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)


def regroup_bundle(bundle: Path) -> int:
    """Regroup the index chunks of every language of the bundle; returns the chunks rewritten.

    Leaves the bundle untouched (and logs why) when its layout is not the one known here.
    """
    entry_file = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        plans = []
        for language, index in sorted(entry["languages"].items()):
            meta_file = bundle / f"pagefind.{index['hash']}.pf_meta"
            meta = gzip.decompress(meta_file.read_bytes())
            listed, start, end = read_chunk_list(meta)
            chunks = regroup([Chunk(bundle, *item) for item in listed])
            if not any(chunk.changed for chunk in chunks):
                continue
            written: dict[Path, bytes] = {}
            taken = {name for _, _, name in listed}
            changed = [chunk for chunk in chunks if chunk.changed]
            # zlib lets go of the GIL: the chunks are compressed on every core.
            with ThreadPoolExecutor() as pool:
                packed = list(pool.map(compress, (chunk.encode() for chunk in changed)))
            for chunk, compressed in zip(changed, packed, strict=True):
                digest = hashlib.sha256(compressed).hexdigest()
                size = 7  # as long as Pagefind's names, longer only to be unique
                while f"{language}_{digest[:size]}" in taken:
                    size += 1
                chunk.name = f"{language}_{digest[:size]}"
                taken.add(chunk.name)
                written[chunk.path] = compressed
            new_list = bounds(chunks)
            new_meta = meta[:start] + encode_chunk_list(new_list) + meta[end:]
            if read_chunk_list(new_meta)[0] != new_list:
                raise FormatError("rewritten metadata does not read back")
            dropped = {bundle / "index" / f"{name}.pf_index" for _, _, name in listed}
            plans.append((language, index, meta_file, new_meta, written,
                          dropped - {c.path for c in chunks}))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError,
            gzip.BadGzipFile) as exc:
        log.warning("search: index chunks left as Pagefind wrote them (%s)", exc)
        return 0

    if not plans:
        return 0
    total = 0
    for language, index, meta_file, new_meta, written, dropped in plans:
        for path, data in written.items():
            path.write_bytes(data)
        compressed = gzip.compress(new_meta, compresslevel=9, mtime=0)
        index["hash"] = f"{language}_{hashlib.sha256(compressed).hexdigest()[:10]}"
        (bundle / f"pagefind.{index['hash']}.pf_meta").write_bytes(compressed)
        if meta_file.name != f"pagefind.{index['hash']}.pf_meta":
            meta_file.unlink()
        for path in dropped - set(written):
            path.unlink()
        total += len(written)
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    return total
