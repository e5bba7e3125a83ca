"""Dask: score a bag of articles or a dataframe with a ``text`` column, partition by
partition, with the pipeline built by the caller, which each worker fetches once.

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
    PipelineSpec,
    check_columns,
    check_max_chars,
    check_type,
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
    pipeline_options: PipelineSpec = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    options_key: str | None = None,
) -> list[dict[str, Any]]:
    """The ``quality score`` record for every article (dict, string or Article) given."""
    pipeline = pipeline_for(pipeline_options, options_key)
    return [score_item(pipeline, i, item, max_chars).to_dict() for i, item in enumerate(items)]


def score_bag(bag: db.Bag, max_chars: int = DEFAULT_MAX_CHARS, **pipeline_options: Any) -> db.Bag:
    """A bag of ``quality score`` records, one per article of ``bag``, in the same order."""
    import dask.bag as db

    check_type(bag, db.Bag, "score_bag", "a dask Bag (db.from_sequence(articles))")
    check_max_chars(max_chars)
    spec, key = _prepare(pipeline_options)
    return bag.map_partitions(score_partition, spec, max_chars, key)


def score_dataframe(
    ddf: dd.DataFrame,
    text_column: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    **pipeline_options: Any,
) -> dd.DataFrame:
    """``ddf`` with score, grade, findings (a JSON array) and error columns added."""
    import dask.dataframe as dd
    from dask.dataframe.utils import get_string_dtype

    check_type(ddf, dd.DataFrame, "score_dataframe", "a dask DataFrame (dd.from_pandas(frame))")
    check_columns(ddf.columns, text_column)
    check_max_chars(max_chars)
    spec, key = _prepare(pipeline_options)
    meta = _meta(ddf._meta, get_string_dtype())
    dtypes = {name: meta[name].dtype for name in OUTPUT_COLUMNS}
    return ddf.map_partitions(_score_frame, text_column, spec, max_chars, key, dtypes, meta=meta)


def _prepare(pipeline_options: Mapping[str, Any]) -> tuple[Any, str]:
    """``prepare_options``, with the pipeline made one item of the graph: each worker fetches
    it once, rather than with every task."""
    import dask

    spec, key = prepare_options(pipeline_options)
    if isinstance(spec, Mapping):
        return spec, key
    return dask.delayed(spec, name=f"quality-pipeline-{key}", traverse=False), key


def _score_frame(
    frame: pd.DataFrame,
    text_column: str,
    pipeline_options: PipelineSpec,
    max_chars: int,
    options_key: str,
    dtypes: Mapping[str, Any],
) -> pd.DataFrame:
    scored = score_frame(
        frame,
        text_column=text_column,
        pipeline_options=pipeline_options,
        max_chars=max_chars,
        options_key=options_key,
    )
    return scored.astype(dict(dtypes))


def _meta(empty: pd.DataFrame, string_dtype: Any) -> pd.DataFrame:
    """The scored frame's meta: ``score`` as float64, the others in the dtype Dask gives
    strings (``string[pyarrow]`` unless ``dataframe.convert-string`` is off). As ``object``
    they read as arbitrary objects: ``to_parquet`` failed on the placeholders Dask fills
    them with when it works out the file's schema."""
    import pandas as pd

    meta = empty.copy()
    meta["score"] = pd.Series(dtype="float64")
    for name in OUTPUT_COLUMNS[1:]:
        meta[name] = pd.Series(dtype=string_dtype)
    return meta
