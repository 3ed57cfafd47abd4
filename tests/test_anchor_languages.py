"""Quotes anchored under their source's language: a held-out set of Russian, Armenian and
Azerbaijani quotes that must anchor, and a misquote in each that must be refused with the
words as the source writes them.

The three sources in tests/fixtures/languages/ are fixtures written for these tests, not
real articles (each says so). Each case is checked twice: by the matcher, and through
`factcheck check` on a project that holds the fixtures. The methodology's table of what
is typography in each language is printed from the same declaration.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from checkutil import TESTS, VALID_CLAIM, Project, run_cli
from generator import i18n
from generator.anchoring import typography
from generator.anchoring.anchor import Failure, Match, SourceIndex
from generator.anchoring.normalize import folding_for, normalise_text
from generator.content.load import load_source
from generator.content.settings import Settings
from generator.model import Source
from siteutil import soup

FIXTURES = TESTS / "fixtures" / "languages" / "sources"


def load(sid: str) -> Source:
    source, diags = load_source(FIXTURES / f"{sid}.md", Settings(FIXTURES.parent))
    assert source is not None, diags
    return source


def index(sid: str, language: str | None = None) -> SourceIndex:
    """The fixture's index, under its own language or, given, another one."""
    source = load(sid)
    if language is not None:
        source = dataclasses.replace(source, language=language)
    return SourceIndex.of(source)


def anchored(sid: str, quote: str, language: str | None = None) -> str:
    """The source's own words a quote anchors to."""
    ix = index(sid, language)
    match = ix.anchor(quote)
    assert isinstance(match, Match), match
    (span,) = match.spans
    return ix.passages[ix.ids[span.passage]].text[span.start:span.end]


def refused(sid: str, quote: str, language: str | None = None) -> str:
    match = index(sid, language).anchor(quote)
    assert isinstance(match, Failure), match
    return match.message


QUOTATION_MARKS_ONLY = '"Ինչո՞ւ են բանակցությունները դադարեցվել"'

# (source, quote as a desk might type it, the source's words it must anchor to)
ANCHOR = [
    # ё written as е, and «» typed as straight quotes.
    ("ru-fixture", "Мы пойдем путем переговоров",
     "Мы пойдём путём переговоров"),
    ("ru-fixture", '"Мы пойдём путём переговоров и не отступим от достигнутых договоренностей"',
     "«Мы пойдём путём переговоров и не отступим от достигнутых договорённостей»"),
    # „“ quoted as «», and a capital Ё as a small е.
    ("ru-fixture", "«все решится еще до осени»", "„всё решится ещё до осени“"),
    ("ru-fixture", "переговоры продолжатся в елкино", "ПЕРЕГОВОРЫ ПРОДОЛЖАТСЯ В ЁЛКИНО"),
    # Turkic capitals: İ is the capital of i, I of ı.
    ("az-fixture", "sərhədlərin müəyyənləşdirilməsi davam edir",
     "SƏRHƏDLƏRİN MÜƏYYƏNLƏŞDİRİLMƏSİ DAVAM EDİR"),
    ("az-fixture", "Xəzər dənizində balıq ovu qadağandır.",
     "XƏZƏR DƏNİZİNDƏ BALIQ OVU QADAĞANDIR."),
    ("az-fixture", "İCLASDA «SÜLH SAZİŞİ» LAYİHƏSİ",
     "İclasda “sülh sazişi” layihəsi"),
    # Armenian emphasis, question and exclamation marks do not count; ։ and : are one.
    ("hy-fixture", "Ինչու են բանակցությունները դադարեցվել",
     "Ինչո՞ւ են բանակցությունները դադարեցվել"),
    ("hy-fixture", QUOTATION_MARKS_ONLY,
     "«Ինչո՞ւ են բանակցությունները դադարեցվել»"),
    ("hy-fixture", "խաղաղությունը պետք է հաստատվի հենց հիմա",
     "խաղաղությունը պե՛տք է հաստատվի հենց հիմա"),
    ("hy-fixture", "Վայ, որքան երկար ճանապարհ ենք անցել:",
     "Վա՜յ, որքան երկար ճանապարհ ենք անցել։"),
]


@pytest.mark.parametrize(("sid", "quote", "words"), ANCHOR)
def test_a_quote_anchors_under_its_sources_language(sid: str, quote: str, words: str) -> None:
    assert anchored(sid, quote) == words


@pytest.mark.parametrize(("sid", "quote", "words"), [
    case for case in ANCHOR if case[1] != QUOTATION_MARKS_ONLY])
def test_the_same_quotes_are_refused_when_the_source_is_english(sid: str, quote: str,
                                                                 words: str) -> None:
    """What the languages forgive is their own: read as English, each is a misquote."""
    refused(sid, quote, language="en")


def test_quotation_marks_of_every_style_match_in_every_language() -> None:
    assert anchored("hy-fixture", QUOTATION_MARKS_ONLY, "en") == (
        "«Ինչո՞ւ են բանակցությունները դադարեցվել»")


def test_the_language_is_read_from_its_primary_subtag() -> None:
    assert anchored("ru-fixture", "Мы пойдем путем", "ru-RU") == "Мы пойдём путём"
    assert anchored("az-fixture", "balıq ovu", "AZ-Latn-AZ") == "BALIQ OVU"
    assert anchored("az-fixture", "balıq ovu", "tr") == "BALIQ OVU"
    assert anchored("hy-fixture", "Ինչու են", "hy-AM") == "Ինչո՞ւ են"


def test_a_capital_i_without_a_dot_is_not_a_dotted_small_i_in_azerbaijani() -> None:
    message = refused("az-fixture", "dənizində baliq ovu")
    assert 'quote has "baliq" where the source has "BALIQ"' in message, message
    # Under the case mapping of other languages, wrong for Azerbaijani, it matched.
    assert anchored("az-fixture", "baliq ovu", "en") == "BALIQ OVU"


# (source, misquote: one word changed, the words as the source writes them in the message)
MISQUOTE = [
    ("ru-fixture", "Мы пойдем путем уступок и не отступим",
     ('quote has "уступок" where the source has "переговоров"',
      "Closest passage is p2: ", "«Мы пойдём путём переговоров и не отступим")),
    ("hy-fixture", "Ինչու են բանակցությունները շարունակվել",
     ('quote has "շարունակվել" where the source has "դադարեցվել»։"',
      "Closest passage is p2: ", "«Ինչո՞ւ են բանակցությունները դադարեցվել»։")),
    ("az-fixture", "sərhədlərin müəyyənləşdirilməsi başa çatıb",
     ('quote has "başa çatıb" where the source has "DAVAM EDİR."',
      "Closest passage is p2: ", "SƏRHƏDLƏRİN MÜƏYYƏNLƏŞDİRİLMƏSİ DAVAM EDİR.")),
]


@pytest.mark.parametrize(("sid", "quote", "shown"), MISQUOTE)
def test_a_misquote_is_refused_showing_the_words_as_written(sid: str, quote: str,
                                                            shown: tuple[str, ...]) -> None:
    message = refused(sid, quote)
    for words in shown:
        assert words in message, message


# -- through `factcheck check` ---------------------------------------------------------------

def languages_project(root: Path) -> Project:
    """The seed project with the three fixtures among its sources, pinned."""
    project = Project(root)
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, project.root / "sources" / path.name)
    pinned = run_cli(["pin", "--all", "--root", str(project.root)])
    assert pinned.code == 0, pinned.out + pinned.err
    return project


def claim_quoting(items: list[tuple[str, str]]) -> str:
    """The valid claim, its evidence replaced by these (source, quote) items, each with a
    translation."""
    head, _, tail = VALID_CLAIM.partition("evidence:\n")
    tail = tail[tail.index("---\n"):]
    evidence = "".join(
        f"  - source: {sid}\n    quote: '{quote}'\n    stance: supports\n"
        # The sources are not in the site's language: each quote needs the desk's
        # translation (a stand-in: this test is of matching).
        "    translation: The desk's translation, a stand-in for the test.\n"
        "    account: Azatutyun.am\n" for sid, quote in items)
    return f"{head}evidence:\n{evidence}{tail}"


def quote_line(text: str, quote: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if quote in line)


def test_the_check_anchors_the_held_out_quotes_and_refuses_each_misquote(
        tmp_path: Path) -> None:
    project = languages_project(tmp_path)
    misquotes = [(sid, quote) for sid, quote, _ in MISQUOTE]
    text = claim_quoting([(sid, quote) for sid, quote, _ in ANCHOR] + misquotes)
    path = project.claim(text)
    result = project.check()
    # Every error about a quote, by line: the misquotes' and no other.
    quote_errors = {d.line: d.message for d in result.errors_for(path)
                    if "source `" in d.message}
    assert sorted(quote_errors) == sorted(quote_line(text, q) for _, q in misquotes), (
        result.out)
    for sid, quote, shown in MISQUOTE:
        message = quote_errors[quote_line(text, quote)]
        assert f"the quote is not in source `{sid}`" in message
        for words in shown:
            assert words in message, message


def test_the_check_compares_a_source_without_a_language_as_english(tmp_path: Path) -> None:
    project = languages_project(tmp_path)
    path = project.root / "sources" / "ru-fixture.md"
    path.write_text(path.read_text(encoding="utf-8").replace("language: ru\n", ""),
                    encoding="utf-8")
    assert run_cli(["pin", "ru-fixture", "--root", str(project.root)]).code == 0
    text = claim_quoting([("ru-fixture", "Мы пойдем путем переговоров")])
    path_shown = project.claim(text)
    errors = project.check().errors_for(path_shown)
    assert [d.line for d in errors] == [quote_line(text, "Мы пойдем")], errors
    assert 'quote has "пойдем путем" where the source has "пойдём путём"' in errors[0].message


# -- the methodology's table ----------------------------------------------------------------

def test_the_table_is_the_declaration_the_matcher_folds_by() -> None:
    groups = typography.table()
    assert [g.languages for g in groups] == [
        "Every language", "Russian (ru), Ukrainian (uk), Belarusian (be)",
        "Azerbaijani (az), Turkish (tr), Crimean Tatar (crh), Gagauz (gag)", "Armenian (hy)"]
    for group, convention in zip(groups, typography.CONVENTIONS, strict=True):
        for row, rule in zip(group.rows, convention.rules, strict=False):
            assert row.what == rule.what
            for shown, chars in zip(row.shown, rule.groups, strict=True):
                folding = folding_for(convention.languages[0] if convention.languages
                                      else None)
                # Every character of a group is read as the group's first, or not at all.
                read = {normalise_text(f"a{ch}b", folding) for ch in chars}
                assert len(read) == 1, (chars, read)
                assert len(shown) == len(chars)


def test_the_languages_are_named_in_the_sites_language() -> None:
    i18n.activate("ru")
    try:
        names = [g.languages for g in typography.table()]
    finally:
        i18n.activate("en")
    assert names[1] == "Русский (ru), Украинский (uk), Белорусский (be)"
    assert names[3] == "Армянский (hy)"


def test_the_methodology_prints_the_table_where_the_matching_rules_are(site: Path) -> None:
    page = soup(site / "methodology" / "index.html")
    table = page.select_one("table.fc-typography")
    assert table is not None
    heading = table.find_previous("h2")
    assert heading is not None and heading.get_text(strip=True).startswith(
        "How a claim is checked")
    bodies = table.select("tbody")
    assert [b.select_one("th").get_text(strip=True) for b in bodies] == [
        g.languages for g in typography.table()]
    text = table.get_text(" ")
    for convention in typography.CONVENTIONS:
        for rule in convention.rules:
            assert rule.what in text
    for what in typography.ALWAYS:
        assert what in text
    # The letters of a language carry its `lang`, so a screen reader reads them in it.
    marked = {code.get_text(): code.get("lang") for code in table.select("code.fc-chars")}
    assert marked["е ё"] == marked["Е Ё"] == "ru"
    assert marked["i İ"] == "az"
    assert marked["՛ ՜ ՞"] == marked[": ։"] == "hy"
    assert marked["U+00AD U+200B U+200C U+200D U+2060 U+FEFF"] is None
