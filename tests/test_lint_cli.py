"""``quality lint`` end to end: exit codes, inputs, options, bad files, scale."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quality.cli import main
from tests.conftest import ROOT, SEEDS, assert_linear

GOOD_ARTICLE = """\
---
title: Riverside council approves £4.2m flood defence plan
date: 2024-03-05
author: Jane Doe
publisher: Riverside Courier
---

# Riverside council approves £4.2m flood defence plan

Riverside District Council voted 31 to 9 on Monday to spend £4.2m on new flood walls
along the River Ouse, after floods damaged 240 homes in the town last winter.

"We cannot ask families to bail out their kitchens every February," council leader
Amira Hassan told the meeting. "This money builds 1.8 kilometres of wall by 2026."

The Environment Agency, which will pay £1.5m of the cost, said in a statement that the
scheme would protect about 600 properties. Its area manager, Tom Whitfield, said work
would start in June.

Opposition councillor Peter Lang voted against the plan. "The figures assume no rise in
construction costs, and those costs rose 11% last year," he said.

Residents on Mill Lane, where water reached 70 centimetres in January 2023, welcomed the
vote. "I have moved my furniture upstairs four times," said Margaret Oyelaran, 74.
"""

CHATBOT = "As an AI language model, I cannot give opinions on the election.\n"


def lint(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "quality", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.md"
    path.write_text(GOOD_ARTICLE, encoding="utf-8")
    return path


# Exit codes.


def test_well_sourced_dated_article_passes_with_no_warnings(capsys, good):
    code, out, err = lint(capsys, str(good))
    assert code == 0, out + err
    assert "[warning]" not in out and "[error]" not in out
    assert f"{good}: score" in out and ": pass" in out


def test_seeds_fail_and_each_output_names_what_is_wrong(capsys):
    code, out, _ = lint(capsys, *map(str, SEEDS))
    assert code == 1
    expected = {
        "000": ["DAT102", "date 2023-11-07", "It is important to note"],
        "001": ["ATT101", "Many question", "FIL105", "RES107"],
        "002": ["RES101", "Comment:", "DAT101", "earlier this week"],
        "003": ["ATT102", "condition of anonymity", "Analysts note"],
        "004": ["RES101", "0 Comments", "Reports suggest"],
    }
    for seed in SEEDS:
        lines = [line for line in out.splitlines() if line.startswith(str(seed))]
        block = "\n".join(lines)
        for needle in expected[seed.name[:3]]:
            assert needle in block, f"{seed.name}: {needle!r} missing from\n{block}"
        assert "FIL001" in block
        assert "FAIL" in lines[-1]


def test_seed_directory_exits_1(capsys):
    code, out, _ = lint(capsys, str(ROOT / "seeds"))
    assert code == 1
    assert out.count(": score ") == len(SEEDS)


def test_error_finding_fails_even_with_a_passing_score(capsys, tmp_path):
    path = tmp_path / "bot.txt"
    path.write_text(CHATBOT + GOOD_ARTICLE.split("---\n", 2)[2], encoding="utf-8")
    code, out, _ = lint(capsys, "--fail-under", "0", str(path))
    assert code == 1
    assert "BOT101 [error]" in out
    assert "at error or above" in out


def test_fail_on_warning_fails_a_file_with_warnings(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Experts say the plan will work. The vote was 7-2 on 5 March 2024.\n", encoding="utf-8"
    )
    assert lint(capsys, "--fail-under", "0", str(path))[0] == 0
    assert lint(capsys, "--fail-under", "0", "--fail-on", "warning", str(path))[0] == 1


def test_fail_under_and_exit_zero(capsys):
    seed = str(SEEDS[0])
    assert lint(capsys, seed)[0] == 1
    assert lint(capsys, "--fail-under", "0", seed)[0] == 0
    assert lint(capsys, "--exit-zero", seed)[0] == 0


@pytest.mark.parametrize("value", ["700", "-1"])
def test_fail_under_outside_0_to_100_exits_2(capsys, good, value):
    # The configuration rejects such a value; a typo on the command line must not silently
    # fail every file instead.
    code, out, err = lint(capsys, "--fail-under", value, str(good))
    assert code == 2 and out == ""
    assert "--fail-under must be between 0 and 100" in err


def test_missing_path_is_named_other_files_still_linted_exit_2(capsys, good, tmp_path):
    missing = tmp_path / "nope.md"
    code, out, err = lint(capsys, str(missing), str(good))
    assert code == 2
    assert f"{missing}: error: no such file or directory" in err
    assert f"{good}: score 100/100" in out


def test_exit_zero_still_exits_2_on_unreadable_files(capsys, tmp_path):
    assert lint(capsys, "--exit-zero", str(tmp_path / "nope.txt"))[0] == 2


def test_unknown_option_exits_2():
    result = run_cli("lint", "--no-such-option")
    assert result.returncode == 2
    assert b"unrecognized arguments" in result.stderr


def test_unknown_rule_selector_exits_2(capsys, good):
    code, _, err = lint(capsys, "--select", "XYZ9", str(good))
    assert code == 2
    assert "XYZ9" in err


# Bad and unusual files.


def test_binary_file_reported_by_name(capsys, tmp_path, good):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = lint(capsys, str(path), str(good))
    assert code == 2
    assert f"{path}: error: binary file" in err
    assert f"{good}: score" in out


def test_invalid_utf8_reported_with_position(capsys, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Line one.\nCaf\u00e9 owners said prices rose.\n".encode("latin-1"))
    code, _, err = lint(capsys, str(path))
    assert code == 2
    assert f"{path}: error: not valid UTF-8 (byte 13, line 2" in err


def test_an_internal_failure_on_one_file_is_its_error_and_the_others_are_linted(
    capsys, tmp_path, good, monkeypatch
):
    from quality.lint import suppression

    scan = suppression.scan

    def failing_scan(source, style):
        if "trips a bug" in source:
            raise IndexError("list index out of range")
        if "is interrupted" in source:
            raise KeyboardInterrupt
        return scan(source, style)

    monkeypatch.setattr(suppression, "scan", failing_scan)
    broken = tmp_path / "a_broken.txt"
    broken.write_text("This draft trips a bug in the linter.\n", encoding="utf-8")
    code, out, err = lint(capsys, str(broken), str(good))
    assert code == 2
    assert (
        f"{broken}: error: internal error while linting this file: "
        "IndexError: list index out of range (this is a bug in quality; please report it"
    ) in err
    assert f"{good}: score 100/100" in out
    # Ctrl-C still stops the whole run.
    broken.write_text("This draft is interrupted.\n", encoding="utf-8")
    assert lint(capsys, str(broken), str(good))[0] == 130


def test_empty_file_is_linted_not_crashed(capsys, tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("", encoding="utf-8")
    code, out, err = lint(capsys, str(path))
    assert code == 1, err
    assert f"{path}: score" in out
    assert "not run" in out  # says why an empty draft scores low


def test_invalid_json_article_is_an_error(capsys, tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    code, _, err = lint(capsys, str(path))
    assert code == 2
    assert f"{path}: error: invalid JSON" in err
    path.write_text("[1, 2]", encoding="utf-8")
    code, _, err = lint(capsys, str(path))
    assert code == 2 and "one article object" in err


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_utf16_file_is_named_as_such_not_as_binary(capsys, tmp_path, encoding, name):
    path = tmp_path / "windows.txt"
    text = "The council met on Tuesday, Mayor Ana Ruiz said.\n"
    # Python's utf-16 and utf-32 codecs write a byte-order mark; the -be one does not.
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    code, _, err = lint(capsys, str(path))
    assert code == 2
    assert f"{path}: error: {name} text, not UTF-8; save the file as UTF-8" in err
    assert "binary" not in err


def test_utf16_without_a_byte_order_mark_is_named_too(capsys, tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("The council met on Tuesday, Mayor Ana Ruiz said.\n".encode("utf-16-le"))
    code, _, err = lint(capsys, str(path))
    assert code == 2 and "UTF-16 text without a byte-order mark" in err
    # Real binary data is still called binary.
    path.write_bytes(bytes(range(256)) * 4)
    code, _, err = lint(capsys, str(path))
    assert code == 2 and "binary file" in err


def test_json_integer_too_long_for_python_is_invalid_json_not_a_bug(capsys, tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "Mayor Ana Ruiz said.", "id": ' + "7" * 5000 + "}", encoding="utf-8")
    code, _, err = lint(capsys, str(path))
    assert code == 2
    assert f"{path}: error: invalid JSON: a number has more than" in err
    assert "internal error" not in err


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("null", "got a JSON null;"),
        ("[1, 2]", "got a JSON array;"),
        ('"text"', "got a JSON string;"),
        (
            '{"text": "Ruiz said.", "title": ["a", "b"]}',
            "'title' must be a string, got array",
        ),
        ('{"text": {"body": "x"}}', "'text' must be a string, got object"),
        (
            '{"text": "Ruiz said.", "id": true}',
            "'id' must be a string or number, got boolean",
        ),
        ('{"text": "Ruiz said.", "published": [2024]}', "got array"),
    ],
)
def test_json_messages_name_json_types_not_python_ones(capsys, tmp_path, document, message):
    path = tmp_path / "a.json"
    path.write_text(document, encoding="utf-8")
    code, _, err = lint(capsys, str(path))
    assert code == 2
    assert message in err
    assert not {"NoneType", "list", "dict", "bool"} & set(re.findall(r"\w+", err))


def test_huge_file_is_refused_quickly_with_a_clear_message(capsys, tmp_path, good):
    big = tmp_path / "huge.txt"
    chunk = ("The council met on Tuesday and voted on the budget. " * 20 + "\n").encode()
    with big.open("wb") as handle:
        for _ in range(50 * 1_000_000 // len(chunk) + 1):
            handle.write(chunk)
    assert big.stat().st_size >= 50_000_000
    started = time.perf_counter()
    code, out, err = lint(capsys, str(big), str(good))
    assert time.perf_counter() - started < 30
    assert code == 2
    assert f"{big}: error: file too large (50.0 MB, limit 5 MB)" in err
    assert "--max-file-size" in err
    assert f"{good}: score 100/100" in out


def test_max_file_size_option_moves_the_limit(capsys, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The council met on Tuesday, Mayor Ana Ruiz said.\n" * 4000, encoding="utf-8")
    code, _, err = lint(capsys, "--max-file-size", "0.1", str(path))
    assert code == 2 and "file too large" in err
    code, out, _ = lint(capsys, "--max-file-size", "1", "--exit-zero", str(path))
    assert code == 0 and f"{path}: score" in out


@pytest.mark.parametrize("name", ["long.txt", "long.md", "long.html", "long.json"])
def test_max_file_size_alone_decides_what_lint_reads(capsys, tmp_path, monkeypatch, name):
    # The library's own cap on article length (max_chars) must not refuse a file that
    # --max-file-size lets through: lint has its own limit, in megabytes.
    from quality.inputs import load_article

    monkeypatch.setitem(load_article.__kwdefaults__, "max_chars", 500)
    body = "The council met on Tuesday, Mayor Ana Ruiz said. " * 40
    content = {
        ".txt": body,
        ".md": body,
        ".html": f"<html><body><article><p>{body}</p></article></body></html>",
        ".json": json.dumps({"text": body}),
    }[Path(name).suffix]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = lint(capsys, "--max-file-size", "0", "--exit-zero", str(path))
    assert code == 0, err
    assert f"{path}: score" in out


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "-1"])
def test_max_file_size_flag_must_be_a_finite_size(capsys, good, value):
    code, out, err = lint(capsys, f"--max-file-size={value}", str(good))
    assert code == 2
    assert "--max-file-size must be a number of megabytes" in err
    assert "internal error" not in err and not out


def test_a_tiny_max_file_size_is_one_byte_not_no_limit(capsys, good):
    code, _, err = lint(capsys, "--max-file-size", "1e-9", str(good))
    assert code == 2 and f"{good}: error: file too large" in err


def test_thousands_of_small_files_in_a_directory(capsys, tmp_path):
    root = tmp_path / "drafts"
    for i in range(2000):
        folder = root / f"desk{i % 25}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"brief{i}.txt").write_text(
            f"Mayor Ana Ruiz said on 5 March 2024 that the council had approved {i} of the "
            "new homes in the plan.\n",
            encoding="utf-8",
        )
    (root / "desk0" / "notes.csv").write_text("not an article", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")
    code, out, _ = lint(capsys, "--format", "json", str(root))
    document = json.loads(out)
    assert document["summary"]["files"] == 2000
    assert code == 0


def test_exclude_and_extend_include(capsys, tmp_path, good):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(CHATBOT, encoding="utf-8")
    (tmp_path / "story.article").write_text(GOOD_ARTICLE, encoding="utf-8")
    code, out, _ = lint(capsys, "--exclude", "drafts", str(tmp_path))
    assert code == 0 and "drafts" not in out and "story.article" not in out
    code, out, _ = lint(
        capsys, "--exclude", "drafts", "--extend-include", "*.article", str(tmp_path)
    )
    assert "story.article: score" in out


def test_configured_exclude_prunes_walks_relative_to_its_own_folder(capsys, tmp_path):
    project = tmp_path / "project"
    (project / "drafts" / "old").mkdir(parents=True)
    (project / "desk").mkdir()
    (project / "pyproject.toml").write_text(
        '[tool.quality]\nexclude = ["drafts/old", "*.notes.md"]\n', encoding="utf-8"
    )
    (project / "drafts" / "old" / "bot.txt").write_text(CHATBOT, encoding="utf-8")
    (project / "drafts" / "new.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    (project / "desk" / "call.notes.md").write_text(CHATBOT, encoding="utf-8")
    # A folder with a configuration of its own is governed by it, not by the project's.
    (project / "desk" / "nested").mkdir()
    (project / "desk" / "nested" / "quality.toml").write_text("", encoding="utf-8")
    (project / "desk" / "nested" / "x.notes.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    code, out, err = lint(capsys, str(project))
    assert code == 0, out + err
    assert "drafts/new.md: score" in out
    assert "bot.txt" not in out and "call.notes.md" not in out
    assert "x.notes.md: score" in out
    # Walked from inside the project, the globs still count from the configuration's folder.
    code, out, _ = lint(capsys, str(project / "drafts"))
    assert code == 0 and "bot.txt" not in out and "new.md: score" in out
    # A file named on the command line is linted whatever the configuration excludes.
    code, out, _ = lint(capsys, str(project / "drafts" / "old" / "bot.txt"))
    assert code == 1 and "bot.txt" in out


@pytest.mark.parametrize("value", ['"drafts"', '[""]', "[3]"])
def test_configured_exclude_must_be_a_list_of_globs(capsys, tmp_path, good, value):
    (tmp_path / "pyproject.toml").write_text(f"[tool.quality]\nexclude = {value}\n")
    code, _, err = lint(capsys, str(tmp_path))
    assert code == 2
    assert "key 'tool.quality.exclude' must be an array of path globs" in err


def test_stdin_with_stdin_filename():
    result = run_cli(
        "lint", "-", "--stdin-filename", "drafts/story.md", stdin=GOOD_ARTICLE.encode()
    )
    assert result.returncode == 0, result.stderr
    assert b"drafts/story.md: score 100/100" in result.stdout
    result = run_cli("lint", "-", "--stdin-filename", "bot.txt", stdin=CHATBOT.encode())
    assert result.returncode == 1
    assert b"bot.txt:1:1: BOT101 [error]" in result.stdout


def test_stdin_without_a_name_is_shown_as_dash():
    result = run_cli("lint", "-", "--fail-under", "0", stdin=CHATBOT.encode())
    assert b"-:1:1: BOT101" in result.stdout


def test_stdin_named_twice_is_read_once():
    result = run_cli("lint", "-", "-", "--stdin-filename", "story.md", stdin=GOOD_ARTICLE.encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"story.md: score") == 1


# Options.


def test_select_ignore_extend_select_and_min_severity(capsys):
    seed = str(SEEDS[1])
    _, out, _ = lint(capsys, "--select", "ATT", seed)
    rules = {line.split(": ")[1].split()[0] for line in out.splitlines() if line.count(":") >= 3}
    assert rules and all(r.startswith("ATT") for r in rules)
    _, out, _ = lint(capsys, "--select", "ATT", "--extend-select", "RES107", seed)
    assert "RES107" in out and "FIL101" not in out
    _, out, _ = lint(capsys, "--ignore", "FIL101,ATT", seed)
    assert "FIL101" not in out and "ATT101" not in out and "FIL001" in out
    _, out, _ = lint(capsys, "--min-severity", "warning", seed)
    assert "[info]" not in out and "[warning]" in out


def test_ignoring_a_scorers_rules_takes_it_out_of_the_score(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(CHATBOT, encoding="utf-8")
    code, out, _ = lint(capsys, "--ignore", "BOT", "--fail-under", "0", str(path))
    assert "BOT101" not in out and code == 0


def test_statistics_counts_per_rule(capsys):
    code, out, _ = lint(capsys, "--statistics", *map(str, SEEDS))
    assert code == 1
    rows = {line.split()[1]: int(line.split()[0]) for line in out.splitlines()}
    assert rows["FIL001"] == 5
    assert rows["RES101"] == 2
    _, out, _ = lint(capsys, "--statistics", "--format", "json", *map(str, SEEDS))
    stats = json.loads(out)
    assert {"code": "FIL001", "name": "filler-density", "severity": "warning", "count": 5} in stats


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_statistics_cannot_be_written_as_sarif_or_github(capsys, fmt):
    code, out, err = lint(capsys, "--statistics", "--format", fmt, str(SEEDS[0]))
    assert code == 2 and not out
    assert f"--statistics cannot be written as --format {fmt}" in err


def test_statistics_in_jsonl_are_one_object_per_line(capsys):
    _, out, _ = lint(capsys, "--statistics", "--format", "jsonl", *map(str, SEEDS))
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) > 1 and all(isinstance(row, dict) for row in rows)
    assert {"code": "FIL001", "name": "filler-density", "severity": "warning", "count": 5} in rows


# Output cut short.


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_keeps_the_exit_code(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["lint", str(SEEDS[0])]) == 1  # the seed fails
    assert main(["lint", "--exit-zero", str(SEEDS[0])]) == 0


def test_a_reader_that_leaves_early_sees_the_failure_without_a_traceback():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "quality", "lint", "--format", "full", *map(str, SEEDS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    # The only reading end goes before the linter has written a byte (as `| head -0` would).
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err.decode()
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_colour_only_on_a_terminal(capsys, monkeypatch):
    from quality.commands import use_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = lint(capsys, str(SEEDS[0]))
    assert "\033[" not in out  # captured stdout is not a terminal
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert use_color(no_color=False)
    assert not use_color(no_color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(no_color=False)


def test_html_findings_point_into_the_page(capsys, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Budget</title></head><body><article>\n"
        "<p>The council met on 5 March 2024, Mayor Ana Ruiz said.</p>\n"
        "<p>The deal offers a <b>glimmer</b> of hope &amp; more, said Ruiz.</p>\n"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    _, out, _ = lint(capsys, "--select", "FIL101", str(page))
    (line,) = [x for x in out.splitlines() if "FIL101" in x]
    assert line.startswith(f"{page}:3:20: FIL101")  # "a <b>glimmer</b> of hope" on line 3


def test_html_findings_are_placed_in_their_own_paragraph_not_in_removed_boilerplate(
    capsys, tmp_path
):
    page = tmp_path / "promo.html"
    page.write_text(
        "<html><body>\n"
        '<div class="promo">Sign up: a glimmer of hope in your inbox.</div>\n'
        "<article><h1>Fees rise</h1>\n"
        "<!-- quality: ignore FIL101 -->\n"
        "<p>The plan offers a glimmer of hope for commuters, Mayor Ana Ruiz said on Monday.</p>\n"
        "<p>Council member Tom Lee said the increase would hurt small shops.</p>\n"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    # The promo box is not article text: the finding is the paragraph's, and its comment
    # silences it.
    _, out, _ = lint(capsys, "--select", "FIL101,SUP", str(page))
    assert "FIL101" not in out and "SUP001" not in out and "1 suppressed" in out


def test_html_inline_tags_before_punctuation_do_not_hide_a_finding(capsys, tmp_path):
    page = tmp_path / "inline.html"
    page.write_text(
        "<html><body><article><h1>Fees rise</h1>\n"
        "<p>The council voted on Tuesday to raise fees, Mayor Ana Ruiz said.</p>\n"
        "<p><em>It</em>'s worth noting that the money will go to buses and the bridge.</p>\n"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    _, out, _ = lint(capsys, "--select", "FIL104", str(page))
    assert f"{page}:3:8: FIL104" in out and "not found" not in out


def test_json_article_positions_are_positions_in_the_file(capsys, tmp_path):
    path = tmp_path / "article.json"
    record = {
        "id": "a1",
        "title": "Budget",
        "published": "2024-03-05",
        "text": 'Ruiz said the vote was 7\u20132 \U0001f600.\nThe "plan" offers a glimmer of hope.',
    }
    for document in (json.dumps(record), json.dumps(record, ensure_ascii=False, indent=2)):
        path.write_text(document, encoding="utf-8")
        _, out, _ = lint(capsys, "--select", "FIL101", "--format", "json", str(path))
        (finding,) = json.loads(out)["files"][0]["findings"]
        # Escapes (\n, \", \u2013, a surrogate pair) take more characters in the file.
        assert document[finding["start"] : finding["end"]] == "a glimmer of hope"
        before = document[: finding["start"]]
        assert finding["line"] == before.count("\n") + 1
        assert finding["column"] == len(before) - (before.rfind("\n") + 1) + 1
        assert finding["excerpt"] == "a glimmer of hope"


def test_real_command_runs_from_the_console_script(good):
    result = subprocess.run(["quality", "lint", str(good)], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_heavy_libraries_stay_out_of_a_text_lint(good):
    """Start-up: no ML, feed, cluster or HTML-extraction library for a Markdown file."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quality", "lint", str(good)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()}
    heavy = {
        "sklearn",
        "trafilatura",
        "feedparser",
        "dask",
        "pandas",
        "numpy",
        "pyspark",
        "multiprocessing",
    }
    assert not imported & heavy, f"imported on the lint path: {sorted(imported & heavy)}"


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github"])
def test_machine_formats_stay_utf8_for_a_file_name_that_is_not(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seed = Path(SEEDS[0]).read_text(encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(seed, encoding="utf-8")
    done = run_cli("lint", str(folder), "--format", fmt)
    assert done.returncode == 1, done.stderr  # the seed fails
    text = done.stdout.decode("utf-8")  # raises if the file name's raw byte leaked out
    assert "caf\\xe9.txt" in text.replace("\\\\", "\\") or "caf%E9.txt" in text


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("fmt", ["concise", "full"])
def test_text_formats_print_a_name_that_is_not_utf8_as_its_bytes(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seed = Path(SEEDS[0]).read_text(encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(seed, encoding="utf-8")
    (folder / os.fsdecode(b"bad\xe9.txt")).write_bytes(b"\x00\x01")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "quality", "lint", str(folder), "--format", fmt],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr  # the binary file
    assert b"Traceback" not in done.stderr
    assert os.fsencode(folder) + b"/caf\xe9.txt: score" in done.stdout
    assert os.fsencode(folder) + b"/bad\xe9.txt: error: binary file" in done.stderr


# Markdown masking.

#: The emphasis pattern the masking used to search with, kept as the reference it must match.
_OLD_EMPHASIS = re.compile(r"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_])")


def test_emphasis_pairs_are_those_the_old_regex_found() -> None:
    import random

    from quality.inputs.markdown import _emphasis_spans

    rng = random.Random(7)
    pieces = ["*", "_", "**", "***", "a", "é", " ", "\t", "\n", ".", "\r"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        expected = [
            (m.start(), m.end(), len(m.group(1))) for m in _OLD_EMPHASIS.finditer(text, start)
        ]
        assert _emphasis_spans(text, start) == expected, (text, start)


def test_mask_markdown_keeps_emphasis_links_and_comments_working() -> None:
    from quality.inputs.markdown import mask_markdown

    text = "A *bold* claim, [a link](http://x) and ![img](y) <!-- note --> <b>tag</b> **x**.\n"
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert masked == (
        "A  bold  claim,  a link            and                            tag       x  .\n"
    )


@pytest.mark.parametrize("piece", ["*a ", "_a ", "**a ", "[a ", "![a ", "[a](b ", "<a ", "<!-- "])
def test_markdown_masking_is_linear_on_a_long_line(piece: str) -> None:
    """A 60 KB line of unclosed markup: each opener used to rescan the rest of the line
    (about 30 s for 60 KB of "*a "); three times the text must cost about three times as much,
    not nine."""
    from quality.inputs.markdown import mask_markdown

    assert_linear(
        lambda text: mask_markdown(text, 17),
        lambda size: "---\ntitle: x\n---\n" + piece * (size // len(piece)),
        20_000,
        60_000,
    )


def test_carriage_returns_alone_end_lines_for_positions_and_suppression(capsys, tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"# quality: disable FIL\rExperts say it is a glimmer of hope.\r")
    code, out, _ = lint(capsys, str(path), "--fail-under", "0")
    assert code == 0
    assert f"{path}:2:1: ATT101" in out
    assert "FIL101" not in out and "1 suppressed" in out
