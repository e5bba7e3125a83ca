"""Chatbot leaks: a text generator's own words left in the article. One is enough."""

from __future__ import annotations

from quality.analysis import Document
from quality.scorers.base import Scorer, ScorerResult


class ChatbotLeakScorer(Scorer):
    id = "chatbot-leak"
    version = "1.0"
    description = "Refusals, AI self-references and unfilled placeholders left by a text generator."

    def score(self, doc: Document) -> ScorerResult:
        matches = self.matches(doc)
        evidence = sum(m.rule.penalty for m in matches)
        return ScorerResult(
            max(0.0, 1.0 - evidence),
            self.match_findings(doc, matches),
            {"leaks": float(len(matches))},
        )
