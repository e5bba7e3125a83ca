"""Lint configuration: discovery, precedence, every key, and errors that name file and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quality.cli import main
from quality.errors import ConfigError
from quality.lint.config import ConfigFinder, load_config_file

# A cliché, a vague source and a date: FIL101, ATT101 and nothing at error level.
TEXT = (
    "The council met on 5 March 2024 and approved the budget by seven votes to two.\n"
    "Experts say the plan offers a glimmer of hope for the town and its residents.\n"
)


def lint(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def codes(out: str) -> set[str]:
    return {line.split(": ")[1].split()[0] for line in out.splitlines() if line.count(":") >= 3}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "desk" / "sport").mkdir(parents=True)
    for folder in (tmp_path, tmp_path / "desk", tmp_path / "desk" / "sport"):
        (folder / "story.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def test_closest_configuration_wins(capsys, tree):
    (tree / "pyproject.toml").write_text('[tool.quality]\nignore = ["FIL"]\n', encoding="utf-8")
    (tree / "desk" / "quality.toml").write_text('ignore = ["ATT"]\n', encoding="utf-8")
    _, out, _ = lint(capsys, "--fail-under", "0", str(tree))
    by_file: dict[str, set[str]] = {}
    for line in out.splitlines():
        if line.count(":") >= 3:
            by_file.setdefault(line.split(":")[0], set()).add(line.split(": ")[1].split()[0])
    top, desk, sport = (
        str(p / "story.txt") for p in (tree, tree / "desk", tree / "desk" / "sport")
    )
    assert "FIL101" not in by_file.get(top, set()) and "ATT101" in by_file[top]
    assert "ATT101" not in by_file[desk] and "FIL101" in by_file[desk]
    assert by_file[sport] == by_file[desk]  # inherits the closest one, not the root's


def test_dot_quality_toml_beats_quality_toml_beats_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.quality]\nfail-under = 10\n", encoding="utf-8")
    finder = ConfigFinder(tmp_path)
    assert finder.for_file(tmp_path / "a.txt").fail_under == 10
    (tmp_path / "quality.toml").write_text("fail-under = 20\n", encoding="utf-8")
    assert ConfigFinder(tmp_path).for_file(tmp_path / "a.txt").fail_under == 20
    (tmp_path / ".quality.toml").write_text("fail-under = 30\n", encoding="utf-8")
    assert ConfigFinder(tmp_path).for_file(tmp_path / "a.txt").fail_under == 30


def test_pyproject_without_tool_quality_is_passed_over(tmp_path):
    (tmp_path / "quality.toml").write_text("fail-under = 20\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text(
        "[tool.black]\nline-length = 88\n", encoding="utf-8"
    )
    assert load_config_file(tmp_path / "sub" / "pyproject.toml") is None
    assert ConfigFinder(tmp_path).for_file(tmp_path / "sub" / "a.txt").fail_under == 20


def test_config_option_overrides_discovery(capsys, tree):
    (tree / "quality.toml").write_text('ignore = ["FIL"]\n', encoding="utf-8")
    other = tree / "elsewhere.toml"
    other.write_text('ignore = ["ATT"]\n', encoding="utf-8")
    _, out, _ = lint(capsys, "--fail-under", "0", "--config", str(other), str(tree / "story.txt"))
    assert "FIL101" in codes(out) and "ATT101" not in codes(out)


def test_command_line_select_replaces_and_ignore_adds(capsys, tree):
    (tree / "quality.toml").write_text('select = ["FIL"]\nignore = ["FIL001"]\n', encoding="utf-8")
    story = str(tree / "story.txt")
    _, out, _ = lint(capsys, "--fail-under", "0", story)
    assert codes(out) == {"FIL101"}
    _, out, _ = lint(capsys, "--fail-under", "0", "--select", "ATT", story)
    assert codes(out) == {"ATT101"}
    _, out, _ = lint(capsys, "--fail-under", "0", "--ignore", "FIL101", story)
    assert codes(out) == set()


def test_fail_under_min_severity_and_fail_on_from_config(capsys, tree):
    story = str(tree / "story.txt")
    (tree / "quality.toml").write_text("fail-under = 99\n", encoding="utf-8")
    assert lint(capsys, story)[0] == 1
    assert lint(capsys, "--fail-under", "0", story)[0] == 0  # the command line wins
    (tree / "quality.toml").write_text(
        'fail-under = 0\nmin-severity = "warning"\n', encoding="utf-8"
    )
    code, out, _ = lint(capsys, story)
    assert code == 0 and "FIL101" not in out and "ATT101" in out
    (tree / "quality.toml").write_text('fail-under = 0\nfail-on = "warning"\n', encoding="utf-8")
    assert lint(capsys, story)[0] == 1


def test_per_file_ignores(capsys, tree):
    (tree / "quality.toml").write_text(
        # The text is undated (its first line is a sentence, not a date line): DAT101 too.
        '[per-file-ignores]\n"desk/sport/*.txt" = ["ATT", "DAT101"]\n"story.txt" = ["FIL101"]\n',
        encoding="utf-8",
    )
    _, out, _ = lint(capsys, "--fail-under", "0", str(tree))
    findings = [line for line in out.splitlines() if line.count(":") >= 3]
    assert not [line for line in findings if "/sport/" in line]
    assert [line for line in findings if "/desk/story.txt" in line and "ATT101" in line]
    assert "FIL101" not in out  # a slash-less glob matches the name in every folder


def test_weights_scorer_options_and_allow(capsys, tree):
    story = str(tree / "story.txt")
    _, before, _ = lint(capsys, "--format", "json", story)
    (tree / "quality.toml").write_text(
        'allow = ["a glimmer of hope"]\n'
        "[weights]\nattribution = 0\n"
        '[scorers.filler]\nextra-phrases = ["the budget"]\n'
        '[scorers.attribution]\nallowed-sources = ["experts"]\n',
        encoding="utf-8",
    )
    _, after, _ = lint(capsys, "--format", "json", story)
    before_file, after_file = json.loads(before)["files"][0], json.loads(after)["files"][0]
    after_codes = {f["rule"] for f in after_file["findings"]}
    assert "FIL101" not in after_codes
    assert "FIL100" in after_codes  # the house phrase
    assert after_file["score"] >= before_file["score"]


def test_weights_file_key(capsys, tree):
    weights = json.loads(
        (Path(__file__).resolve().parent.parent / "quality" / "data" / "weights.json").read_text()
    )
    weights["fail_under"] = 99
    (tree / "strict.json").write_text(json.dumps(weights), encoding="utf-8")
    (tree / "quality.toml").write_text('weights-file = "strict.json"\n', encoding="utf-8")
    code, out, _ = lint(capsys, str(tree / "story.txt"))
    assert code == 1 and "score under 99" in out


@pytest.mark.parametrize(
    ("content", "key", "expected"),
    [
        ("fail-undr = 5\n", "fail-undr", "did you mean 'fail-under'"),
        ('fail-under = "high"\n', "fail-under", "must be a number"),
        ('select = "FIL"\n', "select", "must be an array of rule codes"),
        ('min-severity = "loud"\n', "min-severity", 'one of "info", "warning", "error"'),
        ('select = ["NOPE1"]\n', "select", "unknown rule code or prefix 'NOPE1'"),
        ("[scorers.nosuch]\nx = 1\n", "scorers.nosuch", "unknown scorer"),
        ("[weights]\nfiller = -3\n", "weights.filler", "must be a number at least 0"),
        (
            '[scorers.filler]\nextra-phrases = "going forward"\n',
            "scorers.filler.extra-phrases",
            "must be an array, got string 'going forward'",
        ),
        ('weights-file = "missing.json"\n', "", "cannot read weights file"),
        # nan compares false with everything, so range checks alone let it through.
        ("fail-under = nan\n", "fail-under", "must be a number between 0 and 100, got number nan"),
        ("[weights]\nfiller = nan\n", "weights.filler", "must be a number at least 0"),
        ("[weights]\nfiller = inf\n", "weights.filler", "got number inf"),
        ("max-file-size = nan\n", "max-file-size", "must be a number at least 0"),
        ("max-file-size = inf\n", "max-file-size", "got number inf"),
        ("max-file-size = 1" + "0" * 400 + "\n", "max-file-size", "must be a number at least 0"),
    ],
)
def test_invalid_configuration_exits_2_naming_file_and_key(capsys, tree, content, key, expected):
    config = tree / "quality.toml"
    config.write_text(content, encoding="utf-8")
    code, _, err = lint(capsys, str(tree / "story.txt"))
    assert code == 2
    assert str(config) in err
    assert f"'{key}'" in err or not key
    assert expected in err


def test_weights_file_that_is_not_utf8_is_a_configuration_error(capsys, tree):
    (tree / "weights.json").write_bytes(b"\xff\xfe{}")
    config = tree / "quality.toml"
    config.write_text('weights-file = "weights.json"\n', encoding="utf-8")
    code, _, err = lint(capsys, str(tree / "story.txt"))
    assert code == 2
    assert str(config) in err and "weights.json: weights file is not valid UTF-8" in err


def test_invalid_pyproject_names_the_tool_quality_key(capsys, tree):
    (tree / "pyproject.toml").write_text("[tool.quality]\nignore = [1]\n", encoding="utf-8")
    code, _, err = lint(capsys, str(tree / "story.txt"))
    assert code == 2 and "pyproject.toml" in err and "'tool.quality.ignore'" in err


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ("allowed-sources = 3", "allowed-sources' must be an array, got integer 3"),
        (
            "colour = 3",
            "colour': scorer 'attribution' has no such option (options: allowed-sources)",
        ),
    ],
)
def test_bad_scorer_option_in_pyproject_names_the_tool_quality_key(capsys, tree, setting, problem):
    (tree / "pyproject.toml").write_text(
        f"[tool.quality.scorers.attribution]\n{setting}\n", encoding="utf-8"
    )
    code, _, err = lint(capsys, str(tree / "story.txt"))
    assert code == 2
    assert f"{tree / 'pyproject.toml'}: key 'tool.quality.scorers.attribution.{problem}" in err


def test_invalid_toml_and_missing_config_option(capsys, tree):
    (tree / "quality.toml").write_text("select = [\n", encoding="utf-8")
    code, _, err = lint(capsys, str(tree / "story.txt"))
    assert code == 2 and "invalid TOML" in err
    code, _, err = lint(capsys, "--config", str(tree / "none.toml"), str(tree / "story.txt"))
    assert code == 2 and "none.toml: configuration file not found" in err


def test_broken_config_is_reported_once_and_other_trees_still_linted(capsys, tree):
    (tree / "desk" / "quality.toml").write_text("bogus = 1\n", encoding="utf-8")
    code, out, err = lint(capsys, "--fail-under", "0", str(tree))
    assert code == 2
    assert err.count("unknown key 'bogus'") == 1 and "2 files not linted" in err
    assert f"{tree / 'story.txt'}: score" in out


def test_parse_rejects_bad_scorer_option_type(tmp_path):
    config = tmp_path / "quality.toml"
    config.write_text("[scorers]\nfiller = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'scorers\.filler' must be a table"):
        load_config_file(config)


def test_a_symlinked_file_follows_the_configuration_of_its_own_folder(capsys, tmp_path):
    """The search walks up from the folder the link is in, not from its target's."""
    (tmp_path / "real").mkdir()
    (tmp_path / "desk" / "sport").mkdir(parents=True)
    target = tmp_path / "real" / "story.txt"
    target.write_text(TEXT, encoding="utf-8")
    (tmp_path / "real" / "quality.toml").write_text('ignore = ["FIL"]\n', encoding="utf-8")
    (tmp_path / "desk" / "quality.toml").write_text(
        'ignore = ["ATT"]\n[per-file-ignores]\n"sport/*.txt" = ["DAT"]\n', encoding="utf-8"
    )
    link = tmp_path / "desk" / "sport" / "story.txt"
    try:
        link.symlink_to(target)
    except OSError:
        pytest.skip("symbolic links not available")
    finder = ConfigFinder(tmp_path)
    config = finder.for_file(link)
    assert config.source == str(tmp_path / "desk" / "quality.toml")
    assert config.ignores_for(link) == ("DAT",)
    assert finder.for_file(target).ignore == ("FIL",)
    _, out, _ = lint(capsys, "--fail-under", "0", str(link))
    assert "FIL101" in codes(out) and "ATT101" not in codes(out)
