"""quality: score how trustworthy and clean a news article is, and say why.

>>> import quality
>>> report = quality.score("Text of the article ...", title="Headline", published="2024-03-01")
>>> report.score, report.grade
>>> print(report.explain())
"""

from typing import TYPE_CHECKING, Any

from quality.analysis import Document
from quality.article import Article
from quality.errors import (
    ArticleTooLargeError,
    ConfigError,
    EmptyPageError,
    InputError,
    InvalidTextError,
    QualityError,
    RuleError,
    ScorerError,
    ScorerLoadError,
)
from quality.findings import Finding, Severity
from quality.inputs import load_article
from quality.pipeline import Pipeline, default_pipeline, score
from quality.registry import register
from quality.report import Report, ScorerSummary
from quality.scorers.base import Scorer, ScorerResult
from quality.weights import Weights

if TYPE_CHECKING:
    from quality.batch import BatchError, BatchResult

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The batch module brings in multiprocessing; the lint command and single-article
    # scoring never need it, so it is imported on first use.
    if name in ("BatchError", "BatchResult"):
        from quality import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'quality' has no attribute {name!r}")


__all__ = [
    "Article",
    "ArticleTooLargeError",
    "BatchError",
    "BatchResult",
    "ConfigError",
    "Document",
    "EmptyPageError",
    "Finding",
    "InputError",
    "InvalidTextError",
    "Pipeline",
    "QualityError",
    "Report",
    "RuleError",
    "Scorer",
    "ScorerError",
    "ScorerLoadError",
    "ScorerResult",
    "ScorerSummary",
    "Severity",
    "Weights",
    "__version__",
    "default_pipeline",
    "load_article",
    "register",
    "score",
]
