"""Pinned sources: each body's SHA-256 in `sources.lock`, so no source is quietly edited.

The lock is plain text, one `<id> sha256:<hex>` line a source, sorted, so a re-pin
shows in review as a one-line diff.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from generator.diagnostics import Diagnostic, Report, display_path
from generator.model import ID_PATTERN, Source

LOCK_NAME = "sources.lock"
_LINE = re.compile(r"^(" + ID_PATTERN[1:-1] + r")\s+sha256:([0-9a-f]{64})$")
HEADER = ("# SHA-256 of each source's body (the text after its front-matter).\n"
          "# Written by `factcheck pin`; a change here means a source's text changed.\n")


def body_sha256(body: str) -> str:
    """The SHA-256 of a source's body in canonical form: white space at its end is layout,
    not text, so blank lines added or removed there do not break the pin."""
    return hashlib.sha256((body.rstrip() + "\n").encode("utf-8")).hexdigest()


def read_lock(root: Path, report: Report) -> dict[str, str] | None:
    path = root / LOCK_NAME
    if not path.is_file():
        return None
    pins: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        m = _LINE.match(text)
        if not m:
            report.error(n, 1, "expected `<source-id> sha256:<64 hex digits>`; "
                               "run `factcheck pin --all` to rewrite the file")
            continue
        pins[m.group(1)] = m.group(2)
    return pins


def verify(sources: Mapping[str, Source], pins: Mapping[str, str] | None, root: Path
           ) -> list[Diagnostic]:
    """Every source against its pin; `pins` is None where the project keeps no lock yet."""
    out: list[Diagnostic] = []
    if pins is None:
        report = Report(LOCK_NAME)
        if sources:
            report.warning(1, 1, f"no {LOCK_NAME}: sources are not pinned, so an edit to their "
                                 "text would go unnoticed; run `factcheck pin --all`")
        return report.items
    for sid, source in sources.items():
        report = Report(display_path(source.path, root))
        line = source.passages[0].line if source.passages else 1
        if sid not in pins:
            report.error(line, 1, f"source `{sid}` is not pinned in {LOCK_NAME}; once its "
                                  f"text is verbatim, run `factcheck pin {sid}`")
        elif pins[sid] != source.body_sha256:
            report.error(line, 1, f"the text of source `{sid}` no longer matches its pin in "
                                  f"{LOCK_NAME} (sha256:{pins[sid][:12]}…, now "
                                  f"sha256:{source.body_sha256[:12]}…). Sources are stored "
                                  "verbatim; if the change restores the published text, run "
                                  f"`factcheck pin {sid}` so reviewers see the re-pin")
        out += report.items
    lock = Report(LOCK_NAME)
    for sid in sorted(set(pins) - set(sources)):
        lock.warning(1, 1, f"pin for `{sid}`, which is not in the sources; remove its line")
    return out + lock.items


def lock_text(pins: Mapping[str, str]) -> str:
    return HEADER + "".join(f"{sid} sha256:{pins[sid]}\n" for sid in sorted(pins))


def write_lock(root: Path, pins: Mapping[str, str]) -> None:
    (root / LOCK_NAME).write_text(lock_text(pins), encoding="utf-8")
