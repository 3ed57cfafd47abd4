"""Links between the site's own pages in an analysis land on a page that exists: a claim
deleted or renamed by a pull request is named at the line of every link to it."""

from __future__ import annotations

import re
from pathlib import Path

from checkutil import VALID_CLAIM, Project, run_cli
from siteutil import copy_project

ANALYSIS = """\
See [the claim on a monopoly](../russia-not-claiming-monopoly/) and
[a passage](../../sources/russia-urges-talks/#p2), [its page](../../sources/russia-urges-talks/),
[the topic](../../topics/peacekeepers/), [every claim](../) and [the next page](../page/2/).
A gone claim: [gone](../no-such-claim/).
A near miss: [typo](../the-clam/ "title").
A missing source: [source](../../sources/no-such-source/#p1).
A missing passage: [passage](../../sources/russia-urges-talks/#p999).

`[not a link](../in-a-code-span/)`

```md
[not a link either](../in-a-fence/)
```

[ref]: ../referenced-but-gone/
"""


def test_each_dead_link_between_pages_is_an_error_at_its_line(project: Project) -> None:
    front = VALID_CLAIM.split("---\n", 2)[1]
    project.claim(f"---\n{front}---\n{ANALYSIS}")
    project.claim(VALID_CLAIM, "russia-not-claiming-monopoly")
    result = project.check()
    assert result.code == 1
    text = (project.root / "content" / "claims" / "the-claim.md").read_text(encoding="utf-8")
    lines = text.split("\n")

    def line(of: str) -> int:
        (n,) = [i for i, here in enumerate(lines, 1) if of in here]
        return n

    found = {(d.line, d.message) for d in result.errors_for("content/claims/the-claim.md")}
    assert found == {
        (line("(../no-such-claim/)"), "link to `../no-such-claim/`: there is no claim "
         "`no-such-claim` (no content/claims/no-such-claim.md: deleted or renamed?); did you "
         "mean `the-claim`?"),
        (line("(../the-clam/"), "link to `../the-clam/`: there is no claim `the-clam` (no "
         "content/claims/the-clam.md: deleted or renamed?); did you mean `the-claim`?"),
        (line("no-such-source/#p1"), "link to `../../sources/no-such-source/#p1`: there is no "
         "source `no-such-source` (no sources/no-such-source.md); link to a source that "
         "exists, or remove the link"),
        (line("#p999"), "link to `../../sources/russia-urges-talks/#p999`: source "
         "`russia-urges-talks` has no passage `p999` (it has p1 to p9); link to the passage "
         "shown on its page"),
        (line("[ref]:"), "link to `../referenced-but-gone/`: there is no claim "
         "`referenced-but-gone` (no content/claims/referenced-but-gone.md: deleted or "
         "renamed?); link to a claim that exists, or remove the link"),
    }


def test_deleting_a_claim_another_links_to_names_the_link(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    claims = root / "content" / "claims"
    linked = {c.stem for c in claims.glob("*.md")
              for other in claims.glob("*.md") if f"](../{c.stem}/)" in other.read_text()}
    assert linked, "the seed fixture has a claim another claim links to"
    gone = sorted(linked)[0]
    (claims / f"{gone}.md").unlink()
    result = run_cli(["check", "--root", str(root)])
    assert result.code == 1
    assert result.errors and all(
        d.message.startswith(f"link to `../{gone}/`: there is no claim `{gone}`")
        for d in result.errors), result.out


def test_a_link_to_a_claim_published_on_a_later_day_waits_for_it(project: Project) -> None:
    later = re.sub(r"updated: .*\n|corrections:\n(?:  .*\n)*", "", VALID_CLAIM)
    project.claim(later.replace("published: 2026-11-22", "published: 2999-01-01"), "later")
    front = VALID_CLAIM.split("---\n", 2)[1]
    project.claim(f"---\n{front}---\nSee [the later claim](../later/).\n")
    result = project.check()
    (error,) = result.errors
    assert [d.path for d in result.diags if d.severity == "note"] == ["content/claims/later.md"]
    assert error.path == "content/claims/the-claim.md"
    assert error.message == (
        "link to `../later/`: claim `later` is published on 2999-01-01 and left out of the "
        "site until then; link to it from that day, or publish both on the same day")
