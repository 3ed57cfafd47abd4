"""The resolved model: every quote anchored, every cross-reference known both ways."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from generator.anchoring.anchor import Failure, Match, SourceIndex, Span
from generator.content.fields import nearest
from generator.content.load import Loaded
from generator.content.registry import Registry, build_registry
from generator.content.settings import Settings
from generator.diagnostics import Diagnostic, Severity, display_path
from generator.model import Claim, Draft, Evidence, Source, Stance

log = logging.getLogger("factcheck.resolve")


@dataclass(frozen=True)
class ResolvedEvidence:
    claim: str
    index: int
    evidence: Evidence
    source: Source
    match: Match

    @property
    def anchor(self) -> str:
        """The id of the highlighted span on the source page."""
        return f"q-{self.claim}-{self.index + 1}"


@dataclass(frozen=True)
class Citation:
    """A passage's backlink: which claim cites it, with which stance, where."""

    claim: str
    index: int
    stance: Stance
    span: Span


@dataclass(frozen=True)
class Corpus:
    settings: Settings
    sources: Mapping[str, Source]
    claims: Mapping[str, Claim]
    evidence: Mapping[str, tuple[ResolvedEvidence, ...]]
    citations: Mapping[tuple[str, str], tuple[Citation, ...]]
    # Claims checked but left out of this corpus (`without`): what the site does not show.
    left_out: frozenset[str] = frozenset()
    # The people and organisations, with their parties.
    registry: Registry = field(default_factory=Registry)

    def without(self, slugs: Iterable[str]) -> Corpus:
        """The corpus as if these claims did not exist: no claim, evidence or backlink of
        theirs is left for a page to show or link to."""
        gone = frozenset(slugs) & self.claims.keys()
        if not gone:
            return self
        citations = {where: kept for where, cites in self.citations.items()
                     if (kept := tuple(c for c in cites if c.claim not in gone))}
        return Corpus(self.settings, self.sources,
                      {s: c for s, c in self.claims.items() if s not in gone},
                      {s: e for s, e in self.evidence.items() if s not in gone},
                      citations, self.left_out | gone, self.registry)

    @cached_property
    def claimants(self) -> dict[str, str]:
        """Claim slug to the slug of its claimant's registry entry, looked up once."""
        return {slug: entry.slug for slug, claim in self.claims.items()
                if (entry := self.registry.find(claim.claimant)) is not None}

    def cited_by(self, source_id: str, passage_id: str) -> tuple[Citation, ...]:
        return self.citations.get((source_id, passage_id), ())

    def claims_citing(self, source_id: str) -> list[str]:
        return self.citing.get(source_id, [])

    @cached_property
    def citing(self) -> dict[str, list[str]]:
        """Source id to the slugs of the claims citing it, computed once."""
        by_source: dict[str, set[str]] = defaultdict(set)
        for (sid, _), cites in self.citations.items():
            by_source[sid].update(c.claim for c in cites)
        return {sid: sorted(slugs) for sid, slugs in by_source.items()}


Anchorer = Callable[[Source, Evidence], Match | Failure]
# Given a claim, the loaded sources and a way to resolve the claim, its resolution: a
# long-running caller may answer from what it kept (see `generator.preview`).
ResolutionMemo = Callable[[Claim, Mapping[str, Source], Callable[[], "Resolution"]],
                          "Resolution"]


def index_anchorer(indexes: dict[str, SourceIndex] | None = None) -> Anchorer:
    """Anchor quotes with one index a source, built by the first quote that needs it;
    `indexes` shares them with the caller (the check compares sources with them)."""
    indexes = {} if indexes is None else indexes

    def anchor(source: Source, ev: Evidence) -> Match | Failure:
        index = indexes.get(source.id)
        if index is None:
            index = indexes[source.id] = SourceIndex.of(source)
        return index.anchor(ev.quote, prefix=ev.prefix, suffix=ev.suffix, passage=ev.passage)

    return anchor


def resolve(loaded: Loaded, settings: Settings, *, anchor: Anchorer | None = None,
            memo: ResolutionMemo | None = None) -> tuple[Corpus, list[Diagnostic]]:
    """Anchor every quote, index every citation both ways, and assemble the registry."""
    anchor_in = anchor or index_anchorer()

    def anchor_evidence(ev: Evidence) -> Match | Failure:
        return anchor_in(loaded.sources[ev.source], ev)

    diags: list[Diagnostic] = []
    evidence: dict[str, tuple[ResolvedEvidence, ...]] = {}
    citations: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    known_ids = sorted(set(loaded.sources) | loaded.broken_sources)

    for slug, claim in loaded.claims.items():
        def make(slug: str = slug, claim: Claim = claim) -> Resolution:
            return _resolve_claim(slug, claim, loaded, anchor_evidence, known_ids, settings)

        done = make() if memo is None else memo(claim, loaded.sources, make)
        evidence[slug] = done.evidence
        diags += done.diagnostics
        for where, citation in done.citations:
            citations[where].append(citation)

    # Claims whose front-matter has errors are not built, but their quotes are checked.
    for slug, draft in loaded.drafts.items():
        diags += _resolve_claim(slug, draft, loaded, anchor_evidence, known_ids,
                                settings).diagnostics

    registry, registry_diags = build_registry(loaded.people, settings,
                                              frozenset(loaded.broken_people))
    diags += registry_diags
    corpus = Corpus(
        settings=settings,
        sources=dict(sorted(loaded.sources.items())),
        claims=dict(sorted(loaded.claims.items())),
        evidence=evidence,
        citations={k: tuple(v) for k, v in sorted(citations.items())},
        registry=registry,
    )
    log.info("anchored %d quotes", sum(len(v) for v in evidence.values()))
    return corpus, diags


@dataclass(frozen=True)
class Resolution:
    """One claim, resolved: its anchored evidence, the citations it adds to passages
    ((source id, passage id), citation), and its errors."""

    evidence: tuple[ResolvedEvidence, ...]
    citations: tuple[tuple[tuple[str, str], Citation], ...]
    diagnostics: tuple[Diagnostic, ...]


def _resolve_claim(slug: str, claim: Claim | Draft, loaded: Loaded,
                   anchor: Callable[[Evidence], Match | Failure], known_ids: list[str],
                   settings: Settings) -> Resolution:
    diags: list[Diagnostic] = []

    def error(line: int, col: int, message: str) -> None:
        diags.append(Diagnostic(display_path(claim.path, settings.root), line, col,
                                Severity.ERROR, message))

    resolved = []
    citations = []
    for i, ev in enumerate(claim.evidence):
        if ev.source not in loaded.sources:
            if ev.source in loaded.broken_sources:
                error(ev.source_line, ev.source_col, f"source `{ev.source}` has errors "
                      "(reported above), so this quote could not be checked")
            else:
                close = nearest(ev.source, known_ids)
                hint = (f"did you mean {' or '.join(f'`{c}`' for c in close)}?" if close
                        else f"add sources/{ev.source}.md or cite an existing source")
                error(ev.source_line, ev.source_col, f"unknown source `{ev.source}`; {hint}")
            continue
        result = anchor(ev)
        if isinstance(result, Failure):
            error(ev.line, ev.col, result.message)
            continue
        resolved.append(ResolvedEvidence(slug, i, ev, loaded.sources[ev.source], result))
        citations += [((ev.source, span.passage), Citation(slug, i, ev.stance, span))
                      for span in result.spans]
    for ref in claim.appearance:
        if "://" not in ref and ref not in loaded.sources and ref not in loaded.broken_sources:
            close = nearest(ref, known_ids)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            error(claim.appearance_line, 1, f"`appearance` names unknown source `{ref}`{hint}")
    return Resolution(tuple(resolved), tuple(citations), tuple(diags))
