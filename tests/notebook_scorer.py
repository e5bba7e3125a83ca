"""A scorer as a notebook defines it, for the distributed tests: registered at run time on
the driver or client (``quality.register``), never on a worker."""

from __future__ import annotations

from quality.analysis import Document
from quality.scorers.base import Scorer, ScorerResult


class ShoutingScorer(Scorer):
    """Scores 0 for a word of four or more capitals; fails on an article that says BOOM."""

    id = "test-shouting"
    version = "1.0"
    needs_language_rules = False

    def score(self, doc: Document) -> ScorerResult:
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        loud = [w for w in doc.text.split() if len(w) > 3 and w.isupper()]
        return ScorerResult(0.0 if loud else 1.0)
