"""`factcheck suggest`: the passages a claim already cites rank near the top, and every
suggested evidence item can be pasted into the claim as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkutil import VALID_CLAIM, Project, assert_no_traceback
from generator.model import Passage, Source
from generator.search.suggest import PassageIndex, best_quote

# Claims like the seed's: each cites passages of the stored sources, in its own words.
SEED_LIKE = {
    "peacekeepers": VALID_CLAIM.replace(
        "    note: The report states the failure as fact.\n",
        "  - source: lavrov-mirzoyan-talks\n"
        "    quote: \"Armenian authorities accuse Moscow’s peacekeepers\"\n"
        "    stance: supports\n"),
    "no-monopoly": """\
---
claim: Russia says it does not claim a monopoly on communication with Armenia and Azerbaijan.
claimant: Russian Foreign Ministry
claim_date: 2021-11
verdict: unproven
summary: The ministry said so; what it does is another matter.
published: 2026-11-22
tags: [mediation]
evidence:
  - source: russia-no-monopoly-statement
    quote: "Russia is not claiming a monopoly in communication with Armenia and Azerbaijan"
    stance: context
---
Analysis.
""",
    "demarcation": """\
---
claim: Only the immediate demarcation of the Armenia-Azerbaijan border can bring de-escalation, and Russia offers maps.
claimant: Maria Zakharova
claim_date: 2021-07
verdict: unproven
summary: Moscow's spokeswoman said border demarcation and delimitation would ensure de-escalation.
published: 2026-11-22
evidence:
  - source: zakharova-border-demarcation
    quote: "only through the immediate launch of works for demarcation of the border"
    stance: supports
  - source: zakharova-border-demarcation
    quote: "Russia is ready to support these efforts through the provision of cartographical information"
    stance: context
---
Analysis.
""",
}


def suggest_json(project: Project, slug: str, *args: str) -> list[dict]:
    result = project.run("suggest", f"content/claims/{slug}.md", "--format", "json", *args)
    assert result.code == 0, result.err + result.out
    return json.loads(result.out)


@pytest.mark.parametrize("slug", sorted(SEED_LIKE))
def test_the_passages_a_claim_cites_rank_in_the_top_five(project: Project, slug: str) -> None:
    project.claim(SEED_LIKE[slug], slug)
    assert project.check().errors == []
    hits = suggest_json(project, slug, "--top", "5")
    assert len(hits) == 5
    assert [h["rank"] for h in hits] == [1, 2, 3, 4, 5]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    cited = {(h["source"], h["passage"]): h["cited_by"] for h in hits if h["cited_by"]}
    numbers = sorted(n for ns in cited.values() for n in ns)
    evidence_count = SEED_LIKE[slug].count("  - source:")
    assert numbers == list(range(1, evidence_count + 1)), hits
    for h in hits:
        assert h["anchor"] == f"sources/{h['source']}/#{h['passage']}"


def test_a_suggested_evidence_item_pasted_into_the_claim_checks_clean(project: Project
                                                                      ) -> None:
    text = SEED_LIKE["peacekeepers"]
    path = project.claim(text, "peacekeepers")
    hits = suggest_json(project, "peacekeepers", "--top", "10")
    fresh = [h for h in hits if not h["cited_by"]]
    assert len(fresh) >= 5
    head, body = text.rsplit("---\n", 1)
    project.claim(head + "".join(h["yaml"] for h in fresh) + "---\n" + body, "peacekeepers")
    result = project.check()
    assert result.errors_for(path) == [], result.out
    # Now cited, each is marked so.
    again = {(h["source"], h["passage"]): h["cited_by"]
             for h in suggest_json(project, "peacekeepers", "--top", "60")}
    for h in fresh:
        assert again[(h["source"], h["passage"])], h


def test_text_output_marks_cited_passages_and_offers_yaml_for_the_rest(project: Project
                                                                       ) -> None:
    project.claim(SEED_LIKE["peacekeepers"], "peacekeepers")
    result = project.run("suggest", "content/claims/peacekeepers.md", "--top", "3")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Passages that may bear on content/claims/peacekeepers.md")
    assert " 1. russia-urges-talks #p6" in out and "[cited: evidence 1]" in out
    assert "sources/russia-urges-talks/#p6" in out
    assert "    evidence item to paste under `evidence:`:\n  - source: " in out
    assert "stance: context  # supports | refutes | context: decide after reading" in out
    # Each item pastes as it is printed: appended under `evidence:`, it anchors.
    items, pasting = [], False
    for line in out.splitlines():
        if line == "    evidence item to paste under `evidence:`:":
            pasting = True
        elif not line:
            pasting = False
        elif pasting:
            items.append(line)
    assert items and all(line.startswith(("  - ", "    ")) for line in items)
    text = SEED_LIKE["peacekeepers"]
    head, _, body = text.rpartition("---\n")
    project.claim(head + "\n".join(items) + "\n---\n" + body, "peacekeepers")
    checked = project.check()
    assert checked.errors_for("content/claims/peacekeepers.md") == [], checked.out


def test_a_draft_with_no_evidence_yet_gets_suggestions(project: Project) -> None:
    project.claim("---\nclaim: Russian peacekeepers stayed in Karabakh after the offensive.\n"
                  "evidence: []\n---\n", "draft")
    hits = suggest_json(project, "draft", "--top", "3")
    assert hits[0]["source"] == "russia-urges-talks" and hits[0]["passage"] == "p6"
    assert not any(h["cited_by"] for h in hits)


def test_a_claim_with_nothing_to_search_is_an_error_with_its_place(project: Project) -> None:
    project.claim("---\nclaimant: Someone\nclaim: \"\"\n---\n", "empty")
    result = project.run("suggest", "content/claims/empty.md")
    assert_no_traceback(result)
    assert result.code == 1
    (diag,) = result.diags
    assert diag.at == "content/claims/empty.md:3:1"
    assert "nothing to search for" in diag.message


def test_an_unreadable_claim_is_reported_not_raised(project: Project) -> None:
    project.claim("---\nclaim: [unclosed\n---\n", "broken")
    result = project.run("suggest", "content/claims/broken.md")
    assert_no_traceback(result)
    assert result.code == 1
    assert result.diags and result.diags[0].path == "content/claims/broken.md"


def test_a_missing_file_is_bad_usage(project: Project) -> None:
    result = project.run("suggest", "content/claims/nope.md")
    assert result.code == 2
    assert "is not a file" in result.err


def test_stemming_matches_word_forms_and_the_quote_is_one_sentence() -> None:
    text = ("The weather was fine. Peacekeeping forces stayed in the region for years. "
            "Nothing else happened.")
    source = Source("s", Path("s.md"), "T",
                    (Passage("p1", 1, text, 5), Passage("p2", 2, "Unrelated words here.", 7)))
    (hit,) = PassageIndex([source]).search("peacekeepers stay", 5)
    assert hit[1].id == "p1" and hit[2] > 0
    assert best_quote(source, hit[1], "peacekeepers stay") == (
        "Peacekeeping forces stayed in the region for years.")
    assert PassageIndex([source]).search("the and of", 5) == []  # stop words only
