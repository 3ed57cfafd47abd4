"""Files kept between builds in a folder, each under its key: a digest of what it holds.

The share cards are kept here (`<root>/.cache/factcheck/cards/<key>.png`), so a build
draws only the cards whose content changed since any earlier build, on this machine or on
a CI that restores the folder. A key says everything a file holds (the core's
`generator.site.cards.card_key`), so a kept file is never stale and is never checked
again; nothing is keyed by an object's identity or a file's stamp. Files are written to a
temporary name and renamed, so a build stopped half-way, or two builds at once, never
leave half a file under a key. The folder only grows: delete it at any time.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("factcheck.filecache")

CARDS = Path(".cache") / "factcheck" / "cards"  # under the project's root


class FileCache:
    """Bytes kept under their key in `folder`; a folder that cannot be written is used
    as far as it can be read, and what it cannot keep is made again next time."""

    def __init__(self, folder: Path, suffix: str = ".png") -> None:
        self.folder = folder
        self.suffix = suffix
        self.made = 0  # files made (not found) by this instance: what a build drew
        self._warned = False

    def where(self, key: str) -> Path:
        if not key.isalnum():
            raise ValueError(f"a cache key is a digest, not {key!r}")
        return self.folder / f"{key}{self.suffix}"

    def path(self, key: str, make: Callable[[], bytes]) -> Path | None:
        """Where the file kept under `key` lies, made and kept first if there is none;
        None when it could not be kept (the caller makes it itself)."""
        target = self.where(key)
        if target.is_file():
            return target
        return target if self._keep(target, self._make(make)) else None

    def __call__(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes kept under `key`, made and kept if there are none (`CardCache`)."""
        target = self.where(key)
        try:
            return target.read_bytes()
        except OSError:  # not kept yet, or the folder cannot be read
            data = self._make(make)
            self._keep(target, data)
            return data

    def _make(self, make: Callable[[], bytes]) -> bytes:
        self.made += 1
        return make()

    def _keep(self, target: Path, data: bytes) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-",
                                             suffix=self.suffix)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.chmod(temporary, 0o644)  # as any other file of the project
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            if not self._warned:
                log.warning("factcheck: cannot keep share cards in %s (%s); every build "
                            "draws them again", self.folder, exc)
                self._warned = True
            return False
        return True
