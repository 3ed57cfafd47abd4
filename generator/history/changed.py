"""`factcheck check --changed`: the files a change touches, and the claims that depend on them.

A contributor (or a pull request) changes a few files; checking only those, plus every
claim that cites a changed source, gives a short report about their own work. The base is
compared through its merge base with HEAD, as a pull request's diff is, and uncommitted and
untracked files count as changed: they are what the contributor is about to commit.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.content.load import Loaded
from generator.content.pins import LOCK_NAME
from generator.content.settings import Settings
from generator.content.snapshots import FOLDER as SNAPSHOTS
from generator.diagnostics import display_path
from generator.history.git import GitError, git, is_repository

DEFAULT_BASE = "origin/main"
FALLBACK_BASE = "HEAD"


@dataclass(frozen=True)
class Changes:
    base: str  # the revision as given
    merge_base: str  # the commit compared against
    paths: frozenset[str]  # relative to the project root, forward slashes


@dataclass(frozen=True)
class Scope:
    """What a `--changed` check covers; `everything` when a project-wide file changed."""

    changes: Changes
    claims: frozenset[str]  # slugs checked
    dependents: frozenset[str]  # of those, the ones checked only because they cite a change
    sources: frozenset[str]  # changed source ids (deleted ones included)
    paths: frozenset[str]  # whose diagnostics are reported: changed files and dependents
    everything: str = ""  # the project-wide file that changed, if any

    def keeps(self, path: str) -> bool:
        # mkdocs.yml is read by every check, so its problems are always reported.
        return bool(self.everything) or path in self.paths or path == "mkdocs.yml"


def default_base(root: Path) -> str:
    """`origin/main` where the clone has it, else `HEAD` (uncommitted work only)."""
    found = git(root, ["rev-parse", "--verify", "--quiet", f"{DEFAULT_BASE}^{{commit}}"])
    return DEFAULT_BASE if isinstance(found, bytes) else FALLBACK_BASE


def changed_files(root: Path, base: str) -> Changes | GitError:
    """Files changed since the merge base of `base` and HEAD, committed or not."""
    problem = is_repository(root)
    if problem is not None:
        return GitError(f"--changed compares with git history, but {root} has none "
                        f"({problem.message})")
    if base.startswith("-"):
        return GitError(f"`{base}` is not a revision")
    merge_base = git(root, ["merge-base", base, "HEAD"])
    if isinstance(merge_base, GitError):
        return GitError(f"cannot compare with `{base}`: {merge_base.message}; name a branch, "
                        "tag or commit, e.g. `--changed HEAD~1`")
    commit = merge_base.decode().strip()
    diff = git(root, ["diff", "--name-only", "--no-renames", "--relative", "-z", commit, "--"])
    if isinstance(diff, GitError):
        return diff
    untracked = git(root, ["ls-files", "--others", "--exclude-standard", "-z"])
    if isinstance(untracked, GitError):
        return untracked
    names = {n for n in (diff + untracked).decode("utf-8", "replace").split("\0") if n}
    return Changes(base, commit, frozenset(names))


def select(changes: Changes, loaded: Loaded, settings: Settings) -> Scope:
    """The changed claims, and every claim that cites or names a changed source. A change
    to the registry of people may change whose side any account is on: everything is
    checked."""
    people = PurePosixPath(settings.people_dir)
    registry = next((p for p in sorted(changes.paths) if PurePosixPath(p).parent == people
                     and p.endswith(".md")), None)
    for name in ("mkdocs.yml", LOCK_NAME, registry):
        if name and name in changes.paths:
            return Scope(changes, frozenset(loaded.claims), frozenset(), frozenset(),
                         changes.paths, name)
    claims_dir, sources_dir = PurePosixPath(settings.claims_dir), PurePosixPath(
        settings.sources_dir)
    changed_claims = _ids(changes.paths, claims_dir)
    sources = _ids(changes.paths, sources_dir)
    dependents = {
        slug for slug, claim in loaded.claims.items()
        if slug not in changed_claims and (
            any(ev.source in sources for ev in claim.evidence)
            or any(ref in sources for ref in claim.appearance))
    }
    paths = changes.paths | {display_path(loaded.claims[s].path, settings.root)
                             for s in dependents} | {
        display_path(loaded.sources[s].path, settings.root)
        for s in sources if s in loaded.sources}
    return Scope(changes, frozenset(changed_claims | dependents), frozenset(dependents),
                 frozenset(sources), frozenset(paths))


def restrict(loaded: Loaded, scope: Scope) -> Loaded:
    """The loaded project with only the claims in scope, and only their diagnostics."""
    if scope.everything:
        return loaded
    return Loaded(
        sources=loaded.sources,
        claims={s: c for s, c in loaded.claims.items() if s in scope.claims},
        people=loaded.people,
        broken_people=loaded.broken_people,
        drafts={s: c for s, c in loaded.drafts.items() if s in scope.claims},
        broken_sources=loaded.broken_sources,
        diagnostics=[d for d in loaded.diagnostics if scope.keeps(d.path)],
    )


def _ids(paths: Collection[str], folder: PurePosixPath) -> set[str]:
    """The ids of the files changed in `folder`; a changed snapshot changes its source."""
    snapshots = folder / SNAPSHOTS
    return {PurePosixPath(p).stem for p in paths
            if PurePosixPath(p).parent == folder and p.endswith(".md")} | {
        PurePosixPath(p).name.removesuffix(".html.gz") for p in paths
        if PurePosixPath(p).parent == snapshots and p.endswith(".html.gz")}
