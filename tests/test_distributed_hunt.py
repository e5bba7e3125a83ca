"""The Spark adapter and the pandas scoring both adapters share, on what a data team's frames
hold: scorers registered in a notebook, columns the output would overwrite, frames of another
library, Spark arrays and decimals, pandas' own dtypes."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

import quality
from quality import registry
from quality.scorers.base import Scorer
from tests.notebook_scorer import ShoutingScorer

pyspark = pytest.importorskip("pyspark", reason="the spark extra (pyspark) is not installed")
pd = pytest.importorskip("pandas", reason="the spark extra is not installed")

from quality import distributed  # noqa: E402
from quality.distributed import pipeline_for, prepare_options, score_frame  # noqa: E402
from quality.distributed.spark import make_scorer, output_schema, score_dataframe  # noqa: E402

TEXT = "The council voted 6-3 on Tuesday to raise PARKING fees, the mayor said."


@pytest.fixture
def registered() -> Iterator[Callable[[type[Scorer]], type[Scorer]]]:
    """``quality.register``, undone after the test: a registered scorer joins every
    default pipeline of this process."""
    before = dict(registry._registered)
    yield registry.register
    registry._registered.clear()
    registry._registered.update(before)
    registry.available.cache_clear()


def test_a_scorer_registered_at_run_time_is_scored_on_the_workers(
    spark: Any, registered: Any
) -> None:
    registered(ShoutingScorer)
    df = spark.createDataFrame([("a", TEXT), ("b", TEXT + " BOOM")], ["id", "text"])
    for options in ({}, {"scorers": ["test-shouting", "filler"]}):
        # The worker processes never ran register(): they scored without the scorer
        # (default options) or failed every task ("unknown scorer").
        expected = quality.Pipeline(**options).score(TEXT)
        assert "test-shouting" in expected.scorers
        rows = {row["id"]: row for row in score_dataframe(df, **options).collect()}
        assert (rows["a"]["score"], rows["a"]["error"]) == (expected.score, None), options
        # The row the scorer fails on gets the error; the others are scored.
        assert rows["b"]["score"] is None
        assert "scorer 'test-shouting' 1.0 failed on this article" in rows["b"]["error"]


def test_map_in_pandas_refuses_a_frame_that_has_an_output_column(spark: Any) -> None:
    df = spark.createDataFrame([(TEXT, 1.0)], "text string, Score double")
    # The doubled column failed the task deep in Arrow ("not all nodes and buffers were
    # consumed"); score_frame on a pandas frame overwrote the column.
    with pytest.raises(ValueError, match=r"already has column\(s\) \['score'\]"):
        output_schema(df.schema)
    with pytest.raises(ValueError, match=r"already has column\(s\) \['grade'\]"):
        score_frame(pd.DataFrame({"text": [TEXT], "grade": ["A"]}))


def test_map_in_pandas_matches_column_names_in_any_case(spark: Any) -> None:
    df = spark.createDataFrame([("a", TEXT, "Fees")], ["ID", "Text", "Title"])
    (row,) = df.mapInPandas(make_scorer(), output_schema(df.schema)).collect()
    assert (row["score"], row["error"]) == (
        quality.score({"text": TEXT, "title": "Fees"}).score,
        None,
    )


@pytest.mark.parametrize("frame", ["pandas", "list"])
def test_score_dataframe_names_what_it_takes(spark: Any, frame: str) -> None:
    given = pd.DataFrame({"text": [TEXT]}) if frame == "pandas" else [TEXT]
    # Was an AttributeError: 'DataFrame' object has no attribute 'sparkSession'.
    with pytest.raises(TypeError, match=r"takes a Spark DataFrame, got (pandas DataFrame|list)$"):
        score_dataframe(given)


def test_spark_arrays_and_decimals_are_read_as_records_hold_them(spark: Any) -> None:
    df = spark.createDataFrame(
        [([TEXT], TEXT, Decimal(20240305))],
        "tags array<string>, text string, published decimal(8,0)",
    )
    (row,) = score_dataframe(df).collect()
    # A YYYYMMDD date held as a decimal, as a database sends it, was "got Decimal".
    assert row["error"] is None
    assert row["score"] == quality.score({"text": TEXT, "published": "2024-03-05"}).score
    (row,) = score_dataframe(df.drop("text"), text_column="tags").collect()
    # An array column was named by its NumPy type ("got ndarray").
    assert row["error"] == "WrongType: 'text' must be a string, got array"


@pytest.mark.parametrize(
    "values",
    [
        pd.array([TEXT, pd.NA], dtype="string"),
        pd.array([TEXT, None], dtype="string[pyarrow]"),
        pd.Categorical([TEXT, None]),
        pd.Series([TEXT, float("nan")], dtype=object),
    ],
    ids=["string", "string[pyarrow]", "categorical", "object-nan"],
)
def test_pandas_dtypes_and_missing_values(values: Any) -> None:
    scored = score_frame(pd.DataFrame({"text": values, "title": ["Fees", None]}))
    assert scored["score"].dtype == "float64"
    assert [scored["score"][0], scored["error"][0]] == [
        quality.score({"text": TEXT, "title": "Fees"}).score,
        None,
    ]
    assert pd.isna(scored["score"][1])
    assert scored["error"][1] == "MissingText: record has neither 'text' nor 'html'"


def test_a_worker_keeps_a_bounded_number_of_pipelines() -> None:
    # A long-lived worker receives a pipeline with every job: it must not keep them all.
    for _ in range(3 * distributed._KEPT_PIPELINES):
        spec, key = prepare_options({})
        pipeline_for(spec, key)
    assert len(distributed._PIPELINES) <= distributed._KEPT_PIPELINES


class _LockedScorer(ShoutingScorer):
    """A scorer holding what pickle cannot copy (a lock, an open handle)."""

    id = "test-locked"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lock = threading.Lock()


def test_a_pipeline_that_cannot_be_pickled_is_built_on_each_worker(registered: Any) -> None:
    registered(_LockedScorer)
    spec, key = prepare_options({"scorers": ["test-locked"], "weights": {"test-locked": 10}})
    assert spec == {"scorers": ["test-locked"], "weights": {"test-locked": 10}}
    distributed._PIPELINES.clear()  # as on a worker, which has built nothing yet
    scored = score_frame(pd.DataFrame({"text": [TEXT]}), pipeline_options=spec, options_key=key)
    assert scored["score"].tolist() == [90.0]
    assert json.loads(scored["findings"][0]) == []


def test_a_scorer_registered_since_the_last_frame_is_scored(registered: Any) -> None:
    frame = pd.DataFrame({"text": [TEXT]})
    assert score_frame(frame)["score"].tolist() == [quality.Pipeline().score(TEXT).score]
    registered(ShoutingScorer)
    # The pipeline kept for the same (no) options was built before the scorer was known.
    expected = quality.Pipeline().score(TEXT)
    assert "test-shouting" in expected.scorers
    assert score_frame(frame)["score"].tolist() == [expected.score]
