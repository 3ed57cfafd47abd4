"""One capture: fetch, decode, extract, check against the stored sources, write."""

from __future__ import annotations

import dataclasses
import json
import logging
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.capture import archive as save_page
from generator.capture import charset, ids, replace, write
from generator.capture.errors import CaptureError
from generator.capture.extract import extract, shortfall
from generator.capture.fetch import TIMEOUT_SECONDS, Fetched, fetch, read_file
from generator.capture.target import is_url, saved_file
from generator.content import duplicates, pins, snapshots
from generator.content.load import load_people, load_sources
from generator.content.registry import build_registry
from generator.content.settings import Settings
from generator.diagnostics import Report, display_path, quoted
from generator.model import Source, is_id

log = logging.getLogger("factcheck.capture")


@dataclass(frozen=True)
class Request:
    target: str  # an http(s) URL or the path of a saved .html file
    source_id: str | None = None
    outlet: str | None = None
    archive: bool = False
    timeout: float = TIMEOUT_SECONDS
    replace: bool = False  # re-capture the stored source `source_id`


@dataclass(frozen=True)
class Stages:
    """What capture asks of the check's later stages, which it may not import (README,
    Architecture); the command passes the check's own. `fold` is the normalisation under
    which quotes match (pull quotes and copies are found with it); `quotes` anchors
    quotes in a source, for `--replace`."""

    fold: Callable[[str], str]
    quotes: replace.QuoteCheck


@dataclass
class Outcome:
    """What was written and what the contributor should know about it."""

    written: list[str] = field(default_factory=list)
    found: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def capture(request: Request, settings: Settings, stages: Stages) -> Outcome:
    """Capture one page into the project. Raises `CaptureError`, with nothing written."""
    root = settings.root
    folder = root / settings.sources_dir
    old: Source | None = None
    if request.replace:
        if request.source_id is None:
            raise CaptureError("--replace needs --id: name the stored source to re-capture")
        old = replace.stored(request.source_id, settings)
    elif request.source_id is not None:
        _check_id(request.source_id, folder, root, request.target)
    fetched = fetch(request.target, timeout=request.timeout) if is_url(request.target) else (
        read_file(saved_file(request.target)))
    try:
        html = charset.decode(fetched.data, fetched.charset)
    except ValueError as e:
        raise CaptureError(f"cannot decode the page: {e}") from None
    log.info("%s: %d bytes, decoded as %s", fetched.url or request.target,
             len(fetched.data), charset.declared(fetched.data, fetched.charset)[0])
    article = extract(html, fetched.url, stages.fold)
    log.info("extracted %d block(s) and the title %r", len(article.blocks), article.title)
    if article.blocks and len(article.unseen) == len(article.blocks):
        # Not one word of it is shown: trafilatura took it from the page's data for its
        # scripts (a JSON article body), which a browser shows only once they have run.
        raise CaptureError(
            "no article text among the words the page shows: the text found, "
            f"{quoted(article.unseen[0], 120)}, is only in the page's data for its scripts, "
            "which a browser shows once they have run; open the page in a browser, save it "
            "as HTML once it has loaded, and capture the saved file")
    if article.unseen:
        raise CaptureError(
            f"internal error: {len(article.unseen)} extracted paragraph(s) do not stand in "
            f"the page's text as a browser shows it, the first: {quoted(article.unseen[0], 120)}"
            "; nothing was written. This is a bug in capture: please report it with the "
            "page, and save this source by hand with `factcheck new source`")
    if not article.blocks:
        raise CaptureError("no article text found on the page; if it has one, save the page "
                           "as HTML from a browser and capture the file")
    if not article.title:
        raise CaptureError("the page has no headline (no <title>, og:title or <h1>); save "
                           "the source by hand with `factcheck new source`")
    url = article.canonical or fetched.url
    source_id = request.source_id or ids.propose(article.title, url)
    if source_id is None:
        raise CaptureError("cannot propose an id from the headline; give one with --id")
    lock_report = Report(pins.LOCK_NAME)
    current = pins.read_lock(root, lock_report)
    if lock_report.items:
        raise CaptureError(f"{pins.LOCK_NAME} has errors (line {lock_report.items[0].line}); "
                           "run `factcheck check` and fix it first")
    snapshot_sha256 = snapshots.sha256(fetched.data)
    meta = write.Metadata(
        title=article.title, outlet=request.outlet or article.outlet, url=url,
        published=article.published, author=article.author, language=article.language,
        retrieved=_utc(fetched), snapshot=snapshot_sha256)
    kept: list[str] = []
    if old is not None:
        meta, kept = replace.keep(meta, old, request.outlet is not None)
    source = write.validate(write.compose(meta, article.blocks), source_id, article.blocks,
                            settings)
    others = [s for s in load_sources(settings).sources.values()
              if old is None or s.id != old.id]
    _check_new(url, fetched.url, source, others, request.target, settings)
    _check_copy(source, others, request.target, stages.fold, settings)
    outcome = Outcome()
    if old is None:
        _check_id(source_id, folder, root, request.target)
    else:
        outcome.notes += _check_citing(old, source, settings, stages.quotes, kept)

    if request.archive:
        if meta.url is None:
            outcome.notes.append("could not archive: the page names no URL to archive")
        else:
            archive_url, why = save_page.archive(meta.url)
            if archive_url is None:
                outcome.notes.append(f"could not archive: {why}")
            else:
                meta = dataclasses.replace(meta, archive_url=archive_url)
    text = write.compose(meta, article.blocks)
    source = write.validate(text, source_id, article.blocks, settings)

    source_path = folder / f"{source_id}.md"
    snapshot_path = snapshots.snapshot_path(folder, source_id)
    files = [(snapshot_path, snapshots.compress(fetched.data)),
             (source_path, text.encode("utf-8"))]
    if current is not None:
        files.append((root / pins.LOCK_NAME, pins.lock_text(
            {**current, source_id: source.body_sha256}).encode("utf-8")))
    outlet_entry = _new_outlet(meta.outlet, settings)
    if outlet_entry is not None:
        files.append(outlet_entry)
    write.commit(files)

    verb = "wrote" if old is None else "replaced"
    outcome.written += [
        f"{verb} {display_path(source_path, root)}: {len(article.blocks)} paragraph(s)",
        f"{verb} {display_path(snapshot_path, root)}: the {len(fetched.data):,} bytes "
        f"fetched, gzip-compressed ({snapshot_sha256})",
    ]
    if outlet_entry is not None:
        outcome.written.append(
            f"wrote {display_path(outlet_entry[0], root)}: the outlet {meta.outlet!r}, new to "
            "the registry; add its other spellings (`aliases`) and what it is part of")
    if current is not None:
        outcome.written.append(f"wrote {pins.LOCK_NAME}: {source_id} "
                               + ("pinned" if old is None else "re-pinned"))
    else:
        outcome.notes.append(f"no {pins.LOCK_NAME} in the project, so the source is not "
                             f"pinned; run `factcheck pin {source_id}` to pin it")
    if old is not None:
        outcome.notes += _changes(old, source, meta)
    _report(outcome, meta, article.canonical is not None, fetched.url is not None)
    short = shortfall(article)
    if short is not None:
        stored, about = short
        outcome.warnings.append(
            f"stored {stored:,} of about {about:,} characters of article text: words of the "
            "article may be missing. Read the stored text against the page; if it falls "
            "short, save the page from a browser and capture the file, or store the source "
            "by hand")
    return outcome


def _new_outlet(outlet: str | None, settings: Settings) -> tuple[Path, bytes] | None:
    """A registry entry for an outlet no entry answers to, so that the new source checks;
    None when the registry knows it, or when its file name is taken (the check then says
    what to do)."""
    if not outlet:
        return None
    loaded = load_people(settings)
    registry, _ = build_registry(loaded.people, settings, frozenset(loaded.broken_people))
    if registry.find(outlet) is not None:
        return None
    slug = ids.slug(outlet)
    path = settings.root / settings.people_dir / f"{slug}.md"
    if not is_id(slug) or path.exists() or slug in loaded.broken_people:
        return None
    text = (f"---\nname: {json.dumps(outlet, ensure_ascii=False)}\ntype: organization\n---\n"
            "Registered by `factcheck capture` from the site name its page gives.\n")
    return path, text.encode("utf-8")


def _utc(fetched: Fetched) -> str:
    return fetched.retrieved.strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_id(source_id: str, folder: Path, root: Path, target: str) -> None:
    if not is_id(source_id):
        proposal = ids.slug(source_id)
        raise CaptureError(f"`{source_id}` is not a valid id: use lowercase letters, digits "
                           "and hyphens" + (f", e.g. `--id {proposal}`" if proposal else ""))
    for path in (folder / f"{source_id}.md", snapshots.snapshot_path(folder, source_id)):
        if path.exists():
            raise CaptureError(
                f"{display_path(path, root)} already exists; give this page another id "
                f"with --id, or if it is a new version of `{source_id}`, re-capture it with "
                f"{_replace_command(target, source_id)}")


def _replace_command(target: str, source_id: str) -> str:
    return f"`factcheck capture {target} --id {source_id} --replace`"


def _same_url(a: str, b: str) -> bool:
    def key(u: str) -> str:
        p = urllib.parse.urlsplit(u.strip())
        return urllib.parse.urlunsplit((p.scheme.lower(), p.netloc.lower(),
                                        p.path.rstrip("/") or "/", p.query, ""))
    return key(a) == key(b)


def _check_new(url: str | None, fetched: str | None, new: Source, others: Sequence[Source],
               target: str, settings: Settings) -> None:
    """Refuse a page the project already holds: the same URL, or the same text."""
    for source in others:
        shown = display_path(source.path, settings.root)
        again = (f"cite it as `{source.id}`, or re-capture it with "
                 f"{_replace_command(target, source.id)}")
        if source.url and any(u and _same_url(source.url, u) for u in (url, fetched)):
            raise CaptureError(f"already captured: {shown} has the same URL "
                               f"({source.url}); {again}")
        if source.body_sha256 == new.body_sha256:
            raise CaptureError(f"already captured: {shown} has the same text; {again}")


def _check_copy(new: Source, others: Sequence[Source], target: str,
                fold: Callable[[str], str], settings: Settings) -> None:
    """Refuse a page most of whose paragraphs already stand in one stored source."""
    overlap = duplicates.shared_with(new, others, fold)
    if overlap is None:
        return
    other = next(s for s in others if s.id == overlap.other)
    shown = display_path(other.path, settings.root)
    raise CaptureError(f"most of the page is already stored: {overlap.shared} of its "
                       f"{overlap.total} paragraphs stand in {shown}. Cite `{other.id}`; if "
                       "this page is a newer version of the same article, re-capture it "
                       f"with {_replace_command(target, other.id)}")


def _check_citing(old: Source, new: Source, settings: Settings, quotes: replace.QuoteCheck,
                  kept: list[str]) -> list[str]:
    """Refuse a re-capture that would break a quote; else say what was kept and checked."""
    cites = replace.citing(old, new, settings, quotes)
    if cites.broken:
        raise CaptureError(
            f"re-capturing `{old.id}` would break {len(cites.broken)} of the "
            f"{cites.quotes} quote(s) citing it (below), so nothing was written; keep the "
            "stored version, or capture the new one under another id and move each claim "
            "to it once its quotes match", cites.broken)
    notes = [f"kept from the stored file: {', '.join(kept)}"] if kept else []
    notes.append(f"{cites.claims} claim(s) cite `{old.id}`; "
                 + (f"all {cites.quotes} quote(s) still anchor" if cites.quotes
                    else "none quotes it"))
    if cites.broken_before:
        notes.append(f"{cites.broken_before} quote(s) citing `{old.id}` did not anchor in "
                     "the stored text either; run `factcheck check`")
    return notes


def _changes(old: Source, new: Source, meta: write.Metadata) -> list[str]:
    notes = []
    if new.body_sha256 == old.body_sha256:
        notes.append("the text is unchanged; the snapshot and `retrieved` are new")
    if old.url and meta.url and not _same_url(old.url, meta.url):
        notes.append(f"the url changed: it was {old.url}")
    return notes


def _report(outcome: Outcome, meta: write.Metadata, canonical: bool, fetched: bool
            ) -> None:
    shown = {"title": meta.title, "outlet": meta.outlet, "url": meta.url,
             "published": str(meta.published) if meta.published else None,
             "author": meta.author, "language": meta.language,
             "archive_url": meta.archive_url, "retrieved": meta.retrieved}
    outcome.found = [(k, v) for k, v in shown.items() if v]
    if not meta.outlet:
        outcome.missing.append("no outlet (site name) on the page; give it with --outlet")
    if not meta.author:
        outcome.missing.append("no author on the page")
    if not meta.published:
        outcome.missing.append("no publication date on the page")
    if not meta.language:
        outcome.missing.append("no language on the page")
    if not canonical:
        outcome.missing.append("no canonical URL on the page; url is the address fetched"
                               if fetched else
                               "no URL on the page (no canonical link), so url is left out")
