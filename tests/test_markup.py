"""The seed site's HTML, read by the Nu HTML Checker (vnu.jar from npm, run by Java).

Every error is ours to fix, but for the few in mkdocs-material's own page furniture, which
are listed here one by one, each with the markup it comes from.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from siteutil import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message, the markup it is reported on): errors in mkdocs-material's templates, not ours.
MATERIAL_ERRORS = (
    # The drawer, search and table-of-contents toggles are <input type="checkbox"
    # autocomplete="off">: the theme stops Firefox restoring their state on reload.
    (re.compile(r"Attribute “autocomplete” is only allowed when the input type is "),
     re.compile(r'<input class="md-(?:toggle|nav__toggle)[^>]*type="checkbox"')),
    # Section labels of the navigation carry tabindex="" when the section is not
    # focusable (navigation.tabs without navigation.sections).
    (re.compile(r"Bad value “” for attribute “tabindex” on element “label”"),
     re.compile(r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label" tabindex="">')),
    # The table of contents' title is <label for="__toc">, but the theme renders the
    # __toc checkbox only for pages listed in the navigation, which generated pages are not.
    (re.compile(r"The value of the “for” attribute of the “label” element must be the ID of a "
                r"non-hidden form control\."),
     re.compile(r'<label class="md-nav__title" for="__toc">')),
)


def _java() -> str:
    java = shutil.which("java")
    if java and VNU.is_file():
        return java
    if os.environ.get("CI") == "true":
        pytest.fail("the markup test needs Java 11+ and `npm ci` (node_modules/vnu-jar)")
    pytest.skip("Java or node_modules/vnu-jar is missing (install Java 11+, run `npm ci`)")


def _material(message: dict[str, str]) -> bool:
    return any(text.search(message.get("message", "")) and markup.search(message.get("extract", ""))
               for text, markup in MATERIAL_ERRORS)


def vnu_problems(site: Path, pages: list[Path]) -> tuple[list[str], list[dict[str, str]]]:
    """What the Nu HTML Checker finds in `pages` of `site` but for the theme's own markup,
    one line each; and every message, for tests of the allowlist."""
    # One JVM for every page; with --format json the report goes to stderr.
    result = subprocess.run([_java(), "-jar", str(VNU), "--format", "json", "--errors-only",
                             "--exit-zero-always", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    messages = json.loads(result.stderr)["messages"]
    ours = [f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine')}: {m.get('message')} "
            f"[{' '.join(m.get('extract', '').split())}]"
            for m in messages if m.get("type") != "info" and not _material(m)]
    return ours, messages


def test_every_page_is_valid_html_but_for_the_themes_own_markup(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    ours, messages = vnu_problems(site, pages)
    assert ours == []
    # The allowlist is not stale: each entry still matches something the theme writes.
    for text, markup in MATERIAL_ERRORS:
        assert any(text.search(m.get("message", "")) and markup.search(m.get("extract", ""))
                   for m in messages), text.pattern
