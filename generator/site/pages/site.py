"""The whole site: every page kind planned, in the order `KINDS` lists them.

`generate_site()` returns the data files (claims.json, the feed, assets, the hand-written
pages with their generated blocks) and the planned pages, which render their HTML only
when asked. `generate()` renders them all as Markdown files with front-matter,
for any static-site engine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.anchoring.resolve import Corpus
from generator.history.revisions import History
from generator.site.pages import claim, data_files, hand_written, listings, people, source
from generator.site.pages.planner import (
    LazyFile,
    PlanMemo,
    PlannedPage,
    SitePlanner,
    plan_now,
)

log = logging.getLogger("factcheck.pages")

# Each page kind plans its pages (and files) with the planner; a new kind is a module with
# a `plan` function, and a line here.
KINDS: tuple[Callable[[SitePlanner], None], ...] = (
    claim.plan,
    source.plan,
    listings.plan,
    people.plan,
    hand_written.plan,
    data_files.plan,
)


@dataclass(frozen=True)
class PlannedSite:
    """The site as planned: what an engine writes as it is, and the pages it renders."""

    # Data files and hand-written pages, ready, and files made when written (share cards).
    files: dict[str, str | bytes | LazyFile]
    pages: dict[str, PlannedPage]  # the planned pages, by path
    newest: str = "1970-01-01"  # the day the newest change to any claim was made


def generate_site(corpus: Corpus, docs_dir: Path | None = None,
                  history: History | None = None, plans: PlanMemo = plan_now) -> PlannedSite:
    """Plan the site; `plans` may answer parts of the plan (a claim's pages, a claims.json
    entry, by key) from an earlier build."""
    planner = SitePlanner(corpus, docs_dir, history, plans)
    newest = max((d.first_day for d in planner.changed.values()), default="1970-01-01")
    for plan in KINDS:
        plan(planner)
    log.info("planned %d pages and generated %d files", len(planner.pages), len(planner.files))
    return PlannedSite(planner.files, planner.pages, newest)


def generate(corpus: Corpus, docs_dir: Path | None = None, history: History | None = None
             ) -> dict[str, str | bytes]:
    """Every page and data file, rendered; `history` is read from git under the project
    root if not given."""
    site = generate_site(corpus, docs_dir, history)
    files = {path: f.make() if isinstance(f, LazyFile) else f for path, f in site.files.items()}
    return {**files, **{path: page.markdown() for path, page in site.pages.items()}}
