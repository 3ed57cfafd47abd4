"""Whose account each evidence item is, and how many independent accounts back each stance.

An item's party is what it says it `speaks_for`, else its `account`, else its source's
outlet (else the source's title). An item is the claimant's own account when its party
names the claimant: the claimant's name occurs in it as whole words, ignoring case,
typography and a parenthetical qualifier such as "(as reported)". Accounts are told apart
by party, so two spokespeople who speak for one ministry are one account.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from generator.anchoring.normalize import normalise_text
from generator.model import Claim, Evidence, Source, Stance

_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=4096)  # a project names a few hundred parties, thousands of times
def party_name(text: str) -> str:
    """A party's name as compared: no trailing parenthetical, typography and case folded."""
    return " ".join(_WORDS.findall(normalise_text(_QUALIFIER.sub("", text))))


def names(party: str, claimant: str) -> bool:
    """Whether `party` names `claimant` (whole words, compared as `party_name` does)."""
    who, of = party_name(claimant), party_name(party)
    return bool(who) and f" {who} " in f" {of} "


@dataclass(frozen=True)
class Account:
    """One evidence item as an account: who gives it and whether that is the claimant."""

    index: int
    evidence: Evidence
    name: str  # as shown to readers
    party: str  # as compared
    own: bool  # the claimant's own account

    @property
    def stance(self) -> Stance:
        return self.evidence.stance


def accounts(claim: Claim, sources: Mapping[str, Source]) -> tuple[Account, ...]:
    out = []
    for i, ev in enumerate(claim.evidence):
        source = sources.get(ev.source)
        outlet = (source.outlet or source.title) if source else ev.source
        name = ev.account or outlet
        party = ev.speaks_for or name
        out.append(Account(i, ev, name, party_name(party), names(party, claim.claimant)))
    return tuple(out)


@dataclass(frozen=True)
class Tally:
    """What one stance rests on: distinct independent accounts, sources, and items that are
    the claimant's own statements."""

    items: int
    independent_accounts: int
    sources: int
    claimant_items: int


def corroboration(items: tuple[Account, ...]) -> dict[Stance, Tally]:
    tallies = {}
    for stance in Stance:
        mine = [a for a in items if a.stance is stance]
        tallies[stance] = Tally(
            items=len(mine),
            independent_accounts=len({a.party for a in mine if not a.own}),
            sources=len({a.evidence.source for a in mine}),
            claimant_items=sum(a.own for a in mine),
        )
    return tallies


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def tally_text(tally: Tally) -> str:
    """One stance's corroboration, for the heading of its column on a claim page."""
    parts = [_count(tally.items, "item")]
    if tally.independent_accounts:
        parts.append(_count(tally.independent_accounts, "independent account"))
    if tally.claimant_items:
        parts.append(f"{tally.claimant_items} from the claimant")
    parts.append(_count(tally.sources, "source"))
    return " · ".join(parts)


def compact_text(tallies: dict[Stance, Tally]) -> str:
    """What supports and disputes a claim, in a line, for listings."""
    parts = []
    for stance, verb in ((Stance.SUPPORTS, "supported by"), (Stance.REFUTES, "disputed by")):
        tally = tallies[stance]
        who = []
        if tally.independent_accounts:
            who.append(_count(tally.independent_accounts, "independent account"))
        if tally.claimant_items:
            who.append("the claimant")
        if who:
            parts.append(f"{verb} {' and '.join(who)}")
    text = "; ".join(parts) or "no evidence supports or disputes it; context only"
    return text[0].upper() + text[1:]
