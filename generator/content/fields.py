"""The front-matter formats, read off the model: the validator and the JSON Schema use these."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass
from typing import Any

from generator import limits
from generator.content.textfile import INVALID, Key, TextFile
from generator.diagnostics import clip
from generator.model import (
    ID_PATTERN,
    SPEC,
    Claim,
    Correction,
    Evidence,
    PartialDate,
    Person,
    Source,
    Spec,
    is_id,
)
from generator.model import Kind as Kind  # re-exported: the kinds belong to the formats

PASSAGE_PATTERN = r"^p[1-9][0-9]*$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
# For the JSON Schema only, where the check parses: a real date as YYYY, YYYY-MM or
# YYYY-MM-DD (or, for a day, YYYY-MM-DD only), from year 0001, with 29 February in leap
# years only.
_LEAP_YEAR = r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_MONTH_DAY = (r"-(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|-(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
              r"|-02-(?:0[1-9]|1\d|2[0-8])")
DATE_PATTERN = (rf"^(?!0000)(?:\d{{4}}(?:-(?:0[1-9]|1[0-2])|{_MONTH_DAY})?"
                rf"|{_LEAP_YEAR}-02-29)$")
DAY_PATTERN = rf"^(?!0000)(?:\d{{4}}(?:{_MONTH_DAY})|{_LEAP_YEAR}-02-29)$"
# The UTC time of a fetch, as `factcheck capture` writes `retrieved`.
TIMESTAMP_PATTERN = (r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
                     r"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$")
SHA256_PATTERN = r"^sha256:[0-9a-f]{64}$"
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/$.?#][^\s]*$"  # no flags in JSON Schema
COLOUR_PATTERN = r"^(?:#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,30})$"
_URL = re.compile(URL_PATTERN)
_TIMESTAMP = re.compile(TIMESTAMP_PATTERN)
# The text kinds with a fixed form: the pattern, and what an error says is expected.
_TEXT_FORMATS: dict[Kind, tuple[re.Pattern[str], str]] = {
    Kind.PASSAGE: (re.compile(PASSAGE_PATTERN),
                   "a passage anchor like `p3`, as shown on the source page"),
    Kind.URL: (_URL, "an absolute http:// or https:// URL; leave the key out when it is not "
                     "known"),
    Kind.SHA256: (re.compile(SHA256_PATTERN),
                  "`sha256:` and 64 lowercase hex digits, as `factcheck capture` writes it"),
    Kind.COLOUR: (re.compile(COLOUR_PATTERN), "a colour like `#1b7f3b` or `teal`"),
    Kind.LANGUAGE: (re.compile(LANGUAGE_PATTERN),
                    "a BCP 47 language tag such as `en`, `ru` or `hy`"),
}


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


def declared(model: type[Any]) -> tuple[Field, ...]:
    """The front-matter keys of a model class (its `fm` attributes), in declared order."""
    out = []
    for f in dataclasses.fields(model):
        spec = f.metadata.get(SPEC)
        if not isinstance(spec, Spec):
            continue
        optional = f.default is not MISSING or f.default_factory is not MISSING
        out.append(Field(
            f.name, spec.of.kind, spec.description, required=not optional,
            choices=spec.of.choices, items=declared(spec.of.item) if spec.of.item else (),
            min_items=spec.min_items, max_items=spec.max_items, max_chars=spec.max_chars,
            default=f.default if isinstance(f.default, str) else None,
        ))
    return tuple(out)


SOURCE_FIELDS = declared(Source)
EVIDENCE_FIELDS = declared(Evidence)
CORRECTION_FIELDS = declared(Correction)
CLAIM_FIELDS = declared(Claim)
PERSON_FIELDS = declared(Person)


def nearest(word: str, options: Sequence[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(options), n=n, cutoff=0.5)


def suggestion(word: str, options: Sequence[str]) -> str:
    close = nearest(word, options)
    return f"; did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else ""


# The kinds whose value is text: YAML's reading of a bare `no` or `~` in one is refused,
# never passed on as `false` or as no value.
_TEXT_KINDS = frozenset({Kind.TEXT, Kind.ID, Kind.PASSAGE, Kind.URL, Kind.LANGUAGE, Kind.CHOICE,
                         Kind.COLOUR, Kind.SHA256, Kind.TEXT_LIST, Kind.REF_LIST,
                         Kind.URL_LIST})


def _bare(written: str) -> str:
    """`no` as a message shows it: "the bare word `no`", "the bare `~`"."""
    return f"the bare {'word ' if written.isalpha() else ''}`{written}`"


def _as_yaml_reads(raw: bool | None) -> str:
    return "no value" if raw is None else "true" if raw else "false"


class Validator:
    """Checks front-matter against field declarations, reporting every problem.

    `null_is_absent` takes a spelled-out `~` or `null` in a text field for a key left
    out, as MkDocs does in its own settings; in claims and sources it is refused."""

    def __init__(self, tf: TextFile, report: Any, choices: Mapping[str, Sequence[str]], *,
                 null_is_absent: bool = False) -> None:
        self.tf = tf
        self.report = report
        self.choices = choices
        self.null_is_absent = null_is_absent

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
                written = self.tf.scalar_text.get((*key, f.name)) if raw is None else ""
                if written and f.kind in _TEXT_KINDS and not self.null_is_absent:
                    self.error((*key, f.name), self.bare_null(f, written), at_value=True)
                    continue
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

    def bare_null(self, f: Field, written: str) -> str:
        """The message for `key: ~` or `key: null` in a text field."""
        quoted = f'`{f.name}: "{written}"`'
        fix = ("write the value" if f.required else "leave the key out when it is not known")
        return (f"`{f.name}` is {_bare(written)}, which YAML reads as no value; {fix}, or "
                f"quote it ({quoted}) if it is the text")

    def value(self, f: Field, raw: Any, key: Key, what: str) -> Any:
        name = f"`{f.name}`"
        if f.kind is Kind.TEXT:  # the most common kind first
            return self.text(raw, key, name, f.max_chars)
        if f.kind in (Kind.DATE, Kind.DAY):
            return self.date(raw, key, name, day=f.kind is Kind.DAY)
        if f.kind is Kind.CHOICE and isinstance(raw, bool):
            return self.bare_choice(f, raw, key, name)
        if f.kind is Kind.BOOL:
            if not isinstance(raw, bool):
                shown = self.tf.scalar_text.get(key, str(raw))
                self.error(key, f"{name} is `{clip(shown)}`: expected `true` or `false`",
                           at_value=True)
                return None
            return raw
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
        if f.kind is Kind.OBJECT:
            if not isinstance(raw, dict):
                self.error(key, f"{name} must be a mapping of keys "
                                f"({', '.join(x.name for x in f.items)}), found {_kind(raw)}",
                           at_value=True)
                return None
            return self.mapping(raw, f.items, key, name)
        if f.kind in (Kind.TEXT_LIST, Kind.REF_LIST, Kind.URL_LIST):
            # One entry may stand alone; a bare `no` alone is told as such.
            values = [raw] if isinstance(raw, str | bool) else raw
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
                text = self.text(item, here, f"entry {i + 1} of {name}"
                                 if isinstance(raw, list) else name, f.max_chars)
                if text is None:
                    continue
                if f.kind is Kind.REF_LIST and not (is_id(text) or _URL.match(text)):
                    self.error(here, f"entry {i + 1} of {name} is `{clip(text)}`: expected a "
                                     "source id (like `russia-urges-talks`) or an http(s) URL",
                               at_value=True)
                    continue
                if f.kind is Kind.URL_LIST and not _URL.match(text):
                    self.error(here, f"entry {i + 1} of {name} is `{clip(text)}`: expected "
                                     f"{_TEXT_FORMATS[Kind.URL][1]}", at_value=True)
                    continue
                out.append(text)
            return tuple(out)
        text = self.text(raw, key, name, f.max_chars)
        if text is None:
            return None
        if f.kind is Kind.ID and not is_id(text):
            hint = " (the file name without .md)" if f.name == "source" else ""
            self.error(key, f"{name} is `{clip(text)}`: expected an id of lowercase letters, "
                            f"digits and hyphens{hint}", at_value=True)
            return None
        text_format = _TEXT_FORMATS.get(f.kind)
        if text_format is not None and not text_format[0].match(text):
            self.error(key, f"{name} is `{clip(text)}`: expected {text_format[1]}",
                       at_value=True)
            return None
        if f.kind is Kind.CHOICE:
            options = f.choices or tuple(self.choices.get(f.name, ()))
            if text not in options:
                self.error(key, f"{name} is `{clip(text)}`{suggestion(text, options)}; "
                                f"expected one of: {', '.join(options)}", at_value=True)
                return None
        return text

    def bare_choice(self, f: Field, raw: bool, key: Key, name: str) -> str | None:
        """`verdict: true` is the verdict `true`; `verdict: no`, which YAML reads as false
        too, is no verdict, and the message says what was written."""
        options = f.choices or tuple(self.choices.get(f.name, ()))
        word = _as_yaml_reads(raw)
        written = self.tf.scalar_text.get(key, word)
        if written in options:
            return written
        hint = f"; did you mean `{word}`?" if word in options else ""
        self.error(key, f"{name} is {_bare(written)}, which YAML reads as {word}{hint}; "
                        f"expected one of: {', '.join(options)}", at_value=True)
        return None

    def text(self, raw: Any, key: Key, name: str, max_chars: int) -> str | None:
        if type(raw) is str and 0 < len(text := raw.strip()) <= max_chars:
            return text  # the common case, valid text, decided at once
        written = self.tf.scalar_text.get(key)
        if isinstance(raw, bool) or (raw is None and written):
            # A bare `no`, `off` or `~`: never passed on as the value YAML made of it.
            word = written or _as_yaml_reads(raw)
            example = f'{key[-1]}: "{word}"' if key and isinstance(key[-1], str) else (
                f'"{word}"')
            self.error(key, f"{name} is {_bare(word)}, which YAML reads as "
                            f"{_as_yaml_reads(raw)}, not as text; put it in quotes: "
                            f"`{example}`", at_value=True)
            return None
        if raw is None:
            self.error(key, f"{name} is empty; write the text or remove the entry",
                       at_value=True)
            return None
        if isinstance(raw, dt.date):
            self.error(key, f"{name} must be text, but YAML reads `{written or raw}` as "
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

    def date(self, raw: Any, key: Key, name: str, *, day: bool = False) -> PartialDate | None:
        """A date as YYYY, YYYY-MM or YYYY-MM-DD; with `day`, only YYYY-MM-DD."""
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            return PartialDate(raw.year, raw.month, raw.day)
        text = str(raw).strip() if isinstance(raw, int | str) and not isinstance(raw, bool) else ""
        if _TIMESTAMP.match(text):  # quoted, YAML leaves a time as text
            text = text[:10]
        parsed = PartialDate.parse(text)
        if parsed is None:
            shown = self.tf.scalar_text.get(key) or (
                clip(str(raw)) if not isinstance(raw, list | dict) else _kind(raw))
            expected = "YYYY-MM-DD" if day else "YYYY, YYYY-MM or YYYY-MM-DD"
            self.error(key, f"{name} is `{shown}`: expected a real date as {expected}",
                       at_value=True)
        elif day and not parsed.day:
            known = "a month" if parsed.month else "a year"
            self.error(key, f"{name} is `{parsed.iso}`, {known} only: the fact check's own "
                            "dates are known to the day; write it in full as YYYY-MM-DD",
                       at_value=True)
            return None
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


# What an editor's YAML language server sees is JSON-like data: an unquoted `2021` is a
# number, `2023-09-20` a string. The schema accepts what the check accepts of that data:
# numbers where the check takes their text (scalar_text), whole years as numbers, and an
# empty optional key, which the check passes over. JSON Schema cannot see quotes, so
# a value the check refuses only when unquoted (`title: 2023-09-20`) passes here.
_YEAR = {"type": "integer", "minimum": 1000, "maximum": 9999}


def _field_schema(f: Field, choices: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    value = _value_schema(f, choices)
    if not f.required:
        value = {"anyOf": [value, {"enum": [None, ""]}]}
    base: dict[str, Any] = {"description": f.description, **value}
    if f.default is not None:
        base["default"] = f.default
    return base


def _value_schema(f: Field, choices: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    # String constraints sit beside `anyOf`, where they bind strings only, so a wrong
    # string is told what is wrong with it rather than that it matches no alternative.
    text = {"type": "string", "minLength": 1, "maxLength": f.max_chars}
    text_or_number = {"minLength": 1, "maxLength": f.max_chars,
                      "anyOf": [{"type": "string"}, {"type": "number"}]}
    match f.kind:
        case Kind.TEXT:
            return text_or_number
        case Kind.INT:
            return {"type": "integer"}
        case Kind.ID:
            return {"pattern": ID_PATTERN,
                    "anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]}
        case Kind.PASSAGE:
            return {"type": "string", "pattern": PASSAGE_PATTERN}
        case Kind.DATE:
            return {"pattern": f"{DATE_PATTERN}|{TIMESTAMP_PATTERN}",
                    "anyOf": [{"type": "string"}, _YEAR]}
        case Kind.DAY:
            return {"type": "string", "pattern": DAY_PATTERN}
        case Kind.BOOL:
            return {"type": "boolean"}
        case Kind.SHA256:
            return {"type": "string", "pattern": SHA256_PATTERN}
        case Kind.URL:
            return {"type": "string", "pattern": URL_PATTERN}
        case Kind.LANGUAGE:
            return {"type": "string", "pattern": LANGUAGE_PATTERN}
        case Kind.COLOUR:
            return {"type": "string", "pattern": COLOUR_PATTERN}
        case Kind.CHOICE:
            options = list(f.choices or choices.get(f.name, ()))
            # Unquoted, `true` and `false` are booleans to YAML; the check takes them as
            # the choices they name.
            words = [w == "true" for w in ("true", "false") if w in options]
            return {"enum": options + words} if words else {"type": "string",
                                                            "enum": options}
        case Kind.TEXT_LIST | Kind.REF_LIST | Kind.URL_LIST:
            # One entry may stand alone, as text; in a list, numbers are read as text too.
            if f.kind is Kind.TEXT_LIST:
                one, entry = text, text_or_number
            elif f.kind is Kind.URL_LIST:
                one = entry = {"type": "string", "pattern": URL_PATTERN}
            else:
                one = {"type": "string", "anyOf": [{"pattern": ID_PATTERN},
                                                   {"pattern": URL_PATTERN}]}
                entry = {"anyOf": [one, {"type": "integer", "minimum": 0}]}
            lst: dict[str, Any] = {"type": "array", "items": entry}
            if f.max_items:
                lst["maxItems"] = f.max_items
            return {"anyOf": [lst, one]}
        case Kind.OBJECT:
            return _object_schema(f.items, choices)
        case Kind.OBJECTS:
            objects: dict[str, Any] = {"type": "array",
                                       "items": _object_schema(f.items, choices)}
            if f.min_items:
                objects["minItems"] = f.min_items
            if f.max_items:
                objects["maxItems"] = f.max_items
            return objects
    raise AssertionError(f"no JSON Schema for {f.kind}")


def _kind(value: Any) -> str:
    from generator.content.textfile import _kind as kind

    return kind(value)
