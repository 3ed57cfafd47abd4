"""No value changes in silence: YAML 1.1's bare `no`, `off`, `~` … in a text field are refused
at the value, and every message shows the word as it was written, never what YAML made of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checkutil import VALID_CLAIM, Project, line_of, replace_line
from generator.content.fields import CLAIM_FIELDS, SOURCE_FIELDS, Validator
from generator.content.textfile import parse
from generator.diagnostics import Report

VERDICTS = ("true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "disputed",
            "unproven")
# The plain scalars PyYAML's resolver reads as booleans (YAML 1.1), in the cases it takes.
FALSE_WORDS = ["no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"]
TRUE_WORDS = ["yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"]
NULL_WORDS = ["~", "null", "Null", "NULL"]

SOURCE = """\
---
title: A headline
outlet: The Outlet
author: A. Writer
language: en
---
The article's only paragraph.
"""


def read(text: str, *, source: bool = False) -> tuple[dict[str, Any], Report]:
    """The values the validator makes of a whole file, and its report."""
    report = Report("x.md")
    tf = parse(text, Path("x.md"), "x.md", report)
    assert tf is not None, [d.message for d in report.items]
    fields = SOURCE_FIELDS if source else CLAIM_FIELDS
    values = Validator(tf, report, {"verdict": VERDICTS}).mapping(tf.data, fields, (), "x")
    return values, report


def one_error(text: str, *, source: bool = False) -> tuple[int, int, str]:
    _, report = read(text, source=source)
    assert len(report.items) == 1, [d.message for d in report.items]
    d = report.items[0]
    return d.line, d.col, d.message


# -- verdicts ----------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["true", "false"])
def test_true_and_false_stay_the_verdicts_they_name(word: str) -> None:
    values, report = read(replace_line(VALID_CLAIM, "verdict:", f"verdict: {word}"))
    assert report.items == []
    assert values["verdict"] == word


@pytest.mark.parametrize("word", [w for w in FALSE_WORDS + TRUE_WORDS
                                  if w not in ("true", "false")])
def test_any_other_boolean_word_is_no_verdict_and_is_shown_as_written(word: str) -> None:
    text = replace_line(VALID_CLAIM, "verdict:", f"verdict: {word}")
    line, col, message = one_error(text)
    read_as = "false" if word in FALSE_WORDS else "true"
    assert (line, col) == (line_of(text, "verdict:"), 10)
    assert message.startswith(f"`verdict` is the bare word `{word}`, which YAML reads as "
                              f"{read_as}; did you mean `{read_as}`?; expected one of: true, ")


def test_verdict_no_fails_the_check_and_explain_does_not_print_false(project: Project) -> None:
    """Before, `verdict: no` passed with 0 errors and `explain` printed "False"."""
    text = replace_line(VALID_CLAIM, "verdict:", "verdict: no")
    result, errors = project.check_claim(text)
    assert result.code == 1
    assert [(e.line, e.col) for e in errors] == [(line_of(text, "verdict:"), 10)]
    assert "the bare word `no`, which YAML reads as false" in errors[0].message
    explained = project.run("explain", "content/claims/the-claim.md")
    assert explained.code == 1
    assert "False" not in explained.out and "Verdict" not in explained.out


def test_a_scale_with_a_key_yes_takes_verdict_yes_as_written() -> None:
    report = Report("x.md")
    tf = parse(replace_line(VALID_CLAIM, "verdict:", "verdict: Yes"), Path("x.md"), "x.md",
               report)
    assert tf is not None
    values = Validator(tf, report, {"verdict": ("Yes", "No")}).mapping(
        tf.data, CLAIM_FIELDS, (), "the claim")
    assert report.items == [] and values["verdict"] == "Yes"


@pytest.mark.parametrize(("word", "read_as"), [("yes", "true"), ("Off", "false")])
def test_a_stance_given_a_boolean_word(word: str, read_as: str) -> None:
    text = replace_line(VALID_CLAIM, "    stance:", f"    stance: {word}")
    line, col, message = one_error(text)
    assert (line, col) == (line_of(text, "    stance:"), 13)
    assert message == (f"`stance` is the bare word `{word}`, which YAML reads as {read_as}; "
                       "expected one of: supports, refutes, context")


# -- text fields ---------------------------------------------------------------------------

# (line of VALID_CLAIM to replace, key as written, column of its value)
CLAIM_TEXT_KEYS = [
    ("claimant:", "claimant", 11),
    ("title:", "title", 8),
    ("    account:", "    account", 14),
    ("    note: The report", "    note", 11),
    ("    note: Verdict", "    note", 11),  # of a correction
    ("  - source:", "  - source", 13),
]


@pytest.mark.parametrize(("old", "key", "col"), CLAIM_TEXT_KEYS, ids=[o for o, _, _ in
                                                                       CLAIM_TEXT_KEYS])
@pytest.mark.parametrize("word", ["no", "Off", "YES", "on", "True", "FALSE"])
def test_a_boolean_word_in_a_text_field_is_refused_at_the_value(old: str, key: str, col: int,
                                                                 word: str) -> None:
    text = replace_line(VALID_CLAIM, old, f"{key}: {word}")
    line, at, message = one_error(text)
    name = key.strip(" -")
    read_as = "false" if word in FALSE_WORDS else "true"
    assert (line, at) == (line_of(text, f"{key}: {word}"), col)
    assert message == (f"`{name}` is the bare word `{word}`, which YAML reads as {read_as}, "
                       f'not as text; put it in quotes: `{name}: "{word}"`')


@pytest.mark.parametrize("key", ["speaks_for", "prefix", "suffix"])
def test_the_other_text_keys_of_an_evidence_item(key: str) -> None:
    text = VALID_CLAIM.replace("    stance: supports\n", f"    stance: supports\n    {key}: off\n")
    line, col, message = one_error(text)
    assert (line, col) == (line_of(text, f"    {key}:"), len(key) + 7)
    assert message.startswith(f"`{key}` is the bare word `off`, which YAML reads as false")


@pytest.mark.parametrize(("key", "col"), [("passage", 14), ("account", 14)])
def test_a_null_word_in_an_evidence_item(key: str, col: int) -> None:
    text = VALID_CLAIM.replace("    stance: supports\n", f"    stance: supports\n    {key}: ~\n")
    if key == "account":
        text = replace_line(text, "    account: Azatutyun.am", "")
    line, at, message = one_error(text)
    assert (line, at) == (line_of(text, f"    {key}: ~"), col)
    assert message == (f"`{key}` is the bare `~`, which YAML reads as no value; leave the key "
                       f'out when it is not known, or quote it (`{key}: "~"`) if it is the text')


def test_a_passage_or_appearance_given_a_boolean_word() -> None:
    text = VALID_CLAIM.replace("    stance: supports\n", "    stance: supports\n    passage: no\n")
    _, _, message = one_error(text)
    assert message.startswith("`passage` is the bare word `no`, which YAML reads as false")
    text = replace_line(VALID_CLAIM, "appearance:", "appearance: [lavrov-mirzoyan-talks, off]")
    line, col, message = one_error(text)
    assert (line, col) == (line_of(text, "appearance:"), 37)
    assert message.startswith("entry 2 of `appearance` is the bare word `off`")


def test_tags_entries_and_a_lone_tag_are_shown_as_written() -> None:
    text = replace_line(VALID_CLAIM, "tags:", "tags: [peacekeepers, No, ON]")
    _, report = read(text)
    got = [(d.col, d.message) for d in report.items]
    assert got == [
        (22, "entry 2 of `tags` is the bare word `No`, which YAML reads as false, not as "
             'text; put it in quotes: `"No"`'),
        (26, "entry 3 of `tags` is the bare word `ON`, which YAML reads as true, not as "
             'text; put it in quotes: `"ON"`'),
    ]
    # Alone, a tag is the value of `tags` itself.
    line, col, message = one_error(replace_line(VALID_CLAIM, "tags:", "tags: off"))
    assert (line, col) == (line_of(VALID_CLAIM, "tags:"), 7)
    assert message == ("`tags` is the bare word `off`, which YAML reads as false, not as "
                       'text; put it in quotes: `tags: "off"`')


@pytest.mark.parametrize(("key", "word", "read_as"), [
    ("language", "no", "false"),  # Norwegian, which YAML 1.1 reads as false
    ("outlet", "On", "true"),
    ("author", "Yes", "true"),
    ("title", "OFF", "false"),
])
def test_a_source_text_field(key: str, word: str, read_as: str) -> None:
    text = replace_line(SOURCE, f"{key}:", f"{key}: {word}")
    line, col, message = one_error(text, source=True)
    assert (line, col) == (line_of(text, f"{key}:"), len(key) + 3)
    assert message == (f"`{key}` is the bare word `{word}`, which YAML reads as {read_as}, "
                       f'not as text; put it in quotes: `{key}: "{word}"`')


def test_quoted_the_words_are_the_text_written(project: Project) -> None:
    text = replace_line(SOURCE, "language:", 'language: "no"')
    text = replace_line(text, "author:", "author: 'Off'")
    values, report = read(text, source=True)
    assert report.items == []
    assert (values["language"], values["author"]) == ("no", "Off")


# -- ~ and null ----------------------------------------------------------------------------

@pytest.mark.parametrize("word", NULL_WORDS)
def test_a_null_word_in_an_optional_text_field_is_refused(word: str) -> None:
    text = replace_line(SOURCE, "author:", f"author: {word}")
    line, col, message = one_error(text, source=True)
    bare = "the bare `~`" if word == "~" else f"the bare word `{word}`"
    assert (line, col) == (line_of(text, "author:"), 9)
    assert message == (f"`author` is {bare}, which YAML reads as no value; leave the key out "
                       f'when it is not known, or quote it (`author: "{word}"`) if it is the '
                       "text")


@pytest.mark.parametrize("word", ["~", "null"])
def test_a_null_word_in_a_required_text_field_says_to_write_the_value(word: str) -> None:
    text = replace_line(VALID_CLAIM, "claimant:", f"claimant: {word}")
    line, col, message = one_error(text)
    assert (line, col) == (line_of(text, "claimant:"), 11)
    assert message.startswith(f"`claimant` is the bare {'word ' if word == 'null' else ''}"
                              f"`{word}`, which YAML reads as no value; write the value, or "
                              f'quote it (`claimant: "{word}"`)')


def test_a_null_tag_is_shown_as_written() -> None:
    _, _, message = one_error(replace_line(VALID_CLAIM, "tags:", "tags: [peacekeepers, Null]"))
    assert message.startswith("entry 2 of `tags` is the bare word `Null`, which YAML reads "
                              "as no value")


@pytest.mark.parametrize("line", ["author:", "author: ''", 'author: ""'])
def test_an_empty_optional_field_is_still_left_out(line: str) -> None:
    values, report = read(replace_line(SOURCE, "author:", line), source=True)
    assert report.items == [] and "author" not in values


def test_an_empty_optional_date_is_left_out_and_a_null_one_too() -> None:
    """Dates are not text: `updated: ~` is the key left out, as `updated:` is."""
    for line in ("updated:", "updated: ~", "updated: null"):
        values, report = read(replace_line(VALID_CLAIM, "updated:", line))
        assert report.items == [] and "updated" not in values, line


def test_the_settings_read_a_null_option_as_unset_as_mkdocs_does(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        name: The Test Desk\n", "        name: ~\n"),
                      encoding="utf-8")
    result = project.check()
    assert result.code == 0
    assert any(d.path == "mkdocs.yml" and d.message.startswith("`desk: name` is empty")
               for d in result.diags), result.out


# -- y and n -------------------------------------------------------------------------------

def test_y_and_n_are_text_to_yaml_and_kept_where_text_is_wanted() -> None:
    """PyYAML's resolver does not read `y` or `n` as booleans: in a text field they are the
    letters written, which a claimant's or author's name may be."""
    values, report = read(replace_line(SOURCE, "author:", "author: N"), source=True)
    assert report.items == [] and values["author"] == "N"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("verdict:", "verdict: y", "`verdict` is `y`; expected one of: true, mostly-true"),
    ("    stance:", "    stance: n", "`stance` is `n`; expected one of: supports, refutes, "
                                     "context"),
])
def test_y_and_n_where_they_are_no_choice_are_shown_as_written(old: str, new: str,
                                                                message: str) -> None:
    _, _, said = one_error(replace_line(VALID_CLAIM, old, new))
    assert said.startswith(message)


# -- numbers and dates, as before ----------------------------------------------------------

@pytest.mark.parametrize("value", ["0x1F", "1e3", "0o17", "1_000"])
def test_a_number_in_a_text_field_is_kept_as_written(value: str) -> None:
    values, report = read(replace_line(VALID_CLAIM, "claimant:", f"claimant: {value}"))
    assert report.items == [] and values["claimant"] == value


def test_a_date_in_a_text_field_is_shown_as_written() -> None:
    """`2023-09-01t10:00:00Z` is a timestamp to YAML, which Python would print otherwise."""
    _, _, message = one_error(replace_line(VALID_CLAIM, "title:", "title: 2023-09-01t10:00:00Z"))
    assert message == ("`title` must be text, but YAML reads `2023-09-01t10:00:00Z` as date; "
                       "put the value in quotes")
