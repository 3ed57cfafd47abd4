"""Whether a verdict follows from its evidence: the verdict scale's `needs`, enforced.

Each verdict of the scale may declare what evidence it needs (`content.settings.Need`); the
default scale encodes the burden of proof (a true verdict needs support from an account
independent of the claimant, and so on). A claim whose evidence falls short gets one
diagnostic at its `verdict:` line that names what the verdict needs, what the evidence has
and which verdicts the evidence allows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from generator.content.registry import Registry
from generator.content.settings import Need, Settings, Verdict
from generator.diagnostics import Diagnostic, Severity, display_path
from generator.model import NOT_RATED, Claim, ClaimKind, Source, Stance
from generator.review.accounts import Account, accounts, corroboration

_HOLDS: dict[Need, Callable[[tuple[Account, ...]], bool]] = {
    Need.SUPPORTS: lambda items: any(a.stance is Stance.SUPPORTS for a in items),
    Need.REFUTES: lambda items: any(a.stance is Stance.REFUTES for a in items),
    Need.INDEPENDENT_SUPPORTS: lambda items: any(
        a.stance is Stance.SUPPORTS and not a.own for a in items),
    Need.INDEPENDENT_REFUTES: lambda items: any(
        a.stance is Stance.REFUTES and not a.own for a in items),
    Need.REFUTES_OR_CONTEXT: lambda items: any(
        a.stance in (Stance.REFUTES, Stance.CONTEXT) for a in items),
    Need.COMPETING_ACCOUNTS: lambda items: any(
        s.party != r.party for s in items if s.stance is Stance.SUPPORTS
        for r in items if r.stance is Stance.REFUTES),
}


@dataclass(frozen=True)
class Judgement:
    """A claim's verdict against its evidence."""

    verdict: Verdict
    accounts: tuple[Account, ...]
    missing: tuple[Need, ...]  # what the verdict needs and the evidence lacks
    scale: tuple[Verdict, ...]
    kind: ClaimKind = ClaimKind.STATEMENT

    @property
    def holds(self) -> bool:
        return not self.missing

    @cached_property
    def allowed(self) -> tuple[str, ...]:
        """The verdicts of the scale whose needs the evidence meets and that fit the claim's
        kind: `not-rated` alone for an opinion, a forecast or an intention, never for a
        statement."""
        met = {need: holds(need, self.accounts) for need in Need}
        statement = self.kind is ClaimKind.STATEMENT
        return tuple(v.key for v in self.scale if all(met[Need(n)] for n in v.needs)
                     and (v.key != NOT_RATED) == statement)


def holds(need: Need, items: tuple[Account, ...]) -> bool:
    return _HOLDS[need](items)


def judge(claim: Claim, sources: Mapping[str, Source], settings: Settings,
          registry: Registry) -> Judgement:
    items = accounts(claim, sources, registry)
    verdict = settings.verdict(claim.verdict)
    missing = tuple(Need(n) for n in verdict.needs if not holds(Need(n), items))
    return Judgement(verdict, items, missing, settings.verdicts, claim.kind)


def has(items: tuple[Account, ...]) -> str:
    """What the evidence has, in words: counts by stance, and whose accounts they are."""
    parts = []
    tallies = corroboration(items)
    for stance, word in ((Stance.SUPPORTS, "supporting"), (Stance.REFUTES, "disputing"),
                         (Stance.CONTEXT, "context")):
        tally = tallies[stance]
        if tally.items:
            parts.append(f"{tally.items} {word} item{'s' if tally.items != 1 else ''}: "
                         f"{tally.accounts_text}")
    return "; ".join(parts) or "no evidence"


def kind_mismatch(claim: Claim, judgement: Judgement) -> str | None:
    """Why the verdict does not fit the claim's kind: only a statement of fact is rated,
    and a statement always is."""
    statement = claim.kind is ClaimKind.STATEMENT
    if statement and claim.verdict == NOT_RATED:
        allowed = ", ".join(f"`{k}`" for k in judgement.allowed) or "none"
        return ("`verdict: not-rated` is for opinions, forecasts and intentions, and this claim "
                "is a statement of fact (`kind: statement`, the default): rate it with a "
                f"verdict the evidence allows ({allowed}), or, if it is not a statement of "
                "fact, say what it is with `kind: opinion`, `forecast` or `intention`")
    if not statement and claim.verdict != NOT_RATED:
        if NOT_RATED not in {v.key for v in judgement.scale}:
            return (f"a claim of kind `{claim.kind.value}` takes the verdict `{NOT_RATED}`, which "
                    "the verdict scale of the settings does not have: add it to `verdicts:`")
        return (f"`verdict: {claim.verdict}` rates a claim of kind `{claim.kind.value}`: an "
                "opinion, a forecast or an intention is not a statement of fact, and the only "
                f"verdict it takes is `{NOT_RATED}`. Write `verdict: {NOT_RATED}` (the page "
                "still shows the accounts that bear on it), or, if the claim can be checked "
                "against the record, `kind: statement`")
    return None


VerdictCheck = Callable[[Claim, Mapping[str, Source], Settings, Registry],
                        tuple[Diagnostic, ...]]


def check_verdicts(claims: Mapping[str, Claim], sources: Mapping[str, Source],
                   settings: Settings, registry: Registry, check: VerdictCheck | None = None
                   ) -> list[Diagnostic]:
    """One diagnostic per claim whose verdict needs more than its evidence gives. A
    long-running caller may pass a `check` that remembers its answers."""
    one = check or check_verdict
    keys = set(settings.verdict_keys)
    return [d for claim in claims.values()
            # A claim with an unknown verdict or kind, or a broken item, has its errors
            # reported.
            if claim.verdict in keys and claim.evidence_whole and claim.kind_whole
            for d in one(claim, sources, settings, registry)]


def check_verdict(claim: Claim, sources: Mapping[str, Source], settings: Settings,
                  registry: Registry) -> tuple[Diagnostic, ...]:
    judgement = judge(claim, sources, settings, registry)
    line, col = claim.verdict_at
    mismatch = kind_mismatch(claim, judgement)
    if mismatch:
        return (Diagnostic(display_path(claim.path, settings.root), line, col, Severity.ERROR,
                           mismatch),)
    if judgement.holds:
        return ()
    verdict = judgement.verdict
    allowed = ", ".join(f"`{k}`" for k in judgement.allowed) or "none"
    message = (
        f"verdict `{verdict.key}` needs "
        + "; and ".join(n.text for n in judgement.missing)
        + f", but the evidence has {has(judgement.accounts)}. The evidence allows: "
        f"{allowed}. Add the evidence the verdict needs, or choose a verdict it allows "
        "(whose side an account is on comes from the registry: an entry's `part_of`)")
    return (Diagnostic(display_path(claim.path, settings.root), line, col,
                       Severity(verdict.needs_severity.value), message),)
