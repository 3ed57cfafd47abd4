"""Pull quotes: a call-out that repeats the article's words is left out of the stored
source, so a quote of those words anchors once; no words of the article are lost."""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from captureutil import news_server, page_bytes
from checkutil import REPO, assert_no_traceback, run_cli
from generator.anchoring.normalize import normalise_text
from generator.capture import pullquotes
from generator.content.load import load_source
from generator.content.settings import load_settings
from siteutil import copy_project

QUOTED = "We counted the days, then we stopped counting"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with news_server() as url:
        yield url


def stored_paragraphs(root: Path, sid: str) -> list[str]:
    source, diagnostics = load_source(root / "sources" / f"{sid}.md", load_settings(root)[0])
    assert source is not None and not diagnostics, diagnostics
    return [p.text for p in source.passages]


def test_the_pull_quotes_of_a_news_page_are_left_out(base: str, tmp_path: Path) -> None:
    page = BeautifulSoup(page_bytes("pullquote.html", base).decode(), "html.parser")
    # The page repeats its words in four call-outs, each of a kind news sites use.
    callouts = page.select(".wp-block-pullquote, .pull-quote, blockquote.pullquote, "
                           "p.callout")
    assert len(callouts) == 4
    article = [" ".join(p.get_text().split()) for p in page.select(
        ".article__body > p:not(.callout), .article__body > blockquote.article__quote > p")]
    for box in callouts:
        first = box.find("p") or box
        words = first.get_text().strip("“”").lower()
        assert any(words in p.lower() for p in article), words

    root = copy_project(tmp_path / "project", claims=False)
    result = run_cli(["capture", "--root", str(root), f"{base}/pullquote.html", "--id", "road"])
    assert_no_traceback(result)
    assert result.code == 0, result.err
    # Every paragraph of the article, the short one that repeats words of another and the
    # quoted statement included, and nothing else.
    assert stored_paragraphs(root, "road") == article
    assert "No one was hurt." in article

    (root / "content" / "claims" / "days.md").write_text(f"""\
---
claim: Residents of Goris waited for the road to reopen.
claimant: Armenian authorities
claim_date: 2024-04
verdict: unproven
summary: A resident said so.
published: 2026-11-22
evidence:
  - source: road
    quote: "{QUOTED}"
    stance: context
  - source: road
    quote: "The road will stay open as long as we are here"
    stance: context
  - source: road
    quote: "the cargo lane stayed shut on Tuesday"
    stance: context
---
The analysis.
""", encoding="utf-8")
    checked = run_cli(["check", "--root", str(root)])
    assert checked.code == 0 and not checked.errors, checked.out


def callouts_of(markup: str) -> list[tuple[str, tuple[str, ...]]]:
    tree = lxml.html.fromstring(f"<html><body>{markup}</body></html>")
    return [(e.tag, parts) for e, parts in pullquotes.callouts(tree)]


def test_a_callout_is_a_short_box_outside_any_paragraph() -> None:
    long_box = " ".join(["word"] * (pullquotes.MAX_WORDS + 1))
    assert callouts_of(
        '<article class="story has-pullquote"><p>One.</p>'
        '<figure class="wp-block-pullquote"><blockquote><p>Quoted words.</p>'
        '<cite>Name</cite></blockquote></figure>'
        f'<div class="pull-quote">{long_box}</div>'
        '<p>He said <span class="pullquote">inline words</span>.</p>'
        '<figure><img src="a.jpg" alt=""><figcaption>A caption only</figcaption></figure>'
        '<aside class="callout"><p>“Aside words”</p><p>— A. Person</p></aside></article>'
    ) == [("figure", ("Quoted words.",)), ("aside", ("“Aside words”", "— A. Person"))]


@pytest.mark.parametrize(("parts", "repeats"), [
    (("We counted the days, then we stopped counting",), True),
    (('"WE COUNTED THE DAYS, then we stopped counting"',), True),  # typography and case
    (("We counted the days, then we stopped counting…",), True),
    (("“We counted the days”", "— Anahit Harutyunyan, 62, of Goris"), True),  # attribution
    (("We counted the days", "And a second paragraph of the box that the article does not "
                             "have anywhere at all"), False),
    (("We counted the nights",), False),
    (("— Anahit Harutyunyan",), False),  # a name alone, or a short line, may be chance
    (("No.",), False),
])
def test_a_callout_repeats_the_article_when_its_words_stand_in_it(
        parts: tuple[str, ...], repeats: bool) -> None:
    article = ["“We counted the days, then we stopped counting,” said Anahit Harutyunyan.",
               "Was the road open? No. It reopened on Tuesday."]
    assert pullquotes.repeats(parts, article, normalise_text) is repeats


WORDS = ["border", "talks", "commission", "ministry", "Yerevan", "ceasefire", "observers",
         "“under", "review”", "said", "on", "Thursday", "the", "a", "of", "villages", "road",
         "12", "kilometres", "officials", "corridor", "residents", "convoy", "reopened"]
sentence = st.builds(lambda words: " ".join(words).capitalize() + ".",
                     st.lists(st.sampled_from(WORDS), min_size=6, max_size=14))
paragraph = st.lists(sentence, min_size=2, max_size=3).map(" ".join)
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks on the border resume</title><meta property="og:site_name" content="Test Wire">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Talks on the border resume</h1><div class="article-body">{body}</div></article>
<footer>© Test Wire</footer></body></html>"""


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=3, max_size=5, unique_by=normalise_text),
       st.data())
def test_a_pull_quote_anywhere_is_dropped_and_every_paragraph_kept(
        paragraphs: list[str], data: st.DataObject) -> None:
    source_of = data.draw(st.integers(0, len(paragraphs) - 1))
    pulled = data.draw(st.sampled_from(re.findall(r"[^.]+\.", paragraphs[source_of]))).strip()
    at = data.draw(st.integers(0, len(paragraphs)))
    kind = data.draw(st.sampled_from([
        '<blockquote class="pullquote">{}</blockquote>',
        '<aside><p>“{}”</p></aside>',
        '<div class="pull-quote"><p>{}</p><p class="credit">— The Wire</p></div>']))
    blocks = [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    blocks.insert(at, kind.format(html.escape(pulled)))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        (root / "sources").mkdir()
        saved = root / "page.html"
        saved.write_text(PAGE.format(body="".join(blocks)), encoding="utf-8")
        result = run_cli(["capture", "--root", str(root), str(saved), "--id", "article"])
        assert result.code == 0, result.err
        assert stored_paragraphs(root, "article") == paragraphs
