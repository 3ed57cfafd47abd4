"""Typographic normalisation: what matching forgives, and the map back to the original."""

from __future__ import annotations

import unicodedata

import pytest

from generator.anchoring.normalize import (
    DEFAULT,
    compose,
    fold_char,
    folding_for,
    normalise,
    normalise_text,
    split_pieces,
)


@pytest.mark.parametrize("ch", list("'‘’‚‛′`´ʼ"))
def test_apostrophes_and_single_quotes_fold_to_the_straight_apostrophe(ch: str) -> None:
    assert fold_char(ch) == "'"
    assert normalise_text(f"Armenia{ch}s") == "armenia's"


@pytest.mark.parametrize("ch", list("‹›『』﹃﹄＇"))
def test_single_angle_corner_and_fullwidth_marks_fold_to_the_straight_apostrophe(ch: str
                                                                                 ) -> None:
    assert fold_char(ch) == "'"


@pytest.mark.parametrize("ch", list('"“”„‟″«»⹂「」﹁﹂｢｣〝〞〟＂'))
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


# Unicode's Quotation_Mark property (PropList.txt), written out here independently of the
# matcher's declaration: every one of them is a single or a double mark.
QUOTATION_MARK = ("\u0022\u0027\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e"
                  "\u201f\u2039\u203a\u2e42\u300c\u300d\u300e\u300f\u301d\u301e\u301f"
                  "\ufe41\ufe42\ufe43\ufe44\uff02\uff07\uff62\uff63")


@pytest.mark.parametrize("ch", list(QUOTATION_MARK))
@pytest.mark.parametrize("language", ["en", "ru", "hy", "az", "fr"])
def test_every_quotation_mark_folds_to_a_straight_one_in_every_language(ch: str,
                                                                        language: str) -> None:
    assert fold_char(ch, folding_for(language)) in ("'", '"')


def test_an_apostrophe_never_matches_a_double_quotation_mark() -> None:
    assert normalise_text("Armenia’s") != normalise_text("Armenia”s")


def test_a_language_without_conventions_of_its_own_shares_the_english_folding() -> None:
    assert folding_for(None) is DEFAULT
    assert folding_for("en-GB") is DEFAULT
    assert folding_for("fr") is DEFAULT
    assert folding_for("ru-RU") is folding_for("ru") is not DEFAULT


@pytest.mark.parametrize("language", ["ru", "uk", "be", "RU", "ru-RU", "be-BY"])
def test_yo_is_read_as_ye_in_russian_ukrainian_and_belarusian(language: str) -> None:
    folding = folding_for(language)
    assert normalise_text("Путём ЁЛКИ", folding) == normalise_text("путем елки", folding)
    assert normalise_text("Путём ЁЛКИ", folding) == "путем елки"


@pytest.mark.parametrize("language", [None, "en", "bg", "sr", "kk"])
def test_yo_is_its_own_letter_elsewhere(language: str | None) -> None:
    folding = folding_for(language)
    assert normalise_text("путём", folding) != normalise_text("путем", folding)


@pytest.mark.parametrize("language", ["az", "tr", "crh", "gag", "tr-TR", "az-Latn-AZ"])
def test_turkic_case_pairs_dotted_and_dotless_i(language: str) -> None:
    folding = folding_for(language)
    assert normalise_text("SƏRHƏDLƏRİN", folding) == "sərhədlərin"
    assert normalise_text("IRAQ İRAN", folding) == "ıraq iran"
    assert normalise_text("I", folding) != normalise_text("i", folding)
    assert normalise_text("İ", folding) != normalise_text("ı", folding)
    # One character for one: the capital İ does not lower to i and a combining dot.
    norm = normalise("İSTANBUL", folding)
    assert norm.text == "istanbul"
    assert norm.span(0, 8) == (0, 8)


def test_outside_the_turkic_languages_i_is_the_small_of_i() -> None:
    assert normalise_text("IRAQ") == "iraq"
    assert normalise_text("İ") == "İ"  # its lower case is two characters: it stays as it is


def test_armenian_marks_inside_a_word_are_not_counted_and_the_map_skips_them() -> None:
    folding = folding_for("hy")
    text = "Ինչո՞ւ պե՛տք է։ Վա՜յ"
    norm = normalise(text, folding)
    assert norm.text == "ինչու պետք է: վայ"
    assert normalise_text("Ինչու պետք է: Վայ", folding) == norm.text
    for ch, at in zip(norm.text, norm.origin, strict=True):
        assert text[at] not in "\u055b\u055c\u055e"
        assert ch == " " or fold_char(text[at], folding) == ch
    start = norm.text.index("պետք")
    assert text[slice(*norm.span(start, start + 4))] == "պե՛տք"


@pytest.mark.parametrize(("written", "typed"), [("։", ":"), ("՚", "'"), ("֊", "-")])
def test_armenian_punctuation_matches_what_is_typed_for_it(written: str, typed: str) -> None:
    assert normalise_text(f"ա{written}բ", folding_for("hy")) == f"ա{typed}բ"
    assert normalise_text(f"ա{written}բ") != f"ա{typed}բ"  # Armenian's own rule


def test_armenian_marks_count_outside_armenian() -> None:
    assert normalise_text("Ինչո՞ւ") != normalise_text("Ինչու")


@pytest.mark.parametrize("language", [None, "ru", "az", "hy"])
def test_a_letter_typed_with_a_combining_accent_is_the_precomposed_letter(
        language: str | None) -> None:
    folding = folding_for(language)
    for composed in ("café", "йод", "ёж", "şəhər", "İzmir", "Ելք"):
        decomposed = unicodedata.normalize("NFD", composed)
        assert normalise_text(decomposed, folding) == normalise_text(composed, folding)


def test_a_composed_character_maps_back_to_all_it_was_composed_from() -> None:
    text = "Пу\u0435\u0308м  дале\u0301е"  # ё typed as е and a diaeresis; a stress mark
    norm = normalise(text, folding_for("ru"))
    assert norm.text == "пуем дале\u0301е"
    assert text[slice(*norm.span(0, 4))] == "Пу\u0435\u0308м"
    assert text[slice(*norm.span(5, 9))] == "дале"
    assert norm.origin == (0, 1, 2, 4, 5, 7, 8, 9, 10, 11, 12)


def test_a_mark_that_folding_brings_beside_its_letter_is_composed() -> None:
    # W and a ring above have no character of their own; w and a ring have one, ẘ.
    for text in ("W\u030a", "e\u00ad\u0301"):
        norm = normalise(text)
        assert unicodedata.is_normalized("NFC", norm.text)
        assert normalise_text(norm.text) == norm.text
        assert norm.span(0, 1) == (0, len(text))


@pytest.mark.parametrize("text", ["e\u0301", "\u1100\u1161\u11a8", "a\u0301\u0323b",
                                  "\u0b47\u0b3e", "\u212b", "\u0344x", "\u0f73"])
def test_composition_a_cluster_at_a_time_is_nfc(text: str) -> None:
    composed = compose(text)
    assert composed.text == unicodedata.normalize("NFC", text)
    assert len(composed.starts) == len(composed.ends) == len(composed.text)
