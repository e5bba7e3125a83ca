"""Every ``quality lint --format`` parses and carries what its consumers need."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import jsonschema
import pytest

from quality.cli import main
from tests.conftest import ROOT, SEEDS

SCHEMA = json.loads((ROOT / "docs" / "lint-output.schema.json").read_text(encoding="utf-8"))


def lint(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def inputs(tmp_path):
    bot = tmp_path / "bot.txt"
    bot.write_text(
        "As an AI language model, I cannot comment.\nMany question the plan, a glimmer of hope.\n",
        encoding="utf-8",
    )
    return [str(SEEDS[1]), str(bot), str(tmp_path / "missing.md")]


def test_concise_lines_are_path_line_col_code_severity_message(capsys, inputs):
    code, out, err = lint(capsys, "--format", "concise", *inputs)
    assert code == 2 and "missing.md: error: no such file or directory" in err
    finding = re.compile(
        r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{3}\d{3}) "
        r"\[(?P<severity>info|warning|error)\] (?P<message>.+)$"
    )
    matched = [finding.match(line) for line in out.splitlines()]
    hits = [m for m in matched if m]
    assert any(
        m["code"] == "BOT101" and m["severity"] == "error" and m["line"] == "1" for m in hits
    )
    assert any(m["path"] == inputs[0] for m in hits)
    assert "bot.txt: score" in out
    assert out.rstrip().splitlines()[-1].startswith("Found ")


def test_full_shows_source_caret_fix_why_score_and_summary(capsys):
    _, out, _ = lint(capsys, "--format", "full", "--select", "ATT101", str(SEEDS[1]))
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if "ATT101" in line)
    source, caret = lines[index + 2], lines[index + 3]
    assert "Many question" in source
    # the caret run sits exactly under the excerpt
    start = caret.index("^")
    assert source[start : start + len("Many question")] == "Many question"
    assert caret.count("^") == len("Many question")
    assert "= fix:" in lines[index + 4] and "= why:" in lines[index + 5]
    assert "score " in out and "Summary" in out and "mean score:" in out


def test_full_puts_the_caret_under_the_text_after_wide_characters(capsys, tmp_path):
    from rich.cells import cell_len

    path = tmp_path / "wide.txt"
    path.write_text("北京 🙂🙂 Experts say it is a glimmer of hope.\n", encoding="utf-8")
    _, out, _ = lint(capsys, "--format", "full", "--select", "ATT101", "--no-color", str(path))
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if "ATT101" in line)
    source, caret = lines[index + 2], lines[index + 3]
    before = source[: source.index("Experts say")]
    # In terminal cells, as the line is displayed: each of these characters takes two.
    assert caret.index("^") == cell_len(before) == len(before) + 4
    assert caret.count("^") == len("Experts say")


def test_json_is_one_document_valid_against_the_schema(capsys, inputs):
    code, out, _ = lint(capsys, "--format", "json", *inputs)
    assert code == 2
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    assert document["version"] == 1
    assert [f["path"] for f in document["files"]] == inputs[:2]
    assert document["errors"][0]["path"] == inputs[2]
    bot = document["files"][1]
    first = bot["findings"][0]
    assert first["rule"] == "BOT101" and first["severity"] == "error"
    assert (first["line"], first["column"]) == (1, 1)
    source = Path(inputs[1]).read_text(encoding="utf-8")
    assert first["excerpt"] == source[first["start"] : first["end"]]
    assert document["summary"]["files"] == 3 and document["summary"]["errors"] == 1


def test_jsonl_is_one_object_per_file(capsys, inputs):
    _, out, _ = lint(capsys, "--format", "jsonl", *inputs)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in records] == inputs
    file_schema = {**SCHEMA["$defs"]["file"], "$defs": SCHEMA["$defs"]}
    for record in records[:2]:
        jsonschema.validate(record, file_schema)
    jsonschema.validate(records[2], SCHEMA["$defs"]["jsonl_error"])


def test_sarif_has_the_required_structure(capsys, inputs):
    _, out, _ = lint(capsys, "--format", "sarif", *inputs)
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "quality"
    ids = [rule["id"] for rule in driver["rules"]]
    assert "BOT101" in ids and "SUP001" in ids
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        region = location["region"]
        if result["ruleId"] == "quality-score":
            assert region == {"startLine": 1}  # the whole first line: no span explains it
            continue
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (
            region["startLine"],
            region["startColumn"],
        )
    bot = next(r for r in run["results"] if r["ruleId"] == "BOT101")
    assert bot["level"] == "error"
    assert bot["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file://")
    assert run["invocations"][0]["executionSuccessful"] is False
    # The seed fails on its score: code scanning shows that, and where the points went.
    scores = [r for r in run["results"] if r["ruleId"] == "quality-score"]
    seed = next(
        r
        for r in scores
        if "seeds" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    assert seed["level"] == "error"
    assert re.fullmatch(
        r"Score \d+/100 \(grade F\) is under 60; points lost: .+", seed["message"]["text"]
    )


def test_sarif_uses_relative_uris_for_relative_paths(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, out, _ = lint(capsys, "--format", "sarif", "seeds/" + SEEDS[0].name)
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"
    ]["uri"]
    assert uri == "seeds/" + SEEDS[0].name


@pytest.mark.parametrize(
    ("raw", "uri"),
    [
        (b"desk/caf\xe9.md", "desk/caf%E9.md"),
        (b"desk/caf\xc3\xa9 2.md", "desk/caf%C3%A9%202.md"),
        (b"/news/caf\xe9.md", "file:///news/caf%E9.md"),
    ],
)
def test_sarif_uris_percent_encode_the_file_systems_bytes(raw, uri):
    from quality.formats.sarif import artifact_uri

    # Python holds a name that is not UTF-8 as lone surrogates, which quote() cannot encode.
    assert artifact_uri(os.fsdecode(raw)) == uri


def test_sarif_for_a_relative_file_name_that_is_not_utf8(capsys, tmp_path, monkeypatch):
    if sys.platform != "linux":
        pytest.skip("needs a file system that takes any bytes")
    monkeypatch.chdir(tmp_path)
    Path(os.fsdecode(b"caf\xe9.txt")).write_text(SEEDS[0].read_text(encoding="utf-8"))
    code, out, _ = lint(capsys, "--format", "sarif", os.fsdecode(b"caf\xe9.txt"))
    assert code == 1
    artifacts = json.loads(out)["runs"][0]["artifacts"]
    assert artifacts[0]["location"]["uri"] == "caf%E9.txt"


def test_github_workflow_commands(capsys, inputs):
    _, out, _ = lint(capsys, "--format", "github", *inputs)
    command = re.compile(
        r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+)(?:,line=(?P<line>\d+))?"
        r"(?:,col=\d+,endLine=\d+,endColumn=\d+)?,title=(?P<title>[^:]+)::(?P<message>.+)$"
    )
    lines = out.splitlines()
    parsed = [command.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
    assert any(
        m["level"] == "error" and m["title"] == "BOT101" and m["line"] == "1" for m in parsed
    )
    assert any(m["level"] == "notice" for m in parsed)  # info findings are notices
    # A seed fails on its score, and the annotation says where the points went.
    (score,) = [m for m in parsed if m["title"] == "quality score" and "seeds" in m["file"]]
    assert re.fullmatch(
        r"Score \d+/100 \(grade F\) is under 60; points lost: "
        r"[a-z-]+ -\d+\.\d(?:, [a-z-]+ -\d+\.\d)+",
        score["message"],
    ), score["message"]
    assert any(m["file"].endswith("missing.md") and m["level"] == "error" for m in parsed)


def test_github_escapes_property_and_message_text(capsys, tmp_path):
    path = tmp_path / "a,b:c.txt"
    path.write_text("As an AI language model, I cannot comment.\n", encoding="utf-8")
    _, out, _ = lint(capsys, "--format", "github", str(path))
    assert "a%2Cb%3Ac.txt" in out


def test_score_shown_never_rounds_up_past_the_threshold_or_grade_band():
    from quality.formats.concise import score_line
    from quality.formats.style import Style
    from quality.lint.runner import FileResult

    failing = FileResult("a.md", score=59.6, grade="D", fail_under=60.0, failed_by_score=True)
    assert score_line(failing, Style(False)) == (
        "a.md: score 59/100, grade D: FAIL (score under 60)"
    )
    band = FileResult("b.md", score=84.6, grade="B")
    assert score_line(band, Style(False)).startswith("b.md: score 84/100, grade B")
