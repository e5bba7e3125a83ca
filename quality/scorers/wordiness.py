"""Wordiness: how much of the text is grammar and how little is content, and loose
participle clauses hung on the ends of sentences.

Every sentence needs its "the", "of", "it" and "was", but prose in which they crowd out
the nouns, verbs, names and numbers says little per line: "it was one of the things that
they had to do" carries less than "the council had to cut". Linguists call the share of
content words lexical density; news copy runs at about 60% content words, padded or
rambling text well below. The measure is the share of function words (articles, pronouns,
prepositions, auxiliaries, conjunctions: a fixed list per language in the rule file) among
all words, quotations included, since the reader reads them too. The sub-score falls
linearly from the `target` share to the `full` share; the finding points at the wordiest of
the reporter's own sentences (outside quotations).

The second measure counts clauses tacked on with a comma and an -ing verb (", leaving
thousands without power", ", highlighting the need for ..."). They join two facts without
saying how they are linked, or slip the writer's comment in; a reporter uses one now and
then, padded copy one a sentence. Above an allowance per 100 words each costs a share of
the sub-score, up to the rule's weight. The rule's pattern leaves out prepositions and
attribution ("including", "according", "saying", "adding") and common -ing nouns;
quotations are left out too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quality.analysis import Document, Span
from quality.matching import Automaton
from quality.ruleset import LanguageRules, Rule
from quality.scorers._wording import (
    count_forms,
    loss,
    loss_note,
    option,
    overlaps,
    token_forms,
    transcript_answers,
    word_list,
)
from quality.scorers.base import Scorer, ScorerResult

DENSITY_RULE = "low-lexical-density"
TACK_ON_RULE = "participle-tack-on"
# A clause runs to the next comma, semicolon, colon, dash, sentence end or line break; the
# comma and point inside a number ("9,000", "4.2") do not end it.
_CLAUSE = re.compile(r"(?:[^,;:.!?\u2014\u2013\n]|[,.](?=\d))*")
_QUOTE_MARKS = frozenset("\"'\u201c\u2018")


@dataclass(frozen=True)
class _Settings:
    """The rule options of one language, read once."""

    density: Rule | None
    forms: frozenset[str]
    min_words: int
    target: float
    full: float
    threshold: float
    tack_on: Rule | None
    pattern: re.Pattern[str] | None
    tack_min_words: int
    allowance: float
    tack_full: float
    tack_threshold: float
    tack_weight: float

    @classmethod
    def read(cls, rules: LanguageRules) -> _Settings:
        density = rules.get(DENSITY_RULE)
        tack_on = rules.get(TACK_ON_RULE)
        pattern = None
        if tack_on is not None and tack_on.patterns:
            # Searched directly rather than through the general matcher: one scan of the
            # folded (lower-case) text, several times cheaper for a pattern that starts
            # with a comma, and no IGNORECASE needed for case-insensitive rules.
            pattern = re.compile("|".join(f"(?:{p})" for p in tack_on.patterns))
        return cls(
            density=density,
            forms=token_forms(word_list(density.option("function_words", []) if density else [])),
            min_words=int(option(density, "min_words", 80)),
            target=option(density, "target", 41.0),
            full=option(density, "full", 60.0),
            threshold=option(density, "threshold", 47.0),
            tack_on=tack_on,
            pattern=pattern,
            tack_min_words=int(option(tack_on, "min_words", 80)),
            allowance=option(tack_on, "allowance", 0.5),
            tack_full=option(tack_on, "full", 3.0),
            tack_threshold=option(tack_on, "threshold", 1.5),
            tack_weight=option(tack_on, "weight", 0.5),
        )


class WordinessScorer(Scorer):
    id = "wordiness"
    version = "1.0"
    description = "Prose thick with grammar words and thin on content; tacked-on -ing clauses."

    def automata(self, language: str) -> list[Automaton | None]:
        # The tacked-on clauses are found by one direct scan (see _Settings.read), so the
        # matcher's automaton would only be walked for nothing in the pipeline's shared pass.
        return []

    def score(self, doc: Document) -> ScorerResult:
        settings = self.language_rules(doc).derived(_Settings.read)
        result = ScorerResult(1.0)
        lost = self._density(doc, settings, result) + self._tack_ons(doc, settings, result)
        result.score = max(0.0, 1.0 - lost)
        return result

    def _density(self, doc: Document, settings: _Settings, result: ScorerResult) -> float:
        """Function-word share: its metric, a finding past the threshold, and the loss."""
        rule = settings.density
        tokens = doc.tokens
        if rule is None or len(tokens) < settings.min_words:
            return 0.0
        percent = 100.0 * count_forms(tokens, settings.forms) / len(tokens)
        result.metrics["function_word_percent"] = round(percent, 2)
        if percent > settings.threshold:
            sentence = _wordiest_sentence(doc, settings.forms)
            start, end = (sentence.start, sentence.end) if sentence else (0, 0)
            result.findings.append(
                self.finding(
                    doc, rule, start, end, value=round(percent, 2), threshold=settings.threshold
                )
            )
        lost = loss(percent, settings.target, settings.full)
        if lost and percent <= settings.threshold:
            result.notes.append(
                loss_note(
                    rule,
                    "function words, share of all words",
                    percent,
                    settings.target,
                    settings.full,
                    "%",
                )
            )
        return lost

    def _tack_ons(self, doc: Document, settings: _Settings, result: ScorerResult) -> float:
        """Tacked-on clauses per 100 words: the metric, a finding for each past the threshold,
        and the loss."""
        rule, pattern = settings.tack_on, settings.pattern
        tokens = doc.tokens
        if rule is None or pattern is None or len(tokens) < settings.tack_min_words:
            return 0.0
        subject = doc.text if rule.case_sensitive else doc.lower
        matches = [m.span() for m in pattern.finditer(subject)]
        if matches and rule.exempt_quotes and doc.quotes:
            matches = [(a, b) for a, b in matches if not doc.in_quote(a, b)]
        density = 100.0 * len(matches) / len(tokens)
        result.metrics["tack_ons_per_100_words"] = round(density, 2)
        if density <= settings.allowance:
            return 0.0
        if density > settings.tack_threshold:
            # A habit, not a slip: every one is shown, from the participle to the end of its
            # clause.
            text = doc.text
            for match_start, match_end in matches:
                start = match_end - len(text[match_start:match_end].lstrip(", \t\n"))
                clause = _CLAUSE.match(text, start)
                end = clause.end() if clause else match_end
                result.findings.append(
                    self.finding(
                        doc,
                        rule,
                        start,
                        end,
                        value=round(density, 2),
                        threshold=settings.tack_threshold,
                    )
                )
        else:
            result.notes.append(
                loss_note(
                    rule,
                    "clauses tacked on with a comma and an -ing verb, per 100 words",
                    density,
                    settings.allowance,
                    settings.tack_full,
                )
            )
        return loss(density, settings.allowance, settings.tack_full, settings.tack_weight)


def _wordiest_sentence(doc: Document, forms: frozenset[str]) -> Span | None:
    """The sentence outside quotations (and outside the answers of an interview printed as
    questions and answers, which are the speaker's words too), of eight words or more, with
    the largest share of function words."""
    best: Span | None = None
    best_share = -1.0
    answers = transcript_answers(doc.text)
    for sentence in doc.sentences:
        if (
            sentence.text[0] in _QUOTE_MARKS
            or doc.in_quote(sentence.start, sentence.end)
            or overlaps(answers, sentence.start, sentence.end)
        ):
            continue
        tokens = sentence.text.split()
        if len(tokens) < 8:
            continue
        share = count_forms(tokens, forms) / len(tokens)
        if share > best_share:
            best, best_share = sentence, share
    return best
