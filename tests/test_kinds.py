"""What a claim is: only a statement of fact is rated. An opinion, a forecast or an
intention takes the verdict `not-rated`, has no ClaimReview, and says why on its page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkutil import VALID_CLAIM, Project, line_of, replace_line
from siteutil import article, build, copy_project, soup


def with_kind(kind: str | None, verdict: str) -> str:
    text = replace_line(VALID_CLAIM, "verdict: ", f"verdict: {verdict}")
    if kind is not None:
        text = text.replace("claim_date: ", f"kind: {kind}\nclaim_date: ", 1)
    return text


@pytest.mark.parametrize("kind", ["opinion", "forecast", "intention"])
def test_a_claim_that_is_not_a_statement_cannot_be_rated(project: Project, kind: str) -> None:
    text = with_kind(kind, "true")
    result, errors = project.check_claim(text)
    assert result.code == 1
    [error] = errors
    assert (error.line, error.col) == (line_of(text, "verdict: "), 10)
    assert error.message.startswith(f"`verdict: true` rates a claim of kind `{kind}`")
    assert "Write `verdict: not-rated`" in error.message
    assert project.check_claim(with_kind(kind, "not-rated"))[1] == []


@pytest.mark.parametrize("kind", [None, "statement"])
def test_a_statement_cannot_be_left_unrated(project: Project, kind: str | None) -> None:
    text = with_kind(kind, "not-rated")
    [error] = project.check_claim(text)[1]
    assert error.line == line_of(text, "verdict: ")
    assert error.message.startswith("`verdict: not-rated` is for opinions, forecasts and "
                                    "intentions, and this claim is a statement of fact")
    # It names the verdicts the evidence allows, of which not-rated is none.
    allowed = error.message.split("verdict the evidence allows (")[1].split(")")[0]
    assert "`mostly-true`" in allowed and "not-rated" not in allowed


def test_an_unknown_kind_names_the_kinds(project: Project) -> None:
    _, errors = project.check_claim(with_kind("prediction", "not-rated"))
    assert [e.message for e in errors] == [
        "`kind` is `prediction`; did you mean `opinion` or `intention`?; expected one of: "
        "statement, opinion, forecast, intention"]  # and nothing of its verdict


def test_explain_allows_only_not_rated_for_an_opinion(project: Project) -> None:
    path = project.claim(with_kind("opinion", "not-rated"))
    result = project.run("explain", str(project.root / path))
    assert "The evidence allows: not-rated" in result.out


@pytest.mark.site
def test_an_opinion_has_no_claimreview_and_says_why_it_is_not_rated(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    claims = root / "content" / "claims"
    (claims / "an-opinion.md").write_text(with_kind("opinion", "not-rated"), encoding="utf-8")
    (claims / "a-statement.md").write_text(VALID_CLAIM, encoding="utf-8")
    site = build(root, tmp_path / "site")
    data = {c["slug"]: c for c in json.loads(
        (site / "claims.json").read_text(encoding="utf-8"))["claims"]}
    opinion, statement = data["an-opinion"], data["a-statement"]
    assert (opinion["kind"], opinion["claim_review"]) == ("opinion", False)
    assert opinion["not_rated_because"].startswith("It is an opinion")
    assert (statement["kind"], statement["claim_review"], statement["not_rated_because"]) == (
        "statement", True, None)
    page = (site / "claims" / "an-opinion" / "index.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in page
    body = article(soup(site / "claims" / "an-opinion" / "index.html"))
    assert "Not rated" in body.select_one(".fc-verdict").get_text()
    assert body.select_one(".fc-not-rated").get_text().startswith("It is an opinion")
    kind = body.select_one("a[data-pagefind-filter='claim_kind']")
    assert kind is not None and kind.get_text() == "Opinion"
    assert kind["href"].endswith("kinds/opinions/")
    listed = article(soup(site / "kinds" / "opinions" / "index.html"))
    assert [a.get_text() for a in listed.select("ol.fc-list .fc-item-head a")] == [
        "Did Russian peacekeepers stop the 2023 offensive?"]
    assert "application/ld+json" in (site / "claims" / "a-statement" / "index.html").read_text(
        encoding="utf-8")
