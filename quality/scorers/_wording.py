"""Word-level helpers shared by the repetition and wordiness scorers.

Both read ``Document.tokens`` (whitespace tokens, case and punctuation kept), which the
pipeline has already built, so the common path adds no tokenising of its own. Offsets and
normalised words are only worked out when a finding has to be placed.
"""

from __future__ import annotations

from collections.abc import Iterable

from quality.ruleset import Rule

# Punctuation that clings to a word: quotation marks, brackets, sentence and clause marks.
# Apostrophes and hyphens inside a word ("don't", "well-known") stay.
PUNCTUATION = "\"'()[]{}.,;:!?*\u201c\u201d\u2018\u2019\u2026\u2013\u2014-"


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
