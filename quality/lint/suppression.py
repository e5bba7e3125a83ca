"""Suppression comments: silencing findings an editor has judged acceptable.

Each directive stands on its own line::

    <!-- quality: ignore FIL101, ATT1 -- quoted from the minister -->   next non-blank line
    <!-- quality: disable RES -->  ...  <!-- quality: enable RES -->     a block of lines
    <!-- quality: file-ignore DAT101 -- wire copy, dated by the desk -->  the whole file

In Markdown they may also be written as MDX comments, ``{/* quality: ignore FIL101 */}``
(MDX 2 refuses ``<!--``), and in plain-text files as ``# quality: ignore FIL101`` lines.
Several directive comments may share a line; a comment ends at its first ``-->`` (or
``*/}``), and anything else on the line keeps them all from being obeyed. A code
is a full rule code, a prefix (``FIL``, ``ATT1``) or ``ALL``. A finding is matched by the
line it starts on. Case does not matter (``<!-- Quality: Ignore fil101 -->``), but a comment
whose ``quality`` is not all lower case is a directive only when it names a rule code, or a
directive's name follows it and then only words written as codes:
``<!-- Quality: checked by the desk -->`` and ``# Quality: Ignore the hype`` are not.
"""

from __future__ import annotations

import html as html_lib
import re
import sys
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from quality.findings import Finding, one_line
from quality.positions import LineIndex

IGNORE = "ignore"
DISABLE = "disable"
ENABLE = "enable"
FILE_IGNORE = "file-ignore"

#: Which comment syntaxes a file may use: HTML comments everywhere, ``#`` lines in text.
#: In Markdown, HTML and MDX comments outside code blocks: a directive in a fence is an
#: example being shown, not one to obey.
HTML_STYLE = "html"
TEXT_STYLE = "text"
MARKDOWN_STYLE = "markdown"

#: "quality" in any case, ASCII letters only: a plain IGNORECASE would also take the dotless
#: "ı" and the Kelvin sign for letters of it.
_PREFIX = r"(?P<prefix>(?ai:quality))"
_HEAD = r"[ \t]*" + _PREFIX + r"[ \t]*:"
_HTML_OPEN = r"<!--"
#: MDX 2 and later refuse ``<!--``: there a comment is a JavaScript one in an expression.
_MDX_OPEN = r"\{[ \t]*/\*"
#: In Markdown a directive may stand in a block quote (``> <!-- quality: ... -->``), beside
#: the quoted words it excuses.
_QUOTE_MARKERS = r"(?:>[ \t]*)*"
#: Where a directive line begins: its first comment, at the start of the line. Only the
#: opening is matched; the rest of the line is read by _read_line, with str.find rather than
#: a lazy pattern, which would run past the first "-->" to a later one.
_HTML_OPENING = re.compile(r"^[ \t]*(?P<all>" + _HTML_OPEN + _HEAD + ")", re.M)
_MARKDOWN_OPENING = re.compile(
    r"^[ \t]*" + _QUOTE_MARKERS + r"(?P<all>(?:" + _HTML_OPEN + "|" + _MDX_OPEN + ")" + _HEAD + ")",
    re.M,
)
# This takes the rest of the line greedily and leaves trailing blanks to _trimmed: a lazy
# body followed by "[ \t]*$" retries the blanks at every character, which is quadratic on a
# long run of spaces.
_HASH_DIRECTIVE = re.compile(
    r"^[ \t]*(?P<all>#[ \t]*" + _PREFIX + r"[ \t]*:(?P<body>[^\n]*))", re.M
)
_TRAILING_BLANKS = " \t\r"


class _Syntax(NamedTuple):
    """One comment syntax a directive may be written in."""

    head: re.Pattern[str]
    #: what ends the comment: its first occurrence does, as HTML and JavaScript read it
    end: str
    #: what must follow ``end`` for the comment to be whole (MDX's closing brace)
    after: re.Pattern[str] | None
    #: a character an ending may repeat: ``--->`` and ``**/}`` end a comment too, and leave
    #: a "-" or "*" at the end of its text that is no part of the directive
    fill: str


_HTML = _Syntax(re.compile(_HTML_OPEN + _HEAD), "-->", None, "-")
_MDX = _Syntax(re.compile(_MDX_OPEN + _HEAD), "*/", re.compile(r"[ \t]*\}"), "*")
_SYNTAXES = {MARKDOWN_STYLE: (_HTML, _MDX)}
_KIND = r"(?P<kind>(?ai:file-ignore|ignore|disable|enable))\b"
# A reason follows "--", or the dash an editor's smart punctuation makes of it ("—", "–").
_BODY = re.compile(
    r"^\s*"
    + _KIND
    + r"(?P<codes>(?:(?!--|[\u2013\u2014]).)*)(?:(?:--|[\u2013\u2014])(?P<reason>.*))?$",
    re.S,
)
_NAMES_A_RULE = re.compile(r"\b[A-Z]{3}\d{3}\b")
_CODE = re.compile(r"^(?:ALL|[A-Z]{1,3}\d{0,3})$")
_CODE_SEPARATOR = re.compile(r"[,\s]+")
#: A code as written in a directive whose "quality" is not in lower case (see _directive_like)
_WRITTEN_AS_CODE = re.compile(r"^(?:[A-Z]{1,3}\d{0,3}|(?i:[a-z]{1,3}\d{1,3}))$")


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
        # An ignore also covers the directives stacked between it and its line: their own
        # SUP001 and SUP002 findings sit there, so `ignore SUP001` above one silences it.
        first = self.line + 1 if self.kind == IGNORE else self.first_line
        for code in self.codes:
            if not covers(code, finding.rule):
                continue
            if self.kind == FILE_IGNORE or first <= finding.line <= self.last_lines.get(code, 0):
                return code
        return None


def covers(code: str, other: str) -> bool:
    """Whether directive code ``code`` (a rule code, a prefix or ALL) takes in ``other``,
    a rule code or another directive's code."""
    return code == "ALL" or other.startswith(code)


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
    MARKDOWN_STYLE also MDX comments, and passes over those in code blocks."""
    if "quality" not in text.lower():
        return Scan([], [], [])
    lines = LineIndex(text)
    found: list[tuple[int, int, str]] = []
    problems: list[Problem] = []
    code = _code_spans(text) if style == MARKDOWN_STYLE else []
    opening = _MARKDOWN_OPENING if style == MARKDOWN_STYLE else _HTML_OPENING
    syntaxes = _SYNTAXES.get(style, (_HTML,))
    for m in opening.finditer(text):
        if code and _inside(m.start("all"), code):
            continue
        read = _read_line(text, m.start("all"), syntaxes)
        if read is None:
            continue
        comments, problem = read
        if problem is not None:
            problems.append(problem)
        else:
            found.extend((c.start, c.end, c.body) for c in comments)
    if style == TEXT_STYLE:
        for m in _HASH_DIRECTIVE.finditer(text):
            if _directive_like(m.group("prefix"), m.group("body")):
                start, end = _trimmed(m)
                found.append((start, end, m.group("body").rstrip(_TRAILING_BLANKS)))
    found.sort()
    directives: list[Directive] = []
    for start, end, body in found:
        parsed = _parse(body)
        if isinstance(parsed, str):
            problems.append(Problem(start, end, parsed))
            continue
        kind, codes, reason = parsed
        line, _ = lines.line_col(start)
        directives.append(Directive(kind, codes, reason, line, start, end))
    directive_lines = {d.line for d in directives} | {lines.line_col(p.start)[0] for p in problems}
    # In a page, a line of tags alone (`<p>` before the paragraph it opens) holds nothing a
    # finding could be on, so an ignore passes over it to the next line with text.
    shown = _visible_text(text) if style == HTML_STYLE and directives else None
    problems.extend(_resolve(directives, lines, directive_lines, style == MARKDOWN_STYLE, shown))
    return Scan(directives, problems, [(start, end) for start, end, _ in found])


class _Comment(NamedTuple):
    start: int
    end: int
    body: str


def _read_line(
    text: str, start: int, syntaxes: tuple[_Syntax, ...]
) -> tuple[list[_Comment], Problem | None] | None:
    """The directive comments of the line whose first comment opens at ``start``, and what
    keeps them from being obeyed (text after them, a comment that does not end on the
    line), if anything; None when that first comment is not meant as a directive.

    Each comment ends at its first ``-->`` (``*/}`` in MDX), as HTML reads it, so a second
    ``-->`` later on the line is text after the comment, not part of its reason.
    """
    line_end = text.find("\n", start)
    if line_end == -1:
        line_end = len(text)
    comments: list[_Comment] = []
    position = start
    end_marker = ""
    while True:
        opened = _opening(text, position, line_end, syntaxes)
        if opened is None:
            # Words, or a comment that is no directive, after the directives.
            return comments, _text_after(text, comments, position, line_end, end_marker)
        syntax, head = opened
        closing = text.find(syntax.end, head.end(), line_end)
        comment_end = closing + len(syntax.end)
        if closing != -1 and syntax.after is not None:
            after = syntax.after.match(text, comment_end, line_end)
            if after is not None:
                comment_end = after.end()
            elif not text[comment_end:line_end].strip(_TRAILING_BLANKS):
                closing = -1  # the expression the comment is in goes on to the next line
            # else text follows the comment inside its expression: text after the comment
        if closing == -1:
            rest = text[head.end() : line_end]
            if not comments and not _directive_like(head.group("prefix"), rest):
                return None
            return comments, Problem(
                comments[0].start if comments else head.start(),
                start + len(text[start:line_end].rstrip(_TRAILING_BLANKS)),
                "the comment does not end on this line; write the directive on one line",
            )
        body = text[head.end() : closing].rstrip(syntax.fill)
        if not _directive_like(head.group("prefix"), body):
            if not comments:
                return None
            return comments, _text_after(text, comments, head.start(), line_end, end_marker)
        comments.append(_Comment(head.start(), comment_end, body))
        end_marker = syntax.end
        position = comment_end
        while position < line_end and text[position] in _TRAILING_BLANKS:
            position += 1
        if position == line_end:
            return comments, None


def _opening(
    text: str, position: int, line_end: int, syntaxes: tuple[_Syntax, ...]
) -> tuple[_Syntax, re.Match[str]] | None:
    """The directive comment that opens at ``position``, in whichever syntax, if any."""
    for syntax in syntaxes:
        head = syntax.head.match(text, position, line_end)
        if head is not None:
            return syntax, head
    return None


def _text_after(
    text: str, comments: list[_Comment], position: int, line_end: int, end_marker: str
) -> Problem:
    """The problem of directive comments followed by other text on their line."""
    rest = text[position:line_end].strip(_TRAILING_BLANKS)
    detail = f"text after the comment ('{one_line(rest, 40)}')"
    before = rest.partition(end_marker)[0]
    if end_marker in rest and "<!--" not in before and "/*" not in before:
        # `-- a reason with --> in it -->`: HTML ends the comment at the first "-->", which
        # the editor may not have meant.
        detail += f", which ends at its first '{end_marker}'"
    return Problem(
        comments[0].start,
        comments[-1].end,
        detail + "; a directive must stand alone on its line",
    )


def _directive_like(prefix: str, body: str) -> bool:
    """Whether a ``quality:`` comment is meant as a directive. Written as documented, in lower
    case, it is, and is obeyed or reported; written otherwise (``Quality:``), it is when a
    directive's name follows or a rule code is named (``Quality: ignroe FIL101`` is a misspelt
    directive), so that a comment such as ``<!-- Quality: good -->`` or a text file's
    ``# Quality: what readers expect`` is left as it is. The words after the directive's
    name must then read as codes, with a digit or in capitals (``fil101``, ``ATT``, ``ALL``):
    a text file's heading ``# Quality: Ignore the hype`` is a heading, not a directive that
    names the rules THE and HYPE."""
    if prefix == "quality":
        return True
    if _NAMES_A_RULE.search(body) is not None:
        return True
    directive = _BODY.match(body)
    return directive is not None and all(
        _WRITTEN_AS_CODE.match(word) for word in _CODE_SEPARATOR.split(directive["codes"]) if word
    )


def _trimmed(m: re.Match[str]) -> tuple[int, int]:
    """The span of ``m``'s ``all`` group without the blanks (and carriage return) that end
    its line."""
    start = m.start("all")
    return start, start + len(m.group("all").rstrip(_TRAILING_BLANKS))


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Fenced and indented code blocks, in order: a directive shown as code is an example."""
    from quality.inputs.markdown import code_and_definition_spans, fenced_code_spans

    fences = fenced_code_spans(text)
    indented, _ = code_and_definition_spans(text, 0)
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
    kind = m.group("kind").lower()
    codes = tuple(c.upper() for c in _CODE_SEPARATOR.split(m.group("codes")) if c)
    if not codes:
        return f"'{kind}' needs at least one rule code (or ALL)"
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        return f"'{bad[0]}' is not a rule code or prefix (like FIL101, FIL or ALL)"
    reason = (m.group("reason") or "").strip() or None
    return kind, codes, reason


def _resolve(
    directives: list[Directive],
    lines: LineIndex,
    directive_lines: set[int],
    quoted: bool,
    shown: LineIndex | None = None,
) -> list[Problem]:
    """Set the lines each directive covers; an enable with nothing to enable is a problem.
    With ``quoted`` (Markdown), a block quote's empty line (``>``) is a blank line; with
    ``shown`` (a page's text as a browser shows it, line for line), so is a line of markup
    alone.

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
                target in directive_lines
                or _blank((shown or lines).line_text(target), quoted, html=shown is not None)
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
                if not _end_blocks(open_blocks, code, directive.line - 1):
                    detail = _nothing_to_enable(open_blocks, code)
                    problems.append(Problem(directive.start, directive.end, detail))
        for code in directive.codes:
            directive.used.setdefault(code, 0)
    return problems


def _blank(line: str, quoted: bool, *, html: bool = False) -> bool:
    if html and "&" in line:
        line = html_lib.unescape(line)  # &nbsp; alone shows nothing
    return not (line.replace(">", "") if quoted else line).strip()


#: What a browser does not show of a page: comments, the head, scripts and styles, tags.
#: A comment or script left open runs to the end of the page, as a browser reads it, and a
#: tag stops at the next "<": each is one scan, never one per "<" to the end of the page.
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template|head)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<[^<>]*>",
    re.DOTALL | re.IGNORECASE,
)


def _visible_text(page: str) -> LineIndex:
    """``page`` with what a browser does not show replaced by spaces, line breaks kept, so
    that its lines are the page's lines."""
    return LineIndex(_HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), page))


def _end_blocks(open_blocks: dict[str, list[Directive]], code: str, last_line: int) -> bool:
    """End, at ``last_line``, every open block ``code`` takes in: its own, and narrower ones
    (``enable FIL`` ends ``disable FIL101``, ``enable ALL`` ends every block). Whether any was
    open."""
    ended = [opened for opened in open_blocks if covers(code, opened)]
    for opened in ended:
        for block in open_blocks.pop(opened):
            block.last_lines[opened] = last_line
    return bool(ended)


def _nothing_to_enable(open_blocks: dict[str, list[Directive]], code: str) -> str:
    # A block for a wider code cannot be cut into parts: say which block is open and how to
    # end it, rather than leaving the editor to wonder why the rule stays silent.
    wider = [opened for opened in open_blocks if covers(opened, code)]
    if wider:
        line = open_blocks[wider[0]][0].line
        return (
            f"'enable {code}' cannot end part of the 'disable {wider[0]}' block of line "
            f"{line}; write 'enable {wider[0]}'"
        )
    return f"'enable {code}' has no earlier 'disable {code}'"


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
