"""Share cards: the picture a link preview shows of a fact check (`og:image`), 1200×630.

A card shows the verdict (its icon and label on a band of its colour: the colour is never
the only signal), the claim, who made it and when, and the site's name. It is drawn with
Pillow in DejaVu Sans, which matplotlib ships (Latin, Greek, Cyrillic, Armenian, Georgian),
without a browser. Pillow's basic layout draws left-to-right text, one glyph after another:
right-to-left scripts and CJK are out of scope, and a glyph the font lacks is drawn as a
box, never an error.

The same card gives the same bytes: a fixed palette, fixed compression, no metadata. Its
key (`card_key`) is a digest of everything that decides its pixels, so an engine may keep
cards between builds under it and never draw an unchanged one again (`card(..., cached)`);
the core keeps nothing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageColor, ImageDraw, ImageFont

from generator.digest import text_digest
from generator.i18n import _
from generator.site.text import quoted
from generator.site.urls import claim_url

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes: every card kept under an older version is drawn again.
RENDERER_VERSION = "1"

MARGIN = 64
BAND = 136  # the verdict's band, across the top
FOOTER = 92  # the site's name, along the bottom
GAP = 24  # between the claim and who made it
WHITE, BLACK = (255, 255, 255), (0, 0, 0)
PAPER = WHITE
INK = (0x1f, 0x23, 0x28)  # the claim
MUTED = (0x4b, 0x55, 0x63)  # who made it, and the site's name
# The claim's type sizes, largest first: the largest whose lines fit is used.
CLAIM_SIZES = (60, 56, 52, 48, 44, 40, 36, 32)
LABEL_SIZES = (64, 56, 48, 40, 32)
BYLINE_SIZE, SITE_SIZE = 34, 30
LINE_SPACING = 1.25
# Grades of a glyph's edge between ink and paper: enough for smooth text, few enough for
# a small palette and a small file.
LEVELS = 16
ELLIPSIS = "…"

# Given a card's key and a way to draw it, its bytes: a caller that keeps cards between
# builds answers from what it kept (see `generator.mkdocs_adapter.filecache`).
CardCache = Callable[[str, Callable[[], bytes]], bytes]

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class CardText:
    """What a card shows, as readers read it."""

    label: str  # the verdict's label
    icon: str
    colour: str  # a CSS colour: #rgb, #rrggbb, #rrggbbaa or a name
    claim: str
    claimant: str  # as readers see it (the registry's name)
    year: int
    site_name: str

    @property
    def byline(self) -> str:
        return f"— {self.claimant}, {self.year}"

    @property
    def alt(self) -> str:
        """The card in words, for `og:image:alt`: everything it shows, the claim whole."""
        return _("Verdict: %(verdict)s. %(claim)s %(byline)s. %(site)s.") % {
            "verdict": self.label, "claim": quoted(" ".join(self.claim.split())),
            "byline": self.byline, "site": self.site_name}


def card_path(slug: str) -> str:
    """Where a fact check's card lies in the site: beside its page."""
    return claim_url(slug) + "card.png"


def card(text: CardText, cached: CardCache | None = None) -> bytes:
    """The card as PNG bytes, from `cached` when it holds the card's key."""
    if cached is None:
        return draw(text)
    return cached(card_key(text), lambda: draw(text))


def card_key(text: CardText) -> str:
    """A digest of everything that decides a card's pixels: what it shows, the drawing's
    version, Pillow's and the fonts'."""
    return text_digest(repr((RENDERER_VERSION, PIL.__version__, fonts_digest(), text.label,
                             text.icon, text.colour, text.claim, text.claimant, text.year,
                             text.site_name)))


# -- fonts -------------------------------------------------------------------------------


def font_folder() -> Path:
    """matplotlib's DejaVu fonts, found without importing matplotlib (and numpy with it)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("share cards need matplotlib's DejaVu fonts: matplotlib is not "
                           "installed (it is a dependency of factcheck; reinstall it)")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # Basic layout: the same glyphs and advances on every machine, whether or not
    # libraqm is installed.
    return ImageFont.truetype(str(font_folder() / FONT_FILES[bold]), size,
                              layout_engine=ImageFont.Layout.BASIC)


@cache
def fonts_digest() -> str:
    h = hashlib.sha256()
    for name in sorted(FONT_FILES.values()):
        h.update((font_folder() / name).read_bytes())
    return h.hexdigest()[:16]


# -- colour ------------------------------------------------------------------------------


def rgb(colour: str) -> RGB:
    """A CSS colour as it shows on white: a translucent one is mixed with the paper."""
    value = ImageColor.getrgb(colour)
    alpha = value[3] / 255 if len(value) == 4 else 1.0
    r, g, b = (round(c * alpha + p * (1 - alpha)) for c, p in zip(value[:3], PAPER,
                                                                   strict=True))
    return r, g, b


def luminance(colour: RGB) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: RGB) -> RGB:
    """White or black, whichever reads better on `background`: one of the two always
    reaches 4.58:1, above WCAG AA's 4.5:1."""
    return max((WHITE, BLACK), key=lambda c: contrast(c, background))


# -- layout ------------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    return text.split()


def fit_word(word: str, face: ImageFont.FreeTypeFont, width: int) -> Iterator[str]:
    """A word wider than a whole line, in pieces that fit: the one place a word is broken,
    since it cannot be shown otherwise."""
    piece = ""
    for char in word:
        if piece and face.getlength(piece + char) > width:
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def wrap(text: str, size: int, bold: bool, width: int) -> list[str]:
    """Lines of whole words, each at most `width` wide. A word is measured once for every
    size (`word_widths`) and scaled; each line is then measured whole (`fit_line`)."""
    face = font(size, bold)
    scale = size / MEASURE_SIZE
    widths = word_widths(text, bold)
    space = widths[" "] * scale
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words_of(text):
        wide = used + space + widths[word] * scale if line else widths[word] * scale
        if wide <= width:
            line.append(word)
            used = wide
            continue
        if line:
            lines.append(" ".join(line))
        if widths[word] * scale <= width:
            line, used = [word], widths[word] * scale
            continue
        *whole, rest = fit_word(word, face, width)
        lines += whole
        line, used = [rest], face.getlength(rest)
    if line:
        lines.append(" ".join(line))
    return [fitted for piece in lines for fitted in fit_line(piece, face, width)]


MEASURE_SIZE = 100


@lru_cache(maxsize=16)
def word_widths(text: str, bold: bool) -> dict[str, float]:
    """Each word's width (and a space's) at `MEASURE_SIZE`, for a text wrapped at several
    sizes in turn."""
    face = font(MEASURE_SIZE, bold)
    return {w: face.getlength(w) for w in {" ", *words_of(text)}}


def fit_line(line: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A line as measured whole: if kerning across its spaces made it wider than `width`,
    its last word goes to a line of its own."""
    words = line.split(" ")
    if len(words) == 1 or face.getlength(line) <= width:
        return [line]
    return [*fit_line(" ".join(words[:-1]), face, width), words[-1]]


def ended(lines: Sequence[str], face: ImageFont.FreeTypeFont, width: int, closing: str
          ) -> list[str]:
    """The lines, the last ending at a whole word with an ellipsis and `closing` after it,
    all within `width`."""
    out = list(lines)
    last = out[-1].split(" ")
    while len(last) > 1 and face.getlength(" ".join(last) + ELLIPSIS + closing) > width:
        last.pop()
    text = " ".join(last).rstrip(",;:.—–-")
    while text and face.getlength(text + ELLIPSIS + closing) > width:
        text = text[:-1]
    out[-1] = text + ELLIPSIS + closing
    return out


@dataclass(frozen=True)
class Block:
    lines: list[str]
    face: ImageFont.FreeTypeFont
    leading: int  # from one line's top to the next

    @property
    def height(self) -> int:
        return self.leading * len(self.lines)


def fit(text: str, sizes: Sequence[int], width: int, height: int, bold: bool,
        opening: str = "", closing: str = "", most: int = 99) -> Block:
    """`text` at the largest size whose lines (`most` at most) fit in `width` × `height`;
    at the smallest, as many lines as fit, the last ending with an ellipsis after a whole
    word."""
    quoted = opening + " ".join(words_of(text)) + closing
    for size in sizes:
        face = font(size, bold)
        leading = round(size * LINE_SPACING)
        lines = wrap(quoted, size, bold, width)
        rows = max(1, min(most, height // leading))
        if len(lines) <= rows:
            return Block(lines, face, leading)
    return Block(ended(lines[:rows], face, width, closing), face, leading)


# -- drawing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """Text of one colour on one background: drawn as coverage, then given the palette
    entries that grade from the background to the colour."""

    background: RGB
    colour: RGB


def palette(layers: Sequence[Layer]) -> list[int]:
    entries: list[int] = []
    for layer in layers:
        for level in range(LEVELS):
            k = level / (LEVELS - 1)
            entries += [round(b + (c - b) * k) for b, c in zip(layer.background,
                                                                layer.colour, strict=True)]
    return entries


# Coverage (0 to 255) to palette index, for the first, second and third layer's rows.
GRADES = tuple([round(v * (LEVELS - 1) / 255) + n * LEVELS for v in range(256)]
               for n in range(3))


def draw(text: CardText) -> bytes:
    """The card as PNG bytes."""
    band_colour = rgb(text.colour)
    layers = (Layer(band_colour, text_on(band_colour)), Layer(PAPER, INK),
              Layer(PAPER, MUTED))
    # The text's coverage, all layers in one image: each lies in rows of its own.
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(canvas)
    inner = WIDTH - 2 * MARGIN

    label = fit(f"{text.icon} {text.label}".strip(), LABEL_SIZES, inner, BAND, True, most=1)
    pen.text((MARGIN, BAND // 2), label.lines[0], font=label.face, fill=255, anchor="lm")

    top = BAND + 44
    room = HEIGHT - FOOTER - top
    byline = fit(text.byline, (BYLINE_SIZE,), inner, room // 3, False, most=2)
    said = fit(text.claim, CLAIM_SIZES, inner, room - GAP - byline.height, True, "“", "”")
    y = top
    for line in said.lines:
        pen.text((MARGIN, y), line, font=said.face, fill=255)
        y += said.leading
    said_end = y  # a line's leading holds its descenders
    y += GAP
    for line in byline.lines:
        pen.text((MARGIN, y), line, font=byline.face, fill=255)
        y += byline.leading

    site = fit(text.site_name, (SITE_SIZE,), inner, FOOTER, True, most=1)
    pen.text((MARGIN, HEIGHT - FOOTER // 2 - 8), site.lines[0], font=site.face, fill=255,
             anchor="lm")

    # Each layer's rows, their coverage graded to LEVELS steps, index its run of the palette.
    out = Image.new("P", (WIDTH, HEIGHT), 0)
    out.putpalette(palette(layers))
    for lut, (start, end) in zip(GRADES, ((0, BAND), (BAND, said_end), (said_end, HEIGHT)),
                                 strict=True):
        out.paste(canvas.crop((0, start, WIDTH, end)).point(lut), (0, start))
    buffer = io.BytesIO()
    out.save(buffer, "PNG", compress_level=6, optimize=False)
    return buffer.getvalue()
