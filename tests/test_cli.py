"""The `factcheck` command: exit codes, output formats, skeletons and JSON Schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from checkutil import (
    SOURCES,
    SUMMARY,
    VALID_CLAIM,
    Project,
    assert_no_traceback,
    line_of,
    run_cli,
    run_subprocess,
)
from generator import clock
from generator.content.fields import CLAIM_FIELDS, PERSON_FIELDS, SOURCE_FIELDS
from generator.content.settings import DEFAULT_VERDICTS

# -- check: exit codes -----------------------------------------------------------------


def test_check_a_clean_project_exits_0_and_prints_only_a_summary(project: Project) -> None:
    project.claim(VALID_CLAIM)
    result = project.check()
    assert result.code == 0
    assert result.out == ""
    assert result.err.strip() == "5 sources, 1 claims, 1 quotes anchored; 0 error(s)"


def test_check_the_seed_fixture_is_clean() -> None:
    result = run_cli(["check", "--root", str(SOURCES.parent)])
    assert result.code == 0, result.out
    assert result.errors == []


def test_check_with_errors_exits_1_and_prints_each_as_path_line_col(project: Project) -> None:
    text = VALID_CLAIM.replace("verdict: mostly-true", "verdict: mostly-ture")
    path = project.claim(text)
    result = project.check()
    assert result.code == 1
    assert [d.at for d in result.diags] == [f"{path}:{line_of(text, 'verdict:')}:10"]
    assert result.lines[0].startswith(f"{path}:8:10: error: `verdict` is `mostly-ture`")
    assert result.err.strip().endswith("; 1 error(s)")


def test_check_runs_from_the_current_folder_by_default(project: Project) -> None:
    project.claim(VALID_CLAIM.replace("stance: supports", "stance: support"))
    result = run_subprocess(["check"], cwd=project.root)
    assert result.code == 1
    assert result.diags[0].path == "content/claims/the-claim.md"


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        [],
        ["check", "--format", "xml"],
        ["check", "--no-such-option"],
        ["new", "claim"],
        ["new", "essay", "x"],
    ],
)
def test_bad_usage_exits_2(argv: list[str]) -> None:
    result = run_cli(argv)
    assert result.code == 2
    assert result.out == ""
    assert "usage: factcheck" in result.err


def test_bad_usage_exits_2_from_the_shell_too(tmp_path: Path) -> None:
    result = run_subprocess(["frobnicate"], cwd=tmp_path)
    assert result.code == 2
    assert "invalid choice: 'frobnicate'" in result.err
    assert_no_traceback(result)


@pytest.mark.parametrize("command", ["check", "new claim x", "schema", "build"])
def test_a_root_that_is_not_a_folder_exits_2(tmp_path: Path, command: str) -> None:
    for root in (tmp_path / "missing", tmp_path / "a-file"):
        if root.name == "a-file":
            root.write_text("x", encoding="utf-8")
        result = run_cli([*command.split(), "--root", str(root)])
        assert result.code == 2
        assert result.err.strip() == f"factcheck: --root {root} is not a folder"
        assert result.out == ""


def test_a_bad_root_exits_2_from_the_shell_without_a_traceback(tmp_path: Path) -> None:
    result = run_subprocess(["check", "--root", str(tmp_path / "missing")], cwd=tmp_path)
    assert result.code == 2
    assert "is not a folder" in result.err
    assert_no_traceback(result)


def test_a_clean_and_a_broken_run_from_the_shell(project: Project) -> None:
    project.claim(VALID_CLAIM)
    clean = project.subprocess("check")
    assert (clean.code, clean.out) == (0, "")
    assert SUMMARY.match(clean.err.strip())
    project.claim("---\nclaim: [unclosed\n---\n", "broken")
    broken = project.subprocess("check")
    assert broken.code == 1
    assert [d.path for d in broken.diags] == ["content/claims/broken.md"]
    assert_no_traceback(broken)


# -- check --format github ---------------------------------------------------------------

GITHUB = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::(.+)$")


def test_github_format_prints_workflow_annotations(project: Project) -> None:
    text = VALID_CLAIM.replace("verdict: mostly-true", "verdict: mostly-ture").replace(
        "stance: supports", "stance: support")
    project.claim(text)
    result = project.check("--format", "github")
    assert result.code == 1
    annotations = [GITHUB.match(line) for line in result.lines]
    assert all(annotations), result.out
    got = [(m[1], m[2], int(m[3]), int(m[4])) for m in annotations if m]
    assert got == [
        ("error", "content/claims/the-claim.md", 8, 10),
        ("error", "content/claims/the-claim.md", 20, 13),
    ]
    assert result.lines[0].startswith(
        "::error file=content/claims/the-claim.md,line=8,col=10::`verdict` is `mostly-ture`")


def test_github_format_escapes_what_would_end_an_annotation(project: Project) -> None:
    text = VALID_CLAIM.replace("verdict: mostly-true", 'verdict: "100%\\nsure"')
    project.claim(text, "per-cent")
    result = project.check("--format", "github")
    assert len(result.lines) == 1
    assert result.lines[0].startswith(
        "::error file=content/claims/per-cent.md,line=8,col=10::`verdict` is `100%25%0Asure`")


def test_github_format_is_empty_when_clean(project: Project) -> None:
    project.claim(VALID_CLAIM)
    result = project.check("--format", "github")
    assert (result.code, result.out) == (0, "")


def test_text_format_keeps_each_diagnostic_on_one_line(project: Project) -> None:
    text = VALID_CLAIM.replace("verdict: mostly-true", 'verdict: "mostly\\ntrue"')
    project.claim(text)
    result = project.check()
    assert result.code == 1
    assert len(result.out.split("\n")) == 2, result.out  # one line and the final newline
    assert result.diags[0].at == "content/claims/the-claim.md:8:10"


# -- new ---------------------------------------------------------------------------------

def fill(text: str, values: dict[str, str]) -> str:
    """Put real values where the skeleton has `key: ""`."""
    for key, value in values.items():
        pattern = re.compile(rf'^(\s*(?:- )?{key}: )""(.*)$', re.MULTILINE)
        assert len(pattern.findall(text)) == 1, key
        text = pattern.sub(lambda m, v=value: m[1] + v + m[2], text)
    return text


def test_new_claim_writes_a_skeleton_that_check_explains(project: Project) -> None:
    result = project.run("new", "claim", "peacekeepers-failed")
    path = project.claims / "peacekeepers-failed.md"
    assert result.code == 0
    assert result.out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert f"published: {clock.today().isoformat()}" in text
    assert ", ".join(v.key for v in DEFAULT_VERDICTS) in text
    checked = project.check()
    assert checked.code == 1
    rel = "content/claims/peacekeepers-failed.md"
    got = [(d.line, d.message.split(" in ")[0]) for d in checked.errors_for(rel)]
    assert got == [
        (line_of(text, "claim:"), "required key `claim` is empty"),
        (line_of(text, "claimant:"), "required key `claimant` is empty"),
        (line_of(text, "claim_date:"), "required key `claim_date` is empty"),
        (line_of(text, "verdict:"), "required key `verdict` is empty"),
        (line_of(text, "summary:"), "required key `summary` is empty"),
        (line_of(text, "  - source:"), "required key `source` is empty"),
        (line_of(text, "    quote:"), "required key `quote` is empty"),
        (line_of(text, "    stance:"), "required key `stance` is empty"),
    ]


def test_new_claim_filled_in_with_real_values_passes_check(project: Project) -> None:
    assert project.run("new", "claim", "peacekeepers-failed").code == 0
    path = project.claims / "peacekeepers-failed.md"
    text = fill(path.read_text(encoding="utf-8"), {
        "claim": "Russian peacekeepers failed to stop Azerbaijan's offensive.",
        "claimant": "Armenian authorities",
        "claim_date": "2023-09",
        "verdict": "mostly-true",
        "summary": "The report states the failure as fact.",
        "source": "lavrov-mirzoyan-talks",
        "quote": "\"Armenian authorities accuse Moscow's peacekeepers … of failing to stop "
                 "the Azerbaijani onslaught\"",
        "stance": "supports",
    })
    path.write_text(text, encoding="utf-8")
    result = project.check()
    assert result.errors == [], result.out
    assert result.code == 0
    assert result.err.strip() == "5 sources, 1 claims, 1 quotes anchored; 0 error(s)"


def test_new_source_filled_in_and_quoted_passes_check(project: Project) -> None:
    result = project.run("new", "source", "galuzin-meeting")
    path = project.root / "sources" / "galuzin-meeting.md"
    assert result.code == 0 and result.out.strip() == str(path)
    skeleton = path.read_text(encoding="utf-8")
    assert project.check().errors_for("sources/galuzin-meeting.md")[0].message.startswith(
        "required key `title` is empty in the source")
    seed = (SOURCES / "russia-urges-talks.md").read_text(encoding="utf-8")
    body = seed.split("---\n", 2)[2]
    head = fill(skeleton.split("---\n", 2)[1], {"title": '"Russia urges Armenia to resume talks"'})
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    assert project.run("pin", "galuzin-meeting").code == 0
    project.claim(VALID_CLAIM.replace("  - source: russia-urges-talks",
                                      "  - source: galuzin-meeting"))
    result = project.check()
    assert result.errors == [], result.out
    assert result.code == 0


def test_new_refuses_a_bad_name_and_an_existing_file(project: Project) -> None:
    bad = project.run("new", "claim", "Bad_Name")
    assert bad.code == 2
    assert "`Bad_Name` is not a valid name" in bad.err
    assert not (project.claims / "Bad_Name.md").exists()
    project.claim(VALID_CLAIM, "taken")
    taken = project.run("new", "claim", "taken")
    assert taken.code == 1
    assert "already exists" in taken.err
    assert (project.claims / "taken.md").read_text(encoding="utf-8") == VALID_CLAIM


# -- schema ------------------------------------------------------------------------------

def violations(schema: dict[str, Any], value: Any, where: str = "") -> list[str]:
    """The JSON Schema keywords `factcheck schema` uses, applied (jsonschema is not a dep)."""
    out: list[str] = []
    known = {"$schema", "title", "description", "default", "type", "properties", "required",
             "additionalProperties", "pattern", "enum", "minLength", "maxLength", "items",
             "minItems", "maxItems", "anyOf"}
    assert set(schema) <= known, set(schema) - known
    types = {"object": dict, "array": list, "string": str, "integer": int}
    if "type" in schema and not isinstance(value, types[schema["type"]]):
        return [f"{where}: not {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not in enum")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match")
    if "minLength" in schema and len(value) < schema["minLength"]:
        out.append(f"{where}: too short")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        out.append(f"{where}: too long")
    if "minItems" in schema and len(value) < schema["minItems"]:
        out.append(f"{where}: too few items")
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        out.append(f"{where}: too many items")
    if "items" in schema:
        for i, item in enumerate(value):
            out += violations(schema["items"], item, f"{where}[{i}]")
    if "anyOf" in schema and all(violations(s, value, where) for s in schema["anyOf"]):
        out.append(f"{where}: matches none of anyOf")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}: missing {key}")
        for key, item in value.items():
            if key in props:
                out += violations(props[key], item, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{where}: unknown {key}")
    return out


def front_matter(text: str) -> Any:
    """As an editor's YAML language server sees it: every scalar a string."""
    return yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader)


@pytest.fixture
def schemas(project: Project) -> dict[str, dict[str, Any]]:
    result = project.run("schema")
    assert result.code == 0
    written = result.out.split()
    assert [Path(p).name for p in written] == ["claim.schema.json", "source.schema.json",
                                               "person.schema.json"]
    return {Path(p).name.split(".")[0]: json.loads(Path(p).read_text(encoding="utf-8"))
            for p in written}


def test_schema_writes_a_json_schema_per_format(schemas: dict[str, dict[str, Any]]) -> None:
    claim, source, person = schemas["claim"], schemas["source"], schemas["person"]
    for schema, fields in ((claim, CLAIM_FIELDS), (source, SOURCE_FIELDS),
                           (person, PERSON_FIELDS)):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False
        assert list(schema["properties"]) == [f.name for f in fields]
        assert schema["required"] == [f.name for f in fields if f.required]
        assert all(p["description"] for p in schema["properties"].values())
    # The keys, and the booleans YAML reads for an unquoted `true` and `false`.
    assert claim["properties"]["verdict"]["enum"] == [
        *(v.key for v in DEFAULT_VERDICTS), True, False]
    evidence = claim["properties"]["evidence"]
    assert evidence["type"] == "array" and evidence["minItems"] == 1
    assert evidence["items"]["required"] == ["source", "quote", "stance"]
    assert evidence["items"]["properties"]["stance"]["enum"] == ["supports", "refutes",
                                                                   "context"]
    assert source["required"] == ["title"]
    assert "default" not in source["properties"]["language"]  # shown as not recorded


def test_the_seed_like_claim_and_the_seed_sources_validate(schemas: dict[str, dict[str, Any]]
                                                           ) -> None:
    assert violations(schemas["claim"], front_matter(VALID_CLAIM)) == []
    for path in sorted(SOURCES.glob("*.md")):
        data = front_matter(path.read_text(encoding="utf-8"))
        assert violations(schemas["source"], data) == [], path


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("verdict: mostly-true", "verdict: mostly-ture", ".verdict: 'mostly-ture' not in enum"),
        ("claim_date: 2023-09", "claim_date: 2023-9", ".claim_date: '2023-9' does not match"),
        ("tags:", "tagz:", ": unknown tagz"),
        ("    stance: supports", "    stance: support", ".evidence[0].stance: 'support' not"),
        ("  - source: russia-urges-talks", "  - source: Russia_Urges",
         ".evidence[0].source: 'Russia_Urges' does not match"),
        ("appearance: lavrov-mirzoyan-talks", "appearance: ftp://x", ".appearance: matches none"),
        ("claimant: Armenian authorities", "claimant: ''", ".claimant: too short"),
    ],
)
def test_the_schema_rejects_what_check_rejects(schemas: dict[str, dict[str, Any]], old: str,
                                               new: str, problem: str) -> None:
    assert VALID_CLAIM.count(old) == 1
    got = violations(schemas["claim"], front_matter(VALID_CLAIM.replace(old, new)))
    assert len(got) == 1 and got[0].startswith(problem), got


def test_the_schema_follows_the_configured_verdict_scale(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      per_page: 20",
        "      per_page: 20\n      verdicts:\n"
        "        - {key: correct, label: Correct, definition: It is., colour: '#080', "
        "icon: '+'}\n")
    project.write("mkdocs.yml", config)
    result = project.run("schema", "--out", "editor/schemas")
    assert result.code == 0
    claim = json.loads((project.root / "editor/schemas/claim.schema.json").read_text("utf-8"))
    assert claim["properties"]["verdict"]["enum"] == ["correct"]
