"""`factcheck capture`: the command over `generator.capture` (imported only for it:
trafilatura and its kin are slow to load).

Capture may not import the check's later stages, so the command hands it the check's
normalisation and quote anchoring (`capture.run.Stages`). It also keeps the libraries
that extraction runs quiet unless `-v` is given: a refusal is its one line, not a
library's log line ("discarding data: None") and then the line.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from generator.anchoring.anchor import Failure, SourceIndex
from generator.anchoring.normalize import normalise_text
from generator.capture.errors import CaptureError
from generator.capture.extract import LIBRARY_LOGGERS
from generator.capture.run import Request, Stages, capture
from generator.content.settings import Settings
from generator.model import Evidence, Source


def failures(source: Source, evidence: Sequence[Evidence]) -> list[str | None]:
    """Each quote's failure to anchor in `source` as the check would report it, None
    where it anchors."""
    index = SourceIndex.of(source)
    out: list[str | None] = []
    for ev in evidence:
        found = index.anchor(ev.quote, prefix=ev.prefix, suffix=ev.suffix, passage=ev.passage)
        out.append(found.message if isinstance(found, Failure) else None)
    return out


@contextmanager
def quiet(names: Sequence[str], verbose: int) -> Iterator[None]:
    """The named loggers silenced for the block, unless `verbose`."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    if not verbose:
        for logger in loggers:
            logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def run(request: Request, settings: Settings, verbose: int) -> int:
    """Capture, print what was written or the refusal; the exit status."""
    try:
        with quiet(LIBRARY_LOGGERS, verbose):
            outcome = capture(request, settings, Stages(fold=normalise_text, quotes=failures))
    except CaptureError as e:
        print(f"factcheck capture: error: {e}", file=sys.stderr)
        for line in e.details:
            print(line, file=sys.stderr)
        return 1
    lines = list(outcome.written)
    lines += [f"  {key}: {value}" for key, value in outcome.found]
    lines += outcome.missing + outcome.notes
    lines.append("read the stored text against the page before citing it: paragraphs, "
                 "headline and metadata")
    print("\n".join(lines))
    for warning in outcome.warnings:
        print(f"factcheck capture: warning: {warning}", file=sys.stderr)
    return 0
