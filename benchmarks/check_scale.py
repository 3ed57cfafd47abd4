"""How `factcheck check` scales: a 10,000-claim corpus against the cost of just reading it.

Run by hand, not by the test suite:

    .venv/bin/python benchmarks/check_scale.py [--claims 10000] [--repeat 3] [--keep DIR]

`--keep DIR` writes the corpus to DIR and keeps it for profiling; a later run with the
same DIR measures that corpus again instead of writing a new one.

Goal: the whole check (load, validate, anchor every quote, verify pins) takes at most
2x the baseline, which is the least any checker must do: read every source and claim
file with python-frontmatter and split each source body into paragraphs with
markdown-it-py. Past 2x the extra is the checker's own overhead, and contributors pay it
on every run and CI on every pull request.

The corpus (see corpus.py: claims, claims/4 sources, 3 quotes a claim) is written to a
temporary folder by a child process, and each phase is measured in a fresh interpreter,
so each peak RSS is the phase's own: Linux carries ru_maxrss across fork and exec, and a
parent that had built the corpus in memory would lend the children its peak. Imports are
outside the timings, the files are in the page cache for every phase, and each time is
the best of `--repeat` runs (the median is shown too). The CLI column is `factcheck check`
as a contributor runs it, interpreter start and imports included, for reference.

Exit status: 0 when the goal is met, 1 when not, 2 when the check is not clean.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOAL = 2.0


def source_files(root: Path) -> list[Path]:
    return sorted((root / "sources").glob("*.md"))


def claim_files(root: Path) -> list[Path]:
    return sorted((root / "content" / "claims").glob("*.md"))


def corpus_files(root: Path) -> list[Path]:
    """Every file the check reads that the baseline reads too, in a stable order."""
    return source_files(root) + claim_files(root)


def baseline(root: Path) -> int:
    """Read and parse the corpus and nothing more; returns the number of source passages."""
    import frontmatter
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    sources = root / "sources"
    paragraphs = 0
    for path in corpus_files(root):
        post = frontmatter.load(path)
        if path.parent == sources:
            paragraphs += sum(t.type == "inline" for t in md.parse(post.content))
    return paragraphs


def check(root: Path) -> int:
    """`factcheck check` as a library call; returns the quotes anchored, exits if unclean."""
    from generator.check import run_check

    result = run_check(root)
    if result.diagnostics:
        for d in result.diagnostics[:20]:
            print(d.format_text(), file=sys.stderr)
        print(f"check is not clean: {len(result.diagnostics)} diagnostic(s)", file=sys.stderr)
        raise SystemExit(2)
    return sum(len(v) for v in result.corpus.evidence.values())


PHASES: dict[str, Callable[[Path], int]] = {"baseline": baseline, "check": check}


@dataclass(frozen=True)
class Figures:
    """One phase's wall times, what it counted, and its process's peak RSS."""

    times: list[float]
    count: int
    rss_mb: float

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size; Linux reports KiB, macOS bytes."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_runs(fn: Callable[[], int], repeat: int) -> tuple[list[float], int]:
    """Wall times of `repeat` calls, garbage from the last run collected before each."""
    times, result = [], 0
    for _ in range(repeat):
        result = 0
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def measure_here(phase: str, root: Path, repeat: int) -> None:
    """The child's side: warm the imports, time the phase, print JSON for the parent."""
    fn = PHASES[phase]
    fn(root / "nothing-here")  # imports and module set-up, outside the timings
    times, count = time_runs(lambda: fn(root), repeat)
    print(json.dumps({"times": times, "count": count, "rss_mb": peak_rss_mb()}))


def measure(phase: str, root: Path, repeat: int) -> Figures:
    """Run one phase in a fresh interpreter and read its figures."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", phase, "--root",
           str(root), "--repeat", str(repeat)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)
    return Figures(**json.loads(done.stdout))


def cli_command(root: Path) -> list[str]:
    """The installed `factcheck` script beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("factcheck")
    base = [str(script)] if script.is_file() else [sys.executable, "-m", "generator.commands.cli"]
    return [*base, "check", "--root", str(root)]


def cli_times(root: Path, repeat: int) -> list[float]:
    def once() -> int:
        done = subprocess.run(cli_command(root), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(2)
        return done.returncode

    return time_runs(once, repeat)[0]


def folder_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


def report(root: Path, repeat: int) -> int:
    """Measure every phase on the corpus in `root`, print the table, return the exit status."""
    sources, claims = len(source_files(root)), len(claim_files(root))
    files = sources + claims
    base = measure("baseline", root, repeat)
    chk = measure("check", root, repeat)
    cli = Figures(cli_times(root, repeat), chk.count, 0.0)
    ratio = chk.best / base.best
    print(f"\ncorpus: {claims} claims, {sources} sources, {chk.count} quotes, "
          f"{base.count} source passages, {folder_mb(root):.1f} MB")
    print(f"{'files':>7} {'quotes':>7} {'baseline s':>11} {'check s':>8} {'ratio':>6} "
          f"{'CLI s':>7} {'baseline RSS':>13} {'check RSS':>10}")
    print(f"{files:>7} {chk.count:>7} {base.best:>11.2f} {chk.best:>8.2f} {ratio:>5.2f}x "
          f"{cli.best:>7.2f} {base.rss_mb:>10.0f} MB {chk.rss_mb:>7.0f} MB")
    print(f"best of {repeat}; medians: baseline {base.median:.2f} s, check {chk.median:.2f} s, "
          f"CLI {cli.median:.2f} s")
    met = ratio <= GOAL
    print(f"goal: check within {GOAL:.0f}x the baseline: {'met' if met else 'NOT met'}")
    return 0 if met else 1


def write_corpus(root: Path, claims: int, seed: int) -> None:
    """corpus.py in a child process, so this process stays small (see the docstring)."""
    start = time.perf_counter()
    cmd = [sys.executable, str(HERE / "corpus.py"), str(root), "--claims", str(claims),
           "--seed", str(seed)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    print(f"wrote the corpus in {time.perf_counter() - start:.1f} s to {root}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the corpus")
    parser.add_argument("--seed", type=int, default=0, help="corpus random seed")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each phase")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the corpus here and keep it, instead of a temp folder")
    parser.add_argument("--measure", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure_here(args.measure, args.root, args.repeat)
        return 0
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as tmp:
        root = args.keep or Path(tmp)
        if claim_files(root):
            print(f"measuring the corpus already in {root}")
        else:
            write_corpus(root, args.claims, args.seed)
        return report(root, args.repeat)


if __name__ == "__main__":
    raise SystemExit(main())
