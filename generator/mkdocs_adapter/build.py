"""`factcheck build` and `serve`: check with the core, then let MkDocs render the theme.

The check runs first, so its problems are printed as `path:line:col: error: message`
before MkDocs starts; its result is handed to the plugin instance of the config MkDocs
loads, so the plugin does not check again.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator.check import CheckResult, CheckSteps, run_check
from generator.content.settings import config_path
from generator.diagnostics import Severity
from generator.mkdocs_adapter.plugin import FactcheckPlugin
from generator.preview.session import Preview
from generator.site.urls import local_address_warning

log = logging.getLogger("factcheck.build")


def _precheck(root: Path, config_file: Path | None, steps: CheckSteps | None = None,
              build_future: bool | None = None) -> tuple[CheckResult, int]:
    """The check's result, printed, and its number of errors."""
    result = run_check(root, config_file, steps=steps, build_future=build_future)
    for d in result.reported:
        print(d.format_text())
    return result, sum(d.severity is Severity.ERROR for d in result.diagnostics)


def _plugin(config: MkDocsConfig) -> FactcheckPlugin:
    plugin = config.plugins.get("factcheck")
    if not isinstance(plugin, FactcheckPlugin):
        raise MkDocsException(f"{config.config_file_path} does not enable the `factcheck` "
                              "plugin: add `- factcheck` under `plugins:`")
    return plugin


def build_site(root: Path, config_file: Path | None, site_dir: Path | None,
               build_future: bool = False) -> int:
    """`build_future` (`--build-future`) builds the fact checks scheduled for a later day
    too; without it, the `build_future` option decides."""
    result, errors = _precheck(root, config_file, build_future=build_future or None)
    if errors:
        print(f"factcheck: {errors} error(s); the site was not built", file=sys.stderr)
        return 1
    warning = local_address_warning(result.settings.site_url)
    if warning:
        print(f"factcheck: warning: {warning}", file=sys.stderr)
    target = (site_dir or root / "site").resolve()
    logging.getLogger("mkdocs").setLevel(max(logging.getLogger().level, logging.WARNING))
    plugin = None
    try:
        config = load_config(config_file=str(config_path(root, config_file)),
                             site_dir=str(target), strict=True)
        plugin = _plugin(config)
        plugin.prechecked, plugin.build_future = result, build_future or None
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        census = plugin.census if plugin else None
        if census is not None and not census.ok:
            print("factcheck: the built site lost content:\n  " + "\n  ".join(census.problems),
                  file=sys.stderr)
        print(f"factcheck: the site was not built: {exc}", file=sys.stderr)
        return 1
    if plugin.census is not None:
        print(plugin.census.summary(), file=sys.stderr)
    print(f"factcheck: site built in {target}", file=sys.stderr)
    return 0


def serve_site(root: Path, config_file: Path | None, dev_addr: str,
               build_future: bool = False) -> int:
    preview = Preview()
    result, errors = _precheck(root, config_file, preview.steps(), build_future or None)
    if errors:
        # Served all the same: each page lists the errors until they are fixed.
        print(f"factcheck: {errors} error(s); the preview shows them in place of the site "
              "until they are fixed", file=sys.stderr)
    path = str(config_path(root, config_file))
    print(f"factcheck: serving on http://{dev_addr}/ with live reload of content/, sources/ "
          f"and {config_path(Path(), config_file)} (Ctrl+C to stop)", file=sys.stderr)
    try:
        # MkDocs keeps one instance of a plugin that has `on_startup` for the process: the
        # one configured here is the one the server builds with.
        plugin = _plugin(load_config(config_file=path))
        plugin.handoff, plugin.prechecked = preview, result
        plugin.build_future = build_future or None
        # Dirty builds: on a change only the pages whose content changed are written.
        # MkDocs warns of every dirty build, so a preview is not strict; `build` is.
        serve(config_file=path, dev_addr=dev_addr, livereload=True, build_type="dirty",
              strict=False)
    except MkDocsException as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 1
    return 0
