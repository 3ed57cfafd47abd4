"""Read a Markdown file with YAML front-matter, keeping the line of every key.

python-frontmatter finds the front-matter; the YAML is composed with the safe loader
into nodes so that every key and item keeps its position, and no tag is ever
constructed beyond plain data.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator import limits
from generator.content.yamlerrors import explain
from generator.diagnostics import Report
from generator.digest import bytes_digest, text_digest

try:  # libyaml is much faster; the pure-Python loader behaves the same.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

Key = tuple[str | int, ...]
Position = tuple[int, int]


class _Invalid:
    """A value whose problem is already reported: validators pass over it in silence."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass
class TextFile:
    """A file split into located front-matter data and a body."""

    path: Path
    display: str
    data: dict[str, Any]
    body: str
    body_line: int
    key_positions: Mapping[Key, Position] = field(default_factory=dict)
    value_positions: Mapping[Key, Position] = field(default_factory=dict)
    # The source text of every scalar YAML read as other than text (a number, a boolean,
    # a date, no value), so `0x1F` stays `0x1F` as text and a message shows `no` as written,
    # never the `false` YAML made of it; `~` and `null` are kept too (an empty value is "").
    scalar_text: dict[Key, str] = field(default_factory=dict)
    # A digest of the file's bytes: what the preview and page keys compare.
    fingerprint: str = ""

    def where(self, key: Key) -> Position:
        """The position of a key, else of its value, else of the nearest located parent."""
        probe = key
        while probe:
            if probe in self.key_positions:
                return self.key_positions[probe]
            if probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return (1, 1)

    def value_at(self, key: Key) -> Position:
        return self.value_positions.get(key) or self.where(key)


class _TooBig(Exception):
    pass


class _Positions(Mapping[Key, Position]):
    """Positions kept as character offsets and turned into line and column only when a
    message asks: a clean file never pays for the conversion."""

    def __init__(self, lines: _LineIndex, line0: int) -> None:
        self.offsets: dict[Key, int] = {}
        self.lines = lines
        self.line0 = line0

    def __getitem__(self, key: Key) -> Position:
        line, col = self.lines.at(self.offsets[key])
        return self.line0 + line, col

    def __contains__(self, key: object) -> bool:
        return key in self.offsets

    def __iter__(self) -> Iterator[Key]:
        return iter(self.offsets)

    def __len__(self) -> int:
        return len(self.offsets)


class _LineIndex:
    """Line and column of a character index, counting only `\\n` as a line break.

    YAML also breaks lines at U+2028, U+2029 and U+0085; git and editors do not, so
    positions are counted here rather than taken from YAML's marks.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) - 1
        return line, index - self.starts[line] + 1


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions and refusing tags."""

    def __init__(self, report: Report, line0: int, fm: str, tolerant: bool = False) -> None:
        self.report = report
        self.lines = _LineIndex(fm)
        self.keys = _Positions(self.lines, line0)
        self.values = _Positions(self.lines, line0)
        self.tolerant = tolerant
        self.line0 = line0
        self.nodes = 0
        self.texts: dict[Key, str] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def pos(self, node: Node) -> Position:
        line, col = self.lines.at(node.start_mark.index)
        return (self.line0 + line, col)

    def build(self, node: Node, key: Key, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > limits.MAX_YAML_NODES:
            raise _TooBig(
                f"front-matter has more than {limits.MAX_YAML_NODES:,} values "
                "(or aliases that expand to that many); "
                "split the content or remove the aliases"
            )
        if depth > limits.MAX_YAML_DEPTH:
            raise _TooBig(
                f"front-matter is nested more than {limits.MAX_YAML_DEPTH} levels deep; "
                "use the flat fields of the format"
            )
        self.values.offsets[key] = node.start_mark.index
        if isinstance(node, MappingNode):
            if node.tag != _MAP_TAG:
                return self.bad_tag(node)
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, ScalarNode) or knode.tag not in _PLAIN_TAGS:
                    line, col = self.pos(knode)
                    self.report.error(line, col, "a key must be plain text; write `name: value`")
                    continue
                name = str(knode.value)
                child = (*key, name)
                if name in out:
                    line, col = self.pos(knode)
                    self.report.error(
                        line, col, f"duplicate key `{name}`: each key may appear once; "
                        "merge the two values or remove one"
                    )
                    continue
                self.keys.offsets[child] = knode.start_mark.index
                out[name] = self.build(vnode, child, depth + 1)
            return out
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                return self.bad_tag(node)
            return [self.build(item, (*key, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag not in _PLAIN_TAGS:
            return self.bad_tag(node)
        if node.tag == _STR_TAG:
            return node.value  # what the constructor would return, without its overhead
        self.texts[key] = str(node.value)
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                return str(node.value)  # an impossible date: the field reports it
            line, col = self.pos(node)
            self.report.error(line, col, f"cannot read this value: {exc}")
            return INVALID

    def bad_tag(self, node: Node) -> Any:
        if self.tolerant:
            return _env_tag(node) if node.tag == "!ENV" else None
        line, col = self.pos(node)
        self.report.error(
            line, col, f"YAML tag `{node.tag}` is not allowed: front-matter holds plain "
            "text, numbers, dates, lists and mappings; remove the tag"
        )
        return INVALID


def _env_tag(node: Node) -> str | None:
    """mkdocs.yml's `!ENV NAME` / `!ENV [NAME, ..., default]`."""
    items = [node] if isinstance(node, ScalarNode) else [
        n for n in node.value if isinstance(n, ScalarNode)
    ]
    for item in items[:-1] if len(items) > 1 else items:
        if os.environ.get(str(item.value)):
            return os.environ[str(item.value)]
    if len(items) < 2:
        return None
    default = items[-1]
    # A `null` or `~` default is no value, as MkDocs reads it.
    return None if default.tag == "tag:yaml.org,2002:null" else str(default.value)


def decode(raw: bytes, report: Report) -> str | None:
    """UTF-8 (a BOM allowed), with CRLF and CR line endings made LF."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        report.error(
            line, col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8"
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_lines(text: str, report: Report) -> bool:
    if len(text) <= limits.MAX_LINE_CHARS:
        return True  # no line can be too long
    lines = text.split("\n")
    if max(map(len, lines)) <= limits.MAX_LINE_CHARS:
        return True
    for lineno, line in enumerate(lines, 1):
        if len(line) > limits.MAX_LINE_CHARS:
            report.error(
                lineno, 1, f"line is {len(line):,} characters long, over the limit of "
                f"{limits.MAX_LINE_CHARS:,}; break it into paragraphs"
            )
            return False
    return True


def _read_bytes(path: Path, report: Report) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            report.error(
                1, 1, f"file is {size:,} bytes, over the limit of {limits.MAX_FILE_BYTES:,}; "
                "keep one article or claim per file and leave out page furniture"
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        report.error(1, 1, f"cannot read the file: {exc.strerror}")
        return None
    return raw


def _read_text(path: Path, report: Report) -> tuple[bytes, str] | None:
    """A file's bytes and their text, or None when either cannot be had (reported)."""
    raw = _read_bytes(path, report)
    text = None if raw is None else decode(raw, report)
    return None if raw is None or text is None else (raw, text)


def read(path: Path, display: str, report: Report) -> TextFile | None:
    """Load one file, or report why it cannot be loaded and return None."""
    read = _read_text(path, report)
    return None if read is None else parse(read[1], path, display, report,
                                           bytes_digest(read[0]))


def parse(text: str, path: Path, display: str, report: Report, fingerprint: str = ""
          ) -> TextFile | None:
    """Split and read a file's text; `fingerprint` is the digest of its bytes, if known."""
    if not text.strip():
        report.error(1, 1, "the file is empty; start with front-matter between `---` lines")
        return None
    if not _check_lines(text, report):
        return None
    handler = YAMLHandler()
    if not handler.detect(text):
        report.error(
            1, 1, "no front-matter: the file must start with a `---` line, then YAML "
            "fields, then a closing `---` line"
        )
        return None
    try:
        fm, body = handler.split(text)
    except ValueError:
        report.error(1, 1, "front-matter is not closed: add a `---` line after the fields")
        return None
    fm_offset = text.index(fm, 3) if fm else 3
    line0 = text.count("\n", 0, fm_offset) + 1
    body_offset = text.index(body, fm_offset + len(fm)) if body else len(text)
    body_line = text.count("\n", 0, body_offset) + 1
    if len(fm) > limits.MAX_FRONT_MATTER_CHARS:
        report.error(
            line0, 1, f"front-matter is {len(fm):,} characters, over the limit of "
            f"{limits.MAX_FRONT_MATTER_CHARS:,}"
        )
        return None
    data = _load_yaml(fm, line0, report)
    if data is None:
        return None
    builder_keys, builder_values, builder_texts, mapping = data
    if not isinstance(mapping, dict):
        kind = "empty" if mapping is None else f"a {_kind(mapping)}"
        report.error(
            line0, 1, f"front-matter is {kind}, expected a mapping of fields "
            "such as `title: ...`"
        )
        return None
    return TextFile(path, display, mapping, body, body_line, builder_keys, builder_values,
                    builder_texts, fingerprint or text_digest(text))


_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """An upper bound on the bracket nesting of flow collections, found without parsing.

    libyaml recurses once per level and crashes the interpreter on very deep input,
    so deep nesting must be refused before the parser sees it.
    """
    depth = deepest = 0
    for ch in _BRACKETS.findall(text):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}" and depth:
            depth -= 1
    return deepest


def _load_yaml(
    fm: str, line0: int, report: Report, tolerant: bool = False
) -> tuple[Mapping[Key, Position], Mapping[Key, Position], dict[Key, str], Any] | None:
    if _flow_depth(fm) > limits.MAX_YAML_DEPTH:
        report.error(
            line0, 1, f"front-matter is nested more than {limits.MAX_YAML_DEPTH} levels deep; "
            "use the flat fields of the format"
        )
        return None
    loader = SafeLoader(fm)
    lines = _LineIndex(fm)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line, col = lines.at(exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        report.error(line0 + line, col, f"character U+{ord(char):04X} is not allowed in "
                                        "front-matter; remove it")
        return None
    except yaml.MarkedYAMLError as exc:
        found = explain(fm, exc, line0)
        line, col = lines.at(found.index)
        report.error(line0 + line, col, f"front-matter is not valid YAML: {found.message}")
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        report.error(line0, 1, f"front-matter is not valid YAML: {type(exc).__name__}")
        return None
    finally:
        loader.dispose()
    if node is None:
        return {}, {}, {}, None
    builder = _Builder(report, line0, fm, tolerant)
    try:
        value = builder.build(node, (), 0)
    except _TooBig as exc:
        report.error(line0, 1, str(exc))
        return None
    return builder.keys, builder.values, builder.texts, value


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    return type(value).__name__


def read_yaml_config(path: Path, display: str, report: Report) -> TextFile | None:
    """Read a YAML configuration file (mkdocs.yml): tags other tools use are skipped."""
    read = _read_text(path, report)
    if read is None:
        return None
    text = read[1]
    data = _load_yaml(text, 1, report, tolerant=True)
    if data is None:
        return None
    keys, values, texts, mapping = data
    if not isinstance(mapping, dict):
        report.error(1, 1, "expected a mapping of settings")
        return None
    return TextFile(path, display, mapping, "", 0, keys, values, texts)
