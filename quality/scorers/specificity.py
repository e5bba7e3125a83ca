"""Specificity: how much checkable detail the writer gives per 100 words.

Reporting is made of who said what, in their words, with names and numbers. Text that
reads like news but carries none of it (no one is quoted, no one "said" anything, few
names, few figures) is the shape of rewritten and generated copy. Each signal is measured
per 100 words and compared with a target typical of wire and newspaper copy; the sub-score
falls with the weighted shortfall, so one thin signal costs little and several cost more.

An interview printed as questions and answers ("Q: ... A: ...") is all direct speech with
its speaker named by the format, though it has no quotation marks and no "said": each
answer counts as a direct quotation and as a reported statement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from quality.analysis import Document
from quality.findings import Finding
from quality.matching import Automaton
from quality.ruleset import LanguageRules, Rule, ScorerRules
from quality.scorers._wording import loss_note, transcript_answers
from quality.scorers.base import Scorer, ScorerResult, plural, value_beside_limit

# Plain reporting verbs, the way journalism attributes speech (and "tweeted", the way it
# attributes a statement posted online), counted on Document.lower as substrings; the leading
# space keeps "unsaid" and "untold" out.
_REPORTING = (
    " said",
    " says",
    " told",
    " tells",
    "according to",
    " added",
    " adds",
    " tweeted",
    # A letter, a post or a filing quoted is a statement reported as much as a speech is.
    " wrote",
    " writes",
    " asked",
)
# Sentence openers are capitalised whatever they are: one is assumed after each of these
# (counted on Document.lower, where curly quotes are folded) and at the start of each line.
_SENTENCE_BREAKS = (". ", "? ", "! ", '." ', '?" ', '!" ', ': "')
_DIGITS = b"0123456789"

# What may stand before a capital at the start of a token: quotation marks and brackets.
_OPENING_MARKS = "\"'([\u201c\u2018"

QUOTES_RULE = "few-direct-quotes"
REPORTING_RULE = "few-reported-statements"
NAMES_RULE = "few-names"
NUMBERS_RULE = "few-figures"


@dataclass(frozen=True)
class _Check:
    """How one signal is judged, read once from its rule's options."""

    rule: Rule
    metric: str
    target: float
    weight: float
    min_words: float
    threshold: float

    @staticmethod
    def read_all(rules: LanguageRules) -> list[_Check]:
        checks = []
        for name, metric in _METRICS.items():
            rule = rules.get(name)
            if rule is not None:
                checks.append(
                    _Check(
                        rule,
                        metric,
                        float(rule.option("target", 1.0)),
                        float(rule.option("weight", 1.0)),
                        float(rule.option("min_words", 80)),
                        float(rule.option("threshold", 0.0)),
                    )
                )
        return checks


_METRICS = {
    QUOTES_RULE: "quotes_per_100_words",
    REPORTING_RULE: "reported_statements_per_100_words",
    NAMES_RULE: "names_per_100_words",
    NUMBERS_RULE: "digits_per_100_words",
}

#: What each signal counts, as a note names it.
_MEASURES = {
    QUOTES_RULE: "direct quotations per 100 words",
    REPORTING_RULE: "reported statements (said, told, according to) per 100 words",
    NAMES_RULE: "names (people, places, organisations) per 100 words",
    NUMBERS_RULE: "digits per 100 words",
}

#: The unit a finding counts in, where it is not the thing its message names ("Too few
#: figures: 3 digits in 400 words").
_COUNTED = {NUMBERS_RULE: ("digit", "digits")}


class SpecificityScorer(Scorer):
    id = "specificity"
    version = "1.0"
    description = "Direct quotes, reported statements, names and digits per 100 words."

    def __init__(self, rules: ScorerRules, options: Mapping[str, Any] | None = None):
        super().__init__(rules, options)
        # Counted from the pipeline's shared pass over the text: a str.count per string
        # would walk the text fourteen times. The value is the string's length, and whether
        # it is a reporting verb (else a sentence break).
        self._counted = Automaton(
            {
                **{s: (len(s), False) for s in _SENTENCE_BREAKS},
                **{s: (len(s), True) for s in _REPORTING},
            }
        )

    def automata(self, language: str) -> list[Automaton | None]:
        return [*super().automata(language), self._counted]

    def score(self, doc: Document) -> ScorerResult:
        rules = self.language_rules(doc)
        words = doc.word_count
        per_100 = 100.0 / max(words, 1)
        reporting = breaks = 0
        for end, (length, is_reporting) in doc.hits(self._counted, doc.lower):
            if not is_reporting:
                breaks += 1
            elif not doc.in_quote(end + 1 - length, end + 1):
                reporting += 1
        answers = len(transcript_answers(doc.text))
        reporting += answers
        # Capitalised words that do not open a sentence are (nearly always) names of
        # people, places and organisations.
        capitalised = _capitalised_tokens(doc.text, doc.tokens)
        names = max(0, capitalised - breaks - len(doc.nonblank_lines))
        # ASCII digits are the same single bytes in UTF-8, and bytes.translate deletes them
        # in one C loop.
        encoded = doc.text.encode("utf-8", "surrogatepass")
        digits = len(encoded) - len(encoded.translate(None, _DIGITS))
        counts = {
            QUOTES_RULE: len(doc.quotes) + answers,
            REPORTING_RULE: reporting,
            NAMES_RULE: names,
            NUMBERS_RULE: digits,
        }
        values = {name: count * per_100 for name, count in counts.items()}
        metrics = {_METRICS[name]: round(value, 3) for name, value in values.items()}
        lost = 0.0
        total_weight = 0.0
        findings: list[Finding] = []
        notes: list[str] = []
        for check in rules.derived(_Check.read_all):
            value = values[check.rule.name]
            total_weight += check.weight
            # Short pieces (briefs, captions) have too few words to judge density by.
            if words < check.min_words or check.target <= 0:
                continue
            lost += check.weight * max(0.0, 1.0 - value / check.target)
            if value <= check.threshold:
                shortage = _shortage(counts[check.rule.name], words, value, check)
                findings.append(
                    self._document_finding(doc, check.rule, value, check.threshold, shortage)
                )
            elif value < check.target:
                notes.append(
                    loss_note(check.rule, _MEASURES[check.rule.name], value, check.target, 0.0)
                )
        sub_score = 1.0 - lost / total_weight if total_weight else 1.0
        return ScorerResult(sub_score, findings, metrics, notes)

    def _document_finding(
        self, doc: Document, rule: Rule, value: float, threshold: float, shortage: str
    ) -> Finding:
        # A document-level shortage has no single place; the opening sentence is where an
        # editor starts reading, so the finding points there. It is cut from the first line
        # by hand: full sentence splitting costs more than this whole scorer.
        lines = doc.nonblank_lines
        start, end = (lines[0].start, lines[0].end) if lines else (0, 0)
        stop = doc.text.find(". ", start, end)
        if stop != -1:
            end = stop + 1
        return self.finding(
            doc, rule, start, end, value=round(value, 2), threshold=threshold, detail=shortage
        )


def _shortage(count: int, words: int, value: float, check: _Check) -> str:
    """How much of a signal the article has, as a finding words it: "none in 312 words",
    or "4 in 430 words, 0.93 per 100 words (expected more than 1)"."""
    counted = _COUNTED.get(check.rule.name)
    length = plural(words, "word")
    expected = f"expected more than {value_beside_limit(check.threshold, None)}"
    if count == 0:
        # Any is more than a threshold of 0, so only a higher one is worth stating.
        return f"none in {length}" + (f" ({expected} per 100 words)" if check.threshold > 0 else "")
    found = plural(count, *counted) if counted else str(count)
    # Rounded only for the record: rounded to two decimals, a figure just under the
    # threshold could read as the threshold itself.
    per_100 = value_beside_limit(round(value, 4), check.threshold)
    return f"{found} in {length}, {per_100} per 100 words ({expected})"


def _capitalised_tokens(text: str, tokens: list[str]) -> int:
    """How many tokens begin with a capital, directly or after an opening mark."""
    # Mapped C functions, not a generator: this runs over every token of every article.
    count = sum(map(str.isupper, map(itemgetter(0), tokens)))
    # Tokens that open with a mark are few; find them in the text instead of testing every
    # token for one.
    for mark in _OPENING_MARKS:
        position = text.find(mark)
        while position != -1:
            if (position == 0 or text[position - 1].isspace()) and text[
                position + 1 : position + 2
            ].isupper():
                count += 1
            position = text.find(mark, position + 1)
    return count
