"""`factcheck serve` with errors: the server keeps serving, and the pages say what is wrong.

MkDocs' server holds every request until a rebuild succeeds. Here a rebuild that fails is
recorded in the preview's `BuildStatus` instead, and every page is served with the errors
on it (`generator/preview/overlay.py`): the last good site under an overlay, or an error
page when there is no good site yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer

from generator.content.settings import load_settings
from generator.preview.overlay import PreviewApp
from generator.preview.status import BuildStatus, Problem, problems_of

log = logging.getLogger("mkdocs.plugins.factcheck")


def show_errors_on_pages(server: LiveReloadServer, status: BuildStatus, root: Path,
                         config_file: str) -> None:
    """Make the server's rebuilds record their failure, and its pages show it."""
    server.builder = _guarded(server.builder, status, root, config_file)
    app = server.get_app()
    assert app is not None  # MkDocs' server sets its app when it is made
    server.set_app(PreviewApp(app, status))


def _guarded(build: Callable[[], None], status: BuildStatus, root: Path, config_file: str
             ) -> Callable[[], None]:
    def rebuild() -> None:
        before = status.state().generation
        try:
            build()
        except Exception as exc:
            if status.state().generation != before:
                return  # the check's errors: reported, and shown on the pages
            if isinstance(exc, Abort) and isinstance(exc.__context__, Exception):
                exc = exc.__context__  # MkDocs' own error, said once it stopped
            status.failed(_problems(exc, root, config_file))
            if isinstance(exc, MkDocsException):
                log.error("factcheck: the preview could not be rebuilt: %s", exc)
            else:
                log.exception("factcheck: the preview could not be rebuilt")
            log.error("factcheck: the preview shows the last good site with the error "
                      "on every page until it is fixed")

    return rebuild


def _problems(exc: Exception, root: Path, config_file: str) -> tuple[Problem, ...]:
    """Why a build stopped outside the check: the settings' problems where the config file
    is at fault (MkDocs refuses it before the check reads it), said at their lines, else
    the engine's own message."""
    _, diagnostics = load_settings(root, config_file)
    return problems_of(diagnostics) or (Problem("", str(exc) or type(exc).__name__),)
