"""Fitting weights: non-negative direction, scale from the false-fail and seed constraints."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import quality
from quality.calibration import (
    FitResult,
    Sample,
    choose_scale,
    fit_classes,
    fit_logistic,
    weights_document,
)
from quality.cli import main
from quality.errors import ConfigError
from quality.weights import Weights


def test_logistic_fit_keeps_coefficients_non_negative():
    rng = np.random.default_rng(0)
    good = rng.random(400)
    bad = rng.random(400)
    y = good + 0.2 * rng.standard_normal(400) > 0.5
    # ``bad`` is anti-correlated with the machine class; unconstrained it would add points
    x = np.column_stack([good, 1.0 - good + 0.1 * bad])
    w, _ = fit_logistic(x, y, np.ones(400), l2=0.001)
    assert w[0] > 1.0
    assert w[1] == 0.0


def test_scale_sits_between_the_seed_and_false_fail_limits():
    # fail when fixed + scale * evidence > 40; 100 references, at most 2 may fail
    reference = [(0.0, 0.01)] * 97 + [(0.0, 1.0), (0.0, 2.0), (0.0, 4.0)]
    seeds = [(0.0, 8.0), (10.0, 6.0)]
    scale, info = choose_scale(reference, seeds, margin=40.0, max_false_fail=0.02)
    assert info["scale_lower"] == 5.0  # the first seed needs scale > 40 / 8
    assert info["scale_upper"] == 40.0  # the third-worst reference fails above 40 / 1
    assert scale == pytest.approx(math.sqrt(5.0 * 40.0))
    assert info["feasible"] is True


def test_scale_prefers_the_human_reference_when_no_scale_works():
    scale, info = choose_scale([(0.0, 1.0)] * 10, [(0.0, 0.5)], margin=40.0, max_false_fail=0.0)
    assert info["feasible"] is False
    assert scale < 40.0


def test_a_seed_the_fitted_scorers_see_nothing_in_does_not_make_the_scale_infinite():
    # Before, its unreachable limit became the scale: every weight inf, and train failed.
    reference = [(0.0, 0.01)] * 98 + [(0.0, 1.0), (0.0, 2.0)]
    seeds = [(0.0, 8.0), (0.0, 0.0)]
    scale, info = choose_scale(reference, seeds, margin=40.0, max_false_fail=0.02)
    assert math.isfinite(scale) and scale > 40.0 / 8.0
    assert info["feasible"] is False and info["seeds_failing_at_no_scale"] == 1
    alone, info = choose_scale([(0.0, 0.0)] * 3, [(0.0, 0.0)], margin=40.0, max_false_fail=0.0)
    assert math.isfinite(alone) and info["feasible"] is False


def test_fixed_points_that_already_fail_the_reference_make_it_infeasible():
    # Before, a negative seed bound under an upper bound of 0 was called feasible.
    reference = [(50.0, 1.0)] * 5 + [(0.0, 1.0)] * 5
    scale, info = choose_scale(reference, [(50.0, 1.0)], margin=40.0, max_false_fail=0.02)
    assert scale == 0.0 and info["feasible"] is False


def test_when_no_scale_works_the_tightest_seed_is_not_left_at_fail_under():
    scale, info = choose_scale([(0.0, 1.0)] * 10, [(0.0, 0.5)], margin=40.0, max_false_fail=0.0)
    assert info["feasible"] is False and 0 < scale < 40.0


def _samples() -> tuple[list[Sample], list[Sample]]:
    rng = np.random.default_rng(1)
    samples = []
    for i in range(300):
        machine = i % 2 == 0
        filler = min(1.0, max(0.0, (0.5 if machine else 0.1) + 0.15 * rng.standard_normal()))
        samples.append(
            Sample(
                {"filler": filler, "noise": rng.random()}, machine=machine, reference=not machine
            )
        )
    seeds = [Sample({"filler": 0.9, "noise": 0.5}), Sample({"filler": 0.8, "noise": 0.5})]
    return samples, seeds


def test_fit_classes_meets_its_constraints():
    samples, seeds = _samples()
    result = fit_classes(
        samples,
        seeds,
        ["filler", "noise", "leak"],
        fixed={"leak": 100.0},
        base=100.0,
        fail_under=60.0,
    )
    assert set(result.weights) == {"filler", "noise"}
    assert all(points >= 0 for points in result.weights.values())
    assert result.weights["filler"] > 5 * result.weights["noise"]
    assert result.fitted["cv_auc"] > 0.9
    assert result.fitted["reference_below_fail_under"] <= 0.02
    assert all(score < 60 for score in result.fitted["seed_scores"])


def test_fitted_document_loads_and_drives_a_pipeline(tmp_path):
    document = weights_document(
        FitResult({"filler": 55.5}, {"cv_auc": 0.8}), Weights.load(), data="test"
    )
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(document))
    pipeline = quality.Pipeline(weights=path)
    assert pipeline.weights.weight("filler") == 55.5
    assert pipeline.weights.extra["fitted"]["data"] == "test"
    report = pipeline.score("A plain sentence about the council budget, the mayor said.")
    assert report.scorers["filler"].weight == 55.5


def test_refitted_weights_keep_the_templates_unknown_shares():
    template = Weights.load()
    template = Weights(
        template.weights,
        template.grades,
        template.fail_under,
        template.base,
        template.default_weight,
        template.source,
        template.extra,
        {"chatbot-leak": 0.05},
    )
    document = weights_document(FitResult({"filler": 40.0}, {}), template, data="test")
    assert document["unknown_share"] == {"chatbot-leak": 0.05}


def test_invalid_weights_file_is_named(tmp_path):
    path = tmp_path / "weights.json"
    path.write_text(
        json.dumps({"schema": "quality-weights/1", "weights": {"filler": -3}, "grades": []})
    )
    with pytest.raises(ConfigError, match=r"weights\.json"):
        quality.Pipeline(weights=path)


def test_shipped_weights_record_how_they_were_fitted():
    weights = Weights.load()
    fitted = weights.extra["fitted"]
    assert {"data", "date", "method", "cv_auc"} <= set(fitted)
    assert weights.weight("chatbot-leak") >= 100


def _write_labelled(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


CLEAN = (
    "The council approved the budget on Tuesday, the mayor, Jane Ortiz, said. "
    "The vote was {n} to 2."
)
PADDED = (
    "In a shocking turn of events, it is important to note that only time will tell. "
    "A glimmer of hope remains, and it is worth noting that the stakes are high {n}."
)


def test_train_command_on_labelled_file(tmp_path, capsys):
    labelled = tmp_path / "labelled.jsonl"
    rows = [{"text": CLEAN.format(n=n), "label": "human"} for n in range(3, 9)]
    rows += [{"text": PADDED.format(n=n), "label": "ai"} for n in range(6)]
    _write_labelled(labelled, rows)
    out = tmp_path / "w.json"
    assert main(["train", str(labelled), "-o", str(out)]) == 0
    weights = Weights.load(out)
    assert weights.weight("filler") > 0
    assert weights.extra["fitted"]["data"] == "labelled.jsonl"
    assert "cv_auc" in capsys.readouterr().out


def test_train_command_numeric_labels(tmp_path):
    labelled = tmp_path / "scored.jsonl"
    rows = [{"text": CLEAN.format(n=n), "label": 95} for n in range(3, 7)]
    rows += [{"text": PADDED.format(n=n), "label": 40} for n in range(4)]
    _write_labelled(labelled, rows)
    out = tmp_path / "w.json"
    assert main(["train", str(labelled), "-o", str(out)]) == 0
    assert "non-negative least squares" in Weights.load(out).extra["fitted"]["method"]


def test_train_command_rejects_bad_labels(tmp_path, capsys):
    labelled = tmp_path / "bad.jsonl"
    _write_labelled(labelled, [{"text": "Some text.", "label": "maybe"}])
    assert main(["train", str(labelled), "-o", str(tmp_path / "w.json")]) == 2
    assert "bad.jsonl:1: 'label' must be human, ai or a number" in capsys.readouterr().err


FRENCH = (
    "Le conseil municipal a approuvé le budget mardi, a déclaré la maire. Le vote était de "
    "sept voix contre deux. Les habitants attendent les travaux depuis des années."
)


def _labelled_file(tmp_path):
    labelled = tmp_path / "labelled.jsonl"
    rows = [{"text": CLEAN.format(n=n), "label": "human"} for n in range(3, 11)]
    rows += [{"text": PADDED.format(n=n), "label": "ai"} for n in range(8)]
    _write_labelled(labelled, rows)
    return labelled


def test_train_writes_fixed_points_and_its_seed_scores_match_the_pipeline(tmp_path):
    # A French seed runs no scorer: the fit must charge the unknown penalty as the pipeline does,
    # and the fixed dates points must be the ones in the file.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(PADDED.format(n=99))
    (seeds / "b.txt").write_text(FRENCH)
    out = tmp_path / "w.json"
    args = ["train", str(_labelled_file(tmp_path)), "-o", str(out), "--seeds", str(seeds)]
    assert main([*args, "--fixed", "dates=45", "--fixed", "chatbot-leak"]) == 0
    weights = Weights.load(out)
    assert weights.weight("dates") == 45.0
    pipeline = quality.Pipeline(weights=out)
    actual = [pipeline.score(p.read_text()).score for p in sorted(seeds.glob("*.txt"))]
    assert weights.extra["fitted"]["seed_scores"] == pytest.approx(actual, abs=0.11)


@pytest.mark.parametrize("item", ["dates=nan", "dates=inf", "dates=-50", "nosuch=3", "nosuch"])
def test_train_rejects_bad_fixed_points(tmp_path, capsys, item):
    code = main(
        ["train", str(_labelled_file(tmp_path)), "-o", str(tmp_path / "w.json"), "--fixed", item]
    )
    assert code == 2
    assert f"--fixed {item}:" in capsys.readouterr().err
    assert not (tmp_path / "w.json").exists()


def test_unknown_share_is_charged_for_scorers_that_did_not_run():
    from quality.calibration import features_of, fixed_penalty

    subs = {"filler": None, "dates": None, "residue": 1.0}
    assert features_of(subs, ["filler"], {"filler": 0.5}) == {"filler": 0.5}
    assert fixed_penalty(subs, {"dates": 40.0, "residue": 35.0}, {"dates": 0.25}) == 10.0


def test_scorers_without_signal_keep_their_points_in_the_reported_scores():
    samples, seeds = _samples()
    for sample in [*samples, *seeds]:
        sample.features["flat"] = 0.5  # the same on every article: nothing to fit
    common = dict(fixed={}, base=100.0, fail_under=60.0)
    without = fit_classes(samples, seeds, ["filler", "noise", "flat"], **common)
    kept = fit_classes(samples, seeds, ["filler", "noise", "flat"], kept={"flat": 20.0}, **common)
    assert kept.fitted["not_fitted_no_signal"] == ["flat"]
    # the flat scorer takes 10 points off every seed; the scale shrinks, but not by all of it
    assert kept.fitted["seed_scores"] != without.fitted["seed_scores"]
    points = kept.weights
    for seed, score in zip(seeds, kept.fitted["seed_scores"], strict=True):
        lost = 10.0 + sum(points[n] * seed.features[n] for n in points)
        assert score == pytest.approx(100.0 - lost, abs=0.05)


def test_numeric_training_with_every_scorer_fixed_is_an_input_error(tmp_path, capsys):
    labelled = tmp_path / "scored.jsonl"
    _write_labelled(labelled, [{"text": CLEAN.format(n=n), "label": 90} for n in range(3)])
    fixed = [f"--fixed={s}" for s in quality.Pipeline().scorer_ids]
    assert main(["train", str(labelled), "-o", str(tmp_path / "w.json"), *fixed]) == 2
    assert "nothing is left to fit" in capsys.readouterr().err


def test_train_refuses_unwritable_output_and_its_own_training_data(tmp_path, capsys):
    labelled = _labelled_file(tmp_path)
    before = labelled.read_text()
    assert main(["train", str(labelled), "-o", "/nonexistent/x.json"]) == 2
    assert "/nonexistent/x.json" in capsys.readouterr().err
    assert main(["train", str(labelled), "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["train", str(labelled), "-o", str(labelled)]) == 2
    assert "training data" in capsys.readouterr().err
    assert labelled.read_text() == before


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_train_limit_must_be_positive(tmp_path, capsys, limit):
    code = main(
        ["train", str(_labelled_file(tmp_path)), "-o", str(tmp_path / "w.json"), "--limit", limit]
    )
    assert code == 2
    assert "--limit must be at least 1" in capsys.readouterr().err


def test_train_names_a_seed_that_is_not_utf8(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bad.txt").write_bytes(b"Caf\xe9 owners said the \xff rent rose.")
    args = ["train", str(_labelled_file(tmp_path)), "-o", str(tmp_path / "w.json")]
    assert main([*args, "--seeds", str(seeds)]) == 2
    assert "bad.txt: not UTF-8" in capsys.readouterr().err


def test_train_accepts_a_byte_order_mark(tmp_path):
    labelled = _labelled_file(tmp_path)
    labelled.write_bytes(b"\xef\xbb\xbf" + labelled.read_bytes())
    assert main(["train", str(labelled), "-o", str(tmp_path / "w.json")]) == 0


def test_train_data_names_file_and_line_of_a_record_the_pipeline_rejects(tmp_path, capsys):
    from quality.evaluation.datasets import DEFAULT_FILES

    fixtures = Path(__file__).resolve().parent / "fixtures" / "eval"
    news = DEFAULT_FILES["news"]
    (tmp_path / news).write_text((fixtures / news).read_text())
    bad = {"text": CLEAN.format(n=1), "publisher": "p", "date": "2024"}
    _write_labelled(tmp_path / DEFAULT_FILES["human-news"], [bad])
    assert main(["train", "--data", str(tmp_path), "-o", str(tmp_path / "w.json")]) == 2
    assert f"{DEFAULT_FILES['human-news']}:1: 'published'" in capsys.readouterr().err
