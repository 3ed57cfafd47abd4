"""Machine-readable output: claims.json and an Atom feed. No build-machine time goes in."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape as xml_escape

from generator.anchoring.resolve import Corpus
from generator.i18n import _
from generator.model import Claim, PartialDate
from generator.review.accounts import accounts, corroboration
from generator.site import scale
from generator.site.dates import claimed, human
from generator.site.jsonld import absolute
from generator.site.kinds import NOT_RATED_BECAUSE
from generator.site.text import quoted
from generator.site.updates import Update, last_changed
from generator.site.urls import claim_url, person_url, source_url


def claims_json(corpus: Corpus, entry: Callable[[str], str] | None = None) -> str:
    """Every claim with its evidence, one claim a line: readable and diffable. `entry`
    may give a claim's line from a cache; it must equal `claim_entry`'s."""
    line = entry or (lambda slug: claim_entry(corpus, slug))
    lines = ",\n".join(line(slug) for slug in corpus.claims)
    return (f'{{"version": 1, "count": {len(corpus.claims)}, "claims": [\n{lines}\n]}}\n'
            if lines else '{"version": 1, "count": 0, "claims": []}\n')


def claim_entry(corpus: Corpus, slug: str) -> str:
    """One claim as JSON, on one line (json's C encoder: an indent would make it fall
    back to the pure-Python one, ten times slower)."""
    settings = corpus.settings
    claim = corpus.claims[slug]
    verdict = scale.verdict(settings, claim.verdict)
    items = accounts(claim, corpus.sources, corpus.registry)
    evidence = []
    for e in corpus.evidence.get(slug, ()):
        first = e.match.spans[0]
        evidence.append({
            "source": e.source.id,
            "stance": e.evidence.stance.value,
            "account": items[e.index].name,
            "account_slug": items[e.index].entry,
            "speaks_for": e.evidence.speaks_for,
            "party": sorted(items[e.index].party),
            "claimant_own": items[e.index].own,
            "quote": e.evidence.quote,
            # The source's language (the quote's), and the desk's translation of the quote
            # into the site's language, when the source is in another.
            "language": e.source.language,
            "translation": e.evidence.translation,
            "passage": first.passage,
            "anchor": e.anchor,
            "passage_url": absolute(settings, source_url(e.source.id) + "#" + first.passage),
            "quote_url": absolute(settings, source_url(e.source.id) + "#" + e.anchor),
            "spans": [{"passage": s.passage, "start": s.start, "end": s.end}
                      for s in e.match.spans],
            "match": "exact" if e.match.exact else "normalised",
            "note": e.evidence.note,
        })
    return json.dumps({
        "slug": slug,
        "url": absolute(settings, claim_url(slug)),
        "title": claim.headline,
        "claim": claim.claim,
        "claim_original": claim.claim_original,
        "claim_language": claim.claim_language,
        "kind": claim.kind.value,
        "claimant": corpus.registry.display(claim.claimant),
        "claimant_slug": _slug(corpus, claim.claimant),
        "claimant_type": (entry.type.value if (entry := corpus.registry.find(claim.claimant))
                          else claim.claimant_type.value if claim.claimant_type else None),
        "claim_date": claim.claim_date.iso,
        "appearance": list(claim.appearance),
        "verdict": claim.verdict,
        "verdict_label": verdict.label,
        "rating": verdict.rating,
        # ClaimReview is for rated claims; why a claim has none, when it has none.
        "claim_review": claim.rated,
        "not_rated_because": None if claim.rated else (
            _(NOT_RATED_BECAUSE[claim.kind]) if claim.kind in NOT_RATED_BECAUSE
            else _("It is not rated.")),
        "summary": claim.summary,
        "published": claim.published.iso,
        "updated": claim.updated.iso if claim.updated else None,
        "tags": list(claim.tags),
        "topics": [{"slug": t, "name": settings.topic(t).name} for t in claim.tags],
        "corrections": [{"date": c.date.iso, "note": c.note} for c in claim.corrections],
        "corroboration": {stance.value: {
            "items": tally.items, "independent_accounts": tally.independent_accounts,
            "sources": tally.sources, "claimant_items": tally.claimant_items,
            "independent": list(tally.independent), "claimant_side": list(tally.claimant_side),
            "text": tally.accounts_text,
        } for stance, tally in corroboration(items).items()},
        "evidence": evidence,
    }, ensure_ascii=False)


def _slug(corpus: Corpus, name: str | None) -> str | None:
    entry = corpus.registry.find(name) if name else None
    return entry.slug if entry else None


def people_json(corpus: Corpus) -> str:
    """The registry: every person and organisation, whom each is part of, its party, and
    the claims it made."""
    registry = corpus.registry
    made: dict[str, list[str]] = {}
    for slug, claimant in corpus.claimants.items():
        made.setdefault(claimant, []).append(slug)
    people = [json.dumps({
        "slug": p.slug,
        "url": absolute(corpus.settings, person_url(p.slug)),
        "name": p.name,
        "type": p.type.value,
        "aliases": list(p.aliases),
        "part_of": list(p.part_of),
        "party": sorted(registry.party(p.slug)),
        "role": p.role,
        "same_as": list(p.same_as),
        "description": p.description,
        "claims": made.get(p.slug, []),
    }, ensure_ascii=False) for p in sorted(registry.people.values(), key=lambda p: p.slug)]
    lines = ",\n".join(people)
    return (f'{{"version": 1, "count": {len(people)}, "people": [\n{lines}\n]}}\n'
            if people else '{"version": 1, "count": 0, "people": []}\n')


def _timestamp(date: PartialDate) -> str:
    return f"{date.first_day}T00:00:00Z"


def atom(corpus: Corpus, claims: Sequence[Claim],
         updates: Mapping[str, Sequence[Update]] | None = None, limit: int = 50) -> str:
    """New and updated fact checks, the most recently changed first. An entry's `updated`
    is the day its claim last changed, by its dates or by its git history (`updates`), and
    its summary says what changed, as the claim page's "Updated" note does; the feed's date
    is its newest entry's."""
    settings = corpus.settings
    home = absolute(settings, "")
    found = updates or {}

    def changed(c: Claim) -> PartialDate:
        return last_changed(c, found.get(c.slug, ()))

    entries = sorted(claims, key=lambda c: (changed(c).first_day, c.published.first_day,
                                            c.slug), reverse=True)[:limit]
    newest = max((changed(c) for c in entries), default=PartialDate(1970, 1, 1))
    e = xml_escape
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{e(settings.site_name)}</title>",
        f'  <link href="{e(home)}"/>',
        f'  <link rel="self" href="{e(absolute(settings, "feed.xml"))}"/>',
        f"  <id>{e(home)}</id>",
        f"  <updated>{_timestamp(newest)}</updated>",
        f"  <author><name>{e(settings.author)}</name></author>",
    ]
    for c in entries:
        url = absolute(settings, claim_url(c.slug))
        label = scale.verdict(settings, c.verdict).label
        recent = found.get(c.slug, ())
        if recent:
            status = (_("Corrected %(date)s: %(note)s") if recent[0].correction
                      else _("Updated %(date)s: %(note)s")) % {
                "date": human(recent[0].date), "note": recent[0].sentences[0]}
        else:
            status = (_("Updated %(date)s.") % {"date": human(c.updated)} if c.updated
                      else _("New."))
        who = corpus.registry.display(c.claimant)
        # The verdict in short first, then whose claim it is; what changed comes last.
        text = _("%(summary)s %(claimant)s claimed %(when)s: %(claim)s %(status)s") % {
            "summary": c.summary, "claimant": who, "when": claimed(c.claim_date),
            "claim": quoted(c.claim), "status": status}
        title = _("%(verdict)s: %(headline)s (claimed %(when)s)") % {
            "verdict": label, "headline": c.headline, "when": claimed(c.claim_date)}
        out += [
            "  <entry>",
            f"    <title>{e(title)}</title>",
            f'    <link href="{e(url)}"/>',
            f"    <id>{e(url)}</id>",
            f"    <published>{_timestamp(c.published)}</published>",
            f"    <updated>{_timestamp(changed(c))}</updated>",
            f"    <category term=\"{e(c.verdict)}\" label=\"{e(label)}\"/>",
            f"    <summary>{e(text)}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
