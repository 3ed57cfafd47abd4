"""Topics: a registry in the settings; a claim's tags name its topics by slug or by name,
whatever their case, spaces and hyphens; readers see each topic's name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkutil import VALID_CLAIM, Project, line_of, replace_line
from generator.content.topics import topic_key
from siteutil import article, build, copy_project, soup

TOPICS_LINE = "      topics:\n"


def set_topics(root: Path, entries: str) -> str:
    """Replace the registry of the project's mkdocs.yml with `entries` (its lines, indented
    as list items of `topics:`); returns the new text."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index(TOPICS_LINE) + len(TOPICS_LINE)
    end = text.index("\nnav:")
    text = text[:start] + entries + text[end:]
    config.write_text(text, encoding="utf-8")
    return text


def with_tags(tags: str) -> str:
    return replace_line(VALID_CLAIM, "tags:", f"tags: {tags}")


def test_the_match_key_ignores_case_and_runs_of_spaces_and_hyphens() -> None:
    assert topic_key("Lachin corridor") == topic_key("lachin-corridor") == topic_key(
        "LACHIN  -- Corridor") == topic_key(" lachin\tcorridor ") == "lachin corridor"
    assert topic_key("2023 Offensive") == topic_key("2023-offensive")
    assert topic_key("peace talks") != topic_key("peacetalks")


def test_a_tag_may_be_a_topics_slug_or_name_in_any_case(project: Project) -> None:
    result, errors = project.check_claim(with_tags(
        "[CSTO, csto, Peace-Talks, 'september   offensive', Prisoners of War]"))
    assert errors == [], errors
    assert result.code == 0, result.out


def test_an_unknown_tag_is_an_error_at_the_tag_naming_the_nearest_topics(project: Project
                                                                          ) -> None:
    text = replace_line(VALID_CLAIM, "tags:", "tags:\n  - peacekeepers\n  - peace talk\n"
                        "  - Lachin corridor")
    result, errors = project.check_claim(text)
    assert result.code == 1
    line = line_of(text, "  - peace talk")
    assert [(e.line, e.col) for e in errors] == [(line, 5), (line + 1, 5)]
    near, unknown = (e.message for e in errors)
    assert near.startswith("tag `peace talk` is not a registered topic; did you mean "
                           "`peace-talks` (Peace talks)")
    # Every message says how to add the topic, with an entry ready to paste.
    assert ("add it under `topics:` of the `factcheck` plugin in mkdocs.yml "
            "(`- {slug: lachin-corridor, name: \"Lachin corridor\"}`)") in unknown
    assert "did you mean" not in unknown


def test_a_tag_yaml_reads_as_a_number_is_matched_as_written(project: Project) -> None:
    text = set_topics(project.root, "        - {slug: '2020', name: 2020 war}\n")
    assert "name: 2020 war" in text
    _, errors = project.check_claim(with_tags("[2020, 2020 War]"))
    assert errors == []
    _, errors = project.check_claim(with_tags("[2021]"))
    assert [e.message.split(";")[0] for e in errors] == [
        "tag `2021` is not a registered topic"]
    assert "did you mean `2020` (2020 war)?" in errors[0].message


def test_a_single_unknown_tag_is_reported_at_its_value(project: Project) -> None:
    text = with_tags("csot")
    _, errors = project.check_claim(text)
    assert len(errors) == 1
    assert (errors[0].line, errors[0].col) == (line_of(text, "tags:"), 7)
    assert "did you mean `csto` (CSTO)?" in errors[0].message


def test_without_a_registry_every_tag_is_an_error_saying_how_to_register(project: Project
                                                                         ) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index(TOPICS_LINE)
    config.write_text(text[:start] + text[text.index("\nnav:") + 1:], encoding="utf-8")
    assert "topics:" not in config.read_text(encoding="utf-8")
    result, errors = project.check_claim(with_tags("[peacekeepers]"))
    assert result.code == 1
    assert [e.message for e in errors] == [
        "tag `peacekeepers` is not a registered topic, and mkdocs.yml registers none: add it "
        "under `topics:` of the `factcheck` plugin in mkdocs.yml "
        "(`- {slug: peacekeepers, name: \"peacekeepers\"}`), or remove the tag"]
    # A claim without tags needs no registry.
    clean, errors = project.check_claim(with_tags("[]"))
    assert errors == [] and clean.code == 0


@pytest.mark.parametrize(("entries", "bad_line", "col", "message"), [
    ("        - {slug: Lachin Corridor, name: Lachin corridor}\n",
     "        - {slug: Lachin", 18,
     "`slug` is `Lachin Corridor`: expected an id of lowercase letters, digits and hyphens"),
    ("        - {slug: lachin-corridor}\n", "        - {slug: lachin-corridor}", 11,
     "required key `name` is missing in item 1 of `topics`"),
    ("        - {slug: csto, name: CSTO}\n        - {slug: csto-alliance, name: Csto}\n",
     "        - {slug: csto-alliance", 11,
     "topic `csto-alliance` (Csto) cannot be told apart from topic `csto` (CSTO), item 1 of "
     "`topics`: a tag matches a topic's slug or name whatever its case, spaces and hyphens; "
     "merge the two or rename one"),
    ("        - {slug: peace-talks, name: Peace talks}\n"
     "        - {slug: talks, name: Peace  Talks}\n",
     "        - {slug: talks", 11, "cannot be told apart from topic `peace-talks`"),
    ("        - {slug: csto, name: CSTO, colour: red}\n", "        - {slug: csto", 36,
     "unknown key `colour` in item 1 of `topics`"),
])
def test_a_broken_registry_is_reported_at_its_line_in_the_settings(
        project: Project, entries: str, bad_line: str, col: int, message: str) -> None:
    text = set_topics(project.root, entries)
    result = project.check()
    assert result.code == 1
    found = [d for d in result.errors if d.path == "mkdocs.yml"]
    assert len(found) == 1, result.out
    assert (found[0].line, found[0].col) == (line_of(text, bad_line), col), found[0]
    assert message in found[0].message


def test_the_registry_must_be_a_list(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text[:text.index(TOPICS_LINE)] + "      topics: csto\n" + text[text.index("\nnav:"):]
    config.write_text(text, encoding="utf-8")
    result = project.check()
    assert result.code == 1
    assert (f"mkdocs.yml:{line_of(text, '      topics: csto')}:15: error: `topics` must be "
            "a list of items") in result.out


@pytest.mark.site
def test_spellings_of_one_topic_make_one_page_with_its_name(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    claims = root / "content" / "claims"
    spelled = {"moscow-taking-sides-with-azerbaijan": "[CSTO, Peacekeepers, September-Offensive]",
               "pashinyan-repeatedly-announced-leaving-csto": "['  csto  ']",
               "peacekeepers-failed-to-stop-2023-offensive":
                   "[peacekeepers, 'September   offensive', peacekeepers]"}
    for slug, tags in spelled.items():
        path = claims / f"{slug}.md"
        path.write_text(replace_line(path.read_text(encoding="utf-8"), "tags:",
                                     f"tags: {tags}"), encoding="utf-8")
    site = build(root, tmp_path / "site")

    registered = {"border-clashes", "border-demarcation", "csto", "mediation", "peace-talks",
                  "peacekeepers", "prisoners-of-war", "september-offensive",
                  "transport-links", "trilateral-agreements"}
    assert {p.name for p in (site / "topics").iterdir() if p.is_dir()} == registered

    csto = soup(site / "topics" / "csto" / "index.html")
    assert csto.title.get_text() == "CSTO - South Caucasus Fact Check"
    assert article(csto).h1.get_text() == "CSTO"
    listed = {a["href"].split("/")[-2] for a in article(csto).select(".fc-item-head a")}
    assert listed == {"moscow-taking-sides-with-azerbaijan",
                      "pashinyan-repeatedly-announced-leaving-csto"}
    assert "military alliance led by Russia" in article(csto).select_one(".fc-intro").get_text()

    index = article(soup(site / "topics" / "index.html"))
    labels = [a.get_text() for a in index.select(".fc-groups a")]
    assert "CSTO" in labels and "September 2023 offensive" in labels
    assert labels == sorted(labels, key=str.casefold)
    assert not any(label != label.strip() or "  " in label for label in labels)

    page = article(soup(site / "claims" / "peacekeepers-failed-to-stop-2023-offensive"
                        / "index.html"))
    links = page.select("a[data-pagefind-filter=topic]")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Peacekeepers", "../../topics/peacekeepers/"),
        ("September 2023 offensive", "../../topics/september-offensive/")]

    data = {c["slug"]: c for c in json.loads(
        (site / "claims.json").read_text(encoding="utf-8"))["claims"]}
    entry = data["moscow-taking-sides-with-azerbaijan"]
    assert entry["tags"] == ["csto", "peacekeepers", "september-offensive"]
    assert entry["topics"][0] == {"slug": "csto", "name": "CSTO"}
    assert data["pashinyan-repeatedly-announced-leaving-csto"]["tags"] == ["csto"]


def test_an_unknown_tag_in_cyrillic_gets_a_romanized_slug(project: Project) -> None:
    result, errors = project.check_claim(with_tags("[Лачинский коридор]"))
    assert result.code == 1
    assert ("(`- {slug: lachinskiy-koridor, name: \"Лачинский коридор\"}`)"
            in errors[0].message), errors
