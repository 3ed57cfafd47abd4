"""The registry of people and organisations: its files checked, names looked up, and
independence decided by party (a spokesperson, her ministry and her government are one side).

Each test writes a small registry of its own into a copy of the seed fixture's sources.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checkutil import Project
from siteutil import build, copy_project

# A fictional claim whose quotes are real passages of the seed fixture's sources.
CLAIM = """\
---
claim: Only demarcation can bring sustainable de-escalation.
claimant: {claimant}
claim_date: 2021-07
verdict: {verdict}
summary: The statement says so.
published: 2026-11-22
evidence:
  - source: zakharova-border-demarcation
    quote: "only through the immediate launch of works for demarcation of the border"
    stance: supports
    account: {account}
---
The analysis.
"""
INDEPENDENT = """\
  - source: russia-urges-talks
    quote: "Russian peacekeepers’ failure to prevent or stop Azerbaijan’s September 19-20"
    stance: supports
"""

REGISTRY = {
    "russian-government": "name: Russian Government\ntype: organization\naliases: [Moscow]\n",
    "russian-foreign-ministry": ("name: Russian Foreign Ministry\ntype: organization\n"
                                 "aliases: [Russian MFA]\npart_of: russian-government\n"),
    "kremlin": "name: Kremlin\ntype: organization\npart_of: russian-government\n",
    "maria-zakharova": ("name: Maria Zakharova\ntype: person\n"
                        "aliases: [Мария Захарова, Mariya Zakharova]\n"
                        "part_of: russian-foreign-ministry\n"
                        "same_as: [https://example.org/id/maria-zakharova]\n"),
    "nikol-pashinyan": ("name: Nikol Pashinyan\ntype: person\n"
                        "aliases: [Nikol Pashinian, Никол Пашинян]\n"),
    # The outlets of the seed fixture's sources.
    "azatutyun-am": "name: Azatutyun.am\ntype: organization\n",
    "eu-reporter": "name: EU Reporter\ntype: organization\n",
    "massis-post": "name: Massis Post\ntype: organization\n",
}
OUTLETS = ("azatutyun-am", "eu-reporter", "massis-post")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The seed fixture's sources with no registry: each test writes its own."""
    return Project(tmp_path, people=False)


def registry(project: Project | Path, entries: dict[str, str] | None = None) -> None:
    """Write the entries (the test registry by default) into a project's registry."""
    folder = (project.root if isinstance(project, Project) else project) / "content" / "people"
    folder.mkdir(parents=True, exist_ok=True)
    for slug, front in (REGISTRY if entries is None else entries).items():
        (folder / f"{slug}.md").write_text(f"---\n{front}---\nA test entry.\n",
                                           encoding="utf-8")


def claim(claimant: str, account: str, verdict: str = "mostly-true", extra: str = "") -> str:
    text = CLAIM.format(claimant=claimant, account=account, verdict=verdict)
    return text.replace("---\nThe analysis.", extra + "---\nThe analysis.") if extra else text


@pytest.mark.parametrize(("claimant", "account"), [
    ("Maria Zakharova", "Russian Foreign Ministry (as reported)"),
    ("Kremlin", "Russian Foreign Ministry"),
    ("Russian Foreign Ministry", "Kremlin (as reported)"),
    ("maria-zakharova", "Russian Government"),
])
def test_an_account_of_the_claimants_own_party_cannot_make_it_true(
        project: Project, claimant: str, account: str) -> None:
    registry(project)
    result, errors = project.check_claim(claim(claimant, account))
    assert result.code == 1
    assert len(errors) == 1, result.out
    message = errors[0].message
    assert message.startswith("verdict `mostly-true` needs an item that supports the claim "
                              "from an account independent of the claimant"), message
    assert "from the claimant's side" in message


def test_an_independent_outlets_support_lets_it_pass(project: Project) -> None:
    registry(project)
    result, errors = project.check_claim(
        claim("Maria Zakharova", "Russian Foreign Ministry (as reported)", extra=INDEPENDENT))
    assert errors == [], result.out
    assert result.code == 0, result.out


def test_names_match_by_slug_name_or_alias_whatever_the_case_and_typography(
        project: Project) -> None:
    registry(project)
    for i, (who, account) in enumerate([("MARIA ZAKHAROVA", "russian mfa"),
                                         ("Мария Захарова", "Russian  Foreign-Ministry"),
                                         ("mariya zakharova (as quoted)", "moscow")]):
        project.claim(claim(who, account), slug=f"claim-{i}")
    result = project.check()
    messages = [d.message for d in result.errors]
    # Every one is a name the registry knows, and every one is the claimant's own side.
    assert not [m for m in messages if "names no person" in m], result.out
    assert len(messages) == 3 and all("from the claimant's side" in m for m in messages)


def test_an_unknown_claimant_is_an_error_at_its_line_with_suggestions(project: Project
                                                                      ) -> None:
    registry(project)
    result, errors = project.check_claim(
        claim("Maria Zaharova", "Russian Foreign Ministry", extra=INDEPENDENT))
    assert result.code == 1
    [error] = [e for e in errors if "`claimant`" in e.message]
    assert (error.line, error.col) == (3, 11)
    assert "names no person or organisation of the registry" in error.message
    assert "did you mean `maria-zakharova` (Maria Zakharova)?" in error.message
    assert ("`factcheck new person maria-zaharova --name 'Maria Zaharova'`"
            in error.message)


def test_unknown_account_and_outlet_are_errors_too(project: Project) -> None:
    registry(project, {k: v for k, v in REGISTRY.items() if k not in ("kremlin", *OUTLETS)})
    text = claim("Maria Zakharova", "Kremlin (as reported)")
    result, errors = project.check_claim(text)
    [error] = [e for e in errors if "`account`" in e.message]
    assert error.line == text.split("\n").index("    account: Kremlin (as reported)") + 1
    assert "--name Kremlin" in error.message
    # The seed fixture's outlets are not in this registry: each is named at its source.
    outlets = [d for d in result.errors if d.path.startswith("sources/")]
    assert outlets and all("`outlet` is" in d.message and "--type organization" in d.message
                           for d in outlets)


def test_registry_problems_each_at_their_line_in_one_run(project: Project) -> None:
    registry(project)
    registry(project, {
        "a-ministry": "name: A Ministry\ntype: organization\npart_of: a-government\n",
        "a-government": "name: A Government\ntype: organization\npart_of: a-ministry\n",
        "someone": "name: Someone\ntype: person\naliases: [A Ministry]\npart_of: nobody-org\n",
        "self": "name: Self\ntype: organization\npart_of: self\n",
    })
    result = project.check()
    found = {(d.path, d.line, d.message.split(":")[0]) for d in result.errors
             if d.path.startswith("content/people/")}
    assert ("content/people/a-government.md", 4, "`part_of` goes round in a circle") in found
    assert ("content/people/someone.md", 4, "the alias `A Ministry` also names "
            "`a-ministry` (content/people/a-ministry.md)") in found
    assert ("content/people/self.md", 4, "`part_of` names the entry itself") in found
    [unknown] = [d for d in result.errors if d.path == "content/people/someone.md"
                 and "nobody-org" in d.message]
    assert unknown.line == 5 and "factcheck new person nobody-org" in unknown.message


def test_a_broken_entry_is_reported_in_its_file_and_not_again_where_it_is_named(
        project: Project) -> None:
    registry(project)
    project.write("content/people/kremlin.md", "---\nname: Kremlin\ntype: palace\n---\n")
    result, errors = project.check_claim(claim("Kremlin", "Kremlin"))
    assert [d.path for d in result.errors if "palace" in d.message] == [
        "content/people/kremlin.md"]
    assert not [e for e in errors if "names no person" in e.message]


def test_claimant_type_is_deprecated_with_a_warning(project: Project) -> None:
    registry(project)
    text = claim("Maria Zakharova", "Russian MFA", extra=INDEPENDENT).replace(
        "claim_date:", "claimant_type: organization\nclaim_date:")
    result = project.check()
    project.claim(text)
    result = project.check()
    [warning] = [d for d in result.diags if "claimant_type" in d.message]
    assert warning.severity == "warning" and warning.line == 4
    assert "disagrees with the registry" in warning.message
    assert result.code == 0


def test_explain_says_whose_side_each_account_is_on(project: Project) -> None:
    registry(project)
    path = project.claim(claim("Maria Zakharova", "Kremlin (as reported)", extra=INDEPENDENT))
    result = project.run("explain", str(project.root / path))
    assert result.code == 0, result.err
    assert ("2 supporting items: 1 independent account (Azatutyun.am); 1 from the "
            "claimant's side (Kremlin)") in result.out
    assert "Kremlin (as reported): the claimant's own account" not in result.out
    assert "Kremlin (as reported) [the claimant's own account]" in result.out


def test_new_person_writes_an_entry_that_checks(project: Project) -> None:
    registry(project)
    result = project.run("new", "person", "ilham-aliyev", "--name", "Ilham Aliyev")
    assert result.code == 0, result.err
    text = (project.root / "content/people/ilham-aliyev.md").read_text(encoding="utf-8")
    assert 'name: "Ilham Aliyev"' in text and "type: person" in text
    result, errors = project.check_claim(
        claim("Ilham Aliyev", "Russian MFA", extra=INDEPENDENT), slug="aliyev")
    assert errors == [], result.out


@pytest.mark.site
def test_claims_json_and_people_json_carry_the_registry(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    shutil.rmtree(root / "content" / "people")
    registry(root)
    (root / "content" / "claims" / "the-claim.md").write_text(
        claim("Mariya Zakharova", "Russian MFA (as reported)", extra=INDEPENDENT),
        encoding="utf-8")
    site = build(root, tmp_path / "site")
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    [entry] = data["claims"]
    assert entry["claimant"] == "Maria Zakharova"
    assert entry["claimant_slug"] == "maria-zakharova"
    assert entry["claimant_type"] == "person"
    supports = entry["corroboration"]["supports"]
    assert supports["text"] == ("1 independent account (Azatutyun.am); 1 from the claimant's "
                                "side (Russian Foreign Ministry)")
    assert entry["evidence"][0]["party"] == ["russian-government"]
    people = json.loads((site / "people.json").read_text(encoding="utf-8"))
    zakharova = next(p for p in people["people"] if p["slug"] == "maria-zakharova")
    assert zakharova["party"] == ["russian-government"]
    assert zakharova["claims"] == ["the-claim"]
    page = (site / "claims/the-claim/index.html").read_text(encoding="utf-8")
    review = json.loads(page.split('<script type="application/ld+json">')[1].split(
        "</script>")[0])
    author = review["itemReviewed"]["author"]
    assert author == {"@type": "Person", "name": "Maria Zakharova",
                      "sameAs": "https://example.org/id/maria-zakharova"}
