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
    """The charset to decode with and where it was declared ("" when nowhere)."""
    if header:
        return header, "the Content-Type header"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", "a byte-order mark"
    m = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if m:
        return m.group(1).decode("ascii"), "the page's <meta> tag"
    return "utf-8", ""  # declared nowhere: HTML's default


def decode(data: bytes, header: str | None) -> str:
    """The page's text. Raises ValueError with the reason when it cannot be decoded."""
    label, where = declared(data, header)
    name = _LABELS.get(label.strip().lower(), label.strip().lower())
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"the charset `{label}` named by {where} is not one Python "
                         "knows") from None  # only a declared label can be unknown
    if codec.name in ("utf-16-le", "utf-16-be", "utf-16") and not data.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = codecs.lookup("utf-8")  # a meta tag read in ASCII cannot mean UTF-16
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as e:
        raise ValueError(_undecodable(data, codec.name, e.start, where)) from None
    return text.removeprefix("\ufeff")


def _undecodable(data: bytes, codec: str, offset: int, where: str) -> str:
    """Which byte cannot be decoded, with what, and why that encoding was tried."""
    shown = "UTF-8" if codec == "utf-8" else codec
    bad = sum(1 for c in data.decode(codec, errors="surrogateescape")
              if "\udc80" <= c <= "\udcff")
    why = (f"the encoding {where} declares" if where else
           "the encoding tried because the page declares none (HTML's default)")
    count = (f"it is the only byte of {len(data):,} that is not" if bad == 1 else
             f"{bad:,} of its {len(data):,} bytes are not")
    return (f"byte {offset:,} (0x{data[offset]:02X}) is not valid {shown}, {why}; {count}. "
            "A byte is never replaced, so that the words stored are the page's: if a "
            "browser shows the page right, save it from the browser as HTML and capture "
            "the file")
