"""Looking across a batch of articles: per-source statistics, the boilerplate a site repeats
in its articles, and the same story published more than once."""

from quality.sources.boilerplate import BoilerplateSpan, find_boilerplate
from quality.sources.duplicates import DuplicateCluster, find_near_duplicates
from quality.sources.grouping import SourceStats, source_key, summarise_sources

__all__ = [
    "BoilerplateSpan",
    "DuplicateCluster",
    "SourceStats",
    "find_boilerplate",
    "find_near_duplicates",
    "source_key",
    "summarise_sources",
]
