"""What the contributor asked to capture: an http(s) URL, or the path of a saved page.

A web address typed without its scheme (`www.example.org/news/x`), with a mistyped one
(`htps://…`, `https//…`) or with another (`ftp://…`) is neither: rather than read it as
a file that does not exist, capture refuses it and proposes the `https://` form. A path
to a file that exists is always read as a file, whatever it looks like.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from generator.capture.errors import CaptureError

# A scheme, mistyped or not, then its slashes: `htps://`, `ftp://`, `http:/`, `https//`.
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+)(?::/*|//+)(?P<rest>.*)$", re.S)
_LABEL = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
# A host name with a dot (`example.org`, `www.bbc.co.uk`) or an IPv4 address, and a port.
_HOST = re.compile(rf"^(?:(?:{_LABEL}\.)+(?P<tld>[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])"
                   r"|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?$")
# The last part of a file's name, which no top-level domain is: `page.html`, `notes.txt`.
_FILE_SUFFIXES = {"html", "htm", "xhtml", "shtml", "mhtml", "txt", "md", "pdf", "gz", "xml",
                  "json", "php", "asp", "aspx", "jsp"}


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def saved_file(target: str) -> Path:
    """The path of the saved page that `target` names. Raises `CaptureError` when it is a
    web address capture cannot fetch as written, proposing the `https://` form."""
    path = Path(target)
    if path.is_file():
        return path
    if _looks_like_host(target):  # before the scheme: `example.org:8080/x` has a port
        raise CaptureError(f"`{target}` is not a file, and as a web address it lacks its "
                           f"scheme; did you mean `https://{target}`?")
    m = _SCHEME.match(target)
    if m and m["scheme"].lower() == "file":
        raise CaptureError(f"`{target}` is a file URL; give the saved page's path instead, "
                           f"e.g. `{urllib.parse.unquote(urllib.parse.urlsplit(target).path)}`")
    if m and _looks_like_host(m["rest"]):
        raise CaptureError(f"`{target}` is not an http(s) URL, which is what capture "
                           f"fetches; did you mean `https://{m['rest']}`?")
    return path


def _looks_like_host(text: str) -> bool:
    """Whether `text` starts with a host name: `example.org/…`, `www.example.org`."""
    host = re.split(r"[/?#]", text, maxsplit=1)[0]
    m = _HOST.match(host)
    return m is not None and (m["tld"] or "").lower() not in _FILE_SUFFIXES
