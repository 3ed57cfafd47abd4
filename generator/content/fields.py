"""The front-matter formats, declared once: the validator and the JSON Schema both read these."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from generator import limits
from generator.content.textfile import INVALID, Key, TextFile
from generator.model import PartialDate, Stance

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PASSAGE_PATTERN = r"^p[1-9][0-9]*$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
_ID = re.compile(ID_PATTERN)
_PASSAGE = re.compile(PASSAGE_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_URL = re.compile(URL_PATTERN, re.IGNORECASE)
COLOUR_PATTERN = r"^(?:#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,30})$"
_COLOUR = re.compile(COLOUR_PATTERN)


class Kind(StrEnum):
    TEXT = "text"
    ID = "id"
    PASSAGE = "passage"
    DATE = "date"
    URL = "url"
    LANGUAGE = "language"
    CHOICE = "choice"
    INT = "integer"
    COLOUR = "colour"
    TEXT_LIST = "text list"
    REF_LIST = "list of source ids or URLs"
    OBJECTS = "list of items"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    items: tuple[Field, ...] = ()
    min_items: int = 0
    max_items: int = 0
    max_chars: int = limits.MAX_STRING_CHARS
    default: str | None = None


SOURCE_FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, "The headline as published.", required=True, max_chars=500),
    Field("outlet", Kind.TEXT, "The publisher as a reader knows it; leave out when unknown.",
          max_chars=200),
    Field("url", Kind.URL, "Where the article was published; never invented."),
    Field("published", Kind.DATE, "Publication date: YYYY, YYYY-MM or YYYY-MM-DD."),
    Field("author", Kind.TEXT, "The byline, when the article shows one.", max_chars=300),
    Field("language", Kind.LANGUAGE, "BCP 47 language tag of the article.", default="en"),
    Field("archive_url", Kind.URL, "An archived copy of the article."),
    Field("retrieved", Kind.DATE, "When the stored copy was taken: YYYY, YYYY-MM or YYYY-MM-DD."),
    Field("notes", Kind.TEXT, "Editorial notes on the copy, e.g. which metadata is inferred "
          "from the text and how."),
)

EVIDENCE_FIELDS: tuple[Field, ...] = (
    Field("source", Kind.ID, "The id of a file in sources/ (its name without .md).",
          required=True),
    Field("quote", Kind.TEXT, "The words of the source, verbatim; `…` marks omitted text.",
          required=True, max_chars=limits.MAX_QUOTE_CHARS),
    Field("stance", Kind.CHOICE, "How the quote bears on the claim.", required=True,
          choices=tuple(s.value for s in Stance)),
    Field("account", Kind.TEXT, "Whose account this is; defaults to the source's outlet.",
          max_chars=200),
    Field("note", Kind.TEXT, "A one-line comment on the quote.", max_chars=1000),
    Field("prefix", Kind.TEXT, "Words just before the quote, to choose one of several "
          "occurrences.", max_chars=500),
    Field("suffix", Kind.TEXT, "Words just after the quote, to choose one of several "
          "occurrences.", max_chars=500),
    Field("passage", Kind.PASSAGE, "The passage anchor (p1, p2, …) that holds the quote, to "
          "choose one of several occurrences."),
)

CORRECTION_FIELDS: tuple[Field, ...] = (
    Field("date", Kind.DATE, "When the correction was made.", required=True),
    Field("note", Kind.TEXT, "What was corrected, in a sentence or two.", required=True),
)

CLAIM_FIELDS: tuple[Field, ...] = (
    Field("claim", Kind.TEXT, "The claim, stated as its claimant made it.", required=True,
          max_chars=1000),
    Field("title", Kind.TEXT, "An optional headline; defaults to the claim.", max_chars=300),
    Field("claimant", Kind.TEXT, "Who made the claim.", required=True, max_chars=200),
    Field("claim_date", Kind.DATE, "When the claim was made: YYYY, YYYY-MM or YYYY-MM-DD.",
          required=True),
    Field("appearance", Kind.REF_LIST, "Where the claim was made or reported: source ids or "
          "URLs."),
    Field("verdict", Kind.CHOICE, "A key of the verdict scale.", required=True),
    Field("summary", Kind.TEXT, "The verdict in two or three sentences.", required=True,
          max_chars=2000),
    Field("published", Kind.DATE, "When this fact check was first published.", required=True),
    Field("updated", Kind.DATE, "The last substantive change, if any."),
    Field("tags", Kind.TEXT_LIST, "Topics, for browsing.", max_items=20, max_chars=60),
    Field("corrections", Kind.OBJECTS, "Each correction, dated, in its own words.",
          items=CORRECTION_FIELDS, max_items=100),
    Field("evidence", Kind.OBJECTS, "Quotes from the sources that bear on the claim.",
          required=True, items=EVIDENCE_FIELDS, min_items=1,
          max_items=limits.MAX_EVIDENCE_ITEMS),
)


def nearest(word: str, options: Sequence[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(options), n=n, cutoff=0.5)


def suggestion(word: str, options: Sequence[str]) -> str:
    close = nearest(word, options)
    return f"; did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else ""


class Validator:
    """Checks front-matter against field declarations, reporting every problem."""

    def __init__(self, tf: TextFile, report: Any, choices: Mapping[str, Sequence[str]]) -> None:
        self.tf = tf
        self.report = report
        self.choices = choices

    def error(self, key: Key, message: str, *, at_value: bool = False) -> None:
        line, col = self.tf.value_at(key) if at_value else self.tf.where(key)
        self.report.error(line, col, message)

    def mapping(
        self, data: Mapping[str, Any], fields: Sequence[Field], key: Key, what: str
    ) -> dict[str, Any]:
        known = {f.name: f for f in fields}
        out: dict[str, Any] = {}
        for name in data:
            if name not in known:
                self.error(
                    (*key, name),
                    f"unknown key `{name}` in {what}{suggestion(name, list(known))}"
                    if nearest(name, list(known)) else
                    f"unknown key `{name}` in {what}; the keys are "
                    + ", ".join(f"`{k}`" for k in known),
                )
        for f in fields:
            raw = data.get(f.name)
            if raw is INVALID:
                continue  # already reported where it was read
            if raw is None or raw == "":
                if f.required:
                    state = "is empty" if f.name in data else "is missing"
                    self.error(
                        (*key, f.name) if f.name in data else key,
                        f"required key `{f.name}` {state} in {what}: {f.description}",
                    )
                continue
            value = self.value(f, raw, (*key, f.name), what)
            if value is not None:
                out[f.name] = value
        return out

    def value(self, f: Field, raw: Any, key: Key, what: str) -> Any:
        name = f"`{f.name}`"
        if f.kind is Kind.TEXT:  # the most common kind first
            return self.text(raw, key, name, f.max_chars)
        if f.kind is Kind.DATE:
            return self.date(raw, key, name)
        if f.kind is Kind.INT:
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.error(key, f"{name} must be a whole number, found {_kind(raw)}",
                           at_value=True)
                return None
            return raw
        if f.kind is Kind.OBJECTS:
            if not isinstance(raw, list):
                self.error(key, f"{name} must be a list of items (lines starting with `- `), "
                                f"found {_kind(raw)}", at_value=True)
                return None
            if len(raw) < f.min_items:
                self.error(key, f"{name} needs at least {f.min_items} item(s), found none")
            if f.max_items and len(raw) > f.max_items:
                self.error(key, f"{name} has {len(raw):,} items, over the limit of "
                                f"{f.max_items}; split the claim")
                return None
            items: list[dict[str, Any] | None] = []
            for i, item in enumerate(raw):
                here = (*key, i)
                if item is INVALID:
                    items.append(None)
                    continue
                if not isinstance(item, dict):
                    self.error(here, f"item {i + 1} of {name} must be a mapping of keys "
                                     f"({', '.join(x.name for x in f.items)}), found "
                                     f"{_kind(item)}", at_value=True)
                    items.append(None)
                    continue
                items.append(self.mapping(item, f.items, here, f"item {i + 1} of {name}"))
            return items
        if f.kind in (Kind.TEXT_LIST, Kind.REF_LIST):
            values = [raw] if isinstance(raw, str) else raw
            if not isinstance(values, list):
                self.error(key, f"{name} must be a list like `[a, b]`, found {_kind(raw)}",
                           at_value=True)
                return None
            if f.max_items and len(values) > f.max_items:
                self.error(key, f"{name} has {len(values)} entries, over the limit of "
                                f"{f.max_items}")
                return None
            out = []
            for i, item in enumerate(values):
                here = (*key, i) if isinstance(raw, list) else key
                if item is INVALID:
                    continue
                text = self.text(item, here, f"entry {i + 1} of {name}", f.max_chars)
                if text is None:
                    continue
                if f.kind is Kind.REF_LIST and not (_ID.match(text) or _URL.match(text)):
                    self.error(here, f"entry {i + 1} of {name} is `{_clip(text)}`: expected a "
                                     "source id (like `russia-urges-talks`) or an http(s) URL",
                               at_value=True)
                    continue
                out.append(text)
            return tuple(out)
        text = self.text(raw, key, name, f.max_chars)
        if text is None:
            return None
        if f.kind is Kind.ID and not _ID.match(text):
            self.error(key, f"{name} is `{_clip(text)}`: expected an id of lowercase letters, "
                            "digits and hyphens (the file name without .md)", at_value=True)
            return None
        if f.kind is Kind.PASSAGE and not _PASSAGE.match(text):
            self.error(key, f"{name} is `{_clip(text)}`: expected a passage anchor like `p3`, "
                            "as shown on the source page", at_value=True)
            return None
        if f.kind is Kind.URL and not _URL.match(text):
            self.error(key, f"{name} is `{_clip(text)}`: expected an absolute http:// or "
                            "https:// URL; leave the key out when it is not known",
                       at_value=True)
            return None
        if f.kind is Kind.COLOUR and not _COLOUR.match(text):
            self.error(key, f"{name} is `{_clip(text)}`: expected a colour like `#1b7f3b` or "
                            "`teal`", at_value=True)
            return None
        if f.kind is Kind.LANGUAGE and not _LANGUAGE.match(text):
            self.error(key, f"{name} is `{_clip(text)}`: expected a BCP 47 language tag such "
                            "as `en`, `ru` or `hy`", at_value=True)
            return None
        if f.kind is Kind.CHOICE:
            options = f.choices or tuple(self.choices.get(f.name, ()))
            if text not in options:
                self.error(key, f"{name} is `{_clip(text)}`{suggestion(text, options)}; "
                                f"expected one of: {', '.join(options)}", at_value=True)
                return None
        return text

    def text(self, raw: Any, key: Key, name: str, max_chars: int) -> str | None:
        if type(raw) is str and 0 < len(text := raw.strip()) <= max_chars:
            return text  # the common case, valid text, decided at once
        if isinstance(raw, (bool, dt.date)) or raw is None:
            if raw is None:
                self.error(key, f"{name} is empty; write the text or remove the entry",
                           at_value=True)
                return None
            shown = str(raw).lower() if isinstance(raw, bool) else str(raw)
            self.error(key, f"{name} must be text, but YAML reads `{shown}` as "
                            f"{_kind(raw)}; put the value in quotes", at_value=True)
            return None
        if isinstance(raw, int | float):
            raw = self.tf.scalar_text.get(key, str(raw))
        if not isinstance(raw, str):
            self.error(key, f"{name} must be text, found {_kind(raw)}", at_value=True)
            return None
        text = raw.strip()
        if not text:
            self.error(key, f"{name} is empty", at_value=True)
            return None
        if len(text) > max_chars:
            self.error(key, f"{name} is {len(text):,} characters, over the limit of "
                            f"{max_chars:,}", at_value=True)
            return None
        return text

    def date(self, raw: Any, key: Key, name: str) -> PartialDate | None:
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            return PartialDate(raw.year, raw.month, raw.day)
        text = str(raw).strip() if isinstance(raw, int | str) and not isinstance(raw, bool) else ""
        parsed = PartialDate.parse(text)
        if parsed is None:
            shown = _clip(str(raw)) if not isinstance(raw, list | dict) else _kind(raw)
            self.error(key, f"{name} is `{shown}`: expected a real date as YYYY, YYYY-MM or "
                            "YYYY-MM-DD", at_value=True)
        return parsed


def json_schema(fields: Sequence[Field], title: str,
                choices: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for editors, from the same declarations."""
    schema = _object_schema(fields, choices or {})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def _object_schema(fields: Sequence[Field], choices: Mapping[str, Sequence[str]]
                   ) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _field_schema(f, choices) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _field_schema(f: Field, choices: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    base: dict[str, Any] = {"description": f.description}
    text = {"type": "string", "minLength": 1, "maxLength": f.max_chars}
    match f.kind:
        case Kind.TEXT:
            base |= text
        case Kind.INT:
            base |= {"type": "integer"}
        case Kind.ID:
            base |= {"type": "string", "pattern": ID_PATTERN}
        case Kind.PASSAGE:
            base |= {"type": "string", "pattern": PASSAGE_PATTERN}
        case Kind.DATE:
            base |= {"type": "string", "pattern": DATE_PATTERN}
        case Kind.URL:
            base |= {"type": "string", "pattern": URL_PATTERN}
        case Kind.LANGUAGE:
            base |= {"type": "string", "pattern": LANGUAGE_PATTERN}
        case Kind.COLOUR:
            base |= {"type": "string", "pattern": COLOUR_PATTERN}
        case Kind.CHOICE:
            base |= {"type": "string", "enum": list(f.choices or choices.get(f.name, ()))}
        case Kind.TEXT_LIST | Kind.REF_LIST:
            item = text if f.kind is Kind.TEXT_LIST else {
                "type": "string", "anyOf": [{"pattern": ID_PATTERN}, {"pattern": URL_PATTERN}]}
            lst: dict[str, Any] = {"type": "array", "items": item}
            if f.max_items:
                lst["maxItems"] = f.max_items
            base["anyOf"] = [item, lst]
        case Kind.OBJECTS:
            base |= {"type": "array", "items": _object_schema(f.items, choices)}
            if f.min_items:
                base["minItems"] = f.min_items
            if f.max_items:
                base["maxItems"] = f.max_items
    if f.default is not None:
        base["default"] = f.default
    return base


def _kind(value: Any) -> str:
    from generator.content.textfile import _kind as kind

    return kind(value)


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


