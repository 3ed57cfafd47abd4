"""Index chunks regrouped so that a query word costs one chunk: every word keeps its
postings byte for byte, in order, and a family of words is never cut apart."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.search.chunks import (
    FAMILY,
    FAMILY_BYTES,
    Chunk,
    read_chunk_list,
    regroup_bundle,
    shared,
)
from generator.search.pagefind import BUNDLE, PAGEFIND_ENV, pagefind_command
from generator.search.pfmeta import SIGNATURE, _encode_head, _encode_text, encode_pages, read_pages
from siteutil import build, copy_project

Entry = tuple[str, bytes]


def entry(word: str, pages: int) -> Entry:
    """A word entry as Pagefind writes it: [word, [[page, [weight, position], []], ...], []]."""
    posting = (_encode_head(4, 3) + _encode_head(0, 1) + _encode_head(4, 2) + _encode_head(1, 24)
               + _encode_head(0, 7) + _encode_head(4, 0))
    return word, (_encode_head(4, 3) + _encode_text(word) + _encode_head(4, pages)
                  + posting * pages + _encode_head(4, 0))


def pagefind_bounds(chunks: list[list[Entry]]) -> list[tuple[str, str]]:
    """Each chunk's (from, to) by Pagefind's rule: the words either side of a cut, each cut
    one character past what they share; a `to` that would sort before its `from` whole."""
    bounds = [[words[0][0], words[-1][0]] for words in chunks]
    for n in range(1, len(chunks)):
        last, first = chunks[n - 1][-1][0], chunks[n][0][0]
        common = 0
        while common < min(len(last), len(first)) and last[common] == first[common]:
            common += 1
        to = last[:common + 1]
        bounds[n - 1][1] = to if to >= bounds[n - 1][0] else last
        bounds[n][0] = first[:common + 1]
    return [(a, b) for a, b in bounds]


def write_bundle(root: Path, chunks: list[list[Entry]]) -> Path:
    out = root / "pagefind"
    (out / "index").mkdir(parents=True)
    listed = []
    for n, ((first, to), words) in enumerate(zip(pagefind_bounds(chunks), chunks, strict=True)):
        raw = (SIGNATURE + _encode_head(4, 1) + _encode_head(4, len(words))
               + b"".join(data for _, data in words))
        (out / "index" / f"en_{n:07x}.pf_index").write_bytes(gzip.compress(raw, mtime=0))
        listed.append((first, to, f"en_{n:07x}"))
    tail = _encode_head(4, 0) + _encode_head(4, 0) + _encode_head(4, 0)  # filters, sorts, meta
    meta = (SIGNATURE + _encode_head(4, 6) + _encode_text("1.5.2") + encode_pages([("p", 9)])
            + _encode_head(4, len(listed))
            + b"".join(_encode_head(4, 3) + b"".join(_encode_text(x) for x in item)
                       for item in listed) + tail)
    (out / "pagefind.en_0123456789.pf_meta").write_bytes(gzip.compress(meta, mtime=0))
    entry_json = {"version": "1.5.2", "languages": {"en": {"hash": "en_0123456789", "wasm": "en",
                                                           "page_count": 1}}}
    (out / "pagefind-entry.json").write_text(json.dumps(entry_json))
    return out


def read_bundle(bundle: Path) -> tuple[list[tuple[str, str, str]], list[list[Entry]], bytes]:
    """The chunk list, each chunk's entries, and the metadata without the chunk list."""
    language = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["en"]
    meta = gzip.decompress((bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes())
    listed, start, end = read_chunk_list(meta)
    chunks = [Chunk(bundle, *item).take_front("", 1 << 40) or [] for item in listed]
    assert sorted(p.stem for p in (bundle / "index").iterdir()) == sorted(n for *_, n in listed)
    return listed, chunks, meta[:start] + meta[end:]


def test_a_family_cut_apart_is_moved_into_one_chunk(tmp_path: Path) -> None:
    words = [[entry("apple", 3), entry("ceasefir", 40)],
             [entry("ceasefirea", 2), entry("ceasefire—a", 2), entry("census", 30)],
             [entry("zebra", 1)]]
    bundle = write_bundle(tmp_path, words)
    _, _, rest = read_bundle(bundle)

    assert regroup_bundle(bundle) == 2
    listed, chunks, new_rest = read_bundle(bundle)
    assert [w for w, _ in chunks[0]] == ["apple", "ceasefir", "ceasefirea", "ceasefire—a"]
    assert [w for w, _ in chunks[1]] == ["census"]
    assert [e for c in chunks for e in c] == [e for c in words for e in c]  # byte for byte
    assert [(a, b) for a, b, _ in listed] == pagefind_bounds(chunks)
    assert listed[2][2] == "en_0000002"  # an untouched chunk keeps its file
    assert new_rest == rest


def test_a_family_left_empty_is_dropped_and_families_move_one_by_one(tmp_path: Path) -> None:
    words = [[entry("observ", 20)], [entry("observersa", 2), entry("observersat", 2)],
             [entry("observersb", 2), entry("observersin", 1), entry("obtain", 5)]]
    bundle = write_bundle(tmp_path, words)
    regroup_bundle(bundle)
    listed, chunks, _ = read_bundle(bundle)
    assert [[w for w, _ in c] for c in chunks] == [
        ["observ", "observersa", "observersat", "observersb", "observersin"], ["obtain"]]
    assert len(listed) == 2
    assert not (bundle / "index" / "en_0000001.pf_index").exists()


def test_a_family_too_large_to_move_stays_where_pagefind_cut_it(tmp_path: Path) -> None:
    big = entry("peacekeep", FAMILY_BYTES // 4)
    assert len(big[1]) > FAMILY_BYTES
    words = [[entry("par", 3), entry("peace", 40)], [big, entry("per", 2)]]
    bundle = write_bundle(tmp_path, words)
    before = {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert regroup_bundle(bundle) == 0
    assert {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before


def test_words_sharing_fewer_letters_are_not_moved(tmp_path: Path) -> None:
    short = "abcdefgh"[:FAMILY - 1]
    words = [[entry(short + "x", 3)], [entry(short + "y", 3)]]
    bundle = write_bundle(tmp_path, words)
    before = {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert regroup_bundle(bundle) == 0
    assert {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before


def test_an_unknown_layout_is_left_as_pagefind_wrote_it(tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    words = [[entry("ceasefir", 4)], [entry("ceasefirea", 2), entry("census", 3)]]
    bundle = write_bundle(tmp_path, words)
    odd = SIGNATURE + _encode_head(4, 2) + _encode_head(4, 0) + _encode_head(4, 0)
    (bundle / "index" / "en_0000001.pf_index").write_bytes(gzip.compress(odd, mtime=0))
    before = {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert regroup_bundle(bundle) == 0
    assert {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before
    assert "left as Pagefind wrote them" in caplog.text


@pytest.mark.site
def test_the_seed_sites_index_holds_pagefinds_records_and_no_family_is_cut(
        tmp_path: Path) -> None:
    """Pagefind's own bundle of the same pages, beside the built one: the same words with the
    same postings in the same order, the same word counts, and every cut moved off a family
    that fit in one chunk; Pagefind's own cuts part "armenia" from "armenia’" (the word the
    browser test searches), the built index does not."""
    site = build(copy_project(tmp_path / "project"), tmp_path / "site")
    raw_dir = "pagefind-as-written"
    done = subprocess.run(pagefind_command(site, "en", raw_dir), capture_output=True,
                          text=True, env={**os.environ, **PAGEFIND_ENV}, check=False)
    assert done.returncode == 0, done.stderr
    theirs, ours = read_bundle(site / raw_dir), read_bundle(site / BUNDLE)

    assert [e for c in ours[1] for e in c] == [e for c in theirs[1] for e in c]
    assert [(a, b) for a, b, _ in ours[0]] == pagefind_bounds(ours[1])

    def counts(bundle: Path) -> list[int]:
        language = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["en"]
        meta = gzip.decompress((bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes())
        return [words for _, words in read_pages(meta)[0]]

    assert counts(site / BUNDLE) == counts(site / raw_dir)

    def cut(chunks: list[list[Entry]], word: str, other: str) -> bool:
        where = {w: n for n, c in enumerate(chunks) for w, _ in c}
        return where[word] != where[other]

    assert cut(theirs[1], "armenia", "armenia’"), "Pagefind no longer cuts this family apart: " \
        "pick another for this test and test_search_bytes.py"
    assert not cut(ours[1], "armenia", "armenia’")
    for before, after in zip(ours[1], ours[1][1:], strict=False):
        common = shared(before[-1][0], after[0][0])
        if common >= FAMILY:
            family = [data for w, data in after if w.startswith(after[0][0][:common])]
            assert sum(map(len, family)) > FAMILY_BYTES, (before[-1][0], after[0][0])
