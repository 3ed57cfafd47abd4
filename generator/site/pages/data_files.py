"""The data files beside the pages: claims.json, people.json, the Atom feed, the assets
every page loads (the packaged script and stylesheet, and one made from the verdict
scale), and each fact check's share card."""

from __future__ import annotations

from functools import partial
from importlib import resources

from generator.model import Claim
from generator.site import cards, feeds
from generator.site.pages.planner import LazyFile, PageImage, SitePlanner

ASSETS = ("factcheck.css", "factcheck.js", "search.js")
# What every page loads: the packaged assets and the stylesheet made from the verdict scale.
STYLESHEETS = ("assets/factcheck.css", "assets/verdicts.css")
SCRIPTS = ("assets/factcheck.js", "assets/search.js")


def plan(site: SitePlanner) -> None:
    site.files["claims.json"] = feeds.claims_json(site.corpus, lambda slug: site.plans(
        f"{site.settings_key}:claims.json:{site.claim_key(slug)}",
        lambda: feeds.claim_entry(site.corpus, slug)))
    site.files["people.json"] = feeds.people_json(site.corpus)
    site.files["feed.xml"] = feeds.atom(site.corpus, site.claims, site.updates)
    site.files["assets/verdicts.css"] = "".join(
        f".fc-verdict-{v.key} {{ --fc-colour: {v.colour}; }}\n" for v in site.settings.verdicts)
    for name in ASSETS:
        site.files[f"assets/{name}"] = (
            resources.files("generator.site") / "assets" / name).read_text(encoding="utf-8")


def share_card(site: SitePlanner, claim: Claim) -> PageImage:
    """A fact check's share card, added to the site's files, drawn only when written (and
    not at all when the engine kept it under its key); the image its page names."""
    verdict = site.verdict(claim.verdict)
    shown = cards.CardText(verdict.label, verdict.icon, verdict.colour, claim.claim,
                           site.claimant(claim), claim.claim_date.year,
                           site.settings.site_name)
    path = cards.card_path(claim.slug)
    site.files[path] = LazyFile(cards.card_key(shown), partial(cards.draw, shown))
    return PageImage(path, shown.alt, cards.WIDTH, cards.HEIGHT)
