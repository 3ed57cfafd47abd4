"""The site at scale, in one run: this code, an earlier code and plain mkdocs-material.

Run by hand, not by the test suite:

    .venv/bin/python benchmarks/site_scale.py [--sizes 625,2500,10000] [--rounds 2]
                                              [--against DIR] [--queries Q1,Q2,...]
                                              [--keep DIR] [--json FILE] [--only-search]
                                              [--no-browser] [--no-preview]
    .venv/bin/python benchmarks/site_scale.py --cards --baseline DIR [--rounds 2]

For each size the synthetic corpus of corpus.py (claims, claims/4 sources, three quotes a
claim) is written, with the hand-written pages the nav names copied from this repository's
`content/`, and committed to a fresh git repository (one commit), so the build reads
history as it does in a real clone. Three builds are then measured, as subprocesses, by
wall clock:

- this code's `factcheck build` (check, MkDocs with mkdocs-material through the plugin,
  Pagefind), on its own copy of the project;
- with `--against DIR`, the earlier code's, DIR being a checkout of an earlier commit (e.g.
  a git worktree), run with this interpreter and `PYTHONPATH` pointing at it, on another
  copy, so that each code keeps its own cache of share cards;
- the plain baseline: `mkdocs build` of a lean mkdocs-material site of the same pages of
  the same text. For every page of this code's site (each generated `index.html`: claims,
  sources, listings, hand-written pages) it holds a Markdown page at the same URL with the
  visible text of that page's `<article>` (headings kept as headings, every other block a
  paragraph): bodies only. Its nav is the project's own dozen entries, every other page
  out of it, so nothing grows with the number of pages but the pages themselves and what
  MkDocs writes one entry a page for (the sitemap, and the built-in search's index, the
  text of the page); the same theme config (palette, features, Markdown extensions) and
  Material's built-in search plugin.

An untimed first build of each fills the share cards and the disk cache; then the three
run in turn, `--rounds` times, with `factcheck check` after each code's build, and the
medians are reported, with each code's ratio to the plain build and its seconds per
1,000 claims. Then, for each code:

- bytes of one query: the built site is served on 127.0.0.1 by http.server (no
  compression; Pagefind's index files are compressed already) and a claim page is opened
  in Chromium (Playwright, headless, a fresh browser and empty cache a query); the script
  presses `/`, types the query one key at a time as a reader would, waits for
  `.fc-search-result` and for the network to settle, and sums the body sizes of every
  response under `/pagefind/`, by kind of request. Each query of `--queries` (1 to 3
  words) is measured; the worst counts. For the plain site, the size of the search index
  Material's search loads whole;
- the preview: `factcheck serve` is started on the code's project and, once it serves,
  three claims' summaries are edited one after the other, then a new source is added (its
  file and its pin in `sources.lock`), then a new claim quoting it; for each, the time
  from saving until the server returns the page showing it (the edit, or the new page),
  polled over HTTP every 20 ms. The files are put back afterwards.

Peak memory of a build is sampled from /proc every 50 ms over its process tree (Linux
only): the tree's summed resident set size, and the sum over its Python processes alone
(Pagefind's indexer, a child of the build, is not Python); the largest over the rounds.

The goals (issue #23's "Done when", for this code at 10,000 claims, or at the largest size
measured), printed as pass or fail: the full build at most 1.5x the plain build (the aim
is 1.0x); the preview at most 1 s (the slowest claim edit, new source or new claim); one
query at most 250 kB; peak memory of the process tree at most 2.5 GB, of Python alone at
most 0.5 GB.

`--cards` measures the share cards' cost alone, on the same project: today's build, by the
code of `--baseline` (a checkout of the project from before share cards, run with this
interpreter and `PYTHONPATH` pointing at it); a cold build, with the card cache
(`<project>/.cache/factcheck/cards/`) emptied first; and a warm build, with every card
kept. Each build writes into a folder that does not exist yet. The three run in turn,
`--rounds` times, and the medians are compared; then edit-to-preview is measured in
`factcheck serve` of today's code and of this one (cards kept), unless `--no-preview`. The
goal: a warm build takes at most 1.05x today's.

kB, MB and GB are powers of ten. The machine's other work shows in the wall times; the
ratios, measured in the same run, are what to compare. Exit status: 0 when every goal
that could be judged is met, 1 when one is not, 2 when a build or the browser fails.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlparse

import yaml
from corpus import body_sha256, make_claim, make_source, write_corpus, write_text

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HAND_WRITTEN = ("index.md", "methodology.md", "corrections.md", "about.md", "contributing.md")
CHROMIUM = "/usr/bin/chromium"  # Debian's chromium, as the browser tests use
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SUMMARY_EDIT = "Edited for the edit-to-preview benchmark."
# The history the corpus is committed with: after every date the corpus writes.
COMMIT_DATE = "2027-01-01T12:00:00+00:00"

# Queries of one to three words a reader of the corpus would type; the worst one counts.
QUERIES = ("ceasefire", "peacekeepers", "peace talks", "Azerbaijan border checkpoint")

BASE_CLAIMS = 625
GOAL_AT = 10_000  # the size the goals are stated for
GOAL_RATIO = 1.5  # the full build, against the plain build
GOAL_PREVIEW = 1.0  # seconds
GOAL_QUERY = 250_000  # bytes
GOAL_TREE = 2_500_000_000  # bytes, the build's process tree
GOAL_PYTHON = 500_000_000  # bytes, its Python processes alone
GOAL_WARM_CARDS = 1.05  # a build with every share card kept, against today's build


# -- running and measuring ---------------------------------------------------------------


def tool(name: str) -> str:
    """A console script installed beside this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"site_scale: `{name}` is not installed")
    return found


def is_python(pid: int) -> bool:
    """Whether `pid` runs a Python interpreter now (its executable's name says so). Read
    at every sample: `python -m pagefind` execs Pagefind's binary in the same process."""
    try:
        return "python" in os.readlink(f"/proc/{pid}/exe").rsplit("/", 1)[-1]
    except OSError:
        return False


def tree_rss(root: int) -> tuple[int, int]:
    """Resident bytes of `root` and every descendant now, from /proc, in all and in its
    Python processes alone ((0, 0) if unreadable)."""
    total, in_python, todo, seen = 0, 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            rss = int(match.group(1)) * 1024 if match else 0
            total += rss
            in_python += rss if is_python(pid) else 0
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total, in_python


class TreeSampler(threading.Thread):
    """Samples a process tree's total RSS, and its Python processes' alone, until stopped;
    the peaks are None off Linux. Pagefind's indexer is a child of the build, not Python."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        linux = Path("/proc/self/task").is_dir()
        self.peak: int | None = 0 if linux else None
        self.python_peak: int | None = 0 if linux else None
        self._halt = threading.Event()

    def run(self) -> None:
        while self.peak is not None and not self._halt.is_set():
            total, in_python = tree_rss(self.pid)
            self.peak = max(self.peak, total)
            self.python_peak = max(self.python_peak or 0, in_python)
            self._halt.wait(self.every)

    def stop(self) -> tuple[int | None, int | None]:
        self._halt.set()
        self.join()
        return self.peak, self.python_peak


@dataclass(frozen=True)
class Run:
    """One subprocess: wall time, exit code, and its tree's peak memory in bytes."""

    seconds: float
    returncode: int
    max_rss: int  # largest single process of the tree (ru_maxrss)
    tree_peak: int | None  # largest sampled sum over the tree
    python_peak: int | None  # largest sampled sum over the tree's Python processes


def run(cmd: Sequence[str], log: Path, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> Run:
    """Run `cmd` with output to `log`; wall time from start to reaping, and peak memory."""
    with log.open("ab") as out:
        out.write(f"$ {' '.join(cmd)}\n".encode())
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        tree_peak, python_peak = sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    max_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(seconds, proc.returncode, max_rss, tree_peak, python_peak)


def must(result: Run, what: str, log: Path) -> Run:
    if result.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-30:]
        print("\n".join(tail), file=sys.stderr)
        print(f"site_scale: {what} failed ({result.returncode}); log: {log}", file=sys.stderr)
        raise SystemExit(2)
    return result


def folder_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


# -- the project -------------------------------------------------------------------------


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}
    subprocess.run(["git", "-c", "user.name=Benchmark", "-c", "user.email=bench@example.invalid",
                    "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", *args],
                   cwd=root, env=env, check=True, capture_output=True)


def make_project(root: Path, claims: int, seed: int, use_git: bool) -> None:
    """The corpus, the hand-written pages of the nav, and (optionally) one git commit."""
    write_corpus(root, claims, seed)
    for name in HAND_WRITTEN:
        if not (root / "content" / name).exists():
            shutil.copyfile(REPO / "content" / name, root / "content" / name)
    if use_git and shutil.which("git"):
        git(root, "init", "--quiet", "--initial-branch=main")
        git(root, "add", "--all")
        git(root, "commit", "--quiet", "--message", "Synthetic corpus")


def edit_claim(path: Path, marker: str) -> None:
    """Change a claim's summary: `marker` starts its folded `summary: >-` block."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("summary: >-") + 1
    lines[at] = f"  {marker} {lines[at].strip()}"
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


# -- the plain mkdocs-material baseline --------------------------------------------------


class ArticleText(HTMLParser):
    """The visible text of a page's first <article>, as Markdown blocks."""

    BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "blockquote", "figcaption", "pre",
                        "div", "section", "header", "footer", "details", "summary", "table",
                        "tr", "ul", "ol", "dl", "figure", "aside", "nav", "form", "br", "hr"})
    HIDDEN = frozenset({"script", "style", "svg", "template", "noscript", "button", "select"})
    HEADINGS: ClassVar[dict[str, int]] = {f"h{n}": n for n in range(1, 7)}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting of <article> elements, once inside the first
        self.done = False
        self.hidden = 0
        self.headerlink = False
        self.heading = 0
        self.buffer: list[str] = []
        self.blocks: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if not text:
            return
        text = html.escape(text, quote=False)
        text = re.sub(r"([\\`*_\[\]|#{}!])", r"\\\1", text)
        self.blocks.append(f"{'#' * self.heading} {text}" if self.heading else text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self.headerlink = True
        elif tag in self.HEADINGS:
            self.flush()
            self.heading = self.HEADINGS[tag]
        elif tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.done or not self.depth:
            return
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "a":
            self.headerlink = False
        elif tag in self.HEADINGS:
            self.flush()
            self.heading = 0
        elif tag in self.BLOCKS:
            self.flush()
        if tag == "article":
            self.depth -= 1
            if not self.depth:
                self.flush()
                self.done = True

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done and not self.hidden and not self.headerlink:
            self.buffer.append(data)


def article_markdown(page: Path) -> str:
    parser = ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return "\n\n".join(parser.blocks) + "\n"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` becomes the variable's value or default."""


def _env(loader: ConfigLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        names = loader.construct_sequence(node)
        *keys, default = names if len(names) > 1 else [*names, None]
        return next((os.environ[k] for k in keys if k in os.environ), default)
    return os.environ.get(str(loader.construct_scalar(node)))  # type: ignore[arg-type]


ConfigLoader.add_constructor("!ENV", _env)


def nav_page(path: str) -> str:
    """A nav entry's page in the plain site, where every page is `<url>/index.md`."""
    return path if path == "index.md" or path.endswith("/index.md") else path[:-3] + "/index.md"


def plain_nav(nav: Any) -> Any:
    if isinstance(nav, list):
        return [plain_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {key: plain_nav(value) for key, value in nav.items()}
    return nav_page(nav) if isinstance(nav, str) and nav.endswith(".md") else nav


def make_plain(project: Path, site: Path, plain: Path) -> int:
    """Write the plain project for `site` into `plain`; returns the number of pages."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), ConfigLoader)
    keep = ("site_name", "site_description", "site_url", "strict", "theme",
            "markdown_extensions", "nav")
    plain_config = {key: config[key] for key in keep if key in config}
    plain_config.update(docs_dir="docs", plugins=["search"], nav=plain_nav(config.get("nav")))
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    docs.mkdir(parents=True)
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(plain_config, sort_keys=False,
                                                     allow_unicode=True), encoding="utf-8")
    pages = 0
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site)
        if rel.parts[:1] == ("pagefind",):
            continue
        target = docs / rel / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_markdown(page), encoding="utf-8", newline="\n")
        pages += 1
    return pages


# -- search in a real browser ------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Transfer:
    size: int
    requests: int
    results: str  # the dialog's status line, e.g. "123 results, showing 10"
    kinds: dict[str, tuple[int, int]]  # request kind -> (requests, bytes)


def request_kind(path: str) -> str:
    """What a file of Pagefind's bundle is: script, wasm, entry, meta, filter, index, fragment."""
    name = path.rsplit("/", 1)[-1]
    for part, kind in (("/fragment/", "fragment"), ("/index/", "index"), ("/filter/", "filter")):
        if part in path:
            return kind
    if name.endswith(".pf_meta"):
        return "meta"
    if "wasm" in name:
        return "wasm"
    if name.endswith(".json"):
        return "entry"
    if name.endswith(".js"):
        return "script"
    return "other"


def kinds_text(kinds: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{kind} {kb(size)} ({count})" for kind, (count, size)
                     in sorted(kinds.items(), key=lambda kv: -kv[1][1]))


def search_transfer(site: Path, page: str, query: str, chromium: str) -> Transfer:
    """Bytes under /pagefind/ that one query costs a reader who opens `page` and searches."""
    from playwright.sync_api import Response, sync_playwright

    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True,
                                        args=BROWSER_ARGS)
            try:
                tab = browser.new_context().new_page()
                responses: list[Response] = []
                tab.on("response", lambda r: responses.append(r))
                tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{page}",
                         wait_until="load")
                tab.wait_for_selector(".fc-search-button", state="attached")
                tab.keyboard.press("/")
                tab.wait_for_selector(".fc-search-input:focus")
                tab.keyboard.type(query, delay=80)
                tab.wait_for_selector(".fc-search-result", timeout=120_000)
                settled, seen = 0, -1
                while settled < 3:  # no new response for 3 x 0.5 s
                    tab.wait_for_timeout(500)
                    settled = settled + 1 if len(responses) == seen else 0
                    seen = len(responses)
                status = tab.inner_text(".fc-search-status")
                ours = [r for r in responses if urlparse(r.url).path.startswith("/pagefind/")]
                kinds: dict[str, tuple[int, int]] = {}
                for r in ours:
                    kind = request_kind(urlparse(r.url).path)
                    count, total = kinds.get(kind, (0, 0))
                    kinds[kind] = (count + 1, total + len(r.body()))
                size = sum(total for _, total in kinds.values())
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return Transfer(size, len(ours), status, kinds)


# -- the preview in `factcheck serve` ---------------------------------------------------


class PreviewError(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Change:
    """A change saved while `factcheck serve` runs, and what shows it: the page at `page`
    (a URL path) served with `shows` in it, or served at all when `shows` is empty."""

    kind: str  # "claim edit", "new source" or "new claim"
    save: Callable[[], None]
    page: str
    shows: str
    files: tuple[Path, ...]  # what saving it writes, to put back afterwards


def claim_edits(claim_files: Sequence[Path], tag: str = "") -> list[Change]:
    """Three claims' summaries edited, a quarter, half and three quarters into the list;
    `tag` tells the edits of one measurement from another's on the same project."""
    out = []
    for n, k in enumerate((1, 2, 3)):
        path = claim_files[len(claim_files) * k // 4]
        marker = f"{SUMMARY_EDIT} ({os.getpid()}.{tag}{n})"
        out.append(Change("claim edit", functools.partial(edit_claim, path, marker),
                          f"claims/{path.stem}/", marker, (path,)))
    return out


def new_pages(project: Path, claims: int, seed: int) -> list[Change]:
    """A new source (its file, then its pin, as `factcheck pin` writes it) and then a new
    claim quoting it three times, both made by the corpus's own generator."""
    rng = random.Random(f"new pages {seed}")
    doc, text = make_source(rng, len(list((project / "sources").glob("*.md"))))
    slug, claim = make_claim(rng, claims, [doc])
    source = project / "sources" / f"{doc.id}.md"
    lock = project / "sources.lock"
    claim_file = project / "content" / "claims" / f"{slug}.md"

    def add_source() -> None:
        write_text(source, text)
        lines = lock.read_text(encoding="utf-8").splitlines(keepends=True)
        pins = [line for line in lines if not line.startswith("#")]
        pins.append(f"{doc.id} sha256:{body_sha256(text)}\n")
        write_text(lock, "".join([line for line in lines if line.startswith("#")]
                                 + sorted(pins)))

    return [Change("new source", add_source, f"sources/{doc.id}/", "", (source, lock)),
            Change("new claim", functools.partial(write_text, claim_file, claim),
                   f"claims/{slug}/", "", (claim_file,))]


@contextlib.contextmanager
def put_back(paths: Sequence[Path]) -> Iterator[None]:
    """On leaving, `paths` hold what they held on entering; those that did not exist are
    deleted. The project is then reusable (`--keep`) and equal for every code."""
    before = {path: path.read_bytes() if path.exists() else None for path in paths}
    try:
        yield
    finally:
        for path, data in before.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)


def preview_times(project: Path, changes: Sequence[Change], log: Path,
                  ready_within: float = 3600, shown_within: float = 600,
                  env: dict[str, str] | None = None) -> list[float]:
    """Seconds from saving each change until `factcheck serve` serves the page showing it,
    polled over HTTP every 20 ms, one change at a time."""
    port = free_port()
    cmd = [tool("factcheck"), "serve", "--root", str(project), "--dev-addr",
           f"127.0.0.1:{port}"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + ready_within
        while fetch(f"http://127.0.0.1:{port}/") is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise PreviewError(f"`factcheck serve` did not start; see {log}")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        times = []
        for change in changes:
            url = f"http://127.0.0.1:{port}/{change.page}"
            start = time.perf_counter()
            change.save()
            while (page := fetch(url)) is None or change.shows not in page:
                if server.poll() is not None:
                    raise PreviewError(f"`factcheck serve` stopped; see {log}")
                if time.perf_counter() - start > shown_within:
                    raise PreviewError(f"{change.kind} ({change.page}): not shown within "
                                       f"{shown_within:g} s; see {log}")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            time.sleep(1)
        return times
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        # The server's background Pagefind may outlive it; it would weigh on what is
        # measured next. It is in the server's session, started for it alone.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)


# -- one size: this code, the earlier code and the plain baseline, in turn ---------------


@dataclass
class Figures:
    """One code's figures at one size ("this", "earlier" or "plain"); None: not measured."""

    builds: list[float] = field(default_factory=list)  # seconds, one a round
    checks: list[float] = field(default_factory=list)
    tree_peak: int | None = None  # bytes, the largest over the rounds
    python_peak: int | None = None
    queries: dict[str, int] = field(default_factory=dict)  # query -> bytes under /pagefind/
    query_kinds: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    edits: list[float] = field(default_factory=list)  # preview of three claim edits
    new_source: float | None = None
    new_claim: float | None = None
    index_bytes: int | None = None  # the plain site's search index, loaded whole

    @property
    def build(self) -> float | None:
        return statistics.median(self.builds) if self.builds else None

    @property
    def check(self) -> float | None:
        return statistics.median(self.checks) if self.checks else None

    @property
    def worst_query(self) -> tuple[str, int] | None:
        return max(self.queries.items(), key=lambda kv: kv[1]) if self.queries else None

    @property
    def preview(self) -> float | None:
        """The slowest change shown in `serve`: claim edits, new source, new claim."""
        times = [*self.edits, *(t for t in (self.new_source, self.new_claim) if t is not None)]
        return max(times) if times else None


@dataclass
class Size:
    claims: int
    sources: int = 0
    pages: int = 0
    rounds: int = 0
    codes: dict[str, Figures] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def ratio(self, code: str) -> float | None:
        """A code's median build over the plain baseline's."""
        build, plain = self.codes[code].build, self.codes.get("plain", Figures()).build
        return None if build is None or not plain else build / plain

    def per_thousand(self, code: str) -> float | None:
        build = self.codes[code].build
        return None if build is None else build / self.claims * 1e3


def measure_size(claims: int, work: Path, args: argparse.Namespace) -> Size:
    """Every figure at one size. Each code builds its own copy of the project, so each
    keeps its own share cards; an untimed first build of each fills them (and the disk
    cache). Then, `--rounds` times, in turn: this code's build and check, the earlier
    code's, and the plain build. Then the queries on each code's last site, and the
    preview in each code's `factcheck serve`."""
    out = work / f"claims-{claims}"
    log = out / "log.txt"
    projects = {"this": out / "project"}
    if (projects["this"] / "content" / "claims").is_dir():
        print(f"  reusing the project in {projects['this']}")
    else:
        out.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        make_project(projects["this"], claims, args.seed, not args.no_git)
        print(f"  wrote the project in {time.perf_counter() - start:.1f} s")
    envs: dict[str, dict[str, str] | None] = {"this": None}
    if args.against is not None:
        projects["earlier"] = out / "project-earlier"
        if not projects["earlier"].is_dir():
            shutil.copytree(projects["this"], projects["earlier"], symlinks=True)
        envs["earlier"] = {**os.environ, "PYTHONPATH": str(args.against.resolve())}
    sites = {code: out / f"site-{code}" for code in (*projects, "plain")}
    claim_files = sorted((projects["this"] / "content" / "claims").glob("*.md"))
    fig = Size(claims, len(list((projects["this"] / "sources").glob("*.md"))),
               rounds=0 if args.only_search else args.rounds)
    fig.codes = {code: Figures() for code in projects}
    factcheck, mkdocs = tool("factcheck"), tool("mkdocs")

    def build(code: str) -> Run:
        shutil.rmtree(sites[code], ignore_errors=True)
        cmd = ([mkdocs, "build", "--quiet", "-f", str(out / "plain" / "mkdocs.yml"), "-d",
                str(sites[code])] if code == "plain" else
               [factcheck, "build", "--root", str(projects[code]), "--site-dir",
                str(sites[code])])
        return must(run(cmd, log, env=envs.get(code)), f"{code} build", log)

    for code in projects:
        first = build(code)
        print(f"  first build, untimed: {code} code {first.seconds:.1f} s", flush=True)
    if not args.only_search:
        fig.pages = make_plain(projects["this"], sites["this"], out / "plain")
        fig.codes["plain"] = Figures()
        print(f"  first build, untimed: plain, {fig.pages:,} pages "
              f"{build('plain').seconds:.1f} s", flush=True)
    for n in range(1, fig.rounds + 1):
        for code, f in fig.codes.items():
            built = build(code)
            f.builds.append(built.seconds)
            f.tree_peak = max(f.tree_peak or 0, built.tree_peak or built.max_rss)
            f.python_peak = max(f.python_peak or 0, built.python_peak or 0) or None
            line = f"  round {n}: {code} build {built.seconds:.1f} s"
            if code != "plain":
                cmd = [factcheck, "check", "--root", str(projects[code])]
                f.checks.append(must(run(cmd, log, env=envs[code]), f"{code} check",
                                     log).seconds)
                line += f", check {f.checks[-1]:.1f} s"
            print(line, flush=True)
    if "plain" in fig.codes:
        index = sites["plain"] / "search" / "search_index.json"
        fig.codes["plain"].index_bytes = index.stat().st_size if index.is_file() else None

    for code in projects if not args.no_browser else ():
        for query in args.queries:
            try:
                found = search_transfer(sites[code], f"claims/{claim_files[0].stem}/", query,
                                        args.chromium)
            except Exception as exc:  # the browser is optional: report, carry on
                fig.notes.append(f"{code} code, query {query!r} not measured: "
                                 f"{type(exc).__name__}: {exc}")
                print(f"  {fig.notes[-1]}", file=sys.stderr)
                continue
            fig.codes[code].queries[query] = found.size
            fig.codes[code].query_kinds[query] = found.kinds
            print(f"  {code} code, query {query!r}: {kb(found.size)} in {found.requests} "
                  f"requests ({found.results}); {kinds_text(found.kinds)}", flush=True)

    for code in projects if not (args.no_preview or args.only_search) else ():
        own = sorted((projects[code] / "content" / "claims").glob("*.md"))
        changes = claim_edits(own, code) + new_pages(projects[code], claims, args.seed)
        try:
            with put_back([path for change in changes for path in change.files]):
                times = preview_times(projects[code], changes, out / f"serve-{code}-log.txt",
                                      env=envs[code])
        except PreviewError as exc:
            fig.notes.append(f"{code} code, preview not measured: {exc}")
            print(f"  {fig.notes[-1]}", file=sys.stderr)
            continue
        f = fig.codes[code]
        f.edits, (f.new_source, f.new_claim) = times[:3], times[3:]
        print(f"  {code} code, preview in `factcheck serve`: claim edits "
              + ", ".join(f"{t:.2f} s" for t in f.edits)
              + f"; new source {f.new_source:.2f} s, new claim quoting it "
              f"{f.new_claim:.2f} s", flush=True)
    return fig


# -- share cards: today's build, cold and warm ------------------------------------------


@dataclass
class Cards:
    claims: int
    rounds: int = 0
    today: float = 0.0  # median seconds
    cold: float = 0.0
    warm: float = 0.0
    times: dict[str, list[float]] = field(default_factory=dict)
    peaks: dict[str, int] = field(default_factory=dict)  # largest peak of each kind, bytes
    cards: int = 0  # card files in the warm site
    cache_bytes: int = 0
    card_bytes: int = 0  # the warm site's card files
    # Edit-to-preview in `factcheck serve`, slowest of three edits: today's, with cards.
    preview: dict[str, float] = field(default_factory=dict)

    @property
    def warm_ratio(self) -> float:
        return self.warm / self.today

    @property
    def cold_ratio(self) -> float:
        return self.cold / self.today


def measure_cards(claims: int, work: Path, args: argparse.Namespace) -> Cards:
    out = work / f"claims-{claims}"
    project, log = out / "project", out / "cards-log.txt"
    if (project / "content" / "claims").is_dir():
        print(f"  reusing the project in {project}")
    else:
        out.mkdir(parents=True, exist_ok=True)
        make_project(project, claims, args.seed, not args.no_git)
    baseline = args.baseline.resolve()
    cache = project / ".cache" / "factcheck" / "cards"
    factcheck = tool("factcheck")
    today_env = {**os.environ, "PYTHONPATH": str(baseline)}
    # Read every file once, untimed, so the first timed build does not pay the disk alone.
    must(run([factcheck, "check", "--root", str(project)], log), "factcheck check", log)
    fig = Cards(claims, args.rounds, times={"today": [], "cold": [], "warm": []})
    for n in range(args.rounds):
        for kind in ("today", "cold", "warm"):
            site = out / f"site-{kind}"
            shutil.rmtree(site, ignore_errors=True)
            if kind == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            cmd = [factcheck, "build", "--root", str(project), "--site-dir", str(site)]
            built = must(run(cmd, log, env=today_env if kind == "today" else None),
                         f"factcheck build ({kind})", log)
            fig.times[kind].append(built.seconds)
            fig.peaks[kind] = max(fig.peaks.get(kind, 0), built.tree_peak or built.max_rss)
            print(f"  round {n + 1}: {kind} build {built.seconds:.1f} s", flush=True)
    fig.today, fig.cold, fig.warm = (statistics.median(fig.times[k])
                                     for k in ("today", "cold", "warm"))
    if any((out / "site-today" / "claims").glob("*/card.png")):
        raise SystemExit(f"site_scale: the baseline {baseline} draws share cards: point "
                         "--baseline at a checkout from before them")
    found = list((out / "site-warm" / "claims").glob("*/card.png"))
    fig.cards, fig.card_bytes = len(found), sum(p.stat().st_size for p in found)
    fig.cache_bytes = folder_bytes(cache)
    if args.no_preview:
        return fig
    claim_files = sorted((project / "content" / "claims").glob("*.md"))
    for kind, env in (("today", today_env), ("warm", None)):
        changes = claim_edits(claim_files, kind)
        try:
            with put_back([path for change in changes for path in change.files]):
                times = preview_times(project, changes, out / f"serve-{kind}-log.txt",
                                      env=env)
        except PreviewError as exc:
            print(f"  preview ({kind}) not measured: {exc}", file=sys.stderr)
            continue
        fig.preview[kind] = max(times)
        print(f"  edit-to-preview ({kind}): " + ", ".join(f"{t:.2f} s" for t in times),
              flush=True)
    return fig


def cards_report(figs: list[Cards]) -> int:
    failed = False
    for f in figs:
        judged = judge(f.warm_ratio <= GOAL_WARM_CARDS)
        failed = failed or judged == "FAIL"
        runs = {k: ", ".join(f"{t:.1f}" for t in v) for k, v in f.times.items()}
        print(f"\nshare cards at {f.claims:,} claims (median of {f.rounds} rounds, "
              "run in turn):")
        print(f"  today's build, no cards      {f.today:7.1f} s   ({runs['today']})")
        print(f"  cold build, no card kept     {f.cold:7.1f} s   ({runs['cold']}); "
              f"{f.cold_ratio:.2f}x today")
        print(f"  warm build, every card kept  {f.warm:7.1f} s   ({runs['warm']}); "
              f"{f.warm_ratio:.2f}x today")
        print(f"  peak memory (process tree): today {mb(f.peaks['today'])}, cold "
              f"{mb(f.peaks['cold'])}, warm {mb(f.peaks['warm'])}")
        print(f"  {f.cards:,} cards in the site, {mb(f.card_bytes)}; the cache holds "
              f"{mb(f.cache_bytes)}")
        if f.preview:
            print("  edit-to-preview in `factcheck serve`, slowest of three edits: "
                  + ", ".join(f"{k} {v:.2f} s" for k, v in f.preview.items()))
        print(f"  {judged:>12}  warm build <= {GOAL_WARM_CARDS}x today's: "
              f"{f.warm_ratio:.3f}x")
    return 1 if failed else 0


# -- the report --------------------------------------------------------------------------


def kb(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1e3:,.1f} kB"


def mb(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1e6:,.0f} MB"


@dataclass(frozen=True)
class Goal:
    text: str
    verdict: str  # "pass", "FAIL" or "not measured"
    detail: str


def judge(ok: bool | None) -> str:
    return "not measured" if ok is None else ("pass" if ok else "FAIL")


def markdown_table(head: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])


def nbytes(n: int | None) -> str:
    return f"{n / 1e6:,.1f} MB" if n is not None and n >= 1e6 else kb(n)


def seconds(t: float | None) -> str:
    return "–" if t is None else f"{t:.1f} s" if t >= 10 else f"{t:.2f} s"


def times_text(f: Figures, what: str) -> str:
    """A median and, when there were several rounds, each round's figure."""
    runs = f.builds if what == "build" else f.checks
    median = f.build if what == "build" else f.check
    if len(runs) < 2:
        return seconds(median)
    return f"{seconds(median)} ({', '.join(f'{t:.1f}' for t in runs)})"


def column(fig: Size, code: str) -> list[str]:
    """One code's cells of the size's table, in the order of `ROWS`."""
    f = fig.codes[code]
    ratio = fig.ratio(code)
    build = times_text(f, "build") + ("" if ratio is None or code == "plain"
                                      else f", {ratio:.2f}× plain")
    per = fig.per_thousand(code)
    worst = f.worst_query
    query = (f"{kb(worst[1])} (`{worst[0]}`)" if worst else
             f"{nbytes(f.index_bytes)}, the whole index" if f.index_bytes else "–")
    new = ("–" if f.new_source is None or f.new_claim is None
           else f"{seconds(f.new_source)} / {seconds(f.new_claim)}")
    return [build, "–" if per is None else f"{per:.2f} s",
            f"{mb(f.tree_peak)} / {mb(f.python_peak)}" if f.tree_peak else "–", query,
            seconds(max(f.edits)) if f.edits else "–", new,
            times_text(f, "check") if f.checks else "–"]


ROWS = ("full build (median)", "seconds per 1,000 claims",
        "peak memory, process tree / Python alone", "bytes of one query, worst of the list",
        "preview: claim edit, slowest of three", "preview: new source / new claim quoting it",
        "`factcheck check`")
NAMES = {"this": "this code", "earlier": "earlier code", "plain": "plain Material"}


def goals(fig: Size) -> list[Goal]:
    """The issue's goals, for this code, at `fig`'s size (the earlier code's for
    comparison in the detail)."""
    this = fig.codes["this"]

    def detail(value: Callable[[str], str]) -> str:
        return value("this") + (f" (earlier code {value('earlier')})"
                                if "earlier" in fig.codes else "")

    def ratio(code: str) -> str:
        found = fig.ratio(code)
        return "–" if found is None else f"{found:.2f}x"

    def query(code: str) -> str:
        worst = fig.codes[code].worst_query
        return "–" if worst is None else kb(worst[1])

    build, worst = fig.ratio("this"), this.worst_query
    return [
        Goal(f"full build <= {GOAL_RATIO:g}x the plain build (aim 1.0x)",
             judge(None if build is None else build <= GOAL_RATIO), detail(ratio)),
        Goal(f"preview <= {GOAL_PREVIEW:g} s (claim edit, new source, new claim)",
             judge(None if this.preview is None else this.preview <= GOAL_PREVIEW),
             detail(lambda c: seconds(fig.codes[c].preview))),
        Goal(f"one query <= {kb(GOAL_QUERY)}",
             judge(None if worst is None else worst[1] <= GOAL_QUERY), detail(query)),
        Goal(f"peak memory of the process tree <= {GOAL_TREE / 1e9:g} GB",
             judge(None if this.tree_peak is None else this.tree_peak <= GOAL_TREE),
             detail(lambda c: mb(fig.codes[c].tree_peak))),
        Goal(f"peak memory of Python alone <= {GOAL_PYTHON / 1e9:g} GB",
             judge(None if this.python_peak is None else this.python_peak <= GOAL_PYTHON),
             detail(lambda c: mb(fig.codes[c].python_peak))),
    ]


def report(figs: list[Size], queries: Sequence[str]) -> int:
    """A table a size, like the issue's; the seconds per 1,000 claims and the ratio at
    every size; the goals at 10,000 claims, or at the largest size when not measured."""
    for fig in figs:
        codes = list(fig.codes)
        print(f"\nAt {fig.claims:,} claims, {fig.sources:,} sources, {fig.pages:,} pages "
              f"(median of {fig.rounds} round{'s' if fig.rounds != 1 else ''}, run in turn):\n")
        cells = [column(fig, code) for code in codes]
        print(markdown_table(["", *(NAMES[c] for c in codes)],
                             [[name, *(c[i] for c in cells)] for i, name in enumerate(ROWS)]))
        for note in fig.notes:
            print(f"\nnote: {note}")
    coded = [c for c in NAMES if c in figs[0].codes]
    print("\nSeconds per 1,000 claims, and the ratio to the plain build:\n")
    print(markdown_table(["", *(f"{f.claims:,} claims" for f in figs)], [
        [f"{NAMES[c]}, s per 1,000 claims",
         *(f"{f.per_thousand(c):.2f}" if f.per_thousand(c) is not None else "–" for f in figs)]
        for c in coded] + [
        [f"{NAMES[c]} / plain", *(f"{f.ratio(c):.2f}×" if f.ratio(c) else "–" for f in figs)]
        for c in coded if c != "plain"]))
    at = next((f for f in figs if f.claims == GOAL_AT), figs[-1])
    judged = goals(at)
    stated = "" if at.claims == GOAL_AT else f" (the goals are stated for {GOAL_AT:,})"
    print(f"\nGoals of this code at {at.claims:,} claims{stated}:\n")
    print(markdown_table(["goal", "result", "measured"],
                         [[g.text, g.verdict, g.detail] for g in judged]))
    print(f"\nQueries, each typed a key at a time into the search of a claim page in a fresh "
          f"browser: {', '.join(f'`{q}`' for q in queries)}; the bytes are every response "
          "under /pagefind/. Peak memory: summed RSS sampled every 50 ms, over the build's "
          "process tree and over its Python processes. Preview: from saving a file until "
          "`factcheck serve` returns the page showing it.")
    return 1 if any(g.verdict == "FAIL" for g in judged) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"{BASE_CLAIMS},{BASE_CLAIMS * 4},{BASE_CLAIMS * 16}",
                        help="claim counts, comma-separated (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="corpus random seed")
    parser.add_argument("--queries", default=",".join(QUERIES),
                        help="the queries of 1-3 words searched for, comma-separated; the "
                             "worst counts (default: %(default)s)")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    parser.add_argument("--no-browser", action="store_true", help="skip the queries")
    parser.add_argument("--only-search", action="store_true",
                        help="build each code once and measure the queries only (no plain "
                             "build, check or preview)")
    parser.add_argument("--no-git", action="store_true",
                        help="do not commit the corpus to git (the build then has no history)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (projects found there are reused)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--cards", action="store_true",
                        help="measure the share cards alone: today's build (--baseline), a "
                             "cold and a warm build")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="with --cards: a checkout of the project from before share cards")
    parser.add_argument("--against", type=Path, default=None,
                        help="measure this checkout's code too (e.g. a git worktree of an "
                             "earlier commit), in turn with this code's and the plain build")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview")
    parser.add_argument("--rounds", type=int, default=2,
                        help="how many times the builds run, in turn, after a first untimed "
                             "build (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.cards and (args.baseline is None or not (args.baseline / "generator").is_dir()):
        parser.error("--cards needs --baseline DIR, a checkout of the project (with its "
                     "generator/ folder) from before share cards")
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes claim counts such as 625,2500")
    if not sizes or sizes[0] < 4:
        parser.error("--sizes takes claim counts of at least 4")
    args.queries = [q.strip() for q in args.queries.split(",") if q.strip()]
    if not args.queries or any(not 1 <= len(q.split()) <= 3 for q in args.queries):
        parser.error("--queries takes queries of 1 to 3 words, comma-separated")
    if args.rounds < 1:
        parser.error("--rounds takes 1 or more")

    if args.against is not None and not (args.against / "generator").is_dir():
        parser.error("--against takes a checkout of the project (with its generator/ folder)")
    if args.cards:
        return cards_report(each_size(sizes, args, measure_cards))
    return report(each_size(sizes, args, measure_size), args.queries)


def each_size(sizes: list[int], args: argparse.Namespace,
              measure: Callable[[int, Path, argparse.Namespace], T]) -> list[T]:
    """One measure at each size, in a folder kept (`--keep`) or temporary; written to
    `--json` when asked."""
    with tempfile.TemporaryDirectory(prefix="factcheck-site-scale-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        out = []
        for claims in sizes:
            print(f"{claims:,} claims ({work / f'claims-{claims}'}):", flush=True)
            out.append(measure(claims, work, args))
            sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in out], indent=2) + "\n")  # type: ignore[call-overload]
    return out


if __name__ == "__main__":
    raise SystemExit(main())
