"""Every problem in one run: a front-matter error does not hide a misquote in the same file."""

from __future__ import annotations

from checkutil import VALID_CLAIM, Project, line_of, replace_line


def test_a_bad_date_and_a_misquote_are_reported_together(project: Project) -> None:
    text = replace_line(VALID_CLAIM, "claim_date: 2023-09", "claim_date: 2023-13")
    text = text.replace("failure to prevent or stop", "failure to halt", 1)
    result, errors = project.check_claim(text)
    assert result.code == 1
    found = {(d.line, d.message.split(":")[0]) for d in errors}
    assert (line_of(text, "claim_date:"), "`claim_date` is `2023-13`") in found
    quote_line = line_of(text, "    quote: ")
    assert any(d.line == quote_line and "the quote is not in source `russia-urges-talks`"
               in d.message for d in errors), errors
    # The claim is not built, and only its own problems are reported.
    assert "0 claims" in result.err and len(errors) == 2


def test_a_missing_key_and_an_unknown_source_are_reported_together(project: Project) -> None:
    text = replace_line(VALID_CLAIM, "claimant: Armenian authorities", "")
    text = text.replace("source: russia-urges-talks", "source: russia-urges-talk", 1)
    result, errors = project.check_claim(text)
    assert result.code == 1
    messages = [d.message for d in errors]
    assert any("required key `claimant` is missing" in m for m in messages), messages
    assert any("unknown source `russia-urges-talk`; did you mean `russia-urges-talks`" in m
               for m in messages), messages


def test_yaml_errors_say_the_likely_fix(project: Project) -> None:
    quoted = VALID_CLAIM.replace('note: The report states the failure as fact.',
                                 'note: "The report says "failure" as fact."')
    _, errors = project.check_claim(quoted)
    assert len(errors) == 1 and "write it as `\\\"`" in errors[0].message, errors
    assert errors[0].line == line_of(quoted, '    note: "The report')
    indented = VALID_CLAIM.replace("    stance: supports", "      stance: supports")
    _, errors = project.check_claim(indented)
    assert len(errors) == 1 and "check the indentation" in errors[0].message, errors
