"""Dates: a missing publication date, a date field leaked into the body, and relative
times ("earlier this week") that nothing anchors."""

from __future__ import annotations

import re

from quality.analysis import Document
from quality.findings import Finding
from quality.ruleset import Rule
from quality.scorers.base import Scorer, ScorerResult

MISSING_RULE = "missing-date"
LEAKED_RULE = "leaked-date-line"
RELATIVE_RULE = "unanchored-relative-time"
_MAX_RELATIVE_PENALTY = 0.3


class DatesScorer(Scorer):
    id = "dates"
    version = "1.0"
    description = "Publication date present, not leaked into the body, relative times anchored."
    pattern_options = frozenset({"runs_into"})

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
            elif rule.name == LEAKED_RULE and not _leaked_field(doc, rule, match.start, match.end):
                continue
            else:
                penalty += rule.penalty
            findings.append(self.finding(doc, rule, match.start, match.end))
        missing = rules.get(MISSING_RULE)
        if not dated and missing is not None:
            findings.insert(0, self.finding(doc, missing, 0, 0, detail=_where_none(doc)))
            penalty += missing.penalty
        penalty += min(_MAX_RELATIVE_PENALTY, relative_penalty)
        metrics = {"dated": float(dated), "relative_times": float(relative_count)}
        return ScorerResult(max(0.0, 1.0 - penalty), findings, metrics)


def _where_none(doc: Document) -> str:
    """Where a date was looked for. A page may keep one in markup no reader sees, which is
    not counted, and its owner should be told so rather than that it has none."""
    if doc.article.source_format == "html":
        return (
            "none given with the page or shown on it; "
            "a date kept only in its hidden metadata does not count"
        )
    return "none given with the article (its date field, front matter or a dateline)"


def _leaked_field(doc: Document, rule: Rule, start: int, end: int) -> bool:
    """Whether the date field matched at ``start:end`` is glued to the article's first
    sentence near the top, rather than part of a sentence of its own ("Created 12/03/2023
    by the team, the tool ...")."""
    if doc.line_of(start).from_top >= int(rule.option("top_lines", 3)):
        return False
    # Matched on the original text: the capital that starts the article's first sentence is
    # what sets a pasted field apart from a date a sentence goes on from.
    runs_into = rule.option("runs_into")
    return not runs_into or re.compile(runs_into).match(doc.text, end) is not None
