"""The saved pages of trafilatura's test corpus and what its tests expect of each.

`benchmarks/capture_corpus.py` reads a trafilatura checkout with this module; nothing of
trafilatura's is copied into this repository. The checkout's `tests/` folder holds:

- `eval/*.html` and `cache/*.html`: the saved pages (about 1,030). Every `.html` file in
  the two folders is a page of the corpus, with or without expectations.
- `evaldata.json`: url -> {file, with: [...], without: [...]}; the file is looked for in
  `cache/`, then `eval/`, as trafilatura's own evaluation does.
- `realworld_tests.py`: pytest tests that load a page by URL (`MOCK_PAGES` maps it to a
  file in `cache/`) and assert `"X" in result` or `"X" not in result`. The file is parsed
  with `ast`, never imported or run. An assert counts only when it can be attributed to
  one page's plain-text extraction:
  - it is a statement of the test function itself, not under an `if`, `for`, `with` or
    `try` (those hold for only some runs of a parametrised test: `if xmloutput is False:`);
  - it compares a string literal with `in` or `not in` (also joined by `and`) against a
    name last bound, in that function, to a call of `load_mock_page` or of a
    `functools.partial` of it, whose URL is a string literal or a name bound to one, and
    is a key of `MOCK_PAGES`;
  - the call asks for no other output than plain text: each argument after the URL is a
    literal `False` or `None`, or one of the test's own parameters (an unconditional
    assert holds for every value of those); `formatting=True`, `links=True` and the like
    make Markdown or XML, whose markers no stored text has.
  A name bound again, or bound inside a compound statement, stops counting for the page
  it held. Everything else is counted as skipped, by reason. An assert after a load that
  was commented out still counts for the page loaded before it: comments are not code.

A page's expectations are those of both files, each string once (white space folded).
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FOLDERS = ("eval", "cache")
PAGE_SUFFIXES = (".html", ".htm")
LOADER = "load_mock_page"
_SPACE = re.compile(r"\s+")

# Why an assert of realworld_tests.py was not counted.
CONDITIONAL = "under an if, loop, with or try"
FORMATTED = "on Markdown or XML output (formatting, links, xml_flag...)"
UNKNOWN_PAGE = "on a page not in MOCK_PAGES"
OTHER = "on anything else (metadata, other values)"


def fold(text: str) -> str:
    """White space folded, as trafilatura's evaluation compares strings."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class Expected:
    """What a page must contain and must not: strings, each once (folded)."""

    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)

    def add(self, with_: list[str], without: list[str]) -> None:
        for mine, theirs in ((self.with_, with_), (self.without, without)):
            seen = {fold(s) for s in mine}
            for s in theirs:
                if fold(s) and fold(s) not in seen:
                    mine.append(s)
                    seen.add(fold(s))


@dataclass
class RealWorld:
    """The asserts of realworld_tests.py: URL -> expectations, and what was skipped."""

    mock_pages: dict[str, str]
    pages: dict[str, Expected] = field(default_factory=dict)
    counted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass
class Corpus:
    tests: Path
    pages: list[str]  # paths relative to tests/, e.g. "eval/example.com.html"
    expected: dict[str, Expected]  # by page path
    others: list[str]  # files of the page folders that are not pages
    evaldata: int = 0  # entries of evaldata.json
    evaldata_missing: list[str] = field(default_factory=list)  # their files not found
    realworld: RealWorld | None = None


def mock_pages(tree: ast.Module) -> dict[str, str]:
    """The module-level `MOCK_PAGES = {url: file}` literal."""
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "MOCK_PAGES"):
            value = ast.literal_eval(node.value)
            if isinstance(value, dict):
                return {str(k): str(v) for k, v in value.items()}
    return {}


def read_realworld(text: str) -> RealWorld:
    """The string asserts of each test function of realworld_tests.py (module docstring)."""
    tree = ast.parse(text)
    found = RealWorld(mock_pages(tree))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            _Function(node, found).read()
    return found


class _Function:
    """One test function read statement by statement, tracking what each name holds."""

    def __init__(self, node: ast.FunctionDef | ast.AsyncFunctionDef, out: RealWorld) -> None:
        self.node = node
        self.out = out
        args = node.args
        self.params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        self.loaders = {LOADER}  # names that call load_mock_page for plain text
        self.strings: dict[str, str] = {}  # name -> the string literal it holds
        self.results: dict[str, str] = {}  # name -> the URL whose plain text it holds
        self.formatted: set[str] = set()  # names holding a page's Markdown or XML

    def read(self) -> None:
        for stmt in self.node.body:
            if isinstance(stmt, ast.Assign):
                self.assign(stmt)
            elif isinstance(stmt, ast.Assert):
                for part in _conjuncts(stmt.test):
                    self.check(part)
            else:
                self.out.skipped[CONDITIONAL] += sum(
                    isinstance(n, ast.Assert) for n in ast.walk(stmt))
                for name in _bound_names(stmt):
                    self.forget(name)

    def forget(self, name: str) -> None:
        self.strings.pop(name, None)
        self.results.pop(name, None)
        self.formatted.discard(name)
        if name != LOADER:
            self.loaders.discard(name)

    def assign(self, stmt: ast.Assign) -> None:
        names = [n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        for name in names:
            self.forget(name)
        if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
            return
        name, value = stmt.targets[0].id, stmt.value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            self.strings[name] = value.value
        elif isinstance(value, ast.Call) and _is_partial(value.func):
            if value.args and isinstance(value.args[0], ast.Name) and (
                    value.args[0].id in self.loaders) and self.plain(value.args[1:],
                                                                      value.keywords):
                self.loaders.add(name)
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and (
                value.func.id in self.loaders) and value.args:
            url = self.url(value.args[0])
            if url is None:
                return
            if not self.plain(value.args[1:], value.keywords):
                self.formatted.add(name)
            else:
                self.results[name] = url

    def url(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.strings.get(node.id)
        return None

    def plain(self, args: list[ast.expr], keywords: list[ast.keyword]) -> bool:
        """Whether the arguments after the URL leave the output plain text."""
        values = [*args, *(k.value for k in keywords)]
        if any(k.arg is None for k in keywords):  # **options: unknown
            return False
        return all((isinstance(v, ast.Constant) and v.value in (False, None))
                   or (isinstance(v, ast.Name) and v.id in self.params) for v in values)

    def check(self, test: ast.expr) -> None:
        if (isinstance(test, ast.Compare) and len(test.ops) == 1
                and isinstance(test.ops[0], ast.In | ast.NotIn)
                and isinstance(test.left, ast.Constant) and isinstance(test.left.value, str)
                and isinstance(test.comparators[0], ast.Name)):
            name = test.comparators[0].id
            if name in self.formatted:
                self.out.skipped[FORMATTED] += 1
                return
            url = self.results.get(name)
            if url is not None and url not in self.out.mock_pages:
                self.out.skipped[UNKNOWN_PAGE] += 1
                return
            if url is not None:
                wanted = isinstance(test.ops[0], ast.In)
                strings = ([test.left.value], []) if wanted else ([], [test.left.value])
                self.out.pages.setdefault(url, Expected()).add(*strings)
                self.out.counted += 1
                return
        self.out.skipped[OTHER] += 1


def _conjuncts(test: ast.expr) -> list[ast.expr]:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return [part for value in test.values for part in _conjuncts(value)]
    return [test]


def _is_partial(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "partial") or (
        isinstance(func, ast.Attribute) and func.attr == "partial"
        and isinstance(func.value, ast.Name) and func.value.id == "functools")


def _bound_names(stmt: ast.stmt) -> set[str]:
    """Every name a compound statement may bind (assignments, loop and with targets)."""
    out: set[str] = set()
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
    return out


def resolve(tests: Path, name: str) -> str | None:
    """The page `name` as trafilatura's evaluation finds it: in cache/, then eval/."""
    for folder in ("cache", "eval"):
        if (tests / folder / name).is_file():
            return f"{folder}/{name}"
    return None


def load(root: Path) -> Corpus:
    """The corpus of a trafilatura checkout at `root` (or its `tests/` folder).
    Raises ValueError with what is missing."""
    tests = root / "tests" if (root / "tests").is_dir() else root
    if not all((tests / f).is_dir() for f in FOLDERS):
        raise ValueError(f"{root} has no tests/eval and tests/cache folders: give the root "
                         "of a trafilatura checkout (git clone "
                         "https://github.com/adbar/trafilatura)")
    pages: list[str] = []
    others: list[str] = []
    for folder in FOLDERS:
        for path in sorted((tests / folder).iterdir()):
            if not path.is_file():
                continue
            rel = f"{folder}/{path.name}"
            (pages if path.suffix.lower() in PAGE_SUFFIXES else others).append(rel)
    corpus = Corpus(tests, pages, {}, others)
    evaldata = tests / "evaldata.json"
    if evaldata.is_file():
        entries = json.loads(evaldata.read_text(encoding="utf-8"))
        corpus.evaldata = len(entries)
        for url, item in entries.items():
            page = resolve(tests, str(item.get("file", "")))
            if page is None:
                corpus.evaldata_missing.append(url)
                continue
            corpus.expected.setdefault(page, Expected()).add(
                list(item.get("with") or []), list(item.get("without") or []))
    realworld = tests / "realworld_tests.py"
    if realworld.is_file():
        corpus.realworld = read_realworld(realworld.read_text(encoding="utf-8"))
        for url, expected in corpus.realworld.pages.items():
            page = resolve(tests, corpus.realworld.mock_pages[url])
            if page is None:
                corpus.realworld.skipped[UNKNOWN_PAGE] += len(expected.with_) + len(
                    expected.without)
                continue
            corpus.expected.setdefault(page, Expected()).add(expected.with_,
                                                             expected.without)
    return corpus
