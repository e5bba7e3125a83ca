"""Where a string field of a JSON article file sits in the file, character by character.

A finding in a ``.json`` article is found in the decoded ``text`` (or ``html``) field; an
editor or a code-scanning dashboard opens the file itself, where that field is one quoted
string whose escapes (``\\n``, ``\\"``, ``\\u00e9``) take more characters than they stand for.
"""

from __future__ import annotations

import json
from bisect import bisect_right

_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def string_field(document: str, key: str) -> FieldPositions | None:
    """The positions of the top-level object's string field ``key`` in ``document`` (the
    last one, as JSON readers keep the last of a repeated key), or None when there is none
    or the document is not an object as expected."""
    try:
        raw = _field_span(document, key)
    except (ValueError, IndexError):  # not the object _json_article already read: give up
        return None
    return None if raw is None else FieldPositions(document, *raw)


def _field_span(document: str, key: str) -> tuple[int, int] | None:
    """(start, end) of the characters between the quotes of ``key``'s string value."""
    position = _skip(document, 0)
    if document[position] != "{":
        return None
    position = _skip(document, position + 1)
    found = None
    while document[position] != "}":
        if document[position] != '"':
            raise ValueError("expected a key")
        name, position = _DECODER.raw_decode(document, position)
        position = _skip(document, position)
        if document[position] != ":":
            raise ValueError("expected ':'")
        position = _skip(document, position + 1)
        value_start = position
        _, position = _DECODER.raw_decode(document, position)
        if name == key:
            is_string = document[value_start] == '"'
            found = (value_start + 1, position - 1) if is_string else None
        position = _skip(document, position)
        if document[position] == ",":
            position = _skip(document, position + 1)
    return found


def _skip(document: str, position: int) -> int:
    while document[position] in _WHITESPACE:
        position += 1
    return position


class FieldPositions:
    """Maps an offset in a decoded string field to the offset of that character in the file."""

    def __init__(self, document: str, start: int, end: int):
        self.start = start
        # Escapes are the only places where decoded and written text part ways: record, for
        # each escape, the decoded offset after it and how far the file is ahead from there.
        self._decoded_after: list[int] = []
        self._shift_after: list[int] = []
        decoded = 0
        position = start
        while True:
            backslash = document.find("\\", position, end)
            if backslash < 0:
                break
            decoded += backslash - position
            width = _escape_width(document, backslash)
            position = backslash + width
            decoded += 1
            self._decoded_after.append(decoded)
            self._shift_after.append(position - start - decoded)

    def file_offset(self, offset: int) -> int:
        """Where the decoded field's character ``offset`` (or its end) is in the file."""
        index = bisect_right(self._decoded_after, offset) - 1
        shift = self._shift_after[index] if index >= 0 else 0
        return self.start + offset + shift


def _escape_width(document: str, backslash: int) -> int:
    """How many characters of the file the escape at ``backslash`` takes: 2, 6, or 12 for a
    surrogate pair written as two ``\\u`` escapes (one character once decoded)."""
    if document[backslash + 1] != "u":
        return 2
    unit = int(document[backslash + 2 : backslash + 6], 16)
    if 0xD800 <= unit < 0xDC00 and document[backslash + 6 : backslash + 8] == "\\u":
        low = int(document[backslash + 8 : backslash + 12], 16)
        if 0xDC00 <= low < 0xE000:
            return 12
    return 6
