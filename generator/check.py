"""`factcheck check` as a library call: settings, load, resolve, and every diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Settings, load_settings
from .diagnostics import Diagnostic, Report, has_errors
from .load import load_all
from .pins import LOCK_NAME, read_lock, verify
from .resolve import Corpus, resolve


@dataclass(frozen=True)
class CheckResult:
    settings: Settings
    corpus: Corpus
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def run_check(root: Path, options: dict[str, object] | None = None) -> CheckResult:
    report = Report("mkdocs.yml")
    settings = load_settings(root, report, options)
    loaded = load_all(settings)
    corpus, resolve_diags = resolve(loaded, settings)
    lock = Report(LOCK_NAME)
    pin_diags = verify(loaded.sources, read_lock(root, lock), root)
    diagnostics = sorted([*report.items, *loaded.diagnostics, *resolve_diags, *lock.items,
                          *pin_diags],
                         key=lambda d: (d.path, d.line, d.col))
    return CheckResult(settings, corpus, tuple(diagnostics))
