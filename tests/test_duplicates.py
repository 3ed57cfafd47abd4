"""Near-duplicate sources: a copy of a stored article (reordered, retyped, under another
outlet) is refused by `capture` and reported by `check`, found by paragraph, never by
comparing every pair of sources."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from captureutil import news_server, page_bytes, tree_state
from checkutil import Result, assert_no_traceback, run_cli
from generator.check import run_check
from generator.content import duplicates
from generator.content.duplicates import MIN_CHARS, Overlap, ParagraphIndex, overlaps
from generator.preview.cache import CheckMemory
from gitrepo import Repo
from siteutil import SEED, copy_project

ORIGINAL = "russia-urges-talks"


def body_of(sid: str) -> list[str]:
    text = (SEED / "sources" / f"{sid}.md").read_text(encoding="utf-8")
    return [p for p in text.split("---\n", 2)[2].split("\n\n") if p.strip()]


def retyped(paragraph: str) -> str:
    """The paragraph as another site prints it: straight quotes, hyphens, other case."""
    return (paragraph.replace("’", "'").replace("“", '"').replace("”", '"')
            .replace("—", "-").replace("Russian", "RUSSIAN"))


def copy_of_original(extra: list[str], taken: int) -> str:
    """A reordered, retyped copy of the first `taken` paragraphs of the seed source, with
    paragraphs of its own, under another outlet."""
    paragraphs = [retyped(p) for p in reversed(body_of(ORIGINAL)[:taken])]
    return ("---\ntitle: Moscow presses Yerevan on talks\noutlet: Azatutyun.am\n---\n"
            + "\n\n".join([*extra, *paragraphs]) + "\n")


OWN = ["A paragraph that only the copy has, long enough to be compared with others.",
       "Another paragraph of the copy's own, which no other stored source holds at all."]


def check(root: Path, *args: str) -> Result:
    result = run_cli(["check", "--root", str(root), *args])
    assert_no_traceback(result)
    return result


def copy_warnings(result: Result) -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.message) for d in result.diags
            if d.severity == "warning" and "paragraphs also stand in" in d.message]


def add_source(root: Path, sid: str, text: str) -> Path:
    path = root / "sources" / f"{sid}.md"
    path.write_text(text, encoding="utf-8")
    assert run_cli(["pin", sid, "--root", str(root)]).code == 0
    return path


def test_check_warns_of_a_reordered_retyped_copy(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    original = body_of(ORIGINAL)
    assert len(original) == 9 and all(len(p) >= MIN_CHARS for p in original)
    path = add_source(root, "urges-talks-copy", copy_of_original(OWN, 7))
    result = check(root)
    assert result.code == 0 and not result.errors, result.out
    # One warning for the pair, at the copy (the later id), at its first shared paragraph.
    first_shared = path.read_text(encoding="utf-8").splitlines().index(retyped(original[6]))
    assert copy_warnings(result) == [(
        "sources/urges-talks-copy.md", first_shared + 1,
        f"7 of 9 paragraphs also stand in sources/{ORIGINAL}.md, so this looks like the "
        "same article stored twice: each quote from it matches in both, and under another "
        "outlet a copy would count as a second account. Keep one and cite it (`factcheck "
        f"capture URL --id {ORIGINAL} --replace` refreshes `{ORIGINAL}` from a newer "
        "version)")]
    github = check(root, "--format", "github")
    assert re.search(r"^::warning file=sources/urges-talks-copy\.md,line=\d+,col=1::7 of 9 "
                     "paragraphs also stand in", github.out, re.M)


@pytest.mark.parametrize("taken", [0, 2, 4])
def test_a_source_sharing_half_its_paragraphs_or_fewer_is_not_reported(
        tmp_path: Path, taken: int) -> None:
    """Neither the new source (`taken` of 10) nor the original (`taken` of 9) holds more
    than half of its paragraphs in the other."""
    root = copy_project(tmp_path / "project", claims=False)
    own = [f"Paragraph {n}: {text}" for n, text in enumerate(OWN * 5)][:10 - taken]
    add_source(root, "shares-some", copy_of_original(own, taken))
    assert copy_warnings(check(root)) == []


def test_short_lines_do_not_make_two_sources_alike(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", claims=False)
    short = ["Advertisement", "Share this article", "Read more:", "It gave no other details."]
    add_source(root, "short-lines", "---\ntitle: Short lines\n---\n"
               + "\n\n".join([*short, OWN[0]]) + "\n")
    add_source(root, "short-lines-too", "---\ntitle: Short lines too\n---\n"
               + "\n\n".join([*short, OWN[1]]) + "\n")
    assert copy_warnings(check(root)) == []


def test_check_changed_reports_the_pair_at_the_changed_source(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    repo.commit("Base", "2026-11-20T09:00:00+00:00")
    # Not pinned: a change to sources.lock would have the whole project checked.
    repo.write("sources/a-copy.md", copy_of_original([], 9))
    # A full check reports the pair at the later id; a check of the change, at the change.
    assert [w[0] for w in copy_warnings(check(repo.root))] == [f"sources/{ORIGINAL}.md"]
    assert [w[0] for w in copy_warnings(check(repo.root, "--changed", "HEAD"))] == [
        "sources/a-copy.md"]


def test_the_preview_keeps_each_sources_paragraphs(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project", claims=False)
    add_source(root, "urges-talks-copy", copy_of_original(OWN, 7))
    made: list[int] = []

    def keys(texts: Iterable[str]) -> duplicates.Keys:
        made.append(1)
        return duplicates.keys(texts)

    monkeypatch.setattr("generator.preview.cache.keys", keys)
    memory = CheckMemory()
    for _ in range(2):
        kept = run_check(root, steps=memory.steps())
        memory.sweep()
        assert kept.diagnostics == run_check(root).diagnostics
    assert len(made) == 6  # once a source, on the first run only


# -- the index ------------------------------------------------------------------------------

def brute_force(keys: dict[str, frozenset[str]]) -> dict[str, Overlap]:
    """Every pair compared: for each source, the first (by id) of the others holding the
    most of its paragraphs, when that is more than half."""
    found = {}
    for sid, mine in keys.items():
        best = max(((len(mine & theirs), other) for other, theirs in keys.items()
                    if other != sid), key=lambda t: (t[0], [-ord(c) for c in t[1]]),
                   default=(0, ""))
        if mine and best[0] > len(mine) // 2:
            found[sid] = Overlap(best[1], best[0], len(mine))
    return found


@given(st.dictionaries(st.sampled_from([f"s{n}" for n in range(8)]),
                       st.frozensets(st.sampled_from([f"paragraph {n}" for n in range(12)]),
                                     max_size=8), min_size=2))
def test_the_index_finds_what_comparing_every_pair_finds(keys: dict[str, frozenset[str]]
                                                         ) -> None:
    index = ParagraphIndex(keys)
    expected = brute_force(keys)
    assert {sid: index.most_shared(k, {sid}) for sid, k in keys.items()
            if index.most_shared(k, {sid})} == expected
    reported = dict(overlaps(keys))
    assert set(reported) <= set(expected)
    for sid, overlap in expected.items():  # each pair once: here or at its other source
        assert reported.get(sid) == overlap or (
            expected.get(overlap.other, Overlap("", 0, 0)).other == sid
            and overlap.other in reported)


def test_a_stock_sentence_in_every_source_costs_no_comparison(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stock = "Officials did not immediately respond to requests for comment."
    keys = {f"s{n:04d}": frozenset({stock, *(f"Paragraph {k} of source {n}, which is long."
                                              for k in range(3))}) for n in range(3000)}
    calls: list[frozenset[str]] = []
    most_shared = ParagraphIndex.most_shared

    def counted(self: ParagraphIndex, keys: frozenset[str], exclude: Collection[str] = ()
                ) -> Overlap | None:
        calls.append(keys)
        return most_shared(self, keys, exclude)

    monkeypatch.setattr(ParagraphIndex, "most_shared", counted)
    assert overlaps(keys) == [] and calls == []


# -- capture --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with news_server() as url:
        yield url


def test_capture_refuses_a_copy_of_a_stored_article(base: str, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", claims=False)
    first = run_cli(["capture", "--root", str(root), f"{base}/wordpress.html", "--id", "border"])
    assert first.code == 0, first.err
    # The same article at another address, under another name, its paragraphs reordered.
    page = page_bytes("wordpress.html", "https://reprints.example").decode()
    paragraphs = re.findall(r"<p>.*?</p>", page.split('<div class="entry-content">')[1]
                            .split('<div class="sharedaddy')[0])
    assert len(paragraphs) == 6
    for p in paragraphs:
        page = page.replace(p, "", 1)
    page = page.replace('<div class="entry-content">',
                        '<div class="entry-content">' + "".join(reversed(paragraphs)))
    saved = tmp_path / "reprint.html"
    saved.write_text(page.replace("The Caspian Ledger", "Reprints Daily"), encoding="utf-8")
    before = tree_state(root)
    result = run_cli(["capture", "--root", str(root), str(saved)])
    assert_no_traceback(result)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "factcheck capture: error: most of the page is already stored: 6 of its 6 "
        "paragraphs stand in sources/border.md. Cite `border`; if this page is a newer "
        "version of the same article, re-capture it with `factcheck capture "
        f"{saved} --id border --replace`\n")
    assert tree_state(root) == before
