"""Links between the site's own pages in claims' analyses: each lands on a claim, a source
or a passage that exists.

A desk deletes, merges and renames claims; an analysis that links to one of them would
point at a page the site no longer has. The link checker would find it in the built HTML;
this names the claim file and line, and the nearest page that does exist.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from generator.content.bodyscan import relative_links
from generator.content.dates import scheduled
from generator.content.fields import suggestion
from generator.content.load import Loaded
from generator.content.settings import Settings
from generator.diagnostics import Diagnostic, Severity, display_path
from generator.model import claim_url

_PASSAGE = re.compile(r"^p[1-9]\d*$")


def check_links(loaded: Loaded, settings: Settings) -> list[Diagnostic]:
    claims = set(loaded.claims) | set(loaded.drafts)
    sources = set(loaded.sources) | loaded.broken_sources
    # Claims the site leaves out until their day: a page built today may not link to them.
    later = {} if settings.build_future else {
        slug: c.published.iso for slug, c in loaded.claims.items()
        if scheduled(c.published, settings)}
    out = []
    for slug, claim in loaded.claims.items():
        for url, line in relative_links(claim.body, claim.body_line):
            target = _target(url, claim_url(slug))
            if target is None:
                continue
            problem = _dead(*target, claims, sources, loaded, settings)
            section, name, _ = target
            if problem is None and slug not in later and section == "claims" and name in later:
                problem = (f"claim `{name}` is published on {later[name]} and left out of "
                           "the site until then; link to it from that day, or publish both "
                           "on the same day")
            if problem:
                out.append(Diagnostic(display_path(claim.path, settings.root), line, 1,
                                      Severity.ERROR, f"link to `{url[:80]}`: {problem}"))
    return out


def _target(url: str, page: str) -> tuple[str, str, str] | None:
    """The section, page name and fragment a relative link from `page` lands on; None for
    a listing or a page the generator always makes."""
    target, _, fragment = url.partition("#")
    target = unquote(target.partition("?")[0])
    parts = posixpath.normpath(posixpath.join(page, target)).split("/")
    if len(parts) < 2 or parts[1] in ("", "page", "index.html"):
        return None
    return parts[0], parts[1], fragment


def _dead(section: str, name: str, fragment: str, claims: set[str], sources: set[str],
          loaded: Loaded, settings: Settings) -> str | None:
    """What is wrong with a link to `name` in `section`, if anything."""
    if section == "claims" and name not in claims:
        file = posixpath.join(settings.claims_dir, f"{name}.md")
        return (f"there is no claim `{name}` (no {file}: deleted or renamed?)"
                + (suggestion(name, sorted(claims))
                   or "; link to a claim that exists, or remove the link"))
    if section == "sources":
        if name not in sources:
            file = posixpath.join(settings.sources_dir, f"{name}.md")
            return (f"there is no source `{name}` (no {file})"
                    + (suggestion(name, sorted(sources))
                       or "; link to a source that exists, or remove the link"))
        source = loaded.sources.get(name)
        if source and _PASSAGE.match(fragment) and fragment not in {
                p.id for p in source.passages}:
            return (f"source `{name}` has no passage `{fragment}` (it has p1 to "
                    f"p{len(source.passages)}); link to the passage shown on its page")
    return None
