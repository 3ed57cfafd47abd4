"""Topics: the registry of what claims may be tagged with, and a claim's tags checked against it.

A topic has a slug, for files and addresses, and a name, for readers. A tag may be written
as either, in any case and with any runs of spaces or hyphens: `Lachin corridor`,
`lachin-corridor` and `LACHIN  CORRIDOR` are one topic, so a slip of the keyboard never
splits one topic into two pages, and readers always see the name as the desk wrote it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from generator.content import romanize
from generator.content.fields import nearest
from generator.content.textfile import Key, TextFile
from generator.diagnostics import Report, clip
from generator.model import ID, TEXT, fm, is_id, model


@model
class Topic:
    slug: str = fm(ID, "The topic's address, `topics/<slug>/`: lowercase letters, digits and "
                   "hyphens.")
    name: str = fm(TEXT, "The name readers see, written as it should be read: `CSTO`, "
                   "`Lachin corridor`.", max_chars=60)
    description: str | None = fm(TEXT, "One line shown on the topic's page and in the list "
                                 "of topics.", default=None, max_chars=300)


_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")


def topic_key(text: str) -> str:
    """What a tag is matched by: its case and its runs of spaces and hyphens left out."""
    return _SEPARATORS.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def topic_keys(topic: Topic) -> set[str]:
    return {topic_key(topic.slug), topic_key(topic.name)}


@lru_cache(maxsize=8)
def _by_key(topics: tuple[Topic, ...]) -> dict[str, Topic]:
    """Each registered topic under the keys a tag may match it by; made once a registry,
    not once a claim."""
    return {k: t for t in topics for k in topic_keys(t)}


def _proposed_slug(tag: str) -> str:
    slug = romanize.slug(tag)  # a tag in Cyrillic or Armenian gets a real slug too
    return slug if is_id(slug) else "choose-a-slug"


def resolve_tags(tf: TextFile, report: Report, topics: tuple[Topic, ...], config_file: str
                 ) -> tuple[str, ...]:
    """The slugs of the topics a claim's `tags` name, each once, in the order written;
    each tag that names no registered topic is an error at the tag."""
    raw: Any = tf.data.get("tags")
    entries: Iterable[tuple[Key, Any]] = (
        [(("tags", i), item) for i, item in enumerate(raw)] if isinstance(raw, list)
        else [(("tags",), raw)])
    by_key = _by_key(topics)
    slugs: dict[str, None] = {}
    for key, item in entries:
        if isinstance(item, int | float) and not isinstance(item, bool):
            item = tf.scalar_text.get(key, str(item))  # `2020` is text as written
        if not isinstance(item, str) or not item.strip():
            continue  # the validator reported it
        tag = item.strip()
        topic = by_key.get(topic_key(tag))
        if topic is not None:
            slugs[topic.slug] = None
            continue
        line, col = tf.value_at(key)
        report.error(line, col, _unknown(tag, topics, by_key, config_file))
    return tuple(slugs)


def _unknown(tag: str, topics: Sequence[Topic], by_key: dict[str, Topic], config_file: str
             ) -> str:
    entry = f"- {{slug: {_proposed_slug(tag)}, name: {json.dumps(tag, ensure_ascii=False)}}}"
    add = (f"add it under `topics:` of the `factcheck` plugin in {config_file} "
           f"(`{entry}`)")
    if not topics:
        return (f"tag `{clip(tag)}` is not a registered topic, and {config_file} registers "
                f"none: {add}, or remove the tag")
    close = dict.fromkeys(by_key[k].slug for k in nearest(topic_key(tag), list(by_key)))
    if close:
        named = " or ".join(f"`{s}` ({_name(topics, s)})" for s in close)
        return (f"tag `{clip(tag)}` is not a registered topic; did you mean {named}? Write "
                f"a topic's slug or name, or {add}")
    return (f"tag `{clip(tag)}` is not a registered topic; write a topic's slug or name "
            f"(see `topics:` in {config_file}), or {add}")


def _name(topics: Sequence[Topic], slug: str) -> str:
    return next(t.name for t in topics if t.slug == slug)
