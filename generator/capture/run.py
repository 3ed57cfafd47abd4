"""One capture: fetch, decode, extract, check against the stored sources, write."""

from __future__ import annotations

import dataclasses
import logging
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from generator.capture import archive as save_page
from generator.capture import charset, ids, write
from generator.capture.errors import CaptureError
from generator.capture.extract import extract
from generator.capture.fetch import TIMEOUT_SECONDS, Fetched, fetch, read_file
from generator.content import pins, snapshots
from generator.content.load import load_sources
from generator.content.settings import Settings
from generator.diagnostics import Report, display_path
from generator.model import is_id

log = logging.getLogger("factcheck.capture")


@dataclass(frozen=True)
class Request:
    target: str  # an http(s) URL or the path of a saved .html file
    source_id: str | None = None
    outlet: str | None = None
    archive: bool = False
    timeout: float = TIMEOUT_SECONDS


@dataclass
class Outcome:
    """What was written and what the contributor should know about it."""

    written: list[str] = field(default_factory=list)
    found: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def capture(request: Request, settings: Settings) -> Outcome:
    """Capture one page into the project. Raises `CaptureError`, with nothing written."""
    root = settings.root
    folder = root / settings.sources_dir
    if request.source_id is not None:
        _check_id(request.source_id, folder, root)
    fetched = fetch(request.target, timeout=request.timeout) if is_url(request.target) else (
        read_file(Path(request.target)))
    try:
        html = charset.decode(fetched.data, fetched.charset)
    except ValueError as e:
        raise CaptureError(f"cannot decode the page: {e}") from None
    log.info("%s: %d bytes, decoded as %s", fetched.url or request.target,
             len(fetched.data), charset.declared(fetched.data, fetched.charset)[0])
    article = extract(html, fetched.url)
    log.info("extracted %d block(s) and the title %r", len(article.blocks), article.title)
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
    digest = snapshots.sha256(fetched.data)
    meta = write.Metadata(
        title=article.title, outlet=request.outlet or article.outlet, url=url,
        published=article.published, author=article.author, language=article.language,
        retrieved=_utc(fetched), snapshot=digest)
    source = write.validate(write.compose(meta, article.blocks), source_id, article.blocks,
                            settings)
    _check_new(url, fetched.url, source.digest, settings)
    _check_id(source_id, folder, root)

    outcome = Outcome()
    if request.archive:
        if url is None:
            outcome.notes.append("could not archive: the page names no URL to archive")
        else:
            archive_url, why = save_page.archive(url)
            if archive_url is None:
                outcome.notes.append(f"could not archive: {why}")
            meta = dataclasses.replace(meta, archive_url=archive_url)
    text = write.compose(meta, article.blocks)
    source = write.validate(text, source_id, article.blocks, settings)

    source_path = folder / f"{source_id}.md"
    snapshot_path = snapshots.snapshot_path(folder, source_id)
    files = [(snapshot_path, snapshots.compress(fetched.data)),
             (source_path, text.encode("utf-8"))]
    if current is not None:
        files.append((root / pins.LOCK_NAME, pins.lock_text(
            {**current, source_id: source.digest}).encode("utf-8")))
    write.commit(files)

    outcome.written += [
        f"{display_path(source_path, root)}: {len(article.blocks)} paragraph(s)",
        f"{display_path(snapshot_path, root)}: the {len(fetched.data):,} bytes fetched, "
        f"gzip-compressed ({digest})",
    ]
    if current is not None:
        outcome.written.append(f"{pins.LOCK_NAME}: {source_id} pinned")
    else:
        outcome.notes.append(f"no {pins.LOCK_NAME} in the project, so the source is not "
                             f"pinned; run `factcheck pin {source_id}` to pin it")
    _report(outcome, meta, article.canonical is not None, fetched.url is not None)
    return outcome


def _utc(fetched: Fetched) -> str:
    return fetched.retrieved.strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_id(source_id: str, folder: Path, root: Path) -> None:
    if not is_id(source_id):
        proposal = ids.slug(source_id)
        raise CaptureError(f"`{source_id}` is not a valid id: use lowercase letters, digits "
                           "and hyphens" + (f", e.g. `--id {proposal}`" if proposal else ""))
    for path in (folder / f"{source_id}.md", snapshots.snapshot_path(folder, source_id)):
        if path.exists():
            raise CaptureError(f"{display_path(path, root)} already exists; choose another "
                               "id with --id")


def _same_url(a: str, b: str) -> bool:
    def key(u: str) -> str:
        p = urllib.parse.urlsplit(u.strip())
        return urllib.parse.urlunsplit((p.scheme.lower(), p.netloc.lower(),
                                        p.path.rstrip("/") or "/", p.query, ""))
    return key(a) == key(b)


def _check_new(url: str | None, fetched: str | None, digest: str, settings: Settings) -> None:
    """Refuse a page the project already holds: the same URL, or the same text."""
    for sid, source in load_sources(settings).sources.items():
        shown = display_path(source.path, settings.root)
        if source.url and any(u and _same_url(source.url, u) for u in (url, fetched)):
            raise CaptureError(f"already captured: {shown} has the same URL "
                               f"({source.url}); to capture it again, remove `{sid}` first")
        if source.digest == digest:
            raise CaptureError(f"already captured: {shown} has the same text; to capture "
                               f"it again, remove `{sid}` first")


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
