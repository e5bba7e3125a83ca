"""MDX's JavaScript inside a Markdown file: ESM blocks (``import``/``export`` over several
lines) and ``{...}`` expressions, found so that the Markdown masking can blank them. Read
just far enough to know where each ends, in time linear in the text.

Blank lines in an expression, as MDX 2 and 3 read them (micromark-extension-mdx-expression):
an expression is read on through line endings, blank lines included, to the "}" that closes
it, and it is the Markdown around it that decides whether a blank line ends it first.

- An expression that stands alone on its lines (its "{" opens a line, after nothing but
  spaces, its "}" ends one, before nothing but spaces) is a block of its own, like a fenced
  code block, and goes on over blank lines: MDX's own documentation wraps a function with a
  blank line in its body this way. Such a block may begin on a paragraph's next line, which
  it interrupts.
- An expression inside running text is part of its paragraph, and a paragraph ends at a
  blank line: a "{" that has not closed by then is, to MDX, an error (an expression that
  does not end); here it is text, so that a typo blanks nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from quality.inputs.markdown import _PARAGRAPH_BREAK, _line_matches

# MDX's ESM (MDX 2 and later): a block that begins at the left margin with "import " or
# "export " where a block may begin (not on a paragraph's next line), and runs to the blank
# line after its statements are complete. The head tells a statement from a paragraph that
# begins with the word: "import duties rose" imports nothing.
_MDX_ESM_START = re.compile(r"^(?:import|export) ", re.MULTILINE)
_MDX_ESM_HEAD = re.compile(
    r"import +(?:[\"'{*]|[\w$]+[ \t]*(?:,|from\b))"
    r"|export +(?:(?:const|let|var|function|async|class|default)\b|[{*])"
)
# How the line after a complete statement may begin and still belong to its block: indented,
# a chained call or an operator, a comment, or the next statement. Any other line is prose
# that follows the block without the blank line MDX asks for.
_MDX_ESM_GOES_ON = re.compile(r"[ \t.?:&|,=)\]}]|/[/*]|(?:import|export) ")
# How the line after blank lines may begin for a statement still open to go on past them, as
# MDX reads it (an object's fields parted by a blank line): indented, or closing brackets.
_MDX_ESM_RESUMES = re.compile(r"[ \t)\]}]|/[/*]")
_BLANK_LINE_AHEAD = re.compile(r"[ \t]*(?:\n|\Z)")
_NOT_BLANK = re.compile(r"[^ \t\n]")


def esm_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each block of MDX ESM statements. A block whose brackets, strings or
    comments do not close (a typo) is left as text."""
    spans: list[tuple[int, int]] = []
    read_to = start
    for m in _line_matches(_MDX_ESM_START, text, start):
        line_start = m.start() + 1 if text[m.start()] == "\n" else m.start()
        # A block is read from its start only once: a reading goes on past a blank line only
        # onto an indented or closing line, so it never reaches the start of another block.
        if line_start < read_to or not _MDX_ESM_HEAD.match(text, line_start):
            continue
        if line_start > start:
            previous = max(start, text.rfind("\n", start, line_start - 1) + 1)
            if _NOT_BLANK.search(text, previous, line_start - 1):
                continue  # the next line of a paragraph, which ESM cannot interrupt
        end, read_to = _esm_end(text, line_start)
        if end is not None:
            spans.append((line_start, end))
    return spans


def _esm_end(text: str, start: int) -> tuple[int | None, int]:
    """Where the ESM block from ``start`` ends (the end of its last line; None if it does not
    close), and where its reading stopped."""
    script = _Script()
    length = len(text)
    line_start = start
    while True:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = length
        # With its line end: a quoted string cannot run past it.
        script.read(text, line_start, min(line_end + 1, length), until_closed=False)
        if script.broken:
            return None, line_end
        complete = not script.open
        if line_end == length:
            return (line_end if complete else None), length
        following = line_end + 1
        blank_next = _BLANK_LINE_AHEAD.match(text, following) is not None
        if complete:
            if blank_next or not _MDX_ESM_GOES_ON.match(text, following):
                return line_end, line_end
        elif blank_next:
            resumes = _NOT_BLANK.search(text, following)
            if resumes is None:
                return None, length
            following = text.rfind("\n", following, resumes.start()) + 1
            if not _MDX_ESM_RESUMES.match(text, following):
                return None, following
        line_start = following


# How many times its length a text's MDX expressions may be read in all: every brace read
# inside a reading is remembered and not read again, and this bound keeps a text built to
# defeat that (braces in strings in strings ...) linear too.
_EXPRESSION_READINGS = 8
# After an expression's "}": the rest of its line blank, which makes it a block of its own.
_REST_OF_LINE_BLANK = re.compile(r"[ \t]*(?:\n|\Z)")


def expression_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each MDX expression: a "{" (not escaped) through its matching "}",
    read as JavaScript, with strings, template literals, regular expressions, comments and
    JSX inside. An expression alone on its lines goes on over blank lines; one in running
    text does not go past its paragraph. A "{" that does not close (a typo) is text."""
    opened = text.find("{", start)
    if opened < 0:
        return []
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text, start)]
    length = len(text)
    closes: dict[int, int] = {}  # where a brace already read closes, after its "}"
    # Where a reading from a brace stopped with it still open: it does not close before that.
    open_through: dict[int, int] = {}
    budget = _EXPRESSION_READINGS * (length - start)
    spans: list[tuple[int, int]] = []
    while opened >= 0:
        span_end = None
        if not _escaped(text, opened, start):
            paragraph = bisect_left(breaks, opened)
            paragraph_end = breaks[paragraph] if paragraph < len(breaks) else length
            block = _opens_line(text, opened, start)
            # A block's reading goes to the end of the text, past blank lines, as MDX's does;
            # whether it is a block is known only at its "}", so it is read that far first.
            read_to = length if block else paragraph_end
            closed = closes.get(opened)
            if closed is None and open_through.get(opened, -1) < read_to and budget > 0:
                script = _Script()
                stopped = script.read(text, opened, read_to, until_closed=True)
                budget -= stopped - opened
                closes.update(script.closed_braces)
                # A brace still open where the reading stopped would stop there too if read
                # from itself: the same characters, read the same way. Where it broke, any
                # reading breaks.
                reach = length if script.broken else stopped
                for kind, at in zip(script.open, script.opened_at, strict=True):
                    if kind == "{":
                        open_through[at] = max(open_through.get(at, -1), reach)
                closed = closes.get(opened)
            # Closed within its paragraph, it is an expression either way: of running text if
            # text follows its "}". Closed past a blank line, only a block is.
            if closed is not None and (
                closed <= paragraph_end
                or (block and _REST_OF_LINE_BLANK.match(text, closed) is not None)
            ):
                span_end = closed
        if span_end is not None:
            spans.append((opened, span_end))
            opened = text.find("{", span_end)
        else:
            opened = text.find("{", opened + 1)
    return spans


def _opens_line(text: str, at: int, start: int) -> bool:
    """Whether only spaces stand before ``at`` on its line (the markers of block quotes and
    lists are blanked by then)."""
    before = at
    while before > start and text[before - 1] in " \t":
        before -= 1
    return before == start or text[before - 1] == "\n"


def _escaped(text: str, at: int, start: int) -> bool:
    """Whether the character at ``at`` follows an odd run of backslashes."""
    before = at
    while before > start and text[before - 1] == "\\":
        before -= 1
    return (at - before) % 2 == 1


_SCRIPT_CODE = frozenset(("", "{", "(", "[", "${"))
_SCRIPT_TOKEN = re.compile(r"""[{}()\[\]"'`</]""")
# Where a code bracket is opened, a value is yet to come: a "/" there opens a regular
# expression.
_SCRIPT_CODE_OPENERS = frozenset(("{", "(", "[", "${"))
_SCRIPT_OPENER = {"}": "{", ")": "(", "]": "["}
_SCRIPT_QUOTE_END = {"'": re.compile(r"['\\\n]"), '"': re.compile(r'["\\\n]')}
_SCRIPT_TEMPLATE_TOKEN = re.compile(r"[`\\]|\$\{")
_JSX_TAG_TOKEN = re.compile(r"""["'{>]|/>""")
_JSX_CHILD_TOKEN = re.compile(r"[{<]")
# What may follow "<" for it to open a JSX tag: a name, ">" of a fragment, "/" of a closing tag.
_JSX_TAG_NAME_START = re.compile(r"[A-Za-z_$>]")
# Where an expression may begin, and so "<" opens JSX rather than compares: after one of these
# characters or words.
_JSX_AFTER = frozenset("(,=?:&|{[>;")
_JSX_AFTER_WORDS = ("return", "default", "yield")
# A regular expression literal after its opening "/": characters, escapes and character
# classes (in which "/" does not end it), up to the "/" that ends it, or to the line end
# where it does not. Each piece begins with its own character, so the match never
# backtracks.
_REGEX_BODY = re.compile(r"(?:[^\\/\[\n]|\\[^\n]|\[(?:[^\\\]\n]|\\[^\n])*\]?)*")
_REGEX_FLAGS = re.compile(r"[A-Za-z]*")
# Words after which an expression begins, so that "/" opens a regular expression: after any
# other name, or a number, it divides.
_REGEX_AFTER_WORDS = frozenset(
    {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case"}
    | {"do", "else", "yield", "await", "default"}
)
_REGEX_AFTER_WORD_LENGTH = max(map(len, _REGEX_AFTER_WORDS))
# One of them ending where the search ends, as a word of its own and not a property (x.in).
_REGEX_AFTER_WORD = re.compile(rf"(?<![\w$.])(?:{'|'.join(_REGEX_AFTER_WORDS)})\Z")


class _Script:
    """JavaScript read just far enough to know what is open at each point: brackets, quoted
    strings, template literals and their ``${...}``, regular expressions, comments and JSX
    elements. Where an MDX expression or ESM statement ends is where nothing is left open;
    whether the code inside is valid is not asked (MDX asks acorn).

    A "/" divides or opens a regular expression as JavaScript's tokenizers decide, by the
    token before it: after a name, a number, a closing bracket or a string it divides;
    after an operator, an opening bracket, a keyword such as ``return``, or nothing, it
    opens one."""

    def __init__(self) -> None:
        # Innermost last: a bracket or "${", a quote, "`", "/*", a JSX tag "<" or closing tag
        # "</", a JSX attribute's quote ("j'"), or an element's children (">").
        self.open: list[str] = []
        self.opened_at: list[int] = []
        self.closed_braces: dict[int, int] = {}  # where each "{" of code closed, after it
        self.broken = False  # a closer that closes nothing open, or a line end in a string
        # The code since the last token handled (bracket, string, comment, regular
        # expression) begins at ``code_from``; ``after_value`` is whether that token ends a
        # value. Together they tell what a "/" follows.
        self.code_from: int | None = None
        self.after_value = False
        # Before here, on the line of a "/" taken for a regular expression that did not end,
        # every "/" divides: a misread division, not looked at again.
        self.divisions_until = -1

    def read(self, text: str, position: int, end: int, *, until_closed: bool) -> int:
        """Read ``text[position:end]`` on from what is open; return where reading stopped:
        ``end`` (one past it when a backslash at its end escapes the character after), after
        the "}" that leaves nothing open (``until_closed``), or where it broke."""
        open_ = self.open
        if self.code_from is None:
            self.code_from = position
        while position < end:
            top = open_[-1] if open_ else ""
            if top in _SCRIPT_CODE:
                found = _SCRIPT_TOKEN.search(text, position, end)
                if found is None:
                    return end
                token, at, position = found.group(), found.start(), found.end()
                if token == "/":
                    position = self._read_slash(text, at, end)
                    if position < 0:
                        return end
                elif token in _SCRIPT_OPENER:
                    if not open_ or (top != _SCRIPT_OPENER[token] and top + token != "${}"):
                        self.broken = True
                        return at
                    self._close(position)
                    if until_closed and not open_:
                        return position
                elif token != "<" or _jsx_may_open(text, at, end):
                    self._open(token, at)
            elif top == "'" or top == '"':
                found = _SCRIPT_QUOTE_END[top].search(text, position, end)
                if found is None:
                    return end
                if found.group() == "\n":
                    self.broken = True
                    return found.start()
                if found.group() == "\\":
                    position = found.end() + 1
                else:
                    self._close(found.end())
                    position = found.end()
            elif top == "`":
                found = _SCRIPT_TEMPLATE_TOKEN.search(text, position, end)
                if found is None:
                    return end
                position = found.end()
                if found.group() == "\\":
                    position += 1
                elif found.group() == "`":
                    self._close(position)
                else:
                    self._open("${", found.start())
            elif top == "/*" or top.startswith("j"):
                closer = "*/" if top == "/*" else top[1]
                closing = text.find(closer, position, end)
                if closing < 0:
                    return end
                position = closing + len(closer)
                self._close(position)
            elif top == ">":  # an element's children: text, expressions and elements
                found = _JSX_CHILD_TOKEN.search(text, position, end)
                if found is None:
                    return end
                at, position = found.start(), found.end()
                if found.group() == "{":
                    self._open("{", at)
                elif text.startswith("/", position):
                    self._open("</", at)
                    position += 1
                elif _JSX_TAG_NAME_START.match(text, position):
                    self._open("<", at)
            else:  # in a tag: "<" opening or "</" closing
                found = _JSX_TAG_TOKEN.search(text, position, end)
                if found is None:
                    return end
                token, at, position = found.group(), found.start(), found.end()
                if token == "{":
                    self._open("{", at)
                elif token in ("'", '"'):
                    self._open("j" + token, at)
                elif top == "<":
                    self._close(position)
                    if token == ">":
                        self._open(">", at)
                elif token == "/>" or open_[-2:-1] != [">"]:
                    self.broken = True  # "</a/>", or a closing tag with no element open
                    return at
                else:
                    self._close(position)  # the closing tag
                    self._close(position)  # and its element
        return position

    def _read_slash(self, text: str, at: int, end: int) -> int:
        """Read the comment, regular expression or division that the "/" at ``at`` begins;
        return where reading goes on (-1: a line comment that runs to ``end``)."""
        following = text[at + 1 : at + 2]
        if following == "/" or following == "*":
            # A comment is no token: what follows it follows the token before it.
            self.after_value = self._value_before(text, at)
            if following == "*":
                self._open("/*", at)
                return at + 2
            line_end = text.find("\n", at + 2, end)
            self.code_from = line_end if line_end >= 0 else end
            return line_end
        if not self._value_before(text, at):
            body_end = _match_end(_REGEX_BODY, text, at + 1, end)
            if body_end < end and text[body_end] == "/":
                self.code_from = _match_end(_REGEX_FLAGS, text, body_end + 1, end)
                self.after_value = True
                return self.code_from
            self.divisions_until = body_end
        self.code_from = at + 1
        self.after_value = False
        return at + 1

    def _value_before(self, text: str, at: int) -> bool:
        """Whether the code before ``at`` ends in a value, after which "/" divides."""
        if at < self.divisions_until:
            return True
        code_from = self.code_from if self.code_from is not None else at
        before = _blanks_start(text, at, code_from)
        if before == code_from:
            return self.after_value
        last = text[before - 1]
        if last.isalnum() or last in "_$":
            # A name or a number, unless the keyword ends there. No keyword is longer than
            # the window searched, and one that goes on before it is part of a longer name.
            window = max(code_from, before - _REGEX_AFTER_WORD_LENGTH)
            return _REGEX_AFTER_WORD.search(text, window, before) is None
        if last in "+-" and before - 1 > code_from and text[before - 2] == last:
            # "++" or "--" after an operand ends a value; before one, it does not.
            operand_end = _blanks_start(text, before - 2, code_from)
            if operand_end == code_from:
                return self.after_value
            return text[operand_end - 1].isalnum() or text[operand_end - 1] in "_$"
        return False

    def _open(self, kind: str, at: int) -> None:
        self.open.append(kind)
        self.opened_at.append(at)
        if kind in _SCRIPT_CODE_OPENERS:
            self.code_from = at + len(kind)
            self.after_value = False

    def _close(self, after: int) -> None:
        kind = self.open.pop()
        opened = self.opened_at.pop()
        if kind == "{":
            self.closed_braces[opened] = after
        self.code_from = after
        # After a block's "}" a statement begins; after a comment, what came before it
        # stands; anything else closed (a bracket, a string, an element) is a value.
        if kind != "/*":
            self.after_value = kind != "{"


def _blanks_start(text: str, at: int, floor: int) -> int:
    """Where the blanks (spaces and line ends) just before ``at`` begin, not before
    ``floor``."""
    while at > floor and text[at - 1] in " \t\r\n":
        at -= 1
    return at


def _match_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """Where ``pattern``, which may match nothing, ends when matched at ``start``."""
    found = pattern.match(text, start, end)
    return found.end() if found is not None else start


def _jsx_may_open(text: str, at: int, end: int) -> bool:
    """Whether the "<" at ``at`` opens a JSX element: a name or ">" follows it, and an
    expression may begin where it stands (so "a < b" compares)."""
    if at + 1 >= end or not _JSX_TAG_NAME_START.match(text, at + 1):
        return False
    before = at
    while before > 0 and text[before - 1] in " \t\n":
        before -= 1
    if before == 0 or text[before - 1] in _JSX_AFTER:
        return True
    word_start = before
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "_$"):
        word_start -= 1
    return text[word_start:before] in _JSX_AFTER_WORDS
