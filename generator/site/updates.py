"""A claim's updates as readers see them: git's changes in words, and written corrections.

A change found in history is described plainly (verdict from X to Y, evidence added or
removed); when the claim's `corrections:` has an entry for the same date, the editor's
wording replaces the description. Written corrections with no change in history (a
wording fix, or a build without history) are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.content.settings import Settings
from generator.history.revisions import Change, History
from generator.i18n import _, ngettext
from generator.model import Claim, PartialDate, Source
from generator.site.scale import shown
from generator.site.text import quoted

# Where a note's first sentence ends: a full stop, question or exclamation mark, and a space
# before a capital, a digit or an opening quote ("Verdict changed from X to Y. The …").
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)»]))\s+(?=[A-Z0-9“\"‘(«„ЁА-ЯԱ-Ֆ])")


@dataclass(frozen=True)
class Update:
    date: PartialDate
    note: str
    verdict_from: str | None = None  # labels, for the record; the note already says it
    verdict_to: str | None = None
    commit: str | None = None
    written: bool = False  # the editor's own words (`corrections:`), not a description

    @property
    def correction(self) -> bool:
        """A correction, rather than an update: the editor wrote one, or the verdict
        changed."""
        return self.written or self.verdict_to is not None

    @property
    def sentences(self) -> tuple[str, str]:
        """The note's first sentence, which a reader sees, and the rest, which folds."""
        parts = _SENTENCE_END.split(self.note.strip(), maxsplit=1)
        return parts[0], parts[1] if len(parts) > 1 else ""


def updates_by_claim(claims: Mapping[str, Claim], history: History, settings: Settings,
                     sources: Mapping[str, Source]) -> dict[str, tuple[Update, ...]]:
    """Every claim's updates, newest first."""
    return {slug: claim_updates(claim, history.of(slug), settings, sources)
            for slug, claim in claims.items()}


def claim_updates(claim: Claim, changes: Sequence[Change], settings: Settings,
                  sources: Mapping[str, Source]) -> tuple[Update, ...]:
    # A day may have several written corrections: the first words that day's change in
    # history, and each is shown.
    written: dict[PartialDate, list[str]] = {}
    for c in claim.corrections:
        written.setdefault(c.date, []).append(c.note)
    out: list[Update] = []
    for change in changes:
        frm, to = _label(settings, change.verdict_from), _label(settings, change.verdict_to)
        notes = written.get(change.date)
        mine = notes.pop(0) if notes else None
        note = mine or describe(change, frm, to, sources)
        out.append(Update(change.date, note, frm if change.verdict_changed else None,
                          to if change.verdict_changed else None, change.commit,
                          mine is not None))
    out += [Update(date, note, written=True) for date, notes in written.items()
            for note in notes]
    return tuple(sorted(out, key=lambda u: u.date, reverse=True))


def describe(change: Change, frm: str, to: str, sources: Mapping[str, Source]) -> str:
    """`Verdict changed from Mixed to Mostly true; evidence added from “A report”.`"""
    parts = []
    if change.verdict_changed:
        parts.append(_("verdict changed from %(from)s to %(to)s") % {"from": frm, "to": to})
    if change.added:
        parts.append(ngettext("evidence added from %(sources)s",
                              "%(count)s evidence items added from %(sources)s",
                              len(change.added))
                     % {"count": len(change.added), "sources": _titles(change.added, sources)})
    if change.removed:
        parts.append(ngettext("evidence removed from %(sources)s",
                              "%(count)s evidence items removed from %(sources)s",
                              len(change.removed))
                     % {"count": len(change.removed),
                        "sources": _titles(change.removed, sources)})
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def latest(updates: Sequence[Update]) -> PartialDate | None:
    return max((u.date for u in updates), default=None)


def last_changed(claim: Claim, updates: Sequence[Update]) -> PartialDate:
    """The day a claim last changed, by its dates or its history: what its page's
    "Updated", the feed and the sitemap all say."""
    return max(d for d in (claim.published, claim.updated, latest(updates)) if d)


def _label(settings: Settings, key: str | None) -> str:
    if key is None:
        return _("none")
    found = [shown(v).label for v in settings.verdicts if v.key == key]
    return found[0] if found else key


def _titles(ids: Sequence[str], sources: Mapping[str, Source]) -> str:
    names = [quoted(sources[i].title) if i in sources else _("source %(id)s") % {"id": i}
             for i in dict.fromkeys(ids)]
    return names[0] if len(names) == 1 else _("%(first)s and %(last)s") % {
        "first": ", ".join(names[:-1]), "last": names[-1]}
