"""Compiled theme templates, kept from one preview rebuild to the next.

MkDocs makes a new Jinja environment for each build; given this cache, the environment
compiles a template once per server. Jinja keys each entry by the template's name and
checks it against a checksum of the template's source, so an edited template is
compiled again.
"""

from __future__ import annotations

import jinja2.bccache


class TemplateCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
