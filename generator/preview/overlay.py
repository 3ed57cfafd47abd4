"""The preview server's pages, with the errors of the latest build shown on them.

A WSGI middleware around the engine's server: while the latest build has errors, every
page served is the last good one with the errors over it, or, before any build has
succeeded, a page that lists them. Each page also gets the preview's own live reload
(`assets/preview.js`), so it shows the errors, or the fixed site, as soon as a build ends.
Problems are contributor text: the templates escape them, and a message's code spans
(`` `verdict` ``) are its only markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from generator.preview.status import BuildState, BuildStatus

PREFIX = "/.factcheck-preview/"  # a dot folder: no page of the site can live there
WAIT_SECONDS = 25.0  # a long poll ends within this, so no proxy or browser gives up on it
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_ASSETS = {"preview.js": "application/javascript; charset=utf-8",
           "preview.css": "text/css; charset=utf-8"}

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


@cache
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.preview", "assets"), autoescape=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["code_spans"] = code_spans
    return env


@cache
def _code_spans_only() -> MarkdownIt:
    # No HTML, entities, escapes, links or emphasis: only CommonMark's code spans.
    return MarkdownIt("zero", {"html": False}).enable("backticks")


def code_spans(message: str) -> Markup:
    """A message as HTML: its code spans as `<code>`, as Markdown would show them (an
    unmatched backtick stays a backtick), and every other character as text, escaped."""
    return Markup(_code_spans_only().renderInline(message))


@cache
def _asset(name: str) -> bytes:
    return (resources.files("generator.preview") / "assets" / name).read_bytes()


def error_list(now: BuildState) -> str:
    return _templates().get_template("errors.html.j2").render(
        problems=now.problems, has_site=now.has_site)


def error_page(now: BuildState) -> str:
    return _templates().get_template("page.html.j2").render(
        problems=now.problems, has_site=now.has_site, generation=now.generation, base=PREFIX)


def inject(html: bytes, now: BuildState) -> bytes:
    """A served page with the preview's reload script and, while there are errors, their
    list at the top of its body."""
    tail = (f'<script src="{PREFIX}preview.js" data-generation="{now.generation}" defer>'
            "</script>").encode()
    end = html.rfind(b"</body>")
    html = html + tail if end < 0 else html[:end] + tail + html[end:]
    if not now.problems:
        return html
    head = (f'<link rel="stylesheet" href="{PREFIX}preview.css">' + error_list(now)).encode()
    opened = _BODY_OPEN.search(html)
    at = opened.end() if opened else 0
    return html[:at] + head + html[at:]


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith((".html", ".htm")) or "." not in last


class PreviewApp:
    def __init__(self, app: App, status: BuildStatus) -> None:
        self.app = app
        self.status = status

    def __call__(self, environ: dict[str, Any], start_response: StartResponse
                 ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(PREFIX):
            return self._own(path[len(PREFIX):], environ, start_response)
        now = self.status.state()
        if not now.has_site and now.problems and _is_page(path):
            return _reply(start_response, "500 Internal Server Error",
                          "text/html; charset=utf-8", error_page(now).encode())
        captured: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None
                    ) -> Callable[[bytes], None]:
            captured[:] = [status, headers]
            return lambda data: None

        body = self.app(environ, capture)
        status, headers = captured
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not kind.startswith("text/html"):
            start_response(status, headers)
            return body
        try:
            html = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        html = inject(html, now)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(html)))])
        return [html]

    def _own(self, name: str, environ: dict[str, Any], start_response: StartResponse
             ) -> Iterable[bytes]:
        if name in _ASSETS:
            return _reply(start_response, "200 OK", _ASSETS[name], _asset(name))
        if name == "wait":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            after = query.get("after", ["-1"])[0]
            generation = self.status.wait(int(after) if after.isdigit() else -1, WAIT_SECONDS)
            return _reply(start_response, "200 OK", "text/plain; charset=utf-8",
                          str(generation).encode())
        return _reply(start_response, "404 Not Found", "text/plain; charset=utf-8",
                      b"404 Not Found")


def _reply(start_response: StartResponse, status: str, kind: str, body: bytes
           ) -> list[bytes]:
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]
