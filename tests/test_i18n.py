"""The site in the reader's language: the message catalogue is complete and up to date, and
a site built with `theme.language: ru` shows no English word of its own on any page.

The Russian build is the seed fixture's project with `theme.language: ru`, its
configuration's words (site name, navigation, the palette's toggles) and hand-written pages
written in Russian for the test (`RU_PAGES`), and a stand-in translation of every quote: what is left in English is the desk's own
content (claims, quotes, sources, names), which the checks below take out of each page
before they look for English.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from test_markup import vnu_problems

from generator import i18n
from generator.check import run_check
from generator.content.settings import DEFAULT_VERDICTS
from generator.history.revisions import Change
from generator.model import PartialDate
from generator.review.accounts import Tally, accounts, compact_text, tally_text
from generator.site import dates
from generator.site.search_words import WORDS
from generator.site.updates import describe
from siteutil import REPO, build, copy_project
from test_browser import PAGE_KINDS, _axe, browser, serve

__all__ = ["browser"]  # the browser fixture, shared with tests/test_browser.py

LOCALE = REPO / "generator" / "locale"
POT = LOCALE / "factcheck.pot"
RU_PO = LOCALE / "ru" / "LC_MESSAGES" / "factcheck.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# A Latin word of two letters or more: English, where the interface should be Russian.
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+(?:-[A-Za-z]+)*")
# Latin words a Russian interface keeps: names of things, and what is written in code.
ALLOWED_LATIN = {"SHA", "GitHub", "git", "Material", "MkDocs", "for", "repo_url", "mkdocs",
                 "yml", "repository-url", "snapshots", "html", "gz", "JSON", "NFC"}


def messages(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id for m in catalog if m.id}


# -- the catalogue -------------------------------------------------------------------------


def test_the_template_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    """scripts/catalogue's extraction, run afresh, finds exactly the committed .pot's words:
    a string marked since and not extracted, or one no longer used, fails."""
    fresh = tmp_path / "fresh.pot"
    script = (REPO / "scripts" / "catalogue").read_text(encoding="utf-8")
    keywords = re.search(r'--keywords "([^"]+)"', script)
    assert keywords is not None
    proc = subprocess.run(
        [str(REPO / ".venv" / "bin" / "pybabel"), "-q", "extract", "--no-location",
         "--omit-header", "--mapping-file", str(LOCALE / "babel.cfg"),
         "--keywords", keywords.group(1), "--output-file", str(fresh), "generator"],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert ids(messages(fresh)) == ids(messages(POT))
    assert ids(messages(RU_PO)) == ids(messages(POT))


def placeholders(*texts: str) -> set[str]:
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def test_every_word_has_its_russian_with_the_same_placeholders() -> None:
    catalog = messages(RU_PO)
    assert catalog.num_plurals == 3  # one, few, many
    problems = []
    for m in catalog:
        if not m.id:
            continue
        originals = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or len(strings) != (3 if m.pluralizable else 1) or not all(strings):
            problems.append(f"untranslated or fuzzy: {m.id!r}")
            continue
        wanted = placeholders(*originals)
        for text in strings:
            # A plural form may name the count where English's singular leaves it out.
            found = placeholders(text)
            if not found <= wanted or (not m.pluralizable and found != wanted):
                problems.append(f"placeholders {sorted(found)} of {text!r} for {m.id!r}")
    assert problems == []


def test_the_default_scale_is_in_the_catalogue() -> None:
    catalogued = ids(messages(POT))
    for v in DEFAULT_VERDICTS:
        assert v.label in catalogued and v.definition in catalogued


@pytest.fixture
def russian() -> Iterator[None]:
    i18n.activate("ru")
    yield
    i18n.activate("en")


def test_counts_take_russian_plural_forms(russian: None) -> None:
    def tally(n: int) -> Tally:
        return Tally(items=n, independent_accounts=n, sources=n, claimant_items=0,
                     independent=tuple(f"A{i}" for i in range(n)))

    assert tally_text(tally(1)).startswith("1 независимая версия (A0): в 1 цитате из 1 "
                                           "источника")
    assert "3 независимые версии" in tally_text(tally(3))
    assert "в 5 цитатах из 5 источников" in tally_text(tally(5))
    assert compact_text({s: tally(21) for s in ("supports", "refutes", "context")}  # type: ignore[misc]
                        ) == ("Подтверждается 21 независимой версией; оспаривается 21 "
                              "независимой версией.")


def test_english_stays_english_for_contributors_after_a_russian_build() -> None:
    """`explain` prints the tally sentences in English: the catalogue's language is the
    build's, and English is the default."""
    i18n.activate("ru")
    i18n.activate("en")
    tally = Tally(items=2, independent_accounts=1, sources=2, claimant_items=1,
                  independent=("Azatutyun.am",), claimant_side=("Kremlin",))
    assert tally_text(tally) == ("One independent account (Azatutyun.am) and the claimant's "
                                 "own side (Kremlin), in two quotes from two sources.")


def test_dates_in_russian_to_their_precision(russian: None) -> None:
    assert dates.human(PartialDate(2021, 5, 3)) == "3 мая 2021\u202fг."
    assert dates.claimed(PartialDate(2021, 5, 3)) == "3 мая 2021\u202fг."
    assert dates.claimed(PartialDate(2023, 9)) == "в сентябре 2023\u202fг."
    assert dates.claimed(PartialDate(2021)) == "в 2021\u202fг."


def test_dates_in_english_as_before() -> None:
    i18n.activate("en")
    assert dates.human(PartialDate(2021, 5, 3)) == "3 May 2021"
    assert dates.claimed(PartialDate(2023, 9)) == "in September 2023"
    assert dates.claimed(PartialDate(2021)) == "in 2021"


def test_a_change_in_history_is_described_in_russian(russian: None) -> None:
    change = Change(date=PartialDate(2026, 1, 2), commit="abc", verdict_from="mixed",
                    verdict_to="false", added=("a", "b"), removed=())
    text = describe(change, "Неоднозначно", "Неправда", {})
    assert text == ("Вердикт изменён: был «Неоднозначно», стал «Неправда»; добавлено 2 "
                    "доказательства из источник a и источник b.")


def test_the_search_script_carries_the_same_english_words() -> None:
    """search.js shows its own words on an English site: they are the catalogue's ids."""
    script = (REPO / "generator" / "site" / "assets" / "search.js").read_text(encoding="utf-8")
    for key, text in WORDS.items():
        assert f'{key}: {json.dumps(text)}' in script, key


# -- the Russian build ---------------------------------------------------------------------

RU_PAGES = {
    # Fixture pages for the test, written in Russian: a desk's own hand-written pages.
    "index.md": "# Проверка фактов\n\nФикстура теста: последние проверки.\n\n"
                "<!-- factcheck:latest -->\n",
    "methodology.md": "# Методика\n\nФикстура теста: шкала вердиктов.\n\n"
                      "<!-- factcheck:verdicts -->\n",
    "corrections.md": "# Исправления\n\nФикстура теста.\n\n<!-- factcheck:report -->\n\n"
                      "<!-- factcheck:corrections -->\n",
    "about.md": "# О проекте\n\nФикстура теста.\n\n<!-- factcheck:desk -->\n",
    "contributing.md": "# Участие\n\nФикстура теста.\n\n<!-- factcheck:clone -->\n",
}
RU_CONFIG = {
    "language: en": "language: ru",
    "site_name: South Caucasus Fact Check": "site_name: Проверка фактов",
    "site_description: Claims about Russia, Armenia and Azerbaijan, checked against the "
    "words of their sources.": "site_description: Фикстура теста.",
    "name: Switch to the light theme": "name: Светлая тема",
    "name: Switch to the dark theme": "name: Тёмная тема",
    "name: Follow your device's theme": "name: Как на устройстве",
    "Home: index.md": "Главная: index.md", "Fact checks:": "Проверки:",
    "Latest: claims": "Новые: claims", "By verdict:": "По вердиктам:",
    "By kind of claim:": "По типам:", "By topic:": "По темам:", "By claimant:": "По авторам:",
    "Sources: sources": "Источники: sources", "People: people": "Люди: people",
    "Methodology: methodology": "Методика: methodology",
    "Corrections: corrections": "Исправления: corrections", "About: about": "О проекте: about",
    "Contribute: contributing": "Участие: contributing",
}


def russian_project(root: Path) -> Path:
    copy_project(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for english, russian in RU_CONFIG.items():
        assert english in text, english
        text = text.replace(english, russian)
    config.write_text(text, encoding="utf-8")
    for name, page in RU_PAGES.items():
        (root / "content" / name).write_text(page, encoding="utf-8")
    # The seed's sources are English, and a Russian site needs the desk's translation of
    # every quote: each gets a stand-in, written for this test of the interface.
    for claim in (root / "content" / "claims").glob("*.md"):
        text = claim.read_text(encoding="utf-8")
        claim.write_text(re.sub(r"^(    quote: .*\n)", r'\1    translation: "Перевод цитаты '
                                r'(заготовка теста)"\n', text, flags=re.M), encoding="utf-8")
    # A history, so that the corrections page lists what it records.
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
           "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00",
           "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00", "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "seed"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root


@pytest.fixture(scope="module")
def ru_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return russian_project(tmp_path_factory.mktemp("ru-project"))


@pytest.fixture(scope="module")
def ru_site(ru_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    site = build(ru_project, tmp_path_factory.mktemp("ru-site"))
    yield site
    i18n.activate("en")


def desk_words(root: Path) -> list[str]:
    """Everything the desk wrote that pages show: claims, quotes, notes, sources' titles and
    metadata, names; longest first, so a name inside a headline goes with the headline."""
    result = run_check(root)
    corpus = result.corpus
    found: set[str] = {result.settings.site_name, result.settings.author}
    for t in result.settings.topics:
        found |= {t.name, t.description or ""}
    for claim in corpus.claims.values():
        found |= {claim.headline, claim.claim, claim.summary, claim.claimant or "",
                  corpus.registry.display(claim.claimant or ""), *claim.appearance}
        found |= {c.note for c in claim.corrections}
        for e in claim.evidence:
            found |= {e.quote, e.translation or "", e.note or "", e.account or "",
                      e.speaks_for or ""}
        for a in accounts(claim, corpus.sources, corpus.registry):
            found |= {a.name, a.who}
    for s in corpus.sources.values():
        found |= {s.title, s.outlet or "", s.author or "", s.notes or "", s.url or "",
                  s.archive_url or "", s.language, s.id}
    for p in corpus.registry.people.values():
        found |= {*p.names, p.role or "", p.description or "", *p.same_as}
    return sorted((" ".join(w.split()) for w in found if w.strip()), key=len, reverse=True)


@pytest.fixture(scope="module")
def desk(ru_project: Path, ru_site: Path) -> list[str]:
    return desk_words(ru_project)


# Elements whose text is the desk's own: Markdown bodies, quotes and passages, claims.
DESK_ELEMENTS = (".fc-analysis, blockquote, .fc-in-context, .fc-passage-text, .fc-claim-text, "
                 ".fc-summary, .fc-item-summary, .fc-note, .fc-aliases, code, pre, script, "
                 "style, svg")
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


def without_desk(text: str, desk: list[str]) -> str:
    text = " ".join(html.unescape(text).split())
    for words in desk:
        if words in text:
            text = text.replace(words, " ")
    return text


# A language's code after its name, as the methodology's table of typography writes it:
# "Азербайджанский (az)".
LANGUAGE_CODE = re.compile(r"\([a-z]{2,3}\)")


def english(text: str) -> list[str]:
    return [w for w in LATIN_WORD.findall(LANGUAGE_CODE.sub(" ", text))
            if w not in ALLOWED_LATIN]


def interface(page: BeautifulSoup, desk: list[str]) -> tuple[str, list[str]]:
    """A page's own words: its text without the desk's content, and its attributes' and
    metadata's values that readers meet (aria-label, title, alt, placeholder, the link
    preview's description, the search dialog's words, ClaimReview's rating)."""
    values = [v for tag in page.find_all(True) for a in ATTRIBUTES
              if isinstance(v := tag.get(a), str)]
    values += [str(m.get("content", "")) for m in page.select(
        "meta[property^='og:'], meta[name='description']")
        if m.get("property") not in ("og:url", "og:image", "og:type", "og:image:type")]
    words = page.select_one("#fc-search-words")
    if words is not None:
        data = json.loads(words.string or "")
        values += [v for v in data.values() if isinstance(v, str)]
        values += list(data["results"].values())
    for block in page.select("script[type='application/ld+json']"):
        values.append(json.loads(block.string or "")["reviewRating"]["alternateName"])
    for tag in page.select(DESK_ELEMENTS):
        tag.decompose()
    return (without_desk(page.get_text(" "), desk),
            [without_desk(PLACEHOLDER.sub(" ", v), desk) for v in values])


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 50
    return found


@pytest.mark.site
def test_the_russian_site_shows_no_english_word_of_its_own(ru_site: Path,
                                                           desk: list[str]) -> None:
    problems: dict[str, list[str]] = {}
    for path in pages(ru_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.html is not None and page.html.get("lang") == "ru", path
        text, values = interface(page, desk)
        found = english(text) + [w for v in values for w in english(v)]
        if found:
            problems[str(path.relative_to(ru_site))] = sorted(set(found))
    assert problems == {}


def literal_pieces(catalog: Catalog) -> set[str]:
    """The words of every message between its placeholders, of a length that cannot occur
    by chance (four letters or more)."""
    pieces = set()
    for m in catalog:
        for text in (m.id if isinstance(m.id, tuple) else (m.id,)):
            for piece in PLACEHOLDER.split(text)[::2]:
                piece = " ".join(piece.split()).strip(" ,.;:()→←")
                if sum(c.isalpha() for c in piece) >= 4:
                    pieces.add(piece)
    return pieces


@pytest.mark.site
def test_no_message_of_the_catalogue_is_shown_in_english(ru_site: Path,
                                                          desk: list[str]) -> None:
    pieces = literal_pieces(messages(POT))
    patterns = [re.compile(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])") for p in pieces]
    problems: dict[str, list[str]] = {}
    for path in pages(ru_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        text, values = interface(page, desk)
        shown = "\n".join([text, *values])
        found = [p.pattern for p in patterns if p.search(shown)]
        if found:
            problems[str(path.relative_to(ru_site))] = found
    assert problems == {}


@pytest.mark.site
def test_the_russian_feed_and_data_speak_russian(ru_site: Path, desk: list[str]) -> None:
    feed = (ru_site / "feed.xml").read_text(encoding="utf-8")
    shown = re.findall(r"<title>(.*?)</title>|<summary>(.*?)</summary>|label=\"(.*?)\"", feed,
                       flags=re.S)
    assert shown
    problems = [w for groups in shown for v in groups if v
                for w in english(without_desk(v, desk))]
    assert problems == []
    claims = json.loads((ru_site / "claims.json").read_text(encoding="utf-8"))["claims"]
    labels = {c["verdict_label"] for c in claims}
    assert labels <= {"Правда", "В основном правда", "Неоднозначно", "В основном неправда",
                      "Неправда", "Вводит в заблуждение", "Спорно", "Не доказано",
                      "Без оценки"}
    assert all(english(c["not_rated_because"]) == [] for c in claims if c["not_rated_because"])


@pytest.mark.site
def test_the_search_dialog_gets_its_russian_words(ru_site: Path) -> None:
    page = BeautifulSoup((ru_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    block = page.select_one("script#fc-search-words[type='application/json']")
    assert block is not None
    words = json.loads(block.string or "")
    assert set(words) == set(WORDS) | {"results"}
    assert words["placeholder"] == "Искать заявления и источники"
    assert words["results"] == {"one": "%(count)s результат", "few": "%(count)s результата",
                                "many": "%(count)s результатов"}


@pytest.mark.site
def test_an_english_page_carries_no_search_words(site: Path) -> None:
    """English is the script's own: no block, so English pages are as they were."""
    assert 'id="fc-search-words"' not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_the_russian_site_is_valid_html(ru_site: Path) -> None:
    """The Nu HTML Checker finds nothing in the Russian pages but the theme's own markup,
    as in the English ones (tests/test_markup.py)."""
    assert vnu_problems(ru_site, pages(ru_site))[0] == []


@pytest.mark.browser
@pytest.mark.site
def test_the_russian_site_passes_axe_and_its_search_speaks_russian(browser: object,
                                                                  ru_site: Path) -> None:
    with serve(ru_site) as base_url:
        context = browser.new_context(bypass_csp=False,  # type: ignore[attr-defined]
                                      viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base_url)
        page.locator(".fc-search-button").click()
        dialog = page.locator("dialog.fc-search")
        dialog.wait_for(state="visible")
        assert page.locator(".fc-search-input").get_attribute("placeholder") == \
            "Искать заявления и источники"
        assert dialog.locator(".fc-search-status").inner_text() == \
            "Введите запрос, чтобы искать заявления и источники"
        page.keyboard.type("миротворцы", delay=20)
        status = dialog.locator(".fc-search-status")
        page.wait_for_function(
            "() => /результат|Ничего/.test(document.querySelector('.fc-search-status')"
            ".textContent)", timeout=15_000)
        assert re.fullmatch(r"(\d+ результат(а|ов)?(, показано \d+)?|Ничего не найдено)",
                            status.inner_text())
        context.close()
        # axe is injected as an inline script, which the site's own CSP rightly refuses.
        context = browser.new_context(bypass_csp=True,  # type: ignore[attr-defined]
                                      viewport={"width": 1280, "height": 900})
        page = context.new_page()
        report = {}
        for name, path in PAGE_KINDS:
            page.goto(base_url + path)
            report[name] = [(v["id"], v["help"], len(v["nodes"])) for v in _axe(page)]
        context.close()
    assert report == {name: [] for name, _ in PAGE_KINDS}
