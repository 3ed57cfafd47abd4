"""A reader in real Chromium: search, open a claim, follow the evidence to its passage."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from siteutil import REPO

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts" / "browser"
pytestmark = pytest.mark.browser


@contextlib.contextmanager
def serve(site: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] | None = None
          ) -> Iterator[str]:
    """Serve a built site on a free loopback port, as any static host would (with
    `handler_class`, as that handler answers)."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and os.environ.get("CI") != "true":
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync"],
            )
        except Exception as exc:
            if os.environ.get("CI") == "true":
                raise  # under CI the browser test fails rather than skips
            pytest.skip(f"Chromium cannot start here: {exc}")
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.console_errors = errors
    yield page
    context.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def test_search_open_claim_follow_evidence_to_highlighted_passage(page, base_url: str) -> None:
    page.goto(base_url)
    assert page.locator("ol.fc-latest li").count() > 0
    shot(page, "1-home")

    page.keyboard.press("/")  # the keyboard shortcut opens the search dialog
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    page.keyboard.type("peacekeepers", delay=30)
    result = dialog.locator(".fc-search-result a.fc-search-link[href*='/claims/']").first
    result.wait_for(state="visible", timeout=15_000)
    assert dialog.locator(".fc-search-result .fc-badge").count() > 0, "results show the verdict"
    shot(page, "2-search")
    result.click()
    page.wait_for_url("**/claims/**")
    assert page.locator(".fc-verdict .fc-badge").is_visible()
    shot(page, "3-claim")

    link = page.locator("figure.fc-excerpt figcaption a:not(.fc-original)").first
    href = link.get_attribute("href")
    assert href and "#q-" in href
    anchor = href.split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/sources/**#{anchor}")
    # The anchor is the mark of the cited words, or (where citations start together) a span
    # inside it; the mark is what a reader sees highlighted.
    target = page.locator(f"mark.fc-hl:is(#{anchor}, :has(#{anchor}))").first
    target.wait_for(state="visible")
    page.wait_for_function(
        "id => document.getElementById(id).closest('mark.fc-hl').classList.contains("
        "'fc-target')", arg=anchor)
    box = target.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] < viewport["height"], "scrolled to the passage"
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 213, 79)"
    shot(page, "4-source-passage")
    assert page.console_errors == []


def test_filtered_search_by_verdict(page, base_url: str) -> None:
    page.goto(base_url + "sources/")
    page.locator("button.fc-search-button").click()
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    verdict = dialog.locator("select[name='verdict']")
    # The filters' values load only when the reader opens the filters.
    assert verdict.locator("option").count() == 1
    dialog.locator("details.fc-search-filters > summary").click()
    page.wait_for_function("() => document.querySelectorAll(\"select[name='verdict'] option\").length > 1")
    options = verdict.locator("option").all_text_contents()[1:]
    label = options[0].rsplit(" (", 1)[0]
    expected = int(options[0].rsplit("(", 1)[1].rstrip(")"))
    verdict.select_option(label)
    page.wait_for_function("() => /result/.test(document.querySelector('.fc-search-status').textContent)")
    badges = dialog.locator(".fc-search-result .fc-badge").all_text_contents()
    assert badges and all(b.strip() == label for b in badges)
    assert len(badges) == min(expected, 5)  # results come five at a time
    more = dialog.locator("button.fc-search-more")
    if expected > 5:
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.fc-search-result').length === n", arg=min(expected, 10))
        badges = dialog.locator(".fc-search-result .fc-badge").all_text_contents()
        assert all(b.strip() == label for b in badges)
    else:
        assert more.is_hidden()
    shot(page, "5-filtered-search")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.console_errors == []


def test_every_spelling_of_a_name_finds_the_same_claims(page, base_url: str) -> None:
    """The registry's aliases are indexed, hidden, on claim and person pages: the stored
    sources write "Pashinian" as well as "Pashinyan", and a Russian-language desk "Пашинян"."""
    page.goto(base_url)
    found = {}
    for name in ("Pashinyan", "Pashinian", "Пашинян"):
        found[name] = set(page.evaluate("""async q => {
            const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI));
            const search = await pagefind.search(q);
            const data = await Promise.all(search.results.map(r => r.data()));
            return data.map(d => new URL(d.url, document.baseURI).pathname);
        }""", name))
    claims = page.evaluate("""async () => (await (await fetch(
        new URL('claims.json', document.baseURI))).json()).claims""")
    # His claims, and those that cite his word: every spelling finds each of them.
    his = {f"/claims/{c['slug']}/" for c in claims if c["claimant_slug"] == "nikol-pashinyan"
           or any(e["account_slug"] == "nikol-pashinyan" for e in c["evidence"])}
    assert len(his) >= 3
    for name, paths in found.items():
        assert his | {"/people/nikol-pashinyan/"} <= paths, (name, sorted(his - paths))
    # And in the search box, as a reader types it.
    page.locator("button.fc-search-button").click()
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    page.keyboard.type("Пашинян", delay=30)
    result = dialog.locator(".fc-search-result a.fc-search-link[href*='/claims/pashinyan-']")
    result.first.wait_for(state="visible", timeout=15_000)
    assert page.console_errors == []


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  # pinned in package-lock.json


def _axe(page: object) -> list[dict]:
    """Serious and critical violations by axe-core as current as npm has it (installed by
    `npm ci`), not the older copy bundled with axe-playwright-python."""
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci`")
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    results = page.evaluate(  # type: ignore[attr-defined]
        "() => axe.run(document, {resultTypes: ['violations']})")
    assert results["testEngine"]["version"] == json.loads(
        (AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


# One page of each kind a reader meets.
PAGE_KINDS = (("home", ""), ("claim", "claims/peacekeepers-failed-to-stop-2023-offensive/"),
              ("source", "sources/russia-urges-talks/"), ("listing", "claims/"),
              ("sources listing", "sources/"), ("topic", "topics/peacekeepers/"),
              ("methodology", "methodology/"), ("person", "people/nikol-pashinyan/"),
              ("claim not rated", "claims/western-mediation-may-spell-trouble-for-armenians/"),
              ("people listing", "people/"))


SCHEMES = {"light": "default", "dark": "slate"}  # the reader's preference: Material's scheme


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 375])
def test_accessibility_of_one_page_of_each_kind(browser, base_url: str, width: int,
                                                 scheme: str) -> None:
    # axe is injected as an inline script, which the site's own CSP rightly refuses.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 812},
                                  color_scheme=scheme)
    page = context.new_page()
    report = {}
    for name, path in PAGE_KINDS:
        page.goto(base_url + path)
        page.wait_for_function("s => document.body.dataset.mdColorScheme === s",
                               arg=SCHEMES[scheme])
        report[name] = [(v["id"], v["help"], len(v["nodes"])) for v in _axe(page)]
    context.close()
    assert report == {name: [] for name, _ in PAGE_KINDS}


def _box(locator: object) -> dict[str, float]:
    box = locator.bounding_box()  # type: ignore[attr-defined]
    assert box is not None
    return box


def test_claim_page_on_a_phone(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(base_url + "claims/peacekeepers-failed-to-stop-2023-offensive/")
    # The facts stack: each label above its value, the value across the card's width.
    facts = _box(page.locator("dl.fc-facts"))
    for dt, dd in zip(page.locator("dl.fc-facts > dt").all(), page.locator("dl.fc-facts > dd").all(),
                      strict=True):
        label, value = _box(dt), _box(dd)
        assert abs(label["x"] - value["x"]) < 1 and value["y"] >= label["y"] + label["height"] - 1
        assert value["width"] > 0.9 * facts["width"]
    # The accounts are panels side by side: the first disputing quote is as high on the page
    # as the first supporting one (before, it came after every supporting quote, at 3,151 px).
    supports = _box(page.locator(".fc-supports figure.fc-excerpt").first)
    disputes = page.locator(".fc-refutes figure.fc-excerpt").first
    assert abs(_box(disputes)["y"] - supports["y"]) < 200
    assert _box(disputes)["x"] >= 0.8 * 375, "beside (its edge showing), not below"
    # The tabs above the accounts turn to it without scripts, and are big enough to tap.
    tab = page.locator(".fc-accounts-nav a[href='#col-refutes']")
    assert _box(tab)["height"] >= 44
    tab.click()
    page.wait_for_function(
        "() => document.querySelector('.fc-refutes figure.fc-excerpt').getBoundingClientRect().x"
        " < 100")
    box = _box(disputes)
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and 0 <= box["y"] < 812, box
    shot(page, "6-phone-disputes")
    # Search: the buttons are at least 44 px, and the browser draws no second clear button.
    page.locator("button.fc-search-button").click()
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    close = _box(dialog.locator("button.fc-search-close"))
    assert close["width"] >= 44 and close["height"] >= 44
    page.keyboard.type("peacekeepers", delay=20)
    more = dialog.locator("button.fc-search-more")
    more.wait_for(state="visible", timeout=15_000)
    assert _box(more)["height"] >= 44
    hidden = page.evaluate("""() => [...document.styleSheets].some(sheet => {
        try { return [...sheet.cssRules].some(r => r.selectorText &&
          r.selectorText.includes('.fc-search-input::-webkit-search-cancel-button') &&
          r.style.display === 'none'); } catch (e) { return false; } })""")
    assert hidden
    context.close()


def test_the_palette_follows_the_readers_preference_and_the_toggle_still_switches(
        browser, base_url: str) -> None:
    for scheme, body in SCHEMES.items():
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        page = context.new_page()
        page.goto(base_url)
        page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=body)
        # The toggle cycles automatic, light, dark; the reader's choice holds on the next page.
        seen = []
        for _ in range(3):
            page.locator("form[data-md-component='palette'] label:not([hidden])").click()
            seen.append(page.evaluate("() => document.body.dataset.mdColorScheme"))
        assert seen == ["default", "slate", body], (scheme, seen)
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
        page.goto(base_url + "about/")
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
        context.close()


PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_notice_and_the_latest_checks_are_above_the_fold(browser, base_url: str,
                                                             device: dict) -> None:
    """Before, the latest checks began at 808 px on a desktop and 1,211 px on a phone, and
    nothing said the site was a demonstration."""
    context = browser.new_context(**device)
    page = context.new_page()
    height = device["viewport"]["height"]
    page.goto(base_url)
    headline = _box(page.locator("ol.fc-latest > li").first.locator(".fc-item-head a"))
    assert headline["y"] + headline["height"] <= height, headline
    notice = page.locator(".fc-notice")
    assert "demonstration" in notice.inner_text() and "five" in notice.inner_text()
    box = _box(notice)
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert page.locator(".fc-more a").inner_text().startswith("All 23 fact checks")
    shot(page, f"7-home-{device['viewport']['width']}")
    page.goto(base_url + "about/")
    box = _box(page.locator(".fc-notice"))
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
    context.close()


# What a highlighted part of a passage draws of its own, and where it lies, line by line.
_MARKS = """marks => marks.map(m => {
    const s = getComputedStyle(m);
    return {cites: (m.dataset.cites || "").split(" "), target: m.classList.contains("fc-target"),
            joined: m.nextSibling !== null && m.nextSibling === m.nextElementSibling,
            rects: [...m.getClientRects()].map(r => [r.left, r.top, r.right, r.bottom]),
            edges: [s.paddingLeft, s.paddingRight, s.borderLeftWidth, s.borderRightWidth,
                    s.borderTopWidth, s.borderBottomWidth],
            outline: s.outlineStyle === "none" ? "0px" : s.outlineWidth,
            shadow: s.boxShadow};
})"""


def _one_box(marks: list[dict]) -> None:
    """One box a cited passage: its parts (a mark for each set of citing claims) draw no
    padding, border, outline or side rule of their own; on each line, a part that runs on
    into the next touches it; and no part's box overlaps another's. Together they read as
    one band, not as boxes side by side or over one another."""
    for m in marks:
        assert set(m["edges"]) == {"0px"} and m["outline"] == "0px", m
        # A shadow may rule the band above and below, never at a part's sides.
        offsets = [float(x) for x in re.findall(r"(-?[\d.]+)px -?[\d.]+px", m["shadow"])]
        assert all(x == 0 for x in offsets), m["shadow"]
    for m, after in pairwise(marks):
        if m["joined"] and abs(m["rects"][-1][1] - after["rects"][0][1]) < 1:
            assert abs(after["rects"][0][0] - m["rects"][-1][2]) < 1, (m, after)
    rects = [r for m in marks for r in m["rects"]]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            across = min(a[2], b[2]) - max(a[0], b[0])
            down = min(a[3], b[3]) - max(a[1], b[1])
            assert across < 1 or down < 1, ("parts overlap", a, b)


def test_a_cited_passage_is_one_highlight_box(page, base_url: str, site: Path) -> None:
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    cited = Counter((e["source"], e["passage"]) for c in claims for e in c["evidence"])
    (source, passage), times = cited.most_common(1)[0]
    assert times >= 5, "the seed's most-cited passage is cited by several claims"
    page.goto(f"{base_url}sources/{source}/")
    marks = page.locator(f"#{passage} mark.fc-hl")
    at_rest = marks.evaluate_all(_MARKS)
    assert len(at_rest) > 1, "overlapping citations split the passage into parts"
    _one_box(at_rest)
    # Arriving by the citation drawn in the most parts: its parts are one ruled band.
    anchor = Counter(a for m in at_rest for a in m["cites"]).most_common(1)[0][0]
    page.goto(f"{base_url}sources/{source}/#{anchor}")
    page.wait_for_function("() => document.querySelector('mark.fc-target') !== null")
    arrived = marks.evaluate_all(_MARKS)
    target = [m for m in arrived if m["target"]]
    assert len(target) > 1 and all(anchor in m["cites"] for m in target)
    _one_box(arrived)
    assert all(m["joined"] for m in target[:-1]), "the arrival's parts run on into each other"
    assert all(m["shadow"] != "none" for m in target)
    page.locator(f"#{passage}").screenshot(path=str(ARTIFACTS / "8-one-highlight.png"))
    assert page.console_errors == []


def test_tap_targets_on_a_phone_are_44_px_and_the_site_name_is_whole(browser,
                                                                     base_url: str) -> None:
    """Before, the search filters were 18 px tall, the footer links 15 px and the header's
    buttons 40 px, and the site's name was cut short."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url + "claims/peacekeepers-failed-to-stop-2023-offensive/")
    small = {}
    targets = page.locator(".md-header :is(a, button, label.md-header__button), .md-footer a")
    for target in targets.all():
        if target.is_visible():
            box = _box(target)
            if box["width"] < 44 or box["height"] < 44:
                small[target.evaluate("e => e.outerHTML.slice(0, 80)")] = box
    assert targets.count() >= 5 and small == {}
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text().strip() == "South Caucasus Fact Check"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    page.locator("button.fc-search-button").click()
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    summary = dialog.locator("details.fc-search-filters > summary")
    summary.click()
    page.wait_for_function(
        "() => document.querySelectorAll(\"select[name='verdict'] option\").length > 1")
    for control in [summary, *dialog.locator("select").all()]:
        assert _box(control)["height"] >= 44, control
    shot(page, "9-phone-filters")
    context.close()


@pytest.mark.parametrize("how", ["button", "shortcut"])
def test_one_escape_closes_the_search_and_gives_the_focus_back(page, base_url: str,
                                                               how: str) -> None:
    page.goto(base_url)
    button = page.locator("button.fc-search-button")
    if how == "button":
        button.click()
    else:
        page.keyboard.press("/")
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    page.keyboard.type("peacekeepers", delay=20)
    dialog.locator(".fc-search-result").first.wait_for(state="visible", timeout=15_000)
    page.keyboard.press("Escape")  # a search field's first Escape would only clear it
    dialog.wait_for(state="hidden")
    if how == "button":
        assert button.evaluate("b => document.activeElement === b")
    # Opened again, the dialog still holds the query.
    page.keyboard.press("/")
    dialog.wait_for(state="visible")
    assert dialog.locator("input.fc-search-input").input_value() == "peacekeepers"
    assert page.console_errors == []


def test_a_slash_right_after_escape_opens_the_search_again(page, base_url: str) -> None:
    """The focus leaves the search field as the dialog closes, not at the browser's next
    rendering: a `/` pressed in between (a fast reader, a busy machine) opens the search
    again instead of counting as typing in the hidden field."""
    page.goto(base_url)
    page.keyboard.press("/")
    page.locator("dialog.fc-search").wait_for(state="visible")
    focused, reopened = page.evaluate("""() => {
        const field = document.querySelector('input.fc-search-input');
        field.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
        const focused = document.activeElement.tagName;
        document.activeElement.dispatchEvent(
            new KeyboardEvent('keydown', {key: '/', bubbles: true}));
        return [focused, document.querySelector('dialog.fc-search').open];
    }""")
    assert (focused, reopened) == ("BODY", True)
    assert page.console_errors == []


def test_search_excerpts_are_text_and_metadata_is_metadata(page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    page.keyboard.type("Zakharova", delay=20)  # a claimant: found by metadata too
    dialog.locator(".fc-search-result").first.wait_for(state="visible", timeout=15_000)
    results = dialog.locator(".fc-search-result").all()
    metas = [r.locator(".fc-search-meta").all_text_contents() for r in results]
    assert any("Claimant: Maria Zakharova" in m[0] for m in metas if m)
    for r in results:
        text = r.locator(":scope > .fc-search-excerpt").inner_text()
        assert "Verdict:" not in text and "Claimant:" not in text, text
    assert page.console_errors == []


def test_source_filter_counts_fact_checks_as_the_sources_page_does(page, base_url: str) -> None:
    page.goto(base_url + "sources/")
    listed = {}
    for item in page.locator("ul.fc-groups > li").all():
        title = item.locator("a").inner_text().strip()
        listed[title] = int(item.locator(".fc-count").inner_text().strip("()"))
    page.locator("button.fc-search-button").click()
    dialog = page.locator("dialog.fc-search")
    dialog.wait_for(state="visible")
    dialog.locator("details.fc-search-filters > summary").click()
    page.wait_for_function(
        "() => document.querySelectorAll(\"select[name='source'] option\").length > 1")
    options = dialog.locator("select[name='source'] option").all_text_contents()[1:]
    counted = {o.rsplit(" (", 1)[0]: int(o.rsplit("(", 1)[1].rstrip(")")) for o in options}
    assert counted == {title: n for title, n in listed.items() if n}
    assert page.console_errors == []


@pytest.fixture(autouse=True, scope="module")
def _clean_artifacts() -> None:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
