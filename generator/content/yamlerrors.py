"""What a YAML syntax error means to a contributor: the line to fix, and how.

PyYAML and libyaml say what the parser expected where it gave up, which is often not
where the mistake is: a plain value that goes on to a line indented too little is
reported at the next key (or further down), a `: ` inside a value reads as a nested
mapping, and a tab reads as "a character that cannot start any token". The few
mistakes contributors make are recognised here from the text around the parser's marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.diagnostics import clip

# `key:` or `- key:` at the start of a line: its indentation, the list dash, the key.
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:\"'\[\]{}&*!|>%@`-]"
                       r"[^:#]*?):(?=\s|$)[ \t]*(?P<value>.*)$")
_DOUBLE_QUOTED = re.compile(r'^\s*(?:- )?[\w-]+:\s*"')
# What PyYAML and libyaml say when a line is indented wrongly.
_INDENTATION_PROBLEMS = ("mapping values are not allowed", "expected <block end>",
                         "did not find expected key", "did not find expected '-' indicator")
_NO_COLON = "could not find expected ':'"
_WORD = re.compile(r"^[\w-]+$")
_INDENTATION_HINT = ("check the indentation: keys of one mapping start in the same column, "
                     "and the keys of an evidence item line up under the first key after "
                     "its `- `")


@dataclass(frozen=True)
class YamlProblem:
    index: int  # the character of the front-matter where the fix goes
    message: str  # what is wrong and how to fix it, after "front-matter is not valid YAML: "


@dataclass(frozen=True)
class _Line:
    number: int  # from 0
    start: int  # character index of its first character
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


def explain(text: str, exc: yaml.MarkedYAMLError, line0: int = 1) -> YamlProblem:
    """Where and what to fix in front-matter `text` that YAML refused with `exc`; `line0`
    is the file's line number of the text's first line, for messages that name another."""
    mark = exc.problem_mark or exc.context_mark
    index = min(mark.index, len(text)) if mark else 0
    problem = exc.problem or exc.context or "invalid YAML"
    lines = _lines(text)
    here = _line_at(lines, index)
    tab = _tab(text, index, here)
    if tab is not None:
        return tab
    if _NO_COLON in problem and exc.context_mark is not None:
        # A line without `: ` began a key the parser looked for a colon after: the
        # mistake is that line, however far down the parser went on looking.
        started = _line_at(lines, min(exc.context_mark.index, len(text)))
        return YamlProblem(started.start + started.indent, _not_a_key(lines, started, line0))
    if _DOUBLE_QUOTED.match(here.text) and len(re.findall(r'(?<!\\)"', here.text)) > 2:
        return YamlProblem(index, f"{problem}; a `\"` inside a double-quoted value ends it "
                           "early: write it as `\\\"`, or put the whole value in single "
                           "quotes")
    if "mapping values are not allowed" in problem:
        colon = _colon_in_value(lines, here, index, line0)
        if colon is not None:
            return colon
    if any(s in problem for s in _INDENTATION_PROBLEMS):
        if _owner(lines, here) is not None and not _KEY_LINE.match(here.text) and not (
                here.text.lstrip().startswith("-")):
            return YamlProblem(here.start + here.indent, _not_a_key(lines, here, line0))
        return YamlProblem(index, f"{problem}; {_INDENTATION_HINT}")
    return YamlProblem(index, problem)


def _lines(text: str) -> list[_Line]:
    out, start = [], 0
    for number, line in enumerate(text.split("\n")):
        out.append(_Line(number, start, line))
        start += len(line) + 1
    return out


def _line_at(lines: list[_Line], index: int) -> _Line:
    for line in reversed(lines):
        if line.start <= index:
            return line
    return lines[0]


def _tab(text: str, index: int, here: _Line) -> YamlProblem | None:
    """A tab where YAML wants spaces: at the parser's mark, or in the line's indentation."""
    leading = len(here.text) - len(here.text.lstrip(" \t"))
    if index < len(text) and text[index] == "\t":
        at = index
    elif "\t" in here.text[:leading]:
        at = here.start + here.text.index("\t")
    else:
        return None
    column = at - here.start + 1
    return YamlProblem(at, f"a tab character at column {column} of this line: YAML indents "
                       "with spaces only; replace the tab with spaces")


@dataclass(frozen=True)
class _Key:
    line: _Line
    name: str
    column: int  # where the key starts, after any `- `
    plain: bool  # its value is plain text (or starts on the next line), not quoted or a flow


def _key_above(lines: list[_Line], line: _Line) -> _Key | None:
    """The nearest `key:` line above `line`, past the lines of a value that goes on."""
    for above in reversed(lines[: line.number]):
        if not above.text.strip() or above.text.lstrip().startswith("#"):
            continue
        m = _KEY_LINE.match(above.text)
        if m is None:
            continue  # a line of a value that goes on
        value = m["value"].strip()
        return _Key(above, m["key"].strip(), len(m["indent"]) + len(m["dash"] or ""),
                    value[:1] not in ("\"", "'", "[", "{", "&", "*", "!"))
    return None


def _owner(lines: list[_Line], line: _Line) -> _Key | None:
    """The key whose plain value `line` would go on with, were it indented further."""
    key = _key_above(lines, line)
    return key if key is not None and key.plain and line.indent <= key.column else None


def _not_a_key(lines: list[_Line], line: _Line, line0: int) -> str:
    key = _owner(lines, line)
    if key is None:
        return ("this line is not a `key: value`: if it is a key, add `: ` after its name; "
                "if it goes on with the value above, indent it further than that value's key")
    return (f"this line is not a `key: value`, and it is indented too little to go on with "
            f"the value of `{key.name}` (line {line0 + key.line.number}): indent it further "
            f"than `{key.name}`, or join it to the line above; if it is a key, add `: ` "
            "after its name")


def _colon_in_value(lines: list[_Line], here: _Line, index: int, line0: int
                    ) -> YamlProblem | None:
    """A `: ` inside a plain value: on the key's own line, or on a line the value goes
    on to (which YAML then reads as a key of a mapping that cannot start there)."""
    m = _KEY_LINE.match(here.text)
    if m is not None and index - here.start >= m.start("value") and m["value"][:1] not in (
            "\"", "'", "[", "{", "|", ">"):
        key, value = m["key"].strip(), m["value"].rstrip()
        return YamlProblem(here.start + m.start("value"),
                           f"the value of `{key}` holds `: `, which YAML reads as the start "
                           "of another key; put the whole value in quotes: "
                           f"`{key}: {_quoted(value)}`")
    above = _key_above(lines, here)
    if above is None or not above.plain or here.indent <= above.column:
        return None
    first = here.text[: index - here.start].strip()
    where = f"the value of `{above.name}` (line {line0 + above.line.number})"
    if _WORD.match(first):
        # `role: government` under `claimant: Armenian authorities`: most likely a key.
        return YamlProblem(here.start + here.indent, f"`{first}:` is indented as if this "
                           f"line went on with {where}, where YAML cannot start a key: if "
                           f"`{first}` is a key, indent it as the keys around it; if the "
                           f"line goes on with the value, put the whole value of "
                           f"`{above.name}` in quotes")
    return YamlProblem(index, f"`: ` in a line that goes on with {where} reads as the start "
                       f"of another key: put the whole value of `{above.name}` in quotes")


def _quoted(value: str) -> str:
    shown = clip(value, 60)
    if '"' in shown and "'" not in shown:
        return f"'{shown}'"
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'
