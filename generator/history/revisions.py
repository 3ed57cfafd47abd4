"""Corrections from history: which commits changed a claim's verdict or its evidence.

Readers are owed a dated note whenever a published verdict or its evidence changes, and
the repository already records every change. One `git log` over the claims folder finds
the commits that touched claim files, and one `git cat-file --batch` reads those versions,
so the cost grows with the number of changes, never with claims × commits.

Dates are author dates in UTC, to the day: the same history gives the same pages on any
machine. Commits are followed along the first parent, so a change merged into main counts
once. A build without history (a tarball, no git) still works: `History.available` is false
and `History.reason` says why.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.anchoring.normalize import normalise_text
from generator.content.textfile import parse
from generator.diagnostics import Report
from generator.history.git import GitError, git
from generator.model import PartialDate, is_id

log = logging.getLogger("factcheck.history")

_COMMIT = "commit "


@dataclass(frozen=True)
class Change:
    """What one day's commits changed in one claim: verdict, and evidence by source id."""

    date: PartialDate
    commit: str
    verdict_from: str | None = None
    verdict_to: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_from != self.verdict_to


@dataclass(frozen=True)
class History:
    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    available: bool = True
    reason: str = ""  # why there is no history
    shallow: bool = False  # a shallow clone: older changes are missing

    def of(self, slug: str) -> tuple[Change, ...]:
        """The changes of one claim, oldest first."""
        return self.changes.get(slug, ())


@dataclass(frozen=True)
class _State:
    verdict: str
    evidence: tuple[tuple[str, str], ...]  # (source id, normalised quote), in file order


@dataclass(frozen=True)
class _Touch:
    commit: str
    date: PartialDate
    status: str  # A, M or D
    path: str


def read_history(root: Path, claims_dir: str) -> History:
    """The history of every claim file under root/claims_dir, or why there is none."""
    probe = git(root, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"])
    if isinstance(probe, GitError):
        return _unavailable(probe.message)
    inside, shallow = [*probe.decode().split(), "", ""][:2]
    if inside != "true":
        return _unavailable("not inside a git work tree")
    log_out = git(root, ["log", "--first-parent", "--diff-merges=first-parent", "--reverse",
                         "--no-renames", "--name-status", "--relative",
                         f"--format={_COMMIT}%H %at", "--", claims_dir])
    if isinstance(log_out, GitError):
        return _unavailable(log_out.message)
    touches = list(_parse_log(log_out.decode("utf-8", "replace"), claims_dir))
    # A file touched on one day only has one version, so nothing to compare: most claims
    # are written once, and only the others are read.
    days: dict[str, set[PartialDate]] = {}
    for t in touches:
        days.setdefault(t.path, set()).add(t.date)
    states = _read_states(root, [t for t in touches
                                 if t.status != "D" and len(days[t.path]) > 1])
    if isinstance(states, GitError):
        return _unavailable(states.message)
    changes = _changes(touches, states)
    if shallow == "true":
        log.warning("the git history is shallow: changes older than its first commit are not "
                    "listed (fetch the full history, e.g. with `fetch-depth: 0`)")
    log.info("%d claim changes found in %d commits", sum(len(c) for c in changes.values()),
             len({t.commit for t in touches}))
    return History(changes, True, "", shallow == "true")


def head(root: Path) -> str | None:
    """The commit checked out, or None without one: what a history read can be kept by."""
    out = git(root, ["rev-parse", "--verify", "--quiet", "HEAD"])
    return None if isinstance(out, GitError) else out.decode().strip() or None


def _unavailable(reason: str) -> History:
    log.warning("no git history (%s): the corrections page lists only the corrections "
                "written in claim files", reason)
    return History({}, False, reason)


def _parse_log(text: str, claims_dir: str) -> Iterator[_Touch]:
    folder = PurePosixPath(claims_dir)
    commit, date = "", PartialDate(1970, 1, 1)
    for line in text.splitlines():
        if line.startswith(_COMMIT):
            commit, stamp = line[len(_COMMIT):].split(" ", 1)
            day = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
            date = PartialDate(day.year, day.month, day.day)
        elif "\t" in line and commit:
            status, path = line.split("\t", 1)
            pure = PurePosixPath(path)
            # Claim files only: one level down, named like a slug; git quotes odd names,
            # which are not valid claims anyway.
            if (status[:1] in "AMD" and pure.parent == folder and pure.suffix == ".md"
                    and is_id(pure.stem)):
                yield _Touch(commit, date, status[:1], path)


def _read_states(root: Path, touches: list[_Touch]
                 ) -> dict[tuple[str, str], _State | None] | GitError:
    """Each touched claim file as of its commit, read by one `git cat-file --batch`."""
    if not touches:
        return {}
    # `rev:./path` is relative to the folder git runs in, like the paths of `--relative`.
    request = "".join(f"{t.commit}:./{t.path}\n" for t in touches).encode("utf-8")
    out = git(root, ["cat-file", "--batch"], stdin=request)
    if isinstance(out, GitError):
        return out
    states: dict[tuple[str, str], _State | None] = {}
    pos = 0
    for t in touches:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            states[(t.commit, t.path)] = None
            continue
        size = int(header[2])
        blob = out[pos:pos + size]
        pos += size + 1
        states[(t.commit, t.path)] = _state(blob, t.path)
    return states


def _state(blob: bytes, path: str) -> _State | None:
    """Verdict and evidence of one version of a claim file; None when it does not parse."""
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        return None
    tf = parse(text, Path(path), path, Report(path))
    if tf is None:
        return None
    verdict = tf.data.get("verdict")
    if isinstance(verdict, bool):  # YAML's reading of `verdict: true`, which the check takes
        verdict = "true" if verdict else "false"
    if not isinstance(verdict, str):
        return None  # `factcheck check` refused this version: it was never published
    items = tf.data.get("evidence")
    evidence = tuple(
        (item["source"], normalise_text(item["quote"]))
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and isinstance(item.get("source"), str)
        and isinstance(item.get("quote"), str)
    )
    return _State(verdict.strip(), evidence)


def _changes(touches: list[_Touch], states: Mapping[tuple[str, str], _State | None]
             ) -> dict[str, tuple[Change, ...]]:
    """Per claim, compare the state at the end of each day with the day before."""
    by_slug: dict[str, list[tuple[PartialDate, str, _State | None]]] = {}
    for t in touches:
        state = None if t.status == "D" else states.get((t.commit, t.path))
        if t.status != "D" and state is None:
            continue  # a version that does not parse says nothing about the claim
        by_slug.setdefault(PurePosixPath(t.path).stem, []).append((t.date, t.commit, state))
    out: dict[str, tuple[Change, ...]] = {}
    for slug, versions in sorted(by_slug.items()):
        # Commits of one day (in a row: author dates need not be in order) make one change.
        days: list[tuple[PartialDate, str, _State | None]] = []
        for version in versions:
            if days and days[-1][0] == version[0]:
                days[-1] = version
            else:
                days.append(version)
        found: list[Change] = []
        before: _State | None = None
        for date, commit, after in days:
            if before is not None and after is not None:
                change = _compare(date, commit, before, after)
                if change is not None:
                    found.append(change)
            before = after  # a deleted then re-added claim starts afresh
        if found:
            out[slug] = tuple(found)
    return out


def _compare(date: PartialDate, commit: str, before: _State, after: _State) -> Change | None:
    removed = _minus(before.evidence, after.evidence)
    added = _minus(after.evidence, before.evidence)
    if before.verdict == after.verdict and not added and not removed:
        return None
    return Change(date, commit, before.verdict, after.verdict,
                  tuple(s for s, _ in added), tuple(s for s, _ in removed))


def _minus(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]
           ) -> list[tuple[str, str]]:
    """Items of a not in b, counting duplicates, in a's order."""
    left = list(b)
    out = []
    for item in a:
        if item in left:
            left.remove(item)
        else:
            out.append(item)
    return out
