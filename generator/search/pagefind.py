"""Search with Pagefind: index the built site's claims and source passages.

Pagefind reads the finished HTML, so any static-site engine can call this after
rendering; readers then download only the index chunks their query needs.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.i18n import primary
from generator.search.chunks import regroup_bundle
from generator.search.pfmeta import shorten_fragment_names

log = logging.getLogger("factcheck.search")

BUNDLE = "pagefind"
ROOT_SELECTOR = "article"
# Files of the Pagefind bundle whose bytes vary between runs on the same input: Pagefind
# serialises its filter and metadata indexes in hash-map order (its own issue #638).
# Every other file of a build is byte-identical for the same inputs.
UNSTABLE_FILES = (f"{BUNDLE}/pagefind-entry.json", f"{BUNDLE}/filter/*.pf_filter",
                  f"{BUNDLE}/pagefind.*.pf_meta")
# Pagefind cuts its sorted word index into chunks, closing a chunk once it holds this many
# postings (a word's pages and positions), and a query downloads the chunk of each of its
# words, as typed and as stemmed. With Pagefind's default of 20,000 a chunk carries the
# neighbours of a common word too: at 10,000 claims the query "Armenia ceasefire" downloaded
# three chunks, 148 kB (325 kB in all); at 5,000, 116 kB (295 kB in all), the metadata every
# query loads 2 kB larger (the longer chunk list) and the whole index 1%. Smaller chunks save
# no more (a common word's postings alone exceed the size) and add requests. Where a cut
# still parts a word's stem from the word as typed, `chunks.regroup_bundle` moves it
# (benchmarks/search_ui.py --bytes-only measures both). Pagefind reads the size from this
# variable only; were a later version to drop it, queries would be heavier, not wrong.
INDEX_CHUNK_SIZE = 5000


class SearchIndexError(Exception):
    pass


def pagefind_command(site_dir: Path, language: str, output: str = BUNDLE) -> list[str]:
    """Pagefind's command line for the site: one index in the site's `language`, into
    `site_dir/output/` (run with PAGEFIND_ENV)."""
    # Pagefind would build one index per `<html lang>` and search only the reader's page's
    # one; the site's pages are all in its language, and quotes in other languages sit
    # inside them, so one index, stemmed in the site's language, covers every page.
    # Pagefind reads only each page's <article> (the theme's page body, which holds every
    # indexed element): the navigation around it is most of a page's bytes.
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", output,
            "--root-selector", ROOT_SELECTOR, "--force-language", primary(language), "--quiet"]


PAGEFIND_ENV = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}


def index_site(site_dir: Path, language: str = "en", background: bool = False,
               started: Callable[[subprocess.Popen[str]], None] | None = None) -> None:
    """Write the Pagefind bundle into `site_dir/pagefind/`, one index in the site's
    `language`. In the `background` (behind a preview) it runs at the lowest CPU priority,
    so it never slows the next rebuild; `started` is given the process, to stop it if the
    preview stops first."""
    nice = shutil.which("nice") if background else None
    proc = subprocess.Popen(
        [*([nice, "-n", "19"] if nice else []), *pagefind_command(site_dir, language)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **PAGEFIND_ENV},
    )
    if started is not None:
        started(proc)
    stdout, stderr = proc.communicate()
    result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): "
                               f"{(result.stderr or result.stdout).strip()[-2000:]}")
    regrouped = regroup_bundle(site_dir / BUNDLE)
    renamed = shorten_fragment_names(site_dir / BUNDLE)
    log.info("search index written to %s/ (%d index chunks regrouped, %d result fragments)",
             BUNDLE, regrouped, renamed)
