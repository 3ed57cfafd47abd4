"""What every page kind plans with: the planned page, and the planner that holds one build.

A planned page knows its title, table of contents and a key, a digest of everything it
shows, and renders its HTML only when asked: an engine renders one page at a time and keeps
none, and a preview re-renders only the pages whose key changed. The planner holds what the
page kinds share (the corpus, the claims newest first, their history and memos kept for
one build) and plans each page a kind hands it (`SitePlanner.page`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from markupsafe import Markup

from generator import i18n
from generator.anchoring.normalize import normalise_text
from generator.anchoring.resolve import Corpus
from generator.content.settings import Verdict
from generator.digest import text_digest
from generator.history.revisions import History, read_history
from generator.i18n import N_, _
from generator.model import Claim, Source, Stance, fingerprint
from generator.review.accounts import Account, Tally, accounts, compact_text, corroboration
from generator.site import scale
from generator.site.render import environment, meta_value
from generator.site.scripts import name
from generator.site.updates import last_changed, updates_by_claim
from generator.site.urls import claim_url, relative

STANCE_LABELS = {Stance.SUPPORTS: N_("Supports"), Stance.REFUTES: N_("Disputes"),
                 Stance.CONTEXT: N_("Context")}


@dataclass(frozen=True, slots=True)
class PageImage:
    """The picture a link preview shows of a page (`og:image`): its path from the site's
    root, and what it shows in words."""

    path: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class LazyFile:
    """A data file made only when an engine writes it (a share card): `key` is a digest
    of everything it holds, so an engine may keep it between builds under that key and
    not make it again."""

    key: str
    make: Callable[[], bytes]


@dataclass(frozen=True)
class PlannedPage:
    """A page as the core plans it for an engine to write: everything but its HTML, which
    `body()` renders."""

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
    image: PageImage | None = None
    # The `lang` of the title where it is not in the site's language (a source's headline
    # in Russian), for the theme's <title> and header.
    title_lang: str | None = None

    def markdown(self) -> str:
        """Front-matter, then the HTML (Markdown passes HTML through as it is)."""
        front = f"---\ntitle: {meta_value(self.title)}\n"
        if self.title_lang:
            front += f"title_lang: {meta_value(self.title_lang)}\n"
        if self.description:
            front += f"description: {meta_value(self.description)}\n"
        if self.image:
            front += f"image: {meta_value(self.image.path)}\n"
        return front + "---\n\n" + self.body()


@dataclass(frozen=True)
class Planned:
    """What a page kind planned for one claim or source: its pages and files."""

    pages: dict[str, PlannedPage]
    files: dict[str, str | bytes | LazyFile]


T = TypeVar("T")


class PlanMemo(Protocol):
    """Given a key, a digest of what a part of the plan reads (a claim's pages, a
    claims.json entry), and a way to make it, the part: a long-running caller may answer
    from what it kept (see `generator.preview`), so a rebuild does not plan again what an
    edit did not touch."""

    def __call__(self, key: str, make: Callable[[], T]) -> T: ...


def plan_now(key: str, make: Callable[[], T]) -> T:
    """The part, made now: what a one-off build keeps of earlier builds (nothing)."""
    return make()


@dataclass(frozen=True)
class Group:
    """A browsing group: a verdict, topic or claimant, with its claims newest first."""

    key: str
    label: str
    claims: tuple[Claim, ...]
    note: str = ""


def paged(title: str, page: int) -> str:
    """The title of a listing's later page: `Fact checks by topic (page 2)`."""
    return _("%(title)s (page %(page)s)") % {"title": title, "page": page}


def newest_first(claims: Iterable[Claim]) -> list[Claim]:
    def key(c: Claim) -> tuple[int, int, int, int, int, int, str]:
        # As PartialDate orders itself, without a Python-level comparison per step.
        changed, published = c.updated or c.published, c.published
        return (changed.year, changed.month, changed.day, published.year, published.month,
                published.day, c.slug)

    return sorted(claims, key=key, reverse=True)


class SitePlanner:
    """One build's plan: the pages and files the page kinds add, and what they share."""

    def __init__(self, corpus: Corpus, docs_dir: Path | None = None,
                 history: History | None = None, plans: PlanMemo = plan_now) -> None:
        self.corpus = corpus
        self.settings = corpus.settings
        self.docs_dir = docs_dir
        i18n.activate(self.settings.language)  # the site's own words, in its language
        self.env = environment()
        self.verdicts = tuple(scale.shown(v) for v in self.settings.verdicts)
        self.files: dict[str, str | bytes | LazyFile] = {}
        self.pages: dict[str, PlannedPage] = {}
        self.claims = newest_first(corpus.claims.values())
        self._articles: dict[str, str] = {}
        self.plans = plans
        self.claim_keys: dict[str, str] = {}
        self._accounts: dict[str, tuple[Account, ...]] = {}
        self._evidence_lines: dict[str, str] = {}
        self.settings_key = text_digest(repr(self.settings))
        # Read once, before any page: pages only look changes up.
        self.history = history if history is not None else read_history(
            self.settings.root, self.settings.claims_dir)
        self.updates = updates_by_claim(corpus.claims, self.history, self.settings,
                                        corpus.sources)
        # The day each claim last changed, from its dates and its history alike: the
        # page's "Updated", the sitemap and the feed say the same.
        self.changed = {slug: last_changed(c, self.updates.get(slug, ()))
                        for slug, c in corpus.claims.items()}

    def verdict(self, key: str) -> Verdict:
        """A verdict as readers see it: in the site's language where it is the default
        scale's."""
        return scale.verdict(self.settings, key)

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
             article: tuple[str, str | None] | None = None,
             image: PageImage | None = None, title_lang: str | None = None) -> None:
        """Plan a page. `key` names everything `context` reads, so equal keys mean equal
        pages; the context is built, and the template rendered, only when asked."""
        path = url + "index.md"
        digest = text_digest(repr((template, self.settings_key, title, description, tuple(toc),
                               date, article, image, title_lang, *key)))

        def body() -> str:
            return self.env.get_template(template).render(**context())

        published, modified = article or (None, None)
        self.pages[path] = PlannedPage(path, title, description, tuple(toc), date, digest,
                                       body, "article" if article else "website", published,
                                       modified, image, title_lang)

    def planned(self, inputs: tuple[object, ...], plan: Callable[[], None]) -> None:
        """Run `plan`, which adds pages and files; or, under a caller that kept them (the
        preview), add what it added in an earlier build from equal `inputs`. Like a page's
        key, `inputs` names everything `plan` reads, besides the settings."""
        if self.plans is plan_now:
            plan()
            return

        def make() -> Planned:
            outer = self.pages, self.files
            self.pages, self.files = {}, {}
            try:
                plan()
                return Planned(self.pages, self.files)
            finally:
                self.pages, self.files = outer

        planned = self.plans(text_digest(repr((self.settings_key, inputs))), make)
        self.pages.update(planned.pages)
        self.files.update(planned.files)

    def listed(self, claims: Iterable[Claim]) -> list[tuple[str, str, object]]:
        """What a listing reads of its claims, for `planned`: each claim and its sources
        (`claim_key`: headline, verdict, claimant, evidence), and the day it changed."""
        return [(c.slug, self.claim_key(c.slug), self.changed[c.slug]) for c in claims]

    def newest_date(self, slugs: Iterable[str]) -> str | None:
        return max((self.changed[s].first_day for s in slugs), default=None)

    def accounts(self, slug: str) -> tuple[Account, ...]:
        """Whose account each of a claim's evidence items is, computed once a claim."""
        if slug not in self._accounts:
            claim, sources, registry = self.corpus.claims[slug], self.corpus.sources, \
                self.corpus.registry
            self._accounts[slug] = self.plans(f"accounts:{self.claim_key(slug)}",
                                              lambda: accounts(claim, sources, registry))
        return self._accounts[slug]

    def claimant(self, claim: Claim) -> str:
        """A claim's claimant as readers see it: the registry entry's name."""
        return self.corpus.registry.display(claim.claimant)

    def claimant_name(self, claim: Claim) -> Markup:
        """The claimant's name for a page, marked with its language where its script is
        not the site's (`generator.site.scripts`)."""
        return name(self.claimant(claim), self.settings.language)

    def names_on(self, slug: str) -> tuple[str, ...]:
        """Every name and alias of the claimant and accounts of a claim, so that a search
        for any spelling finds it (Pagefind has no synonyms)."""
        registry = self.corpus.registry
        slugs = [e.slug for e in (registry.find(self.corpus.claims[slug].claimant),) if e]
        slugs += [a.entry for a in self.accounts(slug) if a.entry]
        return tuple(dict.fromkeys(n for s in dict.fromkeys(slugs)
                                   for n in registry.people[s].names[1:]))

    def tallies(self, slug: str) -> dict[Stance, Tally]:
        return corroboration(self.accounts(slug))

    def evidence_line(self, claim: Claim) -> str:
        """A claim's corroboration in a line, for listings (each claim is in several)."""
        slug = claim.slug
        if slug not in self._evidence_lines:
            self._evidence_lines[slug] = self.plans(
                f"{self.settings_key}:evidence:{self.claim_key(slug)}",
                lambda: compact_text(self.tallies(slug)))
        return self._evidence_lines[slug]

    def claim_key(self, slug: str) -> str:
        """A digest of a claim and the sources it names: what its page and its claims.json
        entry show, apart from history."""
        if slug not in self.claim_keys:
            claim, sources = self.corpus.claims[slug], self.corpus.sources
            cited = sorted({e.source for e in claim.evidence} | set(claim.appearance))
            self.claim_keys[slug] = text_digest(repr((slug, fingerprint(claim), [
                (s, fingerprint(sources[s])) for s in cited if s in sources],
                self.corpus.registry.key)))
        return self.claim_keys[slug]
