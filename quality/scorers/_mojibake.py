"""Mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 on its way to the page.

Every such sequence starts with a character for a UTF-8 lead byte (Â, Ã, â, Ð...) followed by
one for a continuation byte (€, ™, ©, ¿...), so one small character-class pattern finds the
few places worth a look. Whether a word there really is damaged, and what it should read, is
ftfy's call: it only repairs text when the repair is far more likely than the text as written,
so "café…" or "née”" stay as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Lead bytes 0xC2-0xF4 as Windows-1252/Latin-1 characters, then a continuation byte 0x80-0xBF
# as either (Windows-1252 maps part of 0x80-0x9F to punctuation and letters such as € ™ “ Š).
_SUSPECT = re.compile(
    "[\u00c2-\u00f4]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# A damaged word is cut at ASCII white space only: a no-break space can itself be the
# garbled second half of a character ("Ã\u00a0" is "à").
_WORD_BREAK = re.compile(r"[ \t\r\n\f\v]")
# How far a "word" reaches on either side of a suspect pair: text with no spaces (a URL, a
# run of garbage) is looked at in pieces, so each piece costs the same.
_REACH = 40


def find_mojibake(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, repaired)`` for every word of ``text`` that is garbled by a wrong
    decoding, in text order: ``text[start:end]`` should read ``repaired``."""
    found: list[tuple[int, int, str]] = []
    if text.isascii():  # most English copy: no character a wrong decoding could leave
        return found
    position = 0
    while True:
        suspect = _SUSPECT.search(text, position)
        if suspect is None:
            return found
        start = _word_start(text, suspect.start(), max(position, suspect.start() - _REACH))
        limit = min(len(text), suspect.end() + _REACH)
        next_break = _WORD_BREAK.search(text, suspect.end(), limit)
        end = limit if next_break is None else next_break.start()
        word = text[start:end]
        repaired = _repair(word)
        if repaired != word:
            found.append((start, end, repaired))
        position = end


def _word_start(text: str, position: int, floor: int) -> int:
    start = position
    while start > floor and not _WORD_BREAK.match(text, start - 1):
        start -= 1
    return start


@lru_cache(maxsize=1024)
def _repair(word: str) -> str:
    # Imported on first use: most articles never get here, and ftfy takes a while to load.
    from ftfy import fix_encoding

    return fix_encoding(word)
