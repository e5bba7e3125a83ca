"""Scoring on a cluster: adapters for Apache Spark (``quality.distributed.spark``) and Dask
(``quality.distributed.dask``), installed with the ``spark`` and ``dask`` extras.

Both build the pipeline on the driver (``prepare_options``) and send it with the job; the
workers score a pandas frame at a time with ``score_articles``, each process keeping the
pipeline it received for every partition it gets (``pipeline_for``).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union

from quality.batch import DEFAULT_MAX_CHARS, score_item
from quality.inputs import MAPPING_KEYS

if TYPE_CHECKING:
    import pandas as pd

    from quality.pipeline import Pipeline

#: Columns added to a scored frame: the score and grade (null when the row could not be
#: scored), the findings as a JSON array, and the error as "Type: message" (null when scored).
OUTPUT_COLUMNS = ("score", "grade", "findings", "error")

#: Pipelines this process has built or received, by key (see ``pipeline_for``), oldest
#: first. Bounded: a long-lived worker (a Dask cluster) receives a pipeline with every job.
_PIPELINES: dict[str, Pipeline] = {}
_KEPT_PIPELINES = 8

#: What a worker scores with: the pipeline the driver built (see ``prepare_options``), or the
#: ``quality.Pipeline`` keyword arguments to build one from.
PipelineSpec = Union["Pipeline", Mapping[str, Any], None]


def pipeline_for(spec: PipelineSpec = None, key: str | None = None) -> Pipeline:
    """This process's pipeline for ``spec``, cached under ``key`` (by default
    ``options_key(spec)``): a pipeline received from the driver is kept, so that what it
    compiles for its first article (per language) serves every later partition."""
    from quality.pipeline import Pipeline

    if isinstance(spec, Pipeline) and key is None:
        return spec
    if key is None:
        key = options_key(spec if isinstance(spec, Mapping) else {})
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = spec if isinstance(spec, Pipeline) else Pipeline(**dict(spec or {}))
    _keep(key, pipeline)
    return pipeline


def _keep(key: str, pipeline: Pipeline) -> None:
    """Cache ``pipeline`` as the most recently used, dropping the least recently used past
    ``_KEPT_PIPELINES``."""
    _PIPELINES.pop(key, None)
    _PIPELINES[key] = pipeline
    while len(_PIPELINES) > _KEPT_PIPELINES:
        del _PIPELINES[next(iter(_PIPELINES))]


def options_key(options: Mapping[str, Any]) -> str:
    """A key naming the pipeline ``options`` build: their JSON, or for options holding
    objects (a ``Weights``, a ``RuleBook``, scorer instances) a digest of their pickle,
    which, unlike an object's default repr, is the same in every task that receives them.
    The scorers known here are part of it: by default a pipeline has every one, so a
    scorer registered since (``quality.register``) makes another pipeline."""
    from quality.registry import available

    keyed = {"options": dict(options), "scorers": available()}
    try:
        return json.dumps(keyed, sort_keys=True)
    except (TypeError, ValueError):
        pass
    try:
        return "pickle:" + hashlib.sha256(pickle.dumps(keyed)).hexdigest()
    except Exception:  # not picklable by pickle (cloudpickle may still ship it): one per call
        return "call:" + uuid.uuid4().hex


def prepare_options(options: Mapping[str, Any]) -> tuple[PipelineSpec, str]:
    """Build the pipeline for ``options`` here, so that a misspelt scorer or rule code is an
    error of the call, not of every task on the cluster; return what to send to the workers
    and the key they keep it under (see ``pipeline_for``).

    What is sent is the pipeline itself: the workers score with exactly the scorers, rules
    and weights built here, including a scorer registered at run time (``quality.register``
    in a notebook), which a worker process never registered, and files the options name (a
    ``weights`` file, ``rule_dirs``) that the workers cannot see. A pipeline that cannot be
    pickled (a third-party scorer holding an open handle) is built again on each worker
    from the options instead.
    """
    from quality.pipeline import Pipeline

    pipeline = Pipeline(**options)
    spec: PipelineSpec = pipeline
    key = "call:" + uuid.uuid4().hex
    try:
        pickle.dumps(pipeline)
    except Exception:
        spec = _with_files_read(options, pipeline)
        key = options_key(spec)
    _keep(key, pipeline)
    return spec, key


def _with_files_read(options: Mapping[str, Any], pipeline: Pipeline) -> dict[str, Any]:
    """``options`` with the files they name (a ``weights`` file, ``rule_dirs``) replaced by
    what ``pipeline`` read from them: the workers need not see them, and a file rewritten
    later (a new ``quality train``) is not scored with the copy a worker read before."""
    options = dict(options)
    if isinstance(options.get("weights"), (str, os.PathLike)):
        options["weights"] = pipeline.weights
    if options.get("rule_dirs") is not None and options.get("rules") is None:
        del options["rule_dirs"]
        options["rules"] = pipeline.rulebook
    return options


def check_max_chars(max_chars: Any) -> None:
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise ValueError(f"max_chars must be a whole number of characters, got {max_chars!r}")


def article_columns(
    columns: Iterable[Any], text_column: str = "text", *, ignore_case: bool = False
) -> dict[str, Any]:
    """The column each article field is read from, as {record key: column}: ``text`` from
    ``text_column``, or ``html`` when that is the column of pages (``text_column="html"``,
    or a frame with ``html`` and no ``text`` column), and the metadata columns (see
    ``MAPPING_KEYS``) the frame has. ``ignore_case`` matches names as Spark does by default.
    The ``id`` is not read: a row keeps its own columns, and scoring does not depend on it.
    """
    names = list(columns)

    def find(name: str) -> Any:
        if name in names:
            return name
        if ignore_case:
            for column in names:
                if isinstance(column, str) and column.casefold() == name.casefold():
                    return column
        return None

    text = find(text_column)
    if text is None and text_column == "text":
        text = find("html")
    if text is None:
        raise ValueError(f"the frame has no '{text_column}' column (columns: {names})")
    text_key = "html" if str(text).casefold() == "html" else "text"
    found = {text_key: text}
    for key in MAPPING_KEYS:
        if key in ("id", "text") or key in found:
            continue
        column = find(key)
        if column is not None and column != text:
            found[key] = column
    return found


def check_columns(columns: Any, text_column: str, *, ignore_case: bool = False) -> dict[str, Any]:
    """``article_columns`` of a frame that also has none of the ``OUTPUT_COLUMNS``."""
    found = article_columns(columns, text_column, ignore_case=ignore_case)
    check_free_output_columns(columns, ignore_case=ignore_case)
    return found


def check_free_output_columns(columns: Iterable[Any], *, ignore_case: bool = False) -> None:
    """Refuse a frame that has one of the ``OUTPUT_COLUMNS`` already."""
    taken = {_folded(name, ignore_case) for name in columns}
    clashing = [name for name in OUTPUT_COLUMNS if _folded(name, ignore_case) in taken]
    if clashing:
        raise ValueError(f"the frame already has column(s) {clashing}; rename them first")


def check_type(value: Any, expected: type, function: str, what: str) -> None:
    """A clear TypeError for a frame of another library (a pandas frame given to a Spark
    function) or a Series, which would otherwise fail on a missing attribute, or not at all
    until computed."""
    if not isinstance(value, expected):
        library = type(value).__module__.partition(".")[0]
        name = type(value).__name__
        kind = name if library == "builtins" else f"{library} {name}"
        raise TypeError(f"{function} takes {what}, got {kind}")


def row_record(row: Mapping[Any, Any], columns: Mapping[str, Any]) -> dict[str, Any]:
    """The article record for one row, from the ``article_columns`` it has."""
    return {key: _missing_to_none(row.get(column)) for key, column in columns.items()}


def score_record(pipeline: Pipeline, index: int, record: Any, max_chars: int) -> tuple[Any, ...]:
    """(score, grade, findings JSON, error) for one record."""
    result = score_item(pipeline, index, record, max_chars)
    if result.report is None:
        error = result.error
        message = f"{error.type}: {error.message}" if error else "not scored"
        return (None, None, None, message)
    findings = json.dumps([f.to_dict() for f in result.report.findings], ensure_ascii=False)
    return (float(result.report.score), result.report.grade, findings, None)


def score_articles(
    frame: pd.DataFrame,
    columns: Mapping[str, Any],
    *,
    pipeline_options: PipelineSpec = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    options_key: str | None = None,
) -> pd.DataFrame:
    """The ``OUTPUT_COLUMNS`` for ``frame``, one scored article per row, on its index;
    ``pipeline_options`` and ``options_key`` as for ``pipeline_for``."""
    import pandas as pd

    pipeline = pipeline_for(pipeline_options, options_key)
    rows = frame.to_dict("records")
    scored = [
        score_record(pipeline, i, row_record(row, columns), max_chars) for i, row in enumerate(rows)
    ]
    values = list(zip(*scored, strict=True)) if scored else [(), (), (), ()]
    out = pd.DataFrame(index=frame.index)
    out["score"] = pd.Series(values[0], index=frame.index, dtype="float64")
    for name, column in zip(OUTPUT_COLUMNS[1:], values[1:], strict=True):
        out[name] = pd.Series(column, index=frame.index, dtype="object")
    return out


def score_frame(
    frame: pd.DataFrame,
    *,
    text_column: str = "text",
    pipeline_options: PipelineSpec = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    options_key: str | None = None,
    ignore_case: bool = False,
) -> pd.DataFrame:
    """``frame`` with the ``OUTPUT_COLUMNS`` added, one scored article per row. A frame
    that has one of them already is refused: it would be overwritten, or (``mapInPandas``)
    fail the task deep in Arrow."""
    columns = check_columns(frame.columns, text_column, ignore_case=ignore_case)
    scored = score_articles(
        frame,
        columns,
        pipeline_options=pipeline_options,
        max_chars=max_chars,
        options_key=options_key,
    )
    out = frame.copy()
    for name in OUTPUT_COLUMNS:
        out[name] = scored[name]
    return out


def _folded(name: Any, ignore_case: bool) -> Any:
    return name.casefold() if ignore_case and isinstance(name, str) else name


def _missing_to_none(value: Any) -> Any:
    """A frame's cell as the value a record would hold: None for pandas' missing values,
    whole numbers as ints, arrays as lists."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            # A null in a column of whole numbers (ids, YYYYMMDD dates) makes pandas store
            # the column as floats: 20240305 would come back as 20240305.0, not a date.
            return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)  # a Spark decimal(8,0) of YYYYMMDD dates, as from a database
    try:
        import numpy as np
        import pandas as pd

        if value is pd.NaT or value is pd.NA:
            return None
        if isinstance(value, np.ndarray):
            # A Spark array column arrives as a NumPy array: an error names it as an array.
            return value.tolist()
    except ImportError:  # pandas is only needed by the adapters that call this
        pass
    return value
