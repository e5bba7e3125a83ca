"""JSON Lines read robustly: one bad line (bad UTF-8, bad JSON, not an object, far too long)
becomes an error for that line alone and the stream goes on.

Lines are read as bytes and decoded one by one, so invalid UTF-8 on line 7 cannot stop line 8
from being read. Decoding and parsing happen in ``parse_line``, which a worker process can run,
so the reading process only splits bytes into lines.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from quality.errors import InputError

#: How many bytes of a line are read before it is judged too long. A line may hold JSON
#: escapes (``\\u00e9`` is six bytes for one character), so the limit on bytes is a multiple
#: of the limit on characters.
BYTES_PER_CHAR = 8

_READ_BLOCK = 1 << 20
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"


class LineError(InputError):
    """A JSON Lines record could not be read; ``kind`` says why (see ``docs/batch.md``)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class JSONProblem(ValueError):
    """Why a text is not valid JSON, said for a person: "Expecting ',' delimiter (line 3,
    column 12)", or only the column when the text's first line is at fault."""


def read_json(text: str) -> Any:
    """The JSON value in ``text``, or a ``JSONProblem`` saying what is wrong and where."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        # Some of the decoder's messages end in " at", meant to be followed by a position.
        reason = exc.msg.removesuffix(" at")
        where = (
            f"line {exc.lineno}, column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        )
        raise JSONProblem(f"{reason} ({where})") from None
    except RecursionError:
        raise JSONProblem("arrays or objects nested too deeply") from None
    except JSONProblem:
        raise
    except ValueError:
        # json.loads refuses an integer longer than sys.get_int_max_str_digits() digits (a
        # guard against quadratic conversion) with a plain ValueError.
        limit = sys.get_int_max_str_digits()
        raise JSONProblem(f"a number has more than {limit:,} digits") from None


def _refuse_constant(name: str) -> Any:
    # Python's decoder accepts NaN and Infinity, which JSON does not have: another reader
    # would refuse the line, and an id or date of NaN is no value.
    raise JSONProblem(f"{name} is not a JSON value (JSON has no NaN or Infinity)")


def json_type(value: Any) -> str:
    """The JSON name of a decoded value's type (``null``, ``array``...), for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


@dataclass(frozen=True, slots=True)
class JsonlRecord:
    """One line of a JSON Lines input, not yet decoded.

    ``data`` is None when the line was too long to keep; ``size`` is its length in bytes.
    """

    source: str
    line: int
    data: bytes | None
    size: int


def iter_records(stream: IO[bytes], source: str, *, max_line_bytes: int) -> Iterator[JsonlRecord]:
    """Every non-blank line of ``stream`` as a record, in order, 1-based line numbers, each
    without the UTF-8 byte order mark it may start with.

    A line longer than ``max_line_bytes`` is skipped to its end without being held in memory
    and reported with ``data=None``.
    """
    # readline takes no larger size, and no line can be longer anyway.
    max_line_bytes = min(max_line_bytes, sys.maxsize - 1)
    number = 0
    while True:
        chunk = stream.readline(max_line_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > max_line_bytes and not chunk.endswith(b"\n"):
            size = len(chunk) + _skip_to_line_end(stream)
            yield JsonlRecord(source, number, None, size)
            continue
        if chunk.startswith(_BYTE_ORDER_MARK):
            # Not only on the first line: files joined with `cat` each bring their own.
            chunk = chunk[len(_BYTE_ORDER_MARK) :]
        if chunk.strip():
            yield JsonlRecord(source, number, chunk, len(chunk))


def _skip_to_line_end(stream: IO[bytes]) -> int:
    skipped = 0
    while True:
        block = stream.readline(_READ_BLOCK)
        skipped += len(block)
        if not block or block.endswith(b"\n"):
            return skipped


def parse_line(record: JsonlRecord) -> dict[str, Any]:
    """The JSON object on ``record``'s line, or a ``LineError`` saying what is wrong with it."""
    if record.data is None:
        raise LineError(
            "ArticleTooLarge", f"line is {record.size:,} bytes, over the limit for one record"
        )
    try:
        # Without its line end, past which JSON's reader would place an error at the end of
        # a line cut short: "(line 2, column 1)" of a record that has one line.
        text = record.data.rstrip(b"\r\n").decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = record.data[exc.start : exc.start + 1]
        raise LineError(
            "InvalidUTF8", f"line is not valid UTF-8 (byte {exc.start}: {bad!r})"
        ) from None
    try:
        value = read_json(text)
    except JSONProblem as exc:
        raise LineError("InvalidJSON", f"line is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise LineError(
            "NotAnObject", f"line holds a JSON {json_type(value)}, expected an article object"
        )
    return value
