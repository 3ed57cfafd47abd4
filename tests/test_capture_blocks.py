"""`factcheck capture` keeps every word the article has, as the page shows it: text in
divs and tables, code, nested lists once, nothing glued at inline tags, no word lost
after an empty tag; a capture that keeps little of a long article says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from captureutil import FIXTURES, HEADER_CHARSETS, news_server, page_bytes, tree_state
from checkutil import assert_no_traceback, run_cli
from generator.anchoring.anchor import Match, SourceIndex
from generator.anchoring.normalize import normalise
from generator.capture import charset, extract, visible
from generator.content.load import load_source
from generator.content.settings import load_settings
from generator.model import Source
from siteutil import copy_project

# Each page's article, paragraph by paragraph, as a browser shows it (white space folded;
# a table row's cells apart by a tab): every one must be stored as a passage of its own.
ARTICLES: dict[str, list[str]] = {
    "table-layout.html": [
        "The Sisian community council adopted the budget for 2024 on Thursday, after a "
        "debate that lasted more than four hours and ended with eleven votes in favour and "
        "four against.",
        "Mayor Arthur Sargsyan told the council that spending on roads would rise by almost "
        "a third, while the money set aside for the municipal kindergartens would stay at "
        "the level of last year.",
        "Opposition members said the plan left too little for the villages that joined the "
        "community in 2021, several of which still have no regular bus service to the town.",
        "The main items of the budget, in thousands of drams, as presented to the council:",
        "Item\t2023\t2024",
        "Roads and bridges\t412,500\t538,000",
        "Kindergartens\t296,300\t296,300",
        "Water supply\t118,750\t154,200",
        "Street lighting\t41,000\t47,600",
        "The council will publish the full budget on the community's website within ten "
        "days, the mayor's office said.",
    ],
    "div-only.html": [
        "The medical centre in Goris received a second ambulance on Monday, a vehicle "
        "donated by a charity based in Lyon that has supported the hospital since 2016.",
        "Until now the town and the eleven villages around it shared a single ambulance, "
        "which meant that patients in the villages often waited more than an hour when it "
        "was already out on a call.",
        "“Last winter we had days when three calls came in at once, and we could answer "
        "only one of them,” said Anahit Melkonyan, the chief physician of the emergency "
        "department.",
        "The new vehicle carries a defibrillator and oxygen, and the hospital plans to keep "
        "it at the station in Karahunj during the winter months, when the road from Goris "
        "is often closed by snow.",
        "The charity said it would also pay for the training of two paramedics at the "
        "medical university in Yerevan next year.",
    ],
    "inline-boundaries.html": [
        "Innsbruck. Das Landesgericht hat am Dienstag entschieden, dass das "
        "Feuerwehrfahrzeug der Gemeinde Axams nicht an den Verein übergeht, der es seit "
        "zwölf Jahren wartet.",
        "Der Verein hatte argumentiert, er habe durch die Pflege des Fahrzeugs Eigentum "
        "erworben.¹ Das Gericht folgte dem nicht.",
        "Eigentum",
        "Der Wagen sei nie übergeben worden, heißt es im Urteil.",
        "Die Richterin nannte drei Gründe:",
        # `<b>1.</b>Die`: the page shows no space there, `<b>2.</b> Sie` one.
        "1.Die Gemeinde habe den Wagen nie abgemeldet. 2. Sie zahle bis heute die "
        "Versicherung. 3.Der Verein habe keine Schlüssel erhalten.",
        "Der Anwalt des Vereins, Stefan Mair, kündigte an, in Berufung zu gehen. „Wir "
        "prüfen das Urteil“, sagte er2.",
        "Die Gemeinde zeigte sich erleichtert: „Der Wagen gehört den Bürgern von Axams“, "
        "sagte Bürgermeister Thomas Gapp.",
    ],
    "empty-inline.html": [
        "Face à la forte mobilisation contre la réforme des retraites, le haut-commissaire "
        "Jean Delmas a reçu mardi les représentants des syndicats pendant près de trois "
        "heures.",
        "« Vachement bon en manœuvres politiques », selon un proche du Premier ministre, "
        "il s'est pourtant retrouvé isolé au sein du gouvernement après la publication de "
        "son rapport.",
        "Les sondages restent défavorables au gouvernement, mais ils sont particulièrement "
        "sévères pour Jean Delmas, dont la cote a perdu neuf points en un mois.",
        "Le syndicat CFDT a demandé le retrait de l'âge pivot avant toute nouvelle réunion.",
        "Une nouvelle journée de grève est prévue jeudi dans les transports et l'éducation, "
        "la cinquième depuis le début du mois de décembre.",
    ],
    "nested-list.html": [
        "The commissions of both countries signed a four-page protocol on Friday evening. "
        "It sets out how the first section of the border will be marked, and what happens "
        "to the villages along it.",
        "The protocol has three parts:",
        "The section to be marked first, which runs for 12.7 kilometres along the river",
        "from the bridge at the northern end of the valley",
        "to the hill above the old customs post",
        "The maps to be used, those of the Soviet general staff of 1976",
        "The timetable, which the commissions will agree by",
        "the end of May for the survey",
        "the end of June for the markers",
        "and publish within a week",
        "Neither side has said when the work on the next section will start. Residents of "
        "the border villages said they had not been told what the protocol means for their "
        "land.",
    ],
    "code-block.html": [
        "A configuration file on the ministry's open data portal could be downloaded by "
        "anyone for at least three months, researchers told Open Data Watch on Monday.",
        "The file, which the ministry removed on Tuesday, began with these lines:",
        "# portal settings, production\ndatabase:\n  host: db.internal\n  user: portal_admin"
        "\n  password: ********\nupload_dir: /srv/portal/uploads   # public!",
        "The ministry's press office said no personal data had been accessed and that the "
        "password had been changed the same day.",
        "Researchers said the file had been listed in the portal's public index since at "
        "least February, and that search engines had copied it.",
    ],
}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with news_server() as url:
        yield url


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", claims=False)


def capture(root: Path, target: str, sid: str) -> tuple[Source, str, str]:
    result = run_cli(["capture", "--root", str(root), target, "--id", sid])
    assert_no_traceback(result)
    assert result.code == 0, result.err
    source, diagnostics = load_source(root / "sources" / f"{sid}.md", load_settings(root)[0])
    assert source is not None and not diagnostics, diagnostics
    return source, result.out, result.err


def shown_text(name: str) -> str:
    """The text of each element of the fixture, folded, one a line (a table row's cells
    apart by a space), so that a paragraph joining two elements stands in none."""
    tree = lxml.html.fromstring(page_bytes(name, "").decode("utf-8"))

    def text(e: lxml.html.HtmlElement) -> str:
        parts = [c.text_content() for c in e] if e.tag == "tr" else [e.text_content()]
        return " ".join(" ".join(parts).split())

    return "\n".join(text(e) for e in tree.iter() if isinstance(e.tag, str))


@pytest.mark.parametrize("name", list(ARTICLES))
def test_every_paragraph_of_the_article_is_stored_as_the_page_shows_it(
        base: str, root: Path, name: str) -> None:
    source, _, err = capture(root, f"{base}/{name}", "page")
    assert "warning" not in err
    stored = [p.text for p in source.passages]
    for paragraph in ARTICLES[name]:
        assert paragraph in stored, (paragraph, stored)
    # Nothing glued: no stored passage joins two of the article's paragraphs.
    for text in stored:
        inside = [p for p in ARTICLES[name] if p in text and p != text and len(p) > 10]
        assert not inside, (text, inside)
    assert not [t for t in stored if "EigentumDer" in t or "Eigentum Der" in t]
    assert run_cli(["check", "--root", str(root)]).code == 0


@pytest.mark.parametrize("name", list(ARTICLES))
def test_every_stored_paragraph_anchors_as_a_quote(base: str, root: Path, name: str) -> None:
    source, _, _ = capture(root, f"{base}/{name}", "page")
    index = SourceIndex("page", source.passages)
    for passage in source.passages:
        match = index.anchor(passage.text, passage=passage.id)
        assert isinstance(match, Match), (passage.text, match)
        (span,) = match.spans
        assert span.passage == passage.id
        assert source.passage(span.passage).text[span.start:span.end] == passage.text


@pytest.mark.parametrize("name", list(ARTICLES))
def test_every_stored_paragraph_stands_in_the_page(base: str, root: Path, name: str) -> None:
    """The page's own words: each stored passage, white space folded, is the text of a
    paragraph, item, cell or row of the page (read here with lxml's `text_content`)."""
    source, _, _ = capture(root, f"{base}/{name}", "page")
    shown = shown_text(name)
    for passage in source.passages:
        folded = " ".join(passage.text.split())
        assert folded in shown, folded


def test_a_table_row_is_a_passage_and_a_cell_or_a_row_anchors(base: str, root: Path) -> None:
    capture(root, f"{base}/table-layout.html", "budget")
    (root / "content" / "claims" / "roads.md").write_text("""\
---
claim: Sisian will spend more on roads in 2024.
claimant: Armenian authorities
claim_date: 2024-02
verdict: unproven
summary: The budget says so.
published: 2026-11-22
evidence:
  - source: budget
    quote: "Roads and bridges 412,500 538,000"
    stance: supports
  - source: budget
    quote: "Water supply"
    stance: context
  - source: budget
    quote: "spending on roads would rise by almost a third"
    stance: supports
---
The budget.
""", encoding="utf-8")
    result = run_cli(["check", "--root", str(root)])
    assert result.code == 0, result.out + result.err


def test_code_is_stored_in_a_fenced_block_line_for_line(base: str, root: Path) -> None:
    source, _, _ = capture(root, f"{base}/code-block.html", "portal")
    (code,) = [p for p in source.passages if p.kind == "block"]
    assert code.text == ARTICLES["code-block.html"][2]
    body = (root / "sources" / "portal.md").read_text(encoding="utf-8")
    assert f"```\n{code.text}\n```" in body


def test_each_item_of_a_nested_list_is_stored_once(base: str, root: Path) -> None:
    source, _, _ = capture(root, f"{base}/nested-list.html", "protocol")
    stored = [p.text for p in source.passages]
    assert stored == ARTICLES["nested-list.html"]


def test_a_capture_that_keeps_little_of_a_long_article_says_so(base: str, root: Path
                                                                ) -> None:
    before = tree_state(root)
    source, out, err = capture(root, f"{base}/short-stored.html", "vorotan")
    assert tree_state(root) != before, "written all the same"
    stored = sum(len(" ".join(p.text.split())) for p in source.passages)
    m = re.fullmatch(r"factcheck capture: warning: stored ([\d,]+) of about ([\d,]+) "
                     r"characters of article text: .+\n", err)
    assert m, err
    assert int(m.group(1).replace(",", "")) == stored < 300
    # trafilatura joins the headline to the lede; the page shows them apart, and the
    # headline is the source's title.
    assert [p.text for p in source.passages] == [
        "Every summer the villages of the Vorotan valley and the owner of the hydroelectric "
        "cascade argue over how much water the river should carry."]
    assert 3_500 <= int(m.group(2).replace(",", "")) <= 4_000
    assert "save the page from a browser" in err
    assert "wrote sources/vorotan.md" in out


def test_a_capture_that_keeps_the_article_gives_no_warning(base: str, root: Path) -> None:
    _, _, err = capture(root, f"{base}/long-article.html", "long")
    assert err == ""


def test_a_paragraph_not_on_the_page_is_an_internal_error_and_nothing_is_written(
        base: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = extract._as_shown

    def inventing(blocks: tuple[extract.Block, ...], page: visible.Page
                  ) -> tuple[extract.Block, ...]:
        return (*shown(blocks, page), extract.Block("paragraph", "Words the page never had."))

    monkeypatch.setattr(extract, "_as_shown", inventing)
    before = tree_state(root)
    result = run_cli(["capture", "--root", str(root), f"{base}/div-only.html"])
    assert_no_traceback(result)
    assert (result.code, result.out) == (1, "")
    assert result.err.count("\n") == 1
    assert "internal error" in result.err and '"Words the page never had."' in result.err
    assert "nothing was written" in result.err
    assert tree_state(root) == before


def test_an_article_only_in_the_pages_script_data_is_refused_with_what_to_do(
        base: str, root: Path) -> None:
    """trafilatura's default reads a JSON-LD `articleBody` that no browser shows before the
    page's scripts run: not the page's words, so capture says how to get them."""
    before = tree_state(root)
    result = run_cli(["capture", "--root", str(root), f"{base}/script-data-only.html"])
    assert_no_traceback(result)
    assert (result.code, result.out) == (1, "")
    assert result.err.count("\n") == 1
    assert result.err.startswith("factcheck capture: error: no article text among the words "
                                 'the page shows: the text found, "The border commission will')
    assert "save it as HTML once it has loaded, and capture the saved file" in result.err
    assert "internal error" not in result.err
    assert tree_state(root) == before
    article = extract.extract(page_bytes(SCRIPT_DATA_ONLY, base).decode(), None,
                              lambda s: normalise(s).text)
    assert article.blocks and article.unseen == tuple(b.text for b in article.blocks)


def test_a_stray_byte_is_refused_with_its_offset_and_the_encoding_tried(
        root: Path, tmp_path: Path) -> None:
    page = page_bytes("div-only.html", "https://post.example").replace(
        b"a single ambulance", b"a single\xa0ambulance")  # one Latin-1 byte in UTF-8
    offset = page.index(b"\xa0")
    saved = tmp_path / "page.html"
    saved.write_bytes(page)
    before = tree_state(root)
    result = run_cli(["capture", "--root", str(root), str(saved)])
    assert result.code == 1 and tree_state(root) == before
    assert f"byte {offset:,} (0xA0) is not valid UTF-8" in result.err
    assert "the encoding the page's <meta> tag declares" in result.err
    assert "it is the only byte of" in result.err
    with pytest.raises(ValueError, match=r"byte 3 \(0xE9\) is not valid UTF-8, the encoding "
                       r"tried because the page declares none"):
        charset.decode(b"caf\xe9", None)


# -- the page's text, by which the extraction is held to the page -------------------------

def page(html: str) -> visible.Page:
    return visible.Page(lxml.html.fromstring(html))


def test_words_left_out_inside_a_block_are_the_pages_again() -> None:
    shown = page("<p>But they're especially high for <a><strong>Biden</strong></a>, "
                 "notably among voters.</p><p>Next.</p>")
    assert shown.as_shown("But they're especially high for , notably among voters.") == [
        "But they're especially high for Biden, notably among voters."]


def test_blocks_joined_by_the_extraction_are_parted_where_the_page_breaks() -> None:
    shown = page("<div><p>Sein Eigentum</p><p>Der Wagen fuhr los.</p></div>")
    assert not shown.in_line("Sein Eigentum Der Wagen fuhr los.")
    assert shown.as_shown("Sein EigentumDer Wagen fuhr los.") == [
        "Sein Eigentum", "Der Wagen fuhr los."]
    # A block the extraction left out between two it joined stays out.
    shown = page("<p>First part ends.</p><div class='ad'>Buy now</div><p>Second part.</p>")
    assert shown.as_shown("First part ends.Second part.") == [
        "First part ends.", "Second part."]


def test_what_no_browser_shows_is_not_the_pages_text() -> None:
    shown = page("<p>Chikan (<ruby>痴漢<rp>(</rp><rt>ちかん</rt><rp>)</rp></ruby>) is "
                 "groping. Mail: a@<span style='display: none'>no spam</span>b.org"
                 "<script>var x = 1;</script>\x07.</p>")
    assert shown.shown.folded == "Chikan (痴漢) is groping. Mail: a@b.org."
    assert shown.occurs("Mail: a@b.org.")
    assert page("<div hidden><p>Folded away</p></div>").occurs("Folded away")
    assert normalise("a\tb").text == normalise("a b").text  # a row's tab is white space


def test_a_quote_of_any_stored_sentence_anchors_after_extraction() -> None:
    html = page_bytes("inline-boundaries.html", "").decode()
    article = extract.extract(html, None, lambda s: normalise(s).text)
    assert article.unseen == ()
    assert [b.text for b in article.blocks] == ARTICLES["inline-boundaries.html"]


# The one page whose text no browser shows: the check is meant to see none of it.
SCRIPT_DATA_ONLY = "script-data-only.html"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")
                                        if p.name != SCRIPT_DATA_ONLY))
def test_the_check_capture_runs_on_itself_never_fires_on_a_fixture(name: str) -> None:
    data = page_bytes(name, "https://news.example")
    html = charset.decode(data, HEADER_CHARSETS.get(name))
    article = extract.extract(html, None, lambda s: normalise(s).text)
    assert article.blocks and article.unseen == ()


# -- trafilatura's XML, in the shapes its fallbacks hand back on real pages ---------------

def test_every_element_of_trafilaturas_output_that_holds_text_is_read() -> None:
    from lxml import etree

    from generator.capture.blocks import Block, read_blocks

    body = etree.fromstring(
        "<div>Text directly in the body.<div class='story-text'><head rend='h2'>A "
        "subheading</head><p>A paragraph in a div, with <hi>bold</hi> words.</p></div>"
        "<cell valign='top'><p>A paragraph in a cell.</p></cell>"
        "<quote>Quoted words.<p>A quoted paragraph.</p></quote>"
        "<table><row><cell role='head'>Town</cell><cell role='head'>Votes</cell></row>"
        "<row><cell>Goris</cell><cell>1,204</cell></row>"
        "<row><cell><p>A layout cell's paragraph.</p></cell><cell>Beside it.</cell></row>"
        "</table><code>line one\n  line two</code>"
        "<list><item>Outer item<list><item>Inner item</item></list>then its tail</item>"
        "</list>Line one<lb/>Line two</div>")
    assert read_blocks(body, None) == (
        Block("paragraph", "Text directly in the body."),
        Block("heading", "A subheading"),
        Block("paragraph", "A paragraph in a div, with bold words."),
        Block("paragraph", "A paragraph in a cell."),
        Block("paragraph", "Quoted words."),
        Block("paragraph", "A quoted paragraph."),
        Block("row", "Town\tVotes"),
        Block("row", "Goris\t1,204"),
        Block("paragraph", "A layout cell's paragraph."),
        Block("paragraph", "Beside it."),
        Block("code", "line one\n  line two"),
        Block("item", "Outer item"),
        Block("item", "Inner item"),
        Block("item", "then its tail"),
        Block("paragraph", "Line one"),
        Block("paragraph", "Line two"),
    )
    # A row outside a table is still a row; nothing inline is thrown away.
    assert read_blocks(etree.fromstring(
        "<div><row><cell>A</cell><cell>B</cell></row><list><hi>x</hi><item>i</item></list>"
        "</div>"), None) == (Block("row", "A\tB"), Block("paragraph", "x"), Block("item", "i"))
    # A fallback's pick of the page's menu is no article.
    assert read_blocks(etree.fromstring("<nav>Home News</nav>"), None) == ()
