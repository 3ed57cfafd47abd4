"""The search UI, decided by measurement: the site's own dialog against Pagefind's Component UI.

Run by hand, not by the test suite:

    .venv/bin/python benchmarks/search_ui.py [--claims 10000] [--keep DIR] [--json FILE]
                                             [--uis ours,component,component-no-worker]
                                             [--queries 'a|b c|d e f'] [--delay MS]
    .venv/bin/python benchmarks/search_ui.py --bytes-only [--site DIR [--page PATH]] ...

`--bytes-only` measures the site's own dialog only: for each query, the bytes under
`/pagefind/` by kind (script, wasm, metadata, filters, index chunks, result fragments), the
keystroke each request followed, and the worst query of one to three words against the goal
(250 kB at 10,000 claims); `--site` measures a site already built (`--claims` then only
labels the report).

One synthetic site of N claims is built with `factcheck build` (the corpus of corpus.py and
the project layout of site_scale.py, whose functions this script imports). From it come the
variants measured, all in the same run, all under the site's Content-Security-Policy:

- `ours`: the site as built, with its own dialog (`generator/site/assets/search.js`);
- `component`: a copy of the site in which every page loses search.js and gains Pagefind
  1.5's Component UI as its documentation shows it: `pagefind-component-ui.css` and
  `pagefind-component-ui.js` (type module) from the bundle, a `<pagefind-modal-trigger>` in
  the theme's header, and a `<pagefind-modal>` holding an input, a
  `<pagefind-filter-dropdown filter="verdict">`, the summary, the results and the keyboard
  hints. No inline script is added, so each page's CSP is left byte for byte as built;
- `component-no-worker`: the same with `<pagefind-config no-worker>`, Pagefind's option to
  run search on the page rather than in a web worker, as `ours` does.

The copy hard-links every file it does not rewrite; the variant-making code lives here only.

For each variant, on the claim page of the corpus's first claim, served on 127.0.0.1 by
http.server (no compression; Pagefind's index files are compressed already):

- transfer: for each query (one, two and three words), a fresh browser and an empty cache;
  Ctrl+K opens the dialog, the query is typed one key at a time (80 ms apart), and once a
  result link shows and no request has reached the server for 1.5 s, the server's own log
  gives every response under `/pagefind/`: its bytes (the file's size) by kind of file;
- keyboard: `/` and Ctrl+K each open the dialog with the focus in the input; the query
  typed shows results; Tab (up to 12 presses) and, separately, ArrowDown from the input
  reach a result link; Enter on a focused result opens it; with the focus on the header's
  trigger, Enter opens the dialog and Escape (up to two presses) closes it, giving the focus
  back to the trigger. Each is recorded yes or no;
- screen-reader signals: the open dialog's role and accessible name and the input's
  accessible name, as Playwright's ARIA snapshot computes them; whether a live region
  (aria-live, role status or alert, or output) received a text giving the number of results
  (a MutationObserver records every text those regions receive);
- axe-core (axe-playwright-python's copy, injected as the browser tests inject it, in a
  context that bypasses the CSP for that injection only) with the dialog open and results
  shown: every violation, by id and impact;
- CSP: every `securitypolicyviolation` event and console message naming the
  Content-Security-Policy, during the transfer and keyboard runs (which enforce the CSP).

kB are powers of ten. Bytes and requests are deterministic for a given corpus; no time is
reported. Exit status: 0 when measured, 2 when the build or the browser fails.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from site_scale import CHROMIUM, QuietHandler, make_project, must, request_kind, run, tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

GOAL_SEARCH = 250_000  # bytes one query of 1 to 3 words may transfer at 10,000 claims
# One, two and three words of the corpus (corpus.py: NOUNS, TAGS, PLACES, PLURALS, GOVERNMENTS,
# VERBS), common and less common: "border" stands on nine pages in ten, "withdrew" on none.
QUERIES = ("ceasefire", "border", "Armenia ceasefire", "border ceasefire",
           "Armenia ceasefire observers", "Russian peacekeepers withdrew")
CHECKED_QUERY = "Armenia ceasefire"  # typed for the keyboard and axe checks
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]
TYPE_DELAY = 80  # ms between keys, as a reader types
SETTLE = 1.5  # seconds without a new request that count as a settled network
BUILT_STAMP = "search-ui-built.txt"

# What the page records for the checks: CSP violations and what live regions receive.
INIT_SCRIPT = """
(() => {
  window.__csp = [];
  window.__announced = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
  });
  const live = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const regions = "[aria-live]:not([aria-live=off]), [role=status], [role=alert], output";
    return el && el.closest(regions);
  };
  const start = () => new MutationObserver((records) => {
    for (const r of records) {
      const region = live(r.target);
      if (region && region.textContent.trim()) window.__announced.push(region.textContent.trim());
    }
  }).observe(document, {subtree: true, childList: true, characterData: true});
  start();
})();
"""

# The Component UI as Pagefind 1.5's documentation wires it; `{root}` is the page's way up
# to the site root, `{config}` an optional <pagefind-config>.
COMPONENT_HEAD = ('<link rel="stylesheet" href="{root}pagefind/pagefind-component-ui.css">\n'
                  '<script src="{root}pagefind/pagefind-component-ui.js" type="module"></script>\n')
COMPONENT_TRIGGER = "<pagefind-modal-trigger></pagefind-modal-trigger>\n"
COMPONENT_MODAL = (
    "{config}<pagefind-modal>"
    "<pagefind-modal-header><pagefind-input></pagefind-input></pagefind-modal-header>"
    "<pagefind-modal-body>"
    '<pagefind-filter-dropdown filter="verdict" label="Verdict"></pagefind-filter-dropdown>'
    "<pagefind-summary></pagefind-summary><pagefind-results></pagefind-results>"
    "</pagefind-modal-body>"
    "<pagefind-modal-footer><pagefind-keyboard-hints></pagefind-keyboard-hints>"
    "</pagefind-modal-footer></pagefind-modal>\n"
)
OUR_SCRIPT = re.compile(r'<script src="(?P<root>[^"]*)assets/search\.js"></script>\n?')
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@dataclass(frozen=True)
class UI:
    """How to drive one search UI: the selectors the checks use."""

    name: str
    site: Path
    trigger: str  # the focusable element in the header that opens the dialog
    dialog: str  # the dialog, once open
    input: str
    result_link: str
    status: str  # where the number of results is shown


def our_ui(site: Path) -> UI:
    return UI("ours", site, "button.fc-search-button", "dialog.fc-search[open]",
              "dialog.fc-search .fc-search-input", ".fc-search-result a.fc-search-link",
              ".fc-search-status")


def component_ui(name: str, site: Path) -> UI:
    return UI(name, site, "pagefind-modal-trigger button", "pagefind-modal dialog[open]",
              "pagefind-modal input.pf-input", "pagefind-results a.pf-result-link",
              "pagefind-summary")


# -- the site and its variants -----------------------------------------------------------


def build_site(claims: int, work: Path, seed: int) -> tuple[Path, str]:
    """The built site of `claims` claims and the claim page to measure (a URL path)."""
    out = work / f"claims-{claims}"
    project, site, log = out / "project", out / "site", out / "log.txt"
    if not (project / "content" / "claims").is_dir():
        out.mkdir(parents=True, exist_ok=True)
        make_project(project, claims, seed, use_git=True)
        print(f"  wrote the project ({claims:,} claims)")
    first = sorted((project / "content" / "claims").glob("*.md"))[0].stem
    page = f"claims/{first}/"
    if (out / BUILT_STAMP).is_file() and (site / "pagefind" / "pagefind-entry.json").is_file():
        print(f"  reusing the site built in {site}")
        return site, page
    (out / BUILT_STAMP).unlink(missing_ok=True)
    cmd = [tool("factcheck"), "build", "--root", str(project), "--site-dir", str(site)]
    built = must(run(cmd, log), "factcheck build", log)
    (out / BUILT_STAMP).write_text(f"{built.seconds:.1f} s\n")
    print(f"  factcheck build {built.seconds:.1f} s")
    return site, page


def component_page(html: str, config: str) -> str | None:
    """A built page with the Component UI in place of search.js (None: no search here)."""
    found = OUR_SCRIPT.search(html)
    header_end = html.find("</header>")
    nav_end = html.rfind("</nav>", 0, header_end)
    if not found or header_end < 0 or nav_end < 0 or "</body>" not in html:
        return None
    root = found.group("root")
    html = html[:found.start()] + html[found.end():]
    nav_end = html.rfind("</nav>", 0, html.find("</header>"))
    html = html[:nav_end] + COMPONENT_TRIGGER + html[nav_end:]
    html = html.replace("</head>", COMPONENT_HEAD.format(root=root) + "</head>", 1)
    body_end = html.rfind("</body>")
    return html[:body_end] + COMPONENT_MODAL.format(config=config) + html[body_end:]


def make_component_site(site: Path, dest: Path, config: str) -> int:
    """Copy `site` into `dest` (hard links) and put the Component UI on every page."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(site, dest, copy_function=os.link)
    changed = 0
    for page in dest.rglob("*.html"):
        if page.parts[len(dest.parts):][:1] == ("pagefind",):
            continue
        new = component_page(page.read_text(encoding="utf-8"), config)
        if new is None:
            continue
        page.unlink()  # a hard link: never write through it into the built site
        page.write_text(new, encoding="utf-8", newline="\n")
        changed += 1
    return changed


# -- serving, with the server's own record of what it sent -------------------------------


@dataclass
class Hit:
    path: str
    status: int
    size: int = 0
    key: str = ""  # what the field held when the request came: the keystroke behind it


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: list[Hit] = []
        self.key = ""  # set by the typing, read by the server's threads

    def add(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)

    def count(self) -> int:
        with self.lock:
            return len(self.hits)

    def since(self, start: int) -> list[Hit]:
        with self.lock:
            return list(self.hits[start:])


class RecordingHandler(QuietHandler):
    recorder: Recorder
    _hit: Hit | None = None

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        status = int(code) if isinstance(code, int) or str(code).isdigit() else 0
        self._hit = Hit(unquote(urlparse(self.path).path), status, key=self.recorder.key)
        self.recorder.add(self._hit)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        super().copyfile(source, outputfile)
        if self._hit is not None:
            self._hit.size = os.fstat(source.fileno()).st_size


@contextlib.contextmanager
def serve(site: Path, recorder: Recorder) -> Iterator[str]:
    handler = functools.partial(type("Handler", (RecordingHandler,), {"recorder": recorder}),
                                directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def settle(page: Page, recorder: Recorder) -> None:
    """Wait until no request has reached the server for SETTLE seconds."""
    seen, quiet = recorder.count(), 0.0
    while quiet < SETTLE:
        page.wait_for_timeout(250)
        now = recorder.count()
        quiet = quiet + 0.25 if now == seen else 0.0
        seen = now


def kind_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".css"):
        return "css"
    if name.startswith("pagefind-component-ui"):
        return "ui script"
    if name == "pagefind-worker.js":
        return "worker script"
    return {"meta": "metadata", "entry": "metadata"}.get(request_kind(path),
                                                        request_kind(path))


# -- the browser ---------------------------------------------------------------------------


@contextlib.contextmanager
def browser_session(chromium: str) -> Iterator[tuple[Playwright, Browser]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=BROWSER_ARGS)
        try:
            yield p, browser
        finally:
            browser.close()


def new_page(browser: Browser, csp_log: list[str], bypass_csp: bool = False
             ) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  bypass_csp=bypass_csp)
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.on("console", lambda m: csp_log.append(m.text)
            if "Content Security Policy" in m.text else None)
    return context, page


def page_csp(page: Page) -> list[str]:
    return list(page.evaluate("() => window.__csp || []"))


def wait_ready(page: Page, ui: UI) -> None:
    page.wait_for_selector(ui.trigger, state="attached", timeout=30_000)


def is_open(page: Page, ui: UI) -> bool:
    return bool(page.evaluate("s => !!document.querySelector(s)", ui.dialog))


def input_focused(page: Page, ui: UI) -> bool:
    return bool(page.evaluate("s => document.activeElement === document.querySelector(s)",
                              ui.input))


def wait_open(page: Page, ui: UI, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_open(page, ui) and input_focused(page, ui):
            return True
        page.wait_for_timeout(100)
    return False


def search(page: Page, ui: UI, query: str, recorder: Recorder | None = None,
           delay: int = TYPE_DELAY) -> bool:
    """Open the dialog with Ctrl+K, type the query as a reader would, one key every `delay`
    ms (telling `recorder` what the field holds), and wait for results; False when the
    dialog does not open."""
    page.keyboard.press("Control+k")
    if not wait_open(page, ui):
        return False
    for n in range(1, len(query) + 1):
        if recorder is not None:
            recorder.key = query[:n]
        page.keyboard.type(query[n - 1])
        page.wait_for_timeout(delay)
    page.wait_for_selector(ui.result_link, timeout=180_000)
    return True


def focused_result(page: Page, ui: UI) -> bool:
    return bool(page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", ui.result_link))


def close_with_escape(page: Page, ui: UI) -> int:
    """Escape presses (1 or 2) that closed the dialog, 0 when two did not."""
    for presses in (1, 2):
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        if not is_open(page, ui):
            return presses
    return 0


# -- transfer ----------------------------------------------------------------------------


@dataclass
class Transfer:
    ui: str
    query: str
    size: int = 0
    requests: int = 0
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (requests, bytes)
    files: list[tuple[str, int, str]] = field(default_factory=list)  # path, bytes, key
    status: str = ""
    results_shown: int = 0
    csp: list[str] = field(default_factory=list)
    error: str = ""


def transfer(ui: UI, base: str, page_path: str, query: str, recorder: Recorder,
             chromium: str, delay: int = TYPE_DELAY) -> Transfer:
    """What one query costs a reader who opens the claim page and searches."""
    out = Transfer(ui.name, query)
    with browser_session(chromium) as (_, browser):
        context, page = new_page(browser, out.csp)
        try:
            recorder.key = "(page)"
            page.goto(base + page_path, wait_until="load")
            wait_ready(page, ui)
            settle(page, recorder)
            recorder.key = "(open)"
            if not search(page, ui, query, recorder, delay):
                out.error = "Ctrl+K did not open the dialog"
                return out
            settle(page, recorder)
            out.status = " ".join(page.inner_text(ui.status).split())
            out.results_shown = page.locator(ui.result_link).count()
            out.csp += page_csp(page)
        except Exception as exc:  # a UI that fails is a figure too
            out.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            return out
        finally:
            context.close()
    # Everything the page fetched under /pagefind/ from the page load on: the Component UI's
    # own files load with the page, and are counted (kind "ui script" and "css").
    hits = [h for h in recorder.since(0) if h.path.startswith("/pagefind/")]
    for hit in hits:
        kind = kind_of(hit.path)
        count, total = out.kinds.get(kind, (0, 0))
        out.kinds[kind] = (count + 1, total + hit.size)
        out.files.append((hit.path, hit.size, hit.key))
    out.size, out.requests = sum(h.size for h in hits), len(hits)
    return out


# -- keyboard, screen reader, CSP --------------------------------------------------------


@dataclass
class Checks:
    ui: str
    keyboard: dict[str, bool] = field(default_factory=dict)
    tab_presses: int = 0  # Tab presses from the input to the first result link
    escape_presses: int = 0
    dialog_role: str = ""
    dialog_name: str = ""
    input_role: str = ""
    input_name: str = ""
    announced: list[str] = field(default_factory=list)
    screen_reader: dict[str, bool] = field(default_factory=dict)
    csp: list[str] = field(default_factory=list)
    csp_unchanged: bool = False
    csp_policy: str = ""
    notes: list[str] = field(default_factory=list)


ARIA_LINE = re.compile(r'^- (\w+)(?: "((?:[^"\\]|\\.)*)")?')


def role_and_name(page: Page, selector: str) -> tuple[str, str]:
    snapshot = page.locator(selector).first.aria_snapshot()
    found = ARIA_LINE.match(snapshot.strip().splitlines()[0]) if snapshot.strip() else None
    return (found.group(1), found.group(2) or "") if found else ("", "")


def step(checks: Checks, name: str, action: Callable[[], bool]) -> bool:
    try:
        ok = action()
    except Exception as exc:
        checks.notes.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        ok = False
    checks.keyboard[name] = ok
    return ok


def keyboard_checks(ui: UI, base: str, page_path: str, query: str, built_csp: str,
                    chromium: str) -> Checks:
    checks = Checks(ui.name)
    html = (ui.site / page_path / "index.html").read_text(encoding="utf-8")
    found = CSP_META.search(html)
    checks.csp_policy = found.group(1) if found else ""
    checks.csp_unchanged = checks.csp_policy == built_csp
    url = base + page_path
    with browser_session(chromium) as (_, browser):
        context, page = new_page(browser, checks.csp)
        try:
            page.goto(url, wait_until="load")
            wait_ready(page, ui)
            page.wait_for_timeout(500)

            def slash() -> bool:
                page.keyboard.press("/")
                ok = wait_open(page, ui, 2.0)
                if is_open(page, ui):
                    close_with_escape(page, ui)
                return ok

            step(checks, "/ opens the dialog, focus in the input", slash)
            def ctrl_k() -> bool:
                page.keyboard.press("Control+k")
                return wait_open(page, ui)

            step(checks, "Ctrl+K opens the dialog, focus in the input", ctrl_k)

            def typed() -> bool:
                if not is_open(page, ui):
                    page.keyboard.press("Control+k")
                    wait_open(page, ui)
                page.keyboard.type(query, delay=TYPE_DELAY)
                page.wait_for_selector(ui.result_link, timeout=180_000)
                page.wait_for_timeout(1500)
                value = page.evaluate("s => document.querySelector(s).value", ui.input)
                return bool(value == query)

            step(checks, "the query is typed and results show", typed)

            # Screen-reader signals, with the dialog open and results shown.
            with contextlib.suppress(Exception):
                checks.dialog_role, checks.dialog_name = role_and_name(page, ui.dialog)
            with contextlib.suppress(Exception):
                checks.input_role, checks.input_name = role_and_name(page, ui.input)
            checks.announced = list(dict.fromkeys(page.evaluate("() => window.__announced")))
            counted = re.compile(r"\b\d[\d,]*\s+results?\b", re.IGNORECASE)
            checks.screen_reader = {
                "dialog has role dialog and a name":
                    checks.dialog_role == "dialog" and bool(checks.dialog_name),
                "input has a label": bool(checks.input_name),
                "result count announced in a live region":
                    any(counted.search(text) for text in checks.announced),
            }

            def tab() -> bool:
                page.focus(ui.input)
                for n in range(1, 13):
                    page.keyboard.press("Tab")
                    if focused_result(page, ui):
                        checks.tab_presses = n
                        return True
                return False

            step(checks, "Tab reaches a result", tab)

            def arrow() -> bool:
                page.focus(ui.input)
                page.keyboard.press("ArrowDown")
                page.wait_for_timeout(300)
                return focused_result(page, ui)

            step(checks, "ArrowDown from the input reaches a result", arrow)

            def enter() -> bool:
                if not focused_result(page, ui) and not tab():
                    return False
                href = str(page.evaluate("() => document.activeElement.href"))
                checks.csp += page_csp(page)
                with page.expect_navigation(timeout=15_000):
                    page.keyboard.press("Enter")
                return urlparse(page.url).path == urlparse(href).path

            step(checks, "Enter opens the focused result", enter)

            page.goto(url, wait_until="load")
            wait_ready(page, ui)
            page.wait_for_timeout(500)

            def trigger_enter() -> bool:
                page.focus(ui.trigger)
                page.keyboard.press("Enter")
                return wait_open(page, ui)

            step(checks, "Enter on the header's trigger opens the dialog", trigger_enter)

            def escape() -> bool:
                if not is_open(page, ui):
                    return False
                page.keyboard.type("ceasefire", delay=TYPE_DELAY)
                page.wait_for_selector(ui.result_link, timeout=180_000)
                checks.escape_presses = close_with_escape(page, ui)
                return checks.escape_presses > 0

            step(checks, "Escape closes the dialog", escape)
            step(checks, "focus returns to the trigger", lambda: bool(page.evaluate(
                "s => !!document.activeElement && (document.activeElement === "
                "document.querySelector(s))", ui.trigger)) if not is_open(page, ui) else False)
            checks.csp += page_csp(page)
        finally:
            context.close()
    checks.csp = list(dict.fromkeys(checks.csp))
    return checks


# -- axe ---------------------------------------------------------------------------------


@dataclass
class Axe:
    ui: str
    # id, impact, nodes, and the first node's selector and HTML
    violations: list[tuple[str, str, int, str]] = field(default_factory=list)
    error: str = ""

    @property
    def serious(self) -> int:
        return sum(1 for v in self.violations if v[1] in ("serious", "critical"))


def axe_check(ui: UI, base: str, page_path: str, query: str, chromium: str) -> Axe:
    import axe_playwright_python  # type: ignore[import-untyped]

    out = Axe(ui.name)
    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    ignored: list[str] = []
    with browser_session(chromium) as (_, browser):
        # axe is injected as an inline script, which the site's CSP rightly refuses.
        context, page = new_page(browser, ignored, bypass_csp=True)
        try:
            page.goto(base + page_path, wait_until="load")
            wait_ready(page, ui)
            if not search(page, ui, query):
                out.error = "the dialog did not open"
                return out
            page.wait_for_timeout(2000)
            page.add_script_tag(path=str(script))
            found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            out.violations = [(v["id"], v["impact"] or "", len(v["nodes"]),
                               f"{v['nodes'][0]['target']} {v['nodes'][0]['html'][:160]}")
                              for v in found["violations"]]
        except Exception as exc:
            out.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        finally:
            context.close()
    return out


# -- the report --------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1e3:,.1f} kB"


def kinds_text(kinds: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{kind} {kb(size)} ({count})" for kind, (count, size)
                     in sorted(kinds.items(), key=lambda kv: -kv[1][1]))


def yes(ok: bool) -> str:
    return "yes" if ok else "no"


def markdown_table(head: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])


def report(claims: int, uis: list[UI], transfers: list[Transfer], checks: list[Checks],
           axes: list[Axe], ui_code: dict[str, int], queries: list[str]) -> None:
    names = [ui.name for ui in uis]
    print(f"\nsearch UIs at {claims:,} claims")
    for t in transfers:
        line = (f"  {t.ui:<20} {t.query!r:<32} " +
                (f"ERROR {t.error}" if t.error else
                 f"{kb(t.size)} in {t.requests} requests; {kinds_text(t.kinds)}; "
                 f"shown {t.results_shown}; {t.status!r}"))
        print(line)
        for v in t.csp:
            print(f"      CSP: {v}")
    head = ["", *names]
    rows = []
    for query in queries:
        cells = []
        for name in names:
            t = next(t for t in transfers if t.ui == name and t.query == query)
            cells.append("failed" if t.error else f"{kb(t.size)} / {t.requests} requests")
        rows.append([f"`{query}`: bytes / requests under /pagefind/", *cells])
    rows.append(["UI code loaded with every page",
                 *(kb(ui_code.get(name, 0)) for name in names)])
    for key in checks[0].keyboard:
        rows.append([key, *(yes(c.keyboard.get(key, False)) for c in checks)])
    rows.append(["Tab presses from the input to a result",
                 *(str(c.tab_presses) if c.tab_presses else "-" for c in checks)])
    rows.append(["Escape presses to close",
                 *(str(c.escape_presses) if c.escape_presses else "-" for c in checks)])
    for key in checks[0].screen_reader:
        rows.append([key, *(yes(c.screen_reader.get(key, False)) for c in checks)])
    rows.append(["dialog: role \"name\"",
                 *(f'{c.dialog_role} "{c.dialog_name}"' for c in checks)])
    rows.append(["input: role \"name\"", *(f'{c.input_role} "{c.input_name}"' for c in checks)])
    rows.append(["axe violations (serious or critical)",
                 *("failed" if a.error else
                   f"{len(a.violations)} ({a.serious})"
                   + (": " + ", ".join(f"{v[0]} [{v[1]}]" for v in a.violations)
                      if a.violations else "") for a in axes)])
    csp_counts = []
    for name, c in zip(names, checks, strict=True):
        during = {v for t in transfers if t.ui == name for v in t.csp} | set(c.csp)
        csp_counts.append(f"{len(during)}" + (f" ({'; '.join(sorted(during))})" if during else "")
                          + ("" if c.csp_unchanged else ", CSP changed"))
    rows.append(["CSP violations (distinct), CSP as built", *csp_counts])
    print("\nMarkdown:\n")
    print(markdown_table(head, rows))
    for c in checks:
        for note in c.notes:
            print(f"  note ({c.ui}): {note}")
        print(f"  announced ({c.ui}): {c.announced[:6]}")
    for a in axes:
        if a.error:
            print(f"  axe ({a.ui}): {a.error}")
        for rule, impact, nodes, first in a.violations:
            print(f"  axe ({a.ui}): {rule} [{impact}], {nodes} node(s), first: {first}")


KIND_COLUMNS = (("script", "script"), ("wasm", "wasm"), ("metadata", "metadata"),
                ("filter", "filters"), ("index", "chunks"), ("fragment", "fragments"))


def on_the_wire(site: Path, path: str) -> int:
    """The bytes of a file from a host that compresses text (gzip level 6, as GitHub Pages and
    most static hosts do): Pagefind's index files are gzip already, its script is not."""
    data = (site / path.lstrip("/")).read_bytes()
    if path.endswith((".js", ".json", ".css")):
        return len(gzip.compress(data, 6))
    return len(data)


def bytes_report(claims: int, transfers: list[Transfer], delay: int, site: Path) -> int:
    """Each query's bytes by kind, what each keystroke fetched, and the worst query of one
    to three words against the goal (bytes as the files are on disk, as a local server sends
    them; the last column what a host that compresses text would send)."""
    print(f"\none query's bytes under /pagefind/ at {claims:,} claims, typed {delay} ms a key "
          "(kB = 1,000 bytes, as the files are on disk)")
    head = ["query", *(label for _, label in KIND_COLUMNS), "total", "requests", "results",
            "total, text compressed by the host"]
    rows = []
    for t in transfers:
        if t.error:
            rows.append([f"`{t.query}`", *("-" for _ in KIND_COLUMNS), "failed", "-", t.error,
                         "-"])
            continue
        wire = sum(on_the_wire(site, path) for path, _, _ in t.files)
        rows.append([f"`{t.query}`", *(f"{t.kinds.get(kind, (0, 0))[1] / 1e3:.1f}"
                                        for kind, _ in KIND_COLUMNS),
                     f"**{t.size / 1e3:.1f}**", str(t.requests), t.status, f"{wire / 1e3:.1f}"])
    print(markdown_table(head, rows))
    for t in transfers:
        typed = [(path, size, key) for path, size, key in t.files
                 if key not in ("(page)", "(open)", t.query)
                 and kind_of(path) in ("index", "fragment", "filter")]
        if typed:
            print(f"  `{t.query}`: fetched before the last key: " + "; ".join(
                f"{key!r} {path.rsplit('/', 1)[-1]} {kb(size)}" for path, size, key in typed))
    measured = [t for t in transfers if not t.error and 1 <= len(t.query.split()) <= 3]
    if not measured:
        print("\ngoal: not measured")
        return 2
    worst = max(measured, key=lambda t: t.size)
    verdict = "met" if worst.size <= GOAL_SEARCH else "NOT met"
    print(f"\ngoal {verdict}: worst query of 1 to 3 words `{worst.query}` {kb(worst.size)} "
          f"(goal <= {kb(GOAL_SEARCH)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the corpus")
    parser.add_argument("--seed", type=int, default=0, help="corpus random seed")
    parser.add_argument("--uis", default="ours,component,component-no-worker",
                        help="variants to measure, comma-separated (default: %(default)s)")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (a project and a finished build "
                             "found there are reused)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--bytes-only", action="store_true",
                        help="measure only what each query fetches with the site's own dialog")
    parser.add_argument("--queries", default="|".join(QUERIES),
                        help="the queries, separated by | (default: %(default)s)")
    parser.add_argument("--delay", type=int, default=TYPE_DELAY,
                        help="ms between keys as the query is typed (default: %(default)s)")
    parser.add_argument("--site", type=Path, default=None,
                        help="measure this built site instead of building one (--bytes-only)")
    parser.add_argument("--page", default=None,
                        help="with --site: the page searched from (default: its first claim)")
    args = parser.parse_args(argv)
    queries = [q.strip() for q in args.queries.split("|") if q.strip()]
    if args.site and not args.bytes_only:
        parser.error("--site goes with --bytes-only")
    if args.claims < 4:
        parser.error("--claims takes at least 4")
    wanted = [u.strip() for u in args.uis.split(",") if u.strip()]
    known = {"ours", "component", "component-no-worker"}
    if not wanted or set(wanted) - known:
        parser.error(f"--uis takes some of {', '.join(sorted(known))}")

    if args.bytes_only:
        return measure_bytes(args, queries)
    with tempfile.TemporaryDirectory(prefix="factcheck-search-ui-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        print(f"{args.claims:,} claims ({work / f'claims-{args.claims}'}):", flush=True)
        site, page_path = build_site(args.claims, work, args.seed)
        built = CSP_META.search((site / page_path / "index.html").read_text(encoding="utf-8"))
        built_csp = built.group(1) if built else ""
        uis: list[UI] = []
        ui_code: dict[str, int] = {}
        for name in wanted:
            if name == "ours":
                uis.append(our_ui(site))
                ui_code[name] = (site / "assets" / "search.js").stat().st_size
                continue
            dest = work / f"claims-{args.claims}" / f"site-{name}"
            config = "<pagefind-config no-worker></pagefind-config>" if name.endswith(
                "no-worker") else ""
            pages = make_component_site(site, dest, config)
            print(f"  {name}: the Component UI on {pages:,} pages")
            uis.append(component_ui(name, dest))
            ui_code[name] = sum((dest / "pagefind" / f).stat().st_size for f in
                                ("pagefind-component-ui.js", "pagefind-component-ui.css"))

        transfers: list[Transfer] = []
        checks: list[Checks] = []
        axes: list[Axe] = []
        try:
            for ui in uis:
                recorder = Recorder()
                with serve(ui.site, recorder) as base:
                    for query in queries:
                        recorder.hits.clear()
                        t = transfer(ui, base, page_path, query, recorder, args.chromium)
                        transfers.append(t)
                        print(f"  {ui.name} {query!r}: " + (f"ERROR {t.error}" if t.error else
                              f"{kb(t.size)} in {t.requests} requests ({t.status})"), flush=True)
                    checks.append(keyboard_checks(ui, base, page_path, CHECKED_QUERY, built_csp,
                                                  args.chromium))
                    print(f"  {ui.name} keyboard: {checks[-1].keyboard}", flush=True)
                    axes.append(axe_check(ui, base, page_path, CHECKED_QUERY, args.chromium))
                    print(f"  {ui.name} axe: {axes[-1].violations or axes[-1].error}",
                          flush=True)
        except Exception as exc:
            print(f"search_ui: the browser failed: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            return 2
        report(args.claims, uis, transfers, checks, axes, ui_code, queries)
        if args.json:
            args.json.write_text(json.dumps({
                "claims": args.claims, "page": page_path, "csp": built_csp,
                "ui_code": ui_code,
                "transfers": [asdict(t) for t in transfers],
                "checks": [asdict(c) for c in checks],
                "axe": [asdict(a) for a in axes],
            }, indent=2) + "\n")
    return 0


def measure_bytes(args: argparse.Namespace, queries: list[str]) -> int:
    """--bytes-only: each query in a fresh browser with the site's own dialog."""
    with tempfile.TemporaryDirectory(prefix="factcheck-search-ui-") as tmp:
        if args.site:
            site = args.site.resolve()
            page_path = args.page or next(
                f"claims/{p.name}/" for p in sorted((site / "claims").iterdir())
                if (p / "index.html").is_file())
        else:
            work = args.keep.resolve() if args.keep else Path(tmp)
            site, page_path = build_site(args.claims, work, args.seed)
        claims = args.claims
        print(f"{site}, searched from /{page_path}", flush=True)
        transfers = []
        recorder = Recorder()
        try:
            with serve(site, recorder) as base:
                for query in queries:
                    recorder.hits.clear()
                    t = transfer(our_ui(site), base, page_path, query, recorder, args.chromium,
                                 args.delay)
                    transfers.append(t)
                    print(f"  {query!r}: " + (f"ERROR {t.error}" if t.error else
                          f"{kb(t.size)} in {t.requests} requests ({t.status})"), flush=True)
        except Exception as exc:
            print(f"search_ui: the browser failed: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            return 2
        code = bytes_report(claims, transfers, args.delay, site)
        if args.json:
            args.json.write_text(json.dumps({
                "claims": claims, "page": page_path, "delay": args.delay,
                "transfers": [asdict(t) for t in transfers]}, indent=2) + "\n")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
