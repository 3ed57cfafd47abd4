"""Running git: one place that knows how to call it and how it fails.

History and `check --changed` read the repository; neither may crash a build when git
is missing or the folder is not a repository, so failures come back as values.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GitError:
    """Why a git command could not answer, in words for the person running factcheck."""

    message: str


def git(root: Path, args: Sequence[str], stdin: bytes | None = None) -> bytes | GitError:
    """The standard output of `git -C root ARGS`, or why it failed."""
    # No pager, no prompt, no locale-dependent messages: the output is parsed.
    env = {**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], input=stdin,
                              capture_output=True, env=env, check=False)
    except FileNotFoundError:
        return GitError("git is not installed")
    except OSError as exc:
        return GitError(f"git could not run: {exc.strerror}")
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[0] if lines else f"exit status {proc.returncode}"
        return GitError(reason.removeprefix("fatal: "))
    return proc.stdout


def is_repository(root: Path) -> GitError | None:
    out = git(root, ["rev-parse", "--is-inside-work-tree"])
    if isinstance(out, GitError):
        return out
    return None if out.strip() == b"true" else GitError("not inside a git work tree")
