"""Hostile sizes end in bounded time with a clear error (the timeout only guards a hang)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from siteutil import copy_project

HEAD = """---
claim: A claim.
claimant: Someone
claim_date: 2021
verdict: unproven
summary: Short.
published: 2026-11-22
evidence:
"""
ITEM = """  - source: sochi-summit-broker-peace
    quote: "about two thousand Russian peacekeepers"
    stance: context
"""


def check(root: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "check", "--root", str(root)],
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout


def test_ten_thousand_evidence_items(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    (root / "content" / "claims" / "many.md").write_text(
        HEAD + ITEM * 10_000 + "---\nBody.\n", encoding="utf-8")
    code, out = check(root)
    assert code == 1
    assert "content/claims/many.md:" in out
    assert "over the limit" in out


def test_fifty_thousand_character_quote(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    words = "about two thousand Russian peacekeepers"
    folded = "".join(f"      {words}\n" for _ in range(50_000 // (len(words) + 1) + 1))
    (root / "content" / "claims" / "long.md").write_text(
        HEAD + f"  - source: sochi-summit-broker-peace\n    quote: >-\n{folded}"
        "    stance: context\n---\nBody.\n", encoding="utf-8")
    code, out = check(root)
    assert code == 1
    assert "content/claims/long.md:" in out
    assert "`quote` is 5" in out and "over the limit of 3,000" in out


def test_five_megabyte_source_body(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    body = ("A paragraph of an article. " * 30 + "\n\n") * 6500
    (root / "sources" / "huge.md").write_text("---\ntitle: Huge\n---\n" + body,
                                              encoding="utf-8")
    code, out = check(root)
    assert code == 1
    assert "sources/huge.md:1:1: error: file is 5," in out
