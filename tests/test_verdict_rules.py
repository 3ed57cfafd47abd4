"""A verdict the evidence cannot bear is refused, once, at its `verdict:` line; readers and
reviewers see what each stance rests on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkutil import Project, line_of
from gitrepo import FAILURE
from siteutil import soup

ACCUSED = """\
  - source: lavrov-mirzoyan-talks
    quote: "Armenian authorities accuse Moscow’s peacekeepers"
    stance: supports
    account: Armenian authorities (as reported)
"""
REPORTED = FAILURE  # Azatutyun.am's own words: independent of the claimant
DENIED = """\
  - source: lavrov-mirzoyan-talks
    quote: "an accusation that the Kremlin has denied"
    stance: refutes
    account: Kremlin
"""
DENIED_BY_CLAIMANT = """\
  - source: lavrov-mirzoyan-talks
    quote: "an accusation that the Kremlin has denied"
    stance: refutes
    account: Armenian Authorities
"""
STRAINED = """\
  - source: lavrov-mirzoyan-talks
    quote: "The accusations over the Second Karabakh War have strained relations"
    stance: context
"""


def claim(verdict: str, *evidence: str, claimant: str = "Armenian authorities") -> str:
    return (f"---\nclaim: Russian peacekeepers failed to stop the 2023 offensive.\n"
            f"claimant: {claimant}\nclaim_date: 2023-09\nverdict: {verdict}\n"
            "summary: In short.\npublished: 2026-11-22\nevidence:\n"
            + "".join(evidence) + "---\nThe analysis.\n")


def errors(project: Project, text: str) -> list[str]:
    result, errs = project.check_claim(text)
    assert result.code == (1 if errs else 0), result.out + result.err
    return [f"{d.line}:{d.col}: {d.message}" for d in errs]


@pytest.mark.parametrize("verdict, evidence, needs", [
    # Supported only by the claimant's own statement.
    ("mostly-true", (ACCUSED,), "an item that supports the claim from an account "
                                "independent of the claimant"),
    ("true", (ACCUSED, STRAINED), "an item that supports the claim from an account "
                                  "independent of the claimant"),
    # Disputed with no disputing item, and with both stances from one account.
    ("disputed", (ACCUSED, REPORTED), "items that support and dispute the claim from at "
                                      "least two different accounts"),
    ("disputed", (ACCUSED, DENIED_BY_CLAIMANT), "items that support and dispute the claim "
                                                "from at least two different accounts"),
    # False with only supporting items; mostly false disputed only by the claimant.
    ("mostly-false", (REPORTED,), "an item that disputes the claim from an account "
                                  "independent of the claimant"),
    ("mostly-false", (DENIED_BY_CLAIMANT,), "an item that disputes the claim from an "
                                            "account independent of the claimant"),
    ("mixed", (REPORTED,), "an item that disputes the claim"),
    ("misleading", (REPORTED,), "an item that disputes the claim or gives context"),
])
def test_a_verdict_stronger_than_its_evidence_is_one_error_at_the_verdict(
        project: Project, verdict: str, evidence: tuple[str, ...], needs: str) -> None:
    text = claim(verdict, *evidence)
    found = errors(project, text)
    assert len(found) == 1, found
    assert found[0].startswith(f"{line_of(text, 'verdict:')}:10: verdict `{verdict}` needs ")
    assert needs in found[0]
    assert "The evidence allows: " in found[0] and "`unproven`" in found[0]


@pytest.mark.parametrize("verdict, evidence", [
    ("mostly-true", (ACCUSED, REPORTED)),
    ("true", (REPORTED,)),
    ("disputed", (ACCUSED, DENIED)),
    ("disputed", (REPORTED, DENIED)),
    ("mixed", (ACCUSED, DENIED_BY_CLAIMANT)),
    ("mostly-false", (ACCUSED, DENIED)),
    ("misleading", (STRAINED,)),
    ("unproven", (ACCUSED,)),
])
def test_a_verdict_its_evidence_bears_passes(project: Project, verdict: str,
                                             evidence: tuple[str, ...]) -> None:
    assert errors(project, claim(verdict, *evidence)) == []


def test_the_message_says_what_the_evidence_has_and_allows(project: Project) -> None:
    (message,) = errors(project, claim("mostly-true", ACCUSED, STRAINED))
    assert ("the evidence has 1 supporting item: 1 from the claimant's side (Armenian "
            "authorities); 1 context item: 1 independent account (Russia says its ready to "
            "help normalise relations between arch-rivals Armenia and Azerbaijan)") in message
    assert "The evidence allows: `misleading`, `unproven`." in message


def test_the_registry_puts_a_spokesperson_on_her_ministrys_side(project: Project) -> None:
    spokesperson = REPORTED + "    account: Maria Zakharova\n"
    (message,) = errors(project, claim("mostly-true", spokesperson,
                                       claimant="Russian Foreign Ministry"))
    assert "1 supporting item: 1 from the claimant's side (Maria Zakharova)" in message
    # The Kremlin and the ministry are one government, so one side too.
    (message,) = errors(project, claim("mostly-true", spokesperson, claimant="Kremlin"))
    assert "1 from the claimant's side (Maria Zakharova)" in message


def test_speaks_for_puts_an_account_on_the_side_its_entry_does_not_tell(project: Project
                                                                       ) -> None:
    outlet = REPORTED + "    account: Azatutyun.am\n"
    text = claim("mostly-true", outlet, claimant="Russian Foreign Ministry")
    assert errors(project, text) == []  # an independent outlet's own words
    relayed = outlet + "    speaks_for: Russian Foreign Ministry\n"
    (message,) = errors(project, claim("mostly-true", relayed,
                                       claimant="Russian Foreign Ministry"))
    assert "1 supporting item: 1 from the claimant's side (Azatutyun.am)" in message


def test_case_typography_and_a_qualifier_do_not_make_an_account_independent(
        project: Project) -> None:
    curly = REPORTED + "    account: “ARMENIAN   authorities” (as reported by RFE/RL)\n"
    (message,) = errors(project, claim("true", curly))
    assert "1 from the claimant's side (Armenian authorities)" in message


def test_a_claim_with_a_broken_evidence_item_is_not_judged_as_well(project: Project) -> None:
    broken = REPORTED.replace("stance: supports", "stance: maybe")
    found = errors(project, claim("mostly-true", broken))
    assert len(found) == 1 and "`stance` is `maybe`" in found[0], found


def declare_verdicts(project: Project, scale: str) -> str:
    """Give the project's mkdocs.yml a verdict scale of its own; returns the new text."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      per_page: 20\n", "      per_page: 20\n      verdicts:\n" + scale)
    config.write_text(text, encoding="utf-8")
    return text


def test_a_project_declares_its_own_needs_and_may_make_them_warnings(project: Project) -> None:
    declare_verdicts(project, """\
        - {key: holds, label: Holds, definition: Holds up., colour: teal, icon: "+",
           needs: [competing-accounts]}
        - {key: leans, label: Leans, definition: Leans one way., colour: navy, icon: "~",
           needs: [independent-supports], needs_severity: warning}
        - {key: open, label: Open, definition: Not settled., colour: grey, icon: "?"}
""")
    result, errs = project.check_claim(claim("holds", REPORTED))
    assert [d.message.split(",")[0] for d in errs] == [
        "verdict `holds` needs items that support and dispute the claim from at least two "
        "different accounts"]
    project.claim(claim("leans", ACCUSED))
    result = project.check()
    warned = [d for d in result.diags if d.path == "content/claims/the-claim.md"]
    assert result.code == 0 and [d.severity for d in warned] == ["warning"]
    assert "The evidence allows: `open`." in warned[0].message


def test_an_unknown_need_is_an_error_in_the_settings(project: Project) -> None:
    text = declare_verdicts(project, """\
        - {key: holds, label: Holds, definition: Holds up., colour: teal, icon: "+",
           needs: [independent-support]}
""")
    result = project.check()
    assert result.code == 1
    (d,) = [d for d in result.errors if d.path == "mkdocs.yml"]
    assert d.line == line_of(text, "           needs: [independent-support]")
    assert "`independent-support` is not something a verdict can need" in d.message
    assert "did you mean `independent-supports`" in d.message


def test_explain_shows_the_rule_and_the_evidence_by_account(project: Project) -> None:
    project.claim(claim("disputed", ACCUSED, REPORTED, DENIED))
    result = project.run("explain", "content/claims/the-claim.md")
    assert result.code == 0, result.err
    out = result.out
    assert "content/claims/the-claim.md: Disputed" in out
    assert ("Rule: `disputed` needs items that support and dispute the claim from at least "
            "two different accounts; it holds") in out
    assert "Armenian authorities (as reported) [the claimant's own account]" in out
    assert "Kremlin [independent]" in out
    assert "Disputes: One independent account (Kremlin), in one quote from one source." in out
    markdown = project.run("explain", "content/claims/the-claim.md", "--format", "markdown")
    assert markdown.out.startswith("### content/claims/the-claim.md: Disputed\n")
    assert "- Kremlin: independent" in markdown.out
    project.claim(claim("mostly-true", ACCUSED))
    failing = project.run("explain", "content/claims/the-claim.md")
    assert failing.code == 0
    assert ("it does NOT hold: missing an item that supports the claim from an account "
            "independent of the claimant") in failing.out


def test_readers_see_what_each_stance_rests_on(site: Path) -> None:
    page = soup(site / "claims" / "peacekeepers-failed-to-stop-2023-offensive" / "index.html")
    supports = page.select_one("section.fc-supports")
    assert supports is not None
    tally = supports.select_one(".fc-tally")
    assert tally is not None
    assert tally.get_text() == ("One independent account (Azatutyun.am) and the claimant's own "
                                "side (Armenian authorities), in two quotes from two sources.")
    own = [h.get_text(" ", strip=True) for h in supports.select("h4")
           if h.select_one(".fc-own")]
    assert own == ["Armenian authorities (as reported) the claimant's own account"]
    lines = [p.get_text() for page in (site / "claims").glob("**/index.html")
             for p in soup(page).select(".fc-item-evidence")]
    assert ("Supported by one independent account and by the claimant's own side; disputed "
            "by one independent account.") in lines
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    entry = next(c for c in claims if c["slug"] == "peacekeepers-failed-to-stop-2023-offensive")
    assert entry["corroboration"]["supports"] == {
        "items": 2, "independent_accounts": 1, "sources": 2, "claimant_items": 1,
        "independent": ["Azatutyun.am"], "claimant_side": ["Armenian authorities"],
        "text": "1 independent account (Azatutyun.am); 1 from the claimant's side "
                "(Armenian authorities)"}
    assert [e["claimant_own"] for e in entry["evidence"] if e["stance"] == "supports"].count(
        True) == 1


def test_the_methodology_page_prints_each_verdicts_needs(site: Path) -> None:
    page = soup(site / "methodology" / "index.html")
    row = page.select_one("#verdict-mostly-true")
    assert row is not None
    assert ("An item that supports the claim from an account independent of the claimant."
            in row.get_text())
    disputed = page.select_one("#verdict-disputed")
    assert disputed is not None
    assert "from at least two different accounts" in disputed.get_text()
    unproven = page.select_one("#verdict-unproven")
    assert unproven is not None and "Nothing beyond the evidence cited" in unproven.get_text()
