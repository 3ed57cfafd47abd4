"""The `factcheck` plugin's options, as MkDocs sees them.

Each option is declared once, in the core (`content.settings.PluginOptions`): its kind, its
description and its default. The core reads the options itself, with their line numbers,
from the very file MkDocs was given; this class, made from that declaration, lets MkDocs
type-check them and refuse an unknown one. MkDocs fills in no default: the core does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption

from generator.content.fields import Field, Kind
from generator.content.settings import SETTINGS_FIELDS

# The MkDocs option that type-checks a value of each kind an option may have.
_OPTIONS: dict[Kind, Callable[[], BaseConfigOption[Any]]] = {
    Kind.TEXT: lambda: c.Type(str),
    Kind.INT: lambda: c.Type(int),
    Kind.BOOL: lambda: c.Type(bool),
    Kind.OBJECT: lambda: c.Type(dict),
    Kind.OBJECTS: lambda: c.ListOfItems(c.Type(dict)),
}


def config_class(fields: Sequence[Field]) -> type[base.Config]:
    """A MkDocs config class with an optional, type-checked option for each field."""
    options = {f.name: c.Optional(_OPTIONS[f.kind]()) for f in fields}
    return type("FactcheckConfig", (base.Config,), {
        "__doc__": "The factcheck plugin's options (`content.settings.PluginOptions`).",
        "__module__": __name__, **options})


FactcheckConfig = config_class(SETTINGS_FIELDS)
