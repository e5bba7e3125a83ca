"""``quality lint`` as an editor meets it: suppression comments that cannot be obeyed, SUP
codes in directives, --stdin-filename, odd paths and line ends."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from quality.cli import main
from quality.lint.discovery import MissingPath, discover
from tests.conftest import write

FRONT = "---\ntitle: Budget vote\ndate: 2024-03-05\nauthor: Jane Doe\n---\n\n"
GLIMMER = "The plan offers a glimmer of hope for the town, Mayor Ana Ruiz said.\n"


def lint_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["lint", "--format", "json", "--fail-under", "0", *args])
    return code, json.loads(capsys.readouterr().out)


def findings_of(capsys, path: Path, *args: str) -> list[tuple[str, int, str]]:
    _, document = lint_json(capsys, *args, str(path))
    return [(f["rule"], f["line"], f["message"]) for f in document["files"][0]["findings"]]


# Directives naming the linter's own codes.


def test_file_ignore_sup_silences_sup_findings_and_is_not_unused_itself(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + "<!-- quality: file-ignore SUP -- drafts keep their old directives -->\n"  # 7
        + "<!-- quality: ignore XYZ999 -->\n"  # 8: SUP001, silenced
        + GLIMMER
        + "<!-- quality: frobnicate FIL -->\n",  # 10: SUP002, silenced
    )
    _, document = lint_json(capsys, "--select", "FIL101,SUP", str(path))
    result = document["files"][0]
    assert [(f["rule"], f["line"]) for f in result["findings"]] == [("FIL101", 9)]
    assert result["suppressed"] == 2


def test_a_disable_block_silences_sup002_inside_it(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + "<!-- quality: disable SUP002 -->\n"
        + "<!-- quality: frobnicate FIL -->\n"
        + "<!-- quality: enable SUP002 -->\n"
        + GLIMMER,
    )
    assert [r for r, _, _ in findings_of(capsys, path, "--select", "FIL101,SUP")] == ["FIL101"]


def test_a_sup_directive_with_nothing_to_silence_is_still_unused(capsys, tmp_path):
    path = write(tmp_path, "a.md", FRONT + "<!-- quality: disable SUP002 -->\n" + GLIMMER)
    found = findings_of(capsys, path, "--select", "FIL101,SUP")
    assert [(r, line) for r, line, _ in found] == [("SUP001", 7), ("FIL101", 8)]


# enable with a wider code than the block it ends.


@pytest.mark.parametrize("enable", ["ALL", "FIL", "FIL1"])
def test_enable_with_a_wider_code_ends_the_narrower_block(capsys, tmp_path, enable):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + "<!-- quality: disable FIL101 -->\n"  # 7
        + GLIMMER  # 8: silenced
        + f"<!-- quality: enable {enable} -->\n"  # 9
        + "\n"
        + GLIMMER,  # 11: reported again
    )
    found = findings_of(capsys, path, "--select", "FIL101,SUP")
    assert [(r, line) for r, line, _ in found] == [("FIL101", 11)]


def test_enable_of_part_of_a_wider_block_says_which_block_to_end(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + "<!-- quality: disable FIL -->\n"  # 7
        + GLIMMER
        + "<!-- quality: enable FIL101 -->\n"  # 9
        + GLIMMER,  # 10: FIL's block is still open
    )
    found = findings_of(capsys, path, "--select", "FIL101,SUP")
    assert [(r, line) for r, line, _ in found] == [("SUP002", 9)]
    assert "cannot end part of the 'disable FIL' block of line 7" in found[0][2]
    assert "write 'enable FIL'" in found[0][2]


# Lines that start like a directive but are not one.


@pytest.mark.parametrize(
    ("lines", "detail"),
    [
        (
            "<!-- quality: ignore FIL101 --> The plan offers a glimmer of hope, she said.\n",
            "text after the comment",
        ),
        ("<!-- quality: ignore FIL101\n-->\n" + GLIMMER, "does not end on this line"),
    ],
)
def test_a_directive_not_alone_on_its_line_is_sup002(capsys, tmp_path, lines, detail):
    path = write(tmp_path, "a.md", FRONT + lines)
    found = findings_of(capsys, path, "--select", "FIL101,SUP")
    assert [r for r, _, _ in found] == ["SUP002", "FIL101"]
    assert detail in found[0][2]


def test_a_directive_not_alone_on_its_line_in_a_fence_is_an_example(capsys, tmp_path):
    path = write(
        tmp_path, "a.md", FRONT + "```\n<!-- quality: ignore FIL101 --> like this\n```\n" + GLIMMER
    )
    assert [r for r, _, _ in findings_of(capsys, path, "--select", "FIL101,SUP")] == ["FIL101"]


def test_a_directive_in_a_markdown_block_quote_applies_to_the_quoted_line(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + "> <!-- quality: ignore FIL101 -- the press release's words -->\n"  # 7
        + ">\n"  # 8: blank inside the quote
        + "> "
        + GLIMMER  # 9: silenced
        + "\n"
        + GLIMMER,  # 11: reported
    )
    _, document = lint_json(capsys, "--select", "FIL101,SUP", str(path))
    result = document["files"][0]
    assert [(f["rule"], f["line"]) for f in result["findings"]] == [("FIL101", 11)]
    assert result["suppressed"] == 1


def test_a_json_text_field_with_carriage_returns_obeys_its_directives(capsys, tmp_path):
    text = "Mayor Ana Ruiz said the vote was close.\r# quality: ignore ATT101\rExperts say so."
    path = write(tmp_path, "a.json", json.dumps({"text": text}))
    _, document = lint_json(capsys, "--select", "ATT101,SUP", str(path))
    result = document["files"][0]
    assert result["findings"] == [] and result["suppressed"] == 1


# --stdin-filename.


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def test_stdin_filename_without_paths_reads_standard_input(capsys, monkeypatch, tmp_path):
    write(tmp_path, "other.md", FRONT + GLIMMER)  # must not be linted
    monkeypatch.chdir(tmp_path)
    _stdin(monkeypatch, GLIMMER)
    _, document = lint_json(capsys, "--stdin-filename", "story.txt", "--select", "FIL101")
    assert [f["path"] for f in document["files"]] == ["story.txt"]
    assert [f["rule"] for f in document["files"][0]["findings"]] == ["FIL101"]


def test_stdin_filename_with_paths_but_no_dash_is_a_usage_error(capsys, tmp_path):
    path = write(tmp_path, "a.md", FRONT + GLIMMER)
    code = main(["lint", "--stdin-filename", "story.md", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "no path is -" in err and "story.md" in err


def test_an_empty_stdin_filename_is_a_usage_error(capsys, monkeypatch):
    _stdin(monkeypatch, GLIMMER)
    code = main(["lint", "-", "--stdin-filename", ""])
    assert code == 2 and "--stdin-filename needs a file name" in capsys.readouterr().err


# Paths.


def test_a_broken_symbolic_link_is_named_as_such(tmp_path):
    (tmp_path / "story.md").symlink_to(tmp_path / "gone.md")
    (found,) = list(discover([str(tmp_path)]))
    assert isinstance(found, MissingPath)
    assert found.reason.startswith("broken symbolic link") and "gone.md" in found.reason


def test_a_missing_path_named_twice_is_reported_once(tmp_path):
    missing = str(tmp_path / "gone.md")
    assert len(list(discover([missing, missing]))) == 1


def test_one_scorer_not_run_is_singular(capsys, tmp_path):
    path = write(tmp_path, "a.txt", "")
    main(["lint", "--select", "FIL101", str(path)])
    out = capsys.readouterr().out
    assert "(1 scorer not run:" in out


@pytest.mark.parametrize(
    ("style", "opening"),
    [
        ("text", "# quality: "),
        ("markdown", "<!-- quality: "),
        ("text", "<!-- quality: ignore X -->"),
    ],
)
def test_a_directive_line_with_a_long_run_of_blanks_is_scanned_in_linear_time(style, opening):
    import time

    from quality.lint import suppression

    # Quadratic matching took about 17 s on this line; linear takes milliseconds.
    text = opening + " " * 20_000 + "x\n"
    began = time.perf_counter()
    found = suppression.scan(text, style)
    assert time.perf_counter() - began < 2
    assert len(found.problems) == 1


@pytest.mark.parametrize(
    ("code", "directive"),
    [
        ("SUP001", "<!-- quality: ignore FIL101 -- kept for the next edit -->"),
        ("SUP002", "<!-- quality: ignroe FIL101 -->"),
    ],
)
def test_ignore_on_the_line_before_silences_a_directives_own_finding(
    capsys, tmp_path, code, directive
):
    # As `quality rule SUP001` says: "<!-- quality: ignore SUP001 -- reason --> on the line
    # before"; the finding sits on the directive's line, not on the text line after it.
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + f"<!-- quality: ignore {code} -- reason -->\n"
        + directive
        + "\nThe council met on Monday, Mayor Ana Ruiz said.\n",
    )
    _, document = lint_json(capsys, "--select", "FIL101,SUP", str(path))
    result = document["files"][0]
    assert result["findings"] == [] and result["suppressed"] == 1
