"""Apache Spark: score a DataFrame with a ``text`` column on the cluster.

    from quality.distributed.spark import score_dataframe
    scored = score_dataframe(df)   # adds score (double), grade, findings (JSON), error

Only the article's columns go to Python (a pandas UDF); the others stay in Spark untouched.
To fit scoring into a plan of your own, ``df.mapInPandas(make_scorer(), output_schema(df.schema))``
also works, but sends every column through pandas. The pipeline is built on the driver and
sent with the job; each Python worker keeps it across batches (Spark reuses Python workers
by default).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from quality.batch import DEFAULT_MAX_CHARS
from quality.distributed import (
    OUTPUT_COLUMNS,
    PipelineSpec,
    check_columns,
    check_free_output_columns,
    check_max_chars,
    check_type,
    prepare_options,
    score_articles,
    score_frame,
)
from quality.inputs import MAPPING_KEYS

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import Column, DataFrame
    from pyspark.sql.types import StructField, StructType


def _added_fields() -> list[StructField]:
    from pyspark.sql.types import DoubleType, StringType, StructField

    return [
        StructField("score", DoubleType(), True),
        StructField("grade", StringType(), True),
        StructField("findings", StringType(), True),
        StructField("error", StringType(), True),
    ]


def output_schema(schema: StructType) -> StructType:
    """The input schema plus score, grade, findings and error. A schema that has one of
    them already is refused here, on the driver: the task would fail deep in Arrow."""
    from pyspark.sql.types import StructType

    check_free_output_columns(schema.names, ignore_case=_active_session_ignores_case())
    return StructType([*schema.fields, *_added_fields()])


def make_scorer(
    text_column: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    **pipeline_options: Any,
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """A function for ``DataFrame.mapInPandas``; ``pipeline_options`` go to ``Pipeline``.
    Column names match as the active session's do (in any case, by default)."""
    check_max_chars(max_chars)
    spec, key = prepare_options(pipeline_options)
    ignore_case = _active_session_ignores_case()

    def score_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield score_frame(
                batch,
                text_column=text_column,
                pipeline_options=spec,
                max_chars=max_chars,
                options_key=key,
                ignore_case=ignore_case,
            )

    return score_batches


def score_dataframe(
    df: DataFrame,
    text_column: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    **pipeline_options: Any,
) -> DataFrame:
    """``df`` with score, grade, findings (a JSON array) and error columns added."""
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F

    check_type(df, DataFrame, "score_dataframe", "a Spark DataFrame")
    columns = check_columns(df.columns, text_column, ignore_case=_ignores_case(df.sparkSession))
    check_max_chars(max_chars)
    spec, key = prepare_options(pipeline_options)
    articles = F.struct(*[_article_field(df, name, column) for name, column in columns.items()])
    scored = _scoring_udf(spec, key, max_chars)(articles)
    held = "_quality_scored"
    while any(name.casefold() == held for name in df.columns):
        held = "_" + held
    return (
        df.withColumn(held, scored)
        .withColumns({name: F.col(held).getField(name) for name in OUTPUT_COLUMNS})
        .drop(held)
    )


def _active_session_ignores_case() -> bool:
    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession()
    return session is None or _ignores_case(session)


def _ignores_case(session: Any) -> bool:
    """Whether ``session`` matches column names in any case (``spark.sql.caseSensitive``)."""
    return str(session.conf.get("spark.sql.caseSensitive", "false")).lower() != "true"


def _article_field(df: DataFrame, name: str, column: str) -> Column:
    from pyspark.sql import functions as F
    from pyspark.sql.types import TimestampNTZType, TimestampType

    value = F.col("`" + column.replace("`", "``") + "`")
    kind = df.schema[column].dataType
    if MAPPING_KEYS[name] == "published" and isinstance(kind, (TimestampType, TimestampNTZType)):
        # As pandas timestamps it could not hold a placeholder such as 9999-12-31, and the
        # whole task would fail; as text ("2024-03-05 23:30:00", in the session's time
        # zone) it is read as that date.
        value = value.cast("string")
    return value.alias(name)


def _scoring_udf(spec: PipelineSpec, key: str, max_chars: int) -> Callable[..., Column]:
    from pyspark.sql.functions import PandasUDFType, pandas_udf
    from pyspark.sql.types import StructType

    def score(articles: pd.DataFrame) -> pd.DataFrame:
        columns = {name: name for name in articles.columns}
        return score_articles(
            articles, columns, pipeline_options=spec, max_chars=max_chars, options_key=key
        )

    with warnings.catch_warnings():
        # Spark prefers the UDF's kind from type hints, which are not evaluated here.
        warnings.simplefilter("ignore", UserWarning)
        udf = pandas_udf(score, StructType(_added_fields()), PandasUDFType.SCALAR)
    # Marked nondeterministic so that Spark scores each row once: otherwise a filter on the
    # score (``scored.where("grade = 'F'")``) is pushed below the projection and scores
    # every row a second time.
    return udf.asNondeterministic()
