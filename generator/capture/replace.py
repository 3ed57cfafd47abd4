"""Re-capturing a stored source under its own id (`capture --id ID --replace`).

Claims cite a source by its id, so a new version of a page must keep it; and the stored
file holds what a contributor wrote by hand. The page's own values (title, url, date,
author, language) replace the stored ones; the stored file keeps its `notes:`, its
`outlet` unless `--outlet` gives another (claims and the people registry name it), and
every value the page does not give (an author or a date added by hand). Every quote that
cites the source must still anchor in the new text, or nothing is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.capture.errors import CaptureError
from generator.capture.write import Metadata
from generator.content.fields import suggestion
from generator.content.load import load_claim, load_source, markdown_files
from generator.content.settings import Settings
from generator.diagnostics import Diagnostic, Severity, clip, display_path
from generator.model import Evidence, Source

# Each quote's failure to anchor in the source, None where it anchors. The command passes
# the check's anchoring (`anchoring/`, which capture may not import).
QuoteCheck = Callable[[Source, Sequence[Evidence]], list[str | None]]
# The keys the stored file keeps when the page gives none.
_GAPS = ("url", "published", "author", "language", "archive_url")


def stored(source_id: str, settings: Settings) -> Source:
    """The source `--replace` re-captures. Raises `CaptureError` when there is none, or
    when it does not load (its notes could not be kept)."""
    folder = settings.root / settings.sources_dir
    path = folder / f"{source_id}.md"
    shown = display_path(path, settings.root)
    if not path.is_file():
        hint = suggestion(source_id, [p.stem for p in markdown_files(folder)])
        raise CaptureError(f"--replace re-captures a stored source, and there is no {shown}"
                           f"{hint or '; to add the page as a new source, leave out --replace'}")
    source, diagnostics = load_source(path, settings)
    if source is None:
        first = next(d for d in diagnostics if d.severity is Severity.ERROR)
        raise CaptureError(f"{shown} has errors (line {first.line}: {first.message}); fix "
                           "them first, so that what it keeps can be read")
    return source


def keep(meta: Metadata, old: Source, outlet_given: bool) -> tuple[Metadata, list[str]]:
    """The new metadata with what the stored file keeps, and the names of those keys."""
    kept: dict[str, Any] = {}
    if old.outlet and not outlet_given and old.outlet != meta.outlet:
        kept["outlet"] = old.outlet
    for key in _GAPS:
        if getattr(meta, key) is None and getattr(old, key) is not None:
            kept[key] = getattr(old, key)
    if old.notes:
        kept["notes"] = old.notes
    return dataclasses.replace(meta, **kept), list(kept)


@dataclass
class Citing:
    """The claims citing a source, and what the new text does to their quotes."""

    claims: int = 0
    quotes: int = 0
    broken: list[str] = field(default_factory=list)  # `path:line:col: error: …` lines
    broken_before: int = 0  # quotes that did not anchor in the stored text either


def citing(old: Source, new: Source, settings: Settings, check: QuoteCheck) -> Citing:
    """Every quote of `old` in the claims (drafts with errors included) against `new`."""
    root = settings.root
    cited: list[tuple[Path, Evidence]] = []
    out = Citing()
    for path in markdown_files(root / settings.claims_dir):
        try:
            if old.id not in path.read_text(encoding="utf-8", errors="replace"):
                continue  # a claim that cites the source names it
        except OSError:
            continue
        claim, _ = load_claim(path, settings)
        if claim is None:
            continue
        quotes = [ev for ev in claim.evidence if ev.source == old.id]
        if quotes or old.id in claim.appearance:
            out.claims += 1
        cited += [(path, ev) for ev in quotes]
    out.quotes = len(cited)
    evidence = [ev for _, ev in cited]
    for (path, ev), before, after in zip(cited, check(old, evidence), check(new, evidence),
                                         strict=True):
        if before is not None:
            out.broken_before += 1
        elif after is not None:
            out.broken.append(Diagnostic(
                display_path(path, root), ev.line, ev.col, Severity.ERROR,
                f"the quote \"{clip(ev.quote, 60)}\" would no longer anchor in the new "
                f"text of `{old.id}`: {after}").format_text())
    return out
