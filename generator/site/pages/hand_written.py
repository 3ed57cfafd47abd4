"""The hand-written pages (home, methodology, corrections, about, contributing), each with
the blocks the site generates into it: the latest fact checks, the verdict scale and what
quote matching treats as typography, the corrections, the desk, the guide's first
commands."""

from __future__ import annotations

from typing import Any

from generator.anchoring import typography
from generator.content.settings import Need
from generator.i18n import _
from generator.site.desk import desk_facts
from generator.site.pages.planner import SitePlanner
from generator.site.urls import claim_url, relative

# Where each hand-written page takes its generated blocks; a block whose marker is
# missing goes at the end of the page. A marker may open a region that a closing marker
# (`<!-- /factcheck:clone -->`) ends: the region shows on GitHub, and the site replaces it.
MARKERS = {
    "index.md": ("<!-- factcheck:latest -->",),
    "methodology.md": ("<!-- factcheck:verdicts -->", "<!-- factcheck:typography -->"),
    "corrections.md": ("<!-- factcheck:report -->", "<!-- factcheck:corrections -->"),
    "about.md": ("<!-- factcheck:desk -->",),
    "contributing.md": ("<!-- factcheck:clone -->",),
}
LATEST = 10


def plan(site: SitePlanner) -> None:
    settings = site.settings
    blocks: dict[str, tuple[tuple[str | None, dict[str, Any]], ...]] = {
        "index.md": (("latest.html.j2", {
            "claims": site.claims[:LATEST], "link": site.claim_linker(""),
            "verdict": site.verdict, "evidence_line": site.evidence_line,
            "who": site.claimant_name,
            "all_href": "claims/", "total": len(site.claims)}),),
        "methodology.md": (("verdicts.html.j2", {
            "verdicts": site.verdicts, "best": settings.best_rating,
            "needs": lambda v: [_(Need(n).text) for n in v.needs],
            "people_href": relative("methodology/", "people/")}),
            ("typography.html.j2", {"groups": typography.table()})),
        "corrections.md": (
            ("report.html.j2", {"repo_url": settings.repo_url,
                                "issues_href": settings.issue_url(),
                                "about_href": relative("corrections/", "about/")
                                if page_text(site, "about.md") is not None else None}),
            ("corrections.html.j2", {
                "entries": correction_entries(site, "corrections/"),
                "history": site.history})),
        "about.md": (("desk.html.j2", {"facts": desk_facts(settings)}),),
        "contributing.md": ((None, {"repo_url": settings.repo_url}),),
    }
    titles = {"index.md": settings.site_name, "methodology.md": _("Methodology"),
              "corrections.md": _("Corrections"), "about.md": _("About"),
              "contributing.md": _("Contributing")}
    for name, parts in blocks.items():
        text = page_text(site, name)
        if text is None and name in ("about.md", "contributing.md"):
            continue  # pages a desk may leave out
        text = text or f"# {titles[name]}\n\n" + "".join(m + "\n" for m in MARKERS[name])
        for marker, (template, context) in zip(MARKERS[name], parts, strict=True):
            block = (site.env.get_template(template).render(**context).strip() if template
                     else clone_block(settings.repo_url))
            if marker in text:
                start = text.index(marker)
                closing = marker.replace("<!-- ", "<!-- /", 1)
                end = text.find(closing, start)
                end = start + len(marker) if end < 0 else end + len(closing)
                text = text[:start] + "\n" + block + "\n" + text[end:]
            else:
                text = text.rstrip("\n") + "\n\n" + block + "\n"
        site.files[name] = text


def page_text(site: SitePlanner, name: str) -> str | None:
    """A hand-written page as the desk wrote it, or None where the desk has none."""
    path = (site.docs_dir / name) if site.docs_dir else None
    if path is not None and path.is_file():
        return path.read_text(encoding="utf-8")
    return None


def correction_entries(site: SitePlanner, page_url: str) -> list[dict[str, Any]]:
    entries = [
        {"date": u.date, "note": u.note, "href": relative(page_url, claim_url(claim.slug)),
         "headline": claim.headline}
        for claim in site.claims for u in site.updates.get(claim.slug, ())
    ]
    return sorted(entries, key=lambda e: (e["date"], e["href"]), reverse=True)


def clone_block(repo_url: str | None) -> str:
    """The guide's first commands, in Markdown, with the desk's repository when it is set."""
    lines = [f"git clone {repo_url or '<repository-url>'} factcheck", "cd factcheck",
             "./scripts/build-site"]
    fence = "```sh\n" + "\n".join(lines) + "\n```"
    if repo_url:
        return fence
    return (_("This copy of the site names no repository (`repo_url` is not set in "
              "`mkdocs.yml`), so put your desk's repository address in place of "
              "`<repository-url>`:") + "\n\n" + fence)
