"""Edge cases of ``quality train`` and of weights files: odd labels, odd files, odd numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quality
from quality.cli import main
from quality.errors import ConfigError
from quality.weights import DEFAULT_PATH, Weights

HUMAN = "The council approved the budget on Tuesday, the mayor, Jane Ortiz, said. The vote was {n} to 2."
MACHINE = (
    "In a shocking turn of events, it is important to note that only time will tell. "
    "A glimmer of hope remains, and it is worth noting that the stakes are high {n}."
)


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _labelled(tmp_path: Path, human: str = "human", machine: str = "ai") -> Path:
    rows = [{"text": HUMAN.format(n=n), "label": human} for n in range(3, 9)]
    rows += [{"text": MACHINE.format(n=n), "label": machine} for n in range(6)]
    return _write(tmp_path / "labelled.jsonl", rows)


def _shipped() -> dict:
    return json.loads(DEFAULT_PATH.read_text())


def _weights_file(tmp_path: Path, change) -> Path:
    data = _shipped()
    change(data)
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data))
    return path


# --- weights files ---------------------------------------------------------------------


def test_weights_file_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "weights.json"
    path.write_bytes(b"\xef\xbb\xbf" + DEFAULT_PATH.read_bytes())
    assert Weights.load(path).weights == Weights.load().weights


def test_an_integer_too_large_for_a_float_is_a_config_error(tmp_path):
    data = _shipped()
    data["weights"]["filler"] = 0  # a placeholder replaced by a 400-digit integer below
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data).replace('"filler": 0', '"filler": 1' + "0" * 400))
    with pytest.raises(ConfigError, match=r"weight of 'filler' must be a non-negative number"):
        Weights.load(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(base=1e308), "base must be at most"),
        (lambda d: d.update(fail_under=500), "fail_under must be at most 100"),
        (lambda d: d.update(grades=[{"min": 150, "grade": "A"}]), "min of grade A must be at most"),
        (lambda d: d.update(grades=[{"min": 0, "grade": " "}]), "needs a 'grade' label"),
        (
            lambda d: d.update(grades=[{"min": 50, "grade": "P"}, {"min": 50, "grade": "Q"}]),
            "two grades have min 50",
        ),
        (
            lambda d: d.update(grades=[{"min": 85, "grade": "A"}, {"min": 0, "grade": "A"}]),
            "two grades are labelled 'A'",
        ),
        (
            lambda d: d.update(grades=[{"min": 50, "grade": "P"}, {"mni": 3, "grade": "F"}]),
            "grade F has unknown key",
        ),
        (lambda d: d.update(unknown_share={"filler": 2}), "unknown_share of 'filler' must be"),
    ],
)
def test_weights_file_values_off_the_score_scale_are_refused(tmp_path, change, message):
    with pytest.raises(ConfigError, match=message):
        quality.Pipeline(weights=_weights_file(tmp_path, change))


def test_a_misspelt_scorer_id_in_a_weights_file_is_named(tmp_path, capsys):
    weights = _weights_file(tmp_path, lambda d: d["weights"].update(fillr=10))
    labelled = _labelled(tmp_path)
    out = tmp_path / "w.json"
    assert main(["train", str(labelled), "-o", str(out), "--weights", str(weights)]) == 2
    assert "weights.json: unknown scorer(s) 'fillr'" in capsys.readouterr().err
    assert not out.exists()
    news = _write(tmp_path / "news.jsonl", [{"text": HUMAN.format(n=1), "label": "human"}])
    assert main(["eval", "--file", str(news), "--kind", "news", "--weights", str(weights)]) == 2
    assert "unknown scorer(s) 'fillr'" in capsys.readouterr().err


# --- labels ----------------------------------------------------------------------------


def test_labels_are_checked_before_any_article_is_scored(tmp_path, capsys, monkeypatch):
    def not_reached(*args, **kwargs):
        raise AssertionError("scored before the labels were checked")

    monkeypatch.setattr(quality.Pipeline, "score", not_reached)
    rows = [{"text": HUMAN.format(n=n), "label": "human"} for n in range(5)]
    path = _write(tmp_path / "late.jsonl", [*rows, {"text": MACHINE.format(n=0), "label": "50"}])
    assert main(["train", str(path), "-o", str(tmp_path / "w.json")]) == 2
    assert "late.jsonl:6: 'label' must be human, ai or a number 0-100, got '50'" in (
        capsys.readouterr().err
    )


def test_mixed_labels_name_the_line_that_breaks_the_kind(tmp_path, capsys):
    rows = [{"text": HUMAN.format(n=1), "label": "human"}, {"text": HUMAN, "label": 70}]
    path = _write(tmp_path / "mixed.jsonl", rows)
    assert main(["train", str(path), "-o", str(tmp_path / "w.json")]) == 2
    err = capsys.readouterr().err
    assert "mixed.jsonl:2: label is a number, but line 1's is a class" in err


def test_a_missing_label_is_named_as_missing(tmp_path, capsys):
    path = _write(tmp_path / "nolabel.jsonl", [{"text": HUMAN.format(n=1)}])
    assert main(["train", str(path), "-o", str(tmp_path / "w.json")]) == 2
    assert "nolabel.jsonl:1: missing field 'label'" in capsys.readouterr().err


def test_an_empty_training_file_says_so(tmp_path, capsys):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n  \n")
    assert main(["train", str(path), "-o", str(tmp_path / "w.json")]) == 2
    assert "empty.jsonl: no labelled articles" in capsys.readouterr().err


def test_class_labels_in_any_case_are_read_alike_by_train_and_eval(tmp_path):
    from quality.evaluation.datasets import read_kind

    path = _labelled(tmp_path, human="Human", machine="AI")
    assert main(["train", str(path), "-o", str(tmp_path / "w.json")]) == 0
    assert {r.label for r in read_kind("news", path)} == {"human", "ai"}


# --- seeds, outputs, warnings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"), [("empty", "no seed articles"), ("file", "not a file")]
)
def test_a_named_seeds_directory_must_hold_seeds(tmp_path, capsys, make, message):
    seeds = tmp_path / "seeds"
    if make == "empty":
        seeds.mkdir()
        (seeds / "one.md").write_text(MACHINE.format(n=1))  # not a .txt: not a seed
    else:
        seeds.write_text(MACHINE.format(n=1))
    labelled = _labelled(tmp_path)
    code = main(["train", str(labelled), "-o", str(tmp_path / "w.json"), "--seeds", str(seeds)])
    assert code == 2
    assert message in capsys.readouterr().err
    args = ["eval", "--file", str(labelled), "--kind", "news", "--seeds", str(seeds)]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_output_dash_is_standard_output_not_a_file(tmp_path, capsys, monkeypatch):
    labelled = _labelled(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["train", str(labelled), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["schema"] == "quality-weights/1"
    assert "cv_auc" in captured.err  # the summary keeps out of the weights
    assert not (tmp_path / "-").exists()


def test_numeric_labels_warn_that_seeds_are_not_used(tmp_path, capsys):
    rows = [{"text": HUMAN.format(n=n), "label": 95} for n in range(3)]
    rows += [{"text": MACHINE.format(n=n), "label": 40} for n in range(3)]
    path = _write(tmp_path / "scored.jsonl", rows)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(MACHINE.format(n=9))
    assert main(["train", str(path), "-o", str(tmp_path / "w.json"), "--seeds", str(seeds)]) == 0
    assert "numeric labels give points directly" in capsys.readouterr().err


def test_a_scale_nothing_bounds_is_reported_as_arbitrary(capsys):
    import sys

    from quality.commands.train import _summary

    # No seed must fail and no human article ever would: choose_scale took a factor of 1.
    fitted = {"scale_lower": 0.0, "scale_upper": None, "feasible": True}
    _summary({"weights": {"filler": 0.2}, "fitted": fitted}, sys.stdout)
    assert "fitted points are arbitrary" in capsys.readouterr().err
    _summary({"weights": {"filler": 40.0}, "fitted": {**fitted, "scale_upper": 17.1}}, sys.stdout)
    assert "arbitrary" not in capsys.readouterr().err


def test_a_weights_path_to_a_device_or_a_dump_is_refused_at_once(tmp_path):
    big = tmp_path / "dump.json"
    big.write_text('{"schema": "quality-weights/1", "x": "' + "a" * 1_100_000 + '"}')
    for path in (big, Path("/dev/zero")):
        if not path.exists():
            continue
        with pytest.raises(ConfigError, match="weights file is over 1 MB"):
            quality.Pipeline(weights=path)


def test_train_warns_of_articles_given_twice(tmp_path, capsys):
    labelled = _labelled(tmp_path)
    assert main(["train", str(labelled), "-o", str(tmp_path / "w.json")]) == 0
    assert "repeat" not in capsys.readouterr().err
    joined = tmp_path / "joined.jsonl"
    joined.write_text(labelled.read_text() * 2)
    assert main(["train", str(joined), "-o", str(tmp_path / "w2.json")]) == 0
    assert (
        f"warning: {joined}:13: the same article as line 1 (and 11 more); 12 of 24 articles "
        "repeat an earlier one and weigh twice in the fit"
    ) in capsys.readouterr().err


def test_a_byte_that_is_not_utf8_is_named_with_its_line(tmp_path, capsys):
    # Before, the position was an offset into the decoder's buffer, with no line.
    path = tmp_path / "latin.jsonl"
    path.write_bytes(
        b'{"text": "One.", "label": "ai"}\n{"text": "Two.", "label": "human"}\n'
        b'{"text": "caf\xe9", "label": "ai"}\n'
    )
    assert main(["train", str(path), "-o", str(tmp_path / "w.json")]) == 2
    assert f"{path}:3: not valid UTF-8 (byte 14 of the line)" in capsys.readouterr().err


def test_every_scorer_fixed_on_class_labels_says_so(tmp_path, capsys):
    # Before, class labels gave "no scorer's sub-score varies", which is not what was wrong.
    fixed = [arg for sid in quality.Pipeline().scorer_ids for arg in ("--fixed", sid)]
    out = tmp_path / "w.json"
    assert main(["train", str(_labelled(tmp_path)), "-o", str(out), *fixed]) == 2
    assert "every scorer has a fixed weight: nothing is left to fit" in capsys.readouterr().err
