"""The typed model: what the files say, checked but not yet cross-referenced."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

# The id of a source or claim: its file name without `.md`.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID = re.compile(ID_PATTERN)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day: `2023`, `2023-09`, `2023-09-20`."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate | None:
        import datetime as dt

        m = _PARTIAL_DATE.match(text)
        if not m:
            return None
        year, month, day = (int(g) if g else 0 for g in m.groups())
        if (m.group(2) and not month) or (m.group(3) and not day):
            return None
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            return None
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @cached_property
    def first_day(self) -> str:
        """The earliest calendar day the date may stand for, as YYYY-MM-DD."""
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    @property
    def human(self) -> str:
        months = (
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        )
        if self.day:
            return f"{self.day} {months[self.month - 1]} {self.year}"
        if self.month:
            return f"{months[self.month - 1]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso


class Stance(StrEnum):
    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


@dataclass(frozen=True)
class Passage:
    """One paragraph (or heading, list item, block) of a source, as published."""

    id: str
    index: int
    text: str
    line: int
    kind: str = "paragraph"


@dataclass(frozen=True)
class Source:
    id: str
    path: Path
    title: str
    passages: tuple[Passage, ...]
    digest: str = ""
    outlet: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    author: str | None = None
    language: str = "en"
    archive_url: str | None = None
    retrieved: PartialDate | None = None
    notes: str | None = None
    fingerprint: str = ""  # a digest of the file's text: equal fingerprints, equal sources

    def passage(self, passage_id: str) -> Passage:
        for p in self.passages:
            if p.id == passage_id:
                return p
        raise KeyError(passage_id)


@dataclass(frozen=True)
class Evidence:
    source: str
    quote: str
    stance: Stance
    line: int
    col: int = 1
    source_line: int = 0
    source_col: int = 1
    account: str | None = None
    note: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    passage: str | None = None


@dataclass(frozen=True)
class Correction:
    date: PartialDate
    note: str


@dataclass(frozen=True)
class Claim:
    slug: str
    path: Path
    claim: str
    claimant: str
    claim_date: PartialDate
    verdict: str
    summary: str
    published: PartialDate
    evidence: tuple[Evidence, ...]
    body: str
    body_line: int
    title: str | None = None
    appearance: tuple[str, ...] = ()
    updated: PartialDate | None = None
    tags: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    appearance_line: int = 1
    fingerprint: str = ""  # a digest of the file's text: equal fingerprints, equal claims

    @property
    def headline(self) -> str:
        return self.title or self.claim
