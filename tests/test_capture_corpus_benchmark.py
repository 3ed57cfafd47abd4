"""The capture benchmark's reading of trafilatura's test corpus (benchmarks/
trafilatura_corpus.py): which asserts of a realworld_tests.py count for which page, and
how evaldata.json and the tests combine; and the visible text a stored paragraph is
looked for in (benchmarks/capture_corpus.py). Made-up files only: the corpus itself is
not in this repository."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checkutil import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from capture_corpus import visible_text
from trafilatura_corpus import CONDITIONAL, FORMATTED, OTHER, load, read_realworld

TESTS = '''
import functools

MOCK_PAGES = {
    "https://a.example/1": "a.html",
    "https://b.example/2": "b.html",
    "https://c.example/3": "c.html",
}


@pytest.mark.parametrize("xmloutput,formatting", [(True, False), (False, False)])
def test_extract(xmloutput, formatting):
    do_load_page = functools.partial(load_mock_page, xml_flag=xmloutput, formatting=formatting)

    result = do_load_page("https://a.example/1")
    assert "Alpha kept" in result
    assert "Alpha menu" not in result and "Alpha footer" not in result
    if xmloutput is False:
        assert "Alpha plain only" in result
    assert "III. always true"

    url = "https://b.example/2"
    result = do_load_page(url)
    assert "Beta kept" in result
    metadata = result
    assert "Beta via another name" in metadata
    result = extract_metadata(result)
    assert "Beta title" in result
    assert result.title == "Beta"


def test_formatting():
    result = load_mock_page("https://c.example/3", formatting=True, links=True)
    assert "**Gamma**" in result
    result = load_mock_page("https://c.example/3", xml_flag=False)
    assert "Gamma kept" in result
    for _ in range(2):
        result = load_mock_page("https://a.example/1")
    assert "Alpha after a loop" in result
'''


def test_the_asserts_on_one_page_plain_text_count() -> None:
    found = read_realworld(TESTS)
    assert set(found.pages) == {"https://a.example/1", "https://b.example/2",
                                "https://c.example/3"}
    a, b, c = (found.pages[f"https://{h}"] for h in ("a.example/1", "b.example/2",
                                                       "c.example/3"))
    assert (a.with_, a.without) == (["Alpha kept"], ["Alpha menu", "Alpha footer"])
    assert (b.with_, b.without) == (["Beta kept"], [])
    assert (c.with_, c.without) == (["Gamma kept"], [])
    assert found.counted == 5
    # the assert under `if`; the one on Markdown; a bare string, a name bound to
    # something else, metadata twice, and a name a loop bound again
    assert found.skipped == {CONDITIONAL: 1, FORMATTED: 1, OTHER: 5}


def test_a_page_has_the_expectations_of_both_files(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    for folder in ("eval", "cache"):
        (tests / folder).mkdir(parents=True)
    for name in ("a.html", "b.html", "c.html"):
        (tests / "cache" / name).write_text("<p>x</p>", encoding="utf-8")
    (tests / "eval" / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tests / "eval" / "d.html").write_text("<p>x</p>", encoding="utf-8")
    (tests / "eval" / "notes-21416").write_text("x", encoding="utf-8")
    (tests / "realworld_tests.py").write_text(TESTS, encoding="utf-8")
    (tests / "evaldata.json").write_text(json.dumps({
        "https://a.example/1": {"file": "a.html", "with": ["Alpha   kept", "Alpha lead"],
                                "without": ["Alpha menu"]},
        "https://d.example/4": {"file": "d.html", "with": ["Delta"], "without": ["Ads"]},
        "https://e.example/5": {"file": "e.html", "with": ["Epsilon"], "without": []},
    }), encoding="utf-8")
    corpus = load(tmp_path)
    assert corpus.pages == ["eval/a.html", "eval/d.html", "cache/a.html", "cache/b.html",
                            "cache/c.html"]
    assert corpus.others == ["eval/notes-21416"]
    assert corpus.evaldata == 3 and corpus.evaldata_missing == ["https://e.example/5"]
    # a.html is looked for in cache/ first, as trafilatura's evaluation does; a string
    # of both files counts once, white space folded
    a = corpus.expected["cache/a.html"]
    assert (a.with_, a.without) == (["Alpha   kept", "Alpha lead"],
                                    ["Alpha menu", "Alpha footer"])
    assert "eval/a.html" not in corpus.expected
    assert corpus.expected["eval/d.html"].with_ == ["Delta"]


def test_a_checkout_without_the_page_folders_is_refused(tmp_path: Path) -> None:
    try:
        load(tmp_path)
    except ValueError as e:
        assert "git clone https://github.com/adbar/trafilatura" in str(e)
    else:
        raise AssertionError("a folder with no tests/eval and tests/cache was accepted")


def test_visible_text_breaks_at_blocks_and_leaves_out_code() -> None:
    html = ("<html><head><title>Title</title><style>p {}</style></head><body>"
            "<p>One<b>Word</b><script>var x;</script> and<!-- note -->more<br>next\x01</p>"
            "<ul><li>first</li><li>second</li></ul><noscript>enable</noscript>"
            "<template>later</template>tail <ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>"
            "</body></html>")
    assert visible_text(html) == "Title OneWord andmore next\x01 first second tail 漢字"


def test_visible_text_leaves_out_what_a_browser_hides() -> None:
    html = ('<html><body><p>objects <span style="display: none">x1, …, xN</span>'
            '<img alt="x"> , t-SNE <span hidden>gone</span><span style="VISIBILITY:hidden">'
            'also gone</span>stays</p></body></html>')
    assert visible_text(html) == "objects , t-SNE stays"
    assert visible_text(html, unfolded=True) == "objects x1, …, xN , t-SNE gonealso gonestays"
