"""Ids from headlines and names in any of the desks' scripts: Cyrillic, Armenian, Georgian
and Azerbaijani, each romanized by a named standard (`content/romanize.py`); and pages in
Russian and Armenian captured with their text as written and the language they declare.

The pages are fixtures written for these tests (`tests/fixtures/capture/`, each says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from captureutil import news_server, page_bytes
from checkutil import Project, assert_no_traceback, run_cli
from generator.capture import ids
from generator.content.registry import Registry
from generator.content.romanize import slug
from generator.model import is_id
from generator.review.names import unknown_message
from siteutil import copy_project


@pytest.mark.parametrize(("text", "romanized"), [
    # Russian, BGN/PCGN 1947: е and ё are ye at a word's start and after a vowel, й, ъ, ь.
    ("Ельцин", "yeltsin"),
    ("Горбачёв", "gorbachev"),
    ("её подъезд", "yeye-podyezd"),
    ("Лавров: Москва против", "lavrov-moskva-protiv"),
    ("Україна", "ukrayina"),  # the letters Russian lacks: BGN/PCGN for Ukrainian
    # Armenian, BGN/PCGN 1981: ե ye at a word's start and after a vowel, ո vo at a word's
    # start, ու u, և yev or ev; the emphasis and question marks inside a word do not count.
    ("Երևան", "yerevan"),
    ("ԵՐԵՎԱՆ", "yerevan"),
    ("Ոսկե ով", "voske-ov"),
    ("Հայաստանի Հանրապետություն", "hayastani-hanrapetutyun"),
    ("Ղարաբաղ", "gharabagh"),
    ("Ինչո՞ւ ո՛չ", "inchu-voch"),
    # Georgian, the national system of 2002, Mtavruli capitals folded to Mkhedruli.
    ("თბილისი", "tbilisi"),
    ("საქართველო", "sakartvelo"),
    ("ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "sakartvelo"),
    ("ილია ჭავჭავაძე", "ilia-chavchavadze"),
    # Azerbaijani: ə and ı, which have no decomposition, become e and i.
    ("İlham Əliyev", "ilham-eliyev"),
    ("Laçın dəhlizi", "lacin-dehlizi"),
    ("ŞUŞA, AĞDAM", "susa-agdam"),
])
def test_each_script_is_romanized_by_its_standard(text: str, romanized: str) -> None:
    assert slug(text) == romanized


# Letters of the desks' scripts, with the marks and punctuation written among them.
_SCRIPTS = st.text(st.sampled_from(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЕЁЙЪЬіїєґў"
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆևԵՈՒ՛՜՞։"
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰᲐᲑ"
    "əƏıİşçğöüŞÇĞÖÜ -:«»’'.0123456789xyz"), max_size=40)


@given(_SCRIPTS)
def test_a_romanized_text_is_an_id_or_nothing(text: str) -> None:
    romanized = slug(text)
    assert romanized == "" or is_id(romanized)
    assert slug(romanized) == romanized  # ASCII ids romanize to themselves


@pytest.mark.parametrize(("title", "proposed"), [
    ("Жители села вернулись", "zhiteli-sela-vernulis"),
    ("Ինչ է կատարվում Լաչինի միջանցքում", "inch-e-katarvum-lachini-mijantskum"),
    ("თბილისში ახალი ხიდი გაიხსნა", "tbilisshi-akhali-khidi-gaikhsna"),
    ("Laçın yolunda yeni keçid məntəqəsi açıldı", "lacin-yolunda-yeni-kecid-menteqesi-acildi"),
])
def test_an_id_is_proposed_from_a_headline_in_any_script(title: str, proposed: str) -> None:
    assert ids.propose(title, "https://news.example/2024/48213") == proposed


@pytest.mark.parametrize(("name", "proposed"), [
    ("Сергей Лавров", "sergey-lavrov"),
    ("Արարատ Միրզոյան", "ararat-mirzoyan"),
    ("ილია ჭავჭავაძე", "ilia-chavchavadze"),
    ("Ceyhun Bayramov", "ceyhun-bayramov"),
    ("Əli Əsədov (as reported)", "eli-esedov"),
])
def test_an_unknown_name_is_proposed_a_registry_entry_under_its_romanized_slug(
        name: str, proposed: str) -> None:
    message = unknown_message("claimant", name, Registry(), "content/people")
    assert f"writes content/people/{proposed}.md" in message
    assert f"factcheck new person {proposed} --name" in message


@pytest.mark.parametrize(("name", "proposed"), [
    ("Алексей Оверчук", "aleksey-overchuk"),
    ("Անի Մարտիրոսյան", "ani-martirosyan"),
])
def test_new_person_proposes_the_romanized_slug_of_a_name(tmp_path: Path, name: str,
                                                          proposed: str) -> None:
    project = Project(tmp_path / "project")
    result = run_cli(["new", "person", name, "--root", str(project.root)])
    assert_no_traceback(result)
    assert result.code == 2
    assert f"factcheck new person {proposed} --root" in result.err
    assert not (project.root / "content" / "people" / f"{proposed}.md").exists()


# -- pages in Russian and Armenian, captured ----------------------------------------------

@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with news_server() as url:
        yield url


PAGES = {
    "russian-briefing.html": dict(
        proposed="yerevan-i-baku-soglasovali-yeshche-odin", language="ru",
        outlet="yuzhnyy-kuryer", written=["ещё один участок протяжённостью",
                                          "«Мы идём к миру путём переговоров"]),
    "armenian-border.html": dict(
        proposed="yerevany-yev-bakun-hamadzaynetsin-sahmani-yevs", language="hy",
        outlet="syuniki-lurer", written=["ո՛չ թե ուժով", "Ինչո՞ւ է սա կարևոր",
                                         "հատվածի շուրջ։"]),
    # Declares no language: none is written, and capture says so.
    "azerbaijani-no-language.html": dict(
        proposed="lacin-yolunda-yeni-kecid-menteqesi-acildi", language=None,
        outlet="qafqaz-xeber", written=["İLK GÜN SƏRHƏDİ YÜZDƏN ÇOX İNSAN KEÇİB"]),
}


def paragraphs(name: str) -> list[str]:
    page = BeautifulSoup(page_bytes(name, "").decode("utf-8"), "html.parser")
    return [" ".join(p.get_text().split()) for p in page.select(".text > p")]


def test_pages_in_russian_and_armenian_are_captured_in_their_script(base: str,
                                                                    tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", claims=False)
    for name, page in PAGES.items():
        result = run_cli(["capture", "--root", str(root), f"{base}/{name}"])
        assert_no_traceback(result)
        assert result.code == 0, result.err
        path = root / "sources" / f"{page['proposed']}.md"
        assert f"wrote sources/{page['proposed']}.md" in result.out
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)

        # The article, paragraph by paragraph, exactly as the page writes it.
        stored = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
        assert stored == paragraphs(name)
        for words in page["written"]:  # type: ignore[union-attr]
            assert words in body, words
        assert meta["title"] == BeautifulSoup(page_bytes(name, ""), "html.parser").title.string

        # The language the page declares, and none where it declares none.
        if page["language"] is None:
            assert "language" not in meta
            assert "no language on the page" in result.out
            assert not re.search(r"^language:", front, re.M)
        else:
            assert meta["language"] == page["language"]
        # The outlet's new registry entry is named as its id would be.
        assert (root / "content" / "people" / f"{page['outlet']}.md").is_file()

    result = run_cli(["check", "--root", str(root)])
    assert result.code == 0, result.out + result.err
    assert result.err.startswith("8 sources")
