"""The floor under the preview: MkDocs' own dirty rebuild of a plain site, one page edited.

Run by hand, not by the test suite:

    .venv/bin/python benchmarks/preview_floor.py PLAIN [--edits 3]

PLAIN is the plain mkdocs-material project `site_scale.py --keep DIR` leaves in
`DIR/claims-N/plain` (a Markdown page for every page of the factcheck site). It is copied
to a temporary folder, its search plugin removed (MkDocs and the theme alone), and built
once as `mkdocs serve --dirty` does; then one page is edited at a time and the dirty
rebuild timed, by wall clock and by the process's CPU time. No plugin of factcheck runs:
what this prints is what MkDocs itself takes to rebuild a site of that many pages, which
no preview on MkDocs can beat.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plain", type=Path, help="the plain project of site_scale.py")
    parser.add_argument("--edits", type=int, default=3, help="pages edited, one at a time")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="preview-floor") as work:
        project, site = Path(work) / "plain", Path(work) / "site"
        shutil.copytree(args.plain, project)
        config_file = project / "mkdocs.yml"
        settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        settings["plugins"] = []
        config_file.write_text(yaml.safe_dump(settings), encoding="utf-8")

        def config() -> MkDocsConfig:
            return load_config(config_file=str(config_file), site_dir=str(site), strict=False)

        first = config()
        first.plugins.on_startup(command="serve", dirty=True)
        start = time.perf_counter()
        build(first, dirty=True)
        pages = sorted((project / "docs").rglob("*.md"))
        print(f"{len(pages)} pages; first build {time.perf_counter() - start:.1f} s")
        for n, page in enumerate(pages[-args.edits:]):
            page.write_text(page.read_text(encoding="utf-8") + f"\n\nEdited {n}.\n",
                            encoding="utf-8")
            again = config()
            wall, cpu = time.perf_counter(), time.process_time()
            build(again, dirty=True)
            print(f"rebuild after editing {page.relative_to(project)}: "
                  f"{time.perf_counter() - wall:.2f} s, {time.process_time() - cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
