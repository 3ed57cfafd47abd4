"""Why a capture is refused: one line for the contributor, and nothing written."""

from __future__ import annotations

from collections.abc import Sequence


class CaptureError(Exception):
    """A page that cannot be captured as asked: a bad response, a page with no article,
    a source already stored. The command prints the message as one error line, then the
    `details` (one `path:line:col: error: …` line for each quote a re-capture would
    break), if any."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)
