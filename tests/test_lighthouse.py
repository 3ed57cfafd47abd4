"""Lighthouse, as a phone loads the site: the home page, a claim page and a topic page score
100 in performance, accessibility, best practices and SEO.

The real Lighthouse CLI (pinned in package-lock.json) runs Debian's chromium with its
defaults: a mobile device, simulated throttling (a slow 4G network and a CPU four times
slower than this one). The site is served as a static host serves it: text compressed with
gzip when the browser accepts it (GitHub Pages, Netlify, Cloudflare Pages and S3 behind a
CDN all do; Python's http.server does not) and connections kept alive. Uncompressed, the
same pages cost 3.5 times the bytes, which no host a reader meets sends.

Simulated throttling multiplies the CPU time the page takes here by four, so a host busy
with other work inflates Total Blocking Time (mkdocs-material's bundle is most of it): a
page whose performance is under 100 is measured once more, and fails if it is under 100
again. A page that really got slower (a script or stylesheet more in its way) fails both.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from siteutil import REPO

pytestmark = [pytest.mark.site, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "",
    "claim": "claims/ceasefire-initiated-by-moscow/",
    "topic": "topics/csto/",
}
# What a static host compresses: every text type the site has.
COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"})


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Python's file server with what every static host adds: gzip for text the browser
    accepts it for, and HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def static_host(site: Path) -> Iterator[str]:
    handler = functools.partial(_StaticHost, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url: str) -> dict[str, Any]:
    """Lighthouse's report of one page (mobile, simulated throttling: its defaults)."""
    assert LIGHTHOUSE.exists(), "Lighthouse is not installed: run `npm ci` (scripts/test does)"
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (apt-get install chromium)"
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", "--disable-full-page-screenshot",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
        timeout=120, check=False)
    assert run.returncode == 0, f"lighthouse exited {run.returncode}:\n{run.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(run.stdout)
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


def shortfalls(report: dict[str, Any]) -> list[str]:
    """Each category under 100, with the audits that cost it points and the metrics."""
    lines = []
    audits = report["audits"]
    for key in CATEGORIES:
        category = report["categories"][key]
        if category["score"] == 1:
            continue
        lines.append(f"{category['title']}: {round(category['score'] * 100)}")
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            score = audit.get("score")
            if ref["weight"] and isinstance(score, int | float) and score < 1:
                lines.append(f"  {ref['id']}: {score} {audit.get('displayValue', '')}")
        if key == "performance":
            for hint in ("render-blocking-resources", "largest-contentful-paint-element",
                         "long-tasks"):
                for item in (audits[hint].get("details") or {}).get("items", []):
                    lines.append(f"  {hint}: {_described(item)}")
    return lines


def _described(item: dict[str, Any]) -> str:
    if "url" in item:
        extra = {k: round(v) for k, v in item.items()
                 if k in ("wastedMs", "duration", "startTime") and isinstance(v, int | float)}
        return f"{item['url']} {extra}"
    node = item.get("node") or {}
    if node:
        return str(node.get("snippet", ""))[:160]
    return json.dumps(item)[:160]


def scored(name: str, url: str) -> dict[str, Any]:
    """One page's report, its scores and metrics printed (pytest shows them on failure)."""
    report = lighthouse(url)
    audits = report["audits"]
    scores = {key: report["categories"][key]["score"] for key in CATEGORIES}
    print(f"{name}: {scores} ({metrics(audits)})")
    return report


def metrics(audits: dict[str, Any]) -> str:
    return ", ".join(f"{key} {audits[key].get('displayValue', '?')}" for key in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
        "cumulative-layout-shift", "speed-index"))


def fetched(report: dict[str, Any]) -> list[str]:
    return [item["url"] for item in report["audits"]["network-requests"]["details"]["items"]]


def test_home_claim_and_topic_pages_score_100_on_a_phone(site: Path) -> None:
    failures = []
    with static_host(site) as base:
        for name, path in PAGES.items():
            report = scored(name, base + path)
            if report["categories"]["performance"]["score"] != 1:
                report = scored(f"{name}, again", base + path)
            if any(report["categories"][key]["score"] != 1 for key in CATEGORIES):
                failures.append("\n".join([f"{name} ({base}{path}): {metrics(report['audits'])}",
                                           *shortfalls(report)]))
            # Material fetches and parses the sitemap beside every `link[rel=alternate]`;
            # the feed's link must not make every page download the whole site's list.
            assert base + "sitemap.xml" not in fetched(report), name
    assert not failures, "\n\n".join(failures)
