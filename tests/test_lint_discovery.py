"""Which files ``quality lint`` reads, and how paths it cannot look at are reported.

Tests run as root, for whom permission bits block nothing, so unreadable paths are made by
making ``os.stat`` or ``os.scandir`` fail for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quality.cli import main
from quality.lint.discovery import MissingPath, Target, discover
from tests.conftest import ROOT

STORY = "Mayor Ana Ruiz said on 5 March 2024 that the council had approved the plan.\n"


def lint(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["lint", "--fail-under", "0", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _denied(real: Callable[..., Any], *paths: Path) -> Callable[..., Any]:
    """``real`` (os.stat or os.scandir), failing with EACCES for ``paths``."""
    denied = {os.fspath(p) for p in paths}

    def call(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    return call


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / "desk" / "locked").mkdir(parents=True)
    for path in (tmp_path / "desk" / "a.txt", tmp_path / "desk" / "locked" / "b.txt"):
        path.write_text(STORY, encoding="utf-8")
    return tmp_path / "desk"


def test_a_named_path_that_cannot_be_looked_at_is_an_error_not_a_traceback(
    capsys, desk, monkeypatch
):
    hidden = desk / "locked" / "b.txt"
    monkeypatch.setattr(os, "stat", _denied(os.stat, hidden))
    code, out, err = lint(capsys, str(hidden), str(desk / "a.txt"))
    assert code == 2
    assert f"{hidden}: error: cannot read: Permission denied" in err
    assert f"{desk / 'a.txt'}: score" in out


def test_a_file_found_in_the_walk_that_cannot_be_looked_at_is_an_error(capsys, desk, monkeypatch):
    hidden = desk / "locked" / "b.txt"
    monkeypatch.setattr(os, "stat", _denied(os.stat, hidden))
    code, out, err = lint(capsys, str(desk))
    assert code == 2
    assert f"{hidden}: error: cannot read: Permission denied" in err
    assert f"{desk / 'a.txt'}: score" in out


def test_a_folder_that_cannot_be_listed_is_an_error_not_skipped(capsys, desk, monkeypatch):
    locked = desk / "locked"
    monkeypatch.setattr(os, "scandir", _denied(os.scandir, locked))
    code, out, err = lint(capsys, str(desk))
    assert code == 2
    assert f"{locked}: error: cannot list directory: Permission denied" in err
    assert f"{desk / 'a.txt'}: score" in out


def test_a_root_folder_that_cannot_be_listed_is_an_error(desk, monkeypatch):
    monkeypatch.setattr(os, "scandir", _denied(os.scandir, desk))
    found = list(discover([str(desk)]))
    assert found == [MissingPath(str(desk), "cannot list directory: Permission denied")]


def test_a_missing_path_is_still_named_as_missing(tmp_path):
    found = list(discover([str(tmp_path / "nope.md")]))
    assert found == [MissingPath(str(tmp_path / "nope.md"), "no such file or directory")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_an_article_in_a_folder_is_skipped_not_waited_on(desk):
    os.mkfifo(desk / "pipe.md")
    # In a subprocess with a timeout, so that a regression fails rather than hangs the suite.
    done = subprocess.run(
        [sys.executable, "-m", "quality", "lint", "--fail-under", "0", str(desk)],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"pipe.md" not in done.stdout + done.stderr
    assert done.stdout.count(b": score") == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_on_the_command_line_is_read(capsys, tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(STORY)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    code, out, err = lint(capsys, str(fifo))
    writer.join(timeout=10)
    assert code == 0, err
    assert f"{fifo}: score" in out


def test_a_symlink_and_its_target_are_linted_once(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(STORY, encoding="utf-8")
    link = tmp_path / "b.txt"
    try:
        link.symlink_to(target)
    except OSError:
        pytest.skip("symbolic links not available")
    assert list(discover([str(target), str(link)])) == [Target(str(target), target)]


def test_stdin_named_twice_is_one_target():
    assert list(discover(["-", "-"], stdin_filename="s.md")) == [Target("s.md", None)]
