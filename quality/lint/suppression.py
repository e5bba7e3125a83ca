"""Suppression comments: silencing findings an editor has judged acceptable.

Each directive stands on its own line::

    <!-- quality: ignore FIL101, ATT1 -- quoted from the minister -->   next non-blank line
    <!-- quality: disable RES -->  ...  <!-- quality: enable RES -->     a block of lines
    <!-- quality: file-ignore DAT101 -- wire copy, dated by the desk -->  the whole file

In plain-text files the same directives may be written ``# quality: ignore FIL101``. A code
is a full rule code, a prefix (``FIL``, ``ATT1``) or ``ALL``. A finding is matched by the
line it starts on.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from quality.findings import Finding
from quality.positions import LineIndex

IGNORE = "ignore"
DISABLE = "disable"
ENABLE = "enable"
FILE_IGNORE = "file-ignore"

#: Which comment syntaxes a file may use: HTML comments everywhere, ``#`` lines in text.
#: In Markdown, HTML comments outside fenced code blocks: a directive in a fence is an
#: example being shown, not one to obey.
HTML_STYLE = "html"
TEXT_STYLE = "text"
MARKDOWN_STYLE = "markdown"

_HTML_DIRECTIVE = re.compile(
    r"^[ \t]*(?P<all><!--[ \t]*quality[ \t]*:(?P<body>.*?)-->)[ \t]*\r?$", re.M
)
_HASH_DIRECTIVE = re.compile(
    r"^[ \t]*(?P<all>#[ \t]*quality[ \t]*:(?P<body>[^\n]*?))[ \t]*\r?$", re.M
)
_BODY = re.compile(
    r"^\s*(?P<kind>file-ignore|ignore|disable|enable)\b(?P<codes>(?:(?!--).)*)(?:--(?P<reason>.*))?$",
    re.S,
)
_CODE = re.compile(r"^(?:ALL|[A-Z]{1,3}\d{0,3})$")


@dataclass
class Directive:
    kind: str
    codes: tuple[str, ...]
    reason: str | None
    line: int
    start: int
    end: int
    #: lines covered: the target line of an ignore, the inside of a disable block
    first_line: int = 0
    #: the last line covered, per code: ``enable FIL`` ends FIL's block, not its other codes'
    last_lines: dict[str, int] = field(default_factory=dict)
    used: dict[str, int] = field(default_factory=dict)

    def covers(self, finding: Finding) -> str | None:
        """The directive's code that silences ``finding``, if any."""
        for code in self.codes:
            if not (code == "ALL" or finding.rule.startswith(code)):
                continue
            if self.kind == FILE_IGNORE or (
                self.first_line <= finding.line <= self.last_lines.get(code, 0)
            ):
                return code
        return None


class Problem(NamedTuple):
    """Text that looks like a directive but is not one that can be obeyed."""

    start: int
    end: int
    detail: str


class Scan(NamedTuple):
    directives: list[Directive]
    problems: list[Problem]
    #: character spans of every directive-like line, to blank before scoring
    spans: list[tuple[int, int]]


def scan(text: str, style: str) -> Scan:
    """The directives in ``text``; ``style`` TEXT_STYLE also accepts ``# quality:`` lines,
    MARKDOWN_STYLE passes over those in fenced code blocks."""
    if "quality" not in text:
        return Scan([], [], [])
    lines = LineIndex(text)
    found: list[tuple[int, int, str]] = []
    patterns = (_HTML_DIRECTIVE, _HASH_DIRECTIVE) if style == TEXT_STYLE else (_HTML_DIRECTIVE,)
    code = _code_spans(text) if style == MARKDOWN_STYLE else []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if code and _inside(m.start("all"), code):
                continue
            found.append((m.start("all"), m.end("all"), m.group("body")))
    found.sort()
    directives: list[Directive] = []
    problems: list[Problem] = []
    for start, end, body in found:
        parsed = _parse(body)
        if isinstance(parsed, str):
            problems.append(Problem(start, end, parsed))
            continue
        kind, codes, reason = parsed
        line, _ = lines.line_col(start)
        directives.append(Directive(kind, codes, reason, line, start, end))
    directive_lines = {d.line for d in directives} | {lines.line_col(p.start)[0] for p in problems}
    problems.extend(_resolve(directives, lines, directive_lines))
    return Scan(directives, problems, [(start, end) for start, end, _ in found])


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Fenced and indented code blocks, in order: a directive shown as code is an example."""
    from quality.inputs.markdown import code_and_definition_spans, fenced_code_spans

    fences = fenced_code_spans(text)
    indented, _ = code_and_definition_spans(text, 0, fences)
    return sorted(fences + indented)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect_right(spans, (position, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _parse(body: str) -> tuple[str, tuple[str, ...], str | None] | str:
    m = _BODY.match(body)
    if m is None:
        word = body.strip().split(" ")[0] if body.strip() else ""
        return (
            f"unknown directive '{word}'; expected ignore, disable, enable or file-ignore"
            if word
            else "no directive; expected ignore, disable, enable or file-ignore"
        )
    codes = tuple(c.upper() for c in re.split(r"[,\s]+", m.group("codes")) if c)
    if not codes:
        return f"'{m.group('kind')}' needs at least one rule code (or ALL)"
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        return f"'{bad[0]}' is not a rule code or prefix (like FIL101, FIL or ALL)"
    reason = (m.group("reason") or "").strip() or None
    return m.group("kind"), codes, reason


def _resolve(
    directives: list[Directive], lines: LineIndex, directive_lines: set[int]
) -> list[Problem]:
    """Set the lines each directive covers; an enable with nothing to enable is a problem.

    Blocks are tracked per code: ``disable FIL, ATT`` then ``enable FIL`` leaves ATT
    disabled, and an ``enable`` ends every open block of its code, so a repeated
    ``disable FIL`` cannot carry FIL's block past the ``enable FIL``.
    """
    problems: list[Problem] = []
    open_blocks: dict[str, list[Directive]] = {}
    last = lines.line_count
    for directive in directives:
        if directive.kind == IGNORE:
            target = directive.line + 1
            while target <= last and (
                target in directive_lines or not lines.line_text(target).strip()
            ):
                target += 1
            # Past the last line there is nothing to cover; 0 marks that.
            directive.first_line = target if target <= last else 0
            directive.last_lines = dict.fromkeys(directive.codes, directive.first_line)
        elif directive.kind == DISABLE:
            directive.first_line = directive.line + 1
            for code in directive.codes:
                directive.last_lines[code] = last
                open_blocks.setdefault(code, []).append(directive)
        elif directive.kind == ENABLE:
            for code in directive.codes:
                opened = open_blocks.pop(code, [])
                if not opened:
                    problems.append(
                        Problem(
                            directive.start,
                            directive.end,
                            f"'enable {code}' has no earlier 'disable {code}'",
                        )
                    )
                for block in opened:
                    block.last_lines[code] = directive.line - 1
        for code in directive.codes:
            directive.used.setdefault(code, 0)
    return problems


def apply(findings: Iterable[Finding], directives: list[Directive]) -> tuple[list[Finding], int]:
    """The findings no directive silences, and how many were silenced."""
    active = [d for d in directives if d.kind != ENABLE]
    if not active:
        return list(findings), 0
    kept: list[Finding] = []
    silenced = 0
    for finding in findings:
        hit = False
        # Every directive that covers a finding is credited, so overlapping ones (a line
        # ignore inside a disabled block) are not reported as unused.
        for directive in active:
            code = directive.covers(finding)
            if code is not None:
                directive.used[code] += 1
                hit = True
        if hit:
            silenced += 1
        else:
            kept.append(finding)
    return kept, silenced


def unused(
    directives: Iterable[Directive], known: Collection[str], enabled: Collection[str]
) -> list[tuple[Directive, str, str]]:
    """(directive, code, why) for each code of each directive that silenced nothing."""
    report = []
    for directive in directives:
        if directive.kind == ENABLE:
            continue
        for code, count in directive.used.items():
            if count:
                continue
            if code != "ALL" and not any(k.startswith(code) for k in known):
                why = f"unknown rule code '{code}'"
            elif code != "ALL" and not any(k.startswith(code) for k in enabled):
                why = f"'{directive.kind} {code}': {code} is not selected, so nothing to silence"
            elif directive.kind == IGNORE and not directive.first_line:
                why = f"'ignore {code}' has no line after it to apply to"
            elif directive.kind == IGNORE:
                why = f"'ignore {code}' silenced no finding on line {directive.first_line}"
            elif directive.kind == DISABLE:
                why = _empty_block(directive, code)
            else:
                why = f"'file-ignore {code}' silenced no finding in this file"
            report.append((directive, code, why))
    return report


def _empty_block(directive: Directive, code: str) -> str:
    first, end = directive.first_line, directive.last_lines[code]
    if end < first:
        # Enabled on the next line, or the directive is the file's last line.
        return f"'disable {code}' covers no line"
    where = f"on line {first}" if first == end else f"in lines {first}-{end}"
    return f"'disable {code}' silenced no finding {where}"


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (line breaks kept, so offsets hold)."""
    spans = list(spans)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)
