"""The data files beside the pages: claims.json, people.json, the Atom feed, and the
assets every page loads (the packaged script and stylesheet, and one made from the verdict
scale)."""

from __future__ import annotations

from importlib import resources

from generator.site import feeds
from generator.site.pages.planner import SitePlanner

ASSETS = ("factcheck.css", "factcheck.js", "search.js")
# What every page loads: the packaged assets and the stylesheet made from the verdict scale.
STYLESHEETS = ("assets/factcheck.css", "assets/verdicts.css")
SCRIPTS = ("assets/factcheck.js", "assets/search.js")


def plan(site: SitePlanner) -> None:
    site.files["claims.json"] = feeds.claims_json(site.corpus, lambda slug: site.part(
        f"{site.settings_key}:claims.json:{site.claim_key(slug)}",
        lambda: feeds.claim_entry(site.corpus, slug)))
    site.files["people.json"] = feeds.people_json(site.corpus)
    site.files["feed.xml"] = feeds.atom(site.corpus, site.claims, site.updates)
    site.files["assets/verdicts.css"] = "".join(
        f".fc-verdict-{v.key} {{ --fc-colour: {v.colour}; }}\n" for v in site.settings.verdicts)
    for name in ASSETS:
        site.files[f"assets/{name}"] = (
            resources.files("generator.site") / "assets" / name).read_text(encoding="utf-8")
