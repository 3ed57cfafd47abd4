"""The listings a reader browses: every fact check, the fact checks by verdict, topic and
claimant (an index of the groups, then a listing a group), and the stored sources. A
listing of many claims runs over pages of `per_page`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from generator.i18n import N_, _, ngettext
from generator.model import Claim, ClaimKind, fingerprint
from generator.site import kinds
from generator.site.dates import human
from generator.site.pages.planner import Group, SitePlanner, paged
from generator.site.scripts import name, titled
from generator.site.urls import listing_url, person_url, relative, source_url

# The groupings a reader browses by: the folder of each and its index's heading. A
# claimant's fact checks are listed on its page in the registry (`people/<slug>/`).
BROWSING = {"verdicts": N_("Fact checks by verdict"),
            "kinds": N_("Fact checks by kind of claim"), "topics": N_("Fact checks by topic")}
# What a listing of a verdict or a kind says when it has no claim.
EMPTY = {"verdicts": N_("There are no fact checks with this verdict yet."),
         "kinds": N_("There are no fact checks of claims of this kind yet.")}


def plan(site: SitePlanner) -> None:
    listing(site, "claims/", _("All fact checks"), site.claims,
            intro=ngettext("%(count)s fact check, newest first.",
                           "%(count)s fact checks, newest first.", len(site.claims))
            % {"count": len(site.claims)},
            empty=_("There are no fact checks yet."))
    for kind, heading in BROWSING.items():
        title = _(heading)
        found = groups(site, kind)
        index = [{"href": relative(f"{kind}/", f"{kind}/{g.key}/"), "label": g.label,
                  "count": len(g.claims), "note": g.note, "facts": ()} for g in found]
        listing(site, f"{kind}/", title, (), groups=index)
        for g in found:
            count = ngettext("%(count)s fact check.", "%(count)s fact checks.",
                             len(g.claims)) % {"count": len(g.claims)}
            listing(site, f"{kind}/{g.key}/", g.label, g.claims, intro=(
                g.note if kind in EMPTY else f"{g.note} {count}".strip()),
                empty=_(EMPTY[kind]) if kind in EMPTY else "")
    claimants = groups(site, "claimants")
    lang = site.settings.language
    listing(site, "claimants/", _("Fact checks by claimant"), (), groups=[
        {"href": relative("claimants/", person_url(g.key)), "label": name(g.label, lang),
         "count": len(g.claims), "note": g.note, "facts": ()} for g in claimants])
    # A source's headline and outlet in their own language: `lang` where it is not the site's.
    index = [{"href": relative("sources/", source_url(s.id)),
              "label": titled(s.title, s.language, lang),
              "count": len(site.corpus.claims_citing(s.id)), "note": "",
              # (what it is when unknown, as shown; what it is when known).
              "facts": [(_("outlet not recorded"), name(s.outlet, lang) if s.outlet else None),
                        (_("publication date not recorded"),
                         _("published %(date)s") % {"date": human(s.published)}
                         if s.published else None)]}
             for s in sorted(site.corpus.sources.values(), key=lambda s: s.title.casefold())]
    listing(site, "sources/", _("Sources"), (), groups=index,
            intro=_("The stored articles every quote is checked against, with the number "
                    "of fact checks citing each."))


def groups(site: SitePlanner, kind: str) -> list[Group]:
    if kind == "verdicts":
        return [Group(v.key, v.label, tuple(c for c in site.claims if c.verdict == v.key),
                      v.definition) for v in site.verdicts]
    if kind == "kinds":
        return [Group(kinds.SLUGS[k], _(kinds.LABELS[k]), tuple(c for c in site.claims
                                                               if c.kind is k),
                      _(kinds.NOT_RATED_BECAUSE[k]) if k in kinds.NOT_RATED_BECAUSE
                      else _("Rated against the evidence."))
                for k in ClaimKind]
    # Slug to claims (a dict keeps them newest first and each once), and label. A
    # claim's tags are the slugs of registered topics, which have names and notes.
    buckets: dict[str, dict[str, Claim]] = defaultdict(dict)
    labels: dict[str, str] = {}
    notes: dict[str, str] = {}
    for c in site.claims:
        if kind == "topics":
            for slug in c.tags:
                topic = site.settings.topic(slug)
                labels[slug], notes[slug] = topic.name, topic.description or ""
                buckets[slug][c.slug] = c
        elif (entry := site.corpus.registry.find(c.claimant)) is not None:
            labels[entry.slug], notes[entry.slug] = entry.name, entry.role or ""
            buckets[entry.slug][c.slug] = c
    return [Group(k, labels[k], tuple(buckets[k].values()), notes.get(k, ""))
            for k in sorted(buckets, key=lambda k: labels[k].casefold())]


def listing(site: SitePlanner, base: str, heading: str, claims: Sequence[Claim],
            intro: str = "", groups: Sequence[dict[str, Any]] = (), empty: str = "") -> None:
    """Plan a listing's pages; `empty` is what it says when it has no claims."""
    site.planned(("listing", base, heading, intro, groups, empty, site.listed(claims)),
                 partial(listing_pages, site, base, heading, claims, intro, groups, empty))


def listing_pages(site: SitePlanner, base: str, heading: str, claims: Sequence[Claim],
                  intro: str, groups: Sequence[dict[str, Any]], empty: str) -> None:
    per = site.settings.per_page
    pages = max(1, -(-len(claims) // per))
    for n in range(1, pages + 1):
        url = listing_url(base, n)
        shown = claims[(n - 1) * per: n * per]
        site.page(
            url, "listing.html.j2", title=heading if n == 1 else paged(heading, n),
            key=(heading, intro, groups if n == 1 else (), empty, n, pages,
                 [(c.slug, fingerprint(c), site.claimant(c), site.evidence_line(c))
                  for c in shown]),
            context=listing_context(site, base, n, pages, heading, intro,
                                    groups if n == 1 else (), shown,
                                    empty if not claims else ""),
            date=site.newest_date(c.slug for c in shown))


def listing_context(site: SitePlanner, base: str, n: int, pages: int, heading: str,
                    intro: str, groups: Sequence[dict[str, Any]], claims: Sequence[Claim],
                    empty: str = "") -> Callable[[], dict[str, Any]]:
    url = listing_url(base, n)
    link = site.linker(url)
    per = site.settings.per_page
    return lambda: dict(
        heading=heading, intro=intro, groups=groups, claims=claims, empty=empty,
        first_number=(n - 1) * per + 1, link=site.claim_linker(url),
        verdict=site.verdict, evidence_line=site.evidence_line, page=n,
        who=site.claimant_name,
        pages=pages,
        prev_href=link(listing_url(base, n - 1)) if n > 1 else None,
        next_href=link(listing_url(base, n + 1)) if n < pages else None)
