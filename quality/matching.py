"""Finding every phrase and pattern of a rule set in an article, fast.

Phrases go into one Aho-Corasick automaton: one pass over the text whatever their number.

Patterns are regular expressions, and Python's engine tries every alternative of an
alternation at every position of the text. So each pattern's possible literal beginnings
("experts", "according to") are worked out from its parsed form and found with a second
automaton, and a pattern is only tried where one of them occurs; a pattern whose beginnings
are common words ("a ", "the ") is tried only when an anchor, a literal every match contains
further on, occurs too. Patterns anchored at a line start are joined into alternations tried
once per line. Anything else is scanned the ordinary way.

A pipeline runs several scorers over the same folded text, each with its own automata, so
``SharedScan`` merges them into one automaton and one pass per article, and hands each its
own hits: the matching code takes its hits from a ``HitSource`` instead of running its
automaton itself.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

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
# Beginnings shorter than this ("a ", "the ") occur every few words.
_SELECTIVE_LENGTH = 4
# Line lengths at which line patterns are regrouped (see _LineAlternation).
_LINE_TIERS = (24, 48, 80, 120, 160, 240, 320)
#: Every character ``\\s`` matches in a str pattern, and what stands for any of them in a
#: pattern's literal beginnings.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_ANY_SPACE = "\x00"
_FOLD_PAIRS = tuple((chr(code), str(folded)) for code, folded in FOLD.items())


@lru_cache(maxsize=4096)
def parse_pattern(pattern: str) -> Any:
    """A rule pattern parsed as the matcher compiles it, checked for what only compiling
    would otherwise reveal; parsed once however often it is validated or analysed."""
    parsed = sre_parse.parse(pattern, re.MULTILINE)
    _check_lookbehinds(parsed)
    return parsed


def _check_lookbehinds(parsed: Any) -> None:
    for op, arg in parsed:
        if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            direction, body = arg
            low, high = body.getwidth()
            if direction < 0 and low != high:
                raise re.error("look-behind requires fixed-width pattern")
            _check_lookbehinds(body)
        elif op is sre_constants.BRANCH:
            for alternative in arg[1]:
                _check_lookbehinds(alternative)
        elif op is sre_constants.SUBPATTERN:
            _check_lookbehinds(arg[-1])
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            _check_lookbehinds(arg[2])
        elif op is sre_constants.GROUPREF_EXISTS:
            _check_lookbehinds(arg[1])
            if arg[2] is not None:
                _check_lookbehinds(arg[2])


def fold(text: str) -> str:
    """Lower-case and fold quotes and dashes, keeping the length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if lowered.isascii():
        return lowered
    # A replace per folded character present is several times faster than str.translate
    # with a mapping, which works character by character in Python objects.
    for char, folded in _FOLD_PAIRS:
        if char in lowered:
            lowered = lowered.replace(char, folded)
    return lowered


# Not frozen: built for every hit, and a frozen dataclass is built four times slower.
@dataclass(slots=True)
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

    @property
    def automata(self) -> list[Automaton]:
        """The automata run over the folded text, for a ``SharedScan``."""
        return [a for a in (self._automaton, *self._lower.automata) if a is not None]

    def __init__(self, rules: Sequence[Rule], allow: Iterable[str] = ()):
        self.allow = frozenset(fold(a).strip() for a in allow)
        self._automaton = _build_automaton(rules)
        self._lower = _PatternSet([r for r in rules if r.patterns and not r.case_sensitive])
        self._cased = _PatternSet([r for r in rules if r.patterns and r.case_sensitive])

    def find(self, text: str, lower: str, hits: HitSource | None = None) -> list[Match]:
        hits = hits or own_hits
        found: list[Match] = []
        if self._automaton is not None:
            found = [Match(*hit) for hit in phrase_matches(self._automaton, lower, hits)]
        if self._lower:
            found.extend(self._lower.find(lower, hits))
        if self._cased:
            found.extend(self._cased.find(text, own_hits))
        if self.allow:
            found = [m for m in found if lower[m.start : m.end].strip() not in self.allow]
        found.sort(key=lambda m: (m.start, m.end))
        return found


def _build_automaton(rules: Sequence[Rule]) -> Automaton | None:
    return phrase_automaton((phrase, rule) for rule in rules for phrase in rule.phrases)


def phrase_automaton(entries: Iterable[tuple[str, Any]]) -> PhraseAutomaton | None:
    """An automaton of whole-word phrases, each with a value (the first given for a phrase
    wins), for ``phrase_matches``; None when there are no phrases."""
    words: dict[str, Any] = {}
    for phrase, value in entries:
        key = fold(phrase)
        if key and key not in words:
            # A phrase ending in an abbreviation's full stop ("u.s.") ends a word, so it is
            # not found inside a longer abbreviation ("u.s.a."); one ending in a hyphen
            # ("anti-") is a prefix and is found inside words.
            word_end = _joins_a_phrase(key[-1]) or key[-1] == "."
            words[key] = (value, len(key), _joins_a_phrase(key[0]), word_end)
    return PhraseAutomaton(words) if words else None


def substring_automaton(words: dict[str, Any]) -> Automaton | None:
    """An Aho-Corasick automaton of the strings, each with its value, found anywhere (inside
    words too, unlike ``phrase_automaton``); None when there are none."""
    return Automaton(words) if words else None


class Automaton:
    """Strings, each with a value, found all at once with an Aho-Corasick automaton.

    ahocorasick_rs walks the text in native code, about twice as fast as a trie walk on an
    automaton of a few thousand strings, and faster again on bytes; this keeps the shape of
    its hits to what the matching code reads. Its contiguous NFA, not its DFA: the DFA's
    tables for the few thousand strings of a shared scan are several times larger, and
    between scorers they fall out of the CPU's caches, so scoring as a whole ran about 4%
    slower with it although the walk alone is faster. Compared by identity, so a
    ``SharedScan`` can tell the automata of its scorers apart.
    """

    __slots__ = ("_for_ascii", "_for_text", "_values", "_words")

    def __init__(self, words: dict[str, Any]):
        self._words = dict(words)
        self._values = list(self._words.values())
        # Compiled on first use: compiling an automaton takes milliseconds, and a short lint run
        # may never meet non-ASCII text.
        self._for_text: Any = None
        self._for_ascii: Any = None

    def __reduce__(self) -> tuple[type[Automaton], tuple[dict[str, Any]]]:
        # A compiled automaton cannot be pickled; a worker process compiles its own.
        return (type(self), (self._words,))

    def items(self) -> Iterable[tuple[str, Any]]:
        return self._words.items()

    def iter(self, subject: str) -> list[tuple[int, Any]]:
        """``(end index, value)`` of every occurrence, overlapping ones too (the end index is
        that of the last character)."""
        values = self._values
        return [(end - 1, values[index]) for index, _, end in self.occurrences(subject)]

    def occurrences(self, subject: str) -> list[tuple[int, int, int]]:
        """``(string number, start, end)`` of every occurrence, overlapping ones too, by
        end and, at one end, longest first: the automaton reports each occurrence as it
        reaches its end, a state's own string before the shorter ones that end with it."""
        if subject.isascii():
            # In ASCII text a byte offset is a character offset, and the UTF-8 of a
            # non-ASCII string cannot occur.
            compiled = self._for_ascii or self._compile(ascii_only=True)
            return cast(
                list[tuple[int, int, int]],
                compiled.find_matches_as_indexes(subject.encode("ascii"), overlapping=True),
            )
        compiled = self._for_text or self._compile(ascii_only=False)
        return cast(
            list[tuple[int, int, int]],
            compiled.find_matches_as_indexes(subject, overlapping=True),
        )

    def _compile(self, ascii_only: bool) -> Any:
        import ahocorasick_rs

        nfa = ahocorasick_rs.Implementation.ContiguousNFA
        if ascii_only:
            encoded = [word.encode() for word in self._words]
            self._for_ascii = ahocorasick_rs.BytesAhoCorasick(encoded, implementation=nfa)
            return self._for_ascii
        self._for_text = ahocorasick_rs.AhoCorasick(list(self._words), implementation=nfa)
        return self._for_text


class PhraseAutomaton(Automaton):
    """The automaton of ``phrase_automaton``: each value is ``(value, length, word start,
    word end)``, so a hit found across wrapped lines (``WrappedLines``) can say how long a
    span of the text it covers."""

    __slots__ = ()


class WrappedLines:
    """Phrases that run across whitespace other than one space inside a paragraph: a
    hard-wrapped line end, a double space, a tab, or Markdown markup blanked out.

    Phrases are written with single spaces and the shared pass reads the text as it is, so
    "a glimmer\nof hope" would escape it. The text around each such gap, with its
    whitespace collapsed (``joined``), is scanned again, and what is found across a gap is
    handed back (``place``) as a hit on the text itself, covering the whole span.
    """

    #: characters of context kept on each side of a gap: longer than any phrase
    REACH = 80

    def __init__(self, lower: str, gaps: list[tuple[int, int]]):
        self._lower = lower
        pieces: list[str] = []
        #: where each character of ``joined`` is in ``lower``
        self._offsets: list[int] = []
        for start, end in _merged_windows(gaps, self.REACH, len(lower)):
            if pieces:
                pieces.append("\n")  # no phrase holds a line break: none spans two windows
                self._offsets.append(-1)
            cursor = start
            for space in _SPACE_RUN.finditer(lower, start, end):
                pieces.append(lower[cursor : space.start()])
                self._offsets.extend(range(cursor, space.start()))
                pieces.append(" ")
                self._offsets.append(space.start())
                cursor = space.end()
            pieces.append(lower[cursor:end])
            self._offsets.extend(range(cursor, end))
        self.joined = "".join(pieces)

    @classmethod
    def find(cls, lower: str) -> WrappedLines | None:
        """The gaps inside the paragraphs of ``lower``; None when it has none."""
        # Found with str.find, not a regex scan: nearly every text has line breaks, and
        # this runs on every article. Most line breaks end a sentence or a paragraph, so
        # they are passed over on sight.
        marks = []
        size = len(lower)
        for mark in ("\n", "  ", "\t"):
            position = lower.find(mark, 1)
            while position != -1:
                before = lower[position - 1]
                if before not in _CLOSES_A_PHRASE and not (
                    mark == "\n" and (before == "\n" or lower[position + 1 : position + 2] == "\n")
                ):
                    marks.append(position)
                position = lower.find(mark, position + len(mark))
        if not marks:
            return None
        gaps: list[tuple[int, int]] = []
        # Every mark inside a run of blanks leads to the same run: each run is walked once,
        # whether or not it is a gap. Walked again for each of its marks, a long run that is
        # no gap (a blanked code block, lines of spaces) took time in the square of its length.
        walked_to = -1
        for position in sorted(marks):
            if position < walked_to:
                continue
            start = position
            while start and lower[start - 1].isspace():
                start -= 1
            end = position + 1
            while end < size and lower[end].isspace():
                end += 1
            walked_to = end
            # A gap at either end of the text, a paragraph break, or one after the end of
            # a sentence or a clause, has no phrase running across it.
            if start == 0 or end == size or lower.count("\n", start, end) > 1:
                continue
            if lower[start - 1] in _CLOSES_A_PHRASE:
                continue
            gaps.append((start, end))
        return cls(lower, gaps) if gaps else None

    def place(self, found: Iterable[tuple[int, Any]]) -> list[tuple[int, Any]]:
        """The hits of a phrase automaton on ``joined`` that cross a gap, as ``(end index,
        value)`` on the text, each value's length the span it covers there."""
        placed = []
        offsets = self._offsets
        joined = self.joined
        for end, (value, length, word_start, word_end) in found:
            start = end - length + 1
            first, last = offsets[start], offsets[end]
            if self._lower[first : last + 1] != joined[start : end + 1]:
                placed.append((last, (value, last + 1 - first, word_start, word_end)))
        return placed


_SPACE_RUN = re.compile(r"\s+")
#: what a phrase cannot run past: the end of a sentence or clause
_CLOSES_A_PHRASE = frozenset(".!?:;")


def _merged_windows(gaps: list[tuple[int, int]], reach: int, size: int) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for start, end in gaps:
        start, end = max(0, start - reach), min(size, end + reach)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def phrase_matches(
    automaton: Automaton | None, lower: str, hits: HitSource | None = None
) -> list[tuple[Any, int, int]]:
    """The value, start and end of each phrase of ``automaton`` in the folded text, as whole
    words; the longest where several start at one place, and no overlaps."""
    if automaton is None:
        return []
    size = len(lower)
    found = []
    for end_index, (value, length, word_start, word_end) in (hits or own_hits)(automaton, lower):
        start = end_index - length + 1
        end = end_index + 1
        if word_start and start > 0 and _joins_a_phrase(lower[start - 1]):
            continue
        if word_end and end < size and _joins_a_phrase(lower[end]):
            continue
        found.append((value, start, end))
    found.sort(key=lambda m: (m[1], m[1] - m[2]))
    kept: list[tuple[Any, int, int]] = []
    last_end = -1
    for match in found:
        if match[1] >= last_end:
            kept.append(match)
            last_end = match[2]
    return kept


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


#: Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Chinese and
#: Japanese), as ranges of code points.
_UNSPACED_SCRIPTS = (
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x2E80, 0x2FDF),
    (0x3040, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x3FFFF),
)


def _joins_a_phrase(char: str) -> bool:
    """Whether a phrase cannot begin or end next to ``char``: a letter, digit or underscore
    of a script that separates its words with spaces. In Chinese, Japanese or Thai a word is
    written straight after the one before it, so a phrase there needs no boundary."""
    if not (char.isalnum() or char == "_"):
        # A combining accent belongs to the letter before it: "hope\u0301" is "hopé".
        return char >= "\u0300" and unicodedata.category(char).startswith("M")
    if char < "\u0e00":
        return True
    code = ord(char)
    return not any(low <= code <= high for low, high in _UNSPACED_SCRIPTS)


#: Where an automaton's hits over a subject come from, as ``(end index, value)`` pairs in
#: the order ``Automaton.iter`` gives them.
HitSource = Callable[["Automaton", str], Iterable[tuple[int, Any]]]


def own_hits(automaton: Automaton, subject: str) -> Iterable[tuple[int, Any]]:
    """The automaton's own pass over the subject."""
    return automaton.iter(subject)


class SharedScan:
    """One Aho-Corasick pass standing for the passes of several automata over one text.

    Walking the text costs about the same whatever the number of words in an automaton, so
    one pass with the words of all of them, handing each hit to the automata it belongs
    to, is several times cheaper than a pass each. ``run`` gives every automaton exactly
    the hits, in the order, that its own pass would.
    """

    def __init__(self, automata: Iterable[Automaton | None]):
        #: each automaton (compared by identity) and where ``run`` puts its hits
        self._slots: dict[Automaton, int] = {}
        merged: dict[str, list[tuple[int, Any]]] = {}
        for automaton in automata:
            if automaton is None or automaton in self._slots:
                continue
            slot = self._slots[automaton] = len(self._slots)
            for key, value in automaton.items():
                merged.setdefault(key, []).append((slot, value))
        self._automaton = substring_automaton(merged)
        #: by string number: each automaton (by slot) the string belongs to, and its value
        self._owners = list(merged.values())

    def slot(self, automaton: Automaton) -> int | None:
        """Where ``run`` puts the hits of ``automaton``; None if it is not in the scan."""
        return self._slots.get(automaton)

    def run(self, subject: str) -> list[list[tuple[int, Any]]]:
        """The hits of each automaton in ``subject``, by slot."""
        found: list[list[tuple[int, Any]]] = [[] for _ in self._slots]
        if self._automaton is not None:
            owners_of = self._owners
            for index, _, end in self._automaton.occurrences(subject):
                for slot, value in owners_of[index]:
                    found[slot].append((end - 1, value))
        return found


class _PatternSet:
    """The patterns of some rules, split by how their matches can be found quickly.

    * Patterns whose every match begins with one of a few literal strings: those strings go
      into an Aho-Corasick automaton, and a pattern is tried only where one of its
      beginnings occurs (at a word start, when the pattern starts with ``\\b``).
    * Line patterns (starting with ``^``): alternations tried once per line, leaving out the
      patterns that cannot match a line that long (see _LineAlternation).
    * Anything else: one compiled alternation scanned over the text.
    """

    def __init__(self, rules: Sequence[Rule]):
        self.size = sum(len(r.patterns) for r in rules)
        prefixed: dict[str, list[_Entry]] = {}
        anchored: dict[str, list[int]] = {}
        lines: list[tuple[Rule, str, int | None]] = []
        anywhere: list[tuple[Rule, re.Pattern[str]]] = []
        order = 0
        for rule in rules:
            for pattern in rule.patterns:
                order += 1
                shape = _shape(pattern)
                if shape.kind == "literal":
                    # Compiled when an article first needs it: a short lint run uses few.
                    entry = _Entry(order, rule, pattern, shape.word_start, bool(shape.anchors))
                    for prefix in _expand_spaces(shape.prefixes):
                        prefixed.setdefault(prefix, []).append(entry)
                    for anchor in _expand_spaces(shape.anchors):
                        anchored.setdefault(anchor, []).append(order)
                elif shape.kind == "line":
                    lines.append((rule, pattern, shape.max_line))
                else:
                    anywhere.append((rule, re.compile(pattern, re.MULTILINE)))
        words = {}
        for key in prefixed.keys() | anchored.keys():
            entries = sorted(prefixed.get(key, ()), key=_order)
            at_word_start = tuple(e for e in entries if e.word_start)
            elsewhere = tuple(e for e in entries if not e.word_start)
            anchor_of = tuple(anchored.get(key, ()))
            waits = bool(entries) and all(e.anchored for e in entries)
            words[key] = (len(key), at_word_start, elsewhere, anchor_of, waits)
        #: the automaton of the patterns' literal beginnings and anchors, if any
        self.prefix_automaton = substring_automaton(words)
        self._lines = _LineAlternation(lines) if lines else None
        self._anywhere = _combined(anywhere)

    def __bool__(self) -> bool:
        return self.size > 0

    @property
    def automata(self) -> list[Automaton]:
        """The automata ``find`` takes hits from."""
        gates = self._lines.gate_automaton if self._lines is not None else None
        return [a for a in (self.prefix_automaton, gates) if a is not None]

    def find(self, subject: str, hits: HitSource) -> list[Match]:
        found: list[Match] = []
        if self.prefix_automaton is not None:
            found.extend(self._literal_matches(self.prefix_automaton, subject, hits))
        if self._lines is not None:
            found.extend(self._lines.find(subject, hits))
        if self._anywhere is not None:
            combined, singles = self._anywhere
            for m in combined.finditer(subject):
                hit = _first_hit(singles, subject, m.start())
                if hit is not None:
                    found.append(hit)
        return found

    def _literal_matches(self, automaton: Automaton, subject: str, hits: HitSource) -> list[Match]:
        # The hot loop of matching: one step per occurrence of a beginning or an anchor, so
        # it is kept to plain tuple and dict operations.
        candidates: dict[int, list[_Entry]] = {}
        last_anchor: dict[int, int] = {}
        beginnings = list(hits(automaton, subject))
        for end_index, value in beginnings:
            for order in value[3]:
                last_anchor[order] = end_index  # ends come in ascending order
        # Beginnings like "the " whose patterns all wait for an anchor are common words; past
        # the last anchor of the text (in many texts there is none) they are dropped at once.
        last_of_all = max(last_anchor.values(), default=-1)
        for end_index, (length, at_word_start, elsewhere, _, waits) in beginnings:
            start = end_index - length + 1
            if waits and start > last_of_all:
                continue
            if at_word_start:
                before = subject[start - 1] if start else " "
                if not (before.isalnum() or before == "_"):
                    candidates.setdefault(start, []).extend(at_word_start)
            if elsewhere:
                candidates.setdefault(start, []).extend(elsewhere)
        found: list[Match] = []
        last_end = 0
        for start in sorted(candidates):
            if start < last_end:
                continue
            entries = candidates[start]
            if len(entries) > 1:
                entries.sort(key=_order)
            for entry in entries:
                # A pattern with an anchor cannot match unless its anchor ends later on.
                if entry.anchored and last_anchor.get(entry.order, -1) < start:
                    continue
                compiled = entry.compiled or entry.compile()
                hit = compiled.match(subject, start)
                if hit is not None and hit.end() > start:
                    found.append(Match(entry.rule, start, hit.end()))
                    last_end = hit.end()
                    break
        return found


class _Entry:
    """One pattern dispatched from its literal beginnings."""

    __slots__ = ("anchored", "compiled", "order", "pattern", "rule", "word_start")

    def __init__(self, order: int, rule: Rule, pattern: str, word_start: bool, anchored: bool):
        self.order = order
        self.rule = rule
        self.pattern = pattern
        self.word_start = word_start
        #: whether the pattern has anchors: literal strings one of which every match contains
        self.anchored = anchored
        self.compiled: re.Pattern[str] | None = None

    def compile(self) -> re.Pattern[str]:
        self.compiled = re.compile(self.pattern, re.MULTILINE)
        return self.compiled


def _order(entry: _Entry) -> int:
    return entry.order


def _expand_spaces(prefixes: Iterable[str]) -> Iterator[str]:
    for prefix in prefixes:
        if prefix.endswith(_ANY_SPACE):
            yield from (prefix[:-1] + space for space in WHITESPACE)
        else:
            yield prefix


#: Where a gate beginning starts in the subject, and the gated patterns it opens.
_Gate = tuple[int, tuple[int, ...]]


class _LineAlternation:
    """Line patterns joined into alternations, so each line start costs one regex call.

    A pattern that must match a whole line has a longest line it can match, and is left out
    of the alternations used for longer lines. Lines are grouped by length into a few tiers,
    each with the alternation of the patterns that can match some line in it, compiled when
    a line first needs it (compiling is slow, so the tiers are few). Each pattern is wrapped
    in a group of its own: the last group to close is the wrapper of the pattern that
    matched, which names it. Alternatives keep rule order, so the first pattern that matches
    wins, as when they are tried one by one.

    A pattern that looks for a phrase anywhere near the line start (``^[^\\n]{0,60}\\bwe
    use cookies``) makes the regex engine try the phrase at each of those positions, which
    costs more than all the other patterns together. Such a pattern is gated: the literal
    beginnings of its phrase go into an automaton (``gate_automaton``), it is left out of
    the alternations, and it is tried on its own only on lines where one of its beginnings
    occurs close enough to the line start.
    """

    def __init__(self, lines: list[tuple[Rule, str, int | None]]):
        self._lines = lines
        limits = [limit for _, _, limit in lines]
        #: lines with more characters than this match no pattern (None: any line may)
        self._longest = None if None in limits else max(cast(list[int], limits))
        #: per length tier: the alternation and the pattern (by index) each group stands for
        self._alternations: dict[int, tuple[re.Pattern[str], dict[int, int]] | None] = {}
        #: gated pattern (by index) -> how far from the line start its phrase may begin
        self._reach: dict[int, int] = {}
        self._gated: dict[int, re.Pattern[str]] = {}
        gates: dict[str, list[int]] = {}
        for index, (_, pattern, _) in enumerate(lines):
            gate = _line_gate(pattern)
            if gate is not None:
                self._reach[index], beginnings = gate
                for beginning in _expand_spaces(beginnings):
                    gates.setdefault(beginning, []).append(index)
        self.gate_automaton = substring_automaton(
            {key: (len(key), tuple(indices)) for key, indices in gates.items()}
        )

    def _alternation(self, tier: int) -> tuple[re.Pattern[str], dict[int, int]] | None:
        """The alternation of the ungated patterns that can match a line of the length
        ``tier``, and the pattern each of its wrapper groups stands for."""
        if tier not in self._alternations:
            patterns: dict[int, int] = {}
            parts = []
            group = 1
            for index, (_, pattern, limit) in enumerate(self._lines):
                if index in self._reach or not _fits(limit, tier):
                    continue
                patterns[group] = index
                parts.append(f"({pattern})")
                group += parse_pattern(pattern).state.groups  # its own groups and the wrapper
            joined = re.compile("|".join(parts), re.MULTILINE) if parts else None
            self._alternations[tier] = None if joined is None else (joined, patterns)
        return self._alternations[tier]

    def _gated_pattern(self, index: int) -> re.Pattern[str]:
        compiled = self._gated.get(index)
        if compiled is None:
            compiled = self._gated[index] = re.compile(self._lines[index][1], re.MULTILINE)
        return compiled

    def find(self, subject: str, hits: HitSource) -> list[Match]:
        found: list[Match] = []
        longest = self._longest
        gates = self._gate_hits(subject, hits)
        next_gate = 0
        tabs = "\t" in subject
        position = 0
        size = len(subject)
        while position <= size:
            newline = subject.find("\n", position)
            end = size if newline == -1 else newline
            opened: list[int] = []
            if next_gate < len(gates) and gates[next_gate][0] < end:
                opened, next_gate = self._opened(gates, next_gate, position, end)
            # What the limits bound: the line's characters other than spaces and tabs.
            blanks = subject.count(" ", position, end)
            if tabs:
                blanks += subject.count("\t", position, end)
            length = end - position - blanks
            if length and (longest is None or length <= longest):
                hit = self._match_line(subject, position, bisect_left(_LINE_TIERS, length), opened)
                if hit is not None:
                    found.append(hit)
            if newline == -1:
                break
            position = newline + 1
        return found

    def _match_line(
        self, subject: str, position: int, tier: int, opened: list[int]
    ) -> Match | None:
        """The first pattern in rule order that matches the line: the tier's alternation,
        or an opened gated pattern that comes before what it found."""
        first: int | None = None
        end = 0
        alternation = self._alternation(tier)
        if alternation is not None:
            pattern, patterns = alternation
            hit = pattern.match(subject, position)
            if hit is not None and hit.end() > position and hit.lastindex is not None:
                first, end = patterns[hit.lastindex], hit.end()
        for index in opened:
            if first is not None and index > first:
                break
            if not _fits(self._lines[index][2], tier):
                continue
            hit = self._gated_pattern(index).match(subject, position)
            if hit is not None and hit.end() > position:
                first, end = index, hit.end()
                break
        return None if first is None else Match(self._lines[first][0], position, end)

    def _gate_hits(self, subject: str, hits: HitSource) -> list[_Gate]:
        """Start and gated patterns of each gate beginning in the subject, by start."""
        if self.gate_automaton is None:
            return []
        found = [
            (end_index - length + 1, indices)
            for end_index, (length, indices) in hits(self.gate_automaton, subject)
        ]
        found.sort()
        return found

    def _opened(
        self, gates: list[_Gate], first: int, line_start: int, line_end: int
    ) -> tuple[list[int], int]:
        """The gated patterns that may match the line, in rule order, and the first gate
        past the line."""
        opened: set[int] = set()
        index = first
        while index < len(gates) and gates[index][0] < line_end:
            start, indices = gates[index]
            # A beginning may run past the line end (one that ends in a space stands for a
            # line break too), so only where it starts counts.
            if start >= line_start:
                opened.update(i for i in indices if start - line_start <= self._reach[i])
            index += 1
        return sorted(opened), index


def _fits(limit: int | None, tier: int) -> bool:
    """Whether a pattern limited to ``limit`` non-blank characters can match a line of the
    length ``tier``: every line of a tier is longer than the tier below."""
    return limit is None or limit > (_LINE_TIERS[tier - 1] if tier else 0)


def _line_gate(pattern: str) -> tuple[int, set[str]] | None:
    """For a line pattern that starts by skipping up to N characters of the line
    (``^[^\\n]{0,N}``): N and the literal beginnings of what follows. None for others."""
    ops = list(parse_pattern(pattern))[1:]
    if not ops or ops[0][0] not in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        return None
    _, high, item = ops[0][1]
    if high == sre_constants.MAXREPEAT or list(item) != [(sre_constants.NOT_LITERAL, 10)]:
        return None
    rest = ops[1:]
    while rest and rest[0][0] is sre_constants.AT:
        rest = rest[1:]
    beginnings = _selective_prefixes(rest)
    return None if beginnings is None else (int(high), beginnings)


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
    kind: str  # "literal", "line" or "any"
    prefixes: frozenset[str] = frozenset()
    #: a "literal" pattern that starts with \\b: its beginnings count only at word starts
    word_start: bool = False
    #: for a "literal" pattern with common beginnings ("a ", "the "), strings one of which
    #: every match contains further on ("official", "spokes"): without one, it is not tried
    anchors: frozenset[str] = frozenset()
    max_line: int | None = None


def _shape(pattern: str) -> _Shape:
    """How a pattern's matches can be found: from the literal strings every match begins
    with (after any lookbehind, which consumes nothing), at line starts (with the longest line
    it can match, when it must match up to the line end), or anywhere."""
    try:
        parsed = parse_pattern(pattern)
    except re.error:
        return _Shape("any")
    ops = list(parsed)
    while ops and ops[0][0] is not sre_constants.AT and _is_zero_width(ops[0]):
        ops = ops[1:]
    if not ops:
        return _Shape("any")
    if ops[0] == (sre_constants.AT, sre_constants.AT_BEGINNING):
        body = ops[1:]
        ends_at_line_end = bool(body) and body[-1] == (sre_constants.AT, sre_constants.AT_END)
        # The limit is on the characters other than spaces and tabs a matched line can have:
        # runs of blanks (indentation, gaps) take none of them, whatever their length.
        width = sre_parse.SubPattern(parsed.state, _without_space_runs(body)).getwidth()[1]
        bounded = ends_at_line_end and width < sre_constants.MAXREPEAT
        return _Shape("line", max_line=int(width) if bounded else None)
    word_start = ops[0] == (sre_constants.AT, sre_constants.AT_BOUNDARY)
    if word_start:
        ops = ops[1:]
    prefixes = _selective_prefixes(ops)
    if prefixes is None or (word_start and not all(_is_word_char(p[0]) for p in prefixes)):
        return _Shape("any")
    anchors: set[str] = set()
    if min(len(p.rstrip(_ANY_SPACE)) for p in prefixes) < _SELECTIVE_LENGTH:
        anchors = _required_literals(ops) or set()
    return _Shape("literal", frozenset(prefixes), word_start, frozenset(anchors))


def _required_literals(ops: list[Any]) -> set[str] | None:
    """The most selective set of literal strings, each at least _SELECTIVE_LENGTH long, one
    of which every match contains: the beginnings of some later step that every match
    takes (a literal, a group, or a repeat done at least once)."""
    best: set[str] | None = None
    for index in range(1, len(ops)):
        kind, arg = ops[index]
        if kind in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] == 0:
            continue
        if kind not in _MANDATORY_STEPS:
            continue
        found = _literal_prefixes(ops[index:], _MAX_PREFIX_LENGTH, [_MAX_PREFIXES], True)
        if not found or min(len(p.rstrip(_ANY_SPACE)) for p in found) < _SELECTIVE_LENGTH:
            continue
        if best is None or min(map(len, found)) > min(map(len, best)):
            best = found
    return best


def _selective_prefixes(ops: list[Any]) -> set[str] | None:
    """Literal beginnings long enough to be worth indexing, or None. A whitespace class in a
    beginning stands for each whitespace character, unless that makes too many of them."""
    for spaces in (True, False):
        prefixes = _literal_prefixes(ops, _MAX_PREFIX_LENGTH, [_MAX_PREFIXES], spaces)
        if prefixes and all(len(p) >= _MIN_PREFIX_LENGTH for p in prefixes):
            return prefixes
    return None


_MANDATORY_STEPS = (
    sre_constants.LITERAL,
    sre_constants.IN,
    sre_constants.SUBPATTERN,
    sre_constants.BRANCH,
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
)


def _is_zero_width(op: tuple[Any, Any]) -> bool:
    """Whether the op consumes nothing: a lookaround, an anchor, or a choice between such."""
    kind, arg = op
    if kind in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
        return True
    if kind is sre_constants.BRANCH:
        return all(
            len(alternative) > 0 and all(_is_zero_width(o) for o in alternative)
            for alternative in arg[1]
        )
    if kind is sre_constants.SUBPATTERN:
        items = list(arg[-1])
        return bool(items) and all(_is_zero_width(o) for o in items)
    return False


def _without_space_runs(ops: Iterable[Any]) -> list[Any]:
    """The ops with every run of spaces and tabs left out, inside groups, alternatives and
    repeats too."""
    kept = []
    for op in ops:
        if _is_space_run(op):
            continue
        kind, arg = op
        if kind is sre_constants.SUBPATTERN:
            *head, body = arg
            op = (kind, (*head, _subpattern_like(body, _without_space_runs(body))))
        elif kind is sre_constants.BRANCH:
            alternatives = [_subpattern_like(a, _without_space_runs(a)) for a in arg[1]]
            op = (kind, (arg[0], alternatives))
        elif kind in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, item = arg
            op = (kind, (low, high, _subpattern_like(item, _without_space_runs(item))))
        kept.append(op)
    return kept


def _subpattern_like(original: Any, ops: list[Any]) -> Any:
    return sre_parse.SubPattern(original.state, ops)


def _is_space_run(op: tuple[Any, Any]) -> bool:
    """Whether the op is a repeat of spaces and tabs only, like ``[ \\t]*`` or `` +``."""
    kind, arg = op
    if kind not in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        return False
    item = list(arg[2])
    if len(item) != 1:
        return False
    item_kind, item_arg = item[0]
    if item_kind is sre_constants.LITERAL:
        return chr(item_arg) in " \t"
    return item_kind is sre_constants.IN and all(
        o is sre_constants.LITERAL and chr(a) in " \t" for o, a in item_arg
    )


def _literal_prefixes(
    ops: list[Any], length: int, budget: list[int], spaces: bool
) -> set[str] | None:
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
        tails = _literal_prefixes(rest, length - 1, budget, spaces)
        return None if tails is None else {chr(arg) + t for t in tails}
    if op is sre_constants.IN:
        if spaces and arg == [(sre_constants.CATEGORY, sre_constants.CATEGORY_SPACE)]:
            # A beginning ends at its first whitespace, so runs of it do not multiply; the
            # placeholder becomes each whitespace character when the automaton is built.
            return {_ANY_SPACE}
        chars = _class_chars(arg)
        if chars is None:
            return {""}
        tails = _literal_prefixes(rest, length - 1, budget, spaces)
        if tails is None or len(chars) * len(tails) > _MAX_PREFIXES:
            return None
        return {c + t for c in chars for t in tails}
    if op is sre_constants.BRANCH:
        result: set[str] = set()
        for alternative in arg[1]:
            found = _literal_prefixes(list(alternative) + rest, length, budget, spaces)
            if found is None:
                return None
            result |= found
            if len(result) > _MAX_PREFIXES:
                return None
        return result
    if op is sre_constants.SUBPATTERN:
        return _literal_prefixes(list(arg[-1]) + rest, length, budget, spaces)
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
        # A lookaround or an anchor consumes nothing: the match goes on with what follows.
        return _literal_prefixes(rest, length, budget, spaces)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, high, item = arg
        if high == 0:
            return _literal_prefixes(rest, length, budget, spaces)
        remaining = high - 1 if high != sre_constants.MAXREPEAT else high
        again = [(op, (max(low - 1, 0), remaining, item))]
        with_item = _literal_prefixes(list(item) + again + rest, length, budget, spaces)
        if with_item is None or low > 0:
            return with_item
        without = _literal_prefixes(rest, length, budget, spaces)
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
