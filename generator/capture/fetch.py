"""Fetch a page over HTTP(S), or read a saved file, within bounds.

Redirects are followed by hand, so that a loop is named as one and a chain is cut at
`MAX_REDIRECTS`; the body is read at most one byte past the size limit, so a large page
is refused without being held; one deadline covers the whole exchange, so a server that
trickles bytes cannot hold the command.
"""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from generator import __version__
from generator.capture.errors import CaptureError

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 20.0
USER_AGENT = f"factcheck/{__version__} (fact-check source capture; one request a page)"
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_CHUNK = 65_536


@dataclass(frozen=True)
class Fetched:
    """The bytes of a page as they arrived, and what the exchange said of them."""

    data: bytes
    url: str | None  # where the bytes came from, after redirects; None for a local file
    charset: str | None  # the charset the Content-Type header declared
    retrieved: dt.datetime  # UTC, to the second


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def read_file(path: Path, limit: int = MAX_BYTES) -> Fetched:
    """A page saved as a file: its bytes, with no URL (only the page may name one)."""
    if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        raise CaptureError(f"{path} is not an .html file; save the page as HTML, or give "
                           "its http(s) URL")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise CaptureError(f"cannot read {path}: {e.strerror or e}") from None
    if len(data) > limit:
        raise CaptureError(f"{path} is over the size limit of {limit:,} bytes; a news "
                           "page is far smaller, so this is not an article page")
    return Fetched(data, None, None, now())


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx arrives as an HTTPError, and `fetch` follows it itself


_opener = urllib.request.build_opener(_NoRedirects())


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_BYTES) -> Fetched:
    """GET `url`, following at most `MAX_REDIRECTS` redirects, within `timeout` seconds
    in all. Raises `CaptureError` on anything but an HTML page of at most `limit` bytes."""
    deadline = time.monotonic() + timeout
    seen = [url]
    current = url
    while True:
        _check_scheme(current)
        request = urllib.request.Request(current, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9",
            "Accept-Encoding": "identity"})
        retrieved = now()
        try:
            response = _opener.open(request, timeout=_left(deadline, timeout, current))
        except urllib.error.HTTPError as e:
            e.close()
            if e.code in (301, 302, 303, 307, 308) and e.headers.get("Location"):
                target = urllib.parse.urljoin(current, e.headers["Location"])
                if target in seen:
                    chain = " -> ".join([*seen[seen.index(target):], target])
                    raise CaptureError(f"redirect loop: {chain}") from None
                if len(seen) > MAX_REDIRECTS:
                    raise CaptureError(f"more than {MAX_REDIRECTS} redirects from {url}; "
                                       f"capture the final address instead") from None
                seen.append(target)
                current = target
                continue
            raise CaptureError(f"{current} answered HTTP {e.code} {e.reason}") from None
        except TimeoutError:
            raise CaptureError(f"{current} did not answer within {timeout:g} s"
                               ) from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise CaptureError(f"{current} did not answer within {timeout:g} s"
                                   ) from None
            raise CaptureError(f"cannot fetch {current}: {reason}") from None
        except (http.client.HTTPException, OSError, ValueError) as e:
            raise CaptureError(f"cannot fetch {current}: {e}") from None
        with response:
            headers: Message = response.headers
            _check_type(headers, current)
            data = _read(response, limit, deadline, timeout, current)
            data = _decoded(data, headers.get("Content-Encoding", ""), limit, current)
            return Fetched(data, response.geturl() or current,
                           headers.get_content_charset(), retrieved)


def _check_scheme(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CaptureError(f"`{url}` is not an http(s) URL")


def _check_type(headers: Message, url: str) -> None:
    if "Content-Type" not in headers:
        return  # no claim either way: the extraction decides whether it is a page
    kind = headers.get_content_type()
    if kind not in _HTML_TYPES:
        raise CaptureError(f"{url} is {kind}, not an HTML page; capture the article's "
                           "web page")


def _left(deadline: float, timeout: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise CaptureError(f"{url} did not answer within {timeout:g} s")
    return left


def _decoded(data: bytes, encoding: str, limit: int, url: str) -> bytes:
    """The page's bytes from a compressed response (sent despite `Accept-Encoding:
    identity`), decompressed no further than the size limit."""
    kind = encoding.strip().lower()
    if kind in ("", "identity"):
        return data
    if kind not in ("gzip", "x-gzip", "deflate"):
        raise CaptureError(f"{url} sent its page in the `{kind}` encoding, which capture "
                           "cannot read; save the page from a browser and capture the file")
    wbits = 31 if "gzip" in kind else (15 if data[:1] == b"\x78" else -15)
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as e:
        raise CaptureError(f"{url} sent a broken {kind} body ({e})") from None
    if len(out) > limit:
        raise CaptureError(f"{url} is over the size limit of {limit:,} bytes once "
                           "decompressed; a news page is far smaller")
    return out


def _read(response: http.client.HTTPResponse, limit: int, deadline: float, timeout: float,
          url: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise CaptureError(f"{url} is {int(declared):,} bytes, over the size limit of "
                           f"{limit:,}; a news page is far smaller")
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        _left(deadline, timeout, url)
        try:
            chunk = response.read1(min(_CHUNK, limit + 1 - size))
        except TimeoutError:
            raise CaptureError(f"{url} did not answer within {timeout:g} s") from None
        except (http.client.HTTPException, OSError) as e:
            raise CaptureError(f"reading {url} failed: {e}") from None
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise CaptureError(f"{url} is over the size limit of {limit:,} bytes; a news page "
                           "is far smaller")
    return b"".join(chunks)
