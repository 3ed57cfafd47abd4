"""Ask the Internet Archive's Save Page Now for a copy of a page: its `archive_url`.

The endpoint is `https://web.archive.org/save/` unless the environment variable
`FACTCHECK_ARCHIVE_ENDPOINT` names another (a stand-in, in tests). The page's URL is
appended to it; the copy's address is where the request ends after redirects, or the
`Content-Location` the service answers with.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request

from generator.capture.fetch import USER_AGENT

ENDPOINT = "https://web.archive.org/save/"
ENDPOINT_VARIABLE = "FACTCHECK_ARCHIVE_ENDPOINT"
TIMEOUT_SECONDS = 120.0  # Save Page Now fetches the page itself before it answers


def endpoint() -> str:
    return os.environ.get(ENDPOINT_VARIABLE) or ENDPOINT


def archive(url: str, timeout: float = TIMEOUT_SECONDS) -> tuple[str | None, str]:
    """The archived copy's URL, or None and why there is none."""
    base = endpoint()
    request = urllib.request.Request(base + url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            final = response.geturl()
            location = response.headers.get("Content-Location")
    except urllib.error.HTTPError as e:
        e.close()
        return None, f"{base} answered HTTP {e.code} {e.reason}"
    except urllib.error.URLError as e:
        return None, f"{base} cannot be reached ({e.reason})"
    except TimeoutError:
        return None, f"{base} did not answer within {timeout:g} s"
    except (OSError, ValueError) as e:
        return None, f"{base} failed ({e})"
    for candidate in (location, final):
        if not candidate:
            continue
        absolute = urllib.parse.urljoin(final, candidate)
        if "/web/" in urllib.parse.urlsplit(absolute).path and absolute.startswith(
                ("http://", "https://")):
            return absolute, ""
    return None, f"{base} answered without the address of an archived copy"
