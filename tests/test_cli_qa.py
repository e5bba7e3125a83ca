"""The command line as a newcomer and a script meet it: help, usage errors, exit codes,
error prefixes, colour, and ``python -m quality`` behaving as ``quality`` does."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from quality.cli import COMMANDS, main

SEED = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
EVAL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of ``quality ARGV``, whether the
    command returns its status or argparse exits with it."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _articles(tmp_path: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    rows = [{"id": str(n), "text": text} for n in range(2)]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _labelled(tmp_path: Path, *, repeat: bool = False) -> Path:
    human = "The council approved the budget on Tuesday, the mayor, Jane Ortiz, said. Vote {n}."
    machine = (
        "In a shocking turn of events, it is important to note that only time will tell. "
        "A glimmer of hope remains, and it is worth noting that the stakes are high {n}."
    )
    rows = [{"text": human.format(n=n), "label": "human"} for n in range(6)]
    rows += [{"text": machine.format(n=n), "label": "ai"} for n in range(6)]
    if repeat:
        rows.append(rows[0])
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# --- the bare command, help and version ---------------------------------------------------


def test_no_arguments_is_a_usage_error_with_the_help_on_standard_error(capsys):
    code, out, err = run(capsys)
    assert code == 2
    # A script running `quality $COMMAND` with the variable unset must not read help as output.
    assert out == ""
    assert "usage: quality" in err and "lint" in err


def test_help_names_every_command_the_exit_codes_and_how_to_go_further(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in COMMANDS:
        assert f"    {name} " in out
    assert "quality COMMAND --help" in out
    for status in ("0 ", "1 ", "2 ", "130 "):
        assert f"\n  {status}" in out


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_short_and_long(capsys, flag):
    from quality import __version__

    code, out, _ = run(capsys, flag)
    assert (code, out) == (0, f"quality {__version__}\n")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_help_has_examples_and_its_exit_status(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "examples:" in out and "exit status:" in out
    assert f"quality {command} " in out.split("examples:")[1]


@pytest.mark.parametrize(
    ("command", "default"),
    [("lint", "concise"), ("sources", "table"), ("rules", "text"), ("rule", "text")],
)
def test_format_help_states_its_default(capsys, command, default):
    _, out, _ = run(capsys, command, "--help")
    assert f"(default: {default}" in " ".join(out.split())


@pytest.mark.parametrize("command", ["score", "sources"])
def test_output_help_says_what_it_writes_and_its_default(capsys, command):
    _, out, _ = run(capsys, command, "--help")
    assert "(default: -, standard output)" in " ".join(out.split())


def test_rule_help_asks_for_a_code_and_leaves_out_the_reference_writer(capsys):
    _, out, _ = run(capsys, "rule", "--help")
    assert "the rule code to explain" in out
    assert "--write-docs" not in out
    _, out, _ = run(capsys, "rules", "--help")
    assert "--write-docs" in out


# --- usage errors -------------------------------------------------------------------------


def test_a_misspelt_command_is_answered_with_the_likely_one(capsys):
    code, out, err = run(capsys, "lnt", "drafts/")
    assert (code, out) == (2, "")
    assert "quality: error: unknown command 'lnt'; did you mean 'lint'?" in err
    assert "Traceback" not in err


def test_a_command_nothing_like_any_lists_them(capsys):
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert "did you mean" not in err and "commands: lint, rules" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["score", "--jbos", "2"], "quality score: error: unrecognized arguments: --jbos;"),
        (["rules", "--frmat", "json"], "quality rules: error: unrecognized arguments: --frmat"),
        (["eval", "stray"], "quality eval: error: unrecognized arguments: stray"),
    ],
)
def test_an_unknown_option_is_reported_by_its_command(capsys, argv, expected):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert expected in err
    assert "\nquality: error" not in err and not err.startswith("quality: error")


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["score", "--jbos", "2"], "did you mean --jobs?"),
        (["rules", "--frmat", "json"], "did you mean --format?"),
        (["lint", "--fail-undr", "50", str(SEED)], "did you mean --fail-under?"),
    ],
)
def test_a_misspelt_option_is_answered_with_the_likely_one(capsys, argv, meant):
    code, _, err = run(capsys, *argv)
    assert code == 2 and meant in err


def test_an_abbreviated_option_is_refused_not_guessed(capsys):
    """A script's `--exit` would change meaning the day another option starts so."""
    code, _, err = run(capsys, "lint", "--exit", str(SEED))
    assert code == 2
    assert "unrecognized arguments: --exit; did you mean --exit-zero?" in err
    code, _, err = run(capsys, "lint", "--fail", "50", str(SEED))
    assert code == 2 and "did you mean --fail-under or --fail-on?" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "--jobs", "x"], "quality score: error: argument -j/--jobs: invalid int value"),
        (["lint", "--fail-under", "abc"], "quality lint: error: argument --fail-under"),
        (["score", "--timeout", "-1"], "quality score: error: argument --timeout"),
        (["eval", "--limit", "0"], "quality eval: error: --limit must be at least 1, got 0"),
        (["eval", "--top-rules", "0"], "quality eval: error: --top-rules must be at least 1"),
        (["train", "x.jsonl", "-o", "-", "--limit", "0"], "--limit must be at least 1, got 0"),
    ],
)
def test_values_of_the_wrong_kind_exit_2_with_the_command_named(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--shingle", "0", "--shingle must be at least 1, got 0"),
        ("--min-articles", "0", "--min-articles must be at least 1, got 0"),
        ("--similarity", "2", "--similarity must be above 0 and at most 1, got 2"),
        ("--min-share", "nan", "--min-share must be above 0 and at most 1, got nan"),
    ],
)
def test_sources_names_the_one_option_that_is_wrong(capsys, tmp_path, option, value, message):
    code, _, err = run(capsys, "sources", str(_articles(tmp_path)), option, value)
    assert code == 2
    assert f"quality sources: error: {message}" in err


def test_train_max_false_fail_error_gives_the_value(capsys, tmp_path):
    code, _, err = run(
        capsys, "train", str(_labelled(tmp_path)), "-o", "-", "--max-false-fail", "1"
    )
    assert code == 2 and "got 1" in err


# --- empty values from unset variables ----------------------------------------------------


@pytest.mark.parametrize("option", ["--json", "--weights", "--seeds", "--data"])
def test_eval_refuses_an_empty_path_instead_of_falling_back(capsys, tmp_path, monkeypatch, option):
    """`--json "$OUT"` with the variable unset wrote no JSON at all, and exited 0."""
    import quality.evaluation.measures as measures

    def not_reached(*args: object, **kwargs: object) -> None:
        raise AssertionError("evaluated with an empty " + option)

    monkeypatch.setattr(measures, "evaluate", not_reached)
    news = tmp_path / "news.jsonl"
    news.write_text((EVAL_FIXTURES / "news-human-vs-ai.dev.jsonl").read_text(encoding="utf-8"))
    code, _, err = run(capsys, "eval", "--file", str(news), "--kind", "news", option, "")
    assert code == 2
    assert f"quality eval: error: {option} needs a name, got an empty one" in err


@pytest.mark.parametrize("option", ["--weights", "--seeds"])
def test_train_refuses_an_empty_path_instead_of_falling_back(capsys, tmp_path, option):
    out = tmp_path / "w.json"
    code, _, err = run(capsys, "train", str(_labelled(tmp_path)), "-o", str(out), option, "")
    assert code == 2 and not out.exists()
    assert f"quality train: error: {option} needs a name, got an empty one" in err


def test_train_refuses_an_empty_output(capsys, tmp_path):
    code, out, err = run(capsys, "train", str(_labelled(tmp_path)), "-o", "")
    assert (code, out) == (2, "")
    assert "quality train: error: --output needs a file name" in err


# --- one prefix for every message ---------------------------------------------------------


def test_train_warnings_carry_the_command_prefix(capsys, tmp_path):
    code, _, err = run(capsys, "train", str(_labelled(tmp_path, repeat=True)), "-o", "-")
    assert code == 0
    warnings = [line for line in err.splitlines() if "warning:" in line]
    assert warnings and all(line.startswith("quality train: warning: ") for line in warnings)


def test_eval_warns_of_a_missing_data_file_with_the_command_prefix(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "attribution.dev.jsonl").write_text(
        (EVAL_FIXTURES / "attribution.dev.jsonl").read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, _, err = run(
        capsys, "eval", "--data", str(data), "--only", "attribution", "--only", "comments"
    )
    assert code == 0
    assert f"quality eval: warning: {data / 'comments.dev.jsonl'} not found" in err


@pytest.mark.parametrize("command", ["lint", "rules", "sources"])
def test_ctrl_c_exits_130_naming_the_command(capsys, monkeypatch, command):
    from importlib import import_module

    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(import_module(COMMANDS[command][0]), "run", interrupted)
    code, out, err = run(capsys, command)
    assert (code, out) == (130, "")
    assert err == f"quality {command}: interrupted\n"


# --- colour -------------------------------------------------------------------------------


def _sources_table_on_a_terminal(capsys, monkeypatch, tmp_path, *extra: str) -> str:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, "sources", str(_articles(tmp_path)), "--jobs", "1", *extra)
    assert code == 0 and "scored articles" in out
    return out


def test_sources_table_is_styled_on_a_terminal(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in _sources_table_on_a_terminal(capsys, monkeypatch, tmp_path)


def test_sources_table_honours_no_color(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _sources_table_on_a_terminal(capsys, monkeypatch, tmp_path)


def test_sources_has_no_color_as_lint_does(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = _sources_table_on_a_terminal(capsys, monkeypatch, tmp_path, "--no-color")
    assert "\x1b[" not in out


# --- python -m quality --------------------------------------------------------------------


def test_python_m_quality_does_not_run_again_in_a_spawned_worker(monkeypatch):
    """Worker processes started by "spawn" or "forkserver" import the main module again
    under the name __mp_main__; the command must not run a second time in each of them."""
    monkeypatch.setattr(sys, "argv", ["quality", "lint", str(SEED)])
    namespace = runpy.run_module("quality.__main__", run_name="__mp_main__")
    assert callable(namespace["main"])


def test_python_m_quality_and_the_quality_script_answer_alike():
    module = subprocess.run(
        [sys.executable, "-m", "quality", "lnt"], capture_output=True, text=True, timeout=60
    )
    script = subprocess.run(["quality", "lnt"], capture_output=True, text=True, timeout=60)
    assert module.returncode == script.returncode == 2
    assert module.stderr == script.stderr
    assert "did you mean 'lint'?" in module.stderr
