"""Problems are values: every stage returns diagnostics instead of raising."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # worth knowing, never a problem: a fact check scheduled for a later day


# GitHub's workflow commands name a note `notice`.
_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def format_text(self) -> str:
        # One problem, one line: line breaks echoed from a value are shown escaped.
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {message}"

    def format_github(self) -> str:
        # Workflow commands end at a newline, and `%` starts an escape.
        body = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        prop = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return (
            f"::{_GITHUB[self.severity]} file={prop},line={self.line},col={self.col}::{body}"
        )


class Report:
    """Collects the diagnostics of one file; the path is said once."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self.items: list[Diagnostic] = []

    def error(self, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(self.path, line, col, Severity.ERROR, message))

    def warning(self, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(self.path, line, col, Severity.WARNING, message))

    def note(self, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(self.path, line, col, Severity.NOTE, message))

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.items)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def clip(text: str, limit: int = 80) -> str:
    """A value shortened to `limit` characters for a message, with `…` where it was cut.
    Not for quoted words, where `…` marks an omission: those take `quoted`."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int) -> str:
    """Words from a source or a quote, in double quotes for a message, runs of white
    space as one space. Text over `limit` characters is cut after the last whole word
    that fits, and the cut is said outside the quotes, `"Lavrov said" (and 12 more
    words)`: inside a quote `…` stands for words left out, so a cut shown with it would
    read as part of the quote, and a copied excerpt would match other words than it
    shows."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return f'"{text}"'
    head = text[: limit + 1]
    if " " in head:
        shown = head[: head.rindex(" ")]
        rest = len(text.split()) - len(shown.split())
        more = f"{rest} more word" + ("s" if rest != 1 else "")
    else:  # one word longer than the limit: no word boundary to cut at
        shown = text[:limit]
        rest = len(text) - limit
        more = f"{rest} more character" + ("s" if rest != 1 else "")
    return f'"{shown}" (and {more})'


def display_path(path: Path, root: Path) -> str:
    """A path as contributors know it: relative to the project root, with forward slashes."""
    text, base = str(path), str(root)
    if text.startswith(base) and text[len(base) : len(base) + 1] == os.sep:
        return text[len(base) + 1 :].replace(os.sep, "/")  # the common case, by string
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
