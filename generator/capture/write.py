"""The captured source as files: `sources/<id>.md`, its snapshot and its pin, written
together or not at all.

The source file is composed, then read back with the check's own loader, so what is
written is a source the check accepts whose every paragraph is one passage holding the
page's words as extracted. The three files are then written beside their targets under
temporary names and renamed into place; if any step fails, the ones already in place are
put back as they were.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.capture.blocks import Block
from generator.capture.errors import CaptureError
from generator.content.load import load_source
from generator.content.passages import split_passages
from generator.content.settings import Settings
from generator.diagnostics import Report
from generator.model import PartialDate, Source

_SPACE = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Metadata:
    title: str
    outlet: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    author: str | None = None
    language: str | None = None
    archive_url: str | None = None
    retrieved: str | None = None  # YYYY-MM-DDTHH:MM:SSZ
    snapshot: str | None = None  # sha256:<hex>
    notes: str | None = None  # the desk's, kept by a re-capture


def compose(meta: Metadata, blocks: Sequence[Block]) -> str:
    """The source file's text: front-matter of the keys that are known, then the body."""
    lines = ["---"]
    for key in ("title", "outlet", "url", "published", "author", "language", "archive_url",
                "retrieved", "snapshot", "notes"):
        value = getattr(meta, key)
        if value is None:
            continue
        if isinstance(value, PartialDate) or key == "retrieved":
            lines.append(f"{key}: {value}")  # unquoted: YAML reads a date, as written
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body(blocks)


def body(blocks: Sequence[Block]) -> str:
    return "\n\n".join(_block(b) for b in blocks) + "\n"


def _scalar(text: str) -> str:
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000,
                            default_style=None)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _block(block: Block) -> str:
    """A block as Markdown that the source format reads back as one passage with the
    block's text: a heading as a heading; code, and a paragraph that Markdown would read
    as something else (`1. `, `- `, `# `, `> ` or `<` at its start), as a fenced block,
    whose text the format keeps as it is."""
    text = block.text
    if block.kind == "code":
        return _fenced(text)
    wanted = "heading" if block.kind == "heading" else "paragraph"
    markdown = f"## {text}" if wanted == "heading" else text
    if _reads_back(markdown, text, wanted):
        return markdown
    if _reads_back(text, text, "paragraph"):
        return text  # a heading markdown cannot hold as one (a `#` at its end)
    return _fenced(text)


def _fenced(text: str) -> str:
    """A fence longer than any run of backticks in the text, so none closes it early."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _reads_back(markdown: str, text: str, kind: str) -> bool:
    passages = split_passages(markdown, 1, Report("x"))
    return len(passages) == 1 and passages[0].text == text and passages[0].kind == kind


def validate(text: str, source_id: str, blocks: Sequence[Block], settings: Settings
             ) -> Source:
    """Read the composed file back with the check's loader; refuse what it would refuse,
    and anything not kept verbatim. Returns the source as the check will see it."""
    with tempfile.TemporaryDirectory(prefix="factcheck-capture-") as folder:
        path = Path(folder) / f"{source_id}.md"
        path.write_text(text, encoding="utf-8")
        source, diagnostics = load_source(path, settings)
    if diagnostics or source is None:
        first = diagnostics[0] if diagnostics else None
        where = f" (line {first.line}: {first.message})" if first else ""
        raise CaptureError(f"the extracted article does not make a valid source{where}")
    texts = [_SPACE.sub(" ", p.text) for p in source.passages]
    if texts != [_SPACE.sub(" ", b.text) for b in blocks]:
        raise CaptureError("the extracted article cannot be stored verbatim in the source "
                           "format; save it by hand with `factcheck new source`")
    return source


def commit(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file or none: each goes to a temporary file beside its target and is
    renamed into place; on failure the files already renamed are restored."""
    staged: list[tuple[Path, Path]] = []
    placed: list[tuple[Path, bytes | None]] = []
    made: list[Path] = []
    try:
        for target, data in files:
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True)
                made.append(target.parent)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
            staged.append((Path(name), target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        for temp, target in staged:
            before = target.read_bytes() if target.exists() else None
            os.replace(temp, target)
            placed.append((target, before))
    except OSError as e:
        for target, before in reversed(placed):
            if before is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(before)
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        for folder in reversed(made):
            folder.rmdir()
        raise CaptureError(f"writing {e.filename or 'the files'} failed: "
                           f"{e.strerror or e}; nothing was written") from None
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
