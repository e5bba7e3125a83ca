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
import sys
from bisect import bisect_right
from collections.abc import Iterable

from quality.findings import Finding
from quality.positions import LineIndex

_TOKEN_PATTERN = (
    r"(?P<skip><!--.*?-->|<(script|style|noscript|head)\b[^>]*>.*?</\2\s*>)"
    r"|(?P<tag><[^>]*>)|(?P<entity>&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);)|(?P<space>\s+)"
)

# A line of extracted text that occurs more often than this in the page ("Advertisement",
# "Share") says nothing about where it is; it is placed between its neighbours afterwards.
_MAX_CANDIDATES = 50


class PageText:
    """A page's visible text, whitespace collapsed, with each character's span in the page.

    What a browser never shows (comments, scripts, styles, ``<template>`` content and
    ``hidden`` elements, as the article extractor leaves them out) is one space, so no
    finding is placed inside it."""

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
        m = tokens.search(page)
        while m is not None:
            for offset in range(position, m.start()):
                add(page[offset], offset, offset + 1)
            position = m.end()
            tag = m.group("tag")
            if m.group("entity"):
                decoded = html_lib.unescape(m.group("entity"))
                add(" " if decoded.isspace() else decoded, m.start(), m.end())
            elif tag and _INLINE_TAG.match(tag):
                pass  # Inline tags add nothing: "<a>Ana Ruiz</a>'s office" reads "Ana Ruiz's".
            else:
                if tag:
                    position = _unshown_end(page, tag, m.end())
                add(" ", m.start(), position)
            m = tokens.search(page, position)
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
        extractor removed (a promo box with the same phrase) and out of earlier repeats.

        A line can occur several times on the page (a headline also in a breadcrumb, a
        "trending" bar or a teaser; a short line inside a longer paragraph). The copies
        chosen are those that keep the most text in order (lines weighted by length, so a
        stray match of one line cannot push the rest out of order), and of those the ones
        closest to their neighbours: the headline next to the first paragraph, not in the
        menu at the top."""
        lines = [
            (m.start(), m.end(), line)
            for m in _LINE.finditer(extracted)
            if (line := _comparable(m.group()))
        ]
        starts = [self._occurrences(line) for _, _, line in lines]
        chosen = self._best_chain(lines, starts)
        # Lines too common to anchor anything go between the anchored ones, in order.
        placed: dict[int, int] = dict(chosen)
        low = 0
        for index, (_, _, line) in enumerate(lines):
            if index in placed:
                low = placed[index] + len(line)
            elif starts[index] is None:
                high = next(
                    (placed[later] for later in range(index + 1, len(lines)) if later in placed),
                    len(self.text),
                )
                found = self.text.find(line, low, high)
                if found != -1:
                    placed[index] = found
                    low = found + len(line)
        return [
            (start, end, (placed[index], placed[index] + len(line)))
            for index, (start, end, line) in enumerate(lines)
            if index in placed
        ]

    def _occurrences(self, line: str) -> list[int] | None:
        """Where ``line`` starts in the visible text; None when too often to tell."""
        found: list[int] = []
        at = self.text.find(line)
        while at != -1:
            if len(found) == _MAX_CANDIDATES:
                return None
            found.append(at)
            at = self.text.find(line, at + 1)
        return found

    def _best_chain(
        self, lines: list[tuple[int, int, str]], starts: list[list[int] | None]
    ) -> list[tuple[int, int]]:
        """(line index, start in the visible text) of the copies chosen, in order: the chain
        of copies, each ending before the next starts, with the most characters of text,
        then the least visible text between consecutive copies, then the latest copies."""
        # Each candidate: (line index, start, score); a score is the characters matched
        # (weighted above any gap) less the gaps between consecutive copies.
        weight = len(self.text) + 1
        candidates: list[tuple[int, int]] = []
        previous: list[int] = []
        ends = sorted(
            {start + len(lines[i][2]) for i, found in enumerate(starts) for start in found or ()}
        )
        # A Fenwick tree of the best (score + end, candidate) over candidates ending at or
        # before each end, for the best chain a copy can follow.
        tree: list[tuple[int, int]] = [(-1, -1)] * (len(ends) + 1)
        scores: list[int] = []
        for index, found in enumerate(starts):
            if not found:
                continue
            length = len(lines[index][2])
            new: list[tuple[int, int, int]] = []
            for start in found:
                best = (-1, -1)
                slot = bisect_right(ends, start)
                while slot > 0:
                    best = max(best, tree[slot])
                    slot -= slot & -slot
                if best[1] == -1:
                    new.append((weight * length, start, -1))
                else:
                    new.append((weight * length + best[0] - start, start, best[1]))
            for score, start, before in new:
                candidate = len(candidates)
                candidates.append((index, start))
                previous.append(before)
                scores.append(score)
                slot = bisect_right(ends, start + length)
                while slot < len(tree):
                    tree[slot] = max(tree[slot], (score + start + length, candidate))
                    slot += slot & -slot
        if not candidates:
            return []
        last = max(range(len(candidates)), key=lambda c: (scores[c], c))
        chain = []
        while last != -1:
            chain.append(candidates[last])
            last = previous[last]
        return chain[::-1]


def _unshown_end(page: str, tag: str, after: int) -> int:
    """Where what a browser shows resumes after ``tag`` (which ends at ``after``): after its
    element's end tag when the element is never shown (a ``<template>`` that declares no
    shadow root, an element marked ``hidden`` but not ``hidden="until-found"``), else right
    after the tag. An element whose end tag cannot be found (one left implied, as a ``<p>``
    or ``<li>`` may be) is taken to hold nothing, so the page's text is not lost."""
    opening = _OPENING_TAG.match(tag)
    if opening is None:
        return after
    name = opening.group(1).lower()
    if name != "template" and "hidden" not in tag.lower():
        return after
    attributes = {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in _ATTRIBUTE.finditer(tag, opening.end(), len(tag) - 1)
    }
    from quality.inputs.webpage import never_shown

    if not never_shown(name, attributes):
        return after
    if name in _VOID_ELEMENTS or _self_closing(tag):
        return after
    depth = 1
    same_name = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)
    for m in same_name.finditer(page, after):
        if m.group(1):
            depth -= 1
        elif not _self_closing(m.group()):
            depth += 1
        if depth == 0:
            return m.end()
    return after


def _self_closing(tag: str) -> bool:
    return tag.rstrip(">").rstrip().endswith("/")


_OPENING_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


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


def _is_table_row(line: str) -> bool:
    """Whether a line of extracted text is a table row, which the extractor writes between
    bars (``| Abbey | Green |``) where the page has cells."""
    squeezed = line.strip()
    return len(squeezed) > 1 and squeezed.startswith("|") and squeezed.endswith("|")


def _comparable(line: str, piece: str | None = None) -> str:
    """``piece`` of a line of extracted text (the whole line by default) as the page's
    visible text reads it: squeezed, a table row's bars as the spaces between its cells (a
    rule under the header row reads as nothing), a list item without the ``- `` the extractor
    put before it."""
    text = line if piece is None else piece
    if _is_table_row(line):
        cells = _squeezed(text.replace("|", " "))
        return "" if not cells.strip("-: ") else cells
    squeezed = _squeezed(text)
    at_line_start = piece is None or line.lstrip().startswith(piece.lstrip())
    if at_line_start and squeezed.startswith("- ") and _squeezed(line).startswith("- "):
        return squeezed[2:]
    return squeezed


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
    in the extracted text is placed at the third one in the page's visible text. A finding
    whose text cannot be found is placed at the start of the page's copy of its paragraph
    when that is known, else at the top, and its message says so.
    """
    visible: PageText | None = None
    collapsed: _Collapsed | None = None
    lines_in_page: list[tuple[int, int, tuple[int, int]]] = []
    placed: list[Finding] = []
    for finding in findings:
        needle = _squeezed(finding.excerpt)
        span = None
        message = finding.message
        if needle:
            if visible is None or collapsed is None:
                visible, collapsed = PageText(page), _Collapsed(extracted)
                lines_in_page = visible.align(extracted)
            span = _within_its_lines(finding, extracted, visible, lines_in_page)
            if span is None:
                rank = collapsed.occurrences_before(needle, finding.start)
                span = visible.find(needle, rank)
            if span is None:
                holding = _holding_line(lines_in_page, finding.start)
                if holding is not None:
                    paragraph = visible.spans[holding[2][0]][0]
                    span = (paragraph, paragraph)
                    message += (
                        " (exact position in the page not found; shown at the start of its"
                        " paragraph)"
                    )
        if span is None:
            span = (0, 0)
            if needle:
                message += " (position in the page not found; shown at the top)"
        placed.append(move(finding, span[0], span[1], lines, message=message))
    return placed


def _holding_line(
    lines_in_page: list[tuple[int, int, tuple[int, int]]], offset: int
) -> tuple[int, int, tuple[int, int]] | None:
    """The aligned line of extracted text that ``offset`` is in (or ends), if any."""
    index = bisect_right(lines_in_page, (offset, sys.maxsize)) - 1
    if index < 0 or offset > lines_in_page[index][1]:
        return None
    return lines_in_page[index]


def _within_its_lines(
    finding: Finding,
    extracted: str,
    visible: PageText,
    lines_in_page: list[tuple[int, int, tuple[int, int]]],
) -> tuple[int, int] | None:
    """The finding's place in the page, searched for inside the page's copies of the lines
    of extracted text it starts and ends on (a finding across table rows or paragraphs
    starts in the first and ends in the last); None when such a line was not found in the
    page."""
    written = extracted[finding.start : finding.end]
    start = finding.start + len(written) - len(written.lstrip())
    end = finding.end - len(written) + len(written.rstrip())
    first = _holding_line(lines_in_page, start)
    last = _holding_line(lines_in_page, max(start, end - 1))
    if first is None or last is None:
        return None
    line_start, line_end, within = first
    line = extracted[line_start:line_end]
    needle = _comparable(line, extracted[start : min(end, line_end)])
    if not needle:
        return None
    before = _comparable(line, extracted[line_start:start])
    rank = f"{before} {needle}".count(needle) - 1 if before else 0
    head = visible.find(needle, rank, within)
    if head is None or last is first:
        return head
    last_start, last_end, last_within = last
    tail = _comparable(extracted[last_start:last_end], extracted[last_start:end])
    found = visible.find(tail, 0, last_within) if tail else None
    return None if found is None else (head[0], found[1])


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
