"""A newsroom's own rule files: the configuration's ``rules`` key, and ``--rules`` on the
batch commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quality.cli import main
from tests.test_rules_qa import HOUSE_RULES, HOUSE_TEXT


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose configuration brings house rules; the working folder is its root."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "banned.toml").write_text(HOUSE_RULES)
    (tmp_path / "pyproject.toml").write_text('[tool.quality]\nrules = ["house"]\n')
    (tmp_path / "story.txt").write_text(HOUSE_TEXT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_lint_reads_the_rules_its_configuration_names(newsroom, capsys) -> None:
    assert main(["lint", "story.txt"]) == 0
    assert "story.txt:1:21: FIL900 [warning] House style bans this word" in capsys.readouterr().out


def test_a_code_on_the_command_line_may_name_a_configured_house_rule(newsroom, capsys) -> None:
    assert main(["lint", "--select", "FIL900", "story.txt"]) == 0
    out = capsys.readouterr().out
    assert "FIL900" in out and "DAT101" not in out
    assert main(["lint", "--ignore", "FIL900", "story.txt"]) == 0
    assert "FIL900" not in capsys.readouterr().out


def test_configured_rules_are_described_in_sarif(newsroom, capsys) -> None:
    main(["lint", "--format", "sarif", "story.txt"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert "FIL900" in [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "FIL900" in [result["ruleId"] for result in run["results"]]


def test_a_folder_with_its_own_configuration_does_not_inherit_the_rules(newsroom, capsys) -> None:
    (newsroom / "wire").mkdir()
    (newsroom / "wire" / "quality.toml").write_text("fail-under = 10\n")
    (newsroom / "wire" / "story.txt").write_text(HOUSE_TEXT)
    assert main(["lint", "."]) == 0
    out = capsys.readouterr().out
    assert "story.txt:1:21: FIL900" in out
    assert "wire/story.txt:1:21: FIL900" not in out


def test_rule_places_are_read_against_the_configurations_folder(newsroom, capsys) -> None:
    (newsroom / "desk").mkdir()
    (newsroom / "desk" / "story.txt").write_text(HOUSE_TEXT)
    (newsroom / "desk" / "quality.toml").write_text('rules = "../house/banned.toml"\n')
    assert main(["lint", "desk"]) == 0
    assert "desk/story.txt:1:21: FIL900" in capsys.readouterr().out


def test_a_missing_rule_folder_is_an_error_of_that_configuration(newsroom, capsys) -> None:
    (newsroom / "desk").mkdir()
    (newsroom / "desk" / "story.txt").write_text(HOUSE_TEXT)
    (newsroom / "desk" / "quality.toml").write_text('rules = ["hous"]\n')
    assert main(["lint", "."]) == 2
    captured = capsys.readouterr()
    assert "story.txt:1:21: FIL900" in captured.out  # the root's files are still linted
    assert (
        f"invalid configuration: {newsroom / 'desk' / 'quality.toml'}: key 'rules': 'hous' "
        f"not found (looked for {newsroom.resolve() / 'desk' / 'hous'})"
    ) in captured.err


def test_a_broken_house_rule_names_the_configuration_the_file_and_the_rule(
    newsroom, capsys
) -> None:
    (newsroom / "house" / "banned.toml").write_text(HOUSE_RULES.replace('"warning"', '"loud"'))
    assert main(["lint", "story.txt"]) == 2
    err = capsys.readouterr().err
    assert f"{newsroom / 'pyproject.toml'}: key 'tool.quality.rules': " in err
    assert "banned.toml [rule FIL900]: unknown severity 'loud'" in err and "(line 4)" in err


def test_a_house_rule_cannot_take_a_code_of_the_linters_own(newsroom, capsys) -> None:
    (newsroom / "house" / "banned.toml").write_text(HOUSE_RULES.replace("FIL900", "SUP002"))
    assert main(["lint", "story.txt"]) == 2
    assert "code SUP002 belongs to the linter's own rule" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", "must be an array of rule folders or files (non-empty strings), got integer 3"),
        ("[]", "must be an array of rule folders or files (non-empty strings), got array []"),
        ('[""]', "must be an array of rule folders or files"),
    ],
)
def test_the_rules_key_takes_paths(newsroom, capsys, value, expected) -> None:
    (newsroom / "pyproject.toml").write_text(f"[tool.quality]\nrules = {value}\n")
    assert main(["lint", "story.txt"]) == 2
    assert f"key 'tool.quality.rules' {expected}" in capsys.readouterr().err


def test_quality_rule_explains_a_configured_house_rule(newsroom, capsys) -> None:
    assert main(["rule", "FIL900"]) == 0
    assert "house-banned" in capsys.readouterr().out
    assert main(["rules"]) == 0
    assert "FIL900" in capsys.readouterr().out


def test_score_and_sources_take_house_rules(newsroom, capsys) -> None:
    line = json.dumps({"id": "a", "text": HOUSE_TEXT})
    (newsroom / "feed.jsonl").write_text(line + "\n")
    assert main(["score", "-j", "1", "--rules", "house", "feed.jsonl"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "FIL900" in [finding["rule"] for finding in record["findings"]]
    assert main(["score", "-j", "1", "feed.jsonl"]) == 0  # the configuration is lint's
    assert "FIL900" not in capsys.readouterr().out
    assert main(["sources", "-j", "1", "--rules", "house", "--format", "json", "feed.jsonl"]) == 0
    assert "FIL900" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["score", "sources"])
def test_batch_commands_refuse_a_missing_or_empty_rule_place(newsroom, capsys, command) -> None:
    (newsroom / "feed.jsonl").write_text(json.dumps({"text": HOUSE_TEXT}) + "\n")
    (newsroom / "out.jsonl").write_text("kept\n")
    assert main([command, "--rules", "nope", "-o", "out.jsonl", "feed.jsonl"]) == 2
    assert "nope: rules directory not found" in capsys.readouterr().err
    assert (newsroom / "out.jsonl").read_text() == "kept\n"  # checked before the output opens
    assert main([command, "--rules", " ", "feed.jsonl"]) == 2
    assert "--rules needs a folder or file name" in capsys.readouterr().err


def test_a_house_rule_cannot_take_another_scorers_code_prefix(newsroom, capsys) -> None:
    # `--ignore ATT` would silently switch the filler rule off with the attribution rules.
    (newsroom / "house" / "banned.toml").write_text(HOUSE_RULES.replace("FIL900", "ATT900"))
    assert main(["lint", "story.txt"]) == 2
    err = capsys.readouterr().err
    assert "banned.toml [rule ATT900]: code prefix ATT belongs to the attribution scorer's " in err
    assert main(["rules"]) == 2
    assert "code prefix ATT belongs to the attribution scorer's rules" in capsys.readouterr().err
    (newsroom / "house" / "banned.toml").write_text(HOUSE_RULES.replace("FIL900", "HSE900"))
    assert main(["lint", "--select", "HSE", "story.txt"]) == 0
    assert "HSE900 [warning] House style bans this word" in capsys.readouterr().out


def test_a_prefix_clash_given_on_the_command_line_stops_the_run_at_once(newsroom, capsys) -> None:
    (newsroom / "other").mkdir()
    (newsroom / "other" / "a.toml").write_text(HOUSE_RULES.replace("FIL900", "ATT901"))
    assert main(["lint", "--rules", "other", "story.txt"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("quality lint: error: ")
    assert "[rule ATT901]: code prefix ATT belongs to the attribution scorer's" in captured.err
    assert "story.txt" not in captured.out  # not one error per file


def test_quality_rule_explains_a_rule_beside_a_broken_configuration(newsroom, capsys) -> None:
    (newsroom / "pyproject.toml").write_text('[tool.quality]\nfail-under = "high"\n')
    assert main(["rule", "FIL101"]) == 0
    captured = capsys.readouterr()
    assert "FIL101 (cliche)" in captured.out
    assert "warning:" in captured.err and "fail-under" in captured.err
