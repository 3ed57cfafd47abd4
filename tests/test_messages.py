"""Messages that point the right way: quotes never cut mid-word with `…` (which a quote
reserves for omitted words), a proposed name for `factcheck new`, the nearest ids for
`factcheck pin`, and the preview's error box showing a message's code spans as code."""

from __future__ import annotations

import re
import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkutil import VALID_CLAIM, Project, run_cli
from generator.anchoring.anchor import describe_difference
from generator.diagnostics import quoted
from generator.preview.overlay import PreviewApp, code_spans, error_list
from generator.preview.status import BuildState, BuildStatus, Problem

# One passage of sources/russia-urges-talks.md, whole: 370 characters.
PASSAGE = (
    "The warning came amid unprecedented tensions between Moscow and Yerevan which rose "
    "further after Russian peacekeepers’ failure to prevent or stop Azerbaijan’s September "
    "19-20 military offensive in Nagorno-Karabakh. The 2,000 or so peacekeepers remain "
    "deployed in Karabakh in accordance with a Russian-brokered ceasefire that stopped the "
    "2020 Armenian-Azerbaijani war.")
SEED_QUOTE = ("    quote: \"Russian peacekeepers’ failure to prevent or stop Azerbaijan’s "
              "September 19-20\"")


def with_quote(quote: str) -> str:
    assert SEED_QUOTE in VALID_CLAIM
    return VALID_CLAIM.replace(SEED_QUOTE, f"    quote: \"{quote}\"")


# -- quotes in messages ------------------------------------------------------------------

def test_a_long_text_is_cut_after_a_whole_word_and_the_cut_said_outside_the_quotes() -> None:
    assert quoted("Lavrov   said\nthat", 80) == '"Lavrov said that"'
    assert quoted("Lavrov said that talks must resume", 20) == (
        '"Lavrov said that" (and 3 more words)')
    assert quoted("Lavrov said that talks", 17) == '"Lavrov said that" (and 1 more word)'
    assert quoted("Lavrov said that talks", 15) == '"Lavrov said" (and 2 more words)'
    # A word longer than the room has no boundary to cut at: the characters are counted.
    assert quoted("Nagorno-Karabakh-Armenia", 10) == '"Nagorno-Ka" (and 14 more characters)'


@given(st.text(alphabet=st.sampled_from("ab …\n.,"), max_size=60), st.integers(1, 40))
def test_a_cut_never_adds_an_ellipsis_nor_splits_a_word(text: str, limit: int) -> None:
    flat = " ".join(text.split())
    out = quoted(text, limit)
    m = re.fullmatch(r'"(.*)"(?: \(and (\d+) more (word|character)s?\))?', out, re.DOTALL)
    assert m, out
    shown, count, unit = m.groups()
    assert flat.startswith(shown) and len(shown) <= limit
    assert shown.count("…") == flat[: len(shown)].count("…"), "no `…` of its own"
    if count is None:
        assert shown == flat
    elif unit == "word":
        assert flat[len(shown)] == " ", "cut at a word boundary"
        assert int(count) == len(flat.split()) - len(shown.split())
    else:
        assert " " not in flat[: limit + 1] and int(count) == len(flat) - limit


def test_explain_shows_a_long_quote_whole(project: Project) -> None:
    sentence = PASSAGE[: PASSAGE.index("Karabakh.") + len("Karabakh.")]
    assert len(sentence) > 200
    project.claim(with_quote(sentence))
    for fmt in ("text", "markdown"):
        result = project.run("explain", "content/claims/the-claim.md", "--format", fmt)
        assert result.code == 0, result.err
        assert f"“{sentence}” (russia-urges-talks)" in result.out
        assert "…" not in result.out


def test_the_closest_passage_is_cut_at_a_word_outside_the_quotes(project: Project) -> None:
    quote = PASSAGE.replace("failure to prevent", "inability to prevent")
    result, errors = project.check_claim(with_quote(quote))
    assert result.code == 1
    [error] = errors
    m = re.search(r'Closest passage is p\d+: "([^"]*)" \(and (\d+) more words\)\. ',
                  error.message)
    assert m, error.message
    excerpt, more = m.group(1), int(m.group(2))
    assert PASSAGE.startswith(excerpt + " ") and len(excerpt) <= 200
    assert more == len(PASSAGE.split()) - len(excerpt.split())
    assert 'quote has "inability" where the source has "failure"' in error.message
    assert "…" not in error.message.split("Differences:")[0]


def test_a_long_difference_is_cut_at_a_word_outside_the_quotes() -> None:
    left_out = " ".join(f"word{i}" for i in range(20))
    message = describe_difference("Lavrov said talks", f"Lavrov said {left_out} talks")
    shown = quoted(left_out, 60)
    assert shown.startswith('"word0 word1') and shown.endswith(" more words)")
    assert message == f"Differences: quote leaves out {shown} (mark omissions with …)."


# -- factcheck new -----------------------------------------------------------------------

def proposed(result_err: str) -> list[str]:
    """The command a refusal proposes, as arguments for `factcheck`."""
    lines = result_err.strip().split("\n")
    assert len(lines) == 1, result_err
    m = re.search(r"run `(factcheck [^`]+)`$", lines[0])
    assert m, lines[0]
    args = shlex.split(m.group(1))
    assert args[0] == "factcheck"
    return args[1:]


def test_new_proposes_a_slug_and_writes_nothing(project: Project) -> None:
    result = project.run("new", "claim", "Moscow sought to sideline West")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("factcheck: `Moscow sought to sideline West` is not a "
                                 "valid name: use lowercase letters, digits and hyphens; ")
    assert list(project.claims.iterdir()) == []
    args = proposed(result.err)
    assert args[:3] == ["new", "claim", "moscow-sought-to-sideline-west"]
    assert args[3:] == ["--root", str(project.root)], "the same project as typed"
    written = run_cli(args)
    assert written.code == 0, written.err
    assert (project.claims / "moscow-sought-to-sideline-west.md").is_file()


@pytest.mark.parametrize(("name", "slug"), [
    ("Лавров: Москва против", "lavrov-moskva-protiv"),  # transliterated, as capture does
    ("sources/galuzin-meeting.md", "galuzin-meeting"),  # a path for a name
    ("Élysée_Statement 2024", "elysee-statement-2024"),
])
def test_new_source_proposes_an_id(project: Project, name: str, slug: str) -> None:
    result = project.run("new", "source", name)
    assert result.code == 2
    assert proposed(result.err)[:3] == ["new", "source", slug]
    assert f"to write {project.root / 'sources' / slug}.md" in result.err
    assert not (project.root / "sources" / f"{slug}.md").exists()


def test_new_says_when_no_name_can_be_proposed_or_the_proposal_is_taken(
        project: Project) -> None:
    nothing = project.run("new", "claim", "!!!")
    assert nothing.code == 2
    assert nothing.err == ("factcheck: `!!!` is not a valid name: use lowercase letters, "
                           "digits and hyphens, e.g. `factcheck new claim my-claim`\n")
    project.claim(VALID_CLAIM, "the-claim")
    taken = project.run("new", "claim", "The Claim")
    assert taken.code == 2
    assert "the name it would make, `the-claim`, is taken" in taken.err
    assert "choose another" in taken.err and "run `" not in taken.err
    assert (project.claims / "the-claim.md").read_text(encoding="utf-8") == VALID_CLAIM


def test_capture_proposes_an_id_for_a_bad_one(project: Project) -> None:
    result = project.run("capture", "no-such-page.html", "--id", "Sochi Summit 2024")
    assert result.code == 1
    assert result.err == ("factcheck capture: error: `Sochi Summit 2024` is not a valid id: "
                          "use lowercase letters, digits and hyphens, e.g. "
                          "`--id sochi-summit-2024`\n")


# -- factcheck pin -----------------------------------------------------------------------

def test_pin_names_the_nearest_source_ids(project: Project) -> None:
    lock = (project.root / "sources.lock").read_bytes()
    result = project.run("pin", "russia-urge-talks", "sources/sochi-summit-broker-peace.md",
                         "zzzzzz", "lavrov-mirzoyan-talks")
    assert result.code == 1 and result.out == ""
    assert result.err.split("\n") == [
        "factcheck: `russia-urge-talks` is not a source id (there is no "
        "sources/russia-urge-talks.md); did you mean `russia-urges-talks`?",
        "factcheck: `sources/sochi-summit-broker-peace.md` is a file, not a source id; did "
        "you mean `sochi-summit-broker-peace`?",
        "factcheck: `zzzzzz` is not a source id (there is no sources/zzzzzz.md); a source "
        "id is a file name in sources/ without `.md`",
        "",
    ]
    assert (project.root / "sources.lock").read_bytes() == lock, "nothing pinned"


# -- the preview's error box -------------------------------------------------------------

@pytest.mark.parametrize(("message", "html"), [
    ("verdict `mostly-true` needs more", "verdict <code>mostly-true</code> needs more"),
    ("`verdict` is `<script>alert(1)</script>` & \"more\"",
     "<code>verdict</code> is <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> &amp; "
     "&quot;more&quot;"),
    # Backticks inside a span, as Markdown writes them: a longer run of backticks.
    ("tag ``a`b<i>`` is unknown", "tag <code>a`b&lt;i&gt;</code> is unknown"),
    # An unmatched backtick is a backtick; nothing after it becomes markup.
    ("quote has \"it`s <b>\" where", "quote has &quot;it`s &lt;b&gt;&quot; where"),
    ("`open <img src=x onerror=alert(1)>", "`open &lt;img src=x onerror=alert(1)&gt;"),
    # No other Markdown: emphasis, links, escapes and entities stay text.
    ("*a* [b](javascript:x) \\`c\\` &amp; <https://x>",
     "*a* [b](javascript:x) \\<code>c\\</code> &amp;amp; &lt;https://x&gt;"),
])
def test_code_spans_are_the_only_markup_of_a_message(message: str, html: str) -> None:
    assert str(code_spans(message)) == html


def test_the_error_box_shows_code_spans_and_escapes_the_rest() -> None:
    problem = Problem("content/claims/<a>.md:3:10",
                      "`verdict` is `</code><script>x()</script>`; unmatched ` <b>")
    box = error_list(BuildState(1, True, (problem,)))
    assert ("<li><code>content/claims/&lt;a&gt;.md:3:10</code> <code>verdict</code> is "
            "<code>&lt;/code&gt;&lt;script&gt;x()&lt;/script&gt;</code>; unmatched ` "
            "&lt;b&gt;</li>") in box
    assert "<script>" not in box and "<b>" not in box
    status = BuildStatus()
    status.failed([problem])

    def site(environ: object, start_response: object) -> list[bytes]:
        raise AssertionError("no page is asked of the site before a good build")

    page: list[bytes] = []
    app = PreviewApp(site, status)
    page.extend(app({"PATH_INFO": "/", "QUERY_STRING": ""}, lambda *a: lambda b: None))
    html = b"".join(page).decode()
    assert "<code>verdict</code> is <code>&lt;/code&gt;&lt;script&gt;" in html
    assert "<script>x()" not in html
