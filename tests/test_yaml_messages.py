"""YAML syntax errors point at the line the contributor must fix, and say how: a `: ` inside
a value says to quote it, a tab says tab, and a value that goes on to a line indented too
little is reported at that line, however far down the parser went on looking."""

from __future__ import annotations

import pytest

from checkutil import VALID_CLAIM, Project, line_of, replace_line

CLAIM_LINES = ("claim: >-\n  Russian peacekeepers failed to stop Azerbaijan's September 2023 "
               "offensive in Nagorno-Karabakh.\n")


def only_error(project: Project, text: str) -> tuple[int, int, str]:
    result, errors = project.check_claim(text)
    assert result.code == 1
    assert len(errors) == 1, result.out
    prefix = "front-matter is not valid YAML: "
    assert errors[0].message.startswith(prefix), errors[0].message
    return errors[0].line, errors[0].col, errors[0].message[len(prefix):]


# -- a `: ` inside a value -----------------------------------------------------------------

def test_a_colon_in_a_value_says_to_quote_the_value_showing_the_key(project: Project) -> None:
    text = replace_line(VALID_CLAIM, "summary:", "summary: The ministry said: no talks")
    text = replace_line(text, "  The peacekeepers did not prevent", "")
    line, col, message = only_error(project, text)
    assert (line, col) == (line_of(text, "summary:"), 10)
    assert message == ("the value of `summary` holds `: `, which YAML reads as the start of "
                       "another key; put the whole value in quotes: "
                       '`summary: "The ministry said: no talks"`')
    assert "indentation" not in message


def test_a_colon_in_an_evidence_note_and_a_value_with_double_quotes(project: Project) -> None:
    text = replace_line(VALID_CLAIM, "    note: The report",
                        '    note: Moscow said: "we were not there"')
    line, col, message = only_error(project, text)
    assert (line, col) == (line_of(text, "    note: Moscow"), 11)
    assert message.endswith("""put the whole value in quotes: `note: 'Moscow said: "we were """
                            """not there"'`""")


def test_a_colon_on_a_line_a_value_goes_on_to(project: Project) -> None:
    text = replace_line(VALID_CLAIM, "title:",
                        "title: Did Russian peacekeepers\n  stop what Moscow called: the offensive?")
    line, col, message = only_error(project, text)
    assert (line, col) == (line_of(text, "  stop what"), 26)
    assert message == (f"`: ` in a line that goes on with the value of `title` (line "
                       f"{line_of(text, 'title:')}) reads as the start of another key: put the "
                       "whole value of `title` in quotes")


def test_a_key_indented_under_a_plain_value_is_told_as_a_key_first(project: Project) -> None:
    text = VALID_CLAIM.replace("claimant: Armenian authorities\n",
                               "claimant: Armenian authorities\n  role: government\n")
    line, col, message = only_error(project, text)
    assert (line, col) == (line_of(text, "  role:"), 3)
    assert message.startswith("`role:` is indented as if this line went on with the value of "
                              f"`claimant` (line {line_of(text, 'claimant:')}), where YAML "
                              "cannot start a key: if `role` is a key, indent it as the keys "
                              "around it")


# -- tabs ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "col"), [
    ("    stance: supports", "\tstance: supports", 1),
    ("    stance: supports", "  \tstance: supports", 3),
    ("  - source: russia-urges-talks", "\t- source: russia-urges-talks", 1),
    ("tags:", "tags:\n\t- peacekeepers", 1),
])
def test_a_tab_in_the_indentation_says_tab_and_where(project: Project, old: str, new: str,
                                                     col: int) -> None:
    text = replace_line(VALID_CLAIM, old, new)
    line, at, message = only_error(project, text)
    tabbed = next(i for i, t in enumerate(text.split("\n"), 1) if "\t" in t)
    assert (line, at) == (tabbed, col)
    assert message == (f"a tab character at column {col} of this line: YAML indents with "
                       "spaces only; replace the tab with spaces")


# -- a value that goes on to a line indented too little ------------------------------------

def test_a_claim_that_goes_on_unindented_is_reported_at_that_line(project: Project) -> None:
    """libyaml gives up three lines later, at `title:`: the line to fix is the second."""
    text = VALID_CLAIM.replace(CLAIM_LINES, "claim: Russian peacekeepers failed to stop "
                               "Azerbaijan's\nSeptember 2023 offensive in\n  Nagorno-Karabakh,"
                               "\n  as Yerevan says.\n")
    line, col, message = only_error(project, text)
    assert (line, col) == (line_of(text, "September 2023"), 1)
    assert message == ("this line is not a `key: value`, and it is indented too little to go "
                       "on with the value of `claim` (line 2): indent it further than `claim`, "
                       "or join it to the line above; if it is a key, add `: ` after its name")


def test_a_claim_on_the_next_lines_that_goes_on_unindented(project: Project) -> None:
    text = VALID_CLAIM.replace(CLAIM_LINES, "claim:\n  Russian peacekeepers failed to stop\n"
                               "Azerbaijan's September 2023 offensive.\n\n\n")
    line, col, message = only_error(project, text)
    assert (line, col) == (line_of(text, "Azerbaijan's"), 1)
    assert "to go on with the value of `claim` (line 2)" in message


@pytest.mark.parametrize(("old", "new", "key", "col"), [
    # Less indented than `note:`, more than the item's dash: libyaml expects another item.
    ("    note: The report", "    note: The report states\n   the failure as fact.", "note", 4),
    # As indented as the dash: libyaml looks for the colon of a key.
    ("    account:", "    account: RFE/RL\n  Armenian Service", "account", 3),
])
def test_an_evidence_value_that_goes_on_too_little_indented(project: Project, old: str,
                                                            new: str, key: str, col: int) -> None:
    text = replace_line(VALID_CLAIM, old, new)
    bad = line_of(text, new.split("\n")[1])
    line, at, message = only_error(project, text)
    assert (line, at) == (bad, col)
    assert (f"indented too little to go on with the value of `{key}` (line {bad - 1}): "
            f"indent it further than `{key}`") in message


def test_a_key_without_its_colon_is_told_to_add_one(project: Project) -> None:
    text = replace_line(VALID_CLAIM, "claimant:", "claimant Armenian authorities")
    line, col, message = only_error(project, text)
    assert (line, col) == (line_of(text, "claimant Armenian"), 1)
    assert message.endswith("if it is a key, add `: ` after its name")


def test_an_over_indented_key_after_a_quoted_value_still_says_indentation(project: Project
                                                                         ) -> None:
    text = VALID_CLAIM.replace("    stance: supports", "      stance: supports")
    line, _, message = only_error(project, text)
    assert line == line_of(text, "      stance:")
    assert "check the indentation" in message
