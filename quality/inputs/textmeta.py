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
# The name begins with a letter, which find_byline checks is a capital in any script
# ("By Émile Zola", "By Łukasz Nowak"), not only A to Z.
_BYLINE = re.compile(
    r"^[ \t]*(?i:by|written by|words by)[ \t]+(?P<name>[^\W\d_][^\n,|]{2,60}?)[ \t]*(?:[,|]|$)",
    re.M,
)


@dataclass(frozen=True)
class TextDate:
    iso: str
    start: int
    end: int


def find_dateline(text: str) -> TextDate | None:
    """A full calendar date on a date line in the first few lines, where datelines and
    timestamps sit: the first, unless it is labelled as an update ("Updated March 6, 2024 |
    Published March 5, 2024") and a date after it is not."""
    head = _head(text)
    first = _first_date_line(head, 0)
    found = first
    while found is not None and _UPDATE_LABEL.search(_before_on_line(head, found.start)):
        found = _first_date_line(head, found.end)
    return found or first


def _first_date_line(head: str, after: int) -> TextDate | None:
    """The first full date on a date line that starts at or after ``after``."""
    best: TextDate | None = None
    # Every full date has a year, so the date patterns are only tried around the years
    # found, not at every position of the head.
    for year in _years(head):
        if year < after:
            continue
        window_start = max(after, year - _BEFORE_YEAR)
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


#: How far into a long line a dateline's date may start ("RIO DE JANEIRO, Brazil, March 5,
#: 2024 —"); on a line of at most _DATE_LINE_LENGTH characters it may stand further in
#: ("By Ana Ruiz, Health Correspondent, March 5, 2024").
_DATELINE_OFFSET = 40
_DATE_LINE_LENGTH = 100
#: Words in lower case that may stand next to an article's date on its date line: labels,
#: joins of a byline or of two dates ("Published ... and updated ..."), and "at" a time.
_DATE_LABELS = frozenset(
    {
        "date", "dated", "published", "posted", "updated", "modified", "revised", "first",
        "last", "originally", "on", "at", "by", "and",
    }
)  # fmt: skip
#: A label or separator right before a date marks it as the page's, wherever it stands in
#: text run together from a page's head ("... By Lizzy Rosenberg Published on November 2"),
#: if the label is capitalised: in lower case it is a verb of the story's sentence ("The
#: plan, dated March 5, 2024, ...").
_LABELLED_DATE = re.compile(
    r"(?:\b(?P<label>published|posted|updated|dated|date)(?:\s+on)?\s*:?|[|\u2022\u00b7])\s*$",
    re.I,
)
#: A label right before a date that says the article changed then, not that it came out.
_UPDATE_LABEL = re.compile(r"\b(?:updated|modified|revised|edited)(?:\s+on)?\s*:?\s*$", re.I)
#: The first word after a date, past blanks and a comma: a word in lower case there goes on
#: the sentence the date is part of ("On March 5, 2024, the council voted").
_WORD_AFTER = re.compile(r"\s*(?P<comma>,)?\s*(?P<word>[^\W\d_][\w'’.-]*)")


def _on_a_date_line(head: str, start: int, end: int, iso: str) -> bool:
    """Whether a date can be the article's own, on a date line rather than in a sentence of
    the story: right after a label ("Published on") or a separator; or with nothing before
    it on its line but a dateline's place, a weekday, a byline or labels (capitalised words
    and the few in _DATE_LABELS; at most _DATELINE_OFFSET characters on a long line), and
    after it the end of the line, a separator, a time or the story's first sentence
    ("March 5, 2024 The council met"), not a sentence going on in lower case. So "The
    council met on March 5, 2024." and "On March 5, 2024, the council met." are no date
    lines, however short. Never after tomorrow (a date can be a day ahead in another time
    zone)."""
    if iso > (_dt.date.today() + _dt.timedelta(days=1)).isoformat():
        return False
    before = _before_on_line(head, start)
    after = _after_on_line(head, end)
    labelled = _LABELLED_DATE.search(before)
    label = labelled.group("label") if labelled is not None else None
    # A separator, or a label that is not a verb in lower case
    if labelled is not None and not (label and label[0].islower()):
        # After a label, more of a page's head may follow ("Posted on March 5, 2024 in
        # News"); only a clause after a comma makes it a sentence's opening phrase.
        return not _sentence_goes_on(after, after_comma=True)
    if len(before) > _DATELINE_OFFSET and len(before) + (end - start) + len(after) > (
        _DATE_LINE_LENGTH
    ):
        return False
    return _only_labels(before) and not _sentence_goes_on(after)


def _before_on_line(head: str, start: int) -> str:
    return head[head.rfind("\n", 0, start) + 1 : start]


def _after_on_line(head: str, end: int) -> str:
    line_end = head.find("\n", end)
    return head[end : len(head) if line_end == -1 else line_end]


def _only_labels(words: str) -> bool:
    """Whether every word in lower case among ``words`` is one of _DATE_LABELS."""
    lowered = (word.strip(",:;|-–—()").lower() for word in words.split() if word[:1].islower())
    return all(word in _DATE_LABELS for word in lowered)


def _sentence_goes_on(after: str, *, after_comma: bool = False) -> bool:
    """Whether the text after a date on its line continues a sentence it is part of: a word
    in lower case that is no label, or with ``after_comma`` only one after a comma."""
    found = _WORD_AFTER.match(after)
    if found is None or (after_comma and not found.group("comma")):
        return False
    word = found.group("word")
    return word[:1].islower() and not _only_labels(word)


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


#: Words in lower case that a name may hold ("Ana de la Cruz"), or that join two names.
_NAME_PARTICLES = frozenset(
    {
        "and", "&", "de", "da", "das", "del", "della", "der", "den", "di", "do", "dos", "du",
        "la", "le", "van", "von", "y", "al", "bin", "ibn",
    }
)  # fmt: skip
#: The rest of a "By ..." line that is a sentence's clause, not a byline's role ("By
#: Christmas, the shops had sold out." but not "By Ana Ruiz, staff writer").
_CLAUSE = re.compile(r".*\b[a-z][\w'’-]*\b.*[.!?][\"'”’)]*[ \t]*", re.S)


def find_byline(text: str) -> str | None:
    """The name on a "By ..." line near the top: capitalised words (and name particles);
    not a sentence that opens with a time or a phrase ("By Noon the queue had grown.")."""
    head = _head(text)
    for m in _BYLINE.finditer(head):
        name = m.group("name").strip()
        rest = _after_on_line(head, m.end())
        if (
            name[0].isupper()
            and not _TIME_NOT_NAME.fullmatch(name)
            and all(word[:1].isupper() or word in _NAME_PARTICLES for word in name.split())
            and not _CLAUSE.fullmatch(rest)
        ):
            return name
    return None


@lru_cache(maxsize=4)  # the dateline and byline searches read the same head
def _head(text: str) -> str:
    """The text up to the end of its HEAD_LINES-th non-blank line, at most _HEAD_CHARS
    characters after its first non-blank one. Counted from there, not from the start: the
    front matter of a Markdown file is blanked with spaces, and may be longer than that."""
    first = _NOT_BLANK.search(text)
    if first is None:
        return text[:_HEAD_CHARS]
    limit = first.start() + _HEAD_CHARS
    seen = 0
    position = first.start()
    while position < len(text) and position < limit:
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        if text[position:end].strip():
            seen += 1
            if seen >= HEAD_LINES:
                return text[: min(end, limit)]
        position = end + 1
    return text[:limit]


_NOT_BLANK = re.compile(r"\S")


def _to_iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else _MONTHS.get(groups["mon"][:3].lower())
    try:
        return _dt.date(int(groups["y"]), month or 0, int(groups["d"])).isoformat()
    except ValueError:
        return None
