"""`factcheck capture`: news pages served on 127.0.0.1 become verbatim sources with their
metadata, a snapshot and a pin; every bad input is one error line with nothing written."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from captureutil import news_server, page_bytes, tree_state
from checkutil import SEED, assert_no_traceback, run_cli
from generator.anchoring.anchor import Match, SourceIndex
from generator.anchoring.normalize import normalise
from generator.capture import charset, ids
from generator.content.load import load_source
from generator.content.settings import load_settings
from siteutil import copy_project

_SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with news_server() as url:
        yield url


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """The repository's sources and settings, without claims: `check` passes on it."""
    return copy_project(tmp_path / "project", claims=False)


def capture(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(["capture", "--root", str(root), *args])
    assert_no_traceback(result)
    return result.code, result.out, result.err


def front_matter_and_body(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def expected_paragraphs(name: str, selector: str, encoding: str = "utf-8") -> list[str]:
    """The article's paragraphs as a reader sees them, read from the fixture with BeautifulSoup
    (paragraphs separated by `<br>` are split there)."""
    page = BeautifulSoup(page_bytes(name, "").decode(encoding), "html.parser")
    out = []
    for element in page.select(selector):
        inner = element.decode_contents()
        for part in re.split(r"<br\s*/?>", inner):
            text = clean(BeautifulSoup(part, "html.parser").get_text())
            if text:
                out.append(text)
    return out


# Each page: where its article is, its metadata (None: not on the page), and furniture
# that must not reach the stored text.
PAGES = {
    "wordpress.html": dict(
        selector=".entry-content > p", title="Border commission ends third round without a text",
        outlet="The Caspian Ledger", author="Anna Petrosyan", published="2024-03-14",
        url="{base}/2024/03/14/border-commission-third-round/", language="en-GB",
        furniture=["Share this", "Twitter", "Related", "Ceasefire violations reported",
                   "Residents of two villages", "Get the Ledger in your inbox",
                   "Sign me up", "Another round, another nothing", "balanced reporting",
                   "Leave a Reply", "We use cookies", "Subscribe to our weekly digest",
                   "Sponsored", "Advertisement", "All rights reserved",
                   "Independent news", "Politics", "3 replies"]),
    "br-cms.html": dict(
        selector="div.text", title="Villagers return to Tegh after road reopens",
        outlet=None, author="Gayane Mkrtchyan", published="2023-11-02",
        url="{base}/br-cms.html", language=None,
        furniture=["Most read", "Prices for bread", "Subscribe to the agency", "Share:",
                   "Print version", "See also", "Road to Tegh closed", "When using materials",
                   "Contacts", "Author:"]),
    "jsonld.html": dict(
        selector=".story__body > p, .story__body > h2",
        title="Ministry says peacekeepers’ mandate “under review”",
        outlet="Yerevan Daily Wire", author="Lusine Hakobyan", published="2023-10-05",
        url="{base}/news/2023/10/05/mandate-under-review", language="en",
        furniture=["This site uses cookies", "Read more", "Timeline: three years",
                   "Share on X", "The Morning Wire", "When will they finally leave",
                   "Most popular", "Exchange rate", "Advertisement", "All rights reserved"]),
    "opengraph.html": dict(
        selector=".article-text > p", title="Prisoner exchange brings five soldiers home",
        outlet="Syunik Today", author=None, published="2023-12-13",
        url="{base}/stories/prisoner-exchange-five-soldiers", language=None,
        furniture=["use of cookies", "Video", "Share:", "More stories",
                   "Snow closes the pass", "Stay informed", "Join 10,000 readers",
                   "Advertise with us", "Trending"]),
    "latin-utf-8.html": dict(
        selector=".body > p", title="Café owners count the cost of the closed crossing",
        outlet="Lori Courier", author="Mariam Sargsyan", published="2024-05-21",
        url="{base}/local/cafes-closed-crossing", language="en",
        furniture=["Our site uses cookies", "Front page", "Share this story",
                   "Lori Courier newsletter", "every Monday"]),
    "latin-windows-1252.html": dict(
        selector=".body > p", title="Café owners count the cost of the closed crossing",
        outlet="Lori Courier", author="Mariam Sargsyan", published="2024-05-21",
        url="{base}/local/cafes-closed-crossing-1252", language="en", encoding="windows-1252",
        furniture=["Our site uses cookies", "Front page", "Share this story"]),
    "cyrillic-utf-8.html": dict(
        selector=".text > p", title="Жители села вернулись после открытия дороги",
        outlet="Кавказский вестник", author="Ирина Волкова", published="2023-11-03",
        url="{base}/news/selo-doroga", language="ru",
        furniture=["cookie", "Поделиться", "Главная", "Новости"]),
    "cyrillic-koi8-r.html": dict(
        selector=".text > p", title="Жители села вернулись после открытия дороги",
        outlet="Кавказский вестник", author="Ирина Волкова", published="2023-11-03",
        url="{base}/news/selo-doroga-koi8", language="ru", encoding="koi8-r",
        furniture=["cookie", "Поделиться", "Главная", "Новости"]),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_news_page_is_captured_verbatim_with_its_metadata(base: str, project: Path,
                                                            name: str) -> None:
    page = PAGES[name]
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    code, out, err = capture(project, f"{base}/{name}", "--id", "captured")
    after = dt.datetime.now(dt.UTC)
    assert code == 0, err
    assert out.endswith("\n") and "wrote sources/captured.md" in out
    meta, body = front_matter_and_body(project / "sources" / "captured.md")

    # The article, paragraph by paragraph, verbatim; none of the furniture.
    wanted = expected_paragraphs(name, str(page["selector"]), str(page.get("encoding", "utf-8")))
    stored = [clean(p) for p in body.split("\n\n") if p.strip()]
    stored = [p.removeprefix("## ") for p in stored]
    kept = [p for p in wanted if p in stored]
    assert len(wanted) >= 4 and len(kept) >= 0.9 * len(wanted), set(wanted) - set(kept)
    assert all(p in wanted for p in stored), set(stored) - set(wanted)
    for words in page["furniture"]:  # type: ignore[union-attr]
        assert words not in body, words

    # What the page shows of itself, and nothing it does not.
    for key in ("title", "outlet", "author", "language"):
        assert meta.get(key) == page[key], key
    assert str(meta.get("published")) == page["published"]
    assert meta["url"] == str(page["url"]).format(base=base)
    for key, value in page.items():
        if value is None:
            assert key not in meta
    assert "no author on the page" in out if page["author"] is None else True
    assert "archive_url" not in meta

    # When, and the bytes as fetched: extract the snapshot and compare.
    retrieved = meta["retrieved"]
    assert isinstance(retrieved, dt.datetime)
    assert before <= retrieved <= after
    assert re.search(r"^retrieved: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$",
                     (project / "sources" / "captured.md").read_text(encoding="utf-8"), re.M)
    snapshot = (project / "sources" / "snapshots" / "captured.html.gz").read_bytes()
    assert snapshot[4:8] == b"\0\0\0\0", "no time in the gzip header"
    fetched = gzip.decompress(snapshot)
    assert fetched == page_bytes(name, base)
    assert meta["snapshot"] == "sha256:" + hashlib.sha256(fetched).hexdigest()
    assert "captured sha256:" in (project / "sources.lock").read_text(encoding="utf-8")

    result = run_cli(["check", "--root", str(project)])
    assert result.code == 0, result.out + result.err
    assert "6 sources" in result.err


@pytest.mark.parametrize(("twin", "original"), [
    ("latin-windows-1252.html", "latin-utf-8.html"),
    ("cyrillic-koi8-r.html", "cyrillic-utf-8.html"),
])
def test_a_page_in_another_charset_gives_the_text_of_its_utf8_twin(
        base: str, project: Path, twin: str, original: str) -> None:
    assert capture(project, f"{base}/{twin}", "--id", "twin")[0] == 0
    assert capture(project, f"{base}/{original}", "--id", "original")[0] == 1, (
        "the same text is refused as already captured")
    shutil.rmtree(project / "sources" / "snapshots")
    (project / "sources" / "twin.md").rename(project / "twin.md")
    assert capture(project, f"{base}/{original}", "--id", "original")[0] == 0
    twin_meta, twin_body = front_matter_and_body(project / "twin.md")
    meta, body = front_matter_and_body(project / "sources" / "original.md")
    assert twin_body == body
    assert {k: v for k, v in twin_meta.items() if k not in ("url", "retrieved", "snapshot")} == {
        k: v for k, v in meta.items() if k not in ("url", "retrieved", "snapshot")}


def test_every_page_captured_into_one_project_passes_the_check(base: str, project: Path
                                                               ) -> None:
    for name in ("wordpress.html", "br-cms.html", "jsonld.html", "opengraph.html",
                 "latin-utf-8.html", "cyrillic-koi8-r.html"):
        code, _out, err = capture(project, f"{base}/{name}")
        assert code == 0, err
    result = run_cli(["check", "--root", str(project)])
    assert result.code == 0, result.out + result.err
    assert result.err.startswith("11 sources")
    assert sorted(p.name for p in (project / "sources" / "snapshots").iterdir()) == sorted(
        f"{p.stem}.html.gz" for p in (project / "sources").glob("*.md")
        if "snapshot:" in p.read_text(encoding="utf-8"))


def test_redirects_are_followed_and_the_page_names_its_url(base: str, project: Path) -> None:
    code, out, _ = capture(project, f"{base}/moved")  # 301, then four 302s
    assert code == 0
    path = project / "sources" / "border-commission-ends-third-round-without.md"
    meta, _ = front_matter_and_body(path)
    assert meta["url"] == f"{base}/2024/03/14/border-commission-third-round/"
    assert "no publication date" not in out and "no author" not in out


def test_a_compressed_response_is_stored_as_the_page(base: str, project: Path) -> None:
    code, _, err = capture(project, f"{base}/gzipped", "--id", "exchange")
    assert code == 0, err
    snapshot = project / "sources" / "snapshots" / "exchange.html.gz"
    assert gzip.decompress(snapshot.read_bytes()) == page_bytes("opengraph.html", base)


def test_the_schema_for_editors_accepts_a_captured_source(base: str, project: Path) -> None:
    from jsonschema import Draft202012Validator
    from test_schema import front_matter

    assert capture(project, f"{base}/wordpress.html", "--id", "ledger")[0] == 0
    assert run_cli(["schema", "--root", str(project), "--out", "schemas"]).code == 0
    schema = json.loads((project / "schemas" / "source.schema.json").read_text("utf-8"))
    text = (project / "sources" / "ledger.md").read_text(encoding="utf-8")
    assert list(Draft202012Validator(schema).iter_errors(front_matter(text))) == []
    assert "snapshot" in schema["properties"]


# -- bad input: one line, exit 1, nothing written ----------------------------------------

BAD = [
    ("/status/404", [], "HTTP 404"),
    ("/status/500", [], "HTTP 500"),
    ("/report.pdf", [], "application/pdf, not an HTML page"),
    ("/big-declared", [], "over the size limit"),
    ("/big-streamed", [], "over the size limit"),
    ("/loop-a", [], "redirect loop"),
    ("/chain/1", [], "more than 5 redirects"),
    ("/slow", ["--timeout", "1"], "did not answer within 1 s"),
    ("/gzip-bomb", [], "over the size limit of 5,000,000 bytes once decompressed"),
    ("/no-article", [], "no article text"),
    ("/bad-utf-8", [], "cannot decode the page"),
    ("/wordpress.html", ["--id", "lavrov-mirzoyan-talks"], "already exists"),
    ("/wordpress.html", ["--id", "Not_An_Id"], "not a valid id"),
]


@pytest.mark.parametrize(("path", "args", "says"), BAD, ids=[b[0] + " ".join(b[1]) for b in BAD])
def test_bad_input_is_one_line_and_writes_nothing(base: str, project: Path, path: str,
                                                  args: list[str], says: str) -> None:
    before = tree_state(project)
    code, out, err = capture(project, f"{base}{path}", *args)
    assert code == 1
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("factcheck capture: error: ") and says in err, err
    assert tree_state(project) == before


def test_a_page_already_captured_is_refused(base: str, project: Path) -> None:
    assert capture(project, f"{base}/wordpress.html")[0] == 0
    before = tree_state(project)
    # The same canonical URL, fetched again, and the same text under another URL.
    for target, says in ((f"{base}/wordpress.html", "has the same URL"),
                         (f"{base}/mirror/wordpress.html", "has the same text")):
        code, out, err = capture(project, target, "--id", "again")
        assert (code, out) == (1, "")
        assert err.count("\n") == 1 and "already captured: sources/border-commission" in err
        assert says in err
        # The id to cite, and how to capture the page again under it.
        sid = "border-commission-ends-third-round-without"
        assert f"cite it as `{sid}`" in err
        assert f"`factcheck capture {target} --id {sid} --replace`" in err
        assert tree_state(project) == before


def test_a_file_that_is_not_a_page_is_refused(project: Path, tmp_path: Path) -> None:
    before = tree_state(project)
    for path in (tmp_path / "notes.txt", tmp_path / "missing.html"):
        if path.suffix == ".txt":
            path.write_text("hello", encoding="utf-8")
        code, out, err = capture(project, str(path))
        assert (code, out) == (1, "") and err.count("\n") == 1, err
    assert tree_state(project) == before


def test_a_failed_write_leaves_nothing_behind(base: str, project: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock is renamed into place last; when that fails, the snapshot and the source
    already in place are taken back, and the snapshots folder made for them too."""
    from generator.capture import write

    replace = write.os.replace

    def failing(src: str, dst: str | Path) -> None:
        if Path(dst).name == "sources.lock":
            raise PermissionError(13, "Permission denied", str(dst))
        replace(src, dst)

    before = tree_state(project)
    monkeypatch.setattr(write.os, "replace", failing)
    code, out, err = capture(project, f"{base}/wordpress.html")
    assert (code, out) == (1, "")
    assert "nothing was written" in err and err.count("\n") == 1, err
    assert tree_state(project) == before
    assert not (project / "sources" / "snapshots").exists()


def test_without_a_lock_the_source_is_written_unpinned(base: str, project: Path) -> None:
    (project / "sources.lock").unlink()
    code, out, _ = capture(project, f"{base}/opengraph.html", "--id", "exchange")
    assert code == 0
    assert "no sources.lock in the project" in out and "factcheck pin exchange" in out
    assert not (project / "sources.lock").exists()
    assert (project / "sources" / "exchange.md").is_file()


# -- a saved file, the archive ------------------------------------------------------------

def test_a_saved_page_takes_its_url_from_the_page_only(project: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(page_bytes("jsonld.html", "https://wire.example"))
    code, out, _ = capture(project, str(saved))
    assert code == 0
    meta, _ = front_matter_and_body(project / "sources" /
                                    "ministry-says-peacekeepers-mandate-under-review.md")
    assert meta["url"] == "https://wire.example/news/2023/10/05/mandate-under-review"

    plain = tmp_path / "plain.html"
    plain.write_bytes(page_bytes("br-cms.html", ""))
    code, out, _ = capture(project, str(plain), "--outlet", "Highland News Agency")
    assert code == 0
    meta, _ = front_matter_and_body(project / "sources" /
                                    "villagers-return-tegh-after-road-reopens.md")
    assert "url" not in meta and meta["outlet"] == "Highland News Agency"
    assert "no URL on the page" in out
    assert run_cli(["check", "--root", str(project)]).code == 0


MARKERS = [
    "The statement, published on Tuesday, lists the commitments of both sides in ten points.",
    "1. The parties shall refrain from the use of force along the entire line of contact.",
    "- Each side keeps its positions as of the date of signature, the text adds.",
    "# 3 on the list concerns the exchange of prisoners and the remains of the dead.",
    "<div> tags appeared in the published text, apparently by mistake of the editors.",
    "> A quotation marker opens this paragraph in the original web page text.",
    "2024. That is the year named for the second stage of the withdrawal process.",
]


def test_paragraphs_that_look_like_markdown_are_stored_verbatim(project: Path, tmp_path: Path
                                                                ) -> None:
    """A paragraph opening with `1. `, `- `, `# `, `<` or `> ` would lose its first
    characters as Markdown; it is stored as a block whose text is kept as it is."""
    saved = tmp_path / "points.html"
    saved.write_text(PAGE.format(title="Ten points of the agreement", paragraphs="".join(
        f"<p>{html.escape(p)}</p>" for p in MARKERS)), encoding="utf-8")
    code, _, err = capture(project, str(saved), "--id", "points")
    assert code == 0, err
    source, diagnostics = load_source(project / "sources" / "points.md",
                                      load_settings(project)[0])
    assert source is not None and not diagnostics
    assert [p.text for p in source.passages] == MARKERS
    assert run_cli(["check", "--root", str(project)]).code == 0


def test_archive_asks_save_page_now_for_an_archive_url(base: str, project: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_ARCHIVE_ENDPOINT", f"{base}/save/")
    code, out, _ = capture(project, f"{base}/opengraph.html", "--archive")
    assert code == 0
    meta, _ = front_matter_and_body(project / "sources" /
                                    "prisoner-exchange-brings-five-soldiers-home.md")
    page = f"{base}/stories/prisoner-exchange-five-soldiers"
    assert meta["archive_url"] == f"{base}/web/20261201101500/{page}"
    assert "could not archive" not in out


@pytest.mark.parametrize("endpoint", ["{base}/save-fails/", "http://127.0.0.1:9/save/"])
def test_archive_failing_still_writes_the_rest(base: str, project: Path, endpoint: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_ARCHIVE_ENDPOINT", endpoint.format(base=base))
    code, out, err = capture(project, f"{base}/opengraph.html", "--archive")
    assert (code, err) == (0, "")
    assert re.search(r"^could not archive: .+", out, re.M)
    meta, _ = front_matter_and_body(project / "sources" /
                                    "prisoner-exchange-brings-five-soldiers-home.md")
    assert "archive_url" not in meta and meta["snapshot"].startswith("sha256:")


# -- the check holds the snapshot to its record -------------------------------------------

def test_the_check_verifies_each_snapshot(base: str, project: Path) -> None:
    assert capture(project, f"{base}/opengraph.html", "--id", "exchange")[0] == 0
    snapshot = project / "sources" / "snapshots" / "exchange.html.gz"
    source = project / "sources" / "exchange.md"
    line = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("snapshot:"))
    original = snapshot.read_bytes()

    snapshot.write_bytes(gzip.compress(gzip.decompress(original) + b" ", mtime=0))
    result = run_cli(["check", "--root", str(project)])
    assert result.code == 1
    assert re.search(rf"^sources/exchange\.md:{line}:1: error: sources/snapshots/exchange"
                     r"\.html\.gz holds bytes whose SHA-256", result.out, re.M)

    snapshot.unlink()
    result = run_cli(["check", "--root", str(project)])
    assert result.code == 1 and f"sources/exchange.md:{line}:1: error:" in result.out
    assert "is missing" in result.out

    snapshot.write_bytes(original)
    assert run_cli(["check", "--root", str(project)]).code == 0


def test_check_changed_checks_a_source_whose_snapshot_changed(base: str, tmp_path: Path
                                                               ) -> None:
    from gitrepo import Repo

    repo = Repo(tmp_path / "repo")
    assert capture(repo.root, f"{base}/jsonld.html", "--id", "mandate")[0] == 0
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Capture")
    snapshot = repo.root / "sources" / "snapshots" / "mandate.html.gz"
    snapshot.write_bytes(gzip.compress(b"<html>another page</html>", mtime=0))
    result = run_cli(["check", "--root", str(repo.root), "--changed", "HEAD"])
    assert result.code == 1
    assert "1 changed source(s)" in result.err
    assert re.search(r"^sources/mandate\.md:\d+:1: error: sources/snapshots/mandate\.html\.gz "
                     "holds bytes", result.out, re.M), result.out


def test_the_preview_extracts_a_snapshot_again_only_when_it_changes(
        base: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.check import run_check
    from generator.content import snapshots
    from generator.preview.cache import CheckMemory

    assert capture(project, f"{base}/opengraph.html", "--id", "exchange")[0] == 0
    reads: list[Path] = []
    read = snapshots.read
    monkeypatch.setattr(snapshots, "read", lambda path: reads.append(path) or read(path))
    memory = CheckMemory()
    for _ in range(3):
        assert run_check(project, steps=memory.steps()).ok
        memory.sweep()
    assert len(reads) == 1
    snapshot = project / "sources" / "snapshots" / "exchange.html.gz"
    snapshot.write_bytes(gzip.compress(b"<html>changed</html>", mtime=0))
    result = run_check(project, steps=memory.steps())
    assert len(reads) == 2
    assert [d.path for d in result.diagnostics] == ["sources/exchange.md"]


# -- small parts --------------------------------------------------------------------------

def test_the_header_charset_wins_over_the_meta_tag() -> None:
    page = '<meta charset="koi8-r"><p>Café</p>'.encode("windows-1252")
    assert "Café" in charset.decode(page, "windows-1252")
    assert charset.decode('<meta charset="utf-8">Ереван'.encode(), None).endswith("Ереван")
    assert charset.decode("Ереван".encode(), None) == "Ереван"  # UTF-8 when undeclared
    with pytest.raises(ValueError, match="not one Python knows"):
        charset.decode(b"<meta charset='x-unknown'>", None)


@pytest.mark.parametrize(("title", "url", "proposed"), [
    ("Border commission ends third round without a text", None,
     "border-commission-ends-third-round-without"),
    ("Ministry says peacekeepers’ mandate “under review”", None,
     "ministry-says-peacekeepers-mandate-under-review"),
    ("Жители села вернулись", None, "zhiteli-sela-vernulis"),
    ("Café: €1.50 — “too much”", None, "cafe-1-50-too-much"),
    ("Ինչ է կատարվում", "https://news.example/am/2023/lachin-corridor.html", "inch-e-katarvum"),
    # A script with no romanization here: the URL's last segment, else no id.
    ("发生了什么", "https://news.example/zh/2023/lachin-corridor.html", "lachin-corridor"),
    ("发生了什么", None, None),
])
def test_an_id_is_proposed_from_the_headline(title: str, url: str | None,
                                             proposed: str | None) -> None:
    assert ids.propose(title, url) == proposed


# -- every sentence of a captured article anchors as a quote ------------------------------

WORDS = ["border", "talks", "commission", "ministry", "Yerevan", "Baku", "ceasefire",
         "peacekeepers’", "2,000", "“under", "review”", "Ереван", "café", "—", "–", "don’t",
         "Nagorno-Karabakh", "said", "on", "Thursday", "the", "a", "of", "villages", "road",
         "12", "kilometres", "‘technical", "questions’", "Lachin", "corridor", "officials"]
sentence = st.builds(
    lambda words, end: " ".join(words)[0].upper() + " ".join(words)[1:] + end,
    st.lists(st.sampled_from(WORDS), min_size=6, max_size=16),
    st.sampled_from([".", "?", "!", ".”"]))
paragraph = st.lists(sentence, min_size=2, max_size=4).map(" ".join)
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="Test Wire"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1><div class="article-body">{paragraphs}</div></article>
<footer>© Test Wire</footer></body></html>"""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=3, max_size=6, unique=True))
def test_every_sentence_of_a_captured_article_anchors(paragraphs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(SEED / "mkdocs.yml", root / "mkdocs.yml")
        (root / "sources").mkdir()
        saved = root / "page.html"
        saved.write_text(PAGE.format(title="Talks on the border resume",
                                     paragraphs="".join(f"<p>{p}</p>" for p in paragraphs)),
                         encoding="utf-8")
        code, _out, err = capture(root, str(saved), "--id", "article")
        assert code == 0, err
        source, diagnostics = load_source(root / "sources" / "article.md",
                                          load_settings(root)[0])
        assert source is not None and not diagnostics
    index = SourceIndex("article", source.passages)
    assert len(source.passages) == len(paragraphs)
    for n, text in enumerate(paragraphs):
        for said in re.findall(r"[^.?!]+[.?!]”?", text):
            match = index.anchor(said.strip(), passage=f"p{n + 1}")
            assert isinstance(match, Match), (said, match)
            (span,) = match.spans
            found = source.passage(span.passage).text[span.start:span.end]
            assert normalise(found).text == normalise(said.strip()).text
