"""The whole site: every page kind planned, in the order `KINDS` lists them.

`generate_site()` returns the data files (claims.json, the feed, assets, the hand-written
pages with their generated blocks) and a plan of the generated pages, which render their
HTML only when asked. `generate()` renders them all as Markdown files with front-matter,
for any static-site engine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.anchoring.resolve import Corpus
from generator.history.revisions import History
from generator.site.pages import claim, data_files, hand_written, listings, source
from generator.site.pages.planner import PageSpec, PartMemo, SiteBuilder, no_memo

log = logging.getLogger("factcheck.pages")

# Each page kind plans its pages (and files) with the builder; a new kind is a module with
# a `plan` function, and a line here.
KINDS: tuple[Callable[[SiteBuilder], None], ...] = (
    claim.plan,
    source.plan,
    listings.plan,
    hand_written.plan,
    data_files.plan,
)


@dataclass(frozen=True)
class GeneratedSite:
    files: dict[str, str | bytes]  # data files and hand-written pages, ready
    pages: dict[str, PageSpec]  # generated pages, planned
    newest: str = "1970-01-01"  # the day the newest change to any claim was made


def generate_site(corpus: Corpus, docs_dir: Path | None = None,
                  history: History | None = None, part: PartMemo = no_memo) -> GeneratedSite:
    """Plan the site; `part` may answer a data file's parts (claims.json entries, by key)
    from an earlier build."""
    builder = SiteBuilder(corpus, docs_dir, history, part)
    newest = max((d.first_day for d in builder.changed.values()), default="1970-01-01")
    for plan in KINDS:
        plan(builder)
    log.info("planned %d pages and generated %d files", len(builder.pages), len(builder.files))
    return GeneratedSite(builder.files, builder.pages, newest)


def generate(corpus: Corpus, docs_dir: Path | None = None, history: History | None = None
             ) -> dict[str, str | bytes]:
    """Every page and data file, rendered; `history` is read from git under the project
    root if not given."""
    site = generate_site(corpus, docs_dir, history)
    return {**site.files, **{path: spec.markdown() for path, spec in site.pages.items()}}
