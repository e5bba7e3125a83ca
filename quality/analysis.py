"""One shared, lazy analysis of an article that every scorer reads.

Each piece (lines, sentences, words, quoted spans, ...) is computed on first use and
cached, so an article is tokenised once however many scorers look at it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Generic, TypeVar, overload

from quality.article import Article
from quality.matching import Automaton, PhraseAutomaton, SharedScan, WrappedLines, fold, own_hits
from quality.positions import LineIndex

T = TypeVar("T")


class _computed_once(Generic[T]):
    """A property computed on first use and then kept in the instance.

    functools.cached_property does the same but, up to Python 3.11, takes a lock on every
    first use, which costs as much as some of the steps it guards; a document is analysed
    by one thread.
    """

    def __init__(self, compute: Callable[[Any], T]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, document: None, owner: type | None = None) -> _computed_once[T]: ...

    @overload
    def __get__(self, document: object, owner: type | None = None) -> T: ...

    def __get__(self, document: object | None, owner: type | None = None) -> T | _computed_once[T]:
        if document is None:
            return self
        value = document.__dict__[self.name] = self.compute(document)
        return value


_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")
#: The marks that end a sentence, and the closing quotation marks and brackets that may
#: follow them.
TERMINATORS = ".!?\u2026"
CLOSING_MARKS = "\"'\u201d\u2019)]"
# A sentence ends at ., ! or ? (plus closing quotes/brackets) followed by space and
# something that can start a sentence, or at a line break.
_SENTENCE_END = re.compile(
    f"[{re.escape(TERMINATORS)}]+[{re.escape(CLOSING_MARKS)}]*"
    r"(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])"
)
#: Abbreviations that never end a sentence: titles, and words that need what follows them.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "vs",
        "e.g",
        "i.e",
        "mt",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
    ]
)
#: Abbreviations that can also end a sentence ("Acme Inc.", "etc.", "Main St."), like
#: letters with dots ("the U.S.", "5 p.m.") and initials. One ends the sentence only when
#: the next word is one that usually opens a sentence (_SENTENCE_OPENERS).
_FINAL_ABBREVIATIONS = frozenset(
    [
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "etc",
        "no",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# Letters with dots between them: U.S, p.m, D.C, H.W (the final dot is the one tested).
_DOTTED_LETTERS = re.compile(r"(?:[a-z]\.)+[a-z]")
#: US states (and the capital) written with dotted letters. After a town and its comma
#: ("Bedminster, N.J.") one closes the place, and news style puts a comma after it when the
#: sentence goes on ("Bedminster, N.J., was ..."), so a capitalised word straight after it,
#: a name included, opens the next sentence.
_DOTTED_STATES = frozenset(
    ["d.c", "n.c", "n.d", "n.h", "n.j", "n.m", "n.y", "r.i", "s.c", "s.d", "w.va"]
)
# A capitalised town and its comma right before a state: "Bedminster, " in "Bedminster, N.J."
_TOWN_BEFORE_STATE = re.compile(r"[A-Z][\w.'\u2019-]*, $")
#: Small words that a headline in title case capitalises ("Americans To Enter U.S. As
#: Refugees."); one of them capitalised inside a line, not after a sentence's end, marks it.
_TITLE_CASE_SMALL_WORDS = frozenset(
    ["A", "An", "The", "To", "From", "Of", "In", "On", "At", "For", "By", "With", "As", "And"]
)
#: What comes after a word that opens a sentence in a title-case run: a capitalised word.
_CAPITALISED_NEXT = re.compile(r"\s+[\"'\u201c\u2018(\[]?[A-Z]")
# Words that usually open a sentence and seldom follow an abbreviation inside one:
# pronouns, determiners, conjunctions, sentence adverbs and prepositions. Names and other
# capitalised words ("U.S. Senate", "U.S. Under Secretary", "p.m. Monday", "J. Jones") are
# left out on purpose.
_SENTENCE_OPENERS = frozenset(
    [
        "I",
        "He",
        "She",
        "It",
        "We",
        "They",
        "You",
        "His",
        "Her",
        "Its",
        "Our",
        "Their",
        "My",
        "Your",
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "Some",
        "Many",
        "Most",
        "All",
        "Each",
        "Every",
        "Both",
        "Another",
        "Such",
        "Several",
        "Few",
        "Any",
        "Neither",
        "Either",
        "And",
        "But",
        "Or",
        "So",
        "Yet",
        "Nor",
        "Because",
        "Although",
        "Though",
        "While",
        "When",
        "Whenever",
        "Where",
        "If",
        "Unless",
        "Since",
        "As",
        "After",
        "Before",
        "Until",
        "Once",
        "Whether",
        "Then",
        "However",
        "Meanwhile",
        "Still",
        "Also",
        "Now",
        "Instead",
        "Indeed",
        "Moreover",
        "Furthermore",
        "Nevertheless",
        "Nonetheless",
        "Thus",
        "Therefore",
        "Yesterday",
        "Today",
        "Tomorrow",
        "Earlier",
        "Later",
        "Even",
        "Only",
        "Just",
        "Not",
        "Yes",
        "What",
        "Who",
        "Why",
        "How",
        "Which",
        "In",
        "On",
        "At",
        "For",
        "By",
        "With",
        "From",
        "To",
        "During",
        "Despite",
        "Among",
        "Against",
        "Without",
        "According",
        "About",
    ]
)
# The next word after an abbreviation's dot, past space and an opening quote or bracket;
# "It's" reads as "It", "A-10" and "A.I." as no word.
_NEXT_WORD = re.compile(r"\s+[\"'\u201c\u2018(\[]?([A-Z][a-z]*)(?![\w.\-])")
# Each quotation pattern with the mark it opens with (and the one it closes with, when that
# differs and is rare), so texts without them skip it.
_QUOTE_PATTERNS = (
    ("\u201c", None, re.compile(r"\u201c[^\u201c\u201d]{1,2000}?(?:\u201d|(?=\n\s*\n)|\Z)")),
    ('"', None, re.compile(r'"[^"\n]{1,2000}"')),
    # A straight opening mark closed by a curly one: text typed in one editor, finished in another.
    ('"', "\u201d", re.compile(r'"[^"\u201c\u201d\n]{1,2000}\u201d')),
    # Two apostrophes for a quotation mark (archives converted from typewriter conventions),
    # opened by two apostrophes or by two backticks; an apostrophe inside ("don't") is text.
    ("''", None, re.compile(r"(?<!['\w])(?:''|``)(?:[^'\n]|'(?!')){1,2000}?''")),
    ("\u2018", None, re.compile(r"(?<!\w)\u2018[^\u2018\u2019\n]{1,400}\u2019(?!\w)")),
    ("\u00ab", None, re.compile(r"\u00ab[^\u00ab\u00bb]{1,2000}\u00bb")),
)


# Lines and spans are not frozen: an article has dozens of them, and a frozen dataclass is
# built four times slower. Scorers read them and never change them.
@dataclass(slots=True)
class Line:
    index: int
    start: int
    end: int
    text: str
    #: position among non-blank lines from the top (0 = first) and from the bottom
    from_top: int
    from_bottom: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


class Document:
    """An article with its shared analysis. Scorers read it; they never change it."""

    def __init__(
        self, article: Article, language: str | None = None, scan: SharedScan | None = None
    ):
        self.article = article
        self.text = article.text
        self.language = language or article.language or "en"
        #: the automata of the scorers that will read this document, run in one pass
        self.scan = scan

    def hits(self, automaton: Automaton, subject: str) -> Iterable[tuple[int, Any]]:
        """The hits of ``automaton`` in ``subject``: from the shared scan when the subject
        is ``lower`` and the automaton is in the scan, else from its own pass."""
        if subject is not self.lower:
            return own_hits(automaton, subject)
        slot = None if self.scan is None else self.scan.slot(automaton)
        found = own_hits(automaton, subject) if slot is None else self._shared_hits[slot]
        wrapped = self._wrapped if isinstance(automaton, PhraseAutomaton) else None
        if wrapped is None:
            return found
        # Phrases across wrapped lines: the text around the gaps, scanned the same way.
        across = own_hits(automaton, wrapped.joined) if slot is None else self._wrapped_hits[slot]
        return [*found, *wrapped.place(across)]

    @_computed_once
    def _wrapped(self) -> WrappedLines | None:
        return WrappedLines.find(self.lower)

    @_computed_once
    def _wrapped_hits(self) -> list[list[tuple[int, Any]]]:
        assert self.scan is not None and self._wrapped is not None
        return self.scan.run(self._wrapped.joined)

    @_computed_once
    def _shared_hits(self) -> list[list[tuple[int, Any]]]:
        assert self.scan is not None
        return self.scan.run(self.lower)

    @_computed_once
    def lower(self) -> str:
        """Lower-cased text with curly quotes and dashes folded, same length as ``text``."""
        return fold(self.text)

    @_computed_once
    def line_index(self) -> LineIndex:
        return LineIndex(self.text)

    @property
    def line_starts(self) -> list[int]:
        return self.line_index.starts

    @_computed_once
    def lines(self) -> list[Line]:
        text = self.text
        starts = self.line_starts
        raw = text.split("\n")
        nonblank = [i for i, line in enumerate(raw) if line.strip()]
        rank = {line_index: n for n, line_index in enumerate(nonblank)}
        total = len(nonblank)
        result = []
        for i, line_text in enumerate(raw):
            start = starts[i]
            if line_text.endswith("\r"):
                line_text = line_text[:-1]
            top = rank.get(i, -1)
            result.append(
                Line(
                    i,
                    start,
                    start + len(line_text),
                    line_text,
                    top,
                    total - 1 - top if top >= 0 else -1,
                )
            )
        return result

    @_computed_once
    def nonblank_lines(self) -> list[Line]:
        return [line for line in self.lines if line.from_top >= 0]

    @_computed_once
    def paragraphs(self) -> list[Span]:
        """Blocks of text between blank lines (single lines in one-line-a-paragraph text)."""
        spans = []
        block_start = None
        block_end = 0
        for line in self.lines:
            if line.from_top < 0:
                if block_start is not None:
                    spans.append(Span(block_start, block_end, self.text[block_start:block_end]))
                    block_start = None
                continue
            if block_start is None:
                block_start = line.start
            block_end = line.end
        if block_start is not None:
            spans.append(Span(block_start, block_end, self.text[block_start:block_end]))
        return spans

    @_computed_once
    def sentences(self) -> list[Span]:
        text = self.text
        # What _SENTENCE_END.finditer would find in each line, but the pattern is tried only
        # where a terminator is: a regex scan for a class of characters steps through the
        # text in Python's regex engine, and str.find for each terminator, once over the
        # whole text, is many times faster.
        positions = []
        for terminator in TERMINATORS:
            position = text.find(terminator)
            while position != -1:
                positions.append(position)
                position = text.find(terminator, position + 1)
        positions.sort()
        count = len(positions)
        index = 0
        result: list[Span] = []
        for line in self.nonblank_lines:
            cursor = line.start
            end = line.end
            while index < count and positions[index] < cursor:
                index += 1
            reached = cursor
            while index < count and positions[index] < end:
                position = positions[index]
                index += 1
                if position < reached:
                    continue
                m = _SENTENCE_END.match(text, position, end)
                if m is None:
                    continue
                reached = m.end()
                if (
                    reached - position == 1
                    and text[position] == "."
                    and self._is_abbreviation(position)
                ):
                    continue
                _add_sentence(result, text, cursor, reached)
                cursor = reached
            _add_sentence(result, text, cursor, end)
        return result

    def _is_abbreviation(self, dot: int) -> bool:
        """Whether the dot at ``dot`` ends an abbreviation inside a sentence, not the
        sentence."""
        window = self.lower[max(0, dot - 12) : dot]
        if not window or window[-1].isspace():
            return False
        token = window.split()[-1].lstrip("(\"'[")
        if token in _ABBREVIATIONS:
            return True
        if not (
            token in _FINAL_ABBREVIATIONS
            or (len(token) == 1 and token.isalpha())
            or ("." in token and _DOTTED_LETTERS.fullmatch(token))
        ):
            return False
        following = _NEXT_WORD.match(self.text, dot + 1)
        if following is None:
            return True
        token_start = dot - len(token)
        if token in _DOTTED_STATES and _TOWN_BEFORE_STATE.search(
            self.text, max(0, token_start - 40), token_start
        ):
            return False
        if following[1] not in _SENTENCE_OPENERS:
            return True
        # "To Enter U.S. As Refugees": in a title-case headline the opener is one more word.
        return self._in_title_case(token_start, following.end())

    def _in_title_case(self, token_start: int, opener_end: int) -> bool:
        """Whether the abbreviation starting at ``token_start`` and the capitalised word
        after it (ending at ``opener_end``) are inside a headline written in title case: a
        capitalised word follows, and a small word before it on its line is capitalised
        where no sentence starts."""
        text = self.text
        if not _CAPITALISED_NEXT.match(text, opener_end):
            return False
        line_start = text.rfind("\n", 0, token_start) + 1
        words = text[max(line_start, token_start - 40) : token_start].split()
        return any(
            word in _TITLE_CASE_SMALL_WORDS and not before.endswith((".", "!", "?", ":"))
            for before, word in pairwise(words)
        )

    @_computed_once
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, position: int) -> Span | None:
        index = self.sentence_index(position)
        return None if index is None else self.sentences[index]

    def sentence_index(self, position: int) -> int | None:
        """The index in ``sentences`` of the sentence holding ``position``, if any."""
        index = bisect_right(self.sentence_starts, position) - 1
        if index < 0 or position >= self.sentences[index].end:
            return None
        return index

    @_computed_once
    def words(self) -> list[str]:
        """Words, with inner apostrophes and hyphens ("don't", "well-known") kept."""
        return _WORD.findall(self.text)

    @_computed_once
    def tokens(self) -> list[str]:
        """Whitespace-separated tokens, punctuation attached: several times cheaper than
        ``words``, and what counting needs."""
        return self.text.split()

    @_computed_once
    def word_count(self) -> int:
        """Tokens with a letter or digit in them (a stray dash is not a word)."""
        tokens = self.tokens
        return len(tokens) - sum(1 for t in tokens if len(t) == 1 and not t.isalnum())

    @_computed_once
    def quotes(self) -> list[tuple[int, int]]:
        """Spans of directly quoted speech, sorted and non-overlapping."""
        found: list[tuple[int, int]] = []
        text = self.text
        for opening, closing, pattern in _QUOTE_PATTERNS:
            if opening in text and (closing is None or closing in text):
                found.extend((m.start(), m.end()) for m in pattern.finditer(text))
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start < merged[-1][1]:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return merged

    @_computed_once
    def _quote_starts(self) -> list[int]:
        return [start for start, _ in self.quotes]

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """Whether the span lies inside directly quoted speech."""
        if not self.quotes:
            return False
        index = bisect_right(self._quote_starts, start) - 1
        if index < 0:
            return False
        quote_start, quote_end = self.quotes[index]
        return start >= quote_start and (end if end is not None else start) <= quote_end

    def line_of(self, position: int) -> Line:
        return self.lines[max(0, bisect_right(self.line_starts, position) - 1)]

    def line_col(self, position: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        return self.line_index.line_col(position)


def _add_sentence(result: list[Span], text: str, start: int, end: int) -> None:
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        # Only whitespace precedes the first character of the stripped text.
        offset = start + segment.find(stripped[0])
        result.append(Span(offset, offset + len(stripped), stripped))
