"""factcheck: a static fact-check site generator whose every claim is tied to its sources."""

__version__ = "0.1.0"
