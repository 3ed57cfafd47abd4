"""Whose account each evidence item is, and how many independent accounts back each stance.

An item's account is its `account`, else its source's outlet; its party is the registry's
party of what it says it `speaks_for`, else of its account (`content.registry`). An item is
the claimant's own account when its party is the claimant's: a spokesperson, her ministry
and her government are one side. Accounts are told apart by party, so two spokespeople
who speak for one government are one account. A source with no outlet recorded is a
party of its own.

The sentences readers see under a claim's columns and in listings (`tally_text`,
`compact_text`) are marked for the site's message catalogue and come out in the build's
language; `explain`, which never activates one, prints them in English, as `check` prints
`Tally.accounts_text`, which is not marked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.content.registry import Party, Registry
from generator.i18n import N_, _, ngettext
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


def _count(n: int, noun: str) -> str:  # contributors' English (check's messages)
    return f"{n} {noun}{'' if n == 1 else 's'}"


# Small numbers in words, for readers ("one independent account"); a catalogue may give
# digits where its words would have to agree with the noun.
_WORDS = (N_("no"), N_("one"), N_("two"), N_("three"), N_("four"), N_("five"), N_("six"),
          N_("seven"), N_("eight"), N_("nine"), N_("ten"))


def _number(n: int) -> str:
    return _(_WORDS[n]) if n < len(_WORDS) else f"{n:,}"


def _counted(n: int, text: str) -> str:
    """`one independent account`, `12 sources`: small numbers in words, for readers;
    `text` is ngettext's answer for `n`."""
    return text % {"count": _number(n)}


def tally_text(tally: Tally) -> str:
    """One stance's corroboration in a sentence, under the heading of its column on a
    claim page: "One independent account (Azatutyun.am) and the claimant's own side
    (Armenian authorities), in 2 quotes from 2 sources."."""
    who = []
    if tally.independent:
        who.append(ngettext("%(count)s independent account (%(names)s)",
                            "%(count)s independent accounts (%(names)s)",
                            len(tally.independent))
                   % {"count": _number(len(tally.independent)),
                      "names": ", ".join(tally.independent)})
    if tally.claimant_side:
        who.append(_("the claimant's own side (%(names)s)")
                   % {"names": ", ".join(tally.claimant_side)})
    text = _("%(first)s and %(second)s") % {"first": who[0], "second": who[1]} \
        if len(who) == 2 else "".join(who)
    return _("%(who)s, %(quotes)s %(sources)s.") % {
        "who": text[:1].upper() + text[1:],
        "quotes": _counted(tally.items, ngettext("in %(count)s quote", "in %(count)s quotes",
                                                 tally.items)),
        "sources": _counted(tally.sources, ngettext("from %(count)s source",
                                                    "from %(count)s sources", tally.sources))}


def compact_text(tallies: dict[Stance, Tally]) -> str:
    """What supports and disputes a claim, in a sentence, for listings: never read as
    the verdict ("Supported only by the claimant's own side", not "Supported")."""
    parts = []
    for stance in (Stance.SUPPORTS, Stance.REFUTES):
        tally = tallies[stance]
        n = tally.independent_accounts
        supports = stance is Stance.SUPPORTS
        if n and tally.claimant_side:
            parts.append(_counted(n, ngettext(
                "supported by %(count)s independent account and by the claimant's own side",
                "supported by %(count)s independent accounts and by the claimant's own side",
                n) if supports else ngettext(
                "disputed by %(count)s independent account and by the claimant's own side",
                "disputed by %(count)s independent accounts and by the claimant's own side",
                n)))
        elif n:
            parts.append(_counted(n, ngettext(
                "supported by %(count)s independent account",
                "supported by %(count)s independent accounts", n) if supports else ngettext(
                "disputed by %(count)s independent account",
                "disputed by %(count)s independent accounts", n)))
        elif tally.claimant_side:
            parts.append(_("supported only by the claimant's own side") if supports
                         else _("disputed only by the claimant's own side"))
    text = "; ".join(parts) or _("no stored source supports or disputes it; context only")
    return text[0].upper() + text[1:] + "."
