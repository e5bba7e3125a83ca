"""Finding every phrase and pattern of a rule set in an article, fast.

Phrases go into one Aho-Corasick automaton: one pass over the text whatever their number.

Patterns are regular expressions, and Python's engine tries every alternative of an
alternation at every position of the text. Most rule patterns begin at a word boundary
with a literal word ("experts", "it is", "according to"), so their possible literal
beginnings are worked out from their parsed form and found with a second automaton; a
pattern is only tried where one of its beginnings occurs. Patterns anchored at a line start
are tried only at line starts. The few others are scanned the ordinary way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

# The regex parser is private API: re._parser from Python 3.11, sre_parse before.
try:
    sre_parse: Any = import_module("re._parser")
    sre_constants: Any = import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    sre_parse = import_module("sre_parse")
    sre_constants = import_module("sre_constants")

if TYPE_CHECKING:
    from quality.ruleset import Rule

#: Characters folded to one ASCII form before matching. Every replacement is one character
#: for one, so offsets into the folded text are offsets into the original.
FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)

# Literal beginnings of word patterns: long enough to be selective, few enough to index.
_MIN_PREFIX_LENGTH = 2
_MAX_PREFIX_LENGTH = 8
_MAX_PREFIXES = 5000


def fold(text: str) -> str:
    """Lower-case and fold quotes and dashes, keeping the length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(FOLD)


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    start: int
    end: int


class Matcher:
    """All phrase and pattern matches of a set of rules in a text.

    ``find(text, lower)`` takes the text and its ``fold``-ed form; case-insensitive rules
    match the folded text, case-sensitive ones the original. Overlapping phrase matches
    keep the longest; allowed phrases (house style) are dropped.
    """

    def __init__(self, rules: Sequence[Rule], allow: Iterable[str] = ()):
        self.allow = frozenset(fold(a).strip() for a in allow)
        self._automaton = _build_automaton(rules)
        self._lower = _PatternSet([r for r in rules if r.patterns and not r.case_sensitive])
        self._cased = _PatternSet([r for r in rules if r.patterns and r.case_sensitive])

    def find(self, text: str, lower: str) -> list[Match]:
        found: list[Match] = []
        if self._automaton is not None:
            found = _phrase_matches(self._automaton, lower)
        if self._lower:
            found.extend(self._lower.find(lower))
        if self._cased:
            found.extend(self._cased.find(text))
        if self.allow:
            found = [m for m in found if lower[m.start : m.end].strip() not in self.allow]
        found.sort(key=lambda m: (m.start, m.end))
        return found


def _build_automaton(rules: Sequence[Rule]) -> Any:
    import ahocorasick

    entries = [(fold(phrase), rule) for rule in rules for phrase in rule.phrases]
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for key, rule in entries:
        if key not in automaton:
            automaton.add_word(key, (rule, len(key), _is_word_char(key[0]), _is_word_char(key[-1])))
    automaton.make_automaton()
    return automaton


def _phrase_matches(automaton: Any, lower: str) -> list[Match]:
    size = len(lower)
    found = []
    for end_index, (rule, length, word_start, word_end) in automaton.iter(lower):
        start = end_index - length + 1
        end = end_index + 1
        if word_start and start > 0 and _is_word_char(lower[start - 1]):
            continue
        if word_end and end < size and _is_word_char(lower[end]):
            continue
        found.append(Match(rule, start, end))
    # Longest first among matches starting at one place, then no overlaps.
    found.sort(key=lambda m: (m.start, m.start - m.end))
    kept: list[Match] = []
    last_end = -1
    for m in found:
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class _PatternSet:
    """The patterns of some rules, split by how their matches can be found quickly.

    * Word patterns (starting with ``\\b``) whose beginnings are literal strings: those
      strings go into an Aho-Corasick automaton, and a pattern is tried only where one of
      its beginnings occurs at a word start.
    * Line patterns (starting with ``^``): tried only at line starts, and only on lines no
      longer than the longest line the pattern can match.
    * Anything else: one compiled alternation scanned over the text.
    """

    def __init__(self, rules: Sequence[Rule]):
        self.size = sum(len(r.patterns) for r in rules)
        self._prefix_automaton: Any = None
        prefixed: dict[str, list[tuple[int, Rule, re.Pattern[str]]]] = {}
        lines: list[tuple[int, Rule, re.Pattern[str], int | None]] = []
        anywhere: list[tuple[Rule, re.Pattern[str]]] = []
        order = 0
        for rule in rules:
            for pattern in rule.patterns:
                order += 1
                compiled = re.compile(pattern, re.MULTILINE)
                shape = _shape(pattern)
                if shape.kind == "word" and shape.prefixes:
                    for prefix in shape.prefixes:
                        prefixed.setdefault(prefix, []).append((order, rule, compiled))
                elif shape.kind == "line":
                    lines.append((order, rule, compiled, shape.max_line))
                else:
                    anywhere.append((rule, compiled))
        if prefixed:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for prefix, entries in prefixed.items():
                automaton.add_word(prefix, (len(prefix), sorted(entries, key=lambda e: e[0])))
            automaton.make_automaton()
            self._prefix_automaton = automaton
        self._lines = sorted(lines, key=lambda e: e[0])
        self._longest_line = (
            max((e[3] for e in lines if e[3] is not None), default=0)
            if all(e[3] is not None for e in lines)
            else None
        )
        self._anywhere = _combined(anywhere)

    def __bool__(self) -> bool:
        return self.size > 0

    def find(self, subject: str) -> list[Match]:
        found: list[Match] = []
        if self._prefix_automaton is not None:
            found.extend(self._word_matches(subject))
        if self._lines:
            found.extend(self._line_matches(subject))
        if self._anywhere is not None:
            combined, singles = self._anywhere
            for m in combined.finditer(subject):
                hit = _first_hit(singles, subject, m.start())
                if hit is not None:
                    found.append(hit)
        return found

    def _word_matches(self, subject: str) -> list[Match]:
        candidates: dict[int, list[tuple[int, Rule, re.Pattern[str]]]] = {}
        for end_index, (length, entries) in self._prefix_automaton.iter(subject):
            start = end_index - length + 1
            if start > 0 and _is_word_char(subject[start - 1]):
                continue
            candidates.setdefault(start, []).extend(entries)
        found: list[Match] = []
        last_end = 0
        for start in sorted(candidates):
            if start < last_end:
                continue
            entries = sorted(candidates[start], key=lambda e: e[0])
            hit = _first_hit([(rule, compiled) for _, rule, compiled in entries], subject, start)
            if hit is not None:
                found.append(hit)
                last_end = hit.end
        return found

    def _line_matches(self, subject: str) -> list[Match]:
        found: list[Match] = []
        longest = self._longest_line
        position = 0
        size = len(subject)
        while position <= size:
            newline = subject.find("\n", position)
            end = size if newline == -1 else newline
            length = end - position
            if length and subject[position] in " \t":
                length = len(subject[position:end].lstrip(" \t"))
            if length and (longest is None or length <= longest):
                for _, rule, compiled, max_line in self._lines:
                    if max_line is not None and length > max_line:
                        continue
                    hit = compiled.match(subject, position)
                    if hit is not None and hit.end() > position:
                        found.append(Match(rule, position, hit.end()))
                        break
            if newline == -1:
                break
            position = newline + 1
        return found


def _first_hit(
    entries: Sequence[tuple[Rule, re.Pattern[str]]], subject: str, start: int
) -> Match | None:
    for rule, compiled in entries:
        hit = compiled.match(subject, start)
        if hit is not None and hit.end() > start:
            return Match(rule, start, hit.end())
    return None


def _combined(
    entries: list[tuple[Rule, re.Pattern[str]]],
) -> tuple[re.Pattern[str], list[tuple[Rule, re.Pattern[str]]]] | None:
    if not entries:
        return None
    return re.compile("|".join(f"(?:{c.pattern})" for _, c in entries), re.MULTILINE), entries


@dataclass(frozen=True)
class _Shape:
    kind: str  # "word", "line" or "any"
    prefixes: frozenset[str] = frozenset()
    max_line: int | None = None


def _shape(pattern: str) -> _Shape:
    """How a pattern's matches can be found: at word starts from literal beginnings, at line
    starts (with the longest line it can match, when it must match up to the line end), or
    anywhere."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return _Shape("any")
    ops = list(parsed)
    if not ops or ops[0][0] is not sre_constants.AT:
        return _Shape("any")
    anchor = ops[0][1]
    if anchor is sre_constants.AT_BEGINNING:
        body = ops[1:]
        if body and _is_blank_run(body[0]):
            body = body[1:]  # leading indentation: compared against the stripped line
        ends_at_line_end = bool(body) and body[-1] == (sre_constants.AT, sre_constants.AT_END)
        width = sre_parse.SubPattern(parsed.state, body).getwidth()[1]
        bounded = ends_at_line_end and width < sre_constants.MAXREPEAT
        return _Shape("line", max_line=int(width) if bounded else None)
    if anchor is sre_constants.AT_BOUNDARY:
        prefixes = _literal_prefixes(ops[1:], _MAX_PREFIX_LENGTH, [_MAX_PREFIXES])
        if prefixes and all(len(p) >= _MIN_PREFIX_LENGTH and _is_word_char(p[0]) for p in prefixes):
            return _Shape("word", frozenset(prefixes))
    return _Shape("any")


def _is_blank_run(op: tuple[Any, Any]) -> bool:
    """Whether the op is ``[ \\t]*`` (or ``\\s*`` and the like): indentation, not content."""
    kind, arg = op
    if kind is not sre_constants.MAX_REPEAT or arg[0] != 0:
        return False
    item = list(arg[2])
    if len(item) != 1 or item[0][0] is not sre_constants.IN:
        return False
    return all(
        (o is sre_constants.LITERAL and chr(a) in " \t")
        or (o is sre_constants.CATEGORY and a is sre_constants.CATEGORY_SPACE)
        for o, a in item[0][1]
    )


def _literal_prefixes(ops: list[Any], length: int, budget: list[int]) -> set[str] | None:
    """The literal strings (up to ``length`` characters) that every match of ``ops`` begins
    with one of; the string ends where the pattern stops being literal. None when there are
    too many to be useful."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if not ops or length == 0:
        return {""}
    op, arg = ops[0]
    rest = ops[1:]
    if op is sre_constants.LITERAL:
        tails = _literal_prefixes(rest, length - 1, budget)
        return None if tails is None else {chr(arg) + t for t in tails}
    if op is sre_constants.IN:
        chars = _class_chars(arg)
        if chars is None:
            return {""}
        tails = _literal_prefixes(rest, length - 1, budget)
        return None if tails is None else {c + t for c in chars for t in tails}
    if op is sre_constants.BRANCH:
        result: set[str] = set()
        for alternative in arg[1]:
            found = _literal_prefixes(list(alternative) + rest, length, budget)
            if found is None:
                return None
            result |= found
        return result
    if op is sre_constants.SUBPATTERN:
        return _literal_prefixes(list(arg[-1]) + rest, length, budget)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, high, item = arg
        if high == 0:
            return _literal_prefixes(rest, length, budget)
        remaining = high - 1 if high != sre_constants.MAXREPEAT else high
        again = [(op, (max(low - 1, 0), remaining, item))]
        with_item = _literal_prefixes(list(item) + again + rest, length, budget)
        if with_item is None or low > 0:
            return with_item
        without = _literal_prefixes(rest, length, budget)
        return None if without is None else with_item | without
    return {""}


def _class_chars(items: list[Any]) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(arg))
        elif op is sre_constants.RANGE and arg[1] - arg[0] < 16:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars
