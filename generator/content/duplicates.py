"""Sources that hold most of another's paragraphs: one article stored twice.

A copy of an article at a second address (a mirror, a reprint, a version with its
paragraphs reordered) makes each quote from it match in two sources, and under another
outlet's name it would count as a second, independent account. `factcheck capture`
refuses such a page and `factcheck check` warns of such a pair.

Paragraphs are compared as the check compares quotes: the caller passes the check's
normalisation as `fold` (it lives in `anchoring/`, which this stage may not import).
Only paragraphs of meaningful length count, so datelines, headings and "Read more" do
not make two articles alike. Sources are never compared pair by pair: each paragraph's
folded text is a key to the sources holding it, and a source is looked up only in the
sources that hold one of its rarest paragraphs (a prefix filter: a source holding more
than half of its paragraphs must hold one of those), so a stock sentence repeated in
hundreds of sources costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, Report, display_path
from generator.model import Source

Fold = Callable[[str], str]
Keys = frozenset[str]
MIN_CHARS = 40  # a paragraph shorter than this once folded is not compared


@dataclass(frozen=True)
class Overlap:
    """`shared` of the `total` meaningful paragraphs of one source stand in `other`."""

    other: str
    shared: int
    total: int

    def describe(self, path: str) -> str:
        return f"{self.shared} of {self.total} paragraphs also stand in {path}"


def keys(folded: Iterable[str]) -> Keys:
    """The paragraphs of meaningful length among a source's folded paragraphs."""
    return frozenset(text for text in folded if len(text) >= MIN_CHARS)


def paragraph_keys(source: Source, fold: Fold) -> Keys:
    """The folded text of each of the source's paragraphs of meaningful length."""
    return keys(fold(p.text) for p in source.passages if len(p.text) >= MIN_CHARS)


class ParagraphIndex:
    """Which sources hold each folded paragraph."""

    def __init__(self, keys: Mapping[str, Keys]) -> None:
        self.keys = keys
        self.holders: dict[str, list[str]] = {}
        for sid in sorted(keys):
            for key in keys[sid]:
                self.holders.setdefault(key, []).append(sid)

    def most_shared(self, keys: Keys, exclude: Collection[str] = ()) -> Overlap | None:
        """The source (other than those excluded) that holds more than half of `keys`,
        and how many; None when none does."""
        need = len(keys) // 2 + 1
        if sum(self._elsewhere(k, exclude) for k in keys) < need:
            return None  # most sources: too few of their paragraphs stand anywhere else
        # Every source holding `need` of the keys holds one of any len - need + 1 of
        # them: look among the holders of the rarest.
        rarest = sorted(keys, key=lambda k: (len(self.holders.get(k, ())), k))
        candidates = {sid for key in rarest[: len(keys) - need + 1]
                      for sid in self.holders.get(key, ()) if sid not in exclude}
        best: Overlap | None = None
        for sid in sorted(candidates):
            shared = len(keys & self.keys[sid])
            if shared >= need and (best is None or shared > best.shared):
                best = Overlap(sid, shared, len(keys))
        return best

    def _elsewhere(self, key: str, exclude: Collection[str]) -> bool:
        holders = self.holders.get(key, ())
        return len(holders) > 1 or (len(holders) == 1 and holders[0] not in exclude)


def overlaps(keys: Mapping[str, Keys], changed: Collection[str] = ()
             ) -> list[tuple[str, Overlap]]:
    """Each source that holds more than half of its paragraphs in another, with that
    other. A pair of copies is reported once, at the later id, or at the one in `changed`
    when only one of them is (so `check --changed` shows it at the file that changed)."""
    index = ParagraphIndex(keys)
    # Most sources share no paragraph, or too few: a set intersection says so in C.
    repeated = frozenset(k for k, holders in index.holders.items() if len(holders) > 1)
    found = {sid: o for sid in sorted(keys)
             if len(keys[sid] & repeated) > len(keys[sid]) // 2
             and (o := index.most_shared(keys[sid], {sid}))}
    out = []
    for sid, overlap in found.items():
        back = found.get(overlap.other)
        if back is not None and back.other == sid and _first(sid, overlap.other, changed):
            continue  # the other one reports the pair
        out.append((sid, overlap))
    return out


def _first(sid: str, other: str, changed: Collection[str]) -> bool:
    """Whether `sid` is the one of a pair of copies that does not report it."""
    if (sid in changed) != (other in changed):
        return other in changed
    return sid < other


def diagnostics(sources: Mapping[str, Source], keys_of: Callable[[Source], Keys],
                fold: Fold, root: Path, changed: Collection[str] = ()) -> list[Diagnostic]:
    """A warning for each source that holds most of its paragraphs in another, at the
    first of those paragraphs. `keys_of` gives a source's `paragraph_keys`; the check
    takes them from the quote indexes it builds anyway."""
    keys = {sid: keys_of(source) for sid, source in sources.items()}
    out = []
    for sid, overlap in overlaps(keys, changed):
        source, other = sources[sid], sources[overlap.other]
        line = next((p.line for p in source.passages
                     if len(p.text) >= MIN_CHARS and fold(p.text) in keys[other.id]), 1)
        report = Report(display_path(source.path, root))
        report.warning(line, 1, f"{overlap.describe(display_path(other.path, root))}, so "
                       "this looks like the same article stored twice: each quote from it "
                       "matches in both, and under another outlet a copy would count as a "
                       f"second account. Keep one and cite it (`factcheck capture URL --id "
                       f"{other.id} --replace` refreshes `{other.id}` from a newer version)")
        out += report.items
    return out


def shared_with(source: Source, stored: Iterable[Source], fold: Fold,
                exclude: Collection[str] = ()) -> Overlap | None:
    """The stored source that holds more than half of a new source's paragraphs."""
    index = ParagraphIndex({s.id: paragraph_keys(s, fold) for s in stored})
    return index.most_shared(paragraph_keys(source, fold), exclude)
