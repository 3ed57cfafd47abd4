"""Every name a claim or source gives a person or organisation, looked up in the registry.

`claimant`, `account` and `speaks_for` of a claim, and `outlet` of a source, each name an
entry of the registry. A name no entry answers to is an error at its line that names the
nearest entries and the command that writes a new one, under the slug the name gives
(romanized from Cyrillic, Armenian, Georgian or Azerbaijani as capture's ids are).
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

from generator.content.registry import Registry, bare, fold
from generator.content.romanize import slug as romanized
from generator.content.settings import Settings
from generator.diagnostics import Diagnostic, Severity, clip, display_path
from generator.model import Claim, Person, Source, is_id


def check_names(claims: Mapping[str, Claim], sources: Mapping[str, Source],
                registry: Registry, settings: Settings) -> list[Diagnostic]:
    root = settings.root
    diags: list[Diagnostic] = []

    def unknown(path: Path, at: tuple[int, int], key: str, name: str) -> None:
        if entry_slug(name) in registry.broken:
            return  # the entry's own file has errors, reported there
        diags.append(Diagnostic(display_path(path, root), at[0], at[1], Severity.ERROR,
                                unknown_message(key, name, registry, settings.people_dir)))

    for source in sources.values():
        if source.outlet and registry.find(source.outlet) is None:
            unknown(source.path, source.outlet_at, "outlet", source.outlet)
    for claim in claims.values():
        entry = registry.find(claim.claimant)
        if entry is None:
            unknown(claim.path, claim.claimant_at, "claimant", claim.claimant)
        if claim.claimant_type is not None:
            diags.append(_claimant_type(claim, entry, root))
        for ev in claim.evidence:
            if ev.account and registry.find(ev.account) is None:
                unknown(claim.path, ev.account_at if ev.account_at[0] else (ev.line, ev.col),
                        "account", ev.account)
            if ev.speaks_for and registry.find(ev.speaks_for) is None:
                unknown(claim.path,
                        ev.speaks_for_at if ev.speaks_for_at[0] else (ev.line, ev.col),
                        "speaks_for", ev.speaks_for)
    return diags


def unknown_message(key: str, name: str, registry: Registry, people_dir: str) -> str:
    close = registry.suggest(name)
    hint = ("; did you mean " + " or ".join(f"`{p.slug}` ({clip(p.name, 60)})" for p in close)
            + "?") if close else "."
    slug = entry_slug(name) or "new-entry"
    words = ["factcheck", "new", "person", slug, "--name", bare(name)]
    if key == "outlet":
        words += ["--type", "organization"]
        kind = ""
    else:
        kind = " (add `--type organization` for an organisation)"
    return (f"`{key}` is `{clip(name)}`, which names no person or organisation of the "
            f"registry{hint} Name an entry by its slug, name or an alias, or add one: "
            f"`{shlex.join(words)}` writes {people_dir}/{slug}.md{kind}")


def entry_slug(name: str) -> str:
    """The file name (without `.md`) a registry entry of `name` is proposed under; empty
    when the name has no letter or digit to make one of."""
    slug = romanized(fold(name))
    return slug if is_id(slug) else ""


def _claimant_type(claim: Claim, entry: Person | None, root: Path) -> Diagnostic:
    at = claim.claimant_type_at if claim.claimant_type_at[0] else claim.claimant_at
    written = claim.claimant_type.value if claim.claimant_type else ""
    if entry is not None and entry.type is not claim.claimant_type:
        message = (f"`claimant_type: {written}` disagrees with the registry, where "
                   f"`{entry.slug}` is `type: {entry.type.value}`; `claimant_type` is "
                   "deprecated and the registry's type is used: remove the key")
    else:
        message = ("`claimant_type` is deprecated: the registry entry's `type` says whether "
                   "the claimant is a person or an organization; remove the key")
    return Diagnostic(display_path(claim.path, root), at[0], at[1], Severity.WARNING,
                      message)
