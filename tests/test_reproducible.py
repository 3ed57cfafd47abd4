"""Two builds of the same inputs give the same bytes; the build machine's clock never shows."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from generator.search.pagefind import UNSTABLE_FILES
from siteutil import build, copy_project

pytestmark = pytest.mark.site


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def stable(name: str) -> bool:
    return not any(fnmatch.fnmatch(name, pattern) for pattern in UNSTABLE_FILES)


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project")
    # Two different "build times", both after every date of the content (which decides what
    # is published, as a fact check dated after the build's day is left out): were any file
    # to take the clock, the builds would differ.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    first = files(build(root, tmp_path / "one"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # 2033-05-18
    second = files(build(root, tmp_path / "two"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    third = files(build(root, tmp_path / "three"))

    for other in (second, third):
        assert {n for n in first if stable(n)} == {n for n in other if stable(n)}
        changed = [n for n in first if stable(n) and first[n] != other[n]]
        assert changed == []
    assert any(not stable(n) for n in first), "the exceptions listed are real files"
