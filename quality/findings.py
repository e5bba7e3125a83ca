"""Findings: one problem, located in the text, with its rule, message and suggestion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import Enum
from operator import attrgetter
from typing import Any


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r}; expected one of {names}") from None

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# Not frozen: an article has several findings, and a frozen dataclass is built eight times
# slower (each field set through object.__setattr__). Treat a finding as read-only; it
# stays hashable, and dataclasses.replace makes a changed copy.
@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """A problem at ``text[start:end]``. Line and column are 1-based; ``end_column`` is
    exclusive. ``value`` and ``threshold`` are set by density and ratio rules."""

    rule: str
    scorer: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    suggestion: str | None = None
    value: float | None = None
    threshold: float | None = None

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        # Pickled as its fields in order, like ScorerSummary: cheaper for worker processes.
        return (Finding, _field_values(self))

    def to_dict(self) -> dict[str, Any]:
        # Field by field: dataclasses.asdict deep-copies recursively and costs more than
        # scoring the finding took.
        data = {name: getattr(self, name) for name in _FIELDS}
        data["severity"] = self.severity.value
        return data

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return in_text_order(self)


_FIELDS = tuple(f.name for f in fields(Finding))
_field_values = attrgetter(*_FIELDS)


#: Sort key for findings: by where they are in the text, then by rule.
in_text_order: Callable[[Finding], tuple[int, int, str]] = attrgetter("start", "end", "rule")


def one_line(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """``text`` with each run of whitespace (line breaks included) made one space, cut after
    a whole word to at most ``limit`` characters, ``ellipsis`` included, when longer."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - len(ellipsis)]
    space = cut.rfind(" ")
    # A single word longer than the limit (a URL) can only be cut inside itself.
    return (cut[:space] if space > 0 else cut).rstrip(" ,;:") + ellipsis
