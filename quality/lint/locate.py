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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from quality.findings import Finding


class LineIndex:
    """1-based line and column of offsets in one text (lines end at ``\\n``)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.starts, offset) - 1)
        return index + 1, offset - self.starts[index] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @property
    def line_count(self) -> int:
        return len(self.starts)


_TOKENS = re.compile(
    r"(?P<skip><!--.*?-->|<(script|style|noscript|template|head)\b[^>]*>.*?</\2\s*>)"
    r"|(?P<tag><[^>]*>)|(?P<entity>&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);)|(?P<space>\s+)",
    re.DOTALL | re.IGNORECASE,
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
        for m in _TOKENS.finditer(page):
            for offset in range(position, m.start()):
                add(page[offset], offset, offset + 1)
            if m.group("entity"):
                decoded = html_lib.unescape(m.group("entity"))
                add(" " if decoded.isspace() else decoded, m.start(), m.end())
            else:
                add(" ", m.start(), m.end())
            position = m.end()
        for offset in range(position, len(page)):
            add(page[offset], offset, offset + 1)
        self.text = "".join(chars).replace("\u00a0", " ")
        self.spans = spans
        self._starts = [span[0] for span in spans]

    def find(self, excerpt: str, after: int) -> tuple[int, int] | None:
        """Page offsets of ``excerpt``, preferring a match at or after page offset ``after``."""
        needle = " ".join(excerpt.replace("\u00a0", " ").split())
        if not needle:
            return None
        visible_after = bisect_left(self._starts, after)
        index = self.text.find(needle, visible_after)
        if index == -1:
            index = self.text.find(needle)
        if index == -1:
            return None
        return self.spans[index][0], self.spans[index + len(needle) - 1][1]


def relocate(findings: Iterable[Finding], page: str, lines: LineIndex) -> list[Finding]:
    """Findings moved from extracted-text positions to positions in the HTML ``page``."""
    visible: PageText | None = None
    placed: list[Finding] = []
    cursor = 0
    for finding in findings:
        if visible is None:
            visible = PageText(page)
        span = visible.find(finding.excerpt, cursor) if finding.excerpt.strip() else None
        if span is None:
            start = end = 0
            message = finding.message
            if finding.excerpt.strip():
                message += " (position in the page not found; shown at the top)"
        else:
            start, end = span
            cursor = start
            message = finding.message
        placed.append(move(finding, start, end, lines, message=message))
    return placed


def move(
    finding: Finding, start: int, end: int, lines: LineIndex, *, message: str | None = None
) -> Finding:
    line, column = lines.line_col(start)
    end_line, end_column = lines.line_col(end)
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
