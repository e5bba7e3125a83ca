"""Dask: score a bag of articles or a dataframe with a ``text`` column, partition by
partition; each worker process builds the pipeline once and reuses it.

    from quality.distributed.dask import score_bag, score_dataframe
    records = score_bag(bag).compute()      # one ``quality score`` record per article
    scored = score_dataframe(ddf).compute()  # adds score, grade, findings (JSON), error
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from quality.batch import DEFAULT_MAX_CHARS, score_item
from quality.distributed import (
    OUTPUT_COLUMNS,
    check_columns,
    check_max_chars,
    pipeline_for,
    prepare_options,
    score_frame,
)

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd


def score_partition(
    items: Iterable[Any],
    pipeline_options: Mapping[str, Any] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    options_key: str | None = None,
) -> list[dict[str, Any]]:
    """The ``quality score`` record for every article (dict, string or Article) given."""
    pipeline = pipeline_for(pipeline_options, options_key)
    return [score_item(pipeline, i, item, max_chars).to_dict() for i, item in enumerate(items)]


def score_bag(bag: db.Bag, max_chars: int = DEFAULT_MAX_CHARS, **pipeline_options: Any) -> db.Bag:
    """A bag of ``quality score`` records, one per article of ``bag``, in the same order."""
    check_max_chars(max_chars)
    options, key = prepare_options(pipeline_options)
    return bag.map_partitions(score_partition, options, max_chars, key)


def score_dataframe(
    ddf: dd.DataFrame,
    text_column: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    **pipeline_options: Any,
) -> dd.DataFrame:
    """``ddf`` with score, grade, findings (a JSON array) and error columns added."""
    check_columns(ddf.columns, text_column)
    check_max_chars(max_chars)
    options, key = prepare_options(pipeline_options)
    meta = _meta(ddf._meta)
    return ddf.map_partitions(_score_frame, text_column, options, max_chars, key, meta=meta)


def _score_frame(
    frame: pd.DataFrame,
    text_column: str,
    pipeline_options: Mapping[str, Any],
    max_chars: int,
    options_key: str,
) -> pd.DataFrame:
    return score_frame(
        frame,
        text_column=text_column,
        pipeline_options=pipeline_options,
        max_chars=max_chars,
        options_key=options_key,
    )


def _meta(empty: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    meta = empty.copy()
    meta["score"] = pd.Series(dtype="float64")
    for name in OUTPUT_COLUMNS[1:]:
        meta[name] = pd.Series(dtype="object")
    return meta
