"""Quotes in their own language and the desk's translation beside them; every element with
its language (issue 21): the check's rules for `translation`, `claim_original` and
`claim_language`, the pages' `lang`, ClaimReview's and claims.json's languages, and a census
of every run of Cyrillic, Armenian and Georgian letters on the seed and multilingual sites.

The multilingual project is tests/fixtures/multilingual/: three short sources written for
the tests in Russian, Armenian and Azerbaijani (each says it is a fixture).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from langcensus import Run, runs
from test_markup import vnu_problems

from checkutil import Diag, Result, run_cli
from generator.content.fields import CLAIM_FIELDS, EVIDENCE_FIELDS
from generator.i18n import language_name
from generator.site.scripts import by_script, name, name_lang, titled
from siteutil import MULTILINGUAL, article, copy_project, soup

RU_CLAIM = "content/claims/russia-ready-to-assist-demarcation.md"
HY_CLAIM = "content/claims/armenia-peace-talks-continue.md"
AZ_CLAIM = "content/claims/azerbaijan-delimitation-talks-continue.md"


@pytest.fixture
def ml(tmp_path: Path) -> Path:
    """A fresh copy of the multilingual project."""
    return copy_project(tmp_path / "project", origin=MULTILINGUAL)


def check(root: Path) -> Result:
    return run_cli(["check", "--root", str(root)])


def edit(root: Path, relpath: str, old: str, new: str) -> int:
    """Replace `old` (once) in a file of the project; the 1-based line where it was."""
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def line_col(root: Path, relpath: str, needle: str) -> tuple[int, int]:
    lines = (root / relpath).read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines, 1):
        if needle in line:
            return i, line.index(needle) + 1
    raise AssertionError(needle)


def only(result: Result) -> Diag:
    assert len(result.diags) == 1, result.out
    return result.diags[0]


# -- the check ---------------------------------------------------------------------------

def test_the_multilingual_fixture_checks_clean(ml: Path) -> None:
    result = check(ml)
    assert (result.code, result.out) == (0, ""), result.out


def test_the_new_keys_are_declared_once_for_the_check_and_the_schema() -> None:
    assert {"claim_original", "claim_language"} <= {f.name for f in CLAIM_FIELDS}
    translation = next(f for f in EVIDENCE_FIELDS if f.name == "translation")
    assert not translation.required and "translation" in translation.description


def test_a_quote_from_a_source_in_another_language_needs_the_desks_translation(
        ml: Path) -> None:
    edit(ml, HY_CLAIM, "    translation: talks on the peace treaty are continuing\n", "")
    d = only(check(ml))
    assert (d.path, d.severity) == (HY_CLAIM, "error")
    # At the item's quote: the words that need translating.
    assert (d.line, d.col) == line_col(ml, HY_CLAIM, "quote: \"խաղաղության")
    assert d.message == (
        "source `hy-fixture-statement` is in Armenian (hy) and the site is in English (en): "
        "add `translation:` with the desk's English translation of the quote, shown to "
        "readers beneath the original")


def test_the_site_language_decides_what_needs_translating(ml: Path) -> None:
    """On a Russian site the Russian source's quotes need none: each translation is a
    warning; the Armenian and Azerbaijani quotes still need theirs."""
    edit(ml, "mkdocs.yml", "  language: en\n", "  language: ru\n")
    edit(ml, AZ_CLAIM, "    translation: talks on the delimitation of the borders are "
                       "continuing\n", "")
    result = check(ml)
    errors = [(d.path, d.message.split(":")[0]) for d in result.errors]
    assert errors == [(AZ_CLAIM, "source `az-fixture-statement` is in Azerbaijani (az) and "
                                 "the site is in Russian (ru)")]
    warnings = [d for d in result.diags if d.severity == "warning" and d.path == RU_CLAIM]
    needless = [d for d in warnings if d.message == (
        "source `ru-fixture-briefing` is in Russian (ru), the site's language (ru): the "
        "quote needs no translation; remove `translation:`")]
    # At each translation's value.
    lines = (ml / RU_CLAIM).read_text(encoding="utf-8").splitlines()
    assert len(needless) == 2
    assert all("translation: " in lines[d.line - 1][:d.col] for d in needless)
    assert any(d.message.startswith("`claim_language` is `ru`, the site's own language")
               for d in warnings)


ENGLISH_SOURCE = """\
---
title: A test fixture in British English
language: {language}
notes: A test fixture, not a real article; written for the tests.
---
Talks on the peace treaty are continuing, the ministry said.
"""


@pytest.mark.parametrize("language", ["en", "en-GB", "EN-gb"])
def test_one_language_by_its_primary_subtag_needs_no_translation(ml: Path,
                                                                  language: str) -> None:
    (ml / "sources" / "english-fixture.md").write_text(
        ENGLISH_SOURCE.format(language=language), encoding="utf-8")
    run_cli(["pin", "english-fixture", "--root", str(ml)])
    edit(ml, HY_CLAIM, "evidence:\n", "evidence:\n  - source: english-fixture\n"
                                       "    quote: Talks on the peace treaty are continuing\n"
                                       "    stance: supports\n"
                                       "    account: Armenian Foreign Ministry\n")
    assert check(ml).out == ""
    edit(ml, HY_CLAIM, "    quote: Talks on the peace treaty are continuing\n",
         "    quote: Talks on the peace treaty are continuing\n"
         "    translation: Talks on the peace treaty are continuing\n")
    d = only(check(ml))
    assert d.severity == "warning"
    line = (ml / HY_CLAIM).read_text(encoding="utf-8").splitlines()[d.line - 1]
    assert line[d.col - 1:].startswith("Talks on the peace") and "translation:" in line
    assert d.message == (f"source `english-fixture` is in English ({language}), the site's "
                         "language (en): the quote needs no translation; remove "
                         "`translation:`")


def test_a_source_whose_language_is_not_recorded_is_not_judged(ml: Path) -> None:
    edit(ml, "sources/az-fixture-statement.md", "language: az\n", "")
    edit(ml, AZ_CLAIM, "    translation: talks on the delimitation of the borders are "
                       "continuing\n", "")
    assert check(ml).out == ""


def test_claim_original_without_claim_language_is_an_error(ml: Path) -> None:
    line = edit(ml, RU_CLAIM, "claim_language: ru\n", "")
    d = only(check(ml))
    assert (d.severity, d.line, d.col) == ("error", line - 3, 1)
    assert d.message.startswith("`claim_original` is set but `claim_language` is not: add "
                                "`claim_language:` with the BCP 47 tag")


def test_claim_language_without_claim_original_is_an_error(ml: Path) -> None:
    edit(ml, RU_CLAIM, "claim_original: >-\n  Россия готова содействовать делимитации и "
                       "демаркации границы между Арменией и\n  Азербайджаном.\n", "")
    d = only(check(ml))
    assert (d.severity, d.col) == ("error", 1)
    assert (d.line, d.col) == line_col(ml, RU_CLAIM, "claim_language:")
    assert d.message.startswith("`claim_language` is set but `claim_original` is not")


@pytest.mark.parametrize("tag", ["Russian", "ru_RU!", "r"])
def test_claim_language_is_a_well_formed_tag(ml: Path, tag: str) -> None:
    edit(ml, RU_CLAIM, "claim_language: ru\n", f"claim_language: {tag}\n")
    errors = check(ml).errors
    assert [e.message for e in errors] == [
        f"`claim_language` is `{tag}`: expected a BCP 47 language tag such as `en`, `ru` or "
        "`hy`"]
    line, col = line_col(ml, RU_CLAIM, "claim_language: ")
    assert (errors[0].line, errors[0].col) == (line, col + len("claim_language: "))


# -- the language of a name, by its script ----------------------------------------------

def test_names_are_marked_by_script_and_a_lang_is_never_repeated() -> None:
    assert by_script("Никол Пашинян") == "ru"
    assert by_script("Նիկոլ Փաշինյան") == "hy"
    assert by_script("საქართველოს საგარეო საქმეთა სამინისტრო") == "ka"
    assert by_script("Azərbaycan XİN") is None and by_script("Pashinyan") is None
    assert str(name("Никол Пашинян", "en")) == '<span lang="ru">Никол Пашинян</span>'
    assert str(name("Նիկոլ", "en-GB")) == '<span lang="hy">Նիկոլ</span>'
    # Cyrillic inside a language written in Cyrillic, or a name inside its own language:
    # nothing to add.
    assert name_lang("Никол Пашинян", "uk") is None
    assert name_lang("Никол Пашинян", "ru-RU") is None
    assert name_lang("Նիկոլ", "hy") is None
    assert name_lang("Nikol Pashinyan", "ru") is None
    assert str(name("<b>Никол</b>", "en")) == '<span lang="ru">&lt;b&gt;Никол&lt;/b&gt;</span>'
    assert str(titled("A headline", "en-GB", "en")) == "A headline"
    assert str(titled("Başlıq", "az", "en")) == '<span lang="az">Başlıq</span>'
    assert str(titled("A headline", None, "en")) == "A headline"


def test_a_language_is_named_in_the_readers_language() -> None:
    assert language_name("ru", "en") == "Russian"
    assert language_name("hy-AM", "en-GB") == "Armenian"
    assert language_name("az", "ru") == "азербайджанский"
    assert language_name("qqq", "en") is None


# -- the pages ---------------------------------------------------------------------------

def _page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url / "index.html")


def _claims(site: Path) -> dict[str, dict]:
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    return {c["slug"]: c for c in data}


def test_each_quote_shows_in_its_language_with_the_desks_translation_beneath(
        multilingual_site: Path) -> None:
    entries = _claims(multilingual_site)
    seen = set()
    for slug, entry in entries.items():
        page = article(_page(multilingual_site, f"claims/{slug}"))
        figures = page.select("figure.fc-excerpt")
        assert len(figures) == len(entry["evidence"]) == 2
        for figure in figures:
            quote = figure.select_one("blockquote")
            assert quote is not None
            item = next(e for e in entry["evidence"]
                        if " ".join(quote.get_text().split()) == " ".join(e["quote"].split()))
            assert quote["lang"] == item["language"]
            seen.add(item["language"])
            # Beneath the original, in the site's language, labelled as the desk's.
            after = quote.find_next_sibling()
            assert isinstance(after, Tag) and "fc-translation" in after["class"]
            assert after["lang"] == "en"
            label = after.select_one(".fc-translation-label")
            assert label is not None and label.get_text() == "Translation by the desk"
            text = after.select_one(".fc-translation-text")
            assert text is not None and text.get_text() == item["translation"]
            # Where it is from: the source's title, in its language.
            title = figure.select_one(".fc-cite a span[lang]")
            assert title is not None and title["lang"] == item["language"]
    assert seen == {"ru", "hy", "az"}


def test_the_claim_in_its_original_words_is_marked_with_its_language(
        multilingual_site: Path) -> None:
    page = article(_page(multilingual_site, "claims/russia-ready-to-assist-demarcation"))
    original = page.select_one("dd.fc-claim-original")
    assert original is not None and original["lang"] == "ru"
    assert original.get_text().startswith("Россия готова содействовать делимитации")
    label = original.find_previous_sibling("dt")
    assert label is not None and label.get_text() == "As made, in Russian"
    # Right after the claim as the site states it.
    assert "fc-claim-text" in original.find_previous_sibling("dd")["class"]
    other = article(_page(multilingual_site, "claims/armenia-peace-talks-continue"))
    assert other.select_one(".fc-claim-original") is None
    # The names of the claim's people in other scripts, hidden for search, marked.
    aliases = other.select_one(".fc-aliases")
    assert aliases is not None
    assert [(s.get_text(), s["lang"]) for s in aliases.select("span[lang]")] == [
        ("Հայաստանի արտաքին գործերի նախարարություն", "hy"), ("Նիկոլ Փաշինյան", "hy"),
        ("Никол Пашинян", "ru")]


def test_a_source_page_marks_its_title_and_passages_with_the_sources_language(
        multilingual_site: Path) -> None:
    for sid, lang in (("ru-fixture-briefing", "ru"), ("hy-fixture-statement", "hy"),
                      ("az-fixture-statement", "az")):
        page = _page(multilingual_site, f"sources/{sid}")
        assert page.html is not None and page.html["lang"] == "en"
        for where in ("title", "article h1", ".md-header__topic[data-md-component] span"):
            found = page.select_one(where)
            assert found is not None and found.get("lang") == lang, (sid, where)
        passages = page.select(".fc-passage-text")
        assert len(passages) == 3 and all(p["lang"] == lang for p in passages)
        # The page's own words around them (paragraph numbers, backlinks) are the site's.
        body = page.select_one(".fc-article")
        assert body is not None and not body.has_attr("lang")
        for aside in page.select(".fc-backlinks"):
            assert aside.find_parent(attrs={"lang": lang}) is None
    # A page whose title is in the site's language has no `lang` of its own on it.
    claim = _page(multilingual_site, "claims/armenia-peace-talks-continue")
    assert claim.title is not None and not claim.title.has_attr("lang")


def test_source_titles_in_listings_carry_their_language(multilingual_site: Path) -> None:
    page = article(_page(multilingual_site, "sources"))
    marked = {a.get_text(): a.select_one("span[lang]")["lang"]
              for a in page.select(".fc-groups li > a")}
    assert marked == {"XİN: sərhədlərin delimitasiyası üzrə danışıqlar davam edir": "az",
                      "Захарова: Россия готова содействовать демаркации границы": "ru",
                      "ԱԳՆ. խաղաղության պայմանագրի շուրջ բանակցությունները շարունակվում են":
                      "hy"}


def test_a_person_page_marks_each_alias_by_its_script(multilingual_site: Path) -> None:
    page = article(_page(multilingual_site, "people/georgian-foreign-ministry"))
    also = next(dt for dt in page.select("dt") if dt.get_text() == "Also written")
    dd = also.find_next_sibling("dd")
    assert dd is not None
    assert [(s.get_text(), s["lang"]) for s in dd.select("span[lang]")] == [
        ("საქართველოს საგარეო საქმეთა სამინისტრო", "ka")]
    assert "Georgian MFA" in dd.get_text()


def test_claimreview_and_claims_json_carry_the_languages(multilingual_site: Path) -> None:
    entries = _claims(multilingual_site)
    ru = entries["russia-ready-to-assist-demarcation"]
    assert (ru["claim_original"], ru["claim_language"]) == (
        "Россия готова содействовать делимитации и демаркации границы между Арменией и "
        "Азербайджаном.", "ru")
    hy = entries["armenia-peace-talks-continue"]
    assert (hy["claim_original"], hy["claim_language"]) == (None, None)
    assert [(e["language"], e["translation"]) for e in hy["evidence"]] == [
        ("hy", "talks on the peace treaty are continuing"),
        ("hy", "Prime Minister Nikol Pashinyan has also spoken in favour of the talks")]
    for slug, claim_language in (("russia-ready-to-assist-demarcation", "ru"),
                                 ("armenia-peace-talks-continue", "en")):
        page = _page(multilingual_site, f"claims/{slug}")
        script = page.select_one('script[type="application/ld+json"]')
        assert script is not None
        review = json.loads(script.get_text())
        assert review["inLanguage"] == "en"
        assert review["itemReviewed"]["inLanguage"] == claim_language
    review = json.loads(_page(multilingual_site, "claims/russia-ready-to-assist-demarcation")
                        .select_one('script[type="application/ld+json"]').get_text())
    assert review["itemReviewed"]["text"] == ru["claim_original"]
    assert review["itemReviewed"]["appearance"][0]["inLanguage"] == "ru"


def test_claimreview_of_the_seed_is_in_english(site: Path, claims: list[dict]) -> None:
    rated = [c for c in claims if c["claim_review"]]
    assert rated
    for entry in rated:
        script = _page(site, f"claims/{entry['slug']}").select_one(
            'script[type="application/ld+json"]')
        review = json.loads(script.get_text())
        assert review["inLanguage"] == review["itemReviewed"]["inLanguage"] == "en"
        assert entry["claim_original"] is None and entry["claim_language"] is None
        assert all(e["translation"] is None and e["language"] == "en"
                   for e in entry["evidence"])


def test_a_word_only_in_a_translation_is_visible_text_of_the_indexed_article(
        multilingual_site: Path) -> None:
    """The browser test searches for it with Pagefind; here: it is on one page only, in the
    translation, inside the part of the page Pagefind indexes."""
    pages = [p for p in multilingual_site.rglob("*.html")
             if "cartographic" in p.read_text(encoding="utf-8")]
    assert [p.parent.name for p in pages] == ["russia-ready-to-assist-demarcation"]
    page = article(soup(pages[0]))
    hits = [t for t in page.find_all(string=re.compile("cartographic"))]
    assert len(hits) == 1
    assert hits[0].find_parent(class_="fc-translation-text") is not None
    assert hits[0].find_parent(attrs={"data-pagefind-body": True}) is not None
    assert hits[0].find_parent(attrs={"data-pagefind-ignore": True}) is None
    assert hits[0].find_parent(attrs={"hidden": True}) is None


# -- every run of letters in its language ------------------------------------------------

def _unmarked(site: Path) -> tuple[list[Run], set[str]]:
    found = list(runs(site))
    return [r for r in found if not r.marked], {r.script for r in found}


def test_every_cyrillic_armenian_and_georgian_word_sits_in_its_language(
        site: Path, multilingual_site: Path) -> None:
    for built, scripts in ((site, {"Cyrillic", "Armenian"}),
                           (multilingual_site, {"Cyrillic", "Armenian", "Georgian"})):
        unmarked, seen = _unmarked(built)
        assert seen == scripts, "the census has something to count"
        assert unmarked == []
    titles = [r for r in runs(multilingual_site) if r.element == "title"]
    assert {r.script for r in titles} == {"Cyrillic", "Armenian"}


def test_the_census_finds_a_word_outside_its_language(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html lang="en"><head><title>Пашинян</title></head><body>'
        '<p lang="ru">Никол <span lang="en">Пашинян</span></p>'
        '<p lang="ka">Նիկոլ</p><p lang="uk">Київ</p><p lang="hy-AM">Փաշինյան</p>'
        '<script>var x = "Никол";</script><p title="Никол">x</p></body></html>',
        encoding="utf-8")
    unmarked, _ = _unmarked(tmp_path)
    assert [(r.text, r.lang, r.element) for r in unmarked] == [
        ("Пашинян", "en", "title"), ("Пашинян", "en", "span"), ("Նիկոլ", "ka", "p")]


def test_the_multilingual_pages_are_valid_html(multilingual_site: Path) -> None:
    pages = [multilingual_site / p / "index.html" for p in (
        "claims/russia-ready-to-assist-demarcation", "claims/armenia-peace-talks-continue",
        "claims/azerbaijan-delimitation-talks-continue", "sources/ru-fixture-briefing",
        "sources/hy-fixture-statement", "sources/az-fixture-statement",
        "people/georgian-foreign-ministry", "people/nikol-pashinyan", "sources", "people")]
    assert vnu_problems(multilingual_site, pages)[0] == []


def test_explain_shows_the_original_claim_and_each_translation(ml: Path) -> None:
    result = run_cli(["explain", "--root", str(ml), str(ml / RU_CLAIM)])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[3] == ("As made (ru): Россия готова содействовать делимитации и демаркации "
                        "границы между Арменией и Азербайджаном.")
    quote = next(i for i, line in enumerate(lines) if "пограничные инциденты" in line)
    assert lines[quote + 1] == ("      translation: “border incidents must be settled by "
                                "political and diplomatic means only”")
