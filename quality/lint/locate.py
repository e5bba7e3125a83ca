"""Where a finding is in the file the user wrote.

For text and Markdown the scored text is the file (Markdown markup is blanked, not
removed), so positions carry over unchanged. For HTML the scorers read text extracted
from the page; each finding is placed back in the page by searching for its excerpt in the
page's visible text (tags skipped, entities decoded, whitespace runs matched loosely).
That is best effort: a finding whose excerpt cannot be found is placed at the top of the
file and its message says so.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from bisect import bisect_right
from collections.abc import Iterable

from quality.findings import Finding
from quality.positions import LineIndex

_TOKEN_PATTERN = (
    r"(?P<skip><!--.*?-->|<(script|style|noscript|template|head)\b[^>]*>.*?</\2\s*>)"
    r"|(?P<tag><[^>]*>)|(?P<entity>&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);)|(?P<space>\s+)"
)


class PageText:
    """A page's visible text, whitespace collapsed, with each character's span in the page."""

    def __init__(self, page: str):
        chars: list[str] = []
        spans: list[tuple[int, int]] = []

        def add(text: str, start: int, end: int) -> None:
            if text == " " and chars and chars[-1] == " ":
                return
            for ch in text:
                chars.append(ch)
                spans.append((start, end))

        position = 0
        # Compiled here, not at import: only HTML files need it.
        tokens = re.compile(_TOKEN_PATTERN, re.DOTALL | re.IGNORECASE)
        for m in tokens.finditer(page):
            for offset in range(position, m.start()):
                add(page[offset], offset, offset + 1)
            if m.group("entity"):
                decoded = html_lib.unescape(m.group("entity"))
                add(" " if decoded.isspace() else decoded, m.start(), m.end())
            elif not (m.group("tag") and _INLINE_TAG.match(m.group("tag"))):
                # Inline tags add nothing: "<a>Ana Ruiz</a>'s office" reads "Ana Ruiz's".
                add(" ", m.start(), m.end())
            position = m.end()
        for offset in range(position, len(page)):
            add(page[offset], offset, offset + 1)
        self.text = "".join(chars).replace("\u00a0", " ")
        self.spans = spans

    def find(
        self, needle: str, occurrence: int, within: tuple[int, int] | None = None
    ) -> tuple[int, int] | None:
        """Page offsets of the ``occurrence``-th (0-based) appearance of ``needle`` (in the
        visible text's ``within`` range, if given), or of the last one when there are fewer."""
        low, high = within if within is not None else (0, len(self.text))
        index = found = low - 1
        for _ in range(occurrence + 1):
            found = self.text.find(needle, index + 1, high)
            if found == -1:
                break
            index = found
        if index == low - 1:
            return None
        return self.spans[index][0], self.spans[index + len(needle) - 1][1]

    def align(self, extracted: str) -> list[tuple[int, int, tuple[int, int]]]:
        """Each line of the extracted text found in the visible text, in order: its start and
        end in ``extracted`` and its range in the visible text. Lines the extractor changed
        are left out. Placing a finding inside its own line keeps it out of text the
        extractor removed (a promo box with the same phrase) and out of earlier repeats."""
        aligned = []
        cursor = 0
        for m in _LINE.finditer(extracted):
            line = _squeezed(m.group())
            if not line:
                continue
            found = self.text.find(line, cursor)
            if found != -1:
                aligned.append((m.start(), m.end(), (found, found + len(line))))
                cursor = found + len(line)
        return aligned


class _Collapsed:
    """Extracted text with whitespace runs collapsed, to count occurrences before a point."""

    def __init__(self, text: str):
        self.text = _WHITESPACE.sub(" ", text.replace("\u00a0", " "))
        self._run_starts: list[int] = []
        self._removed: list[int] = []  # characters dropped up to the end of each run
        removed = 0
        for m in _WHITESPACE.finditer(text):
            removed += m.end() - m.start() - 1
            self._run_starts.append(m.start())
            self._removed.append(removed)

    def position(self, offset: int) -> int:
        """Where original ``offset`` lands in the collapsed text."""
        index = bisect_right(self._run_starts, offset) - 1
        if index < 0:
            return offset
        before = self._removed[index - 1] if index else 0
        run_removed = self._removed[index] - before
        return offset - before - min(offset - self._run_starts[index], run_removed)

    def occurrences_before(self, needle: str, offset: int) -> int:
        return self.text.count(needle, 0, self.position(offset) + len(needle) - 1)


_WHITESPACE = re.compile(r"\s+")


def _squeezed(text: str) -> str:
    """``text`` with every whitespace run (no-break spaces too) one space, and no space at
    either end: how both the page's visible text and the extracted text are compared."""
    return " ".join(text.split())


_LINE = re.compile(r"[^\n]+")
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|font|i|kbd|mark|q|s|samp|small|span|"
    r"strong|sub|sup|time|u|var)\b",
    re.IGNORECASE,
)


def relocate(
    findings: Iterable[Finding], extracted: str, page: str, lines: LineIndex
) -> list[Finding]:
    """Findings moved from positions in the ``extracted`` text to positions in ``page``.

    A phrase that appears several times is matched by rank: the third "a glimmer of hope"
    in the extracted text is placed at the third one in the page's visible text.
    """
    visible: PageText | None = None
    collapsed: _Collapsed | None = None
    lines_in_page: list[tuple[int, int, tuple[int, int]]] = []
    placed: list[Finding] = []
    for finding in findings:
        needle = _squeezed(finding.excerpt)
        span = None
        if needle:
            if visible is None or collapsed is None:
                visible, collapsed = PageText(page), _Collapsed(extracted)
                lines_in_page = visible.align(extracted)
            span = _within_its_line(finding, needle, extracted, visible, lines_in_page)
            if span is None:
                rank = collapsed.occurrences_before(needle, finding.start)
                span = visible.find(needle, rank)
        message = finding.message
        if span is None:
            span = (0, 0)
            if needle:
                message += " (position in the page not found; shown at the top)"
        placed.append(move(finding, span[0], span[1], lines, message=message))
    return placed


def _within_its_line(
    finding: Finding,
    needle: str,
    extracted: str,
    visible: PageText,
    lines_in_page: list[tuple[int, int, tuple[int, int]]],
) -> tuple[int, int] | None:
    """The finding's place in the page, searched for inside the page's copy of the line of
    extracted text it starts on; None when that line was not found in the page or the
    finding runs past it."""
    index = bisect_right(lines_in_page, (finding.start, len(extracted) + 1)) - 1
    if index < 0:
        return None
    start, end, within = lines_in_page[index]
    if not start <= finding.start < end or finding.end > end:
        return None
    before = " ".join(extracted[start : finding.start].split())
    rank = f"{before} {needle}".count(needle) - 1 if before else 0
    return visible.find(needle, rank, within)


def move(
    finding: Finding, start: int, end: int, lines: LineIndex, *, message: str | None = None
) -> Finding:
    line, column, end_line, end_column = lines.span(start, end)
    return dataclasses.replace(
        finding,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        message=finding.message if message is None else message,
    )
