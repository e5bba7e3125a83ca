"""The Spark and Dask adapters on frames as real feeds give them: pages instead of text,
column names in other cases, columns pandas cannot hold, ids of any type, options naming
files the workers cannot see."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import quality

pyspark = pytest.importorskip("pyspark", reason="the spark extra (pyspark) is not installed")
pd = pytest.importorskip("pandas", reason="the spark extra is not installed")

from pyspark.sql import types as T  # noqa: E402

from quality.distributed import score_frame  # noqa: E402
from quality.distributed.spark import score_dataframe  # noqa: E402
from quality.ruleset import default_rules_dir  # noqa: E402
from quality.weights import DEFAULT_PATH  # noqa: E402

TEXT = "The council voted 6-3 on Tuesday to raise parking fees, the mayor said."
FILLER = "It is important to note that only time will tell. Experts say it matters."
PAGE = (
    "<html><head><title>Fees</title></head><body><nav><a href='/'>Home</a></nav><article>"
    f"<h1>Council raises parking fees</h1><p>{TEXT}</p><p>{FILLER}</p></article></body></html>"
)


def test_a_frame_of_pages_is_scored_as_pages(spark: Any) -> None:
    expected = quality.score({"html": PAGE})
    findings = [f.to_dict() for f in expected.findings]
    assert findings != [f.to_dict() for f in quality.score({"text": PAGE}).findings]
    df = spark.createDataFrame([("p1", PAGE)], ["id", "html"])
    for scored in (score_dataframe(df), score_dataframe(df, text_column="html")):
        (row,) = scored.collect()
        assert row["error"] is None
        assert (row["score"], json.loads(row["findings"])) == (expected.score, findings)
    # Beside a text column, the page is used where the text is missing.
    both = spark.createDataFrame([(TEXT, PAGE), (None, PAGE)], "text string, html string")
    got = [row["score"] for row in score_dataframe(both).collect()]
    assert got == [quality.score({"text": TEXT, "html": PAGE}).score, expected.score]
    # Pandas frames (Dask, mapInPandas) the same.
    assert score_frame(pd.DataFrame({"html": [PAGE]}))["score"].tolist() == [expected.score]


def test_column_names_match_in_any_case_as_spark_does(spark: Any) -> None:
    df = spark.createDataFrame(
        [("a", TEXT, "Council raises fees", "2024-03-05", "https://news.example.com/a")],
        ["ID", "Text", "TITLE", "Published", "URL"],
    )
    expected = quality.score(
        {
            "text": TEXT,
            "title": "Council raises fees",
            "published": "2024-03-05",
            "url": "https://news.example.com/a",
        }
    )
    (row,) = score_dataframe(df).collect()
    assert row["score"] == expected.score
    assert json.loads(row["findings"]) == [f.to_dict() for f in expected.findings]
    # An "Error" column would make the added "error" column ambiguous in Spark.
    clashing = spark.createDataFrame([(TEXT, "x")], ["text", "Error"])
    with pytest.raises(ValueError, match="already has column"):
        score_dataframe(clashing)


def test_only_the_article_columns_go_through_pandas(spark: Any) -> None:
    # Pandas timestamps end in 2262: a placeholder date such as 9999-12-31 failed the job.
    far = dt.datetime(9999, 12, 31)
    schema = T.StructType(
        [
            T.StructField("id", T.DecimalType(20, 0)),
            T.StructField("text", T.StringType()),
            T.StructField("published", T.TimestampType()),
            T.StructField("valid_to", T.TimestampType()),
        ]
    )
    df = spark.createDataFrame(
        [(Decimal(7), TEXT, dt.datetime(2024, 3, 5, 12), far), (Decimal(8), TEXT, far, far)],
        schema,
    )
    rows = score_dataframe(df).collect()
    assert [row["valid_to"] for row in rows] == [far, far]
    assert [row["id"] for row in rows] == [Decimal(7), Decimal(8)]
    assert [row["error"] for row in rows] == [None, None]
    assert rows[0]["score"] == quality.score({"text": TEXT, "published": "2024-03-05"}).score


def test_an_id_of_any_type_does_not_make_the_row_an_error(spark: Any) -> None:
    # The id is the row's own (from JDBC, a decimal): scoring does not depend on it.
    df = spark.createDataFrame(
        [(Decimal(7), True, TEXT)], "id decimal(20,0), flag boolean, text string"
    )
    for frame in (df.drop("flag"), df.selectExpr("flag AS id", "text")):
        row = score_dataframe(frame).collect()[0]
        assert (row["score"], row["error"]) == (quality.score(TEXT).score, None)


def test_files_named_by_options_are_read_on_the_driver(spark: Any, tmp_path: Path) -> None:
    df = spark.createDataFrame([("a", FILLER)], ["id", "text"])
    weights = json.loads(Path(DEFAULT_PATH).read_text(encoding="utf-8"))
    path = tmp_path / "weights.json"
    for filler_weight in (100.0, 0.0):
        weights["weights"]["filler"] = filler_weight
        path.write_text(json.dumps(weights), encoding="utf-8")
        expected = quality.Pipeline(weights=path).score(FILLER).score
        scored = score_dataframe(df, weights=str(path))
        path.unlink()  # the workers, on other machines, never see the file
        # ... and a file rewritten at the same path is not scored with the copy read before.
        assert scored.collect()[0]["score"] == expected, filler_weight
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    scored = score_dataframe(df, rule_dirs=[rules])
    shutil.rmtree(rules)
    assert scored.collect()[0]["score"] == quality.score(FILLER).score


def test_the_pipeline_is_built_once_per_worker_for_options_holding_objects(spark: Any) -> None:
    readability = quality.Pipeline(scorers=["readability"]).scorers[0]
    df = spark.createDataFrame([(str(i), TEXT) for i in range(24)], ["id", "text"])
    assert len(score_dataframe(df.repartition(8), scorers=[readability]).collect()) == 24

    def cached(batches: Iterator[Any]) -> Iterator[Any]:
        from quality.distributed import _PIPELINES

        for _ in batches:
            built = [p for p in _PIPELINES.values() if p.scorer_ids == ["readability"]]
            yield pd.DataFrame({"pid": [os.getpid()], "built": [len(built)]})

    probe = spark.range(0, 8, 1, 8).mapInPandas(cached, "pid long, built long").collect()
    assert max(row["built"] for row in probe) <= 1, probe


def test_a_filter_on_the_score_scores_each_row_once(spark: Any) -> None:
    df = spark.createDataFrame([("a", TEXT)], ["id", "text"])
    plan = score_dataframe(df).where("grade = 'F'").select("id")._jdf.queryExecution()
    physical = plan.executedPlan().toString()
    assert physical.count("ArrowEvalPython") + physical.count("MapInPandas") == 1, physical


@pytest.mark.parametrize("max_chars", ["100", 0, -5, True])
def test_a_bad_max_chars_is_an_error_of_the_call(spark: Any, max_chars: Any) -> None:
    df = spark.createDataFrame([("a", TEXT)], ["id", "text"])
    with pytest.raises(ValueError, match="max_chars"):
        score_dataframe(df, max_chars=max_chars)
