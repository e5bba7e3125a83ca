"""Odd but legitimate inputs to ``quality lint`` and ``quality rule``: machine formats that
stay valid, configuration globs as ruff users write them, and the pre-commit hook."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from quality.cli import main
from quality.lint.config import LintConfig
from tests.conftest import ROOT

STORY = "Experts say the plan offers a glimmer of hope for the town and its residents.\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sarif_run(out: str) -> dict:
    document = json.loads(out)
    assert document["version"] == "2.1.0"
    (only,) = document["runs"]
    return only


# SARIF


def test_sarif_artifacts_stay_unique_when_a_file_is_also_read_from_stdin(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    Path("story.md").write_text(STORY, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    _, out, _ = run(
        capsys, "lint", "story.md", "-", "--stdin-filename", "story.md", "--format", "sarif"
    )
    sarif = sarif_run(out)
    artifacts = sarif["artifacts"]
    # SARIF's schema makes run.artifacts uniqueItems.
    assert len({json.dumps(a, sort_keys=True) for a in artifacts}) == len(artifacts) == 1
    for result in sarif["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifacts[location["index"]]["location"]["uri"] == location["uri"]


def test_sarif_declares_a_lone_carriage_return_as_a_line_break(capsys, tmp_path):
    path = tmp_path / "old-mac.txt"
    path.write_bytes(b"Council meets.\r" + STORY.encode())
    _, out, _ = run(capsys, "lint", str(path), "--select", "ATT101", "--format", "sarif")
    sarif = sarif_run(out)
    # By default SARIF counts only \r\n and \n; the linter puts this finding on line 2.
    assert "\r" in sarif["newlineSequences"]
    (result,) = sarif["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_sarif_columns_count_code_points_after_emoji(capsys, tmp_path):
    path = tmp_path / "emoji.txt"
    path.write_text("😀😀 " + STORY, encoding="utf-8")
    _, out, _ = run(capsys, "lint", str(path), "--select", "ATT101", "--format", "sarif")
    sarif = sarif_run(out)
    assert sarif["columnKind"] == "unicodeCodePoints"
    (result,) = sarif["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (4, 4 + len("Experts say"))


@pytest.mark.parametrize(
    ("name", "uri"),
    [("a b.md", "a%20b.md"), ("#1.md", "%231.md"), ("100%.md", "100%25.md"), ("é.md", "%C3%A9.md")],
)
def test_sarif_uris_escape_spaces_hashes_percents_and_non_ascii(
    capsys, tmp_path, monkeypatch, name, uri
):
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(STORY, encoding="utf-8")
    _, out, _ = run(capsys, "lint", name, "--format", "sarif")
    (artifact,) = sarif_run(out)["artifacts"]
    assert artifact["location"]["uri"] == uri
    _, out, _ = run(capsys, "lint", str(tmp_path / name), "--format", "sarif")
    (artifact,) = sarif_run(out)["artifacts"]
    assert artifact["location"]["uri"] == (tmp_path / name).as_uri()
    assert artifact["location"]["uri"].endswith("/" + uri)


# GitHub workflow commands


def test_github_escapes_percent_and_line_breaks_in_file_names(capsys, tmp_path):
    if sys.platform == "win32":
        pytest.skip("needs a file system that takes line breaks in names")
    path = tmp_path / "50%,\r\nsplit:name.txt"
    path.write_text(STORY, encoding="utf-8")
    _, out, _ = run(capsys, "lint", str(path), "--format", "github")
    lines = out.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert all("50%25%2C%0D%0Asplit%3Aname.txt," in line for line in lines)


# Configuration: per-file-ignores globs


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("**/story.md", "story.md", True),  # **/ may stand for no folder at all
        ("**/story.md", "desk/sport/story.md", True),
        ("desk/**/story.md", "desk/story.md", True),
        ("desk/**/story.md", "desk/sport/story.md", True),
        ("desk/**/story.md", "wire/story.md", False),
        ("./desk/*.md", "desk/story.md", True),  # ./ is this folder
        ("./story.md", "desk/story.md", False),
        ("story.md", "desk/sport/story.md", True),  # no slash: any folder
    ],
)
def test_per_file_ignores_globs(tmp_path, pattern, path, matched):
    config = LintConfig(root=tmp_path, per_file_ignores=((pattern, ("FIL",)),))
    assert config.ignores_for(tmp_path / path) == (("FIL",) if matched else ())


def test_per_file_ignores_double_star_applies_at_the_top_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text(
        '[tool.quality.per-file-ignores]\n"**/story.md" = ["FIL"]\n', encoding="utf-8"
    )
    Path("story.md").write_text(STORY, encoding="utf-8")
    _, out, _ = run(capsys, "lint", "story.md", "--format", "json")
    (entry,) = json.loads(out)["files"]
    assert not [f for f in entry["findings"] if f["rule"].startswith("FIL")]
    assert [f for f in entry["findings"] if f["rule"] == "ATT101"]


# quality rule


def test_rule_in_markdown_is_that_rules_reference_section(capsys):
    code, out, _ = run(capsys, "rule", "FIL101", "--format", "markdown")
    assert code == 0
    assert out.startswith("## FIL101\n")
    assert "Suppress: `<!-- quality: ignore FIL101 -- reason -->`" in out
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert out.rstrip("\n") in reference


def test_rules_write_docs_to_a_folder_is_an_error_not_a_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "rules", "--write-docs", str(tmp_path))
    assert code == 2
    assert f"quality rules: error: cannot write {tmp_path}" in err


# pre-commit hook


def _hook() -> dict[str, str]:
    """The hook's scalar and flow-list keys, read without a YAML library."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return dict(re.findall(r"^  ([a-z_]+): (.+)$", text, flags=re.MULTILINE))


def test_pre_commit_hook_runs_the_installed_lint_command():
    hook = _hook()
    scripts = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert hook["entry"] == "quality lint"
    assert re.search(r'^quality = "quality\.cli:main"$', scripts, flags=re.MULTILINE)
    assert hook["language"] == "python"


def test_pre_commit_hook_types_keep_configuration_files_out():
    # A repository's own `files:` replaces the hook's pattern, so the types must hold
    # the line: "text" would pass articles/quality.toml and YAML files to the linter.
    types = re.fullmatch(r"\[(.*)\]", _hook()["types_or"])
    assert types is not None
    assert {t.strip() for t in types.group(1).split(",")} == {
        "markdown",
        "mdx",
        "plain-text",
        "html",
        "json",
    }


# Selection and options


def test_per_file_ignores_win_over_a_more_specific_select(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.quality]\nselect = ["FIL101"]\n[tool.quality.per-file-ignores]\n"z.md" = ["FIL"]\n',
        encoding="utf-8",
    )
    (tmp_path / "z.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "y.md").write_text(STORY, encoding="utf-8")
    _, out, _ = run(capsys, "lint", "z.md", "y.md", "--format", "json")
    codes = {f["path"]: {x["rule"] for x in f["findings"]} for f in json.loads(out)["files"]}
    assert codes == {"z.md": set(), "y.md": {"FIL101"}}
    # The same on the command line: --select FIL101 does not undo the file's ignore.
    _, out, _ = run(capsys, "lint", "z.md", "--select", "FIL101", "--format", "json")
    assert json.loads(out)["files"][0]["findings"] == []


def test_an_empty_config_path_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    code, _, err = run(capsys, "lint", "a.md", "--config", "")
    assert code == 2 and "--config needs a file name" in err


@pytest.mark.parametrize(
    ("option", "shown"),
    [
        ('[tool.quality.scorers.filler]\nextra-phrases = ["ok", ""]', "string ''"),
        ("[tool.quality.scorers.attribution]\nallowed-sources = [3]", "integer 3"),
    ],
)
def test_list_options_hold_non_empty_strings(capsys, tmp_path, monkeypatch, option, shown):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(option + "\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    code, _, err = run(capsys, "lint", "a.md")
    assert code == 2
    assert f"must be an array of non-empty strings, got {shown} in it" in err


def test_exclude_with_a_leading_double_star_prunes_a_top_level_folder(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    for folder in ("old", "new", "desk/old"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "a.md").write_text(STORY, encoding="utf-8")
    _, out, _ = run(capsys, "lint", ".", "--exclude", "**/old/*", "--format", "json")
    assert [f["path"] for f in json.loads(out)["files"]] == ["new/a.md"]


@pytest.mark.parametrize(
    "name, content",
    [("empty.md", ""), ("stub.md", "---\ntitle: Budget\n---\n"), ("a.txt", "\n \n")],
)
def test_an_empty_draft_fails_and_says_it_has_no_text(capsys, tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(tmp_path / name))
    assert code == 1
    assert "FAIL" in out and "scorers not run: the article has no text" in out
