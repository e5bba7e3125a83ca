"""Specificity: how much checkable detail the writer gives per 100 words.

Reporting is made of who said what, in their words, with names and numbers. Text that
reads like news but carries none of it (no one is quoted, no one "said" anything, few
names, few figures) is the shape of rewritten and generated copy. Each signal is measured
per 100 words and compared with a target typical of wire and newspaper copy; the sub-score
falls with the weighted shortfall, so one thin signal costs little and several cost more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quality.analysis import Document
from quality.findings import Finding
from quality.ruleset import Rule
from quality.scorers.base import Scorer, ScorerResult

# Plain reporting verbs: the way journalism attributes speech. Matched on Document.lower.
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|added|adds)\b")
# A capitalised word that follows a lower-case word, digit or comma on the same line cannot
# be a sentence opener, so it is (nearly always) a name: a person, place or organisation.
_NAME = re.compile(r"(?<=[a-z0-9,;)] )[A-Z][A-Za-z]")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.:]*")

QUOTES_RULE = "few-direct-quotes"
REPORTING_RULE = "few-reported-statements"
NAMES_RULE = "few-names"
NUMBERS_RULE = "few-numbers"


@dataclass(frozen=True, slots=True)
class _Signal:
    rule_name: str
    metric: str
    value: float


class SpecificityScorer(Scorer):
    id = "specificity"
    version = "1.0"
    description = "Direct quotes, reported statements, names and numbers per 100 words."

    def score(self, doc: Document) -> ScorerResult:
        rules = self.language_rules(doc)
        words = doc.word_count
        per_100 = 100.0 / max(words, 1)
        reporting = sum(
            1 for m in _REPORTING.finditer(doc.lower) if not doc.in_quote(m.start(), m.end())
        )
        names = len(_NAME.findall(doc.text))
        numbers = len(_NUMBER.findall(doc.text))
        signals = (
            _Signal(QUOTES_RULE, "quotes_per_100_words", len(doc.quotes) * per_100),
            _Signal(REPORTING_RULE, "reported_statements_per_100_words", reporting * per_100),
            _Signal(NAMES_RULE, "names_per_100_words", names * per_100),
            _Signal(NUMBERS_RULE, "numbers_per_100_words", numbers * per_100),
        )
        metrics = {s.metric: round(s.value, 3) for s in signals}
        min_words = 0.0
        lost = 0.0
        total_weight = 0.0
        findings: list[Finding] = []
        for signal in signals:
            rule = rules.get(signal.rule_name)
            if rule is None:
                continue
            target = float(rule.option("target", 1.0))
            weight = float(rule.option("weight", 1.0))
            min_words = max(min_words, float(rule.option("min_words", 80)))
            total_weight += weight
            if words < float(rule.option("min_words", 80)) or target <= 0:
                continue
            shortfall = max(0.0, 1.0 - signal.value / target)
            lost += weight * shortfall
            threshold = float(rule.option("threshold", 0.0))
            if signal.value <= threshold:
                findings.append(self._document_finding(doc, rule, signal.value, threshold))
        sub_score = 1.0 - lost / total_weight if total_weight else 1.0
        return ScorerResult(sub_score, findings, metrics)

    def _document_finding(
        self, doc: Document, rule: Rule, value: float, threshold: float
    ) -> Finding:
        # A document-level shortage has no single place; the opening sentence is where an
        # editor starts reading, so the finding points there.
        first = doc.sentences[0] if doc.sentences else None
        start, end = (first.start, first.end) if first else (0, 0)
        return self.finding(doc, rule, start, end, value=round(value, 2), threshold=threshold)
