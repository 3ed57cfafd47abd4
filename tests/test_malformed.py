"""The malformed-file corpus (tests/malformed/): each file, its exit code, place and message."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from checkutil import SUMMARY, TESTS, VALID_CLAIM, Diag, Project, assert_no_traceback

MALFORMED = TESTS / "malformed"
CASES: list[dict[str, Any]] = tomllib.loads(
    (MALFORMED / "cases.toml").read_text(encoding="utf-8"))["case"]


def generate(kind: str) -> bytes:
    """Cases too big to keep in the repository, built the same way every time."""
    if kind == "huge-file":
        paragraph = "Russian peacekeepers remain deployed in Karabakh. " * 20 + "\n\n"
        body = paragraph * (5_000_000 // len(paragraph) + 1)
        return (VALID_CLAIM + body).encode("utf-8")
    if kind == "long-line":
        return (VALID_CLAIM + "\n" + "x" * 100_000 + "\n").encode("utf-8")
    raise AssertionError(f"no generator for {kind}")


def case_bytes(case: dict[str, Any]) -> bytes:
    if "generate" in case:
        return generate(case["generate"])
    return (MALFORMED / case["file"]).read_bytes()


def destination(case: dict[str, Any]) -> str:
    kind, name = case["file"].split("/")
    return {"claims": "content/claims/", "sources": "sources/"}[kind] + name


def test_the_corpus_has_at_least_30_files_and_each_has_its_expectation() -> None:
    files = {p.relative_to(MALFORMED).as_posix() for kind in ("claims", "sources")
             for p in (MALFORMED / kind).iterdir()}
    described = {c["file"] for c in CASES if "generate" not in c}
    assert files == described
    assert len(files) >= 30
    assert len({c["file"] for c in CASES}) == len(CASES)


def test_the_long_line_case_puts_its_long_line_where_the_expectation_says() -> None:
    case = next(c for c in CASES if c.get("generate") == "long-line")
    lines = generate("long-line").decode("utf-8").split("\n")
    assert len(lines[case["errors"][0]["line"] - 1]) == 100_000
    assert len(generate("huge-file")) > 5_000_000


def matches(diag: Diag, expected: dict[str, Any]) -> bool:
    return (diag.line == expected["line"]
            and ("col" not in expected or diag.col == expected["col"])
            and all(part in diag.message for part in expected["has"]))


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_malformed_file(case: dict[str, Any], project: Project) -> None:
    path = destination(case)
    project.write(path, case_bytes(case))
    if case.get("subprocess"):
        result = project.subprocess("check", timeout=60)
        assert_no_traceback(result)
        assert SUMMARY.match(result.err.strip().splitlines()[-1]), result.err
    else:
        result = project.check()
    assert result.code == case["exit"], result.out
    diags = result.diags  # every stdout line is a proper diagnostic
    assert {d.path for d in diags} <= {path}, "other files got diagnostics:\n" + result.out
    errors = result.errors_for(path)
    expected = case["errors"]
    assert (case["exit"] == 0) == (expected == [])
    unmatched = list(errors)
    for want in expected:
        hit = next((d for d in unmatched if matches(d, want)), None)
        assert hit is not None, f"no error like {want} in:\n{result.out}"
        unmatched.remove(hit)
    assert not unmatched, "unexpected errors:\n" + "\n".join(d.message for d in unmatched)
