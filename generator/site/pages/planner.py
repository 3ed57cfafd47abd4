"""Plan every page and data file of the site from the resolved corpus.

`generate_site()` returns the data files (claims.json, the feed, assets, the hand-written
pages with their generated blocks) and a plan of the generated pages. A planned page knows
its title, table of contents and a key, a digest of everything it shows, and renders its
HTML only when asked: an engine renders one page at a time and keeps none, and a preview
re-renders only the pages whose key changed. `generate()` renders them all as Markdown
files with front-matter, for any static-site engine.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.anchoring.anchor import Span
from generator.anchoring.normalize import normalise_text
from generator.anchoring.resolve import Corpus, ResolvedEvidence
from generator.content.settings import Need
from generator.digest import text_digest
from generator.history.revisions import History, read_history
from generator.model import Claim, Source, Stance, fingerprint
from generator.review.accounts import (
    Account,
    Tally,
    accounts,
    compact_text,
    corroboration,
    tally_text,
)
from generator.site import feeds
from generator.site.desk import contact_href, desk_facts
from generator.site.highlight import Mark, highlight
from generator.site.jsonld import absolute, claim_review, script_json
from generator.site.markup import render_markdown
from generator.site.render import environment, meta_value
from generator.site.text import claimed, sentence_bounds, share_description, text_fragment
from generator.site.updates import last_changed, latest, updates_by_claim
from generator.site.urls import claim_url, listing_url, relative, slugify, source_url

log = logging.getLogger("factcheck.pages")

STANCE_LABELS = {Stance.SUPPORTS: "Supports", Stance.REFUTES: "Disputes",
                 Stance.CONTEXT: "Context"}
COLUMNS = (
    (Stance.SUPPORTS, "What supports the claim", "✚", "supports the claim"),
    (Stance.REFUTES, "What disputes the claim", "−", "disputes the claim"),
    (Stance.CONTEXT, "Context", "ℹ", "was cited as context"),
)
# Where each hand-written page takes its generated blocks; a block whose marker is
# missing goes at the end of the page. A marker may open a region that a closing marker
# (`<!-- /factcheck:clone -->`) ends: the region shows on GitHub, and the site replaces it.
MARKERS = {
    "index.md": ("<!-- factcheck:latest -->",),
    "methodology.md": ("<!-- factcheck:verdicts -->",),
    "corrections.md": ("<!-- factcheck:report -->", "<!-- factcheck:corrections -->"),
    "about.md": ("<!-- factcheck:desk -->",),
    "contributing.md": ("<!-- factcheck:clone -->",),
}
ASSETS = ("factcheck.css", "factcheck.js", "search.js")
# What every page loads: the packaged assets and the stylesheet made from the verdict scale.
STYLESHEETS = ("assets/factcheck.css", "assets/verdicts.css")
SCRIPTS = ("assets/factcheck.js", "assets/search.js")
LATEST = 10
# Excerpts of one account shown on a claim page before "more from this account": with three
# accounts of ten quotes a column, the disputing one is still near the top on a phone.
SHOWN = 2


@dataclass(frozen=True)
class PageSpec:
    """A generated page, planned: everything but its HTML, which `body()` renders."""

    path: str  # e.g. claims/<slug>/index.md
    title: str
    description: str | None
    toc: tuple[tuple[str, str], ...]  # (id, title) of its sections
    date: str | None  # the day its content last changed, for the sitemap
    key: str  # a digest of everything the page shows
    body: Callable[[], str]
    kind: str = "website"  # for link previews (og:type): `article` for a fact check
    published: str | None = None  # an article's dates, YYYY-MM-DD
    modified: str | None = None

    def markdown(self) -> str:
        """Front-matter, then the HTML (Markdown passes HTML through as it is)."""
        front = f"---\ntitle: {meta_value(self.title)}\n"
        if self.description:
            front += f"description: {meta_value(self.description)}\n"
        return front + "---\n\n" + self.body()


# Given a key and a way to make a part of a data file, the part: a long-running caller
# may answer from what it kept (see `generator.preview`).
PartMemo = Callable[[str, Callable[[], str]], str]


def _make(key: str, make: Callable[[], str]) -> str:
    return make()


@dataclass(frozen=True)
class Group:
    """A browsing group: a verdict, topic or claimant, with its claims newest first."""

    key: str
    label: str
    claims: tuple[Claim, ...]
    note: str = ""


def newest_first(claims: Iterable[Claim]) -> list[Claim]:
    def key(c: Claim) -> tuple[int, int, int, int, int, int, str]:
        # As PartialDate orders itself, without a Python-level comparison per step.
        changed, published = c.updated or c.published, c.published
        return (changed.year, changed.month, changed.day, published.year, published.month,
                published.day, c.slug)

    return sorted(claims, key=key, reverse=True)


class SiteBuilder:
    def __init__(self, corpus: Corpus, docs_dir: Path | None = None,
                 history: History | None = None, part: PartMemo = _make) -> None:
        self.corpus = corpus
        self.settings = corpus.settings
        self.docs_dir = docs_dir
        self.env = environment()
        self.files: dict[str, str | bytes] = {}
        self.pages: dict[str, PageSpec] = {}
        self.claims = newest_first(corpus.claims.values())
        self._articles: dict[str, str] = {}
        self.part = part
        self.claim_keys: dict[str, str] = {}
        self._accounts: dict[str, tuple[Account, ...]] = {}
        self._evidence_lines: dict[str, str] = {}
        self._settings_key = text_digest(repr(self.settings))
        # Read once, before any page: pages only look changes up.
        self.history = history if history is not None else read_history(
            self.settings.root, self.settings.claims_dir)
        self.updates = updates_by_claim(corpus.claims, self.history, self.settings,
                                        corpus.sources)
        # The day each claim last changed, from its dates and its history alike: the
        # page's "Updated", the sitemap and the feed say the same.
        self.changed = {slug: last_changed(c, self.updates.get(slug, ()))
                        for slug, c in corpus.claims.items()}

    # -- helpers -----------------------------------------------------------------------

    def linker(self, page_url: str) -> Callable[[str], str]:
        return lambda to: relative(page_url, to)

    def claim_linker(self, page_url: str) -> Callable[[str], str]:
        return lambda slug: relative(page_url, claim_url(slug))

    def article(self, source: Source) -> str:
        """A source's whole text, normalised once for every quote that links into it."""
        if source.id not in self._articles:
            self._articles[source.id] = normalise_text("\n\n".join(p.text for p in source.passages))
        return self._articles[source.id]

    def page(self, url: str, template: str, *, title: str, key: Iterable[object],
             context: Callable[[], dict[str, Any]], description: str | None = None,
             toc: Sequence[tuple[str, str]] = (), date: str | None = None,
             article: tuple[str, str | None] | None = None) -> None:
        """Plan a page. `key` names everything `context` reads, so equal keys mean equal
        pages; the context is built, and the template rendered, only when asked."""
        path = url + "index.md"
        digest = text_digest(repr((template, self._settings_key, title, description, tuple(toc),
                               date, article, *key)))

        def body() -> str:
            return self.env.get_template(template).render(**context())

        published, modified = article or (None, None)
        self.pages[path] = PageSpec(path, title, description, tuple(toc), date, digest, body,
                                    "article" if article else "website", published, modified)

    def hand_written(self, name: str) -> str | None:
        path = (self.docs_dir / name) if self.docs_dir else None
        if path is not None and path.is_file():
            return path.read_text(encoding="utf-8")
        return None

    # -- pages -------------------------------------------------------------------------

    def build(self) -> dict[str, str | bytes]:
        for claim in self.claims:
            self.claim_page(claim)
        for source in self.corpus.sources.values():
            self.source_page(source)
        self.listings()
        self.special_pages()
        self.files["claims.json"] = feeds.claims_json(self.corpus, lambda slug: self.part(
            f"{self._settings_key}:claims.json:{self.claim_key(slug)}",
            lambda: feeds.claim_entry(self.corpus, slug)))
        self.files["feed.xml"] = feeds.atom(self.corpus, self.claims, self.updates)
        self.files["assets/verdicts.css"] = "".join(
            f".fc-verdict-{v.key} {{ --fc-colour: {v.colour}; }}\n" for v in self.settings.verdicts)
        for name in ASSETS:
            self.files[f"assets/{name}"] = (
                resources.files("generator.site") / "assets" / name).read_text(encoding="utf-8")
        log.info("planned %d pages and generated %d files", len(self.pages), len(self.files))
        return self.files

    def claim_page(self, claim: Claim) -> None:
        url = claim_url(claim.slug)
        link = self.linker(url)
        evidence = self.corpus.evidence.get(claim.slug, ())
        updates = self.updates.get(claim.slug, ())
        updated = max((d for d in (claim.updated, latest(updates)) if d), default=None)
        verdict = self.settings.verdict(claim.verdict)
        page_address = absolute(self.settings, url)
        toc = [("in-short", "In short"), ("competing-accounts", "Competing accounts"),
               ("analysis", "Analysis")]
        if updates or claim.corrections:
            toc.append(("updates-and-corrections", "Updates and corrections"))
        key = (self.claim_key(claim.slug), updates, updated)

        def context() -> dict[str, Any]:
            columns = []
            filtered: set[str] = set()  # sources already given to the search's source filter
            own = {a.index: a.own for a in self.accounts(claim.slug)}
            tallies = self.tallies(claim.slug)
            for stance, title, icon, none in COLUMNS:
                items = [e for e in evidence if e.evidence.stance is stance]
                groups: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
                for e in items:
                    # Pagefind counts every element that carries a filter value: one per
                    # source keeps the filter's counts to fact checks, as on /sources/.
                    excerpt = {**self.excerpt(e, link), "filter": e.source.id not in filtered}
                    filtered.add(e.source.id)
                    groups[e.account, own[e.index]].append(excerpt)
                columns.append({
                    "stance": stance.value, "title": title, "label": STANCE_LABELS[stance],
                    "icon": icon, "none": none,
                    "count": len(items), "tally": tally_text(tallies[stance]),
                    "groups": [{"account": k, "own": mine, "excerpts": v[:SHOWN],
                                "more": v[SHOWN:]} for (k, mine), v in groups.items()],
                })
            appearances = []
            for ref in claim.appearance:
                if ref in self.corpus.sources:
                    appearances.append({"href": link(source_url(ref)),
                                        "label": self.corpus.sources[ref].title})
                else:
                    appearances.append({"href": ref, "label": ref})
            return dict(
                claim=claim, verdict=verdict, columns=columns,
                verdict_href=link(f"methodology/#verdict-{claim.verdict}"),
                report_href=self.settings.issue_url(page_address, claim.headline),
                contact=self.settings.desk.contact,
                contact_href=contact_href(self.settings.desk.contact or ""),
                corrections_href=link("corrections/"),
                appearances=appearances,
                claimant_link=link(f"claimants/{slugify(claim.claimant)}/"),
                topics=[{"href": link(f"topics/{t}/"), "label": self.settings.topic(t).name}
                        for t in claim.tags],
                analysis=Markup(render_markdown(claim.body)),
                updated=updated, updates=updates,
                jsonld=Markup(script_json(claim_review(
                    self.corpus, claim, updated.iso if updated else None))),
            )

        self.page(url, "claim.html.j2",
                  title=f"{claim.headline} (claimed {claimed(claim.claim_date)})",
                  description=share_description(verdict.label, claim.claimant,
                                                claim.claim_date, claim.claim),
                  toc=toc, key=key, context=context, date=self.changed[claim.slug].first_day,
                  article=(claim.published.first_day, updated.first_day if updated else None))

    def accounts(self, slug: str) -> tuple[Account, ...]:
        """Whose account each of a claim's evidence items is, computed once a claim."""
        if slug not in self._accounts:
            self._accounts[slug] = accounts(self.corpus.claims[slug], self.corpus.sources)
        return self._accounts[slug]

    def tallies(self, slug: str) -> dict[Stance, Tally]:
        return corroboration(self.accounts(slug))

    def evidence_line(self, claim: Claim) -> str:
        """A claim's corroboration in a line, for listings (each claim is in several)."""
        slug = claim.slug
        if slug not in self._evidence_lines:
            self._evidence_lines[slug] = self.part(
                f"{self._settings_key}:evidence:{self.claim_key(slug)}",
                lambda: compact_text(self.tallies(slug)))
        return self._evidence_lines[slug]

    def claim_key(self, slug: str) -> str:
        """A digest of a claim and the sources it names: what its page and its claims.json
        entry show, apart from history."""
        if slug not in self.claim_keys:
            claim, sources = self.corpus.claims[slug], self.corpus.sources
            cited = sorted({e.source for e in claim.evidence} | set(claim.appearance))
            self.claim_keys[slug] = text_digest(repr((slug, fingerprint(claim), [
                (s, fingerprint(sources[s])) for s in cited if s in sources])))
        return self.claim_keys[slug]

    def excerpt(self, e: ResolvedEvidence, link: Callable[[str], str]) -> dict[str, Any]:
        source = e.source
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
            left, _ = sentence_bounds(text, spans[0].start, spans[0].end)
            _, right = sentence_bounds(text, spans[-1].start, spans[-1].end)
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
            original = source.url.split("#")[0] + text_fragment(self.article(source), quoted)
        return {
            "id": f"e{e.index + 1}",
            "quote": " … ".join(quoted_parts),
            "context": Markup(" [⋯] ".join(parts)) if widened or len(by_passage) > 1 else None,
            "passage_href": link(source_url(source.id) + "#" + e.anchor),
            "passage_id": first.passage,
            "source_title": source.title,
            "outlet": source.outlet,
            "published": source.published.human if source.published else None,
            "original_href": original,
            "note": e.evidence.note,
        }

    def source_page(self, source: Source) -> None:
        url = source_url(source.id)
        link = self.linker(url)
        citing = self.corpus.claims_citing(source.id)
        # What the page shows of the claims citing it: headlines and the spans they cite.
        cites = [(c, self.corpus.claims[c.claim].headline) for p in source.passages
                 for c in self.corpus.cited_by(source.id, p.id)]
        key = (source.id, fingerprint(source), cites,
               [(slug, self.corpus.claims[slug].headline) for slug in citing])

        def context() -> dict[str, Any]:
            passages = []
            for p in source.passages:
                citations = self.corpus.cited_by(source.id, p.id)
                marks = [Mark(c.span.start, c.span.end, f"q-{c.claim}-{c.index + 1}",
                              c.stance.value) for c in citations]
                seen: dict[tuple[str, str], dict[str, Any]] = {}
                for c in citations:
                    claim = self.corpus.claims[c.claim]
                    seen.setdefault((c.claim, c.stance.value), {
                        "stance": c.stance.value, "stance_label": STANCE_LABELS[c.stance],
                        "href": link(claim_url(c.claim)), "headline": claim.headline,
                    })
                passages.append({"id": p.id, "kind": p.kind,
                                 "html": highlight(p.text, marks),
                                 "citations": list(seen.values())})
            return dict(source=source, metadata=self.source_metadata(source),
                        passages=passages,
                        citing=[{"href": link(claim_url(s)),
                                 "headline": self.corpus.claims[s].headline} for s in citing])

        self.page(url, "source.html.j2", title=source.title,
                  description=f"Stored copy of “{source.title}”",
                  toc=[("the-article-as-stored", "The article as stored")], key=key,
                  context=context, date=self.newest_date(citing))

    def newest_date(self, slugs: Iterable[str]) -> str | None:
        return max((self.changed[s].first_day for s in slugs), default=None)

    @staticmethod
    def source_metadata(source: Source) -> list[tuple[str, Any]]:
        original: Any = None
        if source.url:
            original = Markup('<a href="{0}" rel="noopener noreferrer nofollow">{0}</a>').format(
                source.url)
        archive: Any = None
        if source.archive_url:
            archive = Markup('<a href="{0}" rel="noopener noreferrer nofollow">{0}</a>').format(
                source.archive_url)
        metadata = [
            ("Outlet", source.outlet),
            ("Author", source.author),
            ("Published", source.published.human if source.published else None),
            ("Original", original),
            ("Archived copy", archive),
            ("Retrieved", source.retrieved.human if source.retrieved else None),
            ("Language", source.language),
            ("SHA-256 of the stored text", Markup("<code>{0}</code>").format(source.digest)),
        ]
        if source.snapshot:
            metadata.append(("Snapshot of the page as fetched",
                             Markup("<code>{0}</code>").format(source.snapshot)))
        if source.notes:
            metadata.append(("Notes", source.notes))
        return metadata

    # -- browsing ----------------------------------------------------------------------

    def groups(self, kind: str) -> list[Group]:
        if kind == "verdicts":
            return [Group(v.key, v.label, tuple(c for c in self.claims if c.verdict == v.key),
                          v.definition) for v in self.settings.verdicts]
        # Slug to claims (a dict keeps them newest first and each once), and label. A
        # claim's tags are the slugs of registered topics, which have names and notes.
        buckets: dict[str, dict[str, Claim]] = defaultdict(dict)
        labels: dict[str, str] = {}
        notes: dict[str, str] = {}
        for c in self.claims:
            if kind == "topics":
                for slug in c.tags:
                    topic = self.settings.topic(slug)
                    labels[slug], notes[slug] = topic.name, topic.description or ""
                    buckets[slug][c.slug] = c
            else:
                key = slugify(c.claimant)
                labels.setdefault(key, c.claimant)
                buckets[key][c.slug] = c
        return [Group(k, labels[k], tuple(buckets[k].values()), notes.get(k, ""))
                for k in sorted(buckets, key=lambda k: labels[k].casefold())]

    def listing(self, base: str, heading: str, claims: Sequence[Claim], intro: str = "",
                groups: Sequence[dict[str, Any]] = (), empty: str = "") -> None:
        """Plan a listing's pages; `empty` is what it says when it has no claims."""
        per = self.settings.per_page
        pages = max(1, -(-len(claims) // per))
        for n in range(1, pages + 1):
            url = listing_url(base, n)
            shown = claims[(n - 1) * per: n * per]
            self.page(
                url, "listing.html.j2", title=heading if n == 1 else f"{heading} (page {n})",
                key=(heading, intro, groups if n == 1 else (), empty, n, pages,
                     [(c.slug, fingerprint(c), self.evidence_line(c)) for c in shown]),
                context=self.listing_context(base, n, pages, heading, intro,
                                             groups if n == 1 else (), shown,
                                             empty if not claims else ""),
                date=self.newest_date(c.slug for c in shown))

    def listing_context(self, base: str, n: int, pages: int, heading: str, intro: str,
                        groups: Sequence[dict[str, Any]], claims: Sequence[Claim],
                        empty: str = "") -> Callable[[], dict[str, Any]]:
        url = listing_url(base, n)
        link = self.linker(url)
        per = self.settings.per_page
        return lambda: dict(
            heading=heading, intro=intro, groups=groups, claims=claims, empty=empty,
            first_number=(n - 1) * per + 1, link=self.claim_linker(url),
            verdict=self.settings.verdict, evidence_line=self.evidence_line, page=n,
            pages=pages,
            prev_href=link(listing_url(base, n - 1)) if n > 1 else None,
            next_href=link(listing_url(base, n + 1)) if n < pages else None)

    def listings(self) -> None:
        self.listing("claims/", "All fact checks", self.claims,
                     intro=f"{len(self.claims)} fact checks, newest first.",
                     empty="There are no fact checks yet.")
        titles = {"verdicts": "Fact checks by verdict", "topics": "Fact checks by topic",
                  "claimants": "Fact checks by claimant"}
        for kind, title in titles.items():
            groups = self.groups(kind)
            index = [{"href": relative(f"{kind}/", f"{kind}/{g.key}/"), "label": g.label,
                      "count": len(g.claims), "note": g.note, "facts": ()} for g in groups]
            self.listing(f"{kind}/", title, (), groups=index)
            for g in groups:
                count = f"{len(g.claims)} fact check{'' if len(g.claims) == 1 else 's'}."
                self.listing(f"{kind}/{g.key}/", g.label, g.claims, intro=(
                    g.note if kind == "verdicts" else f"{g.note} {count}".strip()),
                    empty="There are no fact checks with this verdict yet."
                    if kind == "verdicts" else "")
        index = [{"href": relative("sources/", source_url(s.id)), "label": s.title,
                  "count": len(self.corpus.claims_citing(s.id)), "note": "",
                  # (what it is, as shown): "not recorded" follows what is unknown.
                  "facts": [("outlet", s.outlet), ("publication date", f"published "
                            f"{s.published.human}" if s.published else None)]}
                 for s in sorted(self.corpus.sources.values(), key=lambda s: s.title.casefold())]
        self.listing("sources/", "Sources", (), groups=index,
                     intro="The stored articles every quote is checked against, with the number "
                           "of fact checks citing each.")

    # -- hand-written pages with generated blocks -----------------------------------------

    def special_pages(self) -> None:
        settings = self.settings
        blocks: dict[str, tuple[tuple[str | None, dict[str, Any]], ...]] = {
            "index.md": (("latest.html.j2", {
                "claims": self.claims[:LATEST], "link": self.claim_linker(""),
                "verdict": settings.verdict, "evidence_line": self.evidence_line,
                "all_href": "claims/"}),),
            "methodology.md": (("verdicts.html.j2", {
                "verdicts": settings.verdicts, "best": settings.best_rating,
                "needs": lambda v: [Need(n).text for n in v.needs]}),),
            "corrections.md": (
                ("report.html.j2", {"repo_url": settings.repo_url,
                                    "issues_href": settings.issue_url(),
                                    "about_href": relative("corrections/", "about/")
                                    if self.hand_written("about.md") is not None else None}),
                ("corrections.html.j2", {
                    "entries": self.correction_entries("corrections/"),
                    "history": self.history})),
            "about.md": (("desk.html.j2", {"facts": desk_facts(settings)}),),
            "contributing.md": ((None, {"repo_url": settings.repo_url}),),
        }
        titles = {"index.md": settings.site_name, "methodology.md": "Methodology",
                  "corrections.md": "Corrections", "about.md": "About",
                  "contributing.md": "Contributing"}
        for name, parts in blocks.items():
            text = self.hand_written(name)
            if text is None and name in ("about.md", "contributing.md"):
                continue  # pages a desk may leave out
            text = text or f"# {titles[name]}\n\n" + "".join(m + "\n" for m in MARKERS[name])
            for marker, (template, context) in zip(MARKERS[name], parts, strict=True):
                block = (self.env.get_template(template).render(**context).strip() if template
                         else clone_block(settings.repo_url))
                if marker in text:
                    start = text.index(marker)
                    closing = marker.replace("<!-- ", "<!-- /", 1)
                    end = text.find(closing, start)
                    end = start + len(marker) if end < 0 else end + len(closing)
                    text = text[:start] + "\n" + block + "\n" + text[end:]
                else:
                    text = text.rstrip("\n") + "\n\n" + block + "\n"
            self.files[name] = text

    def correction_entries(self, page_url: str) -> list[dict[str, Any]]:
        entries = [
            {"date": u.date, "note": u.note, "href": relative(page_url, claim_url(claim.slug)),
             "headline": claim.headline}
            for claim in self.claims for u in self.updates.get(claim.slug, ())
        ]
        return sorted(entries, key=lambda e: (e["date"], e["href"]), reverse=True)


def clone_block(repo_url: str | None) -> str:
    """The guide's first commands, in Markdown, with the desk's repository when it is set."""
    lines = [f"git clone {repo_url or '<repository-url>'} factcheck", "cd factcheck",
             "./scripts/build-site"]
    fence = "```sh\n" + "\n".join(lines) + "\n```"
    if repo_url:
        return fence
    return ("This copy of the site names no repository (`repo_url` is not set in `mkdocs.yml`), "
            "so put your desk's repository address in place of `<repository-url>`:\n\n"
            + fence)


@dataclass(frozen=True)
class GeneratedSite:
    files: dict[str, str | bytes]  # data files and hand-written pages, ready
    pages: dict[str, PageSpec]  # generated pages, planned
    newest: str = "1970-01-01"  # the day the newest change to any claim was made


def generate_site(corpus: Corpus, docs_dir: Path | None = None,
                  history: History | None = None, part: PartMemo = _make) -> GeneratedSite:
    """Plan the site; `part` may answer a data file's parts (claims.json entries, by key)
    from an earlier build."""
    builder = SiteBuilder(corpus, docs_dir, history, part)
    newest = max((d.first_day for d in builder.changed.values()), default="1970-01-01")
    return GeneratedSite(builder.build(), builder.pages, newest)


def generate(corpus: Corpus, docs_dir: Path | None = None, history: History | None = None
             ) -> dict[str, str | bytes]:
    """Every page and data file, rendered; `history` is read from git under the project
    root if not given."""
    site = generate_site(corpus, docs_dir, history)
    return {**site.files, **{path: spec.markdown() for path, spec in site.pages.items()}}
