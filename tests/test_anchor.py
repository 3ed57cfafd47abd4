"""Quote anchoring: exact, normalised, with omissions, disambiguated, or refused with a reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checkutil import SOURCES
from generator.anchoring.anchor import Failure, Match, SourceIndex, describe_difference
from generator.content.load import load_source
from generator.content.settings import Settings
from generator.model import Passage, Source

P1 = "The Russian side emphasized the “urgent need” for talks on the Armenian-Azerbaijani border."
P2 = "Moscow said the talks were urgent. The talks were\nurgent, Baku said."
P3 = "Lavrov said the Kremlin was ready to assist in the normalisation of relations."


@pytest.fixture
def demo() -> SourceIndex:
    return SourceIndex("demo", [Passage("p1", 1, P1, 10), Passage("p2", 2, P2, 12),
                                Passage("p3", 3, P3, 15)])


def seed(source_id: str) -> Source:
    source, diags = load_source(SOURCES / f"{source_id}.md", Settings(SOURCES.parent))
    assert source is not None and not diags
    return source


def index(source_id: str) -> SourceIndex:
    source = seed(source_id)
    return SourceIndex(source.id, source.passages)


def matched(index: SourceIndex, quote: str, **kw: str) -> Match:
    result = index.anchor(quote, **kw)
    assert isinstance(result, Match), result
    return result


def failed(index: SourceIndex, quote: str, **kw: str) -> str:
    result = index.anchor(quote, **kw)
    assert isinstance(result, Failure), result
    return result.message


def text_of(index: SourceIndex, match: Match) -> list[str]:
    return [index.passages[index.ids[s.passage]].text[s.start:s.end] for s in match.spans]


# -- found -------------------------------------------------------------------------------

def test_an_exact_quote_anchors_to_its_span_and_is_marked_exact(demo: SourceIndex) -> None:
    m = matched(demo, "the “urgent need” for talks")
    assert m.exact
    assert m.passage == "p1"
    assert text_of(demo, m) == ["the “urgent need” for talks"]
    assert (m.spans[0].start, m.spans[0].end) == (28, 55)


@pytest.mark.parametrize(
    "quote",
    [
        'the "urgent need" for talks',          # straight quotes for curly
        "THE “URGENT NEED” FOR TALKS",          # case
        "the  “urgent\n need”\tfor talks",      # spacing and line breaks
        "the «urgent need» for talks",          # another quote style
    ],
)
def test_a_typographic_variant_anchors_to_the_same_span_as_normalised(
    demo: SourceIndex, quote: str
) -> None:
    m = matched(demo, quote)
    assert not m.exact
    assert text_of(demo, m) == ["the “urgent need” for talks"]


def test_white_space_around_a_quote_does_not_make_it_inexact(demo: SourceIndex) -> None:
    m = matched(demo, "  the “urgent need” for talks \n")
    assert m.exact
    assert text_of(demo, m) == ["the “urgent need” for talks"]


@pytest.mark.parametrize("dash", ["-", "‐", "–", "—", "−"])
def test_dash_variants_anchor(demo: SourceIndex, dash: str) -> None:
    m = matched(demo, f"on the Armenian{dash}Azerbaijani border")
    assert text_of(demo, m) == ["on the Armenian-Azerbaijani border"]
    assert m.exact is (dash == "-")


def test_a_quote_across_a_line_break_of_the_source_maps_back_to_the_original(
    demo: SourceIndex,
) -> None:
    m = matched(demo, "talks were urgent, Baku said")
    assert text_of(demo, m) == ["talks were\nurgent, Baku said"]


@pytest.mark.parametrize("mark", ["...", "…", "[…]", "[...]", " ... ", "…"])
def test_omissions_split_the_quote_into_pieces_found_in_order(
    demo: SourceIndex, mark: str
) -> None:
    m = matched(demo, f"Lavrov said{mark}ready to assist")
    assert text_of(demo, m) == ["Lavrov said", "ready to assist"]
    assert {s.passage for s in m.spans} == {"p3"}


def test_pieces_may_follow_each_other_across_passages(demo: SourceIndex) -> None:
    m = matched(demo, "for talks on the Armenian-Azerbaijani border … Moscow said")
    assert [s.passage for s in m.spans] == ["p1", "p2"]
    assert m.passage == "p1"


def test_pieces_out_of_order_are_refused_naming_the_piece(demo: SourceIndex) -> None:
    message = failed(demo, "ready to assist … Lavrov said")
    assert "piece 2 of 2" in message
    assert "does not follow" in message
    assert "`demo`" in message


def test_a_first_piece_that_is_missing_is_named(demo: SourceIndex) -> None:
    message = failed(demo, "Lavrov insisted … ready to assist")
    assert message.startswith("piece 1 of 2 of the quote")
    assert "is not in source `demo`" in message


def test_a_quote_of_only_ellipses_is_refused(demo: SourceIndex) -> None:
    assert "no words" in failed(demo, " … [...] ")


def test_a_real_quote_with_curly_apostrophes_typed_straight() -> None:
    idx = index("russia-urges-talks")
    quote = "Russian peacekeepers' failure to prevent or stop Azerbaijan's September 19–20 military"
    m = matched(idx, quote)
    assert text_of(idx, m) == [
        "Russian peacekeepers’ failure to prevent or stop Azerbaijan’s September 19-20 military"
    ]
    assert m.passage == "p6"


def test_a_real_quote_with_an_omission() -> None:
    idx = index("lavrov-mirzoyan-talks")
    m = matched(idx, "Armenian authorities accuse Moscow's peacekeepers … of failing to stop "
                     "the Azerbaijani onslaught")
    assert [s.passage for s in m.spans] == ["p13", "p13"]
    assert text_of(idx, m) == ["Armenian authorities accuse Moscow’s peacekeepers",
                               "of failing to stop the Azerbaijani onslaught"]


# -- ambiguous ---------------------------------------------------------------------------

def test_a_quote_found_twice_is_an_error_that_says_how_to_choose(demo: SourceIndex) -> None:
    message = failed(demo, "the talks were urgent")
    assert "occurs 2 times in source `demo`" in message
    assert "(passages p2)" in message
    assert "`passage: <id>`" in message
    assert "`prefix:`" in message and "`suffix:`" in message


def test_an_ambiguous_real_quote_lists_every_passage_holding_it() -> None:
    idx = index("lavrov-mirzoyan-talks")
    quote = "Lavrov said the Kremlin was ready to assist in the normalisation"
    message = failed(idx, quote)
    assert "occurs 2 times in source `lavrov-mirzoyan-talks` (passages p1, p3)" in message


@pytest.mark.parametrize(
    ("kw", "passage", "start"),
    [
        ({"passage": "p3"}, "p3", 26),
        ({"passage": "p1"}, "p1", 54),
        ({"prefix": "At the meeting in Moscow,"}, "p3", 26),
        ({"prefix": "at the  MEETING in moscow,"}, "p3", 26),
        ({"suffix": ", while Armenia’s"}, "p3", 26),
        ({"suffix": ", while Armenia's foreign minister"}, "p3", 26),
        ({"prefix": "counterpart in Moscow,", "suffix": "."}, "p1", 54),
    ],
)
def test_passage_prefix_or_suffix_chooses_one_occurrence(
    kw: dict[str, str], passage: str, start: int
) -> None:
    idx = index("lavrov-mirzoyan-talks")
    quote = "Lavrov said the Kremlin was ready to assist in the normalisation of " \
            "Armenia-Azerbaijan relations"
    m = matched(idx, quote, **kw)
    assert m.passage == passage
    assert m.spans[0].start == start
    assert text_of(idx, m) == [quote]


def test_a_disambiguator_that_fits_no_occurrence_is_an_error_naming_it(demo: SourceIndex
                                                                       ) -> None:
    message = failed(demo, "the talks were urgent", prefix="Yerevan said")
    assert "is in source `demo` (passage p2) but not with the given `prefix`" in message
    message = failed(demo, "the talks were urgent", suffix="for ever")
    assert "not with the given `suffix`" in message
    message = failed(demo, "emphasized the", passage="p2")
    assert "(passage p1) but not with the given `passage`" in message


def test_an_unknown_passage_is_an_error_giving_the_range(demo: SourceIndex) -> None:
    message = failed(demo, "the talks were urgent", passage="p9")
    assert message == "source `demo` has no passage `p9`; its passages are p1…p3"


def test_a_passage_disambiguates_only_within_that_passage(demo: SourceIndex) -> None:
    # Both occurrences are in p2, so `passage: p2` does not choose between them.
    message = failed(demo, "the talks were urgent", passage="p2")
    assert "occurs 2 times" in message
    m = matched(demo, "the talks were urgent", passage="p2", suffix=", Baku")
    assert text_of(demo, m) == ["The talks were\nurgent"]


# -- not found ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "quote",
    [
        "Lavrov said the Kremlin was willing to assist",       # a word changed
        "Lavrov said the Kremlin was ready to assist in normalisation",  # a word left out
        "Lavrov said that the Kremlin was ready",              # a word added
        "Lavrov said, the Kremlin was ready",                  # punctuation added
        "Lavrov said the Kremlin was ready to asist",          # a typo
        "Lavrov sad the Kremlin",                              # one letter
        "the urgent need for talks",                           # the quotation marks dropped
        "Lavrov said the Kremlin … ready to assist … urgent need",  # pieces out of order
    ],
)
def test_a_near_match_is_never_accepted(demo: SourceIndex, quote: str) -> None:
    failed(demo, quote)


def test_not_found_names_the_closest_passage_and_the_word_that_differs(demo: SourceIndex
                                                                      ) -> None:
    message = failed(demo, "Lavrov said the Kremlin was willing to assist")
    assert message.startswith("the quote is not in source `demo`. Closest passage is p3: ")
    assert '"Lavrov said the Kremlin was ready to assist' in message
    assert 'quote has "willing" where the source has "ready"' in message
    assert "only typography, spacing and case may differ" in message


def test_the_words_that_differ_are_shown_as_written(demo: SourceIndex) -> None:
    """Matching ignores case and typography; the message shows each side's own spelling."""
    message = failed(demo, "LAVROV said the ‘Kremlin’ was Willing to assist")
    assert 'quote has "Willing" where the source has "ready"' in message
    message = failed(demo, "the “urgent need” for talks on the Armenian–Azerbaijani Frontier")
    assert 'quote has "Frontier" where the source has "border."' in message
    # Pieces between ellipses are shown as written too, the failing one named.
    message = failed(demo, "Lavrov said … the Kremlin was Eager to assist")
    assert 'quote has "Eager" where the source has "ready"' in message
    assert describe_difference("The Talks", "the TALKS were") == (
        'Differences: quote leaves out "were" (mark omissions with …).')
    assert describe_difference("Moscow’s Role", "Moscow's part") == (
        'Differences: quote has "Role" where the source has "part".')


def test_not_found_names_a_word_left_out_and_suggests_an_ellipsis(demo: SourceIndex) -> None:
    message = failed(demo, "Lavrov said the Kremlin was ready to assist in normalisation")
    assert "Closest passage is p3" in message
    assert 'quote leaves out "the" (mark omissions with …)' in message


def test_not_found_names_a_word_added(demo: SourceIndex) -> None:
    message = failed(demo, "Lavrov said that the Kremlin was ready")
    assert 'quote adds "that"' in message


def test_not_found_in_a_real_source_shows_the_real_passage() -> None:
    message = failed(index("lavrov-mirzoyan-talks"), "an accusation that the Kremlin has rejected")
    assert "Closest passage is p13" in message
    assert '"an accusation that the Kremlin has denied' in message
    assert 'quote has "rejected" where the source has "denied."' in message


@pytest.mark.parametrize(
    ("quote", "word", "original"),
    [
        ("Lavrov said the Kremlin was ready to help in the normalisation", "help", "assist"),
        ("Kremlin was ready to help in the normalisation", "help", "assist"),
        ("In 2020, after three decades of failed diplomatic talks, Azerbaijan launched",
         "talks,", "efforts,"),
        ("between Armenia and Azerbaijan, and before Armenian Prime Minister",
         "before", "after"),
    ],
)
def test_not_found_lists_only_the_words_that_really_differ(quote: str, word: str,
                                                            original: str) -> None:
    """The excerpt shown must start and end on word boundaries: a cut word is not a change."""
    message = failed(index("lavrov-mirzoyan-talks"), quote)
    assert f'quote has "{word}" where the source has "{original}"' in message
    differences = re.findall(r"quote has|quote adds|quote leaves out", message)
    assert differences == ["quote has"], message


def test_a_source_without_text_says_so() -> None:
    message = failed(SourceIndex("blank", []), "anything")
    assert message == "the quote is not in source `blank`, which has no text"


def test_a_quote_may_stop_before_its_sentences_punctuation() -> None:
    """Only the real difference is named: not the full stop the quote left off."""
    assert describe_difference("strained the relations", "strained our relations.") == (
        'Differences: quote has "the" where the source has "our".')
    assert describe_difference("peace talks", "“peace talks") == (
        "The words match but not in one run of the source text.")


def test_describe_difference_reports_each_kind_of_change() -> None:
    assert describe_difference("a b c", "a x c") == (
        'Differences: quote has "b" where the source has "x".'
    )
    assert describe_difference("a b c", "a c") == 'Differences: quote adds "b".'
    assert describe_difference("a c", "a b c") == (
        'Differences: quote leaves out "b" (mark omissions with …).'
    )
    assert describe_difference("a b", "a b") == (
        "The words match but not in one run of the source text."
    )
    many = describe_difference("a b c d e f g h", "a x c y e z g w")
    assert many.endswith("(and 1 more differences).")


WITH_HEADINGS = """\
---
title: A captured article with subheadings
---
The first paragraph.

## A subheading

- an item of a list

> A block quote.

The last paragraph.
"""


def test_every_passage_starts_on_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "headed.md").write_text(WITH_HEADINGS, encoding="utf-8")
    paths = [*sorted(SOURCES.glob("*.md")), tmp_path / "sources" / "headed.md"]
    kinds = set()
    for path in paths:
        source, diags = load_source(path, Settings(path.parent.parent))
        assert source is not None and not diags, diags
        assert source.passages, path
        assert [p.id for p in source.passages] == [
            f"p{i}" for i in range(1, len(source.passages) + 1)
        ]
        lines = Path(path).read_text(encoding="utf-8").split("\n")
        for p in source.passages:
            # A passage's line is where its text starts in the file, after any Markdown
            # marker (`## `, `- `, `> `).
            line = lines[p.line - 1]
            first = p.text.split("\n")[0][:40]
            assert first in line and line.index(first) <= 3, (path, p.id, line)
            kinds.add(p.kind)
    assert len(kinds) > 1, kinds
