"""A fact check's page: the verdict in short, the evidence in columns by stance and
account, each excerpt linked to its passage and to the original, then the analysis."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.anchoring.anchor import Span
from generator.anchoring.resolve import ResolvedEvidence
from generator.i18n import N_, _, language_name
from generator.model import Claim, Stance
from generator.review.accounts import tally_text
from generator.site import kinds
from generator.site.dates import claimed, human
from generator.site.desk import contact_href, report_mail
from generator.site.highlight import Mark, highlight
from generator.site.jsonld import absolute, claim_review, script_json
from generator.site.markup import render_markdown
from generator.site.pages.data_files import share_card
from generator.site.pages.planner import STANCE_LABELS, SitePlanner
from generator.site.scripts import name, part_lang, titled
from generator.site.text import sentence_bounds, share_description, text_fragment
from generator.site.updates import latest
from generator.site.urls import claim_url, person_url, source_url

COLUMNS = (
    (Stance.SUPPORTS, N_("What supports the claim"), "✚",
     N_("No passage in the stored sources supports the claim.")),
    (Stance.REFUTES, N_("What disputes the claim"), "−",
     N_("No passage in the stored sources disputes the claim.")),
    (Stance.CONTEXT, N_("Context"), "ℹ",
     N_("No passage in the stored sources was cited as context.")),
)
# Excerpts of one account shown on a claim page before "more from this account": with three
# accounts of ten quotes a column, the disputing one is still near the top on a phone.
SHOWN = 2


def plan(site: SitePlanner) -> None:
    for claim in site.claims:
        slug = claim.slug
        # What the page reads: the claim and its sources (`claim_key`), its history.
        site.planned(("claim", site.claim_key(slug), site.updates.get(slug, ()),
                      site.changed[slug]), partial(claim_page, site, claim))


def claim_page(site: SitePlanner, claim: Claim) -> None:
    url = claim_url(claim.slug)
    link = site.linker(url)
    evidence = site.corpus.evidence.get(claim.slug, ())
    updates = site.updates.get(claim.slug, ())
    updated = max((d for d in (claim.updated, latest(updates)) if d), default=None)
    verdict = site.verdict(claim.verdict)
    page_address = absolute(site.settings, url)
    toc = [("in-short", _("In short")), ("competing-accounts", _("Competing accounts")),
           ("analysis", _("Analysis"))]
    if updates or claim.corrections:
        toc.append(("updates-and-corrections", _("Updates and corrections")))
    key = (site.claim_key(claim.slug), updates, updated)
    entry = site.corpus.registry.find(claim.claimant)
    lang = site.settings.language

    def context() -> dict[str, Any]:
        columns = []
        filtered: set[str] = set()  # sources already given to the search's source filter
        accounts = site.accounts(claim.slug)
        tallies = site.tallies(claim.slug)
        for stance, title, icon, none in COLUMNS:
            items = [e for e in evidence if e.evidence.stance is stance]
            groups: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
            for e in items:
                # Pagefind counts every element that carries a filter value: one per
                # source keeps the filter's counts to fact checks, as on /sources/.
                item = {**excerpt(site, e, link), "filter": e.source.id not in filtered}
                filtered.add(e.source.id)
                groups[accounts[e.index].name, accounts[e.index].own].append(item)
            columns.append({
                "stance": stance.value, "title": _(title), "label": _(STANCE_LABELS[stance]),
                "icon": icon, "none": _(none),
                "count": len(items), "tally": tally_text(tallies[stance]),
                "groups": [{"account": name(k, lang), "own": mine, "excerpts": v[:SHOWN],
                            "more": v[SHOWN:]} for (k, mine), v in groups.items()],
            })
        appearances = []
        for ref in claim.appearance:
            if ref in site.corpus.sources:
                source = site.corpus.sources[ref]
                appearances.append({"href": link(source_url(ref)),
                                    "label": titled(source.title, source.language, lang)})
            else:
                appearances.append({"href": ref, "label": ref})
        return dict(
            claim=claim, verdict=verdict, columns=columns,
            verdict_href=link(f"methodology/#verdict-{claim.verdict}"),
            report_href=site.settings.issue_url(page_address, claim.headline),
            contact=site.settings.desk.contact,
            contact_href=contact_href(site.settings.desk.contact or ""),
            report_mail=report_mail(site.settings.desk.contact, page_address,
                                    claim.headline),
            corrections_href=link("corrections/"),
            appearances=appearances,
            claimant=name(site.claimant(claim), lang),
            # The claim in its claimant's words, marked with their language.
            original_lang=claim.claim_language,
            original_label=language_name(claim.claim_language, lang) or claim.claim_language
            if claim.claim_language else None,
            claimant_link=link(person_url(entry.slug)) if entry else None,
            aliases=[name(a, lang) for a in site.names_on(claim.slug)],
            topics=[{"href": link(f"topics/{t}/"), "label": site.settings.topic(t).name}
                    for t in claim.tags],
            analysis=Markup(render_markdown(claim.body)),
            updated=updated, updates=updates,
            # ClaimReview is for rated claims: an opinion, a forecast or an intention has none.
            jsonld=Markup(script_json(claim_review(
                site.corpus, claim, updated.iso if updated else None)))
            if claim.rated else None,
            kind=_(kinds.LABELS[claim.kind]),
            not_rated_because=_(kinds.NOT_RATED_BECAUSE[claim.kind])
            if claim.kind in kinds.NOT_RATED_BECAUSE else None,
            kind_href=link(f"kinds/{kinds.SLUGS[claim.kind]}/"),
        )

    site.page(url, "claim.html.j2",
              title=_("%(headline)s (claimed %(when)s)") % {
                  "headline": claim.headline, "when": claimed(claim.claim_date)},
              description=share_description(verdict.label, site.claimant(claim),
                                            claim.claim_date, claim.claim, claim.headline),
              image=share_card(site, claim),
              toc=toc, key=key, context=context, date=site.changed[claim.slug].first_day,
              article=(claim.published.first_day, updated.first_day if updated else None))


def excerpt(site: SitePlanner, e: ResolvedEvidence, link: Callable[[str], str]
            ) -> dict[str, Any]:
    source = e.source
    lang = site.settings.language
    by_passage: dict[str, list[Span]] = {}
    for span in e.match.spans:
        by_passage.setdefault(span.passage, []).append(span)
    # The quoted words are the excerpt; the sentence around them is secondary, so two
    # excerpts from one sentence read as two pieces of evidence.
    parts: list[str] = []
    quoted_parts: list[str] = []
    widened = False
    for passage_id, spans in by_passage.items():
        text = source.passage(passage_id).text
        left = sentence_bounds(text, spans[0].start, spans[0].end)[0]
        right = sentence_bounds(text, spans[-1].start, spans[-1].end)[1]
        marks = [Mark(s.start - left, s.end - left, "", e.evidence.stance.value)
                 for s in spans]
        context = highlight(text[left:right], marks)
        parts.append(("… " if left > 0 else "") + str(context) +
                     (" …" if right < len(text) else ""))
        quoted_parts.extend(text[s.start:s.end] for s in spans)
        widened = widened or len(spans) > 1 or (spans[0].start, spans[0].end) != (left, right)
    first = e.match.spans[0]
    original = None
    if source.url:
        quoted = source.passage(first.passage).text[first.start:first.end]
        if len(e.match.spans) > 1:
            last = e.match.spans[-1]
            quoted = quoted + " " + source.passage(last.passage).text[last.start:last.end]
        original = source.url.split("#")[0] + text_fragment(site.article(source), quoted)
    return {
        "id": f"e{e.index + 1}",
        "quote": " … ".join(quoted_parts),
        "context": Markup(" [⋯] ".join(parts)) if widened or len(by_passage) > 1 else None,
        "passage_href": link(source_url(source.id) + "#" + e.anchor),
        "passage_id": first.passage,
        "paragraph": first.passage.removeprefix("p"),  # a reader counts paragraphs
        "source_title": titled(source.title, source.language, lang),
        # The quote and its context in the source's language; the desk's translation in
        # the site's, beneath it.
        "lang": part_lang(source.language, lang),
        "translation": e.evidence.translation,
        "site_lang": lang,
        "outlet": name(source.outlet, lang) if source.outlet else None,
        "published": human(source.published) if source.published else None,
        "original_href": original,
        "note": e.evidence.note,
    }
