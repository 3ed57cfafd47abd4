"""The JSON Schema for editors agrees with the check, tried with a real validator.

An editor's YAML language server validates JSON-like data: an unquoted `2021` is a number,
`2026-11-22` a string. Each file is read that way (PyYAML's safe loader, dates left as the
text they were written as), and the schema must accept what the check accepts and refuse
what it refuses, wherever JSON Schema can tell the two apart.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from checkutil import SEED, TESTS, VALID_CLAIM, replace_line, run_cli
from generator.content.fields import (
    CLAIM_FIELDS,
    DATE_PATTERN,
    SOURCE_FIELDS,
    Field,
    Kind,
    Validator,
)
from generator.content.load import load_claim, load_source
from generator.content.settings import Desk, PluginOptions, Verdict, load_settings
from generator.content.textfile import parse
from generator.content.topics import Topic
from generator.diagnostics import Report
from generator.model import SPEC, Claim, Correction, Evidence, PartialDate, Source, Stance

SETTINGS, _ = load_settings(SEED)
CLAIMS = sorted((SEED / SETTINGS.claims_dir).glob("*.md"))
SOURCES = sorted((SEED / SETTINGS.sources_dir).glob("*.md"))
MALFORMED = sorted((TESTS / "malformed").glob("*/*.md"))
_FRONT_MATTER = re.compile(r"\A\ufeff?---\r?\n(.*?)^---\r?$", re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft202012Validator]:
    """The schemas `factcheck schema` writes for this repository, each checked as a schema."""
    out = tmp_path_factory.mktemp("schemas")
    result = run_cli(["schema", "--root", str(SEED), "--out", str(out)])
    assert result.code == 0, result.err
    validators = {}
    for name in ("claim", "source"):
        schema = json.loads((out / f"{name}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        validators[name] = Draft202012Validator(schema)
    return validators


class EditorLoader(yaml.SafeLoader):
    """PyYAML's safe loader, reading a date as the text it was written as (as JSON has no
    dates, an editor sees `2026-02-30` as text, where PyYAML would fail)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_json(value: Any) -> Any:
    """YAML data as JSON data, whose keys are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def front_matter(text: str) -> Any:
    m = _FRONT_MATTER.match(text)
    assert m, "no front-matter"
    return as_json(yaml.load(m.group(1), Loader=EditorLoader))


def schema_errors(schemas: dict[str, Draft202012Validator], name: str, text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in schemas[name].iter_errors(front_matter(text))]


def check_errors(text: str, fields: tuple[Field, ...]) -> list[str] | None:
    """What the check's validator says of the front-matter; None when it cannot be read."""
    report = Report("x.md")
    tf = parse(text, Path("x.md"), "x.md", report)
    if tf is None or report.items:
        return None  # not valid YAML, or refused as it was read: no schema's business
    Validator(tf, report, {"verdict": SETTINGS.verdict_keys}).mapping(tf.data, fields, (), "x")
    return [d.message for d in report.items]


@pytest.mark.parametrize("path", CLAIMS + SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_landed_file_validates(schemas: dict[str, Draft202012Validator], path: Path
                                     ) -> None:
    name = "claim" if path in CLAIMS else "source"
    assert schema_errors(schemas, name, path.read_text(encoding="utf-8")) == []


def test_the_landed_files_are_there() -> None:
    assert len(CLAIMS) >= 17 and len(SOURCES) >= 5


def keys_checked(path: Path) -> tuple[Path, list[str]] | None:
    """A malformed file and the check's errors, if the check reads it as far as its keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None
    check = check_errors(text, CLAIM_FIELDS if path.parent.name == "claims" else SOURCE_FIELDS)
    return None if check is None else (path, check)


# Files refused as they are read (not UTF-8, not YAML, a duplicate key) are no schema's.
CHECKED = [case for path in MALFORMED if (case := keys_checked(path))]


@pytest.mark.parametrize(("path", "check"), CHECKED,
                         ids=[f"{p.parent.name}/{p.name}" for p, _ in CHECKED])
def test_the_schema_agrees_on_the_malformed_files(schemas: dict[str, Draft202012Validator],
                                                  path: Path, check: list[str]) -> None:
    name = "claim" if path.parent.name == "claims" else "source"
    schema = schema_errors(schemas, name, path.read_text(encoding="utf-8"))
    assert bool(schema) == bool(check), (check, schema)


def test_the_malformed_files_include_refusals_of_keys() -> None:
    assert sum(bool(check) for _, check in CHECKED) >= 20


# Each line of VALID_CLAIM replaced, and whether the check accepts the result.
ACCEPTED = [
    ("verdict:", "verdict: true"),  # YAML reads a boolean: the verdict it names
    ("verdict:", "verdict: false"),
    ("claim_date:", "claim_date: 2021"),  # YAML reads a number
    ("claim_date:", "claim_date: 2023-09-20"),  # YAML reads a date
    ("claim_date:", "claim_date: '2023'"),
    ("published:", "published: 2024-02-29"),
    ("title:", "title: 1984"),
    ("title:", "title: 3.14"),
    ("title:", "title:"),  # an empty optional key is passed over
    ("title:", "title: ''"),
    ("updated:", "updated:"),
    ("claimant:", "claimant: 0x1F"),  # read as the text written
    ("tags:", "tags: [2023, peacekeepers]"),
    ("tags:", "tags: peacekeepers"),
    ("tags:", "tags: []"),
    ("appearance:", "appearance: [lavrov-mirzoyan-talks, 'HTTPS://example.org/a']"),
    ("appearance:", "appearance: [2024]"),
    ("  - source:", "  - source: 2024"),
    ("    account:", "    account: 42"),
]
REFUSED = [
    ("claim_date:", "claim_date: 2023-13"),
    ("claim_date:", "claim_date: 2023-9"),
    ("claim_date:", "claim_date: '0000'"),
    ("claim_date:", "claim_date: 999"),
    ("claim_date:", "claim_date: 20231"),
    ("claim_date:", "claim_date: -2021"),
    ("claim_date:", "claim_date: 2021.5"),
    ("claim_date:", "claim_date: true"),
    ("published:", "published: 2026"),  # the fact check's own dates are known to the day
    ("published:", "published: 2026-11"),
    ("updated:", "updated: '2026-12'"),
    ("claim_date:", "claim_date:"),  # required
    ("claim_date:", "claim_date: [2021]"),
    ("claimant:", "claimant: true"),
    ("claimant:", "claimant: ~"),
    ("claimant:", "claimant: ''"),
    ("claimant:", "claimant: [a, b]"),
    ("claimant:", "claimant: " + "x" * 201),
    ("title:", "title: {a: b}"),
    ("title:", "title: false"),
    ("verdict:", "verdict: mostly-ture"),
    ("tags:", "tags: 5"),
    ("tags:", "tags: [a, ~]"),
    ("tags:", "tags: [a, '']"),
    ("tags:", "tags: [" + ", ".join(f"t{i}" for i in range(21)) + "]"),
    ("appearance:", "appearance: ftp://example.org"),
    ("appearance:", "appearance: [-5]"),
    ("appearance:", "appearance: [Not_An_Id]"),
    ("appearance:", "appearance: 2024"),
    ("  - source:", "  - source: Russia_Urges"),
    ("  - source:", "  - source: -3"),
    ("    stance:", "    stance: support"),
    ("    account:", "    account: [a]"),
    ("    account:", "    passage: 3"),
    ("    account:", "    passage: q3"),
    ("    account:", "    page: 3"),
    ("  - date:", "  - date: 2026-13"),
    ("  - date:", "  - date: 2026-02-29"),  # not a leap year
    ("  - date:", "  - date: 2026-04-31"),
    ("  - date:", "  - when: 2026-02-01"),
]


@pytest.mark.parametrize(("old", "new"), ACCEPTED, ids=[n for _, n in ACCEPTED])
def test_the_schema_accepts_what_the_check_accepts(schemas: dict[str, Draft202012Validator],
                                                   old: str, new: str) -> None:
    text = replace_line(VALID_CLAIM, old, new)
    assert check_errors(text, CLAIM_FIELDS) == []
    assert schema_errors(schemas, "claim", text) == []


@pytest.mark.parametrize(("old", "new"), REFUSED, ids=[n[:40] for _, n in REFUSED])
def test_the_schema_refuses_what_the_check_refuses(schemas: dict[str, Draft202012Validator],
                                                   old: str, new: str) -> None:
    text = replace_line(VALID_CLAIM, old, new)
    check = check_errors(text, CLAIM_FIELDS)
    assert check
    assert schema_errors(schemas, "claim", text) != [], check


@pytest.mark.parametrize("year", [1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999])
def test_the_date_pattern_takes_the_dates_the_check_takes(year: int) -> None:
    pattern = re.compile(DATE_PATTERN)
    texts = [f"{year:04d}", *(f"{year:04d}-{m:02d}" for m in range(14)),
             *(f"{year:04d}-{m:02d}-{d:02d}" for m in range(14) for d in range(33))]
    for text in texts:
        assert bool(pattern.match(text)) == (PartialDate.parse(text) is not None), text


# -- the model's types are the validator's ------------------------------------------------

KIND_TYPES: dict[Kind, object] = {
    Kind.TEXT: str, Kind.ID: str, Kind.PASSAGE: str, Kind.URL: str, Kind.LANGUAGE: str,
    Kind.COLOUR: str, Kind.CHOICE: str, Kind.DATE: PartialDate, Kind.DAY: PartialDate,
    Kind.INT: int, Kind.BOOL: bool,
    Kind.TEXT_LIST: tuple[str, ...], Kind.REF_LIST: tuple[str, ...], Kind.SHA256: str,
}


@pytest.mark.parametrize("model", [Source, Claim, Evidence, Correction, Verdict, Topic, Desk,
                                   PluginOptions])
def test_each_key_is_annotated_with_the_type_of_its_kind(model: type[Any]) -> None:
    """mypy holds `fm(KIND, ...)` to its annotation; this says the same at run time."""
    hints = typing.get_type_hints(model)
    keys = [f for f in dataclasses.fields(model) if SPEC in f.metadata]
    assert keys
    for f in keys:
        spec = f.metadata[SPEC]
        hint = hints[f.name]
        if f.default is None:
            assert typing.get_origin(hint) is types.UnionType, f.name
            (hint,) = (a for a in typing.get_args(hint) if a is not type(None))
        if spec.of.kind is Kind.OBJECTS:
            assert hint == tuple[spec.of.item, ...], f.name
        elif spec.of.kind is Kind.OBJECT:
            assert hint == spec.of.item, f.name
        elif spec.of.choices:
            assert issubclass(hint, str) and set(spec.of.choices) == {c.value for c in hint}
        else:
            assert hint == KIND_TYPES[spec.of.kind], f.name


def conforms(value: Any, hint: Any) -> bool:
    """Whether a value is of an annotated type (the few shapes the model uses)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType:
        return any(conforms(value, a) for a in args)
    if origin is tuple:
        return isinstance(value, tuple) and all(conforms(v, args[0]) for v in value)
    return value is None if hint is type(None) else isinstance(value, hint)


def test_the_loaded_model_holds_the_annotated_types() -> None:
    """The validator's values fill the model through `**values`: their types must agree."""
    loaded: list[Any] = []
    for path in SOURCES:
        source, _ = load_source(path, SETTINGS)
        loaded.append(source)
    for path in CLAIMS:
        claim, _ = load_claim(path, SETTINGS)
        assert claim is not None
        loaded += [claim, *claim.evidence, *claim.corrections]
    loaded += list(SETTINGS.verdicts)
    assert any(isinstance(x, Evidence) and x.stance is Stance.SUPPORTS for x in loaded)
    for obj in loaded:
        hints = typing.get_type_hints(type(obj))
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            assert conforms(value, hints[f.name]), (type(obj).__name__, f.name, value)
