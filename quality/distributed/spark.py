"""Apache Spark: score a DataFrame with a ``text`` column on the cluster.

    from quality.distributed.spark import score_dataframe
    scored = score_dataframe(df)   # adds score (double), grade, findings (JSON), error

or, to fit it into a plan of your own, ``df.mapInPandas(make_scorer(), output_schema(df.schema))``.
Each Python worker builds the pipeline once and reuses it across batches (Spark reuses Python
workers by default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from quality.batch import DEFAULT_MAX_CHARS
from quality.distributed import check_columns, check_options, score_frame

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType


def output_schema(schema: StructType) -> StructType:
    """The input schema plus score, grade, findings and error."""
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    added = [
        StructField("score", DoubleType(), True),
        StructField("grade", StringType(), True),
        StructField("findings", StringType(), True),
        StructField("error", StringType(), True),
    ]
    return StructType([*schema.fields, *added])


def make_scorer(
    text_column: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    **pipeline_options: Any,
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """A function for ``DataFrame.mapInPandas``; ``pipeline_options`` go to ``Pipeline``."""
    check_options(pipeline_options)

    def score_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield score_frame(
                batch,
                text_column=text_column,
                pipeline_options=pipeline_options,
                max_chars=max_chars,
            )

    return score_batches


def score_dataframe(
    df: DataFrame,
    text_column: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    **pipeline_options: Any,
) -> DataFrame:
    """``df`` with score, grade, findings (a JSON array) and error columns added."""
    check_columns(df.columns, text_column)
    scorer = make_scorer(text_column, max_chars, **pipeline_options)
    return df.mapInPandas(scorer, output_schema(df.schema))
