"""Typographic normalisation: what matching forgives, and the map back to the original."""

from __future__ import annotations

import pytest

from generator.anchoring.normalize import fold_char, normalise, normalise_text, split_pieces


@pytest.mark.parametrize("ch", list("'‘’‚‛′`´ʼ"))
def test_apostrophes_and_single_quotes_fold_to_the_straight_apostrophe(ch: str) -> None:
    assert fold_char(ch) == "'"
    assert normalise_text(f"Armenia{ch}s") == "armenia's"


@pytest.mark.parametrize("ch", list('"“”„‟″«»'))
def test_double_quote_styles_fold_to_the_straight_double_quote(ch: str) -> None:
    assert fold_char(ch) == '"'
    assert normalise_text(f"{ch}anti-terror{ch}") == '"anti-terror"'


@pytest.mark.parametrize("ch", list("-‐‑‒–—―−－"))
def test_dash_variants_fold_to_the_hyphen_minus(ch: str) -> None:
    assert fold_char(ch) == "-"
    assert normalise_text(f"September 19{ch}20") == "september 19-20"


def test_runs_of_white_space_and_line_breaks_become_one_space() -> None:
    text = "Russian \t peacekeepers\n\nfailed\r\nto\u00a0\u2009stop\u3000it"
    assert normalise_text(text) == "russian peacekeepers failed to stop it"


def test_leading_and_trailing_white_space_is_dropped() -> None:
    assert normalise_text("  \n the offensive \n\t ") == "the offensive"
    assert normalise_text(" \n\t ") == ""
    assert normalise_text("") == ""


def test_case_is_folded() -> None:
    assert normalise_text("MOSCOW — Russia Does Not Seek") == "moscow - russia does not seek"


@pytest.mark.parametrize("ch", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_invisible_formatting_characters_are_dropped(ch: str) -> None:
    assert normalise_text(f"peace{ch}keepers") == "peacekeepers"


def test_other_letters_and_punctuation_are_kept_as_they_are() -> None:
    # Only typography and layout are forgiven: punctuation, digits and letters stay.
    assert normalise_text("Azerbaijan’s, (2,000) peacekeepers; 19.20!") == (
        "azerbaijan's, (2,000) peacekeepers; 19.20!"
    )
    assert normalise_text("Ереван Երևան") == "ереван երևան"
    assert normalise_text("colour") != normalise_text("color")


def test_origin_maps_every_normalised_character_back_to_the_original() -> None:
    text = "  “Armenia’s\n\n  SIDE”\u00ad—\tok "
    norm = normalise(text)
    assert norm.text == "\"armenia's side\"- ok"
    assert len(norm.origin) == len(norm.text)
    assert norm.length == len(text)
    for ch, at in zip(norm.text, norm.origin, strict=True):
        if ch == " ":
            assert text[at].isspace()
        else:
            assert fold_char(text[at]) == ch
    # The space between the two words comes from the first character of the run.
    assert norm.origin[norm.text.index(" ")] == text.index("\n")
    assert list(norm.origin) == sorted(set(norm.origin))


def test_span_maps_a_normalised_span_to_the_original_text() -> None:
    text = "The  Russian\n side   emphasized  “the  urgent  need”."
    norm = normalise(text)
    start = norm.text.index("russian side")
    o_start, o_end = norm.span(start, start + len("russian side"))
    assert text[o_start:o_end] == "Russian\n side"
    start = norm.text.index('"the urgent need"')
    o_start, o_end = norm.span(start, start + len('"the urgent need"'))
    assert text[o_start:o_end] == "“the  urgent  need”"


def test_a_span_ending_before_an_invisible_character_excludes_it() -> None:
    text = "peace\u00adkeepers remain"
    norm = normalise(text)
    o_start, o_end = norm.span(0, len("peacekeepers"))
    assert text[o_start:o_end] == "peace\u00adkeepers"


@pytest.mark.parametrize(
    ("quote", "pieces"),
    [
        ("one two", ["one two"]),
        ("one ... two", ["one", "two"]),
        ("one...two", ["one", "two"]),
        ("one … two", ["one", "two"]),
        ("one […] two", ["one", "two"]),
        ("one [...] two", ["one", "two"]),
        ("one [ … ] two", ["one", "two"]),
        ("… one, two …", ["one, two"]),
        ("One … Two … THREE", ["one", "two", "three"]),
        ("...", []),
        (" … […] ", []),
    ],
)
def test_ellipses_split_a_quote_into_normalised_pieces(quote: str, pieces: list[str]) -> None:
    assert split_pieces(quote) == pieces


def test_two_dots_or_a_single_dot_are_not_an_ellipsis() -> None:
    assert split_pieces("in 2020.. and 2022.") == ["in 2020.. and 2022."]
