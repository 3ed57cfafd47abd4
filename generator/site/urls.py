"""Where each page lives, and relative links between pages (the site may live under a sub-path)."""

from __future__ import annotations

import ipaddress
import posixpath
from functools import cache
from urllib.parse import urlsplit

from generator.model import ascii_slug, claim_url, person_url, source_url

__all__ = ["claim_url", "is_local_address", "listing_url", "local_address_warning",
           "person_url", "relative", "slugify", "source_url", "url_to_path"]


@cache
def slugify(text: str) -> str:
    """A URL slug for a tag or claimant; falls back to a code point spelling for non-Latin text."""
    slug = ascii_slug(text)
    if slug:
        return slug[:80].rstrip("-")
    return "u" + "-".join(f"{ord(c):x}" for c in text if not c.isspace())[:80]


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


def is_local_address(site_url: str | None) -> bool:
    """Whether `site_url` is a loopback address (the local preview's), which no reader of
    a published site can reach."""
    if not site_url:
        return False
    host = (urlsplit(site_url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or host in ("0.0.0.0", "::")
    except ValueError:
        return False


def local_address_warning(site_url: str | None) -> str | None:
    """What a build says when its pages will point at the local preview address."""
    if not is_local_address(site_url):
        return None
    return (f"site_url is the local preview address {site_url}: canonical links, ClaimReview, "
            "the feed and the sitemap will point there; set FACTCHECK_SITE_URL (or site_url "
            "in mkdocs.yml) to the published address before publishing this build")
