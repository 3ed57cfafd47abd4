"""Lighthouse, as a phone loads the site: the home page, a claim page and a topic page score
100 in performance, accessibility, best practices and SEO.

The real Lighthouse CLI (pinned in package-lock.json) runs Debian's chromium with its
defaults: a mobile device and simulated throttling (a slow 4G network, and the CPU time the
page took here multiplied by a slowdown). The site is served as a static host serves it:
text compressed with gzip when the browser accepts it (GitHub Pages, Netlify, Cloudflare
Pages and S3 behind a CDN all do; Python's http.server does not) and connections kept
alive. Uncompressed, the same pages cost 3.5 times the bytes, which no host a reader meets
sends.

The CPU slowdown is calibrated on every run, as Lighthouse's throttling guide describes:
each report gives the host's BenchmarkIndex, measured as the run starts, and the slowdown
is what brings a host of that index to the guide's reference phone (its mid-tier mobile, a
Moto G4 class device: 4x from a typical desktop of index 1533), never under 1, and never
over Lighthouse's default 4x, the slowdown the issue and PageSpeed Insights score with (on
a host of index 2,700 the guide would slow the CPU nine times, and Material's bundle alone
would keep every page under 100). A host slower than a typical desktop, or one so busy that
its index falls under 1,533, has its runs slowed less, so a slow CI runner and a fast laptop
score alike. A run whose slowdown is more than 10 % away from what its own index
calls for is run again at that slowdown; so is one under 100 in performance, as a busy
host's noise (other work preempting Chromium during the trace) comes and
goes, up to three runs more in all. A page that got slower by enough to cost a point (a
150 kB script in its head does: 97 on every run; a 45 kB one does not) fails.
"""

from __future__ import annotations

import gzip
import http.server
import io
import itertools
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from siteutil import REPO
from test_browser import serve

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
# Lighthouse's default CPU slowdown, and the points of its calibration (BenchmarkIndex, the
# slowdown that brings a host of that index to the reference phone), between and beyond
# which the slowdown is linear.
DEFAULT_SLOWDOWN = 4.0
CALIBRATION = ((150.0, 1.0), (800.0, 2.0), (1300.0, 3.0), (1533.0, 4.0))
# A run's slowdown is calibrated when it is within this fraction of what the run's own
# BenchmarkIndex calls for.
TOLERANCE = 0.1
# Runs, beyond one a page, that the test may spend on a page whose run was not calibrated
# or was under 100 in performance (a busy host's noise): each about 13 s.
RETRIES = 3


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


def lighthouse(url: str, *, slowdown: float = DEFAULT_SLOWDOWN,
               categories: tuple[str, ...] = CATEGORIES) -> dict[str, Any]:
    """Lighthouse's report of one page: mobile, simulated throttling, its CPU `slowdown`."""
    assert LIGHTHOUSE.exists(), "Lighthouse is not installed: run `npm ci` (scripts/test does)"
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (apt-get install chromium)"
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(categories)}", "--disable-full-page-screenshot",
         f"--throttling.cpuSlowdownMultiplier={slowdown:.2f}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
        timeout=120, check=False)
    assert run.returncode == 0, f"lighthouse exited {run.returncode}:\n{run.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(run.stdout)
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that makes a host of this BenchmarkIndex run like the reference
    phone, as Lighthouse's throttling guide calibrates it ("Calibrating the CPU slowdown",
    docs/throttling.md, and the slowdown calculator it links): 2x at 800, 3x at 1300, then
    one more for every 233 (4x at 1533, a typical desktop; 6x at 2000), and 1x at 150, the
    reference itself. Never under 1: a host slower than the phone cannot be sped up."""
    (low_index, low), (high_index, high) = next(
        (pair for pair in itertools.pairwise(CALIBRATION) if benchmark_index < pair[1][0]),
        CALIBRATION[-2:])
    slope = (high - low) / (high_index - low_index)
    return max(1.0, low + (benchmark_index - low_index) * slope)


def run_slowdown(benchmark_index: float) -> float:
    """The slowdown a run uses: calibrated to the host, at most Lighthouse's default."""
    return min(DEFAULT_SLOWDOWN, calibrated_slowdown(benchmark_index))


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


def scored(name: str, url: str, slowdown: float) -> dict[str, Any]:
    """One page's report, its scores, metrics and calibration printed (pytest shows them on
    failure, and with -s)."""
    report = lighthouse(url, slowdown=slowdown)
    index = report["environment"]["benchmarkIndex"]
    scores = " ".join(f"{key} {round(report['categories'][key]['score'] * 100)}"
                      for key in CATEGORIES)
    print(f"{name}: {scores}; {metrics(report['audits'])}; BenchmarkIndex {index:.0f}, "
          f"CPU slowdown {slowdown:.2f} (calibrated {run_slowdown(index):.2f}, "
          f"uncapped {calibrated_slowdown(index):.2f})")
    return report


def metrics(audits: dict[str, Any]) -> str:
    return ", ".join(f"{key} {audits[key].get('displayValue', '?')}" for key in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
        "cumulative-layout-shift", "speed-index"))


def fetched(report: dict[str, Any]) -> list[str]:
    return [item["url"] for item in report["audits"]["network-requests"]["details"]["items"]]


def test_home_claim_and_topic_pages_score_100_on_a_phone(site: Path) -> None:
    failures = []
    slowdown = DEFAULT_SLOWDOWN
    retries = RETRIES
    with serve(site, _StaticHost) as base:
        for name, path in PAGES.items():
            for attempt in range(1 + RETRIES):
                report = scored(f"{name} ({attempt + 1})", base + path, slowdown)
                # Material fetches and parses the sitemap beside every `link[rel=alternate]`;
                # the feed's link must not make every page download the whole site's list.
                assert base + "sitemap.xml" not in fetched(report), name
                wanted = run_slowdown(report["environment"]["benchmarkIndex"])
                calibrated = abs(slowdown - wanted) <= TOLERANCE * wanted
                # The next run follows the host as this run measured it.
                slowdown = wanted
                fast = report["categories"]["performance"]["score"] == 1
                if (calibrated and fast) or not retries:
                    break
                retries -= 1
            if not calibrated or any(report["categories"][key]["score"] != 1
                                     for key in CATEGORIES):
                failures.append("\n".join([
                    f"{name} ({base}{path}): {metrics(report['audits'])}"
                    + ("" if calibrated else "; the run's slowdown was not calibrated"),
                    *shortfalls(report)]))
    assert not failures, "\n\n".join(failures)
