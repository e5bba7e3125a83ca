"""``quality eval --check`` and the ``targets`` of the JSON: one verdict per target, the same
in the tables, the JSON and the exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from quality.cli import main
from quality.evaluation.measures import Evaluation
from quality.evaluation.report import render_markdown, target_checks, to_json

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval"
MARKS = ("met", "MISSED", "n/a")

PAGE = "<html><body><article><h1>Vote</h1><p>{}</p></article></body></html>"
STORY = "The council voted 7 to 2 on the budget, the clerk, Ann Lee, said."
DATED_PAGE = PAGE.format("March 5, 2024. " + STORY)


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def _dates(tmp_path: Path, gold_dates: list[str]) -> list[str]:
    """``eval`` arguments for dated pages that all say March 5, 2024, against these gold dates."""
    rows = [{"html": DATED_PAGE, "date": date} for date in gold_dates]
    return ["eval", "--file", str(_jsonl(tmp_path / "dates.jsonl", rows)), "--kind", "dates"]


def _marked_rows(markdown: str) -> list[tuple[str, str, str, str]]:
    """(measure, value, target, mark) of every table row with a mark."""
    rows = []
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[-1] in MARKS:
            rows.append((cells[0], cells[-3], cells[-2], cells[-1]))
    return rows


def _assert_targets_agree_with_marks(markdown: str, targets: list[dict[str, Any]]) -> None:
    # The attribution table names its rows by label, and shows "n/a" for no_source, which has
    # no target; every other marked row is named as its target is.
    rows = [row for row in _marked_rows(markdown) if row[0] != "no_source"]
    measured = [row for row in rows if row[3] != "n/a"]
    assert [row[3] for row in measured] == ["met" if t["met"] else "MISSED" for t in targets]
    for row, target in zip(measured, targets, strict=True):
        label = row[0]
        assert target["measure"] == label or target["measure"].startswith(f"{label}-attribution")
        assert target["target"]["op"] in row[2] or row[2] == "all below"


def test_a_missed_target_fails_the_check_only_when_asked(tmp_path, capsys):
    args = _dates(tmp_path, ["2024-03-05", "2023-11-20"])
    assert main(args) == 0
    plain = capsys.readouterr()
    assert "| exact date on dated pages (2) | 50.0% | >= 90% | MISSED |" in plain.out
    assert "target missed" not in plain.err

    assert main([*args, "--check"]) == 1
    checked = capsys.readouterr()
    assert checked.out == plain.out.replace(_time_row(plain.out), _time_row(checked.out))
    assert checked.err.splitlines() == [
        "quality eval: target missed: exact date on dated pages (2): 50.0% (target >= 90%)"
    ]


def _time_row(markdown: str) -> str:
    """The timing row, the one line of the tables that differs from run to run."""
    return next(line for line in markdown.splitlines() if line.startswith("| time per page"))


def test_every_measured_target_met_passes_the_check(tmp_path, capsys):
    # No undated page: the missing-date target is not measured, and does not count.
    out = tmp_path / "eval.json"
    assert main([*_dates(tmp_path, ["2024-03-05"]), "--check", "--json", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "| missing date reported on undated pages (0) | n/a | >= 90% | n/a |" in captured.out
    assert json.loads(out.read_text())["targets"] == [
        {
            "id": "dates_exact",
            "measure": "exact date on dated pages (1)",
            "value": 1.0,
            "target": {"op": ">=", "limit": 0.9},
            "met": True,
        }
    ]


def test_check_with_json_on_standard_output_keeps_the_json_clean(tmp_path, capsys):
    assert main([*_dates(tmp_path, ["2023-11-20"]), "--check", "--json", "-"]) == 1
    captured = capsys.readouterr()
    [target] = json.loads(captured.out)["targets"]
    assert target["measure"] == "exact date on dated pages (1)" and target["met"] is False
    assert "target missed: exact date on dated pages (1): 0.0% (target >= 90%)" in captured.err


def test_a_check_that_measured_nothing_passes_but_says_so(tmp_path, capsys):
    # Sentences without a source have no target: nothing here can be met or missed.
    path = _jsonl(
        tmp_path / "attribution.jsonl", [{"text": "The sky is blue.", "label": "no_source"}]
    )
    assert main(["eval", "--file", str(path), "--kind", "attribution", "--check"]) == 0
    assert "no target could be measured" in capsys.readouterr().err


def test_json_targets_agree_with_the_marks_of_the_tables(tmp_path, capsys):
    out = tmp_path / "eval.json"
    # Every kind of data, and the project's seeds: every target of the tables is measured.
    code = main(["eval", "--data", str(FIXTURES), "--json", str(out), "--check"])
    markdown = capsys.readouterr().out
    targets = json.loads(out.read_text())["targets"]
    assert {t["id"] for t in targets} >= {
        "auc",
        "human_news_below_fail_under",
        "seeds_below_fail_under",
        "vague_flagged",
        "named_flagged",
        "comments_detected",
        "comments_false",
        "dates_exact",
        "missing_reported",
    }
    _assert_targets_agree_with_marks(markdown, targets)
    assert code == (1 if any(not t["met"] for t in targets) else 0)


# --- the verdicts against the shown targets, on any values --------------------------------

#: Values at the limits as well as between them: a comparison written the wrong way round
#: (> for >=) shows only there.
SHARES = st.one_of(
    st.none(),
    st.sampled_from([0.0, 0.02, 0.03, 0.05, 0.5, 0.85, 0.9, 1.0]),
    st.floats(0, 1),
)


@st.composite
def evaluations(draw: st.DrawFn) -> Evaluation:
    seeds = draw(st.lists(st.sampled_from([0.0, 59.9, 60.0, 75.0]), max_size=3))
    overall: dict[str, Any] = {
        "fail_under": 60.0,
        "lowest_grade": "F",
        "auc": draw(SHARES),
        "per_dataset": {
            name: {"auc": draw(SHARES), "n": 4, "human_below_fail_under": 0.0}
            for name in draw(st.lists(st.sampled_from(["l2r", "xsum"]), unique=True))
        },
        "per_model": {},
        "mean_score_human": 90.0,
        "mean_score_ai": 50.0,
        "ai_below_fail_under": 0.5,
        "human_news": {
            "n": 10,
            "below_fail_under": draw(SHARES),
            "lowest_grade": 0.0,
            "median_score": 90.0,
            "p2_score": 70.0,
        },
    }
    if seeds:
        overall["seeds"] = [
            {"name": f"s{i}", "score": score, "below_fail_under": score < 60}
            for i, score in enumerate(seeds)
        ]
        overall["seeds_all_below"] = all(score < 60 for score in seeds)
    labels = draw(st.lists(st.sampled_from(["vague", "no_source", "named"]), unique=True))
    results: dict[str, Any] = {
        "overall": overall,
        "attribution": {
            "n": dict.fromkeys(labels, 3),
            "flagged": {label: draw(SHARES) for label in labels},
            "by_rule": {},
        },
        "residue": {
            "tolerance": 200,
            "n_with_comments": 3,
            "n_without_comments": 3,
            "detected_reader_comments": draw(SHARES),
            "detected_any_residue": 0.5,
            "reported_too_early": 0.0,
            "false_comment_reports": draw(SHARES),
            "false_reader_comments": 0.0,
            "any_residue_without_comments": 0.0,
            "distance_median": 2.0,
            "distance_p90": 2.0,
        },
        "dates": {
            "n_dated": 2,
            "n_undated": 1,
            "exact": draw(SHARES),
            "exact_per_dataset": {},
            "errors": {},
            "gold_not_dates": [],
            "missing_reported_on_undated": draw(SHARES),
            "ms_per_page_mean": 1.0,
            "ms_per_page_p90": 1.0,
        },
    }
    sections = draw(st.sets(st.sampled_from(sorted(results)), min_size=1))
    return Evaluation(results={name: results[name] for name in sections})


def _verdict(value: Any, shown_target: str) -> bool:
    """The verdict read off the target as the table shows it ("<= 3%", ">= 0.85")."""
    op, limit_text = shown_target.split(" ")
    limit = float(limit_text[:-1]) / 100 if limit_text.endswith("%") else float(limit_text)
    return bool(value >= limit if op == ">=" else value <= limit)


@given(evaluations())
def test_marks_json_and_check_give_one_verdict_per_target(evaluation):
    checks = target_checks(evaluation)
    markdown = render_markdown(evaluation)
    targets = json.loads(to_json(evaluation))["targets"]
    _assert_targets_agree_with_marks(markdown, targets)
    for check in checks:
        if check.value is None:
            assert check.met is None and check.id not in {t["id"] for t in targets}
        elif check.op == "all <":
            assert check.met is all(score < check.limit for score in check.value)
        else:
            assert check.met is _verdict(check.value, check.shown_target)


def test_the_tables_read_as_before():
    evaluation = Evaluation(
        results={
            "overall": {
                "fail_under": 60.0,
                "lowest_grade": "F",
                "auc": 0.9,
                "per_dataset": {
                    "l2r": {"auc": 0.85, "n": 4, "human_below_fail_under": 0.0},
                    "xsum": {"auc": 0.804, "n": 4, "human_below_fail_under": 0.0},
                    "one-class": {"auc": None, "n": 2, "human_below_fail_under": 0.0},
                },
                "per_model": {},
                "mean_score_human": 90.0,
                "mean_score_ai": 50.0,
                "ai_below_fail_under": 0.5,
                "human_news": {
                    "n": 924,
                    "below_fail_under": 0.02,
                    "lowest_grade": 0.0,
                    "median_score": 90.0,
                    "p2_score": 70.0,
                },
                "seeds": [
                    {"name": "a", "score": 40.2, "below_fail_under": True},
                    {"name": "b", "score": 60.0, "below_fail_under": False},
                ],
                "seeds_all_below": False,
            },
            "attribution": {
                "n": {"vague": 847, "no_source": 5, "named": 12407},
                "flagged": {"vague": 0.5, "no_source": 0.4, "named": 0.0501},
                "by_rule": {},
            },
            "residue": {
                "tolerance": 200,
                "n_with_comments": 198,
                "n_without_comments": 0,
                "detected_reader_comments": 0.8999,
                "detected_any_residue": 0.5,
                "reported_too_early": 0.0,
                "false_comment_reports": None,
                "false_reader_comments": None,
                "any_residue_without_comments": None,
                "distance_median": 2.0,
                "distance_p90": 2.0,
            },
            "dates": {
                "n_dated": 659,
                "n_undated": 46,
                "exact": 0.918,
                "exact_per_dataset": {},
                "errors": {},
                "gold_not_dates": [],
                "missing_reported_on_undated": 0.9,
                "ms_per_page_mean": 1.0,
                "ms_per_page_p90": 1.0,
            },
        }
    )
    assert _marked_rows(render_markdown(evaluation)) == [
        ("AUC human vs machine (all)", "0.900", ">= 0.9", "met"),
        ("AUC, dataset l2r", "0.850", ">= 0.85", "met"),
        ("AUC, dataset xsum", "0.804", ">= 0.85", "MISSED"),
        ("AUC, dataset one-class", "n/a", ">= 0.85", "n/a"),
        ("human-news below fail-under (924 articles)", "2.0%", "<= 2%", "met"),
        ("seed scores (fail-under 60)", "40, 60", "all below", "MISSED"),
        ("vague", "50.0%", ">= 50%", "met"),
        ("no_source", "40.0%", "", "n/a"),
        ("named", "5.0%", "<= 5%", "MISSED"),
        ("reader comments found at article end (198 pages)", "90.0%", ">= 90%", "MISSED"),
        ("comment residue on pages without comments (0 pages)", "n/a", "<= 3%", "n/a"),
        ("exact date on dated pages (659)", "91.8%", ">= 90%", "met"),
        ("missing date reported on undated pages (46)", "90.0%", ">= 90%", "met"),
    ]
