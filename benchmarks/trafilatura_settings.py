"""trafilatura's own trade-off on its test corpus: strings found and leaked, by setting.

Run by hand, not by the test suite:

    .venv/bin/python benchmarks/trafilatura_settings.py /path/to/trafilatura-checkout

For each setting, every page of the corpus (see trafilatura_corpus.py) is decoded with
trafilatura's `decode_file` and extracted with `trafilatura.extract(html, **setting)`;
the text output is scored as capture_corpus.py scores it: the share of must-contain
strings found and of must-not-contain strings leaked, white space folded. It shows how
far any choice of trafilatura's settings can take capture, which keeps what trafilatura
finds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.utils import decode_file
from trafilatura_corpus import fold, load

SETTINGS: dict[str, dict[str, Any]] = {
    "default": {},
    "favor_recall": {"favor_recall": True},
    "default, no_fallback": {"no_fallback": True},
    "default, no tables": {"include_tables": False},
    "favor_precision": {"favor_precision": True},
    "favor_precision, no tables": {"favor_precision": True, "include_tables": False},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, metavar="DIR",
                        help="a trafilatura checkout (the folder holding tests/)")
    args = parser.parse_args(argv)
    try:
        corpus = load(args.root)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    totals = {name: [0, 0, 0, 0] for name in SETTINGS}
    for page in corpus.pages:
        expected = corpus.expected.get(page)
        if expected is None:
            continue
        html = decode_file((corpus.tests / page).read_bytes())
        for name, setting in SETTINGS.items():
            text = fold(trafilatura.extract(html, **setting) or "")
            total = totals[name]
            total[0] += sum(fold(s) in text for s in expected.with_)
            total[1] += len(expected.with_)
            total[2] += sum(fold(s) in text for s in expected.without)
            total[3] += len(expected.without)
    print(f"{'setting':28} {'must-contain found':>24} {'must-not-contain leaked':>26}")
    for name, (found, wanted, leaked, unwanted) in totals.items():
        print(f"{name:28} {f'{100 * found / wanted:.1f}% ({found}/{wanted})':>24} "
              f"{f'{100 * leaked / unwanted:.1f}% ({leaked}/{unwanted})':>26}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
