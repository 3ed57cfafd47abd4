"""A stored source's page: its metadata and its passages, each cited span marked and linked
back to the fact checks that quote it."""

from __future__ import annotations

from functools import partial
from typing import Any

from markupsafe import Markup

from generator.i18n import _
from generator.model import Source, fingerprint
from generator.site.dates import human
from generator.site.highlight import Mark, highlight
from generator.site.pages.planner import STANCE_LABELS, SitePlanner
from generator.site.scripts import name, part_lang
from generator.site.text import quoted
from generator.site.urls import claim_url, source_url


def plan(site: SitePlanner) -> None:
    for source in site.corpus.sources.values():
        # What the page reads: the source, and the claims citing it with their sources
        # (`claim_key`: which spans they cite, and their headlines) and dates.
        citing = site.corpus.claims_citing(source.id)
        site.planned(("source", source.id, fingerprint(source),
                      [(c, site.claim_key(c), site.changed[c]) for c in citing]),
                     partial(source_page, site, source))


def source_page(site: SitePlanner, source: Source) -> None:
    url = source_url(source.id)
    link = site.linker(url)
    citing = site.corpus.claims_citing(source.id)
    lang = site.settings.language
    title_lang = part_lang(source.language, lang)  # the headline is in the source's language
    # What the page shows of the claims citing it: headlines and the spans they cite.
    cites = [(c, site.corpus.claims[c.claim].headline) for p in source.passages
             for c in site.corpus.cited_by(source.id, p.id)]
    key = (source.id, fingerprint(source), cites,
           [(slug, site.corpus.claims[slug].headline) for slug in citing])

    def context() -> dict[str, Any]:
        passages = []
        for p in source.passages:
            citations = site.corpus.cited_by(source.id, p.id)
            marks = [Mark(c.span.start, c.span.end, f"q-{c.claim}-{c.index + 1}",
                          c.stance.value) for c in citations]
            seen: dict[tuple[str, str], dict[str, Any]] = {}
            for c in citations:
                claim = site.corpus.claims[c.claim]
                seen.setdefault((c.claim, c.stance.value), {
                    "stance": c.stance.value, "stance_label": _(STANCE_LABELS[c.stance]),
                    "href": link(claim_url(c.claim)), "headline": claim.headline,
                })
            passages.append({"id": p.id, "number": p.id.removeprefix("p"), "kind": p.kind,
                             "html": highlight(p.text, marks),
                             "citations": list(seen.values())})
        return dict(source=source, metadata=source_metadata(source, lang), title_lang=title_lang,
                    passages=passages,
                    citing=[{"href": link(claim_url(s)),
                             "headline": site.corpus.claims[s].headline} for s in citing])

    site.page(url, "source.html.j2", title=source.title,
              description=_("Stored copy of %(title)s") % {"title": quoted(source.title)},
              toc=[("the-article-as-stored", _("The article as stored"))], key=key,
              context=context, date=site.newest_date(citing), title_lang=title_lang)


def source_metadata(source: Source, lang: str) -> list[tuple[str, Any]]:
    """What the page says of a source; names in another script (an outlet or byline in
    Cyrillic) marked with their language for the surrounding `lang`."""
    original: Any = None
    if source.url:
        original = Markup('<a href="{0}" rel="noopener noreferrer nofollow">{0}</a>').format(
            source.url)
    archive: Any = None
    if source.archive_url:
        archive = Markup('<a href="{0}" rel="noopener noreferrer nofollow">{0}</a>').format(
            source.archive_url)
    metadata = [
        (_("Outlet"), name(source.outlet, lang) if source.outlet else None),
        (_("Author"), name(source.author, lang) if source.author else None),
        (_("Published"), human(source.published) if source.published else None),
        (_("Original"), original),
        (_("Archived copy"), archive),
        (_("Retrieved"), human(source.retrieved) if source.retrieved else None),
        (_("Language"), source.language),
        (_("SHA-256 of the stored text"), Markup("<code>{0}</code>").format(source.body_sha256)),
    ]
    if source.snapshot:
        metadata.append((_("Snapshot of the page as fetched"),
                         Markup("<code>{0}</code>").format(source.snapshot)))
    if source.notes:
        metadata.append((_("Notes"), source.notes))
    return metadata
