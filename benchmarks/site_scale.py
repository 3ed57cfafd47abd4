"""How the whole site build scales: `factcheck build` at 1x, 4x and 16x, against plain MkDocs.

Run by hand, not by the test suite:

    .venv/bin/python benchmarks/site_scale.py [--sizes 625,2500,10000] [--keep DIR]
                                              [--query ceasefire] [--json FILE]
                                              [--only-search]
                                              [--cards --baseline DIR [--rounds 2]]
                                              [--against DIR [--rounds 2]]

For each size the synthetic corpus of corpus.py (claims, claims/4 sources, three quotes a
claim) is written, with the hand-written pages the nav names copied from this repository's
`content/`, and committed to a fresh git repository (one commit), so the build reads
history as it does in a real clone. Then, all as subprocesses, timed by wall clock:

- `factcheck build` (check, MkDocs with mkdocs-material through the plugin, Pagefind);
- the baseline: a plain mkdocs-material site with no generator, the same pages and sizes.
  For every page of the factcheck site (each generated `index.html`: claims, sources,
  listings, hand-written pages) it holds a Markdown page at the same URL with the visible
  text of that page's `<article>` (headings kept as headings, every other block as a
  paragraph), out of the nav as factcheck's pages are (the nav is the project's own), the
  same theme config (palette, features, Markdown extensions) and mkdocs-material's
  default search plugin; `mkdocs build` on it;
- `factcheck check`;
- edit-to-preview: `factcheck serve` is started on the project and, once it serves, three
  claims are edited one after the other (each claim's summary); for each, the time from
  writing the file until the server returns the claim page showing the edit, polled over
  HTTP every 20 ms. The slowest of the three is reported.

Peak memory of the build is measured two ways, both over the build's process tree (the
Python build and the Pagefind binary it starts): "tree" is the largest sum of the tree's
resident set sizes, sampled from /proc every 50 ms (Linux only; it counts the Python
process still resident while Pagefind runs); "largest process" is `ru_maxrss` of the rusage
`os.wait4` returns for the build, i.e. the peak of its single largest process, what
`/usr/bin/time -f %M` prints. The goal is judged on the tree figure when there is one.

Search transfer: the built site is served on 127.0.0.1 by http.server (no compression;
Pagefind's index files are compressed already) and a claim page is opened in Chromium
(Playwright, headless); the script presses `/`, types the query word one key at a time as
a reader would, waits for `.fc-search-result` and for the network to settle, and sums the
body sizes of every response under `/pagefind/` (script, WebAssembly, metadata, filters,
index chunks and result fragments), with a fresh browser and an empty cache.

Goals (from the issue), printed as pass or fail:

- a full build takes at most 1.15x the plain mkdocs-material build of the same pages;
- cost is linear: 16x the claims take at most 18x the time (10,000 against 625 claims; with
  other sizes the bound is scaled to the largest over the smallest);
- a claim page is at most 60 kB of HTML at every size (the largest claim page);
- peak memory is at most 1.5 GB at 10,000 claims;
- one search query transfers at most 300 kB at 10,000 claims;
- edit-to-preview takes at most 3 s at 10,000 claims.

`--cards` measures the share cards' cost alone, on the same project: today's build, by the
code of `--baseline` (a checkout of the project from before share cards, e.g. a git
worktree, run with this interpreter and `PYTHONPATH` pointing at it); a cold build, with
the card cache (`<project>/.cache/factcheck/cards/`) emptied first; and a warm build, with
every card kept. Each build writes into a folder that does not exist yet. The three run in
turn, `--rounds` times, and the medians are compared; then edit-to-preview is measured in
`factcheck serve` of today's code and of this one (cards kept), unless `--no-preview`. The
goal: a warm build takes at most 1.05x today's.

`--against DIR` measures a change of the code: `factcheck build` and `factcheck check` by
this code and by DIR's (a checkout of an earlier commit, run with this interpreter and
`PYTHONPATH` pointing at it), in turn, `--rounds` times after an untimed first build of
each, each on its own copy of the project so that each keeps its own share cards. The
goal: at most 1.1x the earlier code's times.

kB, MB and GB are powers of ten. The machine's other work shows in the wall times; the
ratios, measured in the same run, are what to compare. Exit status: 0 when every goal
that could be judged is met, 1 when one is not, 2 when a build or the browser fails.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import os
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
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlparse

import yaml
from corpus import write_corpus

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HAND_WRITTEN = ("index.md", "methodology.md", "corrections.md", "about.md", "contributing.md")
CHROMIUM = "/usr/bin/chromium"  # Debian's chromium, as the browser tests use
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SUMMARY_EDIT = "Edited for the edit-to-preview benchmark."
# The history the corpus is committed with: after every date the corpus writes.
COMMIT_DATE = "2027-01-01T12:00:00+00:00"

BASE_CLAIMS = 625
GOAL_RATIO = 1.15
GOAL_SCALE = 18 / 16  # 16x the claims in at most 18x the time
GOAL_CLAIM_PAGE = 60_000
GOAL_PEAK = 1_500_000_000
GOAL_SEARCH = 300_000
GOAL_PREVIEW = 3.0
GOAL_AT = 10_000  # the size the memory, search and preview goals are stated for
GOAL_WARM_CARDS = 1.05  # a build with every share card kept, against today's build
GOAL_AGAINST = 1.1  # a change of the code, against the checkout before it (`--against`)


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


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and every descendant now, from /proc (0 if unreadable)."""
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            total += int(match.group(1)) * 1024 if match else 0
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


class TreeSampler(threading.Thread):
    """Samples a process tree's total RSS until stopped; `peak` is None off Linux."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak: int | None = 0 if Path("/proc/self/task").is_dir() else None
        self._halt = threading.Event()

    def run(self) -> None:
        while self.peak is not None and not self._halt.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._halt.wait(self.every)

    def stop(self) -> int | None:
        self._halt.set()
        self.join()
        return self.peak


@dataclass(frozen=True)
class Run:
    """One subprocess: wall time, exit code, and its tree's peak memory in bytes."""

    seconds: float
    returncode: int
    max_rss: int  # largest single process of the tree (ru_maxrss)
    tree_peak: int | None  # largest sampled sum over the tree


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
        tree_peak = sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    max_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(seconds, proc.returncode, max_rss, tree_peak)


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


# -- one size ----------------------------------------------------------------------------


@dataclass
class Size:
    claims: int
    sources: int = 0
    pages: int = 0
    build: float = 0.0
    plain: float = 0.0
    check: float = 0.0
    preview: float = 0.0
    preview_shows_edit: bool = False
    max_rss: int = 0
    tree_peak: int | None = None
    claim_median: float = 0.0
    claim_max: int = 0
    site_bytes: int = 0
    plain_bytes: int = 0
    search_bytes: int | None = None
    search_requests: int | None = None
    search_status: str = ""
    search_kinds: dict[str, tuple[int, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.build / self.plain

    @property
    def peak(self) -> int:
        return self.tree_peak if self.tree_peak else self.max_rss


def measure_size(claims: int, work: Path, args: argparse.Namespace) -> Size:
    out = work / f"claims-{claims}"
    project, site, plain = out / "project", out / "site", out / "plain"
    log = out / "log.txt"
    fig = Size(claims)
    if (project / "content" / "claims").is_dir():
        print(f"  reusing the project in {project}")
    else:
        out.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        make_project(project, claims, args.seed, not args.no_git)
        print(f"  wrote the project in {time.perf_counter() - start:.1f} s")
    claim_files = sorted((project / "content" / "claims").glob("*.md"))
    fig.sources = len(list((project / "sources").glob("*.md")))
    factcheck, mkdocs = tool("factcheck"), tool("mkdocs")
    build_cmd = [factcheck, "build", "--root", str(project), "--site-dir", str(site)]

    built = must(run(build_cmd, log), "factcheck build", log)
    fig.build, fig.max_rss, fig.tree_peak = built.seconds, built.max_rss, built.tree_peak
    print(f"  factcheck build {fig.build:.1f} s")

    if not args.only_search:
        fig.pages = make_plain(project, site, plain)
        plain_site = out / "plain-site"
        plain_cmd = [mkdocs, "build", "--quiet", "--clean", "-f", str(plain / "mkdocs.yml"),
                     "-d", str(plain_site)]
        fig.plain = must(run(plain_cmd, log), "mkdocs build (plain)", log).seconds
        print(f"  plain mkdocs-material build of {fig.pages} pages {fig.plain:.1f} s")

        check_cmd = [factcheck, "check", "--root", str(project)]
        fig.check = must(run(check_cmd, log), "factcheck check", log).seconds
        print(f"  factcheck check {fig.check:.1f} s")
        fig.plain_bytes = folder_bytes(plain_site)

    sizes = [(site / "claims" / p.stem / "index.html").stat().st_size for p in claim_files]
    fig.claim_median, fig.claim_max = statistics.median(sizes), max(sizes)
    fig.site_bytes = folder_bytes(site)

    if not args.no_browser:
        try:
            found = search_transfer(site, f"claims/{claim_files[0].stem}/", args.query,
                                    args.chromium)
        except Exception as exc:  # the browser is optional: report, carry on
            fig.notes.append(f"search not measured: {type(exc).__name__}: {exc}")
            print(f"  {fig.notes[-1]}", file=sys.stderr)
        else:
            fig.search_bytes, fig.search_requests = found.size, found.requests
            fig.search_status, fig.search_kinds = found.results, found.kinds
            print(f"  search {args.query!r}: {found.size / 1e3:.0f} kB in {found.requests} "
                  f"requests ({found.results})")
            print(f"    by kind: {kinds_text(found.kinds)}")

    if args.only_search:
        return fig
    edited = [claim_files[len(claim_files) * k // 4] for k in (1, 2, 3)]
    try:
        times = preview_times(project, edited, out / "serve-log.txt")
    except PreviewError as exc:
        fig.notes.append(f"preview not measured: {exc}")
        print(f"  {fig.notes[-1]}", file=sys.stderr)
    else:
        fig.preview, fig.preview_shows_edit = max(times), True
        print("  edit-to-preview in `factcheck serve`: "
              + ", ".join(f"{t:.2f} s" for t in times))
    return fig


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


def preview_times(project: Path, edited: Sequence[Path], log: Path,
                  ready_within: float = 3600, shown_within: float = 600,
                  env: dict[str, str] | None = None, tag: str = "") -> list[float]:
    """Seconds from saving each edit until `factcheck serve` serves the edited page;
    `tag` tells the edits of one measurement from another's on the same project."""
    port = free_port()
    cmd = [tool("factcheck"), "serve", "--root", str(project), "--dev-addr",
           f"127.0.0.1:{port}"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        first = f"http://127.0.0.1:{port}/claims/{edited[0].stem}/"
        deadline = time.monotonic() + ready_within
        while fetch(first) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise PreviewError(f"`factcheck serve` did not start; see {log}")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        times = []
        for n, path in enumerate(edited):
            url = f"http://127.0.0.1:{port}/claims/{path.stem}/"
            marker = f"{SUMMARY_EDIT} ({os.getpid()}.{tag}{n})"
            edit_claim(path, marker)
            start = time.perf_counter()
            while marker not in (fetch(url) or ""):
                if server.poll() is not None:
                    raise PreviewError(f"`factcheck serve` stopped; see {log}")
                if time.perf_counter() - start > shown_within:
                    raise PreviewError(f"{path.name}: the edit was not shown within "
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
    edited = [claim_files[len(claim_files) * k // 4] for k in (1, 2, 3)]
    for kind, env in (("today", today_env), ("warm", None)):
        try:
            times = preview_times(project, edited, out / f"serve-{kind}-log.txt", env=env,
                                  tag=kind)
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


@dataclass
class Against:
    """This code's build and check against another checkout's, on the same corpus."""

    claims: int
    baseline: str
    rounds: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)  # build/check, this/other
    peaks: dict[str, int] = field(default_factory=dict)

    def median(self, key: str) -> float:
        return statistics.median(self.times[key])

    def ratio(self, what: str) -> float:
        return self.median(f"{what} this") / self.median(f"{what} baseline")


def measure_against(claims: int, work: Path, args: argparse.Namespace) -> Against:
    """`factcheck build` and `factcheck check` by this code and by `--against`'s, in turn,
    `--rounds` times. Each code builds its own copy of the project, so each keeps its own
    cache of share cards between rounds, as a desk's CI does; a first build of each,
    untimed, fills it."""
    out = work / f"claims-{claims}"
    log = out / "against-log.txt"
    projects = {"this": out / "project", "baseline": out / "project-baseline"}
    if not (projects["this"] / "content" / "claims").is_dir():
        out.mkdir(parents=True, exist_ok=True)
        make_project(projects["this"], claims, args.seed, not args.no_git)
    if not projects["baseline"].is_dir():
        shutil.copytree(projects["this"], projects["baseline"], symlinks=True)
    baseline = args.against.resolve()
    envs = {"this": None, "baseline": {**os.environ, "PYTHONPATH": str(baseline)}}
    factcheck = tool("factcheck")
    fig = Against(claims, str(baseline), args.rounds)
    for n in range(args.rounds + 1):
        for code in ("baseline", "this"):
            site = out / f"site-{code}"
            shutil.rmtree(site, ignore_errors=True)
            built = must(run([factcheck, "build", "--root", str(projects[code]), "--site-dir",
                              str(site)], log, env=envs[code]), f"factcheck build ({code})",
                         log)
            checked = must(run([factcheck, "check", "--root", str(projects[code])], log,
                               env=envs[code]), f"factcheck check ({code})", log)
            if n == 0:
                print(f"  warm-up: {code} build {built.seconds:.1f} s", flush=True)
                continue
            fig.times.setdefault(f"build {code}", []).append(built.seconds)
            fig.times.setdefault(f"check {code}", []).append(checked.seconds)
            fig.peaks[code] = max(fig.peaks.get(code, 0), built.tree_peak or built.max_rss)
            print(f"  round {n}: {code} build {built.seconds:.1f} s, check "
                  f"{checked.seconds:.1f} s", flush=True)
    return fig


def against_report(figs: list[Against]) -> int:
    failed = False
    for f in figs:
        print(f"\nat {f.claims:,} claims, this code against {f.baseline} (median of "
              f"{f.rounds} rounds, run in turn):")
        for what in ("build", "check"):
            runs = {code: ", ".join(f"{t:.1f}" for t in f.times[f"{what} {code}"])
                    for code in ("this", "baseline")}
            judged = judge(f.ratio(what) <= GOAL_AGAINST)
            failed = failed or judged == "FAIL"
            print(f"  {what}: this {f.median(f'{what} this'):.1f} s ({runs['this']}), "
                  f"baseline {f.median(f'{what} baseline'):.1f} s ({runs['baseline']})")
            print(f"  {judged:>12}  {what} <= {GOAL_AGAINST}x the baseline's: "
                  f"{f.ratio(what):.3f}x")
        print(f"  peak memory of the build (process tree): this {mb(f.peaks['this'])}, "
              f"baseline {mb(f.peaks['baseline'])}")
    return 1 if failed else 0


# -- the report --------------------------------------------------------------------------


def kb(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1e3:,.1f} kB"


def mb(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1e6:,.0f} MB"


def rows(figs: list[Size]) -> list[tuple[str, list[str]]]:
    """The table: one row a figure, one column a size."""
    base = figs[0]
    search = [f"{kb(f.search_bytes)} in {f.search_requests} requests"
              if f.search_bytes is not None else "n/a" for f in figs]
    return [
        ("claims / sources / pages", [f"{f.claims:,} / {f.sources:,} / {f.pages:,}" for f in figs]),
        ("factcheck build", [f"{f.build:.1f} s" for f in figs]),
        ("plain mkdocs-material build", [f"{f.plain:.1f} s" for f in figs]),
        ("ratio factcheck / plain", [f"{f.ratio:.2f}x" for f in figs]),
        (f"build time vs {base.claims:,} claims",
         [f"{f.build / base.build:.2f}x for {f.claims / base.claims:g}x claims" for f in figs]),
        ("plain build vs smallest", [f"{f.plain / base.plain:.2f}x" for f in figs]),
        ("build time per claim", [f"{f.build / f.claims * 1e3:.1f} ms" for f in figs]),
        ("factcheck check", [f"{f.check:.1f} s" for f in figs]),
        ("edit-to-preview (serve)",
         [f"{f.preview:.2f} s" if f.preview_shows_edit else "not measured" for f in figs]),
        ("peak memory, process tree (sampled)", [mb(f.tree_peak) for f in figs]),
        ("peak memory, largest process (ru_maxrss)", [mb(f.max_rss) for f in figs]),
        ("claim page HTML, median / max",
         [f"{kb(f.claim_median)} / {kb(f.claim_max)}" for f in figs]),
        ("total site (plain site)", [f"{mb(f.site_bytes)} ({mb(f.plain_bytes)})" for f in figs]),
        ("one search query, bytes under /pagefind/", search),
    ]


@dataclass(frozen=True)
class Goal:
    text: str
    verdict: str  # "pass", "FAIL" or "not measured"
    detail: str


def judge(ok: bool | None) -> str:
    return "not measured" if ok is None else ("pass" if ok else "FAIL")


def goals(figs: list[Size]) -> list[Goal]:
    small, large = figs[0], figs[-1]
    at = next((f for f in figs if f.claims == GOAL_AT), None)
    out = [Goal(f"full build <= {GOAL_RATIO}x the plain build (every size)",
                judge(all(f.ratio <= GOAL_RATIO for f in figs)),
                ", ".join(f"{f.ratio:.2f}x" for f in figs))]
    if large.claims > small.claims:
        factor = large.claims / small.claims
        bound = factor * GOAL_SCALE
        scale = large.build / small.build
        out.append(Goal(f"linear cost: {factor:g}x the claims in <= {bound:g}x the time",
                        judge(scale <= bound),
                        f"{scale:.2f}x ({small.build:.1f} s -> {large.build:.1f} s)"))
    else:
        out.append(Goal("linear cost: 16x the claims in <= 18x the time", judge(None),
                        "needs two sizes"))
    out.append(Goal(f"claim page <= {kb(GOAL_CLAIM_PAGE)} of HTML (every size)",
                    judge(all(f.claim_max <= GOAL_CLAIM_PAGE for f in figs)),
                    "largest " + ", ".join(kb(f.claim_max) for f in figs)))
    out.append(Goal(f"peak memory <= {GOAL_PEAK / 1e9:g} GB at {GOAL_AT:,} claims",
                    judge(None if at is None else at.peak <= GOAL_PEAK),
                    "n/a" if at is None else mb(at.peak)))
    searched = None if at is None or at.search_bytes is None else at.search_bytes
    out.append(Goal(f"one search query <= {kb(GOAL_SEARCH)} at {GOAL_AT:,} claims",
                    judge(None if searched is None else searched <= GOAL_SEARCH), kb(searched)))
    out.append(Goal(f"edit-to-preview <= {GOAL_PREVIEW:g} s at {GOAL_AT:,} claims",
                    judge(None if at is None else at.preview <= GOAL_PREVIEW),
                    "n/a" if at is None else f"{at.preview:.2f} s (slowest of three edits)"))
    return out


def markdown_table(head: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])


def report(figs: list[Size], query: str) -> int:
    table = rows(figs)
    width = max(len(name) for name, _ in table)
    cols = [max(len(f"{f.claims:,} claims"), *(len(r[1][i]) for r in table))
            for i, f in enumerate(figs)]
    print("\n" + " " * width + "  " + "  ".join(f"{f'{f.claims:,} claims':>{w}}"
                                               for f, w in zip(figs, cols, strict=True)))
    for name, values in table:
        print(f"{name:<{width}}  " + "  ".join(f"{v:>{w}}" for v, w in zip(values, cols,
                                                                        strict=True)))
    judged = goals(figs)
    print("\ngoals:")
    for g in judged:
        print(f"  {g.verdict:>12}  {g.text}: {g.detail}")
    for f in figs:
        for note in f.notes:
            print(f"  note ({f.claims:,} claims): {note}")

    print("\nMarkdown:\n")
    head = ["", *(f"{f.claims:,} claims" for f in figs)]
    print(markdown_table(head, [[name, *values] for name, values in table]))
    print()
    print(markdown_table(["goal", "result", "measured"],
                         [[g.text, g.verdict, g.detail] for g in judged]))
    print(f"\nSearch query: `{query}`, typed into the search dialog of a claim page. Peak "
          "memory: the process tree's summed RSS sampled every 50 ms; ru_maxrss is its "
          "largest single process. Edit-to-preview: the slowest of three edits, from saving "
          "a claim file until `factcheck serve` returns its page showing the edit.")
    return 1 if any(g.verdict == "FAIL" for g in judged) else 0


def search_report(figs: list[Size], query: str) -> int:
    """The figures `--only-search` measures, and the search goal."""
    print(f"\nsearch query `{query}`, bytes under /pagefind/:")
    for f in figs:
        measured = ("n/a" if f.search_bytes is None else
                    f"{kb(f.search_bytes)} in {f.search_requests} requests "
                    f"({f.search_status}); {kinds_text(f.search_kinds)}")
        print(f"  {f.claims:>7,} claims: {measured}")
    at = next((f for f in figs if f.claims == GOAL_AT), None)
    searched = None if at is None else at.search_bytes
    verdict = judge(None if searched is None else searched <= GOAL_SEARCH)
    print(f"\ngoal: {verdict}  one search query <= {kb(GOAL_SEARCH)} at {GOAL_AT:,} claims: "
          f"{kb(searched)}")
    return 1 if verdict == "FAIL" else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"{BASE_CLAIMS},{BASE_CLAIMS * 4},{BASE_CLAIMS * 16}",
                        help="claim counts, comma-separated (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="corpus random seed")
    parser.add_argument("--query", default="ceasefire", help="the word searched for")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    parser.add_argument("--no-browser", action="store_true", help="skip the search transfer")
    parser.add_argument("--only-search", action="store_true",
                        help="build factcheck and measure the search transfer only (no plain "
                             "build, check or edit-to-preview)")
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
                        help="compare this code's build and check with this checkout's "
                             "(e.g. a git worktree of an earlier commit), in turn")
    parser.add_argument("--no-preview", action="store_true",
                        help="with --cards: skip edit-to-preview")
    parser.add_argument("--rounds", type=int, default=2,
                        help="with --cards or --against: how many times the builds run "
                             "(default: %(default)s)")
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

    if args.against is not None and not (args.against / "generator").is_dir():
        parser.error("--against takes a checkout of the project (with its generator/ folder)")
    if args.cards:
        return cards_report(each_size(sizes, args, measure_cards))
    if args.against is not None:
        return against_report(each_size(sizes, args, measure_against))
    figs = each_size(sizes, args, measure_size)
    if args.only_search:
        return search_report(figs, args.query)
    return report(figs, args.query)


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
