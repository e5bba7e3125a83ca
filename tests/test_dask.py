from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import quality
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
