"""Files to the typed model: read, validate and convert every source and claim."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from generator.content import dates
from generator.content.bodyscan import scan_body
from generator.content.fields import CLAIM_FIELDS, PERSON_FIELDS, SOURCE_FIELDS, Validator
from generator.content.passages import split_passages
from generator.content.pins import body_sha256
from generator.content.settings import Settings
from generator.content.textfile import TextFile, read
from generator.content.topics import resolve_tags
from generator.diagnostics import Diagnostic, Report, display_path
from generator.i18n import primary
from generator.model import (
    Claim,
    ClaimantType,
    ClaimKind,
    Correction,
    Draft,
    Evidence,
    Person,
    Source,
    Stance,
    is_id,
)

log = logging.getLogger("factcheck.load")
T = TypeVar("T")


@dataclass
class Loaded:
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # the registry, by slug
    broken_people: set[str] = field(default_factory=set)  # entries with errors, not loaded
    drafts: dict[str, Draft] = field(default_factory=dict)  # claims with errors, not built
    broken_sources: set[str] = field(default_factory=set)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def markdown_files(folder: Path) -> list[Path]:
    """The `*.md` files directly in `folder`, by name (one directory read, no stat each)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".md") and e.is_file())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in names]


def _file_id(path: Path, report: Report, kind: str) -> str | None:
    stem = path.stem
    if not is_id(stem):
        report.error(1, 1, f"{kind} file name `{path.name}` is not a valid id: use lowercase "
                           "letters, digits and hyphens, like `russia-urges-talks.md`")
        return None
    return stem


def load_source(path: Path, settings: Settings) -> tuple[Source | None, list[Diagnostic]]:
    report = Report(display_path(path, settings.root))
    sid = _file_id(path, report, "source")
    tf = read(path, report.path, report)
    if tf is None or sid is None:
        return None, report.items
    values = Validator(tf, report, {}).mapping(tf.data, SOURCE_FIELDS, (), "the source")
    dates.check_source(tf, values, report, settings)
    passages = split_passages(tf.body, tf.body_line, report)
    if not passages:
        report.error(tf.body_line, 1, "the source has no text: paste the article below the "
                                      "front-matter, paragraphs separated by blank lines")
    if not report.ok or "title" not in values:
        return None, report.items
    snapshot_line = tf.value_at(("snapshot",))[0] if "snapshot" in values else 1
    return Source(id=sid, path=path, passages=passages, body_sha256=body_sha256(tf.body),
                  fingerprint=tf.fingerprint, snapshot_line=snapshot_line,
                  outlet_at=tf.value_at(("outlet",)), **values), report.items


def load_claim(path: Path, settings: Settings
               ) -> tuple[Claim | Draft | None, list[Diagnostic]]:
    report = Report(display_path(path, settings.root))
    slug = _file_id(path, report, "claim")
    tf = read(path, report.path, report)
    if tf is None or slug is None:
        return None, report.items
    validator = Validator(tf, report, {"verdict": settings.verdict_keys})
    values = validator.mapping(tf.data, CLAIM_FIELDS, (), "the claim")
    if "tags" in values:
        values["tags"] = resolve_tags(tf, report, settings.topics, settings.config_file)
    dates.check_claim(tf, values, report, settings)
    _check_original(tf, values, report, settings)
    scan_body(tf.body, tf.body_line, report)
    # Valid evidence items are still anchored when others, or other keys, are broken, so
    # one run reports every problem; a claim with errors is never built.
    items = values.pop("evidence", ())
    evidence = tuple(
        _evidence(tf, i, item) for i, item in enumerate(items)
        if item and {"source", "quote"} <= item.keys()
    )
    if any(f.required and f.name not in values for f in CLAIM_FIELDS if f.name != "evidence"):
        draft = Draft(slug, path, evidence, tuple(values.get("appearance", ())),
                      tf.where(("appearance",))[0])
        return (draft if evidence else None), report.items
    # A broken item would make the evidence look other than the contributor wrote it, so
    # the verdict is judged against the evidence only when every item is whole.
    whole = bool(items) and all(item and {"source", "quote", "stance"} <= item.keys()
                                for item in items)
    corrections = tuple(
        Correction(**c) for c in values.pop("corrections", ()) if c and len(c) == 2
    )
    if "kind" in values:
        values["kind"] = ClaimKind(values["kind"])
    if "claimant_type" in values:
        values["claimant_type"] = ClaimantType(values["claimant_type"])
    return Claim(slug=slug, path=path, evidence=evidence, corrections=corrections,
                 body=tf.body, body_line=tf.body_line,
                 appearance_line=tf.where(("appearance",))[0],
                 verdict_at=tf.value_at(("verdict",)), evidence_whole=whole,
                 kind_whole="kind" in values or "kind" not in tf.data,
                 claimant_at=tf.value_at(("claimant",)),
                 claim_language_at=tf.value_at(("claim_language",) if "claim_language" in values
                                               else ("claim_original",)),
                 claimant_type_at=(tf.where(("claimant_type",)) if "claimant_type" in values
                                   else (0, 0)),
                 fingerprint=tf.fingerprint,
                 **values), report.items


def _evidence(tf: TextFile, i: int, item: dict[str, Any]) -> Evidence:
    line, col = tf.where(("evidence", i, "quote"))
    source_line, source_col = tf.value_at(("evidence", i, "source"))
    return Evidence(
        source=item["source"], quote=item["quote"],
        stance=Stance(item.get("stance", Stance.CONTEXT)), line=line, col=col,
        source_line=source_line, source_col=source_col, account=item.get("account"),
        speaks_for=item.get("speaks_for"),
        note=item.get("note"), prefix=item.get("prefix"), suffix=item.get("suffix"),
        passage=item.get("passage"), translation=item.get("translation"),
        account_at=tf.value_at(("evidence", i, "account")) if "account" in item else (0, 0),
        speaks_for_at=(tf.value_at(("evidence", i, "speaks_for")) if "speaks_for" in item
                       else (0, 0)),
        translation_at=(tf.value_at(("evidence", i, "translation")) if "translation" in item
                        else (0, 0)),
    )


def _check_original(tf: TextFile, values: dict[str, Any], report: Report,
                    settings: Settings) -> None:
    """`claim_original` and `claim_language` go together: the words without their language
    could not be marked for a screen reader, the language without the words says nothing."""
    original, language = values.get("claim_original"), values.get("claim_language")
    # A key written with a bad value is reported where it is; here only a missing one.
    written = {"claim_original", "claim_language"} & tf.data.keys()
    if original and "claim_language" not in written:
        line, col = tf.where(("claim_original",))
        report.error(line, col, "`claim_original` is set but `claim_language` is not: add "
                     "`claim_language:` with the BCP 47 tag of the language the claim was "
                     "made in, such as `ru`, `hy` or `az`")
    elif language and "claim_original" not in written:
        line, col = tf.where(("claim_language",))
        report.error(line, col, "`claim_language` is set but `claim_original` is not: add "
                     "`claim_original:` with the claim in the words its claimant used, or "
                     "remove `claim_language`")
    elif language and primary(language) == primary(settings.language):
        line, col = tf.where(("claim_language",))
        report.warning(line, col, f"`claim_language` is `{language}`, the site's own language "
                       f"(`{settings.language}`): `claim` already gives the claim in it, so "
                       "`claim_original` and `claim_language` are not needed; remove them")


def load_person(path: Path, settings: Settings) -> tuple[Person | None, list[Diagnostic]]:
    """One entry of the registry; its names and `part_of` are checked against the others
    when the registry is assembled (`content.registry`)."""
    report = Report(display_path(path, settings.root))
    slug = _file_id(path, report, "person or organisation")
    tf = read(path, report.path, report)
    if tf is None or slug is None:
        return None, report.items
    values = Validator(tf, report, {}).mapping(tf.data, PERSON_FIELDS, (),
                                               "the person or organisation")
    scan_body(tf.body, tf.body_line, report)
    if not report.ok:
        return None, report.items
    values["type"] = ClaimantType(values["type"])

    def positions(key: str) -> tuple[tuple[int, int], ...]:
        raw = tf.data.get(key)
        if isinstance(raw, list):
            return tuple(tf.value_at((key, i)) for i in range(len(raw)))
        return (tf.value_at((key,)),)

    return Person(slug=slug, path=path, body=tf.body, body_line=tf.body_line,
                  part_of_at=positions("part_of"), alias_at=positions("aliases"),
                  name_at=tf.value_at(("name",)), fingerprint=tf.fingerprint,
                  **values), report.items


SourceLoader = Callable[[Path, Settings], tuple[Source | None, list[Diagnostic]]]
ClaimLoader = Callable[[Path, Settings], tuple[Claim | Draft | None, list[Diagnostic]]]
PersonLoader = Callable[[Path, Settings], tuple[Person | None, list[Diagnostic]]]


def load_sources(settings: Settings, read_source: SourceLoader = load_source) -> Loaded:
    """Load every source (and no claim)."""
    out = Loaded()
    _load_each(settings.root / settings.sources_dir, settings, read_source,
               lambda s: s.id, out.sources, out.broken_sources, out.diagnostics)
    return out


def load_people(settings: Settings, read_person: PersonLoader = load_person,
                into: Loaded | None = None) -> Loaded:
    """Load every entry of the registry (into `into`, when given)."""
    out = Loaded() if into is None else into
    _load_each(settings.root / settings.people_dir, settings, read_person,
               lambda p: p.slug, out.people, out.broken_people, out.diagnostics)
    return out


def _load_each(folder: Path, settings: Settings,
               read: Callable[[Path, Settings], tuple[T | None, list[Diagnostic]]],
               key: Callable[[T], str], into: dict[str, T], broken: set[str],
               diagnostics: list[Diagnostic]) -> None:
    """Each file of a folder read: what loads by its key, what does not by its name."""
    for path in markdown_files(folder):
        item, diags = read(path, settings)
        diagnostics += diags
        if item is not None:
            into[key(item)] = item
        else:
            broken.add(path.stem)


def load_all(settings: Settings, *, read_source: SourceLoader = load_source,
             read_claim: ClaimLoader = load_claim,
             read_person: PersonLoader = load_person) -> Loaded:
    """Load every source, entry of the registry and claim. A long-running caller passes
    loaders that remember what they read (the preview does), so unchanged files are not
    parsed again."""
    out = load_sources(settings, read_source)
    load_people(settings, read_person, out)
    for path in markdown_files(settings.root / settings.claims_dir):
        claim, diags = read_claim(path, settings)
        out.diagnostics += diags
        if isinstance(claim, Draft):
            out.drafts[claim.slug] = claim
        elif claim is not None:
            out.claims[claim.slug] = claim
    log.info("loaded %d sources, %d people and %d claims", len(out.sources),
             len(out.people), len(out.claims))
    return out
