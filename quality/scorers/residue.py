"""Residue: page furniture left by scraping, judged line by line and by position.

Line patterns catch comment boxes, share bars, prompts and links. Reader comments are
found as a section: a comment heading or a run of comment furniture (reply links,
"X says:", timestamps) near the end, after which everything is the readers' text.
"""

from __future__ import annotations

import re

from quality.analysis import Document, Line
from quality.findings import Finding
from quality.matching import Match
from quality.scorers.base import Scorer, ScorerResult

COMMENT_BOX = "comment-box"
READER_COMMENTS = "reader-comments"
REPEATED_HEADLINE = "repeated-headline"
_MAX_HEADLINE_WORDS = 16
_MAX_NAME_WORDS = 4
_MAX_NAME_CHARS = 40
_PUNCT = re.compile(r"[\W_]+")
# A time of day or a vote count: what a comment header has and a signed-off date does not.
_CLOCK_OR_VOTES = re.compile(r"\d:\d\d|\b\d+ (?:pts?|points|recs?)\b", re.I)


class ResidueScorer(Scorer):
    id = "residue"
    version = "1.0"
    description = (
        "Scraped page furniture: comment boxes, share bars, prompts, links, reader comments."
    )

    def score(self, doc: Document) -> ScorerResult:
        rules = self.language_rules(doc)
        matches = self.matches(doc)
        markers = [m for m in matches if m.rule.name == READER_COMMENTS]
        findings: list[Finding] = []
        penalty = 0.0
        for m in matches:
            if m.rule.name != READER_COMMENTS:
                findings.append(self.finding(doc, m.rule, m.start, m.end))
                penalty += m.rule.penalty
        section = self._comment_section(doc, matches, markers)
        metrics: dict[str, float] = {"residue_lines": float(len(findings))}
        comments_rule = rules.get(READER_COMMENTS)
        if section is not None and comments_rule is not None:
            line = doc.line_of(section)
            remaining = len(doc.text) - line.start
            findings.append(
                self.finding(doc, comments_rule, line.start, line.end, value=float(remaining))
            )
            penalty += comments_rule.penalty
            metrics["comments_start"] = float(line.start)
        headline_rule = rules.get(REPEATED_HEADLINE)
        if headline_rule is not None:
            repeat = _repeated_headline(doc)
            if repeat is not None:
                findings.append(self.finding(doc, headline_rule, *repeat))
                penalty += headline_rule.penalty
        findings.sort(key=lambda f: f.sort_key)
        return ScorerResult(max(0.0, 1.0 - penalty), findings, metrics)

    @staticmethod
    def _comment_section(doc: Document, matches: list[Match], markers: list[Match]) -> int | None:
        """Where appended reader comments begin, or None."""
        if not markers:
            return None
        rule = markers[0].rule
        min_markers = int(rule.option("min_markers", 2))
        earliest = len(doc.text) * (1.0 - float(rule.option("bottom_share", 0.6)))
        headings = [m for m in matches if m.rule.name == COMMENT_BOX and m.start >= earliest]
        for heading in headings:
            if any(marker.start > heading.end for marker in markers):
                return heading.start
        in_bottom = [
            m for m in markers if m.start >= earliest and doc.line_of(m.start).from_top >= 3
        ]
        if len(in_bottom) >= min_markers:
            return _header_start(doc, in_bottom[0].start)
        for marker in in_bottom:
            line = doc.line_of(marker.start)
            if not _CLOCK_OR_VOTES.search(doc.text, line.start, line.end):
                continue
            header = _header_start(doc, marker.start)
            if header != marker.start:
                return header
        return None


def _header_start(doc: Document, position: int) -> int:
    """Where a comment header begins: a marker line with digits (a timestamp, a vote count)
    directly under a short name-like line is one header, "Name" then "Oct 8, 2012 at 8:24 am".
    With a time of day, such a pair alone marks a comment; a lone date does not (datelines,
    signatures under letters)."""
    line = doc.line_of(position)
    if not any(ch.isdigit() for ch in doc.text[line.start : line.end]):
        return position
    previous = _previous_nonblank(doc, line.index)
    if previous is None:
        return position
    name = doc.text[previous.start : previous.end].strip()
    words = name.split()
    if (
        1 <= len(words) <= _MAX_NAME_WORDS
        and len(name) <= _MAX_NAME_CHARS
        and name[-1] not in '.!?:;,"”'
    ):
        return previous.start
    return position


def _previous_nonblank(doc: Document, index: int) -> Line | None:
    lines = doc.lines
    for i in range(index - 1, max(-1, index - 3), -1):
        if lines[i].stripped:
            return lines[i]
    return None


def _repeated_headline(doc: Document) -> tuple[int, int] | None:
    """The span of a headline printed again: the title as first body line, or a short
    heading-like line that occurs twice."""
    lines = doc.nonblank_lines
    if not lines:
        return None
    title = doc.article.title
    # A Markdown draft's H1 restating its front-matter title is how such drafts are written.
    heading_is_markup = (
        doc.article.source_format == "markdown"
        and doc.article.origins.get("title") == "front-matter"
    )
    if title and not heading_is_markup and _key(lines[0].text) == _key(title):
        return lines[0].start, lines[0].end
    seen: dict[str, int] = {}
    for line in lines:
        text = line.stripped
        if not text or text[-1] in ".!?:" or len(text.split()) > _MAX_HEADLINE_WORDS:
            continue
        key = _key(text)
        if len(key) < 12:
            continue
        if key in seen:
            offset = line.text.find(text)
            return line.start + offset, line.start + offset + len(text)
        seen[key] = line.index
    return None


def _key(text: str) -> str:
    return _PUNCT.sub(" ", text.lower()).strip()
