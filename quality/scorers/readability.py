"""Readability: sentences too long to take in at one reading.

News copy is written to be read once, quickly: most of an edited story's sentences carry
one fact in 15 to 25 words. When half of an article's sentences run past 28 words the
reader has to hold several clauses at once, and an editor would split them.

The measure is the median length, in words, of the article's complete sentences: those that
end with a full stop, question or exclamation mark. Headings, captions, list lines and a
sentence cut off at the end are left out, since they were never meant as sentences or were
not finished. The median rather than the mean, so that one long sentence (a list of names,
a quoted passage) does not decide it. Sentences wholly inside quotation marks are the
speaker's, not the writer's, and are left out too.

The sub-score loses the rule's weight in proportion to how far the median is past its
allowance, all of it at ``full``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from operator import itemgetter
from statistics import median_high

from quality.analysis import CLOSING_MARKS, TERMINATORS, Document, Span
from quality.ruleset import LanguageRules, Rule
from quality.scorers._wording import loss, option
from quality.scorers.base import Scorer, ScorerResult

LONG_SENTENCES_RULE = "long-sentences"

_FINAL_MARKS = tuple(TERMINATORS)


@dataclass(frozen=True)
class _Settings:
    """The rule and its options in one language, read once."""

    rule: Rule | None
    allowance: float
    full: float
    weight: float
    min_sentences: int

    @classmethod
    def read(cls, rules: LanguageRules) -> _Settings:
        rule = rules.get(LONG_SENTENCES_RULE)
        return cls(
            rule=rule,
            allowance=option(rule, "allowance", 28.0),
            full=option(rule, "full", 40.0),
            weight=option(rule, "weight", 1.0),
            min_sentences=int(option(rule, "min_sentences", 3)),
        )


class ReadabilityScorer(Scorer):
    id = "readability"
    version = "1.0"
    description = "Sentences too long to take in at one reading."

    def score(self, doc: Document) -> ScorerResult:
        settings = self.language_rules(doc).derived(_Settings.read)
        result = ScorerResult(1.0)
        if settings.rule is None:
            return result
        measured = complete_sentence_lengths(doc)
        if len(measured) < settings.min_sentences:
            return result
        median = float(median_high(words for words, _ in measured))
        result.metrics["median_sentence_words"] = median
        if median > settings.allowance:
            # Point at the writer's longest sentence: a quotation with its speaker tag ("...,"
            # the minister said.) counts towards the median, but the writer cannot split it.
            own = [m for m in measured if not _mostly_quoted(doc, m[1], m[0])]
            words, longest = max(own or measured, key=itemgetter(0))
            result.findings.append(
                self.finding(
                    doc,
                    settings.rule,
                    longest.start,
                    longest.end,
                    value=median,
                    threshold=settings.allowance,
                    detail=f"{words} words",
                )
            )
            result.score = 1.0 - loss(median, settings.allowance, settings.full, settings.weight)
        return result


def complete_sentence_lengths(doc: Document) -> list[tuple[int, Span]]:
    """Each complete sentence of at least three words outside quotation marks, with its
    length in words (as whitespace separates them)."""
    measured = []
    for sentence in doc.sentences:
        text = sentence.text.rstrip().rstrip(CLOSING_MARKS)
        if not text.endswith(_FINAL_MARKS) or doc.in_quote(
            sentence.start, sentence.start + len(text)
        ):
            continue
        # With one space between words, counting spaces is several times cheaper than split.
        spaced_once = "  " not in text and "\t" not in text
        words = text.count(" ") + 1 if spaced_once else len(text.split())
        if words >= 3:
            measured.append((words, sentence))
    return measured


def _mostly_quoted(doc: Document, sentence: Span, words: int) -> bool:
    """Whether more than half of the sentence's words are inside quotation marks."""
    quotes = doc.quotes
    if not quotes:
        return False
    quoted = 0
    for quote_start, quote_end in quotes[max(0, bisect_right(quotes, (sentence.start,)) - 1) :]:
        if quote_start >= sentence.end:
            break
        start, end = max(sentence.start, quote_start), min(sentence.end, quote_end)
        if start < end:
            quoted += len(doc.text[start:end].split())
    return 2 * quoted > words
