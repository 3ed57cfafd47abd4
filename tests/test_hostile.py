"""Hostile input reaches the site only as text: no script, handler, dangerous URL or embed.

Every string of the Big List of Naughty Strings and our own XSS vectors goes into each
front-matter field, claim bodies and source bodies. `check` rejects some of it; the site
is then built anyway (as if a reviewer had let it through) and parsed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from checkutil import register_topics
from generator import check as check_module
from generator.commands.cli import main
from siteutil import build, copy_project, soup
from xss_vectors import XSS_VECTORS

DATA = Path(__file__).parent / "data"
BLNS: list[str] = json.loads((DATA / "blns.json").read_text(encoding="utf-8"))
# Blank strings cannot fill a required field (check rejects them and no page is made);
# they still go into bodies.
STRINGS = [s for s in XSS_VECTORS + BLNS if s.strip()]
DANGEROUS_URL = re.compile(r"^\s*(?:javascript|vbscript|data|file):", re.IGNORECASE)
EMBEDS = ("iframe", "object", "embed", "frame", "frameset", "applet", "base", "form",
          "meta", "link", "style", "svg", "math")
QUOTE = "the ceasefire in Karabakh has been supported by about two thousand Russian peacekeepers"


def q(value: str) -> str:
    """A YAML scalar holding exactly `value` (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


def claim_file(text: str, i: int) -> str:
    return f"""---
claim: {q(text)}
title: {q(text)}
claimant: {q(text)}
claim_date: 2021
verdict: unproven
summary: {q(text)}
published: 2026-11-22
tags: [{q(text)}]
corrections:
  - date: 2026-11-23
    note: {q(text)}
evidence:
  - source: sochi-summit-broker-peace
    quote: {q(QUOTE)}
    stance: context
    account: {q(text)}
    note: {q(text)}
---
{text}

Paragraph {i}.
"""


def source_file(strings: list[str], n: int) -> str:
    body = "\n\n".join(f"Paragraph {n}-{i}: {s}" for i, s in enumerate(strings))
    title = strings[0] if strings else "x"
    return f"""---
title: {q(title)}
outlet: {q(title)}
author: {q(title)}
notes: {q(title)}
---
{body}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile"), claims=False)
    (root / "sources.lock").unlink()
    claims = root / "content" / "claims"
    # The strings that can be a topic's name are registered as topics, so that the tags
    # naming them reach the topic pages and links.
    register_topics(root, [s.strip() for s in STRINGS if 0 < len(s.strip()) <= 60 and all(
        unicodedata.category(c)[0] not in "CZ" or c == " " for c in s.strip())])
    for i, text in enumerate(STRINGS):
        (claims / f"hostile-{i}.md").write_text(claim_file(text, i), encoding="utf-8")
    strings = XSS_VECTORS + BLNS
    for n in range(0, len(strings), 60):
        (root / "sources" / f"hostile-source-{n}.md").write_text(
            source_file(strings[n:n + 60], n), encoding="utf-8")
    # Claims that `check` cannot even load (a control character YAML refuses, a claimant
    # over the length limit) make no page; the rest are built whatever `check` says.
    loaded = check_module.run_check(root).corpus.claims
    for path in claims.glob("*.md"):
        if path.stem not in loaded:
            path.unlink()
    assert len(loaded) >= 0.95 * len(STRINGS)
    patch = pytest.MonkeyPatch()
    patch.setattr(check_module.CheckResult, "ok", property(lambda self: True))
    patch.setattr("generator.mkdocs_adapter.build.Severity", type("S", (), {"ERROR": None}))
    try:
        return build(root, tmp_path_factory.mktemp("site"))
    finally:
        patch.undo()


def test_check_reports_raw_html_in_a_claim_with_its_line(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    (root / "content" / "claims" / "x.md").write_text(claim_file(XSS_VECTORS[0], 0),
                                                       encoding="utf-8")
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "content/claims/x.md:20:1: error: raw HTML `<script>alert('x1')</script>`" in out


def test_no_script_handler_dangerous_url_or_embed_survives(hostile_site: Path) -> None:
    pages = [p for p in hostile_site.rglob("*.html")]
    assert len(pages) > len(STRINGS)
    for path in pages:
        page = soup(path)
        for el in page.find_all(True):
            for attr, value in el.attrs.items():
                assert not attr.lower().startswith("on"), f"{path}: {el.name} {attr}"
                if attr in ("href", "src", "action", "formaction", "data", "xlink:href"):
                    assert not DANGEROUS_URL.match(str(value)), f"{path}: {attr}={value}"
        article = page.select_one("article")
        if article is None:
            continue
        for script in article.find_all("script"):
            assert script.get("type") == "application/ld+json", f"{path}: {script}"
            json.loads(script.string)  # valid JSON: nothing closed the element early
        for name in EMBEDS:
            assert not article.find_all(name), f"{path}: <{name}> in content"
        for el in article.find_all(["img", "video", "audio", "source"]):
            assert not re.match(r"^(?:https?:)?//", el.get("src", "")), f"{path}: {el}"


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    page = soup(hostile_site / "claims" / "hostile-0" / "index.html")
    assert "<script>alert('x1')</script>" in page.select_one(".fc-summary").get_text()
    review = json.loads(page.find("script", type="application/ld+json").string)
    assert review["claimReviewed"] == "<script>alert('x1')</script>"
    data = json.loads((hostile_site / "claims.json").read_text(encoding="utf-8"))
    by_slug = {c["slug"]: c for c in data["claims"]}
    assert len(by_slug) >= 0.95 * len(STRINGS)
    for i, text in enumerate(STRINGS):
        if f"hostile-{i}" in by_slug:
            assert by_slug[f"hostile-{i}"]["claimant"] == text.strip()
    feed = (hostile_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed
    # A topic's name is text too: on its page, in its title and in the claim's links.
    topics = by_slug["hostile-0"]["topics"]
    assert [t["name"] for t in topics] == ["<script>alert('x1')</script>"]
    topic = soup(hostile_site / "topics" / topics[0]["slug"] / "index.html")
    assert topic.select_one("article h1").get_text() == "<script>alert('x1')</script>"
    assert topic.title.get_text().startswith("<script>alert('x1')</script>")
    links = page.select("a[data-pagefind-filter=topic]")
    assert [a.get_text() for a in links] == ["<script>alert('x1')</script>"]


def test_hostile_pages_in_chromium_open_no_dialog_and_log_no_error(hostile_site: Path) -> None:
    from test_browser import CHROMIUM, serve

    playwright_api = pytest.importorskip("playwright.sync_api")
    import os
    if not Path(CHROMIUM).exists() and os.environ.get("CI") != "true":
        pytest.skip("Debian's chromium is not installed")
    paths = [f"claims/hostile-{i}/" for i in range(len(XSS_VECTORS))]
    paths += ["sources/hostile-source-0/", "claimants/", "topics/", "corrections/", ""]
    with serve(hostile_site) as base, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        page = browser.new_page()
        dialogs: list[str] = []
        errors: list[str] = []
        requests: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: errors.append(f"{page.url}: {m.text}")
                if m.type == "error" else None)
        page.on("request", lambda r: requests.append(r.url))
        for path in paths:
            page.goto(base + path)
            page.wait_for_load_state("load")
        browser.close()
    assert dialogs == []
    assert errors == []
    assert [u for u in requests if not u.startswith(base) and not u.startswith("data:")] == []


# `java\tscript:` is left out: white space ends a Markdown link destination, so that
# vector is plain text (the built-site tests show it stays inert).
@pytest.mark.parametrize("vector", [v for v in XSS_VECTORS if v.startswith(("[", "<javascript"))
                                    and "\t" not in v])
def test_check_reports_every_unsafe_link_however_spelled(
        vector: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "p", claims=False)
    (root / "content" / "claims" / "x.md").write_text(claim_file("A claim.", 0).replace(
        "A claim.\n\nParagraph 0.", vector + "\n\nParagraph 0."), encoding="utf-8")
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"content/claims/x\.md:2[0-2]:1: error: (link to|image from) ", out), out
