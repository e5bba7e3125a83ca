from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import quality
from quality import registry
from tests.notebook_scorer import ShoutingScorer
from tests.test_batch import make_record

dask = pytest.importorskip("dask", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
pd = pytest.importorskip("pandas", reason="the dask extra is not installed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from quality.distributed.dask import score_bag, score_dataframe  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def articles(n: int) -> list[dict[str, Any]]:
    records = [make_record(i) for i in range(n)]
    records[5] = {"id": "empty", "text": ""}
    return records


def test_score_bag_matches_single_process(client: Any, pipeline: quality.Pipeline) -> None:
    records = articles(300)
    results = score_bag(db.from_sequence(records, npartitions=6)).compute()
    expected = [r.to_dict() for r in pipeline.score_many(records)]
    assert json.loads(json.dumps(results)) == json.loads(json.dumps(expected))
    assert results[5]["error"]["type"] == "EmptyArticle"
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2


def test_score_dataframe_matches_single_process(client: Any, pipeline: quality.Pipeline) -> None:
    records = articles(300)
    frame = pd.DataFrame([{"id": r["id"], "text": r["text"]} for r in records])
    scored = score_dataframe(dd.from_pandas(frame, npartitions=4)).compute()
    assert list(scored["id"]) == [r["id"] for r in records]
    for row, record in zip(scored.itertuples(), records, strict=True):
        if record["text"]:
            report = pipeline.score({"id": record["id"], "text": record["text"]})
            assert row.score == report.score and row.grade == report.grade
            assert json.loads(row.findings) == [f.to_dict() for f in report.findings]
            assert pd.isna(row.error)
        else:
            assert pd.isna(row.score) and row.error.startswith("EmptyArticle")


def test_score_dataframe_needs_a_text_column() -> None:
    frame = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(ValueError, match="no 'text' column"):
        score_dataframe(frame)


def test_a_misspelt_option_is_an_error_of_the_call_not_of_the_tasks() -> None:
    frame = dd.from_pandas(pd.DataFrame({"text": ["x"]}), npartitions=1)
    with pytest.raises(quality.ScorerError, match="unknown scorer"):
        score_dataframe(frame, disable=["nope"])


def test_whole_number_dates_survive_a_null_in_their_column() -> None:
    from quality.distributed import score_frame

    text = "The council voted 9 to 3 on Wednesday to fund the flood wall, its leader said."
    # The null makes pandas store the column as floats (20240305.0).
    frame = pd.DataFrame({"text": [text, text], "published": [20240305, None]})
    scored = score_frame(frame)
    assert scored["error"].isna().all(), list(scored["error"])


def test_a_scorer_registered_at_run_time_is_scored_on_the_workers(client: Any) -> None:
    before = dict(registry._registered)
    registry.register(ShoutingScorer)
    try:
        text = "The council voted 6-3 on Tuesday to raise PARKING fees, the mayor said."
        expected = quality.Pipeline().score(text)
        assert "test-shouting" in expected.scorers
        frame = pd.DataFrame({"id": ["a", "b"], "text": [text, text + " BOOM"]})
        # The worker processes never ran register(): they scored without the scorer.
        scored = score_dataframe(dd.from_pandas(frame, npartitions=2)).compute()
        assert scored["score"].tolist()[0] == expected.score
        # The row the scorer fails on gets the error; the other is scored.
        assert pd.isna(scored["score"].tolist()[1])
        assert "scorer 'test-shouting' 1.0 failed" in scored["error"].tolist()[1]
        # ... or failed every task ("unknown scorer") when named.
        (record,) = score_bag(db.from_sequence([text]), scorers=["test-shouting"]).compute()
        assert list(record["scorers"]) == ["test-shouting"]
    finally:
        registry._registered.clear()
        registry._registered.update(before)
        registry.available.cache_clear()


@pytest.mark.parametrize("given", ["pandas", "series", "bag"])
def test_score_dataframe_names_what_it_takes(given: str) -> None:
    frame = pd.DataFrame({"text": ["x"]})
    value = {
        "pandas": frame,
        "series": dd.from_pandas(frame, npartitions=1)["text"],
        "bag": db.from_sequence(["x"]),
    }[given]
    # Was an AttributeError (no '_meta'), or for a Series a graph that failed when computed.
    with pytest.raises(TypeError, match="score_dataframe takes a dask DataFrame"):
        score_dataframe(value)
    with pytest.raises(TypeError, match=r"score_bag takes a dask Bag .*, got list$"):
        score_bag(["x"])


def test_output_dtypes_are_those_of_the_meta_whatever_the_partition(client: Any) -> None:
    text = make_record(1)["text"]
    frame = pd.DataFrame({"n": range(6), "text": [text, None, "", text, 7, text]})
    ddf = dd.from_pandas(frame, npartitions=3)
    for part in (ddf, ddf[ddf["n"] > 3], ddf[ddf["n"] < 0], ddf[ddf["n"].isin([1, 2])]):
        scored = score_dataframe(part)
        computed = scored.compute()
        assert dict(computed.dtypes) == dict(scored._meta.dtypes)
        assert str(computed["score"].dtype) == "float64"
        strings = [computed[name].dtype for name in ("grade", "findings", "error")]
        assert strings == [pd.StringDtype("pyarrow")] * 3
        assert list(computed.index) == list(part.compute().index)


def test_a_scored_frame_can_be_written_to_parquet(client: Any, tmp_path: Any) -> None:
    # The documented way to keep a large result; object columns in the meta made Dask infer
    # the file's schema from placeholder objects, which pyarrow cannot write.
    records = articles(12)
    frame = pd.DataFrame({"id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    score_dataframe(dd.from_pandas(frame, npartitions=3)).to_parquet(tmp_path / "scored")
    written = dd.read_parquet(tmp_path / "scored").compute()
    assert written["error"].tolist()[5].startswith("EmptyArticle")
    assert written["grade"].notna().sum() == 11


def test_a_bag_of_strings_scores_as_a_bag_of_records(client: Any) -> None:
    texts = [make_record(i)["text"] for i in range(6)]
    records = score_bag(db.from_sequence([{"text": t} for t in texts], npartitions=2)).compute()
    strings = score_bag(db.from_sequence(texts, npartitions=3)).compute()
    assert [r["score"] for r in strings] == [r["score"] for r in records]
    assert [r["findings"] for r in strings] == [r["findings"] for r in records]
