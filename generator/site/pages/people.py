"""A page for each person and organisation of the registry: who it is and whom it speaks
for, its record (its claims, counted by verdict), and where its word was used as evidence;
and an index of them all. A long record runs over pages of `per_page`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.i18n import N_, _
from generator.model import Claim, Person, Stance, fingerprint, person_url
from generator.site.markup import render_markdown
from generator.site.pages.planner import STANCE_LABELS, SitePlanner, paged
from generator.site.scripts import name, name_lang
from generator.site.urls import claim_url, listing_url, relative

# Fact checks listed under "where their word was used", on the page's first page only.
USES_SHOWN = 50
TYPES = {"person": N_("Person"), "organization": N_("Organisation")}


@dataclass(frozen=True)
class Use:
    """A fact check that cites the entry's account, and with which stances."""

    claim: Claim
    stances: tuple[Stance, ...]


def plan(site: SitePlanner) -> None:
    registry = site.corpus.registry
    made: dict[str, list[Claim]] = defaultdict(list)  # newest first, as site.claims
    for c in site.claims:
        if c.slug in site.corpus.claimants:
            made[site.corpus.claimants[c.slug]].append(c)
    used: dict[str, dict[str, list[Stance]]] = defaultdict(dict)
    for c in site.claims:
        for a in site.accounts(c.slug):
            if a.entry is not None:
                used[a.entry].setdefault(c.slug, []).append(a.stance)
    people = sorted(registry.people.values(), key=lambda p: p.name.casefold())
    for person in people:
        uses = [Use(site.corpus.claims[slug], tuple(dict.fromkeys(stances)))
                for slug, stances in used[person.slug].items()]
        site.planned(("person", fingerprint(person), site.corpus.registry.key,
                      site.listed(made[person.slug]), site.listed(u.claim for u in uses),
                      [u.stances for u in uses]),
                     partial(person_pages, site, person, made[person.slug], uses))
    lang = site.settings.language
    index = [{"href": relative("people/", person_url(p.slug)), "label": name(p.name, lang),
              "count": len(made[p.slug]), "note": p.role or _(TYPES[p.type.value]),
              "facts": ()} for p in people]
    site.page("people/", "listing.html.j2", title=_("People and organisations"),
              key=("people", [(i["label"], i["count"], i["note"]) for i in index]),
              context=lambda: dict(
                  heading=_("People and organisations"), groups=index, claims=(), empty="",
                  intro=_("Everyone the fact checks name as a claimant or as the source of "
                          "an account, with the number of claims each made."),
                  first_number=1, link=site.claim_linker("people/"),
                  verdict=site.verdict, evidence_line=site.evidence_line,
                  who=site.claimant_name, page=1, pages=1, prev_href=None, next_href=None))


def person_pages(site: SitePlanner, person: Person, claims: list[Claim], uses: list[Use]
                 ) -> None:
    registry = site.corpus.registry
    base = person_url(person.slug)
    per = site.settings.per_page
    pages = max(1, -(-len(claims) // per))
    parents = [registry.people[s] for s in person.part_of if s in registry.people]
    members = sorted(registry.members(person.slug), key=lambda p: p.name.casefold())
    # The side it counts with, where that is more than what it is directly part of.
    tops = list(registry.sides(person.slug))
    if {p.slug for p in tops} == set(person.part_of):
        tops = []
    lang = site.settings.language
    title_lang = name_lang(person.name, lang)  # a name in another script: its language
    counts = [(v, n) for v in site.verdicts
              if (n := sum(c.verdict == v.key for c in claims))]
    for n in range(1, pages + 1):
        url = listing_url(base, n)
        shown = claims[(n - 1) * per: n * per]
        first = n == 1
        key = ("person", fingerprint(person), registry.key, n, pages,
               [(c.slug, fingerprint(c), site.evidence_line(c)) for c in shown],
               [(v.key, k) for v, k in counts] if first else (),
               [(u.claim.slug, u.claim.headline, u.stances) for u in uses] if first else ())

        def context(url: str = url, n: int = n, shown: list[Claim] = shown,
                    first: bool = first) -> dict[str, Any]:
            link = site.linker(url)
            return dict(
                person=person, kind=_(TYPES[person.type.value]), page=n, pages=pages,
                title_lang=title_lang,
                # Names in other scripts (an alias in Armenian letters) with their `lang`.
                aliases=[name(a, lang) for a in person.aliases],
                parents=[(name(p.name, lang), link(person_url(p.slug))) for p in parents],
                tops=[(name(p.name, lang), link(person_url(p.slug))) for p in tops],
                members=[(name(p.name, lang), link(person_url(p.slug))) for p in members]
                if first else [],
                profile=Markup(render_markdown(person.body)) if first and person.body.strip()
                else None,
                counts=counts if first else [], total=len(claims),
                claims=shown, first_number=(n - 1) * per + 1,
                link=site.claim_linker(url), verdict=site.verdict,
                evidence_line=site.evidence_line, who=site.claimant_name,
                uses=[{"href": link(claim_url(u.claim.slug)), "headline": u.claim.headline,
                       "stances": ", ".join(_(STANCE_LABELS[s]).lower() for s in u.stances)}
                      for u in uses[:USES_SHOWN]] if first else [],
                more_uses=max(0, len(uses) - USES_SHOWN) if first else 0,
                used=len(uses),
                prev_href=link(listing_url(base, n - 1)) if n > 1 else None,
                next_href=link(listing_url(base, n + 1)) if n < pages else None)

        title = person.name if first else paged(person.name, n)
        site.page(url, "person.html.j2", title=title, key=key, context=context,
                  description=person.description or person.role,
                  date=site.newest_date(c.slug for c in shown), title_lang=title_lang)
