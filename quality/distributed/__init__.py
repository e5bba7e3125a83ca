"""Scoring on a cluster: adapters for Apache Spark (``quality.distributed.spark``) and Dask
(``quality.distributed.dask``), installed with the ``spark`` and ``dask`` extras.

Both score a pandas frame at a time with ``score_frame``, which builds the pipeline once per
worker process (keyed by its options) and reuses it for every partition that process gets.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from quality.batch import DEFAULT_MAX_CHARS, score_item
from quality.inputs import MAPPING_KEYS

if TYPE_CHECKING:
    import pandas as pd

    from quality.pipeline import Pipeline

#: Columns added to a scored frame: the score and grade (null when the row could not be
#: scored), the findings as a JSON array, and the error as "Type: message" (null when scored).
OUTPUT_COLUMNS = ("score", "grade", "findings", "error")

_PIPELINES: dict[str, Pipeline] = {}


def pipeline_for(options: Mapping[str, Any] | None = None) -> Pipeline:
    """This process's pipeline for ``options`` (``quality.Pipeline`` keyword arguments)."""
    from quality.pipeline import Pipeline

    key = json.dumps(dict(options or {}), sort_keys=True, default=str)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = Pipeline(**dict(options or {}))
    return pipeline


def check_options(options: Mapping[str, Any]) -> None:
    """Build the pipeline for ``options`` here, so that a misspelt scorer or rule code is
    an error of the call, not of every task on the cluster."""
    pipeline_for(options)


def check_columns(columns: Any, text_column: str) -> None:
    if text_column not in columns:
        raise ValueError(f"the frame has no '{text_column}' column (columns: {list(columns)})")
    clashing = [name for name in OUTPUT_COLUMNS if name in columns]
    if clashing:
        raise ValueError(f"the frame already has column(s) {clashing}; rename them first")


def row_record(row: Mapping[str, Any], text_column: str) -> dict[str, Any]:
    """The article record for one row: its text plus any metadata columns it has."""
    record: dict[str, Any] = {"text": _missing_to_none(row.get(text_column))}
    for key in MAPPING_KEYS:
        if key != "text" and key in row:
            record.setdefault(key, _missing_to_none(row[key]))
    return record


def score_record(pipeline: Pipeline, index: int, record: Any, max_chars: int) -> tuple[Any, ...]:
    """(score, grade, findings JSON, error) for one record."""
    result = score_item(pipeline, index, record, max_chars)
    if result.report is None:
        error = result.error
        message = f"{error.type}: {error.message}" if error else "not scored"
        return (None, None, None, message)
    findings = json.dumps([f.to_dict() for f in result.report.findings], ensure_ascii=False)
    return (float(result.report.score), result.report.grade, findings, None)


def score_frame(
    frame: pd.DataFrame,
    *,
    text_column: str = "text",
    pipeline_options: Mapping[str, Any] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> pd.DataFrame:
    """``frame`` with the ``OUTPUT_COLUMNS`` added, one scored article per row."""
    import pandas as pd

    pipeline = pipeline_for(pipeline_options)
    rows = frame.to_dict("records")
    scored = [
        score_record(pipeline, i, row_record(row, text_column), max_chars)
        for i, row in enumerate(rows)
    ]
    out = frame.copy()
    columns = list(zip(*scored, strict=True)) if scored else [(), (), (), ()]
    out["score"] = pd.Series(columns[0], index=frame.index, dtype="float64")
    for name, values in zip(OUTPUT_COLUMNS[1:], columns[1:], strict=True):
        out[name] = pd.Series(values, index=frame.index, dtype="object")
    return out


def _missing_to_none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            # A null in a column of whole numbers (ids, YYYYMMDD dates) makes pandas store
            # the column as floats: 20240305 would come back as 20240305.0, not a date.
            return int(value)
    try:
        import pandas as pd

        if value is pd.NaT or value is pd.NA:
            return None
    except ImportError:  # pandas is only needed by the adapters that call this
        pass
    return value
