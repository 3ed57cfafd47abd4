"""Pinned sources: an edited body fails `check` with the re-pin hint; re-pinning clears it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.cli import main
from siteutil import copy_project


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_edit_of_a_pinned_source_fails_until_re_pinned(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    assert run(capsys, "check", "--root", str(root))[0] == 0
    source = root / "sources" / "russia-urges-talks.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("The 2,000 or so peacekeepers", "The 3,000 or so peacekeepers"),
                      encoding="utf-8")
    code, out = run(capsys, "check", "--root", str(root))
    assert code == 1
    assert "sources/russia-urges-talks.md:" in out
    assert "no longer matches its pin in sources.lock" in out
    assert "factcheck pin russia-urges-talks" in out

    before = (root / "sources.lock").read_text(encoding="utf-8")
    code, out = run(capsys, "pin", "russia-urges-talks", "--root", str(root))
    assert code == 0 and "(re-pinned)" in out
    after = (root / "sources.lock").read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(changed) == 1 and changed[0].startswith("russia-urges-talks sha256:")
    assert run(capsys, "check", "--root", str(root))[0] == 0


def test_blank_lines_at_the_end_of_a_source_do_not_break_its_pin(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    source = root / "sources" / "russia-urges-talks.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n\n  \n", encoding="utf-8")
    assert run(capsys, "check", "--root", str(root))[0] == 0
    # A change to the words still breaks it.
    source.write_text(source.read_text(encoding="utf-8").rstrip() + " Added.\n",
                      encoding="utf-8")
    code, out = run(capsys, "check", "--root", str(root))
    assert code == 1 and "no longer matches its pin" in out


def test_a_source_missing_from_the_lock_is_an_error(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    lock = root / "sources.lock"
    lock.write_text("\n".join(line for line in lock.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("lavrov")) + "\n", encoding="utf-8")
    code, out = run(capsys, "check", "--root", str(root))
    assert code == 1
    assert "`lavrov-mirzoyan-talks` is not pinned" in out


def test_a_malformed_lock_line_is_reported_with_its_line(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    lock = root / "sources.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "nonsense here\n", encoding="utf-8")
    code, out = run(capsys, "check", "--root", str(root))
    assert code == 1
    assert "sources.lock:8:1: error: expected `<source-id> sha256:" in out
