"""Short fragment names in a Pagefind bundle: the metadata rewritten, nothing else changed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from generator.search.pfmeta import (
    SIGNATURE,
    _encode_head,
    _encode_text,
    base36,
    encode_pages,
    read_pages,
    shorten_fragment_names,
)

# What follows the pages in the metadata, kept byte for byte: index chunks, filters, sorts.
TAIL = (_encode_head(4, 1) + _encode_head(4, 3) + _encode_text("a") + _encode_text("z")
        + _encode_text("en_c0ffee1") + _encode_head(4, 0))


def bundle(root: Path, version: str = "1.5.2", pages: int = 40) -> Path:
    out = root / "pagefind"
    (out / "fragment").mkdir(parents=True)
    listed = []
    for n in range(pages):
        name = f"en_{n:07x}"
        body = SIGNATURE + json.dumps({"url": f"/p{n}/"}).encode()
        (out / "fragment" / f"{name}.pf_fragment").write_bytes(gzip.compress(body, mtime=0))
        listed.append((name, 100 + n))
    meta = SIGNATURE + _encode_head(4, 3) + _encode_text(version) + encode_pages(listed) + TAIL
    (out / "pagefind.en_0123456789.pf_meta").write_bytes(gzip.compress(meta, mtime=0))
    entry = {"version": version, "languages": {"en": {"hash": "en_0123456789", "wasm": "en",
                                                      "page_count": pages}}}
    (out / "pagefind-entry.json").write_text(json.dumps(entry))
    return out


def state(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_fragments_renamed_and_metadata_rewritten(tmp_path: Path) -> None:
    out = bundle(tmp_path)
    assert shorten_fragment_names(out) == 40
    entry = json.loads((out / "pagefind-entry.json").read_text())
    meta = gzip.decompress((out / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
                           .read_bytes())
    pages, _, end = read_pages(meta)
    assert meta[end:] == TAIL
    build = pages[0][0].split("/")[0]
    assert pages == [(f"{build}/{base36(n)}", 100 + n) for n in range(40)]
    for n, (name, _) in enumerate(pages):
        raw = (out / "fragment" / f"{name}.pf_fragment").read_bytes()
        assert json.loads(gzip.decompress(raw)[len(SIGNATURE):])["url"] == f"/p{n}/"
    assert not (out / "pagefind.en_0123456789.pf_meta").exists()
    assert not list((out / "fragment").glob("*.pf_fragment"))


def test_same_pages_same_names_and_a_stale_build_is_removed(tmp_path: Path) -> None:
    one, two = bundle(tmp_path / "one"), bundle(tmp_path / "two")
    shorten_fragment_names(one)
    shorten_fragment_names(two)
    assert state(one) == state(two)
    stale = two / "fragment" / "0badc0de"
    stale.mkdir()
    (stale / "0.pf_fragment").write_bytes(b"old")
    for name in list(state(two)):  # Pagefind writes the bundle afresh into the same site
        (two / name).unlink()
    for path in state(bundle(tmp_path / "fresh")):
        target = two / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((tmp_path / "fresh" / "pagefind" / path).read_bytes())
    shorten_fragment_names(two)
    assert state(one) == state(two)


def test_an_unknown_layout_is_left_as_pagefind_wrote_it(tmp_path: Path) -> None:
    out = bundle(tmp_path, version="2.0.0")
    before = state(out)
    assert shorten_fragment_names(out) == 0
    assert state(out) == before


def test_base36() -> None:
    assert [base36(n) for n in (0, 9, 10, 35, 36, 12499)] == ["0", "9", "a", "z", "10", "9n7"]
