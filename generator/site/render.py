"""The Jinja environment: autoescaping on, so contributor text is always text."""

from __future__ import annotations

import json
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator import i18n
from generator.site.dates import claimed, human


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        extensions=["jinja2.ext.i18n"],
    )
    # The site's own words in the build's language (`generator.i18n.activate`).
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, pgettext=i18n.pgettext, newstyle=True)
    env.filters["claimed"] = claimed  # a PartialDate as `in 2021`, `on 3 May 2021`
    env.filters["human"] = human  # a PartialDate as `3 May 2021`, in the site's language
    return env


def theme_text(text: str) -> str:
    """A page title or description for a theme: on one line and HTML-escaped, because
    themes print them without escaping."""
    return str(escape(" ".join(text.split())))


def meta_value(text: str) -> Markup:
    """A front-matter value for MkDocs: YAML-safe (JSON), and as `theme_text`."""
    return Markup(json.dumps(theme_text(text), ensure_ascii=False))
