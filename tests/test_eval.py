"""The evaluation harness on small labelled fixtures with known answers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import quality
from quality.cli import main
from quality.errors import InputError
from quality.evaluation.datasets import DEFAULT_FILES, read_kind, spread
from quality.evaluation.measures import ScoredText, evaluate, measure_overall, measure_rules
from quality.evaluation.metrics import percentile, roc_auc
from quality.evaluation.report import render_markdown

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval"


def scored(
    label: str,
    score: float,
    *,
    group: str = "d",
    model: str | None = None,
    rules: dict[str, int] | None = None,
) -> ScoredText:
    grade = "F" if score < 40 else "A"
    return ScoredText("x", label, group, model, score, grade, Counter(rules or {}), {})


def test_roc_auc_counts_ties_as_half_and_is_undefined_for_one_class():
    assert roc_auc([4, 3, 2, 1], [True, True, False, False]) == 1.0
    assert roc_auc([1, 1, 1, 1], [True, False, True, False]) == 0.5
    assert roc_auc([3, 1, 2], [True, False, False]) == 1.0
    assert roc_auc([1, 2], [True, True]) is None


def test_percentile_interpolates():
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile([0, 10], 90) == 9
    assert percentile([], 50) is None


def test_overall_auc_per_dataset_per_model_false_fails_and_seeds():
    news = [
        scored("human", 90, group="a"),
        scored("human", 80, group="a"),
        scored("ai", 85, group="a", model="m1"),
        scored("ai", 50, group="a", model="m2"),
        scored("human", 70, group="b"),
        scored("ai", 75, group="b", model="m1"),
    ]
    human_news = [scored("human", s, group="human-news") for s in (95, 59, 30, 100)]
    result = measure_overall(
        news, human_news, [("s1", 40.0), ("s2", 61.0)], fail_under=60, lowest_grade="F"
    )
    # human scores 90, 80, 70 against machine 85, 50, 75: 6 of 9 pairs ordered right
    assert result["auc"] == pytest.approx(6 / 9)
    assert result["per_dataset"]["a"]["auc"] == pytest.approx(3 / 4)
    assert result["per_dataset"]["b"]["auc"] == 0.0
    assert result["per_model"]["a/m1"]["auc"] == pytest.approx(1 / 2)
    assert result["per_model"]["a/m2"]["auc"] == 1.0
    assert result["ai_below_fail_under"] == pytest.approx(1 / 3)
    assert result["human_news"]["below_fail_under"] == 0.5
    assert result["human_news"]["lowest_grade"] == 0.25
    assert [s["below_fail_under"] for s in result["seeds"]] == [True, False]
    assert result["seeds_all_below"] is False


def test_rule_rates_and_precision_proxies():
    news = [
        scored("ai", 50, rules={"R1": 2}),
        scored("ai", 50),
        scored("human", 90, rules={"R1": 1}),
        scored("human", 90),
    ]
    human_news = [scored("human", 90, rules={"R2": 1})]
    rows = measure_rules(news, human_news)["rules"]
    assert rows["R1"]["per_1000_ai"] == 1000.0
    assert rows["R1"]["per_1000_human"] == 500.0
    assert rows["R1"]["precision_raw"] == pytest.approx(2 / 3)
    assert rows["R1"]["precision_balanced"] == pytest.approx(2 / 3)
    assert rows["R1"]["precision_vs_human_news"] == 1.0
    assert rows["R2"]["per_1000_human_news"] == 1000.0
    assert rows["R2"]["precision_vs_human_news"] == 0.0


def test_readers_name_file_and_line_of_bad_records(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "a", "label": "human"}\n{"text": "b", "label": "robot"}\n')
    with pytest.raises(InputError, match=r"bad.jsonl:2: field 'label' must be one of human, ai"):
        read_kind("news", path)
    path.write_text('{"text": "a", "has_comments": true, "article_end": null}\n')
    with pytest.raises(
        InputError, match=r":1: a record with has_comments=true needs 'article_end'"
    ):
        read_kind("comments", path)
    path.write_text("not json\n")
    with pytest.raises(InputError, match=r"bad.jsonl:1: not valid JSON"):
        read_kind("attribution", path)


def test_limit_spreads_records_through_the_file():
    assert spread(list(range(10)), 3) == [0, 3, 6]
    assert spread([1, 2], 5) == [1, 2]


@pytest.fixture(scope="module")
def fixture_evaluation():
    data = {kind: read_kind(kind, FIXTURES / name) for kind, name in DEFAULT_FILES.items()}
    return evaluate(data)


def test_fixture_overall_auc(fixture_evaluation):
    overall = fixture_evaluation.results["overall"]
    assert overall["n_human"] == 3 and overall["n_ai"] == 3
    # the filler-laden machine texts score below every human text; the third ties with them
    assert overall["per_model"]["d1/m1"]["auc"] == 1.0
    assert overall["human_news"]["below_fail_under"] == 0.0


def test_fixture_attribution_shares(fixture_evaluation):
    attribution = fixture_evaluation.results["attribution"]
    assert attribution["n"] == {"vague": 3, "named": 2, "no_source": 1}
    assert attribution["flagged"]["vague"] == pytest.approx(2 / 3)
    assert attribution["flagged"]["named"] == 0.0
    assert attribution["flagged"]["no_source"] == 1.0


def test_fixture_residue_detection_and_false_reports(fixture_evaluation):
    residue = fixture_evaluation.results["residue"]
    assert residue["detected_reader_comments"] == pytest.approx(2 / 3)
    assert residue["reported_too_early"] == 0.0
    assert residue["false_reader_comments"] == 0.0
    # "0 Comments" under an article is a comment widget: comment residue, not reader comments
    assert residue["false_comment_reports"] == pytest.approx(1 / 3)
    assert residue["distance_median"] == 2.0


def test_fixture_dates(fixture_evaluation):
    dates = fixture_evaluation.results["dates"]
    assert dates["n_dated"] == 2 and dates["n_undated"] == 1
    assert dates["exact"] == 0.5
    assert dates["errors"] == {"off by one day": 1}
    assert dates["missing_reported_on_undated"] == 1.0


def test_markdown_report_has_every_section(fixture_evaluation):
    text = render_markdown(fixture_evaluation)
    for heading in ("## Overall score", "## Attribution", "## Residue", "## Dates", "## Per rule"):
        assert heading in text


def test_eval_command_writes_json(tmp_path, capsys):
    out = tmp_path / "eval.json"
    code = main(["eval", "--data", str(FIXTURES), "--only", "attribution", "--json", str(out)])
    assert code == 0
    assert "## Attribution" in capsys.readouterr().out
    assert json.loads(out.read_text())["attribution"]["n"]["vague"] == 3


def test_eval_command_single_file_needs_kind(capsys):
    code = main(["eval", "--file", str(FIXTURES / DEFAULT_FILES["news"])])
    assert code == 2
    assert "--file needs --kind" in capsys.readouterr().err


def _news_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text((FIXTURES / DEFAULT_FILES["news"]).read_text())
    return path


@pytest.mark.parametrize("target", ["/nonexistent/x.json", "DIR"])
def test_eval_checks_the_json_target_before_evaluating(tmp_path, capsys, monkeypatch, target):
    import quality.evaluation.measures as measures

    def not_reached(*args, **kwargs):
        raise AssertionError("evaluated before checking --json")

    monkeypatch.setattr(measures, "evaluate", not_reached)
    target = str(tmp_path) if target == "DIR" else target
    code = main(["eval", "--file", str(_news_file(tmp_path)), "--kind", "news", "--json", target])
    assert code == 2
    assert f"--json {target}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "record", "message"),
    [
        ("human-news", {"text": "The council met.", "date": "2024"}, "'published'"),
        ("news", {"text": "The council met.\ud800", "label": "human"}, "not valid Unicode"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_eval_names_file_and_line_of_records_the_pipeline_rejects(
    tmp_path, capsys, kind, record, message, jobs
):
    path = tmp_path / "bad.jsonl"
    good = {"text": "The mayor spoke.", **({"label": "human"} if kind == "news" else {})}
    path.write_text("\n".join(json.dumps(r) for r in (good, record, good)) + "\n")
    assert main(["eval", "--file", str(path), "--kind", kind, "--jobs", jobs]) == 2
    err = capsys.readouterr().err
    # Also when the record was scored in a worker process, which hands the error back.
    assert "bad.jsonl:2: " in err and message in err and "Traceback" not in err


@pytest.mark.parametrize("field", ["label", "has_comments"])
def test_a_labelled_file_read_as_human_news_is_refused(tmp_path, capsys, field):
    # Machine texts counted as human news would move the measure without a word.
    path = tmp_path / "labelled.jsonl"
    path.write_text(json.dumps({"text": "The mayor spoke.", field: "ai"}) + "\n")
    assert main(["eval", "--file", str(path), "--kind", "human-news"]) == 2
    err = capsys.readouterr().err
    assert f"labelled.jsonl:1: has a '{field}' field" in err and "(--kind)" in err


@pytest.mark.parametrize("date", ["yesterday", "2024-1-5", "20240105"])
def test_dates_gold_date_must_be_iso(tmp_path, date):
    path = tmp_path / "dates.jsonl"
    rows = [{"html": "<p>x</p>", "date": "2024-01-05"}, {"html": "<p>y</p>", "date": date}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(InputError, match=r"dates.jsonl:2: field 'date' must be a date YYYY-MM-DD"):
        read_kind("dates", path)


def test_corrupt_gzip_is_named(tmp_path):
    import gzip
    import random

    rng = random.Random(0)
    rows = [
        {"text": "".join(rng.choice("abcdefghij ") for _ in range(300)), "label": "human"}
        for _ in range(20)
    ]
    path = tmp_path / "corrupt.jsonl.gz"
    data = bytearray(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    data[200:400] = bytes(b ^ 0xFF for b in data[200:400])
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"corrupt\.jsonl\.gz: cannot decode"):
        read_kind("news", path)


def test_byte_order_mark_is_accepted(tmp_path):
    path = _news_file(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(read_kind("news", path)) == len(read_kind("news", FIXTURES / DEFAULT_FILES["news"]))


def test_eval_seeds_must_exist_and_be_utf8(tmp_path, capsys):
    news = str(_news_file(tmp_path))
    args = ["eval", "--file", news, "--kind", "news", "--seeds"]
    assert main([*args, str(tmp_path / "nonexistent")]) == 2
    assert "seeds directory not found" in capsys.readouterr().err
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bad.txt").write_bytes(b"Caf\xe9 owners said the rent rose.")
    assert main([*args, str(seeds)]) == 2
    assert "bad.txt: not UTF-8" in capsys.readouterr().err


def test_top_rules_orders_human_news_only_rows_by_frequency():
    from quality.evaluation.measures import Evaluation

    human_news = [scored("human", 90, rules={"AAA1": 1, "ZZZ1": 3})]
    evaluation = Evaluation(results={"rules": measure_rules([], human_news)})
    text = render_markdown(evaluation, top_rules=1)
    assert "ZZZ1" in text and "AAA1" not in text


@pytest.mark.parametrize("top", ["0", "-1"])
def test_top_rules_must_be_positive(tmp_path, capsys, top):
    code = main(["eval", "--file", str(_news_file(tmp_path)), "--kind", "news", "--top-rules", top])
    assert code == 2
    assert "--top-rules must be at least 1" in capsys.readouterr().err


def test_a_date_shaped_gold_date_that_is_no_date_is_counted_as_a_miss_and_named(tmp_path):
    from quality.evaluation.measures import measure_dates

    page = "<html><body><article><h1>Vote</h1><p>{}</p></article></body></html>"
    story = "The council voted 7 to 2 on the budget, the clerk, Ann Lee, said."
    path = tmp_path / "dates.jsonl"
    rows = [
        {"html": page.format("March 5, 2024. " + story), "date": "2024-03-05"},
        {"html": page.format(story), "date": "2022-25-10"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    from quality import Pipeline

    result = measure_dates(Pipeline(), read_kind("dates", path))
    assert result["n_dated"] == 2 and result["errors"] == {"gold date not a calendar date": 1}
    assert result["gold_not_dates"] == [f"{path}:2 '2022-25-10'"]


def test_an_empty_file_is_an_error_not_an_evaluation_of_nothing(tmp_path, capsys):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n")
    assert main(["eval", "--file", str(path), "--kind", "news"]) == 2
    assert "empty.jsonl: no records" in capsys.readouterr().err


def test_json_dash_writes_the_results_to_standard_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["eval", "--data", str(FIXTURES), "--only", "attribution", "--json", "-"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["attribution"]["n"]["vague"] == 3
    assert not (tmp_path / "-").exists()


def test_eval_in_two_worker_processes_measures_what_one_process_does(tmp_path, capsys):
    results = []
    for jobs in ("1", "2"):
        out = tmp_path / f"eval{jobs}.json"
        kinds = ["--only", "news", "--only", "human-news"]
        code = main(["eval", "--data", str(FIXTURES), *kinds, "-j", jobs, "--json", str(out)])
        assert code == 0
        results.append(json.loads(out.read_text())["overall"])
    assert results[0] == results[1]
    assert results[0]["auc"] is not None and results[0]["n_ai"] > 0


def test_eval_scores_with_the_rule_selection_it_is_given(tmp_path, capsys):
    out = tmp_path / "eval.json"
    args = ["eval", "--data", str(FIXTURES), "--only", "news", "--json", str(out)]
    assert main([*args, "--select", "FIL"]) == 0
    assert json.loads(out.read_text())["settings"]["scorers"] == ["filler"]
    assert main([*args, "--ignore", "DAT", "--extend-select", "FIL101"]) == 0
    assert "dates" not in json.loads(out.read_text())["settings"]["scorers"]


def test_a_measure_whose_scorer_the_selection_leaves_out_is_skipped_or_refused_up_front(
    tmp_path, capsys, monkeypatch
):
    # Before, `--ignore DAT` (the example in --help) failed after scoring everything else,
    # with an error about an empty list of scorers.
    from quality.cli import main

    scored: list[object] = []
    monkeypatch.setattr(
        "quality.evaluation.measures.score_texts", lambda *a, **k: scored.append(a) or []
    )
    dated = tmp_path / "dates.jsonl"
    dated.write_text('{"html": "<p>x</p>", "date": "2024-03-01"}\n', encoding="utf-8")
    assert main(["eval", "--file", str(dated), "--kind", "dates", "--ignore", "DAT"]) == 2
    err = capsys.readouterr().err
    assert "--kind dates measures the dates scorer, which the rule selection" in err
    import gzip

    from quality.evaluation import DEFAULT_FILES

    (tmp_path / DEFAULT_FILES["dates"]).write_bytes(gzip.compress(dated.read_bytes()))
    args = ["eval", "--data", str(tmp_path), "--only", "dates", "--ignore", "DAT"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "warning: skipping dates: the rule selection leaves out the dates scorer" in err
    assert "nothing left to measure" in err
    assert scored == []


def test_a_news_record_is_scored_with_its_metadata_and_may_be_a_page(tmp_path):
    # Before, eval scored the text alone (an undated article, charged for it) where train
    # and score read the record's date, title and byline, and refused a record of HTML.
    from quality.evaluation.measures import score_texts

    text = "Mayor Ana Ruiz said on Tuesday that the council had approved the plan, 7-2."
    records = [
        {"id": "dated", "label": "human", "text": text, "published": "2024-03-05"},
        {"id": "page", "label": "ai", "html": f"<html><body><article><p>{text}</p></article>"},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    dated, page = score_texts(quality.Pipeline(), read_kind("news", path), 1)
    pipeline = quality.Pipeline()
    assert dated.score == pipeline.score({"text": text, "published": "2024-03-05"}).score
    assert dated.score > pipeline.score(text).score
    assert page.score == pipeline.score({"html": records[1]["html"]}).score
