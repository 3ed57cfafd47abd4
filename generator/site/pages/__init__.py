"""Plan every page and data file of the site from the resolved corpus, one module a page
kind: a fact check's page (`claim`), a source's (`source`), the listings a reader browses
(`listings`), the hand-written pages with their generated blocks (`hand_written`) and the
data files (`data_files`). What they share is `planner`; `site` runs them in turn."""

from generator.site.pages.data_files import SCRIPTS, STYLESHEETS
from generator.site.pages.hand_written import clone_block
from generator.site.pages.planner import (
    Group,
    LazyFile,
    PlanMemo,
    PlannedPage,
    SitePlanner,
    newest_first,
)
from generator.site.pages.site import KINDS, PlannedSite, generate, generate_site

__all__ = ["KINDS", "SCRIPTS", "STYLESHEETS", "Group", "LazyFile", "PlanMemo", "PlannedPage",
           "PlannedSite", "SitePlanner", "clone_block", "generate", "generate_site",
           "newest_first"]
