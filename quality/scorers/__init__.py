"""Scorers: each file holds one; they are found through the ``quality.scorers`` entry points."""

from quality.scorers.base import Scorer, ScorerResult

__all__ = ["Scorer", "ScorerResult"]
