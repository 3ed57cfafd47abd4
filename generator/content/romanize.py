"""Text in any of the desks' scripts as lowercase ASCII words, for the ids proposed from a
headline or a name (`factcheck capture`, `factcheck new`, the registry's unknown names).

Each script goes by a named standard, as CLDR's transforms (`Russian-Latin/BGN`,
`Armenian-Latin/BGN`, `Georgian-Latin/BGN`) write them, then to ASCII: an id is made of
`a-z0-9` only, so the standards' diacritics (ë), apostrophes (t’, ʹ) and separators (·)
are dropped.

- Cyrillic: BGN/PCGN 1947 for Russian. `е` and `ё` are `ye` at a word's start and after a
  vowel, `й`, `ъ` or `ь`, else `e`; `ъ` and `ь` are dropped. The letters Russian lacks
  are those of BGN/PCGN for Ukrainian (1965: `і` i, `ї` yi, `є` ye, `ґ` g) and Belarusian
  (1979: `ў` w); `г` stays `g`, as in Russian.
- Armenian: BGN/PCGN 1981 (Eastern Armenian). `ե` is `ye` at a word's start and after a
  vowel, else `e`; `ո` is `vo` at a word's start (but `ով` is `ov`), else `o`; `ու` is
  `u`; `և` is `yev` at a word's start and after a vowel, else `ev`. The emphasis, question
  and exclamation marks (՛ ՞ ՜) sit inside a word and are dropped.
- Georgian: the national system of 2002, which BGN/PCGN adopted in 2009, without the
  apostrophes that mark its ejectives (კ k, პ p, ტ t, ყ q, წ ts, ჭ ch). Mtavruli capitals
  are case folded to Mkhedruli first.
- Latin, Azerbaijani's included: accents are dropped (ş s, ç c, ğ g, ö o, ü u) and `ı` is
  `i`, as CLDR's Latin-ASCII transform does; that transform has no ASCII for `ə`, which
  is `e` here.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC_VOWELS = "аеёиоуыэюяіїє"
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "yi", "ye", "g", "w"], strict=True))
_CYRILLIC_YE = re.compile(rf"(?:(?<=[{_CYRILLIC_VOWELS}йъь])|(?<!\w))[её]")

_ARMENIAN_VOWELS = "աեէըիոևօւ"
_ARMENIAN = dict(zip(
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
    ["a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz",
     "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "rr", "s", "v", "t", "r", "ts",
     # ւ stands alone only in the classical spelling, which BGN/PCGN does not cover: v, as
     # it reads after a vowel there.
     "v", "p", "k", "o", "f"], strict=True))
_ARMENIAN_MARKS = re.compile("[\u055b\u055c\u055e]")  # ՛ ՜ ՞, inside a word
_ARMENIAN_START = r"(?:(?<=[" + _ARMENIAN_VOWELS + r"])|(?<!\w))"
_ARMENIAN_RULES = (  # in order: each sees the letters the ones before it left
    (re.compile(_ARMENIAN_START + "(?:և|եւ|եվ)"), "yev"),
    (re.compile("(?:և|եւ|եվ)"), "ev"),
    (re.compile(_ARMENIAN_START + "ե"), "ye"),
    (re.compile("ու"), "u"),
    (re.compile(r"(?<!\w)ով(?!\w)"), "ov"),
    (re.compile(r"(?<!\w)ո"), "vo"),
)

_GEORGIAN = dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r",
     "s", "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"],
    strict=True))

_LATIN = {"ə": "e", "ı": "i"}  # no decomposition takes these to ASCII
_LETTERS = {**_CYRILLIC, **_ARMENIAN, **_GEORGIAN, **_LATIN}
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The words of `text` in lowercase ASCII letters and digits, each script romanized by
    its standard (above): `Жители села` -> `zhiteli`, `sela`."""
    return _WORD.findall(ascii_text(text))


def slug(text: str) -> str:
    """Every word of `text` joined by hyphens, an id when anything is left:
    `Երևանի հայտարարությունը` -> `yerevani-haytararutyuny`."""
    return "-".join(words(text))


def ascii_text(text: str) -> str:
    """`text` lowercased and romanized; what has no ASCII form is dropped."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    lowered = _CYRILLIC_YE.sub("ye", lowered)
    lowered = _ARMENIAN_MARKS.sub("", lowered)
    for pattern, latin in _ARMENIAN_RULES:
        lowered = pattern.sub(latin, lowered)
    romanized = "".join(_LETTERS.get(c, c) for c in lowered)
    folded = unicodedata.normalize("NFKD", romanized)
    return folded.encode("ascii", "ignore").decode("ascii").replace("'", "")
