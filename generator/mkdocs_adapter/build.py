"""`factcheck build` and `serve`: check with the core, then let MkDocs render the theme."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from generator.check import run_check
from generator.diagnostics import Severity
from generator.preview.cache import CheckCache

log = logging.getLogger("factcheck.build")


def _precheck(root: Path, cache: CheckCache | None = None) -> bool:
    from generator.mkdocs_adapter import plugin as mkdocs_plugin

    result = run_check(root, cache=cache)
    for d in result.diagnostics:
        print(d.format_text())
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    if errors:
        print(f"factcheck: {errors} error(s); the site was not built", file=sys.stderr)
        return False
    mkdocs_plugin.PRECHECKED[root] = result
    return True


def build_site(root: Path, site_dir: Path | None) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not _precheck(root):
        return 1
    target = (site_dir or root / "site").resolve()
    logging.getLogger("mkdocs").setLevel(max(logging.getLogger().level, logging.WARNING))
    config = None
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(target),
                             strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        census = getattr(config.plugins.get("factcheck"), "census", None) if config else None
        if census is not None and not census.ok:
            print("factcheck: the built site lost content:\n  " + "\n  ".join(census.problems),
                  file=sys.stderr)
        print(f"factcheck: the site was not built: {exc}", file=sys.stderr)
        return 1
    census = getattr(config.plugins.get("factcheck"), "census", None)
    if census is not None:
        print(census.summary(), file=sys.stderr)
    print(f"factcheck: site built in {target}", file=sys.stderr)
    return 0


def serve_site(root: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    from generator.mkdocs_adapter import plugin as mkdocs_plugin

    cache = CheckCache()
    if not _precheck(root, cache):
        return 1
    mkdocs_plugin.SERVE_CACHES[root] = cache
    print(f"factcheck: serving on http://{dev_addr}/ with live reload of content/, sources/ "
          "and mkdocs.yml (Ctrl+C to stop)", file=sys.stderr)
    try:
        # Dirty builds: on a change only the pages whose content changed are written.
        # MkDocs warns of every dirty build, so a preview is not strict; `build` is.
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True,
              build_type="dirty", strict=False)
    except MkDocsException as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 1
    return 0
