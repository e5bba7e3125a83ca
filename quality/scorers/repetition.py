"""Repetition: a narrow vocabulary, and phrases used again.

Copy that nobody has edited goes round in circles: the same few words, the same phrase a
paragraph later. Text generators that continue a story without a plan do this most, down to
looping on whole sentences. Two measures:

- **word variety**: how many different word forms each stretch of 50 words holds, averaged
  over the article. Quotations count here: they are part of what the reader gets through,
  and a quote chosen from a rambling speaker makes the piece ramble too.
- **repeated phrases**: runs of six or more words that come back, outside quotations and
  within a sentence, with at least two content words in them, so "one of the most" alone
  is not a phrase. Speakers repeat themselves; the reporter quoting them is not to blame
  (the answers of an interview printed as questions and answers are quotations too).
  The search runs in text that shows a sign of going round in circles (two sentences that
  begin alike, or a narrow vocabulary): it costs more than the rest of the scorer, and what
  it gives up is a single phrase used twice in otherwise varied prose.

The sub-score loses each measure's weight in proportion to how far it is past its
allowance, so one repeated phrase in a long piece costs nothing and a loop costs a lot.
The common path works on the shared whitespace tokens with set operations only; offsets
and normalised words are worked out when there is something to report.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from quality.analysis import Document
from quality.findings import Finding, in_text_order
from quality.ruleset import LanguageRules, Rule
from quality.scorers._wording import (
    count_forms,
    loss,
    loss_note,
    normalise,
    option,
    overlaps,
    token_forms,
    token_span,
    transcript_answers,
    word_list,
)
from quality.scorers.base import Scorer, ScorerResult

VARIETY_RULE = "low-word-variety"
PHRASE_RULE = "repeated-phrase"
DENSITY_RULE = "repetition-density"

# A token that ends a sentence: a full stop, question or exclamation mark, perhaps followed
# by closing quotation marks or brackets, before the space that follows the token.
_CLOSES_SENTENCE = re.compile("[.!?][\"')\\]\u201d\u2019]* ")


@dataclass(frozen=True)
class _Settings:
    """The rule options of one language, read once."""

    variety: Rule | None
    window: int
    min_words: int
    target: float
    floor: float
    variety_threshold: float
    variety_weight: float
    phrase: Rule | None
    phrase_words: int
    min_content: int
    reach_chars: int
    search_below_variety: float
    opening_chars: int
    function_forms: frozenset[str]
    density: Rule | None
    report_density: bool
    density_threshold: float
    allowance: float
    full: float
    density_weight: float

    @classmethod
    def read(cls, rules: LanguageRules) -> _Settings:
        variety = rules.get(VARIETY_RULE)
        phrase = rules.get(PHRASE_RULE)
        # The density is what repeated phrases cost, so its options count even when its
        # own finding is switched off.
        density = rules.settings(DENSITY_RULE)
        return cls(
            variety=variety,
            window=max(2, int(option(variety, "window", 50))),
            min_words=int(option(variety, "min_words", 80)),
            target=option(variety, "target", 42.0),
            floor=option(variety, "floor", 32.5),
            variety_threshold=option(variety, "threshold", 38.0),
            variety_weight=option(variety, "weight", 1.0),
            phrase=phrase,
            phrase_words=max(2, int(option(phrase, "phrase_words", 6))),
            min_content=int(option(phrase, "min_content_words", 2)),
            reach_chars=int(option(phrase, "reach_chars", 1500)),
            search_below_variety=option(phrase, "search_below_variety", 40.0),
            opening_chars=int(option(phrase, "opening_chars", 24)),
            function_forms=token_forms(
                word_list(phrase.option("function_words", [])) if phrase else ()
            ),
            density=density,
            report_density=rules.get(DENSITY_RULE) is not None,
            density_threshold=option(density, "threshold", 15.0),
            allowance=option(density, "allowance", 5.0),
            full=option(density, "full", 30.0),
            density_weight=option(density, "weight", 0.5),
        )


class RepetitionScorer(Scorer):
    id = "repetition"
    version = "1.0"
    description = "Narrow vocabulary and phrases used again."

    def score(self, doc: Document) -> ScorerResult:
        settings = self.language_rules(doc).derived(_Settings.read)
        result = ScorerResult(1.0)
        variety = self._variety(doc, settings, result)
        lost = 0.0
        if variety is not None:
            # Variety is worse the lower it is, hence the signs.
            variety_lost = loss(
                -variety, -settings.target, -settings.floor, settings.variety_weight
            )
            if variety_lost and variety >= settings.variety_threshold and settings.variety:
                result.notes.append(
                    loss_note(
                        settings.variety,
                        "different word forms in every 50 words",
                        variety,
                        settings.target,
                        settings.floor,
                    )
                )
            lost += variety_lost
        lost += self._phrases(doc, settings, variety, result)
        if len(result.findings) > 1:
            result.findings.sort(key=in_text_order)
        result.score = max(0.0, 1.0 - lost)
        return result

    # Word variety.

    def _variety(self, doc: Document, settings: _Settings, result: ScorerResult) -> float | None:
        """Different tokens per 50, averaged over the article; None if it is too short."""
        rule = settings.variety
        tokens = doc.tokens
        window = settings.window
        if rule is None or len(tokens) < max(settings.min_words, window):
            return None
        # Stretches side by side rather than sliding: half the work for the same average.
        counts = [
            len(set(tokens[i : i + window])) for i in range(0, len(tokens) - window + 1, window)
        ]
        variety = sum(counts) * 50.0 / (len(counts) * window)
        result.metrics["distinct_words_per_50"] = round(variety, 2)
        if variety < settings.variety_threshold:
            result.findings.append(self._variety_finding(doc, settings, rule, counts, variety))
        return variety

    def _variety_finding(
        self, doc: Document, settings: _Settings, rule: Rule, counts: list[int], variety: float
    ) -> Finding:
        # The least varied stretch is where the reader feels it, and its most repeated words
        # say what to change.
        window = settings.window
        first = counts.index(min(counts)) * window
        stretch = [normalise(t) for t in doc.tokens[first : first + window]]
        repeated = Counter(w for w in stretch if w).most_common(3)
        detail = ", ".join(f"{word} ({count}x)" for word, count in repeated if count > 1)
        start, end = token_span(doc.text, doc.tokens, first, first + window - 1)
        return self.finding(
            doc,
            rule,
            start,
            end,
            value=round(variety, 2),
            threshold=settings.variety_threshold,
            detail=detail or "none",
        )

    # Repeated phrases.

    def _phrases(
        self, doc: Document, settings: _Settings, variety: float | None, result: ScorerResult
    ) -> float:
        """Repeated phrases in text that may loop: a finding each, their share of the text as
        the metric and, past the threshold, a density finding; the loss."""
        rule = settings.phrase
        if rule is None or not _may_loop(doc, settings, variety):
            return 0.0
        tokens = doc.tokens
        size = settings.phrase_words
        if len(tokens) < 2 * size:
            return 0.0
        # Most of the rest repeat no run of `size` tokens at all: one set of the runs tells,
        # and the word by word work below is only done for the others.
        grams = list(zip(*(tokens[i:] for i in range(size)), strict=False))
        if len(set(grams)) == len(grams):
            return 0.0
        runs = _repeated_runs(doc, settings, grams)
        if not runs:
            return 0.0
        text = doc.text
        share = sum(len(text[run.start : run.end].split()) for run in runs) / len(tokens)
        result.metrics["repeated_phrase_share"] = round(share, 4)
        for run in runs:
            result.findings.append(
                self.finding(doc, rule, run.start, run.end, detail=_first_use(doc, run.earlier))
            )
        if settings.density is None:
            return 0.0
        percent = 100.0 * share
        reported = settings.report_density and percent >= settings.density_threshold
        if reported:
            result.findings.append(
                self.finding(
                    doc,
                    settings.density,
                    runs[0].start,
                    runs[0].end,
                    value=round(percent, 1),
                    threshold=settings.density_threshold,
                )
            )
        lost = loss(percent, settings.allowance, settings.full, settings.density_weight)
        if lost and not reported:
            result.notes.append(
                loss_note(
                    settings.density,
                    "words in phrases used earlier, share of all words",
                    percent,
                    settings.allowance,
                    settings.full,
                    "%",
                )
            )
        return lost


def _may_loop(doc: Document, settings: _Settings, variety: float | None) -> bool:
    """Whether the text shows a sign of going round in circles: two sentences that begin
    alike, or a narrow vocabulary. Only then is it searched for repeated phrases, which costs
    several times more than these two checks together; a single phrase used twice in
    otherwise varied prose is what is given up."""
    if variety is not None and variety < settings.search_below_variety:
        return True
    lower = doc.lower
    width = settings.opening_chars
    openings = [lower[start : start + width] for start in doc.sentence_starts]
    return len(set(openings)) < len(openings)


@dataclass
class _Run:
    """Repeated words in a row (a character span) and where the earlier copy of its first
    phrase starts."""

    start: int
    end: int
    earlier: int


def _repeated_runs(doc: Document, settings: _Settings, grams: list[tuple[str, ...]]) -> list[_Run]:
    """Passages that repeat an earlier phrase of at least ``phrase_words`` tokens, outside
    quotations and within one sentence, merged where they touch."""
    phrases = [
        gram
        for gram, count in Counter(grams).items()
        if count > 1 and _is_phrase(gram, settings.function_forms, settings.min_content)
    ]
    text = doc.text
    quotes = doc.quotes
    answers = transcript_answers(text)
    breaks = [m.start() for m in _UPDATE_BREAK.finditer(text)] if "\n" in text else []
    repeats: list[tuple[int, int, int]] = []  # start, end, start of the first copy
    for gram in phrases:
        joined = " ".join(gram)
        copies = [
            (start, start + len(joined))
            for start in _token_starts_of(text, joined)
            if not overlaps(quotes, start, start + len(joined))
            and not overlaps(answers, start, start + len(joined))
        ]
        # Fewer than two copies outside quotations, or spelt with other spacing: no repeat.
        if len(copies) < 2:
            continue
        first_start, last_end = copies[0]
        for start, end in copies[1:]:
            if start < last_end:
                continue  # overlaps the copy before ("ha ha ha ha ha ha ha")
            # A copy far from the last one, or in another update of a live blog, is the
            # phrase used afresh: the reader no longer has the first in mind, and each
            # update is written to be read alone.
            if start - last_end > settings.reach_chars or bisect_right(
                breaks, first_start
            ) != bisect_right(breaks, start):
                first_start, last_end = start, end
                continue
            repeats.append((start, end, first_start))
            last_end = end
    repeats.sort()
    runs: list[_Run] = []
    for start, end, earlier in repeats:
        if runs and start <= runs[-1].end + 1:  # overlapping or next to each other
            runs[-1].end = max(runs[-1].end, end)
        else:
            runs.append(_Run(start, end, earlier))
    return runs


#: A line that separates the updates of a live blog or the items of a round-up: a rule of
#: underscores, dashes, asterisks or equals signs, or a time of day alone ("7:30 p.m.").
_UPDATE_BREAK = re.compile(
    r"^[ \t]*(?:[_*=\u2014-][ \t]*){3,}\.?[ \t]*$"
    r"|^[ \t]*\d{1,2}(?::\d\d)?[ \t]*(?:a\.?m\.?|p\.?m\.?)[ \t]*(?:[A-Z]{2,4}T?)?[ \t]*$",
    re.M | re.I,
)


def _is_phrase(gram: tuple[str, ...], function_forms: frozenset[str], min_content: int) -> bool:
    # Inside a phrase no token closes a sentence (only the last may).
    if _CLOSES_SENTENCE.search(" ".join(gram[:-1]) + " "):
        return False
    return len(gram) - count_forms(gram, function_forms) >= min_content


def _token_starts_of(text: str, joined: str) -> list[int]:
    """Where ``joined`` (tokens and single spaces) occurs in ``text`` as whole tokens."""
    found = []
    size = len(text)
    start = text.find(joined)
    while start >= 0:
        end = start + len(joined)
        if (start == 0 or text[start - 1].isspace()) and (end == size or text[end].isspace()):
            found.append(start)
        start = text.find(joined, start + 1)
    return found


def _first_use(doc: Document, position: int) -> str:
    """Where a phrase was first used, as a reader of the input finds it: the line of a
    text, or the paragraph of a web page (whose lines are those of its markup, not of the
    text extracted from it)."""
    if doc.article.source_format == "html":
        # The extractor writes each paragraph of the page as one line.
        return f"first in paragraph {doc.line_of(position).from_top + 1}"
    return f"first at line {doc.line_col(position)[0]}"
