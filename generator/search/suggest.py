"""`factcheck suggest`: passages of the stored sources that may bear on a claim.

A contributor who has written a claim needs to find what the sources say about it before
choosing evidence. Every passage of every source is ranked against the claim's words with
BM25 (bm25s; English stop words and Snowball stemming, so "peacekeepers" finds
"peacekeeping"). Each hit comes with an evidence item ready to paste: its quote is the
passage's sentence that shares most words with the claim, checked to anchor in that passage,
so the item passes `factcheck check` as it stands. Deciding the stance is left to the person.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import Stemmer
import yaml

from generator.anchoring.anchor import Failure, SourceIndex
from generator.content.load import load_source, markdown_files
from generator.content.settings import Settings
from generator.content.textfile import read
from generator.diagnostics import Diagnostic, Report, display_path
from generator.model import Passage, Source
from generator.site.text import SENTENCE_END
from generator.site.urls import source_url

# bm25s sets its own logger to DEBUG; factcheck stays quiet unless asked (-v).
logging.getLogger("bm25s").setLevel(logging.WARNING)
_STEMMER = Stemmer.Stemmer("english")
# A sentence ends at . ! or ? (maybe followed by closing quotes) before white space.
QUERY_KEYS = ("claim", "title", "summary", "tags")


@dataclass(frozen=True)
class Suggestion:
    rank: int
    source: Source
    passage: Passage
    score: float
    quote: str
    cited_by: tuple[int, ...]  # 1-based numbers of this claim's evidence items citing it

    def evidence(self) -> dict[str, str]:
        return {"source": self.source.id, "passage": self.passage.id, "quote": self.quote,
                "stance": "context"}

    def evidence_yaml(self, indent: str = "  ") -> str:
        """The item as it goes under `evidence:` in a claim's front-matter."""
        text = yaml.safe_dump([self.evidence()], allow_unicode=True, sort_keys=False,
                              width=10**6)
        text = text.replace("stance: context\n",
                            "stance: context  # supports | refutes | context: decide after "
                            "reading\n")
        return "".join(indent + line + "\n" for line in text.splitlines())


def _tokens(texts: Sequence[str]) -> list[list[str]]:
    tokens = bm25s.tokenize(list(texts), stopwords="en", stemmer=_STEMMER,
                            return_ids=False, show_progress=False)
    assert isinstance(tokens, list)
    return tokens


class PassageIndex:
    """BM25 over every passage of the given sources, built once per run."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.entries = [(s, p) for s in sources for p in s.passages]
        self.retriever = bm25s.BM25()
        if self.entries:
            self.retriever.index(_tokens([p.text for _, p in self.entries]),
                                 show_progress=False)

    def search(self, text: str, k: int) -> list[tuple[Source, Passage, float]]:
        """The best k passages with a positive score, best first."""
        query = _tokens([text])
        if not self.entries or not query[0]:
            return []
        ids, scores = self.retriever.retrieve(query, k=min(k, len(self.entries)),
                                              show_progress=False)
        return [(*self.entries[int(i)], float(s)) for i, s in zip(ids[0], scores[0],
                                                                  strict=True) if s > 0]


def query_text(data: Mapping[str, Any]) -> str:
    """The words to search with: the claim, its headline, summary and topics."""
    parts: list[str] = []
    for key in QUERY_KEYS:
        value = data.get(key)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts += [v for v in value if isinstance(v, str)]
    return "\n".join(parts)


def cited_passages(data: Mapping[str, Any], sources: Mapping[str, Source]
                   ) -> dict[tuple[str, str], list[int]]:
    """(source id, passage id) → the numbers of the claim's evidence items that anchor there.

    Read from the front-matter as written, so a draft with other problems still gets its
    citations marked; items that do not anchor are `factcheck check`'s business."""
    found: dict[tuple[str, str], list[int]] = {}
    items = data.get("evidence")
    for n, item in enumerate(items if isinstance(items, list) else [], 1):
        if not isinstance(item, dict):
            continue
        sid, quote = item.get("source"), item.get("quote")
        if not isinstance(sid, str) or not isinstance(quote, str) or sid not in sources:
            continue
        opts = {k: v for k in ("prefix", "suffix", "passage")
                if isinstance(v := item.get(k), str)}
        match = SourceIndex.of(sources[sid]).anchor(quote, **opts)
        if isinstance(match, Failure):
            continue
        for span in match.spans:
            found.setdefault((sid, span.passage), [])
            if n not in found[(sid, span.passage)]:
                found[(sid, span.passage)].append(n)
    return found


def best_quote(source: Source, passage: Passage, query: str) -> str:
    """The passage's sentence sharing most stems with the query, if it anchors there alone;
    else the whole passage."""
    sentences = [s for s in _sentences(passage.text) if s]
    wanted = set(_tokens([query])[0])
    best = max(sentences, key=lambda s: len(wanted & set(_tokens([s])[0])), default="")
    if best and best != passage.text.strip():
        match = SourceIndex.of(source).anchor(best, passage=passage.id)
        if not isinstance(match, Failure):
            return best
    return " ".join(passage.text.split())


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append(text[start:m.start() + len(m.group().rstrip())].strip())
        start = m.end()
    out.append(text[start:].strip())
    return out


def suggest(data: Mapping[str, Any], sources: Mapping[str, Source], top: int = 10,
            index: PassageIndex | None = None) -> list[Suggestion]:
    """The top passages for the claim in `data` (its front-matter), best first."""
    query = query_text(data)
    index = index or PassageIndex(list(sources.values()))
    cited = cited_passages(data, sources)
    return [
        Suggestion(rank, source, passage, score, best_quote(source, passage, query),
                   tuple(cited.get((source.id, passage.id), ())))
        for rank, (source, passage, score) in enumerate(index.search(query, top), 1)
    ]


@dataclass(frozen=True)
class SuggestRun:
    """What `factcheck suggest` found for one claim file, and any problem reading it."""

    claim_path: str
    suggestions: tuple[Suggestion, ...]
    diagnostics: tuple[Diagnostic, ...]
    sources: int = 0
    passages: int = 0
    broken_sources: int = 0


def suggest_for_file(path: Path, settings: Settings, top: int = 10) -> SuggestRun:
    display = display_path(path.resolve(), settings.root.resolve())
    report = Report(display)
    tf = read(path, display, report)
    if tf is None:
        return SuggestRun(display, (), tuple(report.items))
    if not query_text(tf.data).strip():
        line, col = tf.where(("claim",))
        report.error(line, col, "nothing to search for: write the claim in `claim:` (a title, "
                                "summary or tags help too), then run `factcheck suggest` again")
        return SuggestRun(display, (), tuple(report.items))
    sources: dict[str, Source] = {}
    broken = 0
    for source_path in markdown_files(settings.root / settings.sources_dir):
        source, _ = load_source(source_path, settings)
        if source is None:
            broken += 1
        else:
            sources[source.id] = source
    found = suggest(tf.data, sources, top)
    return SuggestRun(display, tuple(found), (), len(sources),
                      sum(len(s.passages) for s in sources.values()), broken)


def format_text(run: SuggestRun, width: int = 300) -> str:
    lines = [f"Passages that may bear on {run.claim_path}, ranked by BM25 over "
             f"{run.passages} passages of {run.sources} sources"
             + (f" ({run.broken_sources} with errors left out)" if run.broken_sources else "")
             + ":", ""]
    if not run.suggestions:
        lines.append("No passage shares a word with the claim.")
    for s in run.suggestions:
        cited = (f"  [cited: evidence {', '.join(map(str, s.cited_by))}]" if s.cited_by
                 else "")
        text = " ".join(s.passage.text.split())
        if len(text) > width:
            text = text[:width].rsplit(" ", 1)[0] + " …"
        lines += [f"{s.rank:2d}. {s.source.id} #{s.passage.id}  (score {s.score:.2f}){cited}",
                  f"    {s.source.title}" + (f" · {s.source.outlet}" if s.source.outlet else ""),
                  f"    {source_url(s.source.id)}#{s.passage.id}",
                  f"    “{text}”"]
        if not s.cited_by:
            # At the indentation of a claim's `evidence:` list, to paste as it stands.
            lines += ["    evidence item to paste under `evidence:`:",
                      s.evidence_yaml("  ").rstrip("\n")]
        lines.append("")
    return "\n".join(lines)


def to_json(run: SuggestRun) -> list[dict[str, Any]]:
    return [{"rank": s.rank, "source": s.source.id, "passage": s.passage.id,
             "anchor": f"{source_url(s.source.id)}#{s.passage.id}", "score": round(s.score, 4),
             "cited_by": list(s.cited_by), "text": s.passage.text, "evidence": s.evidence(),
             "yaml": s.evidence_yaml()} for s in run.suggestions]
