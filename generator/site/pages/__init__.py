"""Plan every page and data file of the site from the resolved corpus."""

from generator.site.pages.planner import (
    SCRIPTS,
    STYLESHEETS,
    GeneratedSite,
    PageSpec,
    PartMemo,
    SiteBuilder,
    clone_block,
    generate,
    generate_site,
)

__all__ = ["SCRIPTS", "STYLESHEETS", "GeneratedSite", "PageSpec", "PartMemo", "SiteBuilder",
           "clone_block", "generate", "generate_site"]
