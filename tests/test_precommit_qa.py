"""The pre-commit hook (.pre-commit-hooks.yaml) as docs/lint.md describes it.

The first tests read the hook file. The end-to-end test runs pre-commit itself in a
throwaway newsroom repository: it installs the hook's environment from PyPI (about half a
minute), so it runs only with QUALITY_SLOW_TESTS=1 and pre-commit importable.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from quality.inputs import ARTICLE_EXTENSIONS

ROOT = Path(__file__).resolve().parent.parent
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
LINT_DOC = ROOT / "docs" / "lint.md"

# The tag identify gives each article extension (identify.extensions.EXTENSIONS); every
# one of these tags exists in identify 1.5, the release current with pre-commit 2.9.0.
IDENTIFY_TAG_BY_EXTENSION = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "mdx",
    ".txt": "plain-text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert isinstance(hook, dict)
    return hook


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_documented_hook_id_is_the_one_shipped() -> None:
    documented = re.findall(r"- id: (\S+)", LINT_DOC.read_text(encoding="utf-8"))
    assert documented == ["quality-lint"]
    hook = _hook()
    assert hook["id"] == "quality-lint"
    assert hook["entry"] == "quality lint"
    assert hook["language"] == "python"


def test_the_file_pattern_takes_every_article_extension_in_any_case() -> None:
    pattern = re.compile(_hook()["files"])
    for extension in ARTICLE_EXTENSIONS:
        for name in (f"story{extension}", f"STORY{extension.upper()}"):
            assert pattern.search(f"articles/{name}"), name


@pytest.mark.parametrize(
    "name",
    ["quality.toml", ".quality.toml", "pyproject.toml", ".pre-commit-config.yaml", "a.yml"],
)
def test_the_file_pattern_leaves_configuration_out(name: str) -> None:
    assert not re.search(_hook()["files"], f"articles/{name}")


def test_the_types_take_every_article_extension_and_no_configuration() -> None:
    hook = _hook()
    assert set(IDENTIFY_TAG_BY_EXTENSION) == set(ARTICLE_EXTENSIONS)
    assert set(IDENTIFY_TAG_BY_EXTENSION.values()) <= set(hook["types_or"])
    # "text" would let quality.toml and YAML through once a repository narrows `files:`.
    assert not {"text", "toml", "yaml"} & set(hook["types_or"])
    assert "jupyter" in hook.get("exclude_types", [])


def test_identify_tags_articles_as_the_hook_expects() -> None:
    identify = pytest.importorskip("identify.identify")
    hook = _hook()
    for extension, tag in IDENTIFY_TAG_BY_EXTENSION.items():
        for name in (f"story{extension}", f"STORY{extension.upper()}"):
            tags = identify.tags_from_filename(name)
            assert tag in tags, name
            assert set(hook["types_or"]) & tags, name
    for name in ("quality.toml", "pyproject.toml", "notes.yaml"):
        assert not set(hook["types_or"]) & identify.tags_from_filename(name), name
    notebook = identify.tags_from_filename("analysis.ipynb")
    assert set(hook["exclude_types"]) & notebook


def test_the_minimum_pre_commit_version_covers_the_keys_used() -> None:
    hook = _hook()
    minimum = _version(hook["minimum_pre_commit_version"])
    # types_or arrived in pre-commit 2.9.0; earlier releases ignore it and pass every file.
    assert "types_or" in hook
    assert minimum >= (2, 9, 0)


def test_one_run_gets_every_file_so_the_summary_covers_them_all() -> None:
    assert _hook()["require_serial"] is True


def test_files_named_like_options_are_linted_as_pre_commit_passes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit runs the entry, then the hook's args, then the file names, with no "--"
    # between them: a draft named "-notes.md" at the repository root must not be an option.
    from quality.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-notes.md").write_text("It is important to note. Only time will tell.\n")
    (tmp_path / "clean.md").write_text(_CLEAN, encoding="utf-8")
    entry_and_args = [*_hook()["entry"].split()[1:], "--fail-on", "info"]
    code = main([*entry_and_args, "clean.md", "-notes.md"])
    out = capsys.readouterr().out
    assert "-notes.md:1:1:" in out and "in 2 files" in out
    assert code == 1
    # Only the files: the default (the current folder) does not come back with them.
    assert main([*entry_and_args, "-notes.md"]) == 1
    assert "in 1 file;" in capsys.readouterr().out
    # An unknown option that names no file is still a usage error.
    with pytest.raises(SystemExit) as usage_error:
        main([*entry_and_args, "clean.md", "-nothere.md"])
    assert usage_error.value.code == 2
    assert "unrecognized arguments: -nothere.md" in capsys.readouterr().err


# End to end.

_SLOW = pytest.mark.skipif(
    os.environ.get("QUALITY_SLOW_TESTS") != "1",
    reason="installs the hook's environment from PyPI; set QUALITY_SLOW_TESTS=1",
)

_CLEAN = """---
title: Council approves budget for new library
author: Jane Doe
date: 2024-03-01
---

The city council voted 7-2 on Tuesday to approve a $4.2 million budget for a new public
library on Elm Street, council clerk Maria Lopez said.

Construction is scheduled to begin in June and finish by late 2025, according to the city's
planning department. The library will hold about 80,000 books and a children's wing.
"""

_FILLER = """---
title: Town faces tough times
author: John Roe
date: 2024-03-02
---

It is important to note that the town is facing tough times. In today's fast-paced world,
residents are worried.

Experts say the situation is bad. However, there is a glimmer of hope on the horizon, as the
mayor said things could improve at the end of the day.

It goes without saying that only time will tell. Needless to say, things would change.
"""

_FINDING_LINE = re.compile(r"^articles/filler\.md:\d+:\d+: [A-Z]{3}\d{3} \[\w+\] ", re.MULTILINE)


def _git(
    repo: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A newsroom repository using the hook from a clone of this one at its current hook file."""
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    hook_repo = base / "quality"
    assert _git(base, "clone", "-q", str(ROOT), str(hook_repo)).returncode == 0
    # The hook file under test is the working tree's, which may not be committed yet.
    shutil.copyfile(HOOKS_FILE, hook_repo / ".pre-commit-hooks.yaml")
    _git(hook_repo, "commit", "-q", "-a", "-m", "hook file under test", "--allow-empty")
    revision = _git(hook_repo, "rev-parse", "HEAD").stdout.strip()

    repo = base / "newsroom"
    (repo / "articles").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "articles" / "clean.md").write_text(_CLEAN, encoding="utf-8")
    (repo / "articles" / "filler.md").write_text(_FILLER, encoding="utf-8")
    (repo / "articles" / "story.mdx").write_text(_CLEAN, encoding="utf-8")
    (repo / "articles" / "quality.toml").write_text(
        "fail-under = 60\n# it is important to note a glimmer of hope\n", encoding="utf-8"
    )
    (repo / "articles" / "notes.yaml").write_text(
        "note: it is important to note a glimmer of hope\n", encoding="utf-8"
    )
    (repo / "articles" / "analysis.ipynb").write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n', encoding="utf-8"
    )
    (repo / "draft.md").write_text(_FILLER, encoding="utf-8")
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\nversion = "0"\n\n[tool.quality]\nfail-under = 60\n',
        encoding="utf-8",
    )
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "cache"), "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    env["HOOK_REPO"] = str(hook_repo)
    env["HOOK_REVISION"] = revision
    return repo, env


def _configure(repo: Path, env: dict[str, str], extra: str = "") -> None:
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {env['HOOK_REPO']}\n"
        f"    rev: {env['HOOK_REVISION']}\n"
        "    hooks:\n"
        "      - id: quality-lint\n" + extra,
        encoding="utf-8",
    )
    _git(repo, "add", "-A")


def _pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@_SLOW
def test_pre_commit_runs_the_hook_as_documented(newsroom: tuple[Path, dict[str, str]]) -> None:
    repo, env = newsroom
    _configure(repo, env)
    everything = _pre_commit(repo, env, "run", "--all-files")
    out = everything.stdout
    assert everything.returncode == 1, out
    assert _FINDING_LINE.search(out), out
    assert "articles/clean.md: score" in out and "articles/story.mdx: score" in out
    for not_an_article in ("quality.toml", "notes.yaml", "analysis.ipynb", "pyproject.toml"):
        assert not_an_article not in out, out
    assert out.count("\nFound ") == 1, out

    assert _pre_commit(repo, env, "run", "--files", "articles/clean.md").returncode == 0

    _configure(repo, env, '        args: [--fail-under, "70"]\n')
    stricter = _pre_commit(repo, env, "run", "--files", "articles/filler.md").stdout
    assert "score under 70" in stricter, stricter

    _configure(repo, env, "        args: [--select, FIL]\n")
    selected = _pre_commit(repo, env, "run", "--files", "articles/filler.md").stdout
    assert " FIL1" in selected and " ATT" not in selected, selected

    _configure(repo, env, "        files: ^articles/\n")
    narrowed = _pre_commit(repo, env, "run", "--all-files").stdout
    assert "articles/filler.md" in narrowed and "draft.md" not in narrowed, narrowed

    suppressed = _FILLER.replace(
        "Experts say", "<!-- quality: ignore FIL101, FIL103 -->\nExperts say"
    )
    (repo / "articles" / "filler.md").write_text(suppressed, encoding="utf-8")
    _git(repo, "add", "-A")
    quiet = _pre_commit(repo, env, "run", "--files", "articles/filler.md").stdout
    assert "glimmer of hope" not in quiet and "suppressed" in quiet, quiet
    (repo / "articles" / "filler.md").write_text(_FILLER, encoding="utf-8")

    (repo / "articles" / "quality.toml").write_text('fail-under = "high"\n', encoding="utf-8")
    _git(repo, "add", "-A")
    broken = _pre_commit(repo, env, "run", "--files", "articles/clean.md")
    assert broken.returncode == 1
    assert "invalid configuration" in broken.stdout and "'fail-under'" in broken.stdout
    (repo / "articles" / "quality.toml").write_text("fail-under = 60\n", encoding="utf-8")


@_SLOW
def test_the_installed_hook_blocks_a_bad_commit_only(
    newsroom: tuple[Path, dict[str, str]],
) -> None:
    repo, env = newsroom
    _configure(repo, env)
    assert _pre_commit(repo, env, "install").returncode == 0
    _git(repo, "reset", "-q")
    _git(repo, "add", ".pre-commit-config.yaml", "pyproject.toml", "articles/clean.md")
    clean = _git(repo, "commit", "-q", "-m", "clean", env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    _git(repo, "add", "articles/filler.md")
    filler = _git(repo, "commit", "-q", "-m", "filler", env=env)
    assert filler.returncode != 0
    assert "articles/filler.md" in filler.stdout + filler.stderr
