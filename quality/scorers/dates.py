"""Dates: a missing publication date, a date field leaked into the body, and relative
times ("earlier this week") that nothing anchors."""

from __future__ import annotations

from quality.analysis import Document
from quality.findings import Finding
from quality.scorers.base import Scorer, ScorerResult

MISSING_RULE = "missing-date"
LEAKED_RULE = "leaked-date-line"
RELATIVE_RULE = "unanchored-relative-time"
_MAX_RELATIVE_PENALTY = 0.3


class DatesScorer(Scorer):
    id = "dates"
    version = "1.0"
    description = "Publication date present, not leaked into the body, relative times anchored."

    def score(self, doc: Document) -> ScorerResult:
        rules = self.language_rules(doc)
        dated = doc.article.published is not None
        findings: list[Finding] = []
        penalty = 0.0
        relative_penalty = 0.0
        relative_count = 0
        for match in self.matches(doc):
            rule = match.rule
            if rule.name == RELATIVE_RULE:
                if dated:
                    continue
                relative_penalty += rule.penalty
                relative_count += 1
            elif rule.name == LEAKED_RULE and doc.line_of(match.start).from_top >= int(
                rule.option("top_lines", 3)
            ):
                continue
            else:
                penalty += rule.penalty
            findings.append(self.finding(doc, rule, match.start, match.end))
        missing = rules.get(MISSING_RULE)
        if not dated and missing is not None:
            findings.insert(0, self.finding(doc, missing, 0, 0))
            penalty += missing.penalty
        penalty += min(_MAX_RELATIVE_PENALTY, relative_penalty)
        metrics = {"dated": float(dated), "relative_times": float(relative_count)}
        return ScorerResult(max(0.0, 1.0 - penalty), findings, metrics)
