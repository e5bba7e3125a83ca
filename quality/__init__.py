"""quality: score how trustworthy and clean a news article is, and say why.

>>> import quality
>>> report = quality.score("Text of the article ...", title="Headline", published="2024-03-01")
>>> report.score, report.grade
>>> print(report.explain())
"""

from quality.analysis import Document
from quality.article import Article
from quality.batch import BatchError, BatchResult
from quality.errors import ConfigError, InputError, QualityError, RuleError, ScorerError
from quality.findings import Finding, Severity
from quality.inputs import load_article
from quality.pipeline import Pipeline, default_pipeline, score
from quality.registry import register
from quality.report import Report, ScorerSummary
from quality.scorers.base import Scorer, ScorerResult
from quality.weights import Weights

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BatchError",
    "BatchResult",
    "ConfigError",
    "Document",
    "Finding",
    "InputError",
    "Pipeline",
    "QualityError",
    "Report",
    "RuleError",
    "Scorer",
    "ScorerError",
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
