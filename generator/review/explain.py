"""`factcheck explain`: the structure of a claim's reasoning, for reviewers.

For one claim: its verdict's rule and whether the evidence meets it, the verdicts the
evidence allows, and the evidence grouped by stance and account, each account marked as
the claimant's own or independent, with each item's note. Plain text for a terminal,
Markdown for a pull request's job summary.

Quotes are shown whole: they are the evidence under review, the limits keep each one
short enough to read, and a cut marked with `…` would read as words the quote leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.content.registry import Registry
from generator.content.settings import Need, Settings
from generator.model import Claim, ClaimKind, Source, Stance
from generator.review.accounts import Account, corroboration, tally_text
from generator.review.rules import Judgement, has, judge

STANCES = ((Stance.SUPPORTS, "Supports"), (Stance.REFUTES, "Disputes"),
           (Stance.CONTEXT, "Context"))


def explain(claim: Claim, path: str, sources: Mapping[str, Source], settings: Settings,
            registry: Registry, markdown: bool = False) -> str:
    judgement = judge(claim, sources, settings, registry)
    verdict = judgement.verdict
    lines = [f"### {path}: {verdict.label}" if markdown else f"{path}: {verdict.label}",
             "",
             f"{_b('Claim', markdown)}: {claim.claim}",
             *([f"{_b('As made', markdown)} ({claim.claim_language}): {claim.claim_original}"]
               if claim.claim_original else []),
             *([f"{_b('Title', markdown)}: {claim.title} (readers take the verdict as its "
                "answer: it asks whether the claim is true, so that “True” answers “yes”)"]
               if claim.title else []),
             f"{_b('Kind', markdown)}: {claim.kind.value}"
             + ("" if claim.kind is ClaimKind.STATEMENT else ", which is not rated"),
             f"{_b('Claimant', markdown)}: {_claimant(claim, registry, markdown)}, claimed "
             f"{claim.claim_date.human}",
             f"{_b('Rule', markdown)}: {_rule(judgement)}",
             f"{_b('The evidence has', markdown)}: {has(judgement.accounts)}",
             f"{_b('The evidence allows', markdown)}: "
             + (", ".join(_code(k, markdown) for k in judgement.allowed) or "no verdict"),
             ""]
    tallies = corroboration(judgement.accounts)
    for stance, title in STANCES:
        mine = [a for a in judgement.accounts if a.stance is stance]
        if not mine:
            continue
        heading = f"{title}: {tally_text(tallies[stance])}"
        lines.append(f"**{heading}**" if markdown else heading)
        lines.append("")
        for name, own, group in _by_account(mine):
            whose = "the claimant's own account" if own else "independent"
            lines.append(f"- {name}: {whose}" if markdown else f"  {name} [{whose}]")
            for a in group:
                ev = a.evidence
                quote = f"“{' '.join(ev.quote.split())}” ({ev.source})"
                lines.append(f"  - {quote}" if markdown else f"    - {quote}")
                if ev.translation:  # the desk's translation, as readers see it beneath
                    shown = f"translation: “{' '.join(ev.translation.split())}”"
                    lines.append(f"    {shown}" if markdown else f"      {shown}")
                if ev.note:
                    lines.append(f"    note: {ev.note}" if markdown else f"      note: {ev.note}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _claimant(claim: Claim, registry: Registry, markdown: bool) -> str:
    """The claimant as the registry knows it, and the side its accounts count with."""
    entry = registry.find(claim.claimant)
    if entry is None:
        return f"{claim.claimant} (not in the registry)"
    tops = [p.name for p in registry.sides(entry.slug)]
    side = f"; one side with {', '.join(tops)}" if tops else ""
    return f"{registry.display(claim.claimant)} ({_code(entry.slug, markdown)}{side})"


def _rule(judgement: Judgement) -> str:
    verdict = judgement.verdict
    if not verdict.needs:
        return f"`{verdict.key}` needs nothing beyond the evidence cited; it holds"
    needs = "; and ".join(Need(n).text for n in verdict.needs)
    state = "holds" if judgement.holds else (
        "does NOT hold: missing " + "; and ".join(n.text for n in judgement.missing))
    return f"`{verdict.key}` needs {needs}; it {state}"


def _by_account(items: list[Account]) -> list[tuple[str, bool, list[Account]]]:
    groups: dict[tuple[str, bool], list[Account]] = {}
    for a in items:
        groups.setdefault((a.name, a.own), []).append(a)
    return [(name, own, group) for (name, own), group in groups.items()]


def _b(text: str, markdown: bool) -> str:
    return f"**{text}**" if markdown else text


def _code(text: str, markdown: bool) -> str:
    return f"`{text}`" if markdown else text
