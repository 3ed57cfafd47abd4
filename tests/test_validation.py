"""Every validation rule: the file, line and column it names, and what the message says."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkutil import VALID_CLAIM, Diag, Project, line_of, replace_line
from generator.content.bodyscan import scan_body
from generator.content.fields import CLAIM_FIELDS, SOURCE_FIELDS, Validator
from generator.content.textfile import parse
from generator.diagnostics import Report
from generator.model import PartialDate

VERDICTS = ("true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "disputed",
            "unproven")


def validate(front_matter: str, *, source: bool = False) -> list[Diag]:
    """Parse `---\\n<front_matter>---\\n` and validate it as a claim (or source)."""
    text = f"---\n{front_matter}---\nBody.\n"
    report = Report("x.md")
    tf = parse(text, Path("x.md"), "x.md", report)
    if tf is not None:
        fields = SOURCE_FIELDS if source else CLAIM_FIELDS
        Validator(tf, report, {"verdict": VERDICTS}).mapping(
            tf.data, fields, (), "the source" if source else "the claim")
    return [Diag(d.path, d.line, d.col, d.severity.value, d.message) for d in report.items]


def problems(diags: list[Diag]) -> list[Diag]:
    """Leave out the top-level `required key ... is missing` of these partial front-matters."""
    return [d for d in diags if not ((d.message.startswith("required key `")
                                     and "is missing in the claim" in d.message)
                                     or "is missing in the source" in d.message)]


def only(diags: list[Diag], *, missing: bool = False) -> Diag:
    """The one diagnostic (leaving out `required key ... is missing` unless asked)."""
    kept = diags if missing else problems(diags)
    assert len(kept) == 1, "\n".join(d.message for d in kept)
    return kept[0]


def mutate(old: str, new: str) -> str:
    return replace_line(VALID_CLAIM, old, new)


def test_the_valid_claim_passes(project: Project) -> None:
    result, errors = project.check_claim(VALID_CLAIM)
    assert errors == []
    assert result.code == 0
    assert result.out == ""


# -- required keys ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "key", ["claim", "claimant", "claim_date", "verdict", "summary", "published", "evidence"]
)
def test_each_required_claim_key_is_reported_when_missing(key: str) -> None:
    lines = [line for line in VALID_CLAIM.split("---\n")[1].split("\n") if line]
    # Drop the key and its indented continuation lines.
    kept, skipping = [], False
    for line in lines:
        if line.startswith(f"{key}:"):
            skipping = True
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line)
    diags = validate("\n".join(kept) + "\n")
    d = only(diags, missing=True)
    assert d.message.startswith(f"required key `{key}` is missing in the claim: ")
    assert (d.line, d.col) == (1, 1)


@pytest.mark.parametrize("value", ['""', "''", "", "   ''"])
def test_an_empty_required_value_is_reported_at_its_key(value: str) -> None:
    d = only(validate(f"claimant: {value}\n"))
    assert d.message.startswith("required key `claimant` is empty in the claim")
    assert (d.line, d.col) == (2, 1)


def test_a_value_of_white_space_only_is_empty() -> None:
    d = only(validate("claimant: '   '\n"))
    assert d.message == "`claimant` is empty"
    assert (d.line, d.col) == (2, 11)


def test_required_keys_of_an_evidence_item_are_reported_at_the_item() -> None:
    diags = validate("evidence:\n  - quote: words\n    note: n\n", )
    item = [d for d in diags if "item 1 of `evidence`" in d.message]
    assert sorted(d.message.split(" in item")[0] for d in item) == [
        "required key `source` is missing", "required key `stance` is missing",
    ]
    assert {(d.line, d.col) for d in item} == {(3, 5)}


def test_required_source_title() -> None:
    d = only(validate("outlet: X\n", source=True), missing=True)
    assert d.message.startswith("required key `title` is missing in the source")


# -- unknown keys ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("verdicts", "did you mean `verdict`?"),
        ("claimnt", "did you mean `claimant`"),
        ("sumary", "did you mean `summary`?"),
        ("publised", "did you mean `published`"),
    ],
)
def test_an_unknown_key_is_reported_with_the_nearest_known_key(key: str, hint: str) -> None:
    d = only(validate(f"claim: x\n{key}: y\n"))
    assert d.message.startswith(f"unknown key `{key}` in the claim")
    assert hint in d.message
    assert (d.line, d.col) == (3, 1)


def test_an_unknown_key_with_no_near_key_lists_the_keys() -> None:
    d = only(validate("zzzzzz: y\n"))
    assert d.message.startswith("unknown key `zzzzzz` in the claim; the keys are `claim`, ")
    assert "`evidence`" in d.message


def test_an_unknown_key_in_an_evidence_item() -> None:
    diags = validate("evidence:\n  - source: a\n    quote: b\n    stance: context\n"
                     "    pasage: p1\n")
    d = only(diags)
    assert d.message.startswith("unknown key `pasage` in item 1 of `evidence`")
    assert "did you mean `passage`" in d.message
    assert (d.line, d.col) == (6, 5)


def test_an_unknown_key_in_a_source() -> None:
    d = only(validate("title: T\nauthr: me\n", source=True))
    assert "unknown key `authr` in the source; did you mean `author`" in d.message
    assert (d.line, d.col) == (3, 1)


def test_a_key_that_is_not_plain_text() -> None:
    d = only(validate("? [a, b]\n: x\n"))
    assert d.message.startswith("a key must be plain text")
    assert d.line == 2


# -- duplicate keys --------------------------------------------------------------------

def test_a_duplicate_key_is_reported_at_its_second_occurrence() -> None:
    d = only(validate("claim: one\nclaimant: x\nclaim: two\n"))
    assert d.message.startswith("duplicate key `claim`: each key may appear once")
    assert (d.line, d.col) == (4, 1)


def test_a_duplicate_key_inside_an_evidence_item() -> None:
    diags = validate("evidence:\n  - source: a\n    quote: b\n    stance: context\n"
                     "    quote: c\n")
    d = only(diags)
    assert d.message.startswith("duplicate key `quote`")
    assert (d.line, d.col) == (6, 5)


# -- types -----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "read"), [("yes", "true"), ("false", "false")])
def test_a_text_key_given_a_boolean_says_to_quote_it_as_written(value: str, read: str
                                                                ) -> None:
    d = only(validate(f"claimant: {value}\n"))
    assert d.message == (f"`claimant` is the bare word `{value}`, which YAML reads as {read}, "
                         f'not as text; put it in quotes: `claimant: "{value}"`')
    assert (d.line, d.col) == (2, 11)


@pytest.mark.parametrize("value", ["2023-09-01", "2023-09-01t10:00:00Z"])
def test_a_text_key_given_a_date_says_to_quote_it_as_written(value: str) -> None:
    d = only(validate(f"claimant: {value}\n"))
    assert d.message == (f"`claimant` must be text, but YAML reads `{value}` as date; "
                         "put the value in quotes")
    assert (d.line, d.col) == (2, 11)


@pytest.mark.parametrize(("value", "kind"), [("[a, b]", "list"), ("{a: b}", "dict")])
def test_a_text_key_given_a_list_or_mapping(value: str, kind: str) -> None:
    d = only(validate(f"summary: {value}\n"))
    assert d.message == f"`summary` must be text, found {kind}"
    assert (d.line, d.col) == (2, 10)


@pytest.mark.parametrize("value", ["1e3", "0x1F", "1_000", "0o17", ".inf"])
def test_a_number_in_a_text_key_is_never_silently_rewritten(value: str) -> None:
    """`title: 1e3` must stay `1e3` (or be an error): YAML's number is not what was written."""
    report = Report("x.md")
    tf = parse(f"---\ntitle: {value}\n---\n", Path("x.md"), "x.md", report)
    assert tf is not None
    title = Validator(tf, report, {}).value(CLAIM_FIELDS[1], tf.data["title"], ("title",),
                                            "the claim")
    assert title == value or any(d.line == 2 for d in report.items), title


def test_tags_entries_of_the_wrong_type_are_reported_at_each_entry() -> None:
    diags = problems(validate("tags: [a, true, 2020-01-01, [x]]\n"))
    got = [(d.col, d.message) for d in diags]
    assert got == [
        (11, "entry 2 of `tags` is the bare word `true`, which YAML reads as true, not as "
             'text; put it in quotes: `"true"`'),
        (17, "entry 3 of `tags` must be text, but YAML reads `2020-01-01` as date; "
             "put the value in quotes"),
        (29, "entry 4 of `tags` must be text, found list"),
    ]


def test_an_empty_entry_is_described_in_words_not_python_type_names() -> None:
    diags = problems(validate("tags: [a, null]\nevidence:\n  -\n"))
    assert len(diags) == 2
    for d in diags:
        assert "NoneType" not in d.message, d.message


def test_a_single_tag_may_be_written_without_brackets() -> None:
    assert problems(validate("tags: peacekeepers\n")) == []


def test_too_many_tags() -> None:
    tags = ", ".join(f"t{i}" for i in range(21))
    d = only(validate(f"tags: [{tags}]\n"))
    assert d.message == "`tags` has 21 entries, over the limit of 20"


@pytest.mark.parametrize(("key", "limit"), [("claim", 1000), ("summary", 2000)])
def test_text_over_its_limit(key: str, limit: int) -> None:
    d = only(validate(f"{key}: '{'x' * (limit + 1)}'\n"))
    assert d.message == f"`{key}` is {limit + 1:,} characters, over the limit of {limit:,}"
    assert d.line == 2


def test_evidence_must_be_a_list_of_mappings() -> None:
    d = only(validate("evidence: russia-urges-talks\n"))
    assert d.message == ("`evidence` must be a list of items (lines starting with `- `), "
                         "found text string")
    assert (d.line, d.col) == (2, 11)
    diags = problems(validate("evidence:\n  - just text\n  - [a]\n"))
    assert [(d.line, d.col) for d in diags] == [(3, 5), (4, 5)]
    assert diags[0].message.startswith("item 1 of `evidence` must be a mapping of keys "
                                       "(source, quote, stance")
    assert diags[0].message.endswith("found text string")
    assert diags[1].message.endswith("found list")


def test_evidence_must_not_be_empty() -> None:
    d = only(validate("evidence: []\n"))
    assert d.message == "`evidence` needs at least 1 item(s), found none"
    assert d.line == 2


def test_too_many_evidence_items() -> None:
    items = "".join("  - {source: a, quote: b, stance: context}\n" for _ in range(201))
    d = only(validate("evidence:\n" + items))
    assert d.message == "`evidence` has 201 items, over the limit of 200; split the claim"


def test_corrections_need_a_date_and_a_note() -> None:
    diags = problems(validate("corrections:\n  - date: tomorrow\n  - note: Fixed.\n"))
    got = [(d.line, d.col, d.message.split(":")[0]) for d in diags]
    assert got == [
        (3, 11, "`date` is `tomorrow`"),
        (3, 5, "required key `note` is missing in item 1 of `corrections`"),
        (4, 5, "required key `date` is missing in item 2 of `corrections`"),
    ]


# -- dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2023", "2023-09", "2023-09-20", "'2023-09-20'",
                                   "2023-09-20 10:00:00", "2024-02-29"])
def test_good_dates(value: str) -> None:
    assert problems(validate(f"claim_date: {value}\n")) == []


@pytest.mark.parametrize(
    "value",
    ["2023-13", "2023-9", "2023-09-1", "20230920", "tomorrow", "23-09-20", "2023/09/20",
     "'2023-02-29'", "2023-00", "2023-01-00", "0000", "[2023]"],
)
def test_bad_dates_are_one_error_at_the_value_that_shows_it(value: str) -> None:
    d = only(validate(f"claim_date: {value}\n"))
    assert d.message.startswith("`claim_date` is `")
    assert "expected a real date as YYYY, YYYY-MM or YYYY-MM-DD" in d.message
    assert (d.line, d.col) == (2, 13)


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "2025-02-29"])
def test_an_impossible_date_that_yaml_reads_as_a_timestamp_is_one_clear_error(value: str
                                                                              ) -> None:
    """Not `required key is empty` beside a low-level YAML message: one error, showing it."""
    diags = [d for d in validate(f"published: {value}\n") if d.line == 2]
    assert len(diags) == 1, [d.message for d in diags]
    assert value in diags[0].message
    assert "empty" not in diags[0].message
    assert (diags[0].line, diags[0].col) == (2, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023", PartialDate(2023)), ("2023-09", PartialDate(2023, 9)),
     ("2023-09-20", PartialDate(2023, 9, 20)), ("2023-00", None), ("2023-01-00", None),
     ("2023-02-29", None), ("2024-02-29", PartialDate(2024, 2, 29)), ("2023-9", None),
     ("", None)],
)
def test_partial_date_parse(text: str, expected: PartialDate | None) -> None:
    assert PartialDate.parse(text) == expected


def test_updated_before_published_is_an_error_at_updated(project: Project) -> None:
    text = mutate("updated:", "updated: 2026-11-01")
    result, errors = project.check_claim(text)
    assert [(e.line, e.col) for e in errors] == [(12, 10)]
    assert errors[0].message == ("`updated` (2026-11-01) is before `published` (2026-11-22); "
                                 "correct one of the dates")
    assert result.code == 1


def test_updated_on_the_day_of_publication_is_fine(project: Project) -> None:
    result, errors = project.check_claim(mutate("updated:", "updated: 2026-11-22"))
    assert errors == [] and result.code == 0


# -- URLs, ids, languages, choices ----------------------------------------------------

@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "www.example.org", "ftp://example.org/a", "/relative/path",
     "http://", "https:// spaced.example", "data:text/html,hi", "mailto:a@b.c"],
)
def test_bad_source_urls(url: str) -> None:
    d = only(validate(f"title: T\nurl: '{url}'\n", source=True))
    assert d.message.startswith(f"`url` is `{url}`: expected an absolute http:// or https:// URL")
    assert (d.line, d.col) == (3, 6)


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "HTTP://EXAMPLE.ORG",
                                 "http://127.0.0.1:8000/x"])
def test_good_source_urls(url: str) -> None:
    assert validate(f"title: T\nurl: '{url}'\narchive_url: '{url}'\n", source=True) == []


@pytest.mark.parametrize("value", ["english", "e", "en_US", "12"])
def test_bad_language_tags(value: str) -> None:
    d = only(validate(f"title: T\nlanguage: {value}\n", source=True))
    assert "expected a BCP 47 language tag" in d.message


@pytest.mark.parametrize("value", ["Russia_Urges", "russia urges", "-russia", "russia--urges",
                                   "Russia", "russia.md", "sources/russia"])
def test_bad_source_ids_in_evidence(value: str) -> None:
    diags = validate(f"evidence:\n  - source: '{value}'\n    quote: q\n    stance: context\n")
    d = only(diags)
    assert d.message.startswith(f"`source` is `{value}`: expected an id of lowercase letters, "
                                "digits and hyphens")
    assert (d.line, d.col) == (3, 13)


@pytest.mark.parametrize("value", ["3", "P3", "p0", "p", "passage-3", "p3a"])
def test_bad_passage_anchors(value: str) -> None:
    diags = validate(f"evidence:\n  - source: s\n    quote: q\n    stance: context\n"
                     f"    passage: '{value}'\n")
    d = only(diags)
    assert d.message == (f"`passage` is `{value}`: expected a passage anchor like `p3`, "
                         "as shown on the source page")
    assert (d.line, d.col) == (6, 14)


def test_an_unknown_verdict_lists_the_nearest_and_every_valid_key() -> None:
    d = only(validate("verdict: mostly-ture\n"))
    assert d.message.startswith("`verdict` is `mostly-ture`; did you mean `mostly-true`")
    assert d.message.endswith("expected one of: " + ", ".join(VERDICTS))
    assert (d.line, d.col) == (2, 10)


def test_an_unknown_verdict_with_no_near_key_still_lists_the_keys() -> None:
    d = only(validate("verdict: pants-on-fire\n"))
    assert "did you mean" not in d.message
    assert d.message.endswith("expected one of: " + ", ".join(VERDICTS))


@pytest.mark.parametrize("value", ["support", "Supports", "refute", "neutral"])
def test_an_unknown_stance(value: str) -> None:
    d = only(validate(f"evidence:\n  - source: s\n    quote: q\n    stance: {value}\n"))
    assert d.message.startswith(f"`stance` is `{value}`")
    assert d.message.endswith("expected one of: supports, refutes, context")
    assert (d.line, d.col) == (5, 13)


def test_a_verdict_scale_from_mkdocs_yml_replaces_the_default(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "      per_page: 20",
        "      per_page: 20\n      verdicts:\n"
        "        - {key: correct, label: Correct, definition: It is., colour: '#080', "
        "icon: '+', rating: 2}\n"
        "        - {key: wrong, label: Wrong, definition: It is not., colour: '#800', "
        "icon: '-', rating: 1}\n",
    )
    project.write("mkdocs.yml", config)
    result, errors = project.check_claim(VALID_CLAIM)
    assert [e.message for e in errors] == [
        "`verdict` is `mostly-true`; expected one of: correct, wrong"
    ]
    result, errors = project.check_claim(mutate("verdict:", "verdict: wrong"))
    assert errors == [] and result.code == 0


@pytest.mark.parametrize(
    ("value", "col"),
    [("[ftp://example.org/x]", 14), ("[Not_An_Id]", 14), ("[ok-id, 'https://']", 21)],
)
def test_bad_appearance_entries(value: str, col: int) -> None:
    d = only(validate(f"appearance: {value}\n"))
    assert "expected a source id (like `russia-urges-talks`) or an http(s) URL" in d.message
    assert (d.line, d.col) == (2, col)


# -- YAML tags are errors and are never constructed ------------------------------------

@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "!!python/object/apply:subprocess.check_output [['touch', 'pwned']]",
        "!!python/object:os.system {}",
        "!!python/name:os.system ''",
        "!!python/module:os ''",
        "!!binary aGVsbG8=",
        "!custom value",
        "!!set {a, b}",
        "!!omap [a: b]",
    ],
)
def test_yaml_tags_are_one_error_each_and_are_never_constructed(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    diags = problems(validate(f"claim: {value}\n"))
    tag_errors = [d for d in diags if "is not allowed" in d.message]
    assert len(tag_errors) == 1
    assert tag_errors[0].message.startswith("YAML tag `")
    assert (tag_errors[0].line, tag_errors[0].col) == (2, 8)
    # The tag is the only complaint about `claim`: it is not also called empty.
    assert [d for d in diags if d.line == 2] == tag_errors
    assert not (tmp_path / "pwned").exists()


def test_a_python_tag_is_never_executed_by_the_command(project: Project) -> None:
    text = mutate("title:", "title: !!python/object/apply:os.system ['touch pwned-by-yaml']")
    path = project.claim(text)
    result = project.subprocess("check", cwd=project.root)
    assert result.code == 1
    errors = result.errors_for(path)
    assert [(e.line, e.col) for e in errors] == [(4, 8)]
    assert "python/object/apply:os.system" in errors[0].message
    assert not (project.root / "pwned-by-yaml").exists()
    assert "Traceback" not in result.err


# -- cross-references (resolve) --------------------------------------------------------

def test_an_unknown_source_suggests_the_nearest_ids(project: Project) -> None:
    text = mutate("  - source:", "  - source: russia-urges-talk")
    _, errors = project.check_claim(text)
    assert len(errors) == 1
    assert errors[0].message == "unknown source `russia-urges-talk`; did you mean " \
        "`russia-urges-talks`?"
    assert errors[0].line == 18
    # The column points at the id, as for every other wrong value.
    assert errors[0].col == 13


def test_an_unknown_source_with_no_near_id_says_how_to_add_it(project: Project) -> None:
    text = mutate("  - source:", "  - source: zz-top")
    _, errors = project.check_claim(text)
    assert [e.message for e in errors] == [
        "unknown source `zz-top`; add sources/zz-top.md or cite an existing source"
    ]


def test_a_source_with_errors_is_named_not_called_unknown(project: Project) -> None:
    project.source("---\noutlet: No title\n---\nSome text.\n", "broken-one")
    text = mutate("  - source:", "  - source: broken-one")
    result, errors = project.check_claim(text)
    assert [(e.line, e.message) for e in errors] == [
        (18, "source `broken-one` has errors (reported above), so this quote could not be "
             "checked")
    ]
    assert [e.at for e in result.errors_for("sources/broken-one.md")] == [
        "sources/broken-one.md:1:1"
    ]


def test_an_unknown_appearance_source_is_named_with_a_suggestion(project: Project) -> None:
    text = mutate("appearance:", "appearance: [lavrov-mirzoyan-talk, 'https://example.org/x']")
    _, errors = project.check_claim(text)
    assert [(e.line, e.message) for e in errors] == [
        (7, "`appearance` names unknown source `lavrov-mirzoyan-talk`; did you mean "
            "`lavrov-mirzoyan-talks`?")
    ]


def test_a_quote_that_is_not_found_is_reported_at_the_quote(project: Project) -> None:
    text = mutate("    quote:", '    quote: "Russian peacekeepers’ failure to prevent or halt"')
    _, errors = project.check_claim(text)
    assert [e.at for e in errors] == ["content/claims/the-claim.md:19:5"]
    assert "the quote is not in source `russia-urges-talks`. Closest passage is p6" in (
        errors[0].message)
    assert 'quote has "halt" where the source has "stop"' in errors[0].message


def test_every_problem_of_a_file_is_reported_in_one_run(project: Project) -> None:
    text = VALID_CLAIM
    text = replace_line(text, "verdict:", "verdict: mostly-ture")
    text = replace_line(text, "claim_date:", "claim_date: 2023-13")
    text = replace_line(text, "    stance:", "    stance: support")
    text = replace_line(text, "tags:", "tagz: [x]")
    result, errors = project.check_claim(text + "\n<b>bold</b>\n")
    assert [e.line for e in errors] == [
        line_of(text, "claim_date:"), line_of(text, "verdict:"), line_of(text, "tagz:"),
        line_of(text, "    stance:"), 26, 26,
    ]
    assert result.code == 1


def test_valid_evidence_items_are_still_anchored_beside_broken_ones(project: Project) -> None:
    text = VALID_CLAIM.replace(
        "---\nThe analysis",
        "  - source: russia-urges-talks\n    quote: not in the source at all\n"
        "    stance: context\n  - source: russia-urges-talks\n    stance: refutes\n"
        "---\nThe analysis",
    )
    result, errors = project.check_claim(text)
    assert [(e.line, e.col, e.message.split(".")[0]) for e in errors] == [
        (24, 5, "the quote is not in source `russia-urges-talks`"),
        (26, 5, "required key `quote` is missing in item 3 of `evidence`: The words of the "
                "source, verbatim; `…` marks omitted text"),
    ]
    assert "1 quotes anchored" in result.err


# -- the analysis (claim body) ---------------------------------------------------------

def scan(body: str, first_line: int = 20) -> list[tuple[int, str]]:
    report = Report("x.md")
    scan_body(body, first_line, report)
    return [(d.line, d.message) for d in report.items]


@pytest.mark.parametrize(
    "body",
    [
        "Plain *Markdown* with **bold**, `code` and a list:\n\n- one\n- two\n",
        "[a](https://example.org/x?y=1#z) [b](http://example.org) [c](mailto:desk@example.org)",
        "[relative](../sources/russia-urges-talks/) [anchor](#analysis) [root](/claims/)",
        "<https://example.org/autolink>",
        "[ref][1]\n\n[1]: https://example.org/ref",
        "A comparison: 3 < 4 and 5 > 2, with an ampersand & more.",
        "```\n<b>code is not HTML</b>\n```",
    ],
)
def test_a_safe_analysis_passes(body: str) -> None:
    assert scan(body) == []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:alert(1)",
        "javascript&#58;alert(1)", "&#106;avascript:alert(1)", "java%0ascript:alert(1)",
        "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
        "ftp://example.org/x",
    ],
)
def test_an_unsafe_link_is_an_error_naming_it(url: str) -> None:
    found = scan(f"See [this]({url}).")
    if url == "java%0ascript:alert(1)":
        # Percent-encoding is not decoded before the scheme: a browser sees no scheme.
        assert found == []
        return
    assert found == [(20, f"link to `{url}`: links may only be http, https, mailto or "
                          "relative")]


@pytest.mark.parametrize(
    "body",
    ["<javascript:alert(1)>", "[ref]\n\n[ref]: javascript:alert(1)",
     "[x]( javascript:alert(1) )"],
)
def test_unsafe_links_in_every_markdown_form(body: str) -> None:
    found = scan(body)
    assert len(found) == 1
    assert "links may only be http, https, mailto or relative" in found[0][1]


def test_an_unsafe_link_is_reported_at_its_own_line_in_a_paragraph() -> None:
    body = "The analysis runs\nover three lines, with\na [link](ftp://example.org/x) here.\n"
    assert [line for line, _ in scan(body)] == [22]


@pytest.mark.parametrize(
    ("body", "snippet"),
    [
        ("Some <b>bold</b> text.", "<b>"),
        ("<div>\nblock\n</div>", "<div>"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("Text <img src=x onerror=alert(1)> more.", "<img src=x onerror=alert(1)>"),
        ("<!-- a comment -->", "<!-- a comment -->"),
        ('<a href="https://example.org">x</a>', '<a href="https://example.org">'),
    ],
)
def test_raw_html_in_the_analysis_is_an_error(body: str, snippet: str) -> None:
    found = scan(body)
    assert found
    assert found[0] == (20, f"raw HTML `{snippet}` in the analysis; write Markdown instead "
                            "(HTML is not published)")


def test_raw_html_is_reported_at_its_own_line_in_a_paragraph() -> None:
    body = "The analysis runs\nover two lines, the second with <b>bold</b> in it.\n"
    assert [line for line, _ in scan(body)] == [21, 21]


def test_an_image_from_another_host_is_an_error_a_local_one_is_not() -> None:
    assert scan("![chart](https://tracker.example/pixel.png)") == [
        (20, "image from `https://tracker.example/pixel.png`: pages load nothing from other "
             "hosts; link to it instead")
    ]
    assert scan("![chart](../assets/chart.png)") == []
