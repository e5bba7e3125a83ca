from __future__ import annotations

import json
from typing import Any

import pytest

import quality
from tests.test_batch import make_record

pyspark = pytest.importorskip("pyspark", reason="the spark extra (pyspark) is not installed")
pd = pytest.importorskip("pandas", reason="the spark extra is not installed")


from quality.distributed.spark import make_scorer, output_schema, score_dataframe  # noqa: E402


def articles(n: int) -> list[dict[str, Any]]:
    records = [
        {"id": r["id"], "title": r["title"], "text": r["text"]}
        for r in (make_record(i) for i in range(n))
    ]
    records[7]["text"] = "   "
    return records


def test_score_dataframe_matches_single_process(spark: Any, pipeline: quality.Pipeline) -> None:
    records = articles(300)
    df = spark.createDataFrame(pd.DataFrame(records)).repartition(2)
    rows = {row["id"]: row for row in score_dataframe(df).collect()}
    assert len(rows) == 300
    for record in records:
        row = rows[record["id"]]
        if record["text"].strip():
            report = pipeline.score(record)
            assert row["score"] == report.score and row["grade"] == report.grade
            assert json.loads(row["findings"]) == [f.to_dict() for f in report.findings]
            assert row["error"] is None
        else:
            assert row["score"] is None and row["error"].startswith("EmptyArticle")


def test_map_in_pandas_with_options(spark: Any) -> None:
    records = articles(20)
    df = spark.createDataFrame(pd.DataFrame(records)).withColumnRenamed("text", "body")
    scored = df.mapInPandas(make_scorer("body", disable=["dates"]), output_schema(df.schema))
    expected = quality.Pipeline(disable=["dates"])
    got = {row["id"]: row["score"] for row in scored.collect()}
    assert got["a0003"] == expected.score(records[3]).score
