"""The preview server's middleware: errors shown over the last good page, or on a page of
their own before any build succeeded, always escaped; the pages' own live reload."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from generator.preview.overlay import PREFIX, PreviewApp
from generator.preview.status import BuildStatus, Problem

PAGE = (b"<!doctype html><html><head><meta charset=\"utf-8\"><title>T</title></head>"
        b"<body class=\"x\"><article>Page</article></body></html>")
HOSTILE = Problem("content/claims/a.md:3:10", "`verdict` is `<script>alert(1)</script>` & more")


def site(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """A stand-in for the engine's server: pages, a stylesheet, and nothing else."""
    path = environ["PATH_INFO"]
    if path.endswith("/"):
        start_response("200 OK", [("Content-Type", "text/html"),
                                  ("Content-Length", str(len(PAGE)))])
        return [PAGE]
    if path.endswith(".css"):
        start_response("200 OK", [("Content-Type", "text/css"), ("Content-Length", "7")])
        return [b"a{b:c}\n"]
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"404"]


def get(app: PreviewApp, path: str, query: str = "") -> tuple[str, dict[str, str], bytes]:
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None
                       ) -> Callable[[bytes], None]:
        answer["status"], answer["headers"] = status, dict(headers)
        return lambda data: None

    body = b"".join(app({"PATH_INFO": path, "QUERY_STRING": query}, start_response))
    return answer["status"], answer["headers"], body


def test_a_good_build_is_served_as_built_with_the_reload_script() -> None:
    status = BuildStatus()
    status.succeeded()
    app = PreviewApp(site, status)
    code, headers, body = get(app, "/claims/a/")
    assert code == "200 OK"
    assert body.endswith(f'<script src="{PREFIX}preview.js" data-generation="1" defer>'
                         "</script></body></html>".encode())
    assert b"fc-preview-errors" not in body
    assert headers["Content-Length"] == str(len(body))
    assert get(app, "/assets/a.css")[2] == b"a{b:c}\n", "other files pass as they are"


def test_errors_show_escaped_over_the_last_good_page() -> None:
    status = BuildStatus()
    status.succeeded()
    status.failed([HOSTILE, Problem("", "the theme failed")])
    code, headers, body = get(PreviewApp(site, status), "/claims/a/")
    html = body.decode()
    assert code == "200 OK" and headers["Content-Length"] == str(len(body))
    assert "<article>Page</article>" in html, "the last good page is still there"
    top = html.index('<body class="x">') + len('<body class="x">')
    assert html[top:].startswith(f'<link rel="stylesheet" href="{PREFIX}preview.css">'
                                 '<section id="fc-preview-errors"')
    assert "2 errors: this preview shows the last good build" in html
    assert ("<code>content/claims/a.md:3:10</code> <code>verdict</code> is "
            "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code> &amp; more") in html
    assert "<script>alert" not in html
    assert "<li>the theme failed</li>" in html
    assert 'data-generation="2"' in html


def test_before_any_good_build_every_page_is_the_list_of_errors() -> None:
    status = BuildStatus()
    status.failed([HOSTILE])
    app = PreviewApp(site, status)
    for path in ("/", "/claims/a/", "/claims/a/index.html", "/missing"):
        code, headers, body = get(app, path)
        assert code == "500 Internal Server Error", path
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        html = body.decode()
        assert "<title>1 error - factcheck preview</title>" in html
        assert "1 error: the site cannot be built" in html
        assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code> &amp; more" in html
        assert "<script>alert" not in html
        assert f'<script src="{PREFIX}preview.js" data-generation="1" defer>' in html
    assert get(app, "/assets/a.css")[0] == "200 OK"
    status.succeeded()
    assert b"fc-preview-errors" not in get(app, "/claims/a/")[2]


def test_the_preview_serves_its_own_files() -> None:
    app = PreviewApp(site, BuildStatus())
    code, headers, body = get(app, f"{PREFIX}preview.js")
    assert code == "200 OK" and headers["Content-Type"].startswith("application/javascript")
    assert b"location.reload()" in body
    assert get(app, f"{PREFIX}preview.css")[1]["Content-Type"].startswith("text/css")
    assert get(app, f"{PREFIX}other")[0] == "404 Not Found"


def test_a_waiting_page_hears_of_the_next_build_at_once() -> None:
    status = BuildStatus()
    status.succeeded()
    app = PreviewApp(site, status)
    assert get(app, f"{PREFIX}wait", "after=0")[2] == b"1", "a build it missed: at once"
    answers: list[bytes] = []
    waiting = threading.Thread(target=lambda: answers.append(
        get(app, f"{PREFIX}wait", "after=1")[2]))
    started = time.monotonic()
    waiting.start()
    time.sleep(0.3)
    assert not answers, "no build ended: the page keeps waiting"
    status.failed([HOSTILE])
    waiting.join(timeout=5)
    assert answers == [b"2"] and time.monotonic() - started < 5
