"""News pages served on 127.0.0.1 for `factcheck capture`, and the bad responses it must refuse.

The fixture pages in `tests/fixtures/capture/` name their own address as `{base}`, which
the server fills in with its own, so a page's canonical link points back at it.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import http.server
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "capture"
SLOW_SECONDS = 3.0
# Served with a charset in the Content-Type header only (the page has no <meta charset>).
HEADER_CHARSETS = {"latin-windows-1252.html": "windows-1252"}


def page_bytes(name: str, base: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{base}", base.encode("ascii"))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    base = ""  # set per server
    # path -> the page served there instead of its fixture; set per server
    edited: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def redirect(self, to: str, code: int = 302) -> None:
        self.send(code, b"", headers={"Location": to})

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        name = path.lstrip("/")
        if path in self.edited:  # a page changed since it was first captured
            self.send(200, self.edited[path], "text/html")
        elif (FIXTURES / name).is_file() and name.endswith(".html"):
            charset = HEADER_CHARSETS.get(name)
            kind = f"text/html; charset={charset}" if charset else "text/html"
            self.send(200, page_bytes(name, self.base), kind)
        elif path.startswith("/mirror/"):  # the same article under another canonical URL
            self.send(200, page_bytes(name.removeprefix("mirror/"),
                                      "https://mirror.example"), "text/html")
        elif path == "/gzipped":  # compressed although the client asked for identity
            self.send(200, gzip.compress(page_bytes("opengraph.html", self.base)),
                      headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-bomb":
            self.send(200, gzip.compress(b"<html>" + b" " * 6_000_000),
                      headers={"Content-Encoding": "gzip"})
        elif path == "/moved":
            self.redirect("/hop/1", 301)
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.redirect("/wordpress.html" if n >= 4 else f"/hop/{n + 1}")
        elif path.startswith("/chain/"):
            self.redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/loop-a":
            self.redirect("/loop-b")
        elif path == "/loop-b":
            self.redirect("/loop-a")
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            self.send(code, b"<html><body><p>Error</p></body></html>")
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.7\n" + b"0" * 2000, "application/pdf")
        elif path == "/big-declared":
            self.send(200, b"<html><body>" + b"<p>word word word</p>" * 300_000, "text/html")
        elif path == "/big-streamed":
            self.send(200, b"<html><body>" + b"<p>word word word</p>" * 300_000, "text/html",
                      length=False)
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.send(200, page_bytes("wordpress.html", self.base))
        elif path == "/no-article":
            self.send(200, b"<html><head><title>Home</title></head><body><nav><a href='/'>"
                           b"Home</a> <a href='/news'>News</a></nav></body></html>")
        elif path == "/bad-utf-8":
            data = page_bytes("latin-windows-1252.html", self.base)  # cp1252 bytes
            self.send(200, data, "text/html; charset=utf-8")
        elif path.startswith("/save/"):  # a stand-in for Save Page Now
            target = self.path[len("/save/"):]
            self.redirect(f"/web/20261201101500/{target}")
        elif path.startswith("/web/"):
            self.send(200, b"<html><body><p>archived</p></body></html>")
        elif path.startswith("/save-fails/"):
            self.send(503, b"busy")
        else:
            self.send(404, b"not found")


@contextlib.contextmanager
def news_server(edited: dict[str, bytes] | None = None) -> Iterator[str]:
    """Serve the fixture pages on a free loopback port; yields the base URL (no slash).
    `edited` maps a path to the bytes served there instead of the fixture, and may be
    changed while the server runs (a page updated by its outlet)."""
    handler = type("BoundHandler", (Handler,), {"edited": {} if edited is None else edited})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.base
    finally:
        server.shutdown()
        server.server_close()


def tree_state(root: Path) -> dict[str, str]:
    """Every file under sources/ and sources.lock, by SHA-256: equal states, nothing written."""
    files = [p for p in sorted((root / "sources").rglob("*")) if p.is_file()]
    files.append(root / "sources.lock")
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if p.exists()} | {
        "dirs": ",".join(sorted(p.relative_to(root).as_posix()
                                for p in (root / "sources").rglob("*") if p.is_dir()))}
