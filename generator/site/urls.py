"""Where each page lives, and relative links between pages (the site may live under a sub-path)."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import cache


@cache
def slugify(text: str) -> str:
    """A URL slug for a tag or claimant; falls back to a code point spelling for non-Latin text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug[:80].rstrip("-")
    return "u" + "-".join(f"{ord(c):x}" for c in text if not c.isspace())[:80]


def claim_url(slug: str) -> str:
    return f"claims/{slug}/"


def source_url(source_id: str) -> str:
    return f"sources/{source_id}/"


def listing_url(base: str, page: int) -> str:
    """`base` is a folder URL like `topics/peacekeepers/`; page 1 is the folder itself."""
    return base if page == 1 else f"{base}page/{page}/"


def url_to_path(url: str) -> str:
    """The Markdown file that MkDocs (with directory URLs) serves at `url`."""
    if url in ("", "/"):
        return "index.md"
    return url.rstrip("/") + "/index.md" if url.endswith("/") else url


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-root-relative."""
    target, _, fragment = to_url.partition("#")
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + target, "/" + base) if target else ""
    if target.endswith("/") and rel not in (".", ""):
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + (f"#{fragment}" if fragment else "")
