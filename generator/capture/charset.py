"""Decode a page's bytes as the page declares: the Content-Type header's charset, else a
`<meta charset>` or `http-equiv` tag, else UTF-8 (HTML's default for a page that says
nothing). Bytes the declared charset cannot decode are refused, never replaced."""

from __future__ import annotations

import codecs
import re

# The meta tags, looked for in the first bytes as HTML's prescan does; ASCII-compatible
# charsets are all this needs to read them.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
                           re.IGNORECASE)
# As the WHATWG Encoding standard maps labels, for the labels whose meaning differs
# from Python's codec of the same name.
_LABELS = {"iso-8859-1": "windows-1252", "latin1": "windows-1252", "latin-1": "windows-1252",
           "ascii": "windows-1252", "us-ascii": "windows-1252", "iso8859-1": "windows-1252",
           "iso-8859-9": "windows-1254", "tis-620": "windows-874", "x-user-defined": "latin-1"}


def declared(data: bytes, header: str | None) -> tuple[str, str]:
    """The charset to decode with and where it was declared."""
    if header:
        return header, "the Content-Type header"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", "a byte-order mark"
    m = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if m:
        return m.group(1).decode("ascii"), "the page's <meta> tag"
    return "utf-8", "no declaration (UTF-8 assumed)"


def decode(data: bytes, header: str | None) -> str:
    """The page's text. Raises ValueError with the reason when it cannot be decoded."""
    label, where = declared(data, header)
    name = _LABELS.get(label.strip().lower(), label.strip().lower())
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"the charset `{label}` named by {where} is not one Python "
                         "knows") from None
    if codec.name in ("utf-16-le", "utf-16-be", "utf-16") and not data.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = codecs.lookup("utf-8")  # a meta tag read in ASCII cannot mean UTF-16
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as e:
        raise ValueError(f"byte {e.start} is not valid {codec.name} (declared by {where}); "
                         "the page's bytes and its declared charset disagree") from None
    return text.removeprefix("\ufeff")
