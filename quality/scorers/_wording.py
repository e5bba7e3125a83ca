"""Word-level helpers shared by the repetition and wordiness scorers.

Both read ``Document.tokens`` (whitespace tokens, case and punctuation kept), which the
pipeline has already built, so the common path adds no tokenising of its own. Offsets and
normalised words are only worked out when a finding has to be placed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from quality.ruleset import Rule
from quality.scorers.base import apart_from_limit

# Punctuation that clings to a word: quotation marks, brackets, sentence and clause marks.
# Apostrophes and hyphens inside a word ("don't", "well-known") stay.
PUNCTUATION = "\"'()[]{}.,;:!?*\u201c\u201d\u2018\u2019\u2026\u2013\u2014-"


# The turns of an interview printed as a transcript: "Q:" or "Q." (or a Q run into the
# question, where a page lost the bold that set it apart) and "A:" or "A." at a line start.
_QUESTION_TURN = re.compile(r"^[ \t]*(?:Q[:.][ \t]|Q(?=[A-Z][a-z]))", re.MULTILINE)
_ANSWER_TURN = re.compile(r"^[ \t]*A[:.][ \t]+\S[^\n]*", re.MULTILINE)


def normalise(token: str) -> str:
    """A token as a word: lower-cased, punctuation around it removed."""
    return token.strip(PUNCTUATION).lower()


def token_forms(words: tuple[str, ...]) -> frozenset[str]:
    """Every raw-token spelling of ``words``: as written, capitalised at a sentence start,
    and with a comma, full stop, colon or semicolon attached. Testing raw tokens against
    this set costs one lookup each, where normalising every token would cost a string
    operation each."""
    forms: set[str] = set()
    for word in words:
        for cased in (word, word.capitalize(), word.upper()):
            forms.add(cased)
            forms.update(cased + mark for mark in ",.;:")
    return frozenset(forms)


def word_list(value: object) -> tuple[str, ...]:
    """A rule option holding words, as lower-case words."""
    if not isinstance(value, Iterable) or isinstance(value, str):
        return ()
    return tuple(str(v).lower() for v in value)


def count_forms(tokens: Iterable[str], forms: frozenset[str]) -> int:
    """How many of ``tokens`` are in ``forms``: filtered in C, with no Python-level loop."""
    return len(list(filter(forms.__contains__, tokens)))


def option(rule: Rule | None, name: str, default: float) -> float:
    """A numeric option of ``rule``, or ``default`` where the language has no such rule."""
    return float(rule.option(name, default)) if rule is not None else default


def loss(value: float, allowance: float, full: float, weight: float = 1.0) -> float:
    """The share of ``weight`` a measure loses at ``value``: none up to ``allowance``, rising
    in proportion to all of it at ``full``. Higher values are worse; for a measure where lower
    is worse, pass all three negated."""
    if value <= allowance or full <= allowance:
        return 0.0
    return weight * min(1.0, (value - allowance) / (full - allowance))


def loss_note(
    rule: Rule, measure: str, value: float, allowance: float, full: float, unit: str = ""
) -> str:
    """Why ``measure`` costs points although ``rule`` reports no finding: its value, where
    the cost starts and where the rule's whole share is lost. A ``full`` below ``allowance``
    means that lower is worse."""
    head, tail = _note_frame(rule.code, measure, allowance, full, unit)
    return head + _shown_apart(value, allowance) + tail


@lru_cache(maxsize=256)
def _note_frame(
    code: str, measure: str, allowance: float, full: float, unit: str
) -> tuple[str, str]:
    # The same few frames serve every article; only the value changes, and a note is
    # written for most articles, so the rest is worded once.
    side = "above" if full > allowance else "below"
    return (
        f"{code} {measure}: ",
        f"{unit}; points are lost {side} {_shown(allowance)}{unit}, "
        f"all of the rule's share at {_shown(full)}{unit}",
    )


def _shown(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


def _shown_apart(value: float, allowance: float) -> str:
    """``value`` with as many decimals as it takes (up to three) not to round onto
    ``allowance``: a note only comes with a loss, and "0.5; points are lost below 0.5"
    would deny the loss it explains."""
    if value == allowance:
        return _shown(value)
    return apart_from_limit(value, _shown(value), _shown(allowance), most_decimals=3)


def token_start(text: str, index: int) -> int:
    """Offset of token ``index`` of ``text.split()``: what is left after splitting off that
    many tokens starts there. One C-level split, where locating every token would cost a
    match object each."""
    if index <= 0:
        return len(text) - len(text.lstrip())
    parts = text.split(None, index)
    return len(text) - len(parts[-1]) if len(parts) > index else len(text)


def token_span(text: str, tokens: list[str], first: int, last: int) -> tuple[int, int]:
    """Character span from the start of token ``first`` to the end of token ``last``."""
    if not tokens:
        return 0, 0
    first = max(0, min(first, len(tokens) - 1))
    last = max(first, min(last, len(tokens) - 1))
    return token_start(text, first), token_start(text, last) + len(tokens[last])


def transcript_answers(text: str) -> list[tuple[int, int]]:
    """Spans of the answers of an interview printed as questions and answers ("Q: ... A:
    ..."), in text order. Each is the interviewee's own words, as much as a quotation is.
    Empty unless the text holds at least two questions and two answers, so that a line
    opening with an initial ("A. J. Cole said") is not taken for one."""
    # Most texts hold no capital Q at all, and one substring search rules them out.
    if "Q" not in text or len(_QUESTION_TURN.findall(text)) < 2:
        return []
    answers = [m.span() for m in _ANSWER_TURN.finditer(text)]
    return answers if len(answers) >= 2 else []


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted, not overlapping)."""
    index = bisect_left(spans, (end,)) - 1
    return index >= 0 and spans[index][1] > start
