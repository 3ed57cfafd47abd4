"""The typed model: what the files say, checked but not yet cross-referenced.

Each front-matter key is declared once, as the model attribute it fills: `fm(DATE, ...)`
gives the kind the validator checks, the description the messages and the JSON Schema
show, and, through its return type, the Python type mypy holds the annotation to.
A key is required when its attribute has no default.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import KW_ONLY, MISSING, dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar, dataclass_transform, overload

from generator import limits
from generator.digest import text_digest

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

# The id of a source or claim: its file name without `.md`.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def is_id(text: str) -> bool:
    """Whether `text` is a valid id: lowercase letters, digits and single hyphens."""
    return _ID.match(text) is not None


def ascii_slug(text: str) -> str:
    """`text` in lowercase ASCII letters and digits, with every run of anything else one
    hyphen, accents dropped: `Lachin Corridor` -> `lachin-corridor`; empty when nothing
    is left (non-Latin text)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def claim_url(slug: str) -> str:
    """Where a claim's page lives, relative to the site's root."""
    return f"claims/{slug}/"


def source_url(source_id: str) -> str:
    """Where a source's page lives, relative to the site's root."""
    return f"sources/{source_id}/"


def person_url(slug: str) -> str:
    """Where the page of a person or organisation of the registry lives."""
    return f"people/{slug}/"


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

    @cached_property
    def last_day(self) -> str:
        """The latest calendar day the date may stand for, as YYYY-MM-DD."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return f"{self.year:04d}-{month:02d}-{day:02d}"

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


class ClaimKind(StrEnum):
    """What a claim is: only a statement of fact is rated; an opinion, a forecast or an
    intention is shown with its accounts and not rated."""

    STATEMENT = "statement"
    OPINION = "opinion"
    FORECAST = "forecast"
    INTENTION = "intention"


# The verdict of a claim that is not a statement of fact; a statement never has it.
NOT_RATED = "not-rated"


class ClaimantType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"


class Kind(StrEnum):
    TEXT = "text"
    ID = "id"
    PASSAGE = "passage"
    DATE = "date"
    DAY = "day"  # a date known to the day: YYYY-MM-DD
    URL = "url"
    LANGUAGE = "language"
    CHOICE = "choice"
    INT = "integer"
    BOOL = "boolean"
    COLOUR = "colour"
    TEXT_LIST = "text list"
    REF_LIST = "list of source ids or URLs"
    URL_LIST = "list of URLs"
    SHA256 = "SHA-256 digest"
    OBJECTS = "list of items"
    OBJECT = "mapping"


@dataclass(frozen=True)
class Of(Generic[T]):
    """A kind of front-matter value, typed by the Python value the validator makes of it."""

    kind: Kind
    choices: tuple[str, ...] = ()
    item: type[Any] | None = None  # the model of each item of a list of mappings


TEXT: Of[str] = Of(Kind.TEXT)
ID: Of[str] = Of(Kind.ID)
PASSAGE: Of[str] = Of(Kind.PASSAGE)
DATE: Of[PartialDate] = Of(Kind.DATE)
DAY: Of[PartialDate] = Of(Kind.DAY)
URL: Of[str] = Of(Kind.URL)
LANGUAGE: Of[str] = Of(Kind.LANGUAGE)
CHOICE: Of[str] = Of(Kind.CHOICE)  # the options come from the settings (the verdict scale)
INT: Of[int] = Of(Kind.INT)
BOOL: Of[bool] = Of(Kind.BOOL)
COLOUR: Of[str] = Of(Kind.COLOUR)
TEXT_LIST: Of[tuple[str, ...]] = Of(Kind.TEXT_LIST)
REF_LIST: Of[tuple[str, ...]] = Of(Kind.REF_LIST)
URL_LIST: Of[tuple[str, ...]] = Of(Kind.URL_LIST)
SHA256: Of[str] = Of(Kind.SHA256)


def one_of(options: type[E]) -> Of[E]:
    return Of(Kind.CHOICE, choices=tuple(o.value for o in options))


def list_of(item: type[T]) -> Of[tuple[T, ...]]:
    return Of(Kind.OBJECTS, item=item)


SPEC = "factcheck"  # the key of a front-matter attribute's Spec in its field metadata


@dataclass(frozen=True)
class Spec:
    """What `fm` records of a front-matter key; `declared` in content/fields.py reads it."""

    of: Of[Any]
    description: str
    max_chars: int
    min_items: int
    max_items: int


@overload
def fm(of: Of[T], description: str, *, max_chars: int = ..., min_items: int = ...,
       max_items: int = ...) -> T: ...
@overload
def fm(of: Of[T], description: str, *, default: None, max_chars: int = ...,
       min_items: int = ..., max_items: int = ...) -> T | None: ...
@overload
def fm(of: Of[T], description: str, *, default: T, max_chars: int = ...,
       min_items: int = ..., max_items: int = ...) -> T: ...
def fm(of: Of[Any], description: str, *, default: Any = MISSING,
       max_chars: int = limits.MAX_STRING_CHARS, min_items: int = 0, max_items: int = 0
       ) -> Any:
    """A model attribute that is a front-matter key (a `dataclasses.field` to mypy)."""
    metadata = {SPEC: Spec(of, description, max_chars, min_items, max_items)}
    if default is MISSING:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass_transform(frozen_default=True, field_specifiers=(field, fm))
def model(cls: type[T]) -> type[T]:
    """A frozen dataclass whose `fm` attributes mypy checks like any field's."""
    return dataclass(frozen=True)(cls)


@dataclass(frozen=True)
class Passage:
    """One paragraph (or heading, list item, block) of a source, as published."""

    id: str
    index: int
    text: str
    line: int
    kind: str = "paragraph"


@model
class Source:
    id: str
    path: Path
    title: str = fm(TEXT, "The headline as published.", max_chars=500)
    passages: tuple[Passage, ...]
    body_sha256: str = ""  # the SHA-256 of the body, as `sources.lock` pins it
    outlet: str | None = fm(TEXT, "The publisher as a reader knows it; leave out when "
                            "unknown.", default=None, max_chars=200)
    url: str | None = fm(URL, "Where the article was published; never invented.",
                         default=None)
    published: PartialDate | None = fm(DATE, "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
                                       default=None)
    author: str | None = fm(TEXT, "The byline, when the article shows one.", default=None,
                            max_chars=300)
    language: str | None = fm(LANGUAGE, "BCP 47 language tag of the article; shown as not "
                              "recorded when left out.", default=None)
    archive_url: str | None = fm(URL, "An archived copy of the article.", default=None)
    retrieved: PartialDate | None = fm(DATE, "When the stored copy was taken: YYYY, YYYY-MM "
                                       "or YYYY-MM-DD, or the UTC time of the fetch as "
                                       "YYYY-MM-DDTHH:MM:SSZ.", default=None)
    snapshot: str | None = fm(SHA256, "sha256:<hex>, the SHA-256 of the page's bytes as "
                              "fetched, kept compressed in snapshots/<id>.html.gz beside the "
                              "sources (written by `factcheck capture`).", default=None)
    notes: str | None = fm(TEXT, "Editorial notes on the copy, e.g. which metadata is "
                           "inferred from the text and how.", default=None)
    fingerprint: str = ""  # a digest of the file's bytes: equal fingerprints, equal sources
    snapshot_line: int = 1  # the line of `snapshot:`, for the check of the snapshot file
    outlet_at: tuple[int, int] = (1, 1)  # line and column of the `outlet:` value

    def passage(self, passage_id: str) -> Passage:
        for p in self.passages:
            if p.id == passage_id:
                return p
        raise KeyError(passage_id)


@model
class Evidence:
    source: str = fm(ID, "The id of a file in sources/ (its name without .md).")
    quote: str = fm(TEXT, "The words of the source, verbatim; `…` marks omitted text.",
                    max_chars=limits.MAX_QUOTE_CHARS)
    stance: Stance = fm(one_of(Stance), "How the quote bears on the claim.")
    line: int
    col: int = 1
    source_line: int = 0
    source_col: int = 1
    account: str | None = fm(TEXT, "Whose account this is: a person or organisation of the "
                             "registry (content/people/), by slug, name or alias, with an "
                             "optional qualifier such as `(as reported)`; defaults to the "
                             "source's outlet.", default=None, max_chars=200)
    speaks_for: str | None = fm(TEXT, "The registered party the account speaks for, where its "
                                "registry entry does not tell (an entry's `part_of` usually "
                                "does).", default=None, max_chars=200)
    note: str | None = fm(TEXT, "A one-line comment on the quote.", default=None,
                          max_chars=1000)
    prefix: str | None = fm(TEXT, "Words just before the quote, to choose one of several "
                            "occurrences.", default=None, max_chars=500)
    suffix: str | None = fm(TEXT, "Words just after the quote, to choose one of several "
                            "occurrences.", default=None, max_chars=500)
    passage: str | None = fm(PASSAGE, "The passage anchor (p1, p2, …) that holds the quote, "
                             "to choose one of several occurrences.", default=None)
    translation: str | None = fm(TEXT, "The desk's own translation of the quote into the "
                                 "site's language, shown beneath the original; required "
                                 "when the source's `language` differs from the site's.",
                                 default=None, max_chars=limits.MAX_QUOTE_CHARS)
    account_at: tuple[int, int] = (0, 0)  # line and column of the `account:` value
    speaks_for_at: tuple[int, int] = (0, 0)  # line and column of the `speaks_for:` value
    translation_at: tuple[int, int] = (0, 0)  # line and column of the `translation:` value


@model
class Correction:
    date: PartialDate = fm(DATE, "When the correction was made.")
    note: str = fm(TEXT, "What was corrected, in a sentence or two.")


@model
class Claim:
    slug: str
    path: Path
    _: KW_ONLY  # the keys in the order of the format, optional ones among them
    claim: str = fm(TEXT, "The claim, stated as its claimant made it, in the site's "
                    "language.", max_chars=1000)
    title: str | None = fm(TEXT, "An optional headline; defaults to the claim.", default=None,
                           max_chars=300)
    claim_original: str | None = fm(TEXT, "The claim in the words and language its claimant "
                                    "used, when that is not the site's language; with "
                                    "`claim_language`.", default=None, max_chars=1000)
    claim_language: str | None = fm(LANGUAGE, "BCP 47 language tag of `claim_original`, "
                                    "such as `ru` or `hy`; with `claim_original`.",
                                    default=None)
    claimant: str = fm(TEXT, "Who made the claim: a person or organisation of the registry "
                       "(content/people/), by slug, name or alias, with an optional "
                       "qualifier such as `(as reported)`.", max_chars=200)
    kind: ClaimKind = fm(one_of(ClaimKind), "What the claim is: a `statement` of fact (the "
                         "default), or an `opinion`, a `forecast` or an `intention`, which are "
                         "not rated (`verdict: not-rated`).", default=ClaimKind.STATEMENT)
    claimant_type: ClaimantType | None = fm(one_of(ClaimantType), "Deprecated: the registry "
                                            "entry's `type` says it. Read only when the "
                                            "claimant is not registered.", default=None)
    claim_date: PartialDate = fm(DATE, "When the claim was made: YYYY, YYYY-MM or "
                                 "YYYY-MM-DD.")
    appearance: tuple[str, ...] = fm(REF_LIST, "Where the claim was made or reported: source "
                                     "ids or URLs.", default=())
    verdict: str = fm(CHOICE, "A key of the verdict scale.")
    summary: str = fm(TEXT, "The verdict in two or three sentences.", max_chars=2000)
    published: PartialDate = fm(DAY, "The day this fact check was (or will be) first "
                                "published: YYYY-MM-DD. A day after today holds it back "
                                "from the site until then.")
    updated: PartialDate | None = fm(DAY, "The day of the last substantive change, if any: "
                                     "YYYY-MM-DD.", default=None)
    tags: tuple[str, ...] = fm(TEXT_LIST, "Topics, for browsing: each the slug or the name of a "
                               "topic of the settings' `topics`.", default=(), max_items=20,
                               max_chars=60)
    corrections: tuple[Correction, ...] = fm(list_of(Correction), "Each correction, dated, in "
                                             "its own words.", default=(), max_items=100)
    evidence: tuple[Evidence, ...] = fm(list_of(Evidence), "Quotes from the sources that bear "
                                        "on the claim.", min_items=1,
                                        max_items=limits.MAX_EVIDENCE_ITEMS)
    body: str
    body_line: int
    appearance_line: int = 1
    verdict_at: tuple[int, int] = (1, 1)  # line and column of the `verdict:` value
    claimant_at: tuple[int, int] = (1, 1)  # line and column of the `claimant:` value
    claim_language_at: tuple[int, int] = (1, 1)  # of `claim_language:` (or `claim_original:`)
    claimant_type_at: tuple[int, int] = (0, 0)  # of `claimant_type:`, when written
    evidence_whole: bool = True  # every evidence item was valid as written
    kind_whole: bool = True  # `kind` was left out or valid as written
    fingerprint: str = ""  # a digest of the file's bytes: equal fingerprints, equal claims

    @property
    def headline(self) -> str:
        return self.title or self.claim

    @property
    def rated(self) -> bool:
        """Whether the claim has a rating (and a ClaimReview): not when it is not rated."""
        return self.verdict != NOT_RATED


@model
class Person:
    """A person or organisation of the registry (`content/people/<slug>.md`): who claims,
    accounts and outlets name, and whom they speak for."""

    slug: str
    path: Path
    _: KW_ONLY
    name: str = fm(TEXT, "The name as the site shows it.", max_chars=200)
    type: ClaimantType = fm(one_of(ClaimantType), "Whether this is a person or an "
                            "organization.")
    aliases: tuple[str, ...] = fm(TEXT_LIST, "Other spellings, transliterations and names in "
                                  "other scripts; claims may name the entry by any of them.",
                                  default=(), max_items=50, max_chars=200)
    part_of: tuple[str, ...] = fm(TEXT_LIST, "The slug of the organisation this entry speaks "
                                  "for (a spokesperson's ministry, a ministry's government); "
                                  "a list for a joint statement of several parties.",
                                  default=(), max_items=10, max_chars=100)
    role: str | None = fm(TEXT, "The role the sources give, e.g. `Spokesperson of the "
                          "Russian Foreign Ministry`.", default=None, max_chars=300)
    same_as: tuple[str, ...] = fm(URL_LIST, "URLs that identify the entry, such as a "
                                  "Wikidata item; never invented.", default=(), max_items=10)
    description: str | None = fm(TEXT, "One line on who this is.", default=None,
                                 max_chars=500)
    body: str = ""
    body_line: int = 1
    part_of_at: tuple[tuple[int, int], ...] = ()  # where each `part_of` entry is written
    alias_at: tuple[tuple[int, int], ...] = ()  # where each alias is written
    name_at: tuple[int, int] = (1, 1)
    fingerprint: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a claim may name the entry, its slug first."""
        return (self.slug, self.name, *self.aliases)


@dataclass(frozen=True)
class Draft:
    """A claim file whose front-matter has errors: never built, but its valid evidence
    items are still anchored, so that one run reports every problem."""

    slug: str
    path: Path
    evidence: tuple[Evidence, ...]
    appearance: tuple[str, ...] = ()
    appearance_line: int = 1


def fingerprint(item: Claim | Source | Person) -> str:
    """What tells two versions of a claim or source apart: the digest of its file's bytes,
    or of its `repr` for one built in code, which has no file."""
    return item.fingerprint or text_digest(repr(item))
