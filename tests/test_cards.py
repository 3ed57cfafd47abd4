"""The share card's renderer and the folder that keeps cards: what a card shows, in which
glyphs and colours, the same bytes for the same card, and a card kept under its key."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from generator.content.settings import DEFAULT_VERDICTS
from generator.mkdocs_adapter.filecache import FileCache
from generator.site import cards
from generator.site.cards import (
    BLACK,
    INK,
    MUTED,
    PAPER,
    WHITE,
    CardText,
    card,
    card_key,
    contrast,
    draw,
    fit,
    font,
    font_folder,
    rgb,
    text_on,
    wrap,
)

SITE = "South Caucasus Fact Check"
ARMENIAN = "Ռուս խաղաղապահները չկարողացան կանխել հարձակումը Լեռնային Ղարաբաղում։"
CYRILLIC = "Российские миротворцы не смогли остановить наступление в Нагорном Карабахе."


def shown(claim: str = "Peacekeepers failed to stop the offensive.", verdict: str = "false",
          claimant: str = "Armenian authorities") -> CardText:
    v = next(v for v in DEFAULT_VERDICTS if v.key == verdict)
    return CardText(v.label, v.icon, v.colour, claim, claimant, 2023, SITE)


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_card_is_a_1200_by_630_png_with_no_metadata() -> None:
    data = draw(shown())
    image = picture(data)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    # No text, time or physical-size chunks: nothing but what the pixels need.
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        chunks.append(data[at + 4:at + 8])
        at += 12 + length
    assert set(chunks) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}, chunks


def test_the_same_card_gives_the_same_bytes_and_another_verdict_other_bytes() -> None:
    assert draw(shown()) == draw(shown())
    assert card_key(shown()) == card_key(shown())
    other = shown(verdict="mostly-true")
    assert draw(other) != draw(shown())
    assert card_key(other) != card_key(shown())
    assert card_key(shown(claimant="Someone else")) != card_key(shown())


def test_the_band_is_the_verdicts_colour_and_every_text_reaches_wcag_aa() -> None:
    for verdict in DEFAULT_VERDICTS:
        band = rgb(verdict.colour)
        colours = {c for _, c in picture(draw(shown(verdict=verdict.key))).convert(
            "RGB").getcolors(1 << 16)}
        assert band in colours, verdict.key
        assert contrast(text_on(band), band) >= 4.5, verdict.key
    # Whatever colour a desk picks, the band's text is white or black, whichever reads.
    for colour in ("yellow", "#fff", "#000", "teal", "#777777", "#1b7f3b80", "navy"):
        band = rgb(colour)
        assert text_on(band) in (WHITE, BLACK)
        assert contrast(text_on(band), band) >= 4.5, colour
    assert contrast(INK, PAPER) >= 7 and contrast(MUTED, PAPER) >= 4.5
    assert contrast(WHITE, BLACK) == pytest.approx(21)
    assert rgb("#1b7f3b80") == (141, 191, 157)  # half of the colour over white


def test_dejavu_covers_latin_cyrillic_and_armenian() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        covered = TTFont(font_folder() / name).getBestCmap()
        armenian = [*range(0x531, 0x557), *range(0x559, 0x560), *range(0x561, 0x588)]
        missing = [hex(c) for c in [*armenian, *range(0x410, 0x450), *range(0x20, 0x7F)]
                   if c not in covered]
        assert missing == [], (name, missing)
        assert all(ord(v.icon) in covered for v in DEFAULT_VERDICTS), name


@pytest.mark.parametrize("text", [CYRILLIC, ARMENIAN])
def test_cyrillic_and_armenian_claims_are_drawn_in_real_glyphs(text: str) -> None:
    face = font(48, True)

    def ink(letter: str) -> bytes:
        image = Image.new("L", (80, 80), 0)
        ImageDraw.Draw(image).text((10, 5), letter, font=face, fill=255)
        return image.tobytes()

    tofu = ink("\ue000")  # a private-use character: the font has no glyph, draws a box
    for letter in set(text) - {" ", "։", "."}:
        assert face.getmask(letter).getbbox() is not None, letter
        assert ink(letter) != tofu, letter
    # Drawn as measured: the ink spans the width the font gives the text.
    image = Image.new("L", (3000, 100), 0)
    ImageDraw.Draw(image).text((0, 0), text, font=face, fill=255)
    box = image.getbbox()
    assert box is not None
    assert abs((box[2] - box[0]) - face.getlength(text)) < 0.05 * face.getlength(text)
    data = draw(shown(claim=text, claimant="Мария Захарова"))
    assert picture(data).size == (1200, 630)


def test_a_glyph_the_font_lacks_is_a_box_not_an_error() -> None:
    data = draw(shown(claim="和平 🕊 peace 평화", claimant="某人"))
    assert picture(data).size == (1200, 630)


def test_a_long_claim_is_shrunk_then_ended_at_a_word_never_cut() -> None:
    words = [f"word{n}" for n in range(400)]
    claim = " ".join(words)
    block = fit(claim, cards.CLAIM_SIZES, 1072, 280, True, "“", "”")
    assert block.face.size == cards.CLAIM_SIZES[-1]
    assert block.height <= 280
    text = " ".join(block.lines)
    assert text.startswith("“word0 word1") and text.endswith("…”")
    assert all(w in words for w in text[1:-2].split())  # whole words only
    assert all(block.face.getlength(line) <= 1072 for line in block.lines)
    short = fit("A short claim.", cards.CLAIM_SIZES, 1072, 280, True, "“", "”")
    assert short.face.size == cards.CLAIM_SIZES[0] and short.lines == ["“A short claim.”"]
    assert picture(draw(shown(claim=claim))).size == (1200, 630)


def test_lines_are_whole_words_within_the_width_and_only_an_overlong_word_is_broken() -> None:
    text = "Russian peacekeepers failed to stop Azerbaijan's September 2023 offensive " * 4
    for size in (32, 48, 60):
        lines = wrap(text, size, True, 600)
        assert " ".join(lines).split() == text.split()
        assert all(font(size, True).getlength(line) <= 600 for line in lines)
    long_word = "Donaudampfschifffahrtsgesellschaftskapitän" * 3
    pieces = wrap(f"a {long_word} b", 48, True, 400)
    assert pieces[0] == "a" and pieces[-1].endswith(" b") and len(pieces) > 3
    assert "".join(pieces).replace(" ", "") == f"a{long_word}b"
    assert all(font(48, True).getlength(piece) <= 400 for piece in pieces)


def test_the_card_says_in_words_what_it_shows() -> None:
    text = shown(claim="A  claim\nin two lines.")
    assert text.alt == ("Verdict: False. “A claim in two lines.” — Armenian authorities, 2023. "
                        f"{SITE}.")


def test_a_kept_card_is_never_drawn_again(tmp_path: Path) -> None:
    drawn: list[str] = []

    def make() -> bytes:
        drawn.append("x")
        return draw(shown())

    cache = FileCache(tmp_path / "cards")
    key = card_key(shown())
    first = card(shown(), cache)
    assert card(shown(), cache) == first == draw(shown())
    kept = cache.path(key, make)
    assert kept == tmp_path / "cards" / f"{key}.png"
    assert kept.read_bytes() == first and drawn == []
    assert [p.name for p in (tmp_path / "cards").iterdir()] == [f"{key}.png"]  # no leftovers
    assert cache.made == 1
    # Another instance (the next build) finds it too.
    again = FileCache(tmp_path / "cards")
    assert again(key, make) == first and again.made == 0 and drawn == []
    with pytest.raises(ValueError):
        cache.where("../escape")


def test_a_folder_that_cannot_be_written_still_gives_the_card(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    cache = FileCache(blocked / "cards")
    assert cache.path("abc", lambda: b"png") is None
    assert cache("abc", lambda: b"png") == b"png"
