"""Metadata stated in the text itself: a dateline or a byline near the top."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

#: How many non-blank lines from the top may hold a dateline or byline.
HEAD_LINES = 4
_HEAD_CHARS = 600

#: An English month name or abbreviation, for date patterns compiled case-insensitively.
MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    re.compile(
        rf"\b(?P<mon>{MONTH_PATTERN})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b",
        re.I,
    ),
    re.compile(
        rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH_PATTERN})\s*,?\s+(?P<y>(?:19|20)\d{{2}})\b",
        re.I,
    ),
)
# How far a date can reach before its year ("September 30th, ") and after it ("-09-30").
_BEFORE_YEAR = 48
_AFTER_YEAR = 12
_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_BYLINE = re.compile(
    r"^[ \t]*(?i:by|written by|words by)[ \t]+(?P<name>[A-Z][^\n,|]{2,60}?)[ \t]*(?:[,|]|$)", re.M
)


@dataclass(frozen=True)
class TextDate:
    iso: str
    start: int
    end: int


def find_dateline(text: str) -> TextDate | None:
    """A full calendar date in the first few lines, where datelines and timestamps sit."""
    head = _head(text)
    best: TextDate | None = None
    # Every full date has a year, so the date patterns are only tried around the years
    # found, not at every position of the head.
    for year in _years(head):
        window_start = max(0, year - _BEFORE_YEAR)
        window_end = year + 4 + _AFTER_YEAR
        window = head[window_start:window_end]
        # Each pattern is tried at every position of the window, which is slow; one whose
        # fixed part (the dash of an ISO date, a month name) is not in the window cannot match.
        folded = window.casefold()
        has_month = any(month in folded for month in _MONTHS)
        for pattern, possible in zip(
            _DATE_PATTERNS, ("-" in window, has_month, has_month), strict=True
        ):
            if not possible:
                continue
            for m in pattern.finditer(head, window_start, window_end):
                iso = _to_iso(m) if m.end() < window_end else None
                if iso and not _on_a_date_line(head, m.start(), m.end(), iso):
                    continue
                if iso and (best is None or m.start() < best.start):
                    best = TextDate(iso, m.start(), m.end())
                    break
        if best is not None and best.start < year:
            break
    return best


#: How far into its line a dateline's date may start ("RIO DE JANEIRO, Brazil, March 5,
#: 2024 —"), and how long a line may be for its date to count wherever it stands.
_DATELINE_OFFSET = 40
#: Words in lower case that may stand before an article's date on its line.
_DATE_LABELS = frozenset({"date", "dated", "published", "posted", "updated", "on", "at", "by"})
#: A label or separator right before a date marks it as the page's, wherever it stands in
#: text run together from a page's head ("... By Lizzy Rosenberg Published on November 2").
_LABELLED_DATE = re.compile(
    r"(?:\b(?:published|posted|updated|dated|date)(?:\s+on)?\s*:?|[|\u2022\u00b7])\s*$", re.I
)
_DATE_LINE_LENGTH = 100


def _on_a_date_line(head: str, start: int, end: int, iso: str) -> bool:
    """Whether a date can be the article's own: on a short line, right after a label
    ("Published on") or a separator, or opening its line after at most a dateline's place or
    a byline; not inside a sentence ("The council, founded on March 5, 1990, voted ...");
    and not after tomorrow (a date can be a day ahead in another time zone)."""
    if iso > (_dt.date.today() + _dt.timedelta(days=1)).isoformat():
        return False
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    line_end = len(head) if line_end == -1 else line_end
    if line_end - line_start <= _DATE_LINE_LENGTH:
        return True
    before = head[line_start:start]
    if _LABELLED_DATE.search(before):
        return True
    if len(before) > _DATELINE_OFFSET:
        return False
    lowered = (word.strip(",:|-–—()").lower() for word in before.split() if word[:1].islower())
    return all(word in _DATE_LABELS for word in lowered)


def _years(text: str) -> list[int]:
    """Where a four-digit year from 1900 to 2099 starts, left to right, not overlapping:
    found with str.find, which is many times faster than a regex scan."""
    found = []
    for century in ("19", "20"):
        position = text.find(century)
        while position != -1:
            rest = text[position + 2 : position + 4]
            if len(rest) == 2 and rest.isdecimal():
                found.append(position)
            position = text.find(century, position + 1)
    found.sort()
    years: list[int] = []
    for position in found:
        if not years or position >= years[-1] + 4:
            years.append(position)
    return years


#: What follows "By" in a sentence that opens with a time ("By Monday, the council had
#: voted", "By March, prices rose", "By Sept. 5 the works end"): a weekday and what follows
#: it, a month name alone, or anything with a digit. A month that starts a longer name is a
#: person's ("By May Chen").
_TIME_NOT_NAME = re.compile(
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*|{MONTH_PATTERN}|.*\d.*)", re.I | re.S
)


def find_byline(text: str) -> str | None:
    for m in _BYLINE.finditer(_head(text)):
        name = m.group("name").strip()
        if not _TIME_NOT_NAME.fullmatch(name):
            return name
    return None


@lru_cache(maxsize=4)  # the dateline and byline searches read the same head
def _head(text: str) -> str:
    """The text up to the end of its HEAD_LINES-th non-blank line (at most _HEAD_CHARS)."""
    seen = 0
    position = 0
    while position < len(text) and position < _HEAD_CHARS:
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        if text[position:end].strip():
            seen += 1
            if seen >= HEAD_LINES:
                return text[: min(end, _HEAD_CHARS)]
        position = end + 1
    return text[:_HEAD_CHARS]


def _to_iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else _MONTHS.get(groups["mon"][:3].lower())
    try:
        return _dt.date(int(groups["y"]), month or 0, int(groups["d"])).isoformat()
    except ValueError:
        return None
