"""A stored source's page: its metadata and its passages, each cited span marked and linked
back to the fact checks that quote it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.model import Source, fingerprint
from generator.site.highlight import Mark, highlight
from generator.site.pages.planner import STANCE_LABELS, SitePlanner
from generator.site.scripts import name, part_lang
from generator.site.urls import claim_url, source_url


def plan(site: SitePlanner) -> None:
    for source in site.corpus.sources.values():
        source_page(site, source)


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
                    "stance": c.stance.value, "stance_label": STANCE_LABELS[c.stance],
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
              description=f"Stored copy of “{source.title}”",
              toc=[("the-article-as-stored", "The article as stored")], key=key,
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
        ("Outlet", name(source.outlet, lang) if source.outlet else None),
        ("Author", name(source.author, lang) if source.author else None),
        ("Published", source.published.human if source.published else None),
        ("Original", original),
        ("Archived copy", archive),
        ("Retrieved", source.retrieved.human if source.retrieved else None),
        ("Language", source.language),
        ("SHA-256 of the stored text", Markup("<code>{0}</code>").format(source.body_sha256)),
    ]
    if source.snapshot:
        metadata.append(("Snapshot of the page as fetched",
                         Markup("<code>{0}</code>").format(source.snapshot)))
    if source.notes:
        metadata.append(("Notes", source.notes))
    return metadata
