"""Refitting and measuring on a user's own labelled files: scales, silent scorers, odd files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quality.calibration import Sample, fit_classes, fit_numeric
from quality.cli import main
from quality.errors import ConfigError, InputError
from quality.evaluation.datasets import read_kind
from quality.evaluation.measures import ScoredText, measure_rules
from quality.pipeline import Pipeline
from quality.weights import DEFAULT_PATH, Weights
from tests.test_train_edges import HUMAN, MACHINE, _write


def _weights_file(tmp_path: Path, name: str = "w.json", **changes: object) -> Path:
    data = json.loads(DEFAULT_PATH.read_text())
    data.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


# --- a template whose base is not 100 --------------------------------------------------


def test_numeric_labels_are_scores_on_the_0_100_scale_whatever_the_base(tmp_path):
    # Scores are (base - lost) * 100 / base: with base 200 an article labelled 30 lost 140
    # points, not 170, and the fitted weights must reproduce the labels in the pipeline.
    rows = [{"text": HUMAN.format(n=n), "label": 90} for n in range(4)]
    rows += [{"text": MACHINE.format(n=n), "label": 30} for n in range(4)]
    labelled = _write(tmp_path / "scored.jsonl", rows)
    out = tmp_path / "fitted.json"
    template = _weights_file(tmp_path, base=200.0)
    assert main(["train", str(labelled), "-o", str(out), "--weights", str(template)]) == 0
    fitted = Weights.load(out)
    pipeline = Pipeline(weights=fitted)
    errors = [abs(r["label"] - pipeline.score(r["text"]).score) for r in rows]
    assert max(errors) < 10
    reported = fitted.extra["fitted"]["mean_absolute_error"]
    assert reported == pytest.approx(sum(errors) / len(errors), abs=0.1)


def test_the_false_fail_limit_holds_on_the_score_scale_whatever_the_base():
    # With base 200 and fail-under 60, an article fails once it loses 80 points, not 140
    # (base - fail_under): the seed must fail, and no human article may.
    humans = [
        Sample({"filler": lost / 200}, machine=False, reference=True)
        for lost in (30, 40, 50, 60, 70, 80)
    ]
    machines = [Sample({"filler": 0.9 + i / 100}, machine=True) for i in range(6)]
    result = fit_classes(
        humans + machines,
        [Sample({"filler": 0.95})],
        ["filler"],
        fixed={},
        base=200.0,
        fail_under=60.0,
        max_false_fail=0.0,
    )
    assert result.fitted["reference_below_fail_under"] == 0.0
    assert result.fitted["feasible"] is True
    assert result.fitted["seed_scores"][0] < 60


# --- scorers the data cannot weigh -----------------------------------------------------


def test_numeric_fit_keeps_the_points_of_scorers_the_data_gives_no_signal_for():
    # Least squares gives a column of zeros 0 points: a user's file without repetitive
    # articles would switch repetition off. The class fit keeps such a scorer's points.
    samples = [
        Sample({"filler": 0.1 * i, "repetition": 0.0}, quality=100 - 50 * 0.1 * i) for i in range(5)
    ]
    result = fit_numeric(
        samples, ["filler", "repetition"], fixed={}, base=100.0, kept={"repetition": 38.0}
    )
    assert "repetition" not in result.weights
    assert result.fitted["not_fitted_no_signal"] == ["repetition"]
    assert result.to_weights(Weights.load()).weight("repetition") == pytest.approx(37.94)
    assert result.weights["filler"] == pytest.approx(50.0)


def test_a_constant_feature_is_charged_at_its_kept_points_in_the_numeric_fit():
    # Every article lost 10 points to a silent scorer: the fitted scorer must not absorb them.
    samples = [
        Sample({"filler": 0.1 * i, "dates": 0.5}, quality=100 - 10 - 40 * 0.1 * i) for i in range(5)
    ]
    result = fit_numeric(samples, ["filler", "dates"], fixed={}, base=100.0, kept={"dates": 20.0})
    assert result.weights == {"filler": pytest.approx(40.0)}
    assert result.fitted["mean_absolute_error"] == pytest.approx(0.0, abs=0.01)


def test_numeric_labels_on_identical_articles_are_an_error_naming_the_file(tmp_path, capsys):
    labelled = _write(tmp_path / "same.jsonl", [{"text": HUMAN.format(n=1), "label": 50}] * 3)
    assert main(["train", str(labelled), "-o", str(tmp_path / "w.json")]) == 2
    err = capsys.readouterr().err
    assert f"{labelled}: no scorer's sub-score varies" in err
    assert "Traceback" not in err


# --- errors of the fit name the training file ------------------------------------------


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("human", 6)], r"needs both human and machine .* \(got 6 human, 0 machine\)"),
        (
            [("human", 2), ("ai", 1)],
            r"at least two articles of each class \(got 2 human, 1 machine\)",
        ),
        ([(50, 1)], r"at least two labelled articles \(got 1\)"),
    ],
)
def test_too_little_training_data_is_named_by_file_with_counts(tmp_path, capsys, rows, message):
    records = [
        {"text": HUMAN.format(n=n) if label != "ai" else MACHINE.format(n=n), "label": label}
        for label, count in rows
        for n in range(count)
    ]
    labelled = _write(tmp_path / "few.jsonl", records)
    assert main(["train", str(labelled), "-o", str(tmp_path / "w.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"quality train: error: {labelled}: ")
    assert re.search(message, err)


# --- --fixed ---------------------------------------------------------------------------


def _labelled(tmp_path: Path) -> Path:
    rows = [{"text": HUMAN.format(n=n), "label": "human"} for n in range(3, 9)]
    rows += [{"text": MACHINE.format(n=n), "label": "ai"} for n in range(6)]
    return _write(tmp_path / "labelled.jsonl", rows)


def test_a_scorer_fixed_twice_at_different_points_is_refused(tmp_path, capsys):
    args = ["train", str(_labelled(tmp_path)), "-o", str(tmp_path / "w.json")]
    assert main([*args, "--fixed", "dates=5", "--fixed", "dates=7"]) == 2
    assert "--fixed dates=7: dates is already fixed at 5 points" in capsys.readouterr().err


def test_fixed_minus_zero_is_written_as_zero(tmp_path):
    out = tmp_path / "w.json"
    args = ["train", str(_labelled(tmp_path)), "-o", str(out), "--fixed", "dates=-0"]
    assert main(args) == 0
    assert '"dates": -0.0' not in out.read_text()
    assert json.loads(out.read_text())["weights"]["dates"] == 0.0


# --- hand-edited weights files ---------------------------------------------------------


def test_a_key_written_twice_in_a_weights_file_is_refused(tmp_path):
    text = DEFAULT_PATH.read_text().replace('"weights": {', '"weights": {"filler": 1, ', 1)
    path = tmp_path / "twice.json"
    path.write_text(text)
    with pytest.raises(ConfigError, match=r"twice.json: key 'filler' appears twice"):
        Weights.load(path)


@pytest.mark.parametrize(
    ("key", "meant"), [("fail-under", "fail_under"), ("weight", "weights"), ("grade", "grades")]
)
def test_a_misspelt_top_level_key_is_refused_not_ignored(tmp_path, key, meant):
    data = json.loads(DEFAULT_PATH.read_text())
    data[key] = data.pop(meant)
    if meant != "fail_under":  # a required key is missing too; the misspelling is named first
        data[meant] = json.loads(DEFAULT_PATH.read_text())[meant]
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match=rf"unknown key '{key}'; did you mean '{meant}'\?"):
        Weights.load(path)


def test_unrelated_extra_keys_are_kept_as_notes(tmp_path):
    path = _weights_file(tmp_path, notes="refitted on the spring batch")
    assert Weights.load(path).extra["notes"] == "refitted on the spring batch"


# --- quality eval ----------------------------------------------------------------------


def test_eval_refuses_to_write_its_json_over_the_labelled_file(tmp_path, capsys):
    labelled = _write(
        tmp_path / "news.jsonl", [{"text": HUMAN.format(n=n), "label": "human"} for n in range(2)]
    )
    before = labelled.read_text()
    args = ["eval", "--file", str(labelled), "--kind", "news", "--json", str(labelled)]
    assert main(args) == 2
    assert "refusing to overwrite it" in capsys.readouterr().err
    assert labelled.read_text() == before


def test_eval_refuses_to_write_its_json_over_the_weights_file(tmp_path, capsys):
    labelled = _write(
        tmp_path / "news.jsonl", [{"text": HUMAN.format(n=n), "label": "human"} for n in range(2)]
    )
    weights = _weights_file(tmp_path)
    before = weights.read_text()
    args = ["eval", "--file", str(labelled), "--kind", "news", "--weights", str(weights)]
    assert main([*args, "--json", str(weights)]) == 2
    assert "is the weights file" in capsys.readouterr().err
    assert weights.read_text() == before


def test_eval_refuses_to_write_its_json_over_a_file_of_the_data_directory(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    news = _write(
        data / "news-human-vs-ai.dev.jsonl",
        [{"text": HUMAN.format(n=n), "label": "human"} for n in range(2)],
    )
    before = news.read_text()
    assert main(["eval", "--data", str(data), "--only", "news", "--json", str(news)]) == 2
    assert "is the labelled data" in capsys.readouterr().err
    assert news.read_text() == before


def _scored(label: str, rules: dict[str, int]) -> ScoredText:
    return ScoredText("x", label, "all", None, 50.0, "D", rules, {})


def test_raw_precision_is_undefined_when_one_class_is_absent():
    # Every firing on a machine-only file is a machine firing: 1.0 would read as perfect.
    only_machine = measure_rules([_scored("ai", {"R1": 1})], [])
    assert only_machine["rules"]["R1"]["precision_raw"] is None
    both = measure_rules([_scored("ai", {"R1": 1}), _scored("human", {})], [])
    assert both["rules"]["R1"]["precision_raw"] == 1.0


def test_a_comments_record_without_comments_but_with_an_article_end_is_refused(tmp_path):
    path = tmp_path / "comments.jsonl"
    path.write_text('{"text": "abcdef", "has_comments": false, "article_end": 3}\n')
    with pytest.raises(InputError, match=r"comments.jsonl:1: a record with has_comments=false"):
        read_kind("comments", path)


def test_a_numeric_news_label_in_eval_is_named_as_a_bad_label(tmp_path):
    path = _write(tmp_path / "news.jsonl", [{"text": "A text.", "label": 90}])
    with pytest.raises(InputError, match=r"news.jsonl:1: field 'label' must be one of human, ai"):
        read_kind("news", path)
    _write(path, [{"text": "A text."}])
    with pytest.raises(InputError, match=r"news.jsonl:1: missing field 'label'"):
        read_kind("news", path)
