"""The registry of people and organisations, assembled: every name an entry answers to,
and the party each entry belongs to.

An entry is named by its slug, its `name` or an alias, compared as `fold` does: case,
typography and a trailing parenthetical qualifier such as "(as reported)" do not count.
An entry's party is the top of its `part_of` chain (or, for a joint statement of several
parties, the set of tops): a spokesperson, her ministry and her government are one party.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from generator.content.fields import nearest
from generator.content.settings import Settings
from generator.diagnostics import Diagnostic, Severity, clip, display_path
from generator.digest import text_digest
from generator.model import Person, fingerprint

_QUALIFIER = re.compile(r"\s*\(([^()]*)\)\s*$")
_WORDS = re.compile(r"\w+")

Party = frozenset[str]  # the slugs at the top of an entry's `part_of` chains


@lru_cache(maxsize=8192)  # a project names a few hundred parties, thousands of times
def fold(text: str) -> str:
    """A name as compared: its words, case folded, without a trailing parenthetical; so
    quotes, dashes, dots and spacing do not count ("Azatutyun.am" is "azatutyun am")."""
    plain = unicodedata.normalize("NFKC", _QUALIFIER.sub("", text)).casefold()
    return " ".join(_WORDS.findall(plain))


def bare(text: str) -> str:
    """A name as written, without its trailing parenthetical."""
    return _QUALIFIER.sub("", text).strip() or text.strip()


def qualifier(text: str) -> str:
    """The trailing parenthetical of a name as written, "(as reported)", kept for display."""
    m = _QUALIFIER.search(text)
    return f"({m.group(1).strip()})" if m and m.group(1).strip() else ""


@dataclass(frozen=True)
class Registry:
    people: Mapping[str, Person] = field(default_factory=dict)
    index: Mapping[str, str] = field(default_factory=dict)  # folded name -> slug
    parties: Mapping[str, Party] = field(default_factory=dict)  # slug -> its party
    broken: frozenset[str] = frozenset()  # entries whose file has errors

    @cached_property
    def key(self) -> str:
        """What tells two registries apart, for a caller that keeps answers between runs."""
        return text_digest(repr(sorted((s, fingerprint(p)) for s, p in self.people.items()))
                           + repr(sorted(self.broken)))

    def find(self, text: str) -> Person | None:
        slug = self.index.get(fold(text))
        return self.people.get(slug) if slug else None

    def party(self, slug: str) -> Party:
        return self.parties.get(slug, frozenset({slug}))

    def party_of(self, text: str) -> Party:
        """The party a name stands for; an unregistered name (reported as an error) stands
        for itself, compared as folded."""
        person = self.find(text)
        return self.party(person.slug) if person else frozenset({f"?{fold(text)}"})

    def display(self, text: str) -> str:
        """A name as readers see it: the entry's name, with the qualifier as written."""
        person = self.find(text)
        if person is None:
            return text
        return " ".join(filter(None, (person.name, qualifier(text))))

    def sides(self, slug: str) -> tuple[Person, ...]:
        """The entries at the top of an entry's `part_of` chains, itself left out: the side
        its accounts count with."""
        return tuple(self.people[s] for s in sorted(self.party(slug))
                     if s != slug and s in self.people)

    def members(self, slug: str) -> tuple[Person, ...]:
        """The entries directly `part_of` this one."""
        return tuple(p for p in self.people.values() if slug in p.part_of)

    def suggest(self, text: str) -> list[Person]:
        """The nearest entries to a name no entry answers to."""
        close = nearest(fold(text), list(self.index), n=3)
        seen: dict[str, Person] = {}
        for name in close:
            seen.setdefault(self.index[name], self.people[self.index[name]])
        return list(seen.values())


def build_registry(people: Mapping[str, Person], settings: Settings,
                   broken: frozenset[str] = frozenset()
                   ) -> tuple[Registry, list[Diagnostic]]:
    """The registry and its problems: a name two entries answer to, a `part_of` that names
    no entry, and a `part_of` chain that comes back to where it started."""
    diags: list[Diagnostic] = []

    def error(person: Person, at: tuple[int, int], message: str) -> None:
        diags.append(Diagnostic(display_path(person.path, settings.root), at[0], at[1],
                                Severity.ERROR, message))

    index: dict[str, str] = {}
    for slug in sorted(people):
        person = people[slug]
        spots = (person.name_at, person.name_at, *person.alias_at)
        for i, name in enumerate(person.names):
            key = fold(name)
            at = spots[i] if i < len(spots) else person.name_at
            if not key:
                error(person, at, f"the name `{clip(name)}` has no letters or digits to "
                                  "compare: write the name as readers know it")
                continue
            other = index.setdefault(key, slug)
            if other != slug:
                what = "alias" if i > 1 else "name"
                error(person, at, f"the {what} `{clip(name)}` also names `{other}` "
                                  f"({display_path(people[other].path, settings.root)}): a name "
                                  "must name one entry; remove it from one of the two, or "
                                  "make them one entry")
    for slug in sorted(people):
        person = people[slug]
        for i, parent in enumerate(person.part_of):
            at = person.part_of_at[i] if i < len(person.part_of_at) else person.name_at
            if parent == slug:
                error(person, at, "`part_of` names the entry itself: name the organisation "
                                  "it speaks for, or leave `part_of` out")
            elif parent not in people and parent not in broken:
                close = nearest(parent, list(people))
                hint = (f"; did you mean {' or '.join(f'`{c}`' for c in close)}?"
                        if close else "")
                error(person, at, f"`part_of` names `{clip(parent)}`, which is no entry of "
                                  f"the registry{hint} Use the slug of a file in "
                                  f"{settings.people_dir}/, or write one with `factcheck new "
                                  f"person {parent}`")
    parties: dict[str, Party] = {}
    for slug in sorted(people):
        cycle = _cycle(slug, people)
        if cycle and cycle[0] == slug and slug == min(cycle):
            person = people[slug]
            error(person, person.part_of_at[0] if person.part_of_at else person.name_at,
                  "`part_of` goes round in a circle: " + " -> ".join([*cycle, slug])
                  + "; the top of a chain must be part of nothing")
    for slug in people:
        parties[slug] = _tops(slug, people, parties, frozenset())
    return Registry(people, index, parties, frozenset(broken)), diags


def _cycle(start: str, people: Mapping[str, Person]) -> list[str]:
    """The circle of `part_of` links that leads back to `start`, if there is one."""
    path: list[str] = []

    def walk(slug: str) -> list[str] | None:
        if slug == start and path:
            return list(path)
        if slug in path or slug not in people:
            return None
        path.append(slug)
        for parent in people[slug].part_of:
            if parent != slug and (found := walk(parent)):
                return found
        path.pop()
        return None

    return walk(start) or []


def _tops(slug: str, people: Mapping[str, Person], done: dict[str, Party],
          seen: frozenset[str]) -> Party:
    if slug in done:
        return done[slug]
    parents = [p for p in people[slug].part_of if p in people and p not in seen and p != slug]
    if not parents:
        return frozenset({slug})
    tops: set[str] = set()
    for parent in parents:
        tops |= _tops(parent, people, done, seen | {slug})
    return frozenset(tops)
