"""Snapshots: the bytes of a captured page, kept compressed beside the sources.

A source written by `factcheck capture` records `snapshot: sha256:<hex>`, the SHA-256 of
the bytes fetched, and the bytes themselves are kept gzip-compressed (with no time in the
header, so the same bytes give the same file) in `sources/snapshots/<id>.html.gz`. The
check extracts each snapshot again and compares: anyone can verify the stored text
against the page as it was fetched.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.diagnostics import Diagnostic, Report, display_path
from generator.model import Source

FOLDER = "snapshots"
# A snapshot is at most the capture's size limit; a larger one is refused unread.
MAX_BYTES = 5_000_000


def snapshot_path(sources_folder: Path, source_id: str) -> Path:
    return sources_folder / FOLDER / f"{source_id}.html.gz"


def compress(data: bytes) -> bytes:
    """gzip with no file name and no time in the header: the same bytes, the same file."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes a snapshot holds. Raises OSError, or ValueError when it is not a gzip
    file or holds more than `limit` bytes."""
    with path.open("rb") as raw, gzip.GzipFile(fileobj=raw, mode="rb") as f:
        try:
            data = f.read(limit + 1)
        except (gzip.BadGzipFile, EOFError, zlib.error) as e:
            raise ValueError(f"not a whole gzip file ({e})") from None
    if len(data) > limit:
        raise ValueError(f"it holds over {limit:,} bytes")
    return data


def file_sha256(path: Path) -> str:
    """`sha256:<hex>` of the bytes a snapshot file holds."""
    return sha256(read(path))


def verify(sources: Mapping[str, Source], sources_folder: Path, root: Path,
           sha256_of: Callable[[Path], str] | None = None) -> list[Diagnostic]:
    """Each source that records a snapshot against the snapshot file's bytes. A
    long-running caller passes a `sha256_of` that remembers files it has seen (the
    preview does), so an unchanged snapshot is not extracted again."""
    sha256_of = sha256_of or file_sha256
    out: list[Diagnostic] = []
    for sid, source in sources.items():
        if not source.snapshot:
            continue
        report = Report(display_path(source.path, root))
        line = source.snapshot_line
        path = snapshot_path(sources_folder, sid)
        shown = display_path(path, root)
        try:
            found = sha256_of(path)
        except FileNotFoundError:
            report.error(line, 1, f"`snapshot` records {source.snapshot[:19]}…, but {shown} "
                                  "is missing; restore it from the commit that added the "
                                  "source, or capture the page again")
        except (OSError, ValueError) as e:
            report.error(line, 1, f"{shown} cannot be read: {e}; restore it from the commit "
                                  "that added the source")
        else:
            if found != source.snapshot:
                report.error(line, 1, f"{shown} holds bytes whose SHA-256 is {found[:19]}…, "
                                      f"not the {source.snapshot[:19]}… that `snapshot` "
                                      "records: the snapshot or the record was changed; "
                                      "restore both from the commit that added the source")
        out += report.items
    return out
