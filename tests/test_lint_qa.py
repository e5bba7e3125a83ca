"""``quality lint`` before publication: output encodings, closed streams, suppression in
pretty-printed pages, folder globs in per-file-ignores, an empty --select, the pre-commit
hook."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quality.cli import main
from quality.lint import suppression
from tests.conftest import ROOT, write

VAGUE = "Experts say the plan offers hope for the town.\n"
GLIMMER = "The plan offers a glimmer of hope for the town, Mayor Ana Ruiz said.\n"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "quality", *args],
        capture_output=True,
        cwd=cwd or ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=120,
        **options,  # type: ignore[call-overload]
    )


def lint_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["lint", "--format", "json", "--fail-under", "0", *args])
    return code, json.loads(capsys.readouterr().out)


# Output encodings: a locale that is not UTF-8 (a Windows pipe in cp1252).


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """An article whose name cp1252 cannot write, with a finding whose message quotes."""
    folder = tmp_path / "desk"
    folder.mkdir()
    write(folder, "Łódź.md", VAGUE)
    return folder


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github"])
def test_machine_formats_are_utf8_whatever_the_locale_encoding(desk: Path, fmt: str) -> None:
    done = run_cli("lint", str(desk), "--format", fmt, env={"PYTHONIOENCODING": "cp1252"})
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")  # cp1252 would have written the quotes as 0x93 0x94
    assert "“Experts say”" in text
    assert "Łódź" in text or "%C5%81%C3%B3d%C5%BA" in text  # SARIF percent-encodes the URI
    if fmt in ("json", "sarif"):
        json.loads(text)


def test_text_formats_escape_what_the_terminal_encoding_lacks(desk: Path) -> None:
    write(desk, "zło.txt", "\x00binary")
    done = run_cli("lint", str(desk), env={"PYTHONIOENCODING": "ascii"})
    assert b"Traceback" not in done.stderr, done.stderr.decode("ascii", "replace")
    assert done.returncode == 2  # the binary file
    out = done.stdout.decode("ascii")
    assert "\\u0141\\xf3d\\u017a.md:1:1: ATT101 [warning] Unnamed source: \\u201cExperts say" in out
    assert "z\\u0142o.txt: error: binary file" in done.stderr.decode("ascii")


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_a_name_that_is_not_utf8_is_still_its_bytes_in_an_ascii_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.md")).write_text(VAGUE, encoding="utf-8")
    done = run_cli("lint", str(folder), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert os.fsencode(folder) + b"/caf\xe9.md:1:1: ATT101" in done.stdout
    assert b"\\u201cExperts say\\u201d" in done.stdout


# Closed standard streams.


def test_closed_standard_input_is_an_input_error_not_a_bug(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    code = main(["lint", "-", "--stdin-filename", "story.md"])
    err = capsys.readouterr().err
    assert code == 2
    assert "story.md: error: cannot read standard input: it is closed" in err
    assert "internal error" not in err


@pytest.mark.skipif(sys.platform != "linux", reason="closes a file descriptor in the child")
def test_closed_standard_output_keeps_the_verdict_without_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "story.txt", "As an AI language model, I cannot say.\n")
    done = subprocess.run(
        [sys.executable, "-m", "quality", "lint", str(path)],
        stdout=None,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1  # the chatbot leak fails the file


# Suppression in a page whose paragraphs open on a line of their own.


PRETTY_PAGE = """\
<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>Council approves flood plan</title>
</head>
<body>
<article>
  <h1>Council approves flood plan</h1>
  <!-- quality: ignore ATT101 -- the desk checked the experts -->
  <p class="lede">
    Experts say the plan offers hope for the town of Riverside, which flooded twice last
    winter and lost 240 homes to the water.
  </p>
  <p>
    The council voted 31 to 9 to spend 4.2m pounds on new walls along the river, and work
    starts in June, the council's engineer Tom Whitfield said.
  </p>
</article>
</body>
</html>
"""


def test_an_ignore_before_a_line_of_tags_applies_to_the_text_below_it(capsys, tmp_path) -> None:
    path = write(tmp_path, "story.html", PRETTY_PAGE)
    _, document = lint_json(capsys, str(path))
    (result,) = document["files"]
    rules = [f["rule"] for f in result["findings"]]
    assert "ATT101" not in rules
    assert "SUP001" not in rules
    assert result["suppressed"] == 1


def test_an_ignore_in_a_page_skips_tags_comments_and_nbsp_but_stops_at_text() -> None:
    page = (
        "<!-- quality: ignore ATT101 -->\n"  # line 1
        "<div\n"  # a tag over two lines
        '  class="box">\n'
        "<!-- a note for the desk -->\n"
        "&nbsp;\n"
        "<p>Experts say it works.</p>\n"  # line 6
        "<!-- quality: ignore FIL101 -->\n"
        "<p>\n"
        "</p>\n"
        "x\n"  # line 10: one letter is text
    )
    found = suppression.scan(page, suppression.HTML_STYLE)
    assert [d.first_line for d in found.directives] == [6, 10]
    # Elsewhere a line of tags is a line like any other.
    text = suppression.scan(page, suppression.MARKDOWN_STYLE)
    assert [d.first_line for d in text.directives] == [2, 8]


def test_an_ignore_in_a_json_articles_html_field_skips_lines_of_tags(capsys, tmp_path) -> None:
    path = write(tmp_path, "story.json", json.dumps({"html": PRETTY_PAGE}))
    _, document = lint_json(capsys, str(path))
    rules = [f["rule"] for f in document["files"][0]["findings"]]
    assert "ATT101" not in rules
    assert "SUP001" not in rules


# per-file-ignores: a glob that matches a folder covers the files in it.


@pytest.mark.parametrize("pattern", ["wire", "wire/", "desk/wire", "desk/wire/", "**/wire", "w*"])
def test_a_per_file_ignore_naming_a_folder_covers_its_files(
    capsys, tmp_path, monkeypatch, pattern: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.quality.per-file-ignores]\n"{pattern}" = ["FIL101"]\n', encoding="utf-8"
    )
    wire = tmp_path / "desk" / "wire"
    (wire / "deep").mkdir(parents=True)
    write(wire, "a.md", GLIMMER)
    write(wire / "deep", "b.md", GLIMMER)
    write(tmp_path / "desk", "c.md", GLIMMER)
    _, document = lint_json(capsys, ".")
    fired = {
        f["path"]: any(x["rule"] == "FIL101" for x in f["findings"]) for f in document["files"]
    }
    assert fired == {"desk/c.md": True, "desk/wire/a.md": False, "desk/wire/deep/b.md": False}


def test_a_per_file_ignore_never_matches_folders_above_its_configuration(
    capsys, tmp_path, monkeypatch
) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    monkeypatch.chdir(tmp_path)
    # "desk" is the configuration's own folder, and "*" would match any folder above it.
    (desk / "quality.toml").write_text(
        '[per-file-ignores]\n"desk" = ["FIL101"]\n"tmp*" = ["FIL101"]\n', encoding="utf-8"
    )
    write(desk, "a.md", GLIMMER)
    _, document = lint_json(capsys, "desk")
    assert [f["rule"] for f in document["files"][0]["findings"]].count("FIL101") == 1


# An empty --select.


@pytest.mark.parametrize("value", ["", ",", " "])
def test_an_empty_select_is_a_usage_error_not_a_pass(capsys, tmp_path, value: str) -> None:
    path = write(tmp_path, "story.txt", "As an AI language model, I cannot say.\n")
    code = main(["lint", "--select", value, str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "--select needs rule codes or prefixes" in err


# The pre-commit hook.


def test_pre_commit_hook_asks_for_a_pre_commit_that_reads_types_or() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = dict(re.findall(r"^  ([a-z_]+): (.+)$", text, flags=re.MULTILINE))
    assert "types_or" in hook
    version = hook["minimum_pre_commit_version"].strip("\"'")
    assert tuple(int(part) for part in version.split(".")) >= (2, 9, 0)


# Configuration files as editors save them.


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("quality.toml", "fail-under = 10\n"),
        ("pyproject.toml", "[tool.quality]\nfail-under = 10\n"),
    ],
)
def test_a_configuration_saved_with_a_byte_order_mark_is_read(
    capsys, tmp_path, name: str, content: str
) -> None:
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    path = write(tmp_path, "story.txt", VAGUE)
    code = main(["lint", "--format", "json", str(path)])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["errors"] == []
    assert document["files"][0]["fail_under"] == 10


def test_a_configuration_that_is_a_folder_is_named_once(capsys, tmp_path) -> None:
    path = write(tmp_path, "story.txt", VAGUE)
    code = main(["lint", "--config", str(tmp_path), str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count(str(tmp_path)) == 1
    assert "cannot read configuration file: Is a directory" in err


def test_a_folder_without_article_files_passes_with_a_warning(capsys, tmp_path) -> None:
    (tmp_path / "notes.py").write_text("print('not an article')\n")
    code = main(["lint", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 0
    assert f"warning: no article files found in {tmp_path}" in err


def test_a_folder_with_articles_gets_no_such_warning(capsys, tmp_path) -> None:
    write(
        tmp_path, "story.md", "The council met on Monday. It passed the budget, the mayor said.\n"
    )
    main(["lint", str(tmp_path)])
    assert "no article files" not in capsys.readouterr().err
