"""What `factcheck capture` keeps of real pages: trafilatura's test corpus, side by side
with trafilatura alone.

Run by hand, not by the test suite, on a trafilatura checkout (its pages stay out of this
repository):

    git clone https://github.com/adbar/trafilatura /tmp/trafilatura
    .venv/bin/python benchmarks/capture_corpus.py /tmp/trafilatura [--limit N]
        [--pages GLOB] [--json FILE] [--timeout SECONDS]

The corpus is every `.html` file of the checkout's `tests/eval/` and `tests/cache/`
(about 1,030 pages); what each page must and must not contain comes from
`tests/evaldata.json` and `tests/realworld_tests.py` (see `trafilatura_corpus.py` for
which asserts of the tests count). `--pages GLOB` keeps the pages whose path under
`tests/` matches (`'cache/*'`, `'*theguardian*'`), `--limit N` the first N of those, and
`--json FILE` writes every page's results (the strings missed and leaked, the stored
paragraphs not found on the page) for a later run to compare with.

Each page is extracted three ways, one page and one way at a time, in this process:

1. capture: `generator.capture.run.capture` as `factcheck capture PAGE.html` calls it
   (the command's own normalisation and quote anchoring, libraries' logs silenced), into
   a fresh throwaway project per page (a minimal mkdocs.yml, an empty sources/ and
   sources.lock), so no page is refused as "already captured". A page refused only
   because capture cannot propose an id from its headline (one in another script) is
   captured again with `--id page`, as the refusal asks, and counted as captured, with
   `--id`. What it stores is read back from the written `sources/<id>.md`: the body (the
   text after the front-matter) and its paragraphs as the check loads them.
2. trafilatura with capture's arguments: capture's own call (`_bare` in
   `generator/capture/extract.py`, imported, so the column follows any change of its
   arguments), its body rendered as trafilatura's plain text output
   (`xmltotxt`, NFC-normalised, as `trafilatura.extract` renders it, without the metadata
   header that `with_metadata=True` would print).
3. trafilatura's defaults: `trafilatura.extract(html)`.

The trafilatura columns get the page decoded as trafilatura decodes bytes
(`trafilatura.utils.decode_file`); capture reads the file and decodes it itself. A saved
file has no URL, so no column is given one.

What is measured, for each column:

- pages captured, refused and crashed. Capture refuses with its one-line error
  (`CaptureError`), grouped below the table by reason (numbers and quoted values folded);
  trafilatura "refuses" when it returns no text. A crash is any other exception (its
  traceback is in the JSON); a page that takes over `--timeout` seconds is stopped and
  counted as timed out.
- the verbatim rate (capture only): the share of stored paragraphs that occur word for
  word in the page's visible text, white space folded on both sides. The visible text is
  the text content of the page parsed by lxml.html (as capture parses it) without
  `script`, `style`, `noscript` and `template` elements nor ruby annotations (`rt`, `rp`:
  the readings set above Japanese or Chinese text), with a space at the start and
  end of every block-level element and at each `<br>` (where a browser breaks the line),
  then white space folded; the title is part of the text. A paragraph counts as verbatim
  when it stands in that text as shown (an element with a `hidden` attribute or an inline
  style `display: none` or `visibility: hidden` left out with its text, as a browser does)
  or with every such part unfolded (a collapsed table or "read more" a reader opens).
  trafilatura's columns are not measured: its text output adds list markers and table
  pipes that are not the page's words.
- must-contain found and must-not-contain leaked: the share of all the expectation
  strings of all pages, searched white space folded (as trafilatura's evaluation does) in
  capture's stored body, or in trafilatura's text output. A page refused or crashed
  finds none and leaks none.
- seconds per page, median and mean over the pages, of the extraction call alone
  (capture: the whole capture of the file, reading, decoding, extraction, checks and
  writing; the throwaway project is made outside the timing).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import frontmatter
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.utils import decode_file, normalize_unicode
from trafilatura.xml import xmltotxt
from trafilatura_corpus import Corpus, Expected, fold, load

from generator.anchoring.normalize import normalise_text
from generator.capture.charset import decode
from generator.capture.errors import CaptureError
from generator.capture.extract import LIBRARY_LOGGERS
from generator.capture.run import Request, Stages, capture
from generator.commands.capturing import failures, quiet
from generator.content import pins
from generator.content.load import load_source
from generator.content.settings import Settings, load_settings

try:
    from generator.capture.extract import _bare  # capture's call of trafilatura
except ImportError:
    raise SystemExit("generator/capture/extract.py no longer has `_bare`, capture's call of "
                     "trafilatura; update the trafilatura_capture_args column of "
                     "benchmarks/capture_corpus.py") from None

COLUMNS = ("capture", "trafilatura_capture_args", "trafilatura_defaults")
HEADINGS = ("capture", "trafilatura, capture's args", "trafilatura defaults")
CAPTURED, REFUSED, CRASHED, TIMED_OUT = "captured", "refused", "crashed", "timed out"
NO_ID = "cannot propose an id"  # capture's refusal of a headline it makes no id of
MKDOCS_YML = "site_name: Capture benchmark\nplugins:\n  - factcheck\n"
# Not the page's text: code, and ruby annotations (readings set above the text, not in it).
INVISIBLE = ("script", "style", "noscript", "template", "rt", "rp")
# Elements a browser lays out as blocks (HTML's block-level and table elements).
BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
    "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


class PageTimeout(BaseException):
    """A page over the time limit (a BaseException, so no `except Exception` in the code
    measured can swallow it)."""


@dataclass
class Outcome:
    """One page's result in one column."""

    status: str
    seconds: float
    reason: str = ""  # the refusal's message, the crash's last line
    crash: str = ""  # the traceback
    needed_id: bool = False  # capture: refused for want of an id, captured with `--id`
    paragraphs: int = 0  # capture: paragraphs stored
    not_verbatim: list[str] = field(default_factory=list)  # capture: those not on the page
    found: int = 0  # must-contain strings found
    missed: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)


@dataclass
class Page:
    path: str
    expected: Expected
    results: dict[str, Outcome]


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(fn: Callable[[], Any], limit: float) -> tuple[Outcome | None, Any, float]:
    """Run `fn` within `limit` seconds: (the crash or time-out, if any; its value; seconds).
    `CaptureError` is passed on to the caller."""
    start = time.perf_counter()
    try:
        with time_limit(limit):
            value = fn()
    except PageTimeout:
        seconds = time.perf_counter() - start
        return Outcome(TIMED_OUT, seconds, f"stopped after {limit:g} s"), None, seconds
    except CaptureError:
        raise
    except Exception as e:
        seconds = time.perf_counter() - start
        last = traceback.format_exception_only(e)[-1].strip()
        return Outcome(CRASHED, seconds, last, traceback.format_exc()), None, seconds
    return None, value, time.perf_counter() - start


_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(element: Any) -> bool:
    """Whether a browser leaves the element out, by its own attributes."""
    return element.get("hidden") is not None or bool(
        _STYLE_HIDDEN.search(element.get("style") or ""))


def visible_text(html: str, unfolded: bool = False) -> str:
    """The page's visible text, white space folded (module docstring); `unfolded`, with
    the parts a browser hides shown too."""
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.fromstring(html) if html.strip() else None
    except (etree.ParserError, ValueError):
        return ""
    if tree is None:
        return ""
    pieces: list[str] = []
    todo: list[Any] = [tree]  # elements still to read, and text to add after them
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        tag = item.tag.lower() if isinstance(item.tag, str) else None  # None: a comment
        block = tag in BLOCKS
        after = [" "] if block else []
        if item is not tree and item.tail:
            after.append(item.tail)
        todo += reversed(after)
        if tag is None or tag in INVISIBLE or (not unfolded and _hidden(item)):
            continue
        if block:
            pieces.append(" ")
        if item.text:
            pieces.append(item.text)
        todo += reversed(item)
    return fold("".join(pieces))


def score(outcome: Outcome, text: str, expected: Expected) -> None:
    """The expectation strings `text` holds (folded, as trafilatura's evaluation folds)."""
    folded = fold(text)
    outcome.missed = [s for s in expected.with_ if fold(s) not in folded]
    outcome.found = len(expected.with_) - len(outcome.missed)
    outcome.leaked = [s for s in expected.without if fold(s) in folded]


class Runner:
    """The three columns for one page at a time, in throwaway projects under `scratch`."""

    def __init__(self, tests: Path, scratch: Path, limit: float) -> None:
        self.tests, self.scratch, self.limit = tests, scratch, limit
        self.stages = Stages(fold=normalise_text, quotes=failures)  # as the command does

    def page(self, path: str, expected: Expected) -> Page:
        file = self.tests / path
        html = decode_file(file.read_bytes())
        with quiet(LIBRARY_LOGGERS, 0):
            results = {"capture": self.run_capture(file, expected),
                       "trafilatura_capture_args": self.run_text(
                           lambda: self.capture_args_text(html), expected),
                       "trafilatura_defaults": self.run_text(
                           lambda: trafilatura.extract(html), expected)}
        return Page(path, expected, results)

    def capture_args_text(self, html: str) -> str | None:
        doc = _bare(html, None)
        return None if doc is None else normalize_unicode(xmltotxt(doc.body, False))

    def run_text(self, extract: Callable[[], str | None], expected: Expected) -> Outcome:
        failed, text, seconds = timed(extract, self.limit)
        if failed is not None:
            failed.missed = list(expected.with_)
            return failed
        if not text or not text.strip():
            out = Outcome(REFUSED, seconds, "no text extracted", missed=list(expected.with_))
            return out
        out = Outcome(CAPTURED, seconds)
        score(out, text, expected)
        return out

    def run_capture(self, file: Path, expected: Expected) -> Outcome:
        """Capture `file` into a throwaway project and score what it stored."""
        root = Path(tempfile.mkdtemp(prefix="project-", dir=self.scratch))
        try:
            (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
            (root / "sources").mkdir()
            (root / pins.LOCK_NAME).write_text(pins.lock_text({}), encoding="utf-8")
            settings, problems = load_settings(root)
            if problems:
                raise SystemExit(f"the throwaway project's settings: {problems[0].message}")
            out = self.stored(root, file, settings, Request(str(file)), expected)
            if out.status == REFUSED and out.reason.startswith(NO_ID):
                # as the refusal says: the page's text is not at fault, only its headline
                out = self.stored(root, file, settings, Request(str(file), source_id="page"),
                                  expected)
                out.needed_id = True
            return out
        finally:
            shutil.rmtree(root, ignore_errors=True)


    def stored(self, root: Path, file: Path, settings: Settings, request: Request,
               expected: Expected) -> Outcome:
        """Capture as `request` asks, then score what was stored."""
        start = time.perf_counter()
        try:
            failed, _, seconds = timed(lambda: capture(request, settings, self.stages),
                                       self.limit)
        except CaptureError as e:
            return Outcome(REFUSED, time.perf_counter() - start, str(e),
                           missed=list(expected.with_))
        written = sorted((root / "sources").glob("*.md"))
        if failed is None and len(written) != 1:
            failed = Outcome(CRASHED, seconds, f"capture wrote {len(written)} source files")
        source, problems = load_source(written[0], settings) if failed is None else (None, [])
        if failed is None and (source is None or problems):
            failed = Outcome(CRASHED, seconds, "capture wrote a source the check refuses: "
                             + "; ".join(d.message for d in problems))
        if failed is not None or source is None:
            assert failed is not None
            failed.missed = list(expected.with_)
            return failed
        out = Outcome(CAPTURED, seconds, paragraphs=len(source.passages))
        score(out, body(written[0].read_text(encoding="utf-8")), expected)
        page = decode(file.read_bytes(), None)
        shown, unfolded = visible_text(page), visible_text(page, unfolded=True)
        out.not_verbatim = [p.text for p in source.passages
                            if fold(p.text) not in shown and fold(p.text) not in unfolded]
        return out


def body(text: str) -> str:
    """A stored source's body: the text after its front-matter."""
    return str(frontmatter.loads(text).content)


def reason_group(reason: str, page: Path) -> str:
    """A refusal with what is particular to the page folded: its path, numbers, quoted
    values, and the advice after the first `; `."""
    text = reason.replace(str(page), "PAGE").split("; ")[0]
    text = re.sub(r"`[^`]*`", "`…`", text)
    if text.count("(") > text.count(")"):
        text += " …)"
    return re.sub(r"(?<![\w-])\d[\d,]*", "N", text)


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part:,}/{whole:,})" if whole else "n/a"


def table(pages: list[Page], corpus: Corpus, elapsed: float) -> str:
    rows: list[tuple[str, ...]] = [("", *HEADINGS)]
    n = len(pages)
    for status in (CAPTURED, REFUSED, CRASHED, TIMED_OUT):
        rows.append((f"pages {status}", *(
            share(sum(p.results[c].status == status for p in pages), n) for c in COLUMNS)))
        if status == CAPTURED:
            rows.append(("  of which with `--id`", share(sum(
                p.results["capture"].needed_id for p in pages), n), "", ""))
    stored = sum(p.results["capture"].paragraphs for p in pages)
    off = sum(len(p.results["capture"].not_verbatim) for p in pages)
    rows.append(("stored paragraphs verbatim", share(stored - off, stored), "n/a", "n/a"))
    wanted = sum(len(p.expected.with_) for p in pages)
    unwanted = sum(len(p.expected.without) for p in pages)
    rows.append(("must-contain found", *(
        share(sum(p.results[c].found for p in pages), wanted) for c in COLUMNS)))
    rows.append(("must-not-contain leaked", *(
        share(sum(len(p.results[c].leaked) for p in pages), unwanted) for c in COLUMNS)))
    for name, fn in (("median", statistics.median), ("mean", statistics.fmean)):
        rows.append((f"seconds per page, {name}", *(
            f"{fn([p.results[c].seconds for p in pages]):.3f}" if pages else "n/a"
            for c in COLUMNS)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
             for row in rows]
    with_expectations = sum(bool(p.expected.with_ or p.expected.without) for p in pages)
    lines.insert(0, f"{n:,} pages ({with_expectations:,} with expectations: {wanted:,} "
                    f"must-contain, {unwanted:,} must-not-contain strings) in "
                    f"{elapsed / 60:.1f} min")
    lines += refusals(pages, corpus.tests)
    return "\n".join(lines)


def refusals(pages: list[Page], tests: Path) -> list[str]:
    lines: list[str] = []
    for column, heading in zip(COLUMNS, HEADINGS, strict=True):
        groups: Counter[str] = Counter()
        for p in pages:
            result = p.results[column]
            if result.status == REFUSED:
                groups[reason_group(result.reason, tests / p.path)] += 1
            elif result.status in (CRASHED, TIMED_OUT):
                groups[f"{result.status}: {result.reason}"] += 1
        if groups:
            lines.append(f"\n{heading}: refused, crashed or timed out, by reason")
            lines += [f"{count:>6}  {reason}" for reason, count in groups.most_common()]
    return lines


def corpus_lines(corpus: Corpus) -> list[str]:
    lines = [f"trafilatura {trafilatura.__version__}; corpus {corpus.tests}: "
             f"{len(corpus.pages):,} pages"
             + (f" ({len(corpus.others)} other file(s) skipped: "
                f"{', '.join(corpus.others)})" if corpus.others else "")]
    lines.append(f"evaldata.json: {corpus.evaldata:,} entries"
                 + (f", {len(corpus.evaldata_missing)} whose file is missing"
                    if corpus.evaldata_missing else ""))
    rw = corpus.realworld
    if rw is not None:
        skipped = ", ".join(f"{n} {why}" for why, n in rw.skipped.most_common())
        lines.append(f"realworld_tests.py: {rw.counted} string asserts on {len(rw.pages)} "
                     f"pages counted; skipped: {skipped or 'none'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, metavar="DIR",
                        help="a trafilatura checkout (the folder holding tests/)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="only the first N pages (after --pages)")
    parser.add_argument("--pages", default="*", metavar="GLOB",
                        help="only the pages whose path under tests/ matches, e.g. 'cache/*'")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="write every page's results to FILE")
    parser.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                        help="stop a page's extraction after this long (counted apart)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.timeout <= 0:
        parser.error("--timeout must be more than 0")
    try:
        corpus = load(args.root)
    except (ValueError, OSError) as e:
        print(f"capture_corpus: error: {e}", file=sys.stderr)
        return 2
    chosen = [p for p in corpus.pages if fnmatch.fnmatch(p, args.pages)][:args.limit]
    if not chosen:
        print(f"capture_corpus: error: no page of {corpus.tests} matches `{args.pages}`",
              file=sys.stderr)
        return 2
    print("\n".join(corpus_lines(corpus)), flush=True)
    pages: list[Page] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="capture-corpus-") as scratch:
        runner = Runner(corpus.tests, Path(scratch), args.timeout)
        for i, path in enumerate(chosen, 1):
            pages.append(runner.page(path, corpus.expected.get(path, Expected())))
            if i % 50 == 0 or i == len(chosen):
                print(f"  {i}/{len(chosen)} pages, {time.perf_counter() - start:.0f} s",
                      file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - start
    print(table(pages, corpus, elapsed))
    if args.json is not None:
        args.json.write_text(json.dumps({
            "corpus": corpus_lines(corpus), "pages": [
                {"page": p.path, "with": p.expected.with_, "without": p.expected.without,
                 **{c: asdict(p.results[c]) for c in COLUMNS}} for p in pages]},
            ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {args.json}: {len(pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
