"""Whose account each evidence item is, and how many independent accounts back each stance.

An item's account is its `account`, else its source's outlet; its party is the registry's
party of what it says it `speaks_for`, else of its account (`content.registry`). An item is
the claimant's own account when its party is the claimant's: a spokesperson, her ministry
and her government are one side. Accounts are told apart by party, so two spokespeople
who speak for one government are one account. A source with no outlet recorded is a
party of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.content.registry import Party, Registry
from generator.model import Claim, Evidence, Source, Stance


@dataclass(frozen=True)
class Account:
    """One evidence item as an account: who gives it and whether that is the claimant."""

    index: int
    evidence: Evidence
    name: str  # as shown to readers, with a qualifier such as "(as reported)"
    who: str  # the account's name without qualifier: the entry's name when registered
    party: Party  # as compared
    own: bool  # the claimant's own account
    entry: str | None = None  # the slug of the account's registry entry

    @property
    def stance(self) -> Stance:
        return self.evidence.stance


def accounts(claim: Claim, sources: Mapping[str, Source], registry: Registry
             ) -> tuple[Account, ...]:
    mine = registry.party_of(claim.claimant)
    out = []
    for i, ev in enumerate(claim.evidence):
        source = sources.get(ev.source)
        written = ev.account or (source.outlet if source else None)
        entry = registry.find(written) if written else None
        if written:
            name = registry.display(written)
            who = entry.name if entry else written
            party = registry.party_of(written)
        else:  # no account and no outlet recorded: the article speaks for itself alone
            name = who = source.title if source else ev.source
            party = frozenset({f"source:{ev.source}"})
        if ev.speaks_for:
            party = registry.party_of(ev.speaks_for)
        out.append(Account(i, ev, name, who, party, bool(party & mine),
                           entry.slug if entry else None))
    return tuple(out)


@dataclass(frozen=True)
class Tally:
    """What one stance rests on: distinct independent accounts, sources, and items that are
    the claimant's own statements, with the names of the accounts on each side."""

    items: int
    independent_accounts: int
    sources: int
    claimant_items: int
    independent: tuple[str, ...] = ()  # one name for each independent party
    claimant_side: tuple[str, ...] = ()  # the claimant's side's accounts, by name

    @property
    def accounts_text(self) -> str:
        """The accounts in words: "1 independent account (Azatutyun.am); 2 from the
        claimant's side (Russian Foreign Ministry, Kremlin)"."""
        parts = []
        if self.independent:
            parts.append(f"{_count(len(self.independent), 'independent account')} "
                         f"({', '.join(self.independent)})")
        if self.claimant_side:
            parts.append(f"{len(self.claimant_side)} from the claimant's side "
                         f"({', '.join(self.claimant_side)})")
        return "; ".join(parts)


def corroboration(items: tuple[Account, ...]) -> dict[Stance, Tally]:
    tallies = {}
    for stance in Stance:
        mine = [a for a in items if a.stance is stance]
        parties: dict[frozenset[str], str] = {}
        side: dict[str, None] = {}
        for a in mine:
            if a.own:
                side.setdefault(a.who)
            else:
                parties.setdefault(a.party, a.who)
        tallies[stance] = Tally(
            items=len(mine),
            independent_accounts=len(parties),
            sources=len({a.evidence.source for a in mine}),
            claimant_items=sum(a.own for a in mine),
            independent=tuple(parties.values()),
            claimant_side=tuple(side),
        )
    return tallies


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _number(n: int) -> str:
    return _WORDS[n] if n < len(_WORDS) else f"{n:,}"


def _counted(n: int, noun: str) -> str:
    """`one independent account`, `12 sources`: small numbers in words, for readers."""
    return f"{_number(n)} {noun}{'' if n == 1 else 's'}"


def tally_text(tally: Tally) -> str:
    """One stance's corroboration in a sentence, under the heading of its column on a
    claim page: "One independent account (Azatutyun.am) and the claimant's own side
    (Armenian authorities), in 2 quotes from 2 sources."."""
    who = []
    if tally.independent:
        who.append(f"{_counted(len(tally.independent), 'independent account')} "
                   f"({', '.join(tally.independent)})")
    if tally.claimant_side:
        who.append(f"the claimant's own side ({', '.join(tally.claimant_side)})")
    text = " and ".join(who)
    return (f"{text[:1].upper()}{text[1:]}, in {_counted(tally.items, 'quote')} from "
            f"{_counted(tally.sources, 'source')}.")


def compact_text(tallies: dict[Stance, Tally]) -> str:
    """What supports and disputes a claim, in a sentence, for listings: never read as
    the verdict ("Supported only by the claimant's own side", not "Supported")."""
    parts = []
    for stance, verb in ((Stance.SUPPORTS, "supported"), (Stance.REFUTES, "disputed")):
        tally = tallies[stance]
        if tally.independent_accounts and tally.claimant_side:
            parts.append(f"{verb} by {_counted(tally.independent_accounts, 'independent account')}"
                         " and by the claimant's own side")
        elif tally.independent_accounts:
            parts.append(f"{verb} by "
                         f"{_counted(tally.independent_accounts, 'independent account')}")
        elif tally.claimant_side:
            parts.append(f"{verb} only by the claimant's own side")
    text = "; ".join(parts) or "no stored source supports or disputes it; context only"
    return text[0].upper() + text[1:] + "."
