"""Why a capture is refused: one line for the contributor, and nothing written."""

from __future__ import annotations


class CaptureError(Exception):
    """A page that cannot be captured as asked: a bad response, a page with no article,
    a source already stored. The command prints the message as one error line."""
