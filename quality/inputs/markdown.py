"""Markdown: front matter becomes metadata; markup is blanked so offsets stay true."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, NamedTuple

from quality.article import normalise_date, normalise_language, shown_value
from quality.errors import InputError

# The body is optional, and tried last: "---" twice is front matter with no fields (Jekyll
# and Hugo write it so), and the second fence must not be read as the body's first line.
_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?P<fence>---|\+\+\+)[ \t]*\r?\n(?:(?P<body>.*?)\r?\n)??(?P=fence)[ \t]*"
    r"(?:\r?\n|\Z)",
    re.DOTALL,
)

# Markup that is not prose. Each pattern blanks the whole match, or only the named
# group ``mark`` where the inner text is prose worth reading. Fenced code is found by the
# block scanner (_scan_blocks), which knows the quotes and list items a fence sits in.
# Images ![alt](url), links [label](url) or [label][ref], footnote references [^1] and
# wikilinks [[page|label]] are found by _bracket_markup, which pairs brackets and parentheses
# once with a stack rather than searching from every "[" for its "]".
# Link reference definitions, [label]: destination "title", matched from the "[" of a line's
# content to its end. The destination is <...> or a run without spaces (parentheses balanced
# one deep), so prose such as "[Update]: The minister said" is no definition. Each character
# has one way to match, so a long line that fails is not retried in many ways.
_DEFINITION_PLAIN = r"(?:[^\x00-\x20()\\]|\\[^\x00-\x20]|\\(?![^\x00-\x20]))"
_DEFINITION_DESTINATION = (
    rf"(?:<(?:[^\\<>]|\\.)*>|(?!<)(?:{_DEFINITION_PLAIN}|\({_DEFINITION_PLAIN}*\))+)"
)
_DEFINITION_TITLE = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))"""
_DEFINITION = re.compile(
    rf"\[(?P<label>(?:[^\\\[\]]|\\.){{1,999}})\]:[ \t]*"
    rf"(?:(?P<destination>{_DEFINITION_DESTINATION})(?:[ \t]+(?P<title>{_DEFINITION_TITLE}))?)?"
    r"[ \t]*$"
)
# A definition's destination (and title) or title alone on the line after it.
_DEFINITION_NEXT_DESTINATION = re.compile(
    rf"{_DEFINITION_DESTINATION}(?:[ \t]+(?P<title>{_DEFINITION_TITLE}))?[ \t]*$"
)
_DEFINITION_NEXT_TITLE = re.compile(rf"{_DEFINITION_TITLE}[ \t]*$")
# The markers that open a line's blocks (quotes, list items, a heading), and after them a
# task list's check box, an Obsidian callout's type or a footnote's label. Only lines that
# begin as one of these can begin are matched: a line of prose holds nothing to blank here.
_LINE_MARKERS = re.compile(
    r"^(?=[ \t>*+#\[-]|\d)"
    r"(?P<mark>[ \t]*(?:(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)[ \t]*)*(?:#{1,6}[ \t]+)?)"
    r"(?:(?P<box>\[[ xX]\])(?=[ \t])|(?P<callout>\[![\w-]{1,40}\][+-]?)"
    r"|(?P<footnote>\[\^[^\]\s]{1,100}\]:))?",
    re.MULTILINE,
)
# A setext heading's "=" underline (its "-" underline is blanked as a rule).
_SETEXT_EQUALS = re.compile(r"^[ \t]{0,3}=+[ \t]*$", re.MULTILINE)
# MDX's ECMAScript lines, at the left margin: imports of components and exported values.
_MDX_ESM = re.compile(
    r"^(?:import[ \t]+(?:[^\n\"']*[ \t]from[ \t]*)?[\"'][^\"'\n]*[\"'][ \t]*;?"
    r"|export[ \t]+(?:const|let|var|function|async|class|default)\b[^\n]*)[ \t]*$",
    re.MULTILINE,
)
# A GitHub table's delimiter row: cells of hyphens, with colons for alignment, and a pipe.
_TABLE_DELIMITER = re.compile(
    r"[ \t]*(?=[^\n]*\|)\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*"
)
# Patterns below begin with a literal character or alternatives that each do, where they
# could: the regex engine then skips to the next place that character occurs rather than
# trying the pattern at every position ("`+" reads a text about twenty times slower than "``*").
_BACKTICKS = re.compile(r"``*")
# A line ending that ends a paragraph: the next line is blank, or there is none.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?=\n|\Z)")
# A line ending inside a paragraph, where emphasis may go on.
_PARAGRAPH_LINE_END = re.compile(r"\n(?![ \t]*(?:\n|\Z))")
# A backslash escape of ASCII punctuation, or a hard line break (a backslash ending a line).
_ESCAPE = re.compile(r"\\(?:(?P<escaped>[!-/:-@\[-`{-~])|(?=[ \t]*$))", re.MULTILINE)
# What an escaped character reads as to the patterns: no marker, no space, no word.
_HIDDEN_CHARACTER = "\x00"
_BRACKETS_AND_BREAKS = re.compile(r"\[|\]|\n[ \t]*(?=\n)")
_PARENS_AND_BREAKS = re.compile(r"\(|\)|\n[ \t]*(?=\n)")
# How deep emphasis may nest and still have every marker blanked.
_EMPHASIS_DEPTH = 3
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Tried only where a run of spaces begins: tried inside the run too, a line with a long run
# not followed by "#" took time in the square of the run's length.
_HEADING_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$", re.MULTILINE)
# Where a line ends in "#": the only lines _HEADING_CLOSE is tried on, as it begins with no
# one character the regex engine could skip to.
_ENDS_IN_HASH = re.compile(r"#[ \t]*$", re.MULTILINE)
# Emphasis is paired by _emphasis_spans rather than a regex such as
# (?<![\w*_])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_]): that regex finds the same
# pairs, but every opener without a closer scans to the end of its line, which made a
# line of 20,000 unclosed asterisks take half a minute.
# The opener's "not after a word character or marker" is asked after its first marker, so
# that the pattern begins with a marker.
_EMPHASIS_OPENER = re.compile(r"(?:\*(?<![\w*_]\*)\*{0,2}|_(?<![\w*_]_)_{0,2})(?=\S)")
_EMPHASIS_RUN = re.compile(r"\*\**|__*")
_RULE_LINE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
# The tag's rest is taken even without its ">", so that an unclosed "<a" consumes its line
# and the "<"s after it on that line (which could not close either) are not retried. A tag
# goes on over lines that are indented or close it, as JSX components' attributes do.
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*(?:\n(?=[ \t]+\S|/?>)[^<>\n]*)*(?P<close>>)?")

FRONT_MATTER_KEYS = {
    "title": "title",
    "headline": "title",
    "author": "byline",
    "authors": "byline",
    "byline": "byline",
    "date": "published",
    "published": "published",
    "pubdate": "published",
    "publishdate": "published",
    "publish_date": "published",
    "date_published": "published",
    "datepublished": "published",
    "published_at": "published",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "publisher": "publisher",
    "site": "publisher",
    "source": "publisher",
    "lang": "language",
    "language": "language",
}


def parse_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """The front matter's fields (mapped to article fields) and where the body starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    raw = match.group("body") or ""
    # The parsers number the front matter's lines from its first; a file's lines are what
    # its reader can go to, so their positions are moved down past the opening fence.
    lines_before = text.count("\n", 0, match.start("body")) if raw else 0
    data: Any
    if match.group("fence") == "---":
        import yaml

        try:
            data = yaml.load(raw, Loader=_front_matter_loader()) or {}
        except yaml.YAMLError as exc:
            problem = _yaml_problem(exc, lines_before)
            raise InputError(f"front matter is not valid YAML: {problem}") from exc
        except (ValueError, OverflowError) as exc:  # a value YAML cannot build: 2024-02-30
            raise InputError(f"front matter has an impossible date or value: {exc}") from exc
        except (LookupError, AttributeError) as exc:
            # How PyYAML's constructors fail on a value that their tag cannot take.
            raise InputError(
                "front matter has a value that its YAML tag cannot take (such as !!bool maybe "
                "or !!timestamp 2024)"
            ) from exc
        except RecursionError:
            raise InputError(_TOO_DEEP) from None
    else:
        from quality._toml import tomllib

        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            problem = _TOML_POSITION.sub(
                lambda m: f"(at line {int(m['line']) + lines_before}, column {m['column']})",
                str(exc),
            )
            raise InputError(f"front matter is not valid TOML: {problem}") from exc
        except ValueError as exc:  # an integer of more than sys.get_int_max_str_digits() digits
            raise InputError(f"front matter has a value that cannot be read: {exc}") from exc
        except RecursionError:
            raise InputError(_TOO_DEEP) from None
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys to values")
    fields: dict[str, Any] = {}
    for key, value in data.items():
        target = FRONT_MATTER_KEYS.get(str(key).lower())
        if target is None or target in fields:
            # Only the first key for a field is read: a later one (Hugo's publishDate after
            # its date) is never used, so it cannot make the file an error.
            continue
        if target == "published":
            value = _front_matter_date(key, _date_value(value))
        elif target == "language":
            value = _as_typed(value)
        if value is None or value == "":
            continue
        _check_size(key, value)
        if target == "language" and not isinstance(value, str):
            # A number, list or YAML's `no` (read as false) is no language code to guess from.
            raise InputError(
                f"front matter '{key}' must be a language code such as \"en\" (quoted if "
                f"need be), got {type(value).__name__} {value!r}"
            )
        if isinstance(value, (list, tuple)):
            value = ", ".join(_name_of(v) for v in value)
        elif isinstance(value, dict):
            value = _name_of(value)
        if target != "published":
            # As a plain str: a _Verbatim scalar is one only while the front matter is read.
            value = str(value)
            if not value.strip():
                # An empty list of authors (`authors: []`, as templates leave it) names no one;
                # kept, a blank byline would stop the text's "By ..." line from giving one.
                continue
            if target == "language":
                value = _front_matter_language(key, value)
                if value is None:
                    continue
        fields[target] = value
    return fields, match.end()


class _Verbatim(str):
    """A YAML scalar that YAML 1.1 reads as a bool, number or timestamp, kept as written, with
    ``value`` what YAML makes of it. A title or byline is text: ``title: 3.10``, ``author: No``
    or ``title: 010`` is "3.10", "No" or "010", not "3.1", "False" or "8"; a date field reads
    ``value`` (``date: 2024-03-01`` is a date, ``date: 20240301`` a YYYYMMDD number)."""

    value: Any


@cache
def _front_matter_loader() -> Any:
    """PyYAML's safe loader, but with bools, numbers and timestamps as ``_Verbatim``. The
    value is still built, so a value its tag cannot take (``!!bool maybe``) or an impossible
    date (``2024-02-30``) is refused as before."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        pass

    for kind in ("bool", "int", "float", "timestamp"):
        tag = f"tag:yaml.org,2002:{kind}"

        def verbatim(
            loader: Any, node: Any, construct: Any = yaml.SafeLoader.yaml_constructors[tag]
        ) -> _Verbatim:
            scalar = _Verbatim(node.value)
            scalar.value = construct(loader, node)
            return scalar

        FrontMatterLoader.add_constructor(tag, verbatim)
    return FrontMatterLoader


def _as_typed(value: Any) -> Any:
    """``value`` (or the items of a list of them) as YAML reads it, for the fields whose type
    counts: a date, a language code."""
    if isinstance(value, _Verbatim):
        return value.value
    if isinstance(value, list):
        return [item.value if isinstance(item, _Verbatim) else item for item in value]
    return value


def _date_value(value: Any) -> Any:
    """A date field's value as YAML types it, except a number YAML 1.1 reads from more than
    digits: ``10:00`` is 600 to it (base 60), ``1_000`` is 1000, and an error about "600"
    would not point at what the file says."""
    typed = _as_typed(value)
    number = isinstance(typed, (int, float)) and not isinstance(typed, bool)
    if isinstance(value, _Verbatim) and number and not value.isdigit():
        return str(value)
    return typed


def _front_matter_language(key: object, value: str) -> str | None:
    """The language of a front-matter language tag; None for one that gives none ("-"), so
    that no origin is recorded for it."""
    try:
        return normalise_language(value)
    except InputError:
        raise InputError(
            f'front matter \'{key}\' must be a language tag such as "en" or "en-US", got '
            f"{shown_value(value)}"
        ) from None


def _front_matter_date(key: object, value: Any) -> str | None:
    """A front-matter date field as an ISO date, None if it gives none, or an InputError that
    names the key as the file spells it ("pubdate", not the article's field)."""
    if isinstance(value, bool) and str(key).lower() == "published":
        # Jekyll's `published: false` marks a draft (and `true` a post): no date, so a
        # `date:` key can give it.
        return None
    if isinstance(value, (list, tuple)):
        if len(value) > 1:
            raise InputError(
                f"front matter '{key}' holds {len(value)} values; give the one publication date"
            )
        value = value[0] if value else None
    if isinstance(value, dict):
        raise InputError(f"front matter '{key}' must be a date, got a mapping")
    try:
        return normalise_date(value, field_name=str(key))
    except InputError as exc:  # "'pubdate': 2024 is a bare number ..."
        raise InputError(f"front matter {exc}") from exc


_TOO_DEEP = "front matter is nested too deeply (lists or tables inside one another)"
#: Where tomllib's messages say the error is ("Invalid value (at line 2, column 11)").
_TOML_POSITION = re.compile(r"\(at line (?P<line>\d+), column (?P<column>\d+)\)")


def _yaml_problem(exc: Exception, lines_before: int) -> str:
    """A YAML error in one line, its position counted in the file: PyYAML's own message
    spans several lines, quotes the source twice and calls it "<unicode string>"."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or not problem:
        return " ".join(str(exc).split())
    context = getattr(exc, "context", None)
    described = f"{context}: {problem}" if context else problem
    return f"{described} (at line {mark.line + 1 + lines_before}, column {mark.column + 1})"


#: The most items a front-matter value that becomes a field may hold, counted through its
#: nested lists and mappings, and how deep they may nest. A YAML alias stands for its whole
#: anchored value, so a few lines of aliases of aliases can stand for billions of items
#: ("billion laughs"), which written out as text would take minutes and gigabytes; an
#: alias inside its own anchor makes a value that never ends.
_MAX_VALUE_ITEMS = 1_000
_MAX_VALUE_DEPTH = 10


def _check_size(key: object, value: Any) -> None:
    """An InputError when ``value`` holds too many items or nests too deeply to be a field."""
    count = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        count += 1
        if count > _MAX_VALUE_ITEMS or depth > _MAX_VALUE_DEPTH:
            raise InputError(
                f"front matter '{key}' is too large to be a field: more than "
                f"{_MAX_VALUE_ITEMS:,} items or {_MAX_VALUE_DEPTH} levels of nesting (a YAML "
                "alias counts as everything it stands for)"
            )
        if isinstance(item, dict):
            pending.extend((part, depth + 1) for pair in item.items() for part in pair)
        elif isinstance(item, (list, tuple, set, frozenset)):
            pending.extend((part, depth + 1) for part in item)


def _name_of(value: Any) -> str:
    """A front-matter value as text; an author given as a mapping (Hugo's and Jekyll's
    ``author: {name: ...}``) by its name."""
    if isinstance(value, dict):
        for key in ("name", "title", "display_name"):
            if isinstance(value.get(key), str):
                return value[key]
    return str(value)


def mask_markdown(text: str, body_start: int = 0, *, mdx: bool = False) -> str:
    """The text with front matter and Markdown markup replaced by spaces.

    Newlines are kept, so line and column numbers are those of the original file. Besides
    CommonMark, the markup of GitHub (tables, task lists, footnotes, strikethrough), of
    Obsidian notes (wikilinks, embeds, callouts, ``%%`` comments, ``==`` highlights) and of
    MDX (``import``/``export`` lines, JSX tags and ``{/* */}`` comments) is blanked; an HTML
    entity is replaced by the character it stands for, then spaces. With ``mdx`` the text is
    read as MDX reads it, and its ESM statements over several lines and its ``{...}``
    expressions are blanked too; in Markdown a brace is text.
    """
    # The patterns read lines as ending in "\n": with Windows line ends a closing fence, a
    # rule or a heading's closing hashes would never end where "$" looks. A space in place of
    # each "\r" keeps every offset.
    body = text.replace("\r\n", " \n") if "\r" in text else text
    # From the block scan on, the patterns read ``mask.text()``: the text as masked so far,
    # so that nothing in a code block or the front matter opens or closes markup outside it.
    mask = _Mask(text, body)
    mask.blank(0, body_start)
    for start, end in fenced_code_spans(body, body_start):
        mask.blank(start, end)
    code, definitions = code_and_definition_spans(body, body_start)
    for start, end in (*code, *definitions):
        mask.blank(start, end)
    mask_block_markup(mask, body_start, mdx=mdx)
    mask_inline_markup(mask, body_start, mdx=mdx)
    return mask.masked()


# What blanking leaves of a stretch of text: its line ends.
_NOT_LINE_END = re.compile(r"[^\r\n]")
_WINDOWS_LINE_END = re.compile(r"\r(?=\n)")


def _with_blanks(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character in ``spans`` (which may overlap) but "\r" and "\n"
    replaced by a space."""
    spans.sort()
    pieces = []
    done = 0
    for start, end in spans:
        start = max(start, done)
        if start >= end:
            continue
        pieces.append(text[done:start])
        stretch = text[start:end]
        if "\n" in stretch or "\r" in stretch:
            pieces.append(_NOT_LINE_END.sub(" ", stretch))
        else:
            pieces.append(" " * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _with_replacements(text: str, replacements: list[tuple[int, str]]) -> str:
    """``text`` with ``replacement`` written from each ``start``, in order, not overlapping."""
    pieces = []
    done = 0
    for start, replacement in replacements:
        pieces.append(text[done:start])
        pieces.append(replacement)
        done = start + len(replacement)
    pieces.append(text[done:])
    return "".join(pieces)


class _Mask:
    """The masked text, and the copy of it the patterns read (``text()``), where an escaped
    character is hidden so that it opens or closes no markup.

    Blanks are gathered and applied to the copy in one pass when it is next read: a pass
    that blanks thousands of markers rebuilds the text once, not once per marker.
    """

    def __init__(self, original: str, body: str):
        self._original = original
        self._work = body
        self._pending: list[tuple[int, int]] = []
        self._pending_hidden: list[tuple[int, str]] = []
        self._hidden: list[int] = []
        self._decoded: list[tuple[int, str]] = []

    def text(self) -> str:
        if self._pending:
            self._work = _with_blanks(self._work, self._pending)
            self._pending = []
        if self._pending_hidden:
            self._work = _with_replacements(self._work, self._pending_hidden)
            self._pending_hidden = []
        return self._work

    def blank(self, start: int, end: int) -> None:
        self._pending.append((start, end))

    def hide(self, at: int) -> None:
        """Hide the character at ``at`` from the patterns; it stays in the masked text. Call
        in order of ``at``, with no blank pending at ``at``."""
        self._pending_hidden.append((at, _HIDDEN_CHARACTER))
        self._hidden.append(at)

    def decode(self, start: int, end: int, decoded: str) -> None:
        """Blank ``start:end`` and write ``decoded`` (no longer) from ``start`` in the masked
        text, after every blank. Call in order of ``start``."""
        self.blank(start, end)
        self._decoded.append((start, decoded))

    def masked(self) -> str:
        work = self.text()
        original = self._original
        # The copy with each hidden character that is not blanked shown again, and each
        # Windows line end's "\r" (a space in the copy, which blanking keeps) put back.
        shown = [(at, original[at]) for at in self._hidden if work[at] == _HIDDEN_CHARACTER]
        if "\r" in original:
            shown.extend((m.start(), "\r") for m in _WINDOWS_LINE_END.finditer(original))
            shown.sort()
        masked = _with_replacements(work, shown) if shown else work
        return _with_replacements(masked, self._decoded) if self._decoded else masked


def mask_block_markup(mask: _Mask, start: int, *, mdx: bool = False) -> None:
    """Comments, and the markup that stands at the start or end of a line or fills it."""
    work = mask.text()
    comments = [
        *_html_comment_spans(work, start),
        *_script_and_style_spans(work, start),
        *_spans_between(work, start, "{/*", "*/}"),  # MDX
    ]
    for opened, closed in comments:
        mask.blank(opened, closed)
    work = mask.text()
    for opened, closed in _spans_between(work, start, "%%", "%%"):  # Obsidian
        mask.blank(opened, closed)
    work = mask.text()
    for m in _line_matches(_RULE_LINE, work, start):
        mask.blank(m.start(), m.end())
    for m in _line_matches(_SETEXT_EQUALS, work, start):
        mask.blank(m.start(), m.end())
    for m in _line_matches(_MDX_ESM, work, start):
        mask.blank(m.start(), m.end())
    if mdx:
        from quality.inputs import mdx_script  # here: it imports this module's line helpers

        for esm_start, esm_end in mdx_script.esm_spans(work, start):
            mask.blank(esm_start, esm_end)
    for m in _line_matches(_LINE_MARKERS, work, start):
        mark = m.group("mark")
        if mark:
            mask.blank(m.start("mark"), m.end("mark"))
        opened_by = mark.rstrip(" \t")[-1:]
        # A task list's check box, which reads "[x]" like a placeholder, opens a list item's
        # content; a callout's type opens a block quote's.
        box = m.group("box") and opened_by in ("-", "*", "+", ".", ")")
        callout = m.group("callout") and opened_by == ">"
        for group in ("footnote", "box" if box else "", "callout" if callout else ""):
            if group and m.group(group):
                mask.blank(m.start(group), m.end(group))
    for hashes in _ENDS_IN_HASH.finditer(work, start):
        line_start = work.rfind("\n", start, hashes.start()) + 1
        closing = _HEADING_CLOSE.search(work, max(line_start, start), hashes.end())
        if closing is not None:
            mask.blank(closing.start(), closing.end())


def _line_matches(pattern: re.Pattern[str], text: str, start: int) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, start)`` finds, for a pattern that begins with "^" and
    matches within a line: tried only where a line begins, found by the line end before it,
    rather than at every position of the text. A match after the first begins with that
    line end (which blanking keeps)."""
    first = pattern.match(text, start)
    if first is not None:
        yield first
        start = first.end()
    yield from _after_line_end(pattern).finditer(text, start)


@cache
def _after_line_end(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile("\n" + pattern.pattern.removeprefix("^"), pattern.flags)


def mask_inline_markup(mask: _Mask, start: int, *, mdx: bool = False) -> None:
    """Code spans, escapes, tags, links and images, emphasis, table pipes, entities, and in
    MDX its ``{...}`` expressions."""
    tables = _table_rows(mask.text(), start)  # before a delimiter row is blanked as a rule
    for row_start, row_end, delimiter in tables:
        if delimiter:
            mask.blank(row_start, row_end)
    work = mask.text()
    for opened, closed in _inline_code_spans(work, start):
        mask.blank(opened, closed)
    work = mask.text()
    if mdx:
        from quality.inputs import mdx_script

        # After code spans, whose braces are code; before tags, so that a tag's attribute
        # {a > b} is blanked whole and its ">" does not end the tag.
        for opened, closed in mdx_script.expression_spans(work, start):
            mask.blank(opened, closed)
        work = mask.text()
    for m in _ESCAPE.finditer(work, start):
        mask.blank(m.start(), m.start() + 1)
        if m.end() - m.start() == 2 and work[m.start() + 1] != "\n":
            mask.hide(m.start() + 1)
    work = mask.text()
    for m in _HTML_TAG.finditer(work, start):
        if m.group("close"):
            mask.blank(m.start(), m.end())
    work = mask.text()
    for blank_start, blank_end in _bracket_markup(work, start):
        mask.blank(blank_start, blank_end)
    for pairs in (_pair_runs(mask.text(), start, "~"), _pair_runs(mask.text(), start, "=")):
        for blank_start, blank_end in pairs:
            mask.blank(blank_start, blank_end)
    # Emphasis may run over lines of its paragraph, and hold other emphasis; each pass pairs
    # the outermost markers left.
    for _ in range(_EMPHASIS_DEPTH):
        joined = _PARAGRAPH_LINE_END.sub(" ", mask.text())
        spans = _emphasis_spans(joined, start)
        if not spans:
            break
        for opened, closed, marker in spans:
            mask.blank(opened, opened + marker)
            mask.blank(closed - marker, closed)
    work = mask.text()
    for row_start, row_end, delimiter in tables:
        if not delimiter:
            pipe = work.find("|", row_start, row_end)
            while pipe >= 0:
                mask.blank(pipe, pipe + 1)
                pipe = work.find("|", pipe + 1, row_end)
    for m in _ENTITY.finditer(mask.text(), start):
        decoded = _decoded_entity(m.group())
        if decoded is not None:
            mask.decode(m.start(), m.end(), decoded)


def fenced_code_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block (``` or ~~~), from the start of its opening
    line to the end of its closing one, in order. An unclosed fence runs to the end of the
    quote or list item it opened in, or of the text."""
    return list(_scan_blocks(text, start).fences)


# Leaf-block states of the block scanner: nothing open (after a blank line, a heading, code
# or a fence), a paragraph, a paragraph of only link definitions so far, an HTML block that
# ends at a blank line, one that ends at a line holding its end marker, and fenced code.
_NO_LEAF, _PARAGRAPH, _DEFINITIONS, _HTML_BLOCK, _HTML_UNTIL_END, _FENCE = range(6)
# An open container: a block quote, or a list item given by its content's indentation.
_QUOTE = -1
_SPACES = re.compile(r"[ \t]*")
# What ends a thematic break of each mark.
_NOT_THEMATIC = {mark: re.compile(rf"[^{re.escape(mark)} \t]") for mark in "*-_"}
# The characters a line must begin with to be more than the next line of a paragraph, and
# the start of the next line that is empty or begins with one.
_MAY_OPEN_BLOCK = frozenset(" \t>#*-_+=<`~0123456789")
_NEXT_NOTABLE_LINE = re.compile(r"\n(?=[ \t>#*\-_+=<`~0-9\r\n]|\Z)")
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_LIST_MARKER = re.compile(r"(?:[-+*]|(?P<number>\d{1,9})[.)])(?=[ \t]|$)")
_LIST_MARKER_STARTS = frozenset("-+*0123456789")
# A code fence (CommonMark 4.5): three or more backticks or tildes; a backtick fence's info
# string holds no backtick (```a`b is inline code in a paragraph). A fence closes on a line
# of its own character, at least as long as the opening one, with only blanks after it, so a
# ```` block can show ``` inside it.
_FENCE_OPEN = re.compile(r"`{3,}(?=[^`]*$)|~{3,}")
_FENCE_CLOSE = {mark: re.compile(rf"{mark}{{3,}}[ \t]*$") for mark in "`~"}
# HTML blocks (CommonMark 4.6). Kinds 1 to 5 end at a line holding their end marker, even
# past blank lines; kinds 6 and 7 end at a blank line.
_HTML_UNTIL_MARKER = re.compile(
    r"<(?:(?P<raw>script|pre|style|textarea)(?=[ \t>]|$)|(?P<comment>!--)|(?P<processing>\?)"
    r"|(?P<cdata>!\[CDATA\[)|(?P<declaration>![A-Za-z]))",
    re.IGNORECASE,
)
_HTML_END_MARKERS = {
    "comment": re.compile(r"-->"),
    "processing": re.compile(r"\?>"),
    "cdata": re.compile(r"\]\]>"),
    "declaration": re.compile(r">"),
    "raw": re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE),
}
_HTML_BLOCK_TAG = re.compile(r"</?(?P<name>[A-Za-z][A-Za-z0-9]*)(?=[ \t>]|/>|$)")
_HTML_BLOCK_NAMES = frozenset(
    re.findall(
        r"\S+",
        """address article aside base basefont blockquote body caption center col colgroup dd
        details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2
        h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol
        optgroup option p param search section summary table tbody td tfoot th thead title tr
        track ul""",
    )
)
# Any other open or closing tag alone on its line (kind 7, which cannot interrupt a paragraph).
_HTML_LONE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>]*)?/?>[ \t]*$")


def _spaces_end(line: str, index: int) -> int:
    spaces = _SPACES.match(line, index)
    return spaces.end() if spaces else index


def _indentation(line: str, index: int, column: int) -> tuple[int, int]:
    """Index and column of the first character at or after ``index`` (at ``column``) that is
    not a space or tab; a tab advances to the next multiple of four."""
    end = _spaces_end(line, index)
    if "\t" not in line[index:end]:
        return end, column + end - index
    for char in line[index:end]:
        column = column + 4 - column % 4 if char == "\t" else column + 1
    return end, column


def _is_thematic_break(line: str, index: int, others: dict[str, int] | None = None) -> bool:
    """Whether ``line[index:]`` is a thematic break (three or more of one of ``*-_``, with
    spaces or tabs between). ``others`` keeps, for each mark, where the line next holds
    another character, so that asking at each of a line's many markers reads it once."""
    mark = line[index]
    other = -1 if others is None else others.get(mark, -1)
    if other < index:
        found = _NOT_THEMATIC[mark].search(line, index)
        other = found.start() if found else len(line)
        if others is not None:
            others[mark] = other
    return other == len(line) and line.count(mark, index) >= 3


def _is_setext_underline(line: str, index: int) -> bool:
    if line[index] not in "=-":
        return False
    marks = line[index:].rstrip(" \t")
    return bool(marks) and marks[0] in "=-" and marks == marks[0] * len(marks)


def _starts_block(line: str, index: int, *, in_paragraph: bool) -> bool:
    """Whether the content at ``index`` (indented less than four columns) opens a block that
    ends a paragraph; ``in_paragraph`` when the paragraph itself would be interrupted (the
    line continues all its containers), where a list item must not be empty, an ordered one
    must start at 1, and a lone HTML tag does not count."""
    char = line[index]
    if char == ">":
        return True
    if char in "`~":
        return _FENCE_OPEN.match(line, index) is not None
    if char == "#":
        return _ATX_HEADING.match(line, index) is not None
    if char in "*-_" and _is_thematic_break(line, index):
        return True
    if char == "<":
        if _HTML_UNTIL_MARKER.match(line, index):
            return True
        tag = _HTML_BLOCK_TAG.match(line, index)
        if tag is not None and tag.group("name").lower() in _HTML_BLOCK_NAMES:
            return True
        return not in_paragraph and _HTML_LONE_TAG.match(line, index) is not None
    marker = _LIST_MARKER.match(line, index) if char in _LIST_MARKER_STARTS else None
    if marker is None:
        return False
    if not in_paragraph:
        return True
    empty = _spaces_end(line, marker.end()) == len(line)
    return not empty and marker.group("number") in (None, "1")


def code_and_definition_spans(
    text: str, start: int = 0
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) of each line of an indented code block, and of each link reference
    definition (from its "[" to the end of its last line), in order. The same scan finds
    the fenced code (``fenced_code_spans``)."""
    blocks = _scan_blocks(text, start)
    return list(blocks.code), list(blocks.definitions)


class _Blocks(NamedTuple):
    fences: list[tuple[int, int]]
    code: list[tuple[int, int]]
    definitions: list[tuple[int, int]]


@lru_cache(maxsize=2)  # mask_markdown and lint suppression ask for fences, then the rest
def _scan_blocks(text: str, start: int) -> _Blocks:
    """Fenced code, indented code lines and link reference definitions, in order.

    A line-by-line reading of CommonMark's block structure, just deep enough to tell these
    apart from prose: an indented line that continues a paragraph (hard-wrapped, or lazily
    in a list or quote) or that is a list item's content is not code; a fence opens only
    indented less than four columns past its quote or list item's content, and ends with
    them (a fence has no lazy lines); a definition cannot interrupt a paragraph, and one
    whose destination is followed by anything but a title is no definition. Each line costs
    time in proportion to its length, whatever the nesting.
    """
    fences: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    definitions: list[tuple[int, int]] = []
    containers: list[int] = []  # _QUOTE or a list item's content indentation, outermost first
    quotes: list[int] = []  # the indexes in containers of the block quotes
    leaf = _NO_LEAF
    html_end: re.Pattern[str] | None = None  # what ends an _HTML_UNTIL_END block
    label: int | None = None  # where a "[label]:" line that needs a destination next starts
    title_may_follow = False  # the last definition line has a destination but no title
    empty_item: int | None = None  # the index of a list item opened on the last line, empty
    fence_mark = ""  # the run of backticks or tildes that opened the _FENCE block
    fence_start = fence_end = 0  # where that block starts, and where its last line so far ends
    length = len(text)
    line_start = start
    while line_start <= length:
        newline = text.find("\n", line_start)
        line_end = length if newline < 0 else newline
        next_start = line_end + 1
        end = line_end - 1 if line_end > line_start and text[line_end - 1] == "\r" else line_end
        line = text[line_start:end]

        head = line[:1]
        if not containers and (not head or head not in _MAY_OPEN_BLOCK):
            # The common cases: a paragraph's next line, a line of code in a fence (a closing
            # fence begins with a blank or its mark), and an empty line between blocks.
            if leaf == _FENCE:
                fence_end = end
                line_start = next_start
                continue
            if head and leaf == _PARAGRAPH:
                notable = _NEXT_NOTABLE_LINE.search(text, line_end)
                if notable is None:
                    break
                line_start = notable.end()
                continue
            if not head and leaf != _HTML_UNTIL_END:
                leaf, label, title_may_follow, empty_item = _NO_LEAF, None, False, None
                line_start = next_start
                continue

        # Which open containers the line continues: a quote by its ">", a list item by
        # being indented to its content, or by being blank.
        if head == " " or head == "\t":
            first, first_column = _indentation(line, 0, 0)
        else:
            first, first_column = 0, 0
        base = 0  # the column where the innermost continued container's content starts
        matched = 0
        while matched < len(containers):
            if first == len(line):  # blank: every list item goes on, no quote does
                at = bisect_left(quotes, matched)
                matched = quotes[at] if at < len(quotes) else len(containers)
                break
            kind = containers[matched]
            if kind == _QUOTE:
                if first_column - base >= 4 or line[first] != ">":
                    break
                first, first_column, base = _after_quote_marker(line, first, first_column)
            elif first_column - base >= kind:
                base += kind
            else:
                break
            matched += 1
        blank = first == len(line)
        if empty_item is not None and blank:
            matched = min(matched, empty_item)  # a list item begins with one blank line at most
        empty_item = None
        continued = matched == len(containers)

        if leaf == _FENCE:
            if continued:
                fence_end = end
                if first_column - base < 4 and _closes_fence(line, first, fence_mark):
                    fences.append((fence_start, end))
                    leaf = _NO_LEAF
                line_start = next_start
                continue
            # Its quote or list item has ended, and the fence with it.
            fences.append((fence_start, fence_end))
            leaf = _NO_LEAF
        if leaf == _HTML_UNTIL_END and continued:
            if html_end is not None and html_end.search(line):
                leaf = _NO_LEAF
            line_start = next_start
            continue
        elif blank:
            leaf = _NO_LEAF
        elif leaf in (_PARAGRAPH, _DEFINITIONS) and (
            first_column - base >= 4 or not _starts_block(line, first, in_paragraph=continued)
        ):
            # The paragraph goes on, even indented or without its containers' markers.
            if continued and first_column - base < 4 and _is_setext_underline(line, first):
                # A heading's underline, unless all before it were definitions.
                leaf = _PARAGRAPH if leaf == _DEFINITIONS and label is None else _NO_LEAF
                label, title_may_follow = None, False
            elif leaf == _DEFINITIONS:
                if label is not None:
                    destination = _DEFINITION_NEXT_DESTINATION.match(line, first)
                    if destination is None:
                        leaf = _PARAGRAPH
                    else:
                        definitions.append((label, end))
                        title_may_follow = destination.group("title") is None
                    label = None
                elif title_may_follow and _DEFINITION_NEXT_TITLE.match(line, first):
                    definitions[-1] = (definitions[-1][0], end)
                    title_may_follow = False
                else:
                    found = _definition(line, first)
                    if found is None:
                        leaf = _PARAGRAPH
                    else:
                        title_may_follow = found == _TITLE_MAY_FOLLOW
                        if found == _NEEDS_DESTINATION:
                            label = line_start + first
                        else:
                            definitions.append((line_start + first, end))
            line_start = next_start
            continue
        elif leaf == _HTML_BLOCK and continued:
            line_start = next_start
            continue

        label, title_may_follow = None, False
        del containers[matched:]
        while quotes and quotes[-1] >= matched:
            quotes.pop()
        leaf = _NO_LEAF
        # New blocks: containers first, then the leaf the rest of the line begins.
        others: dict[str, int] = {}
        while not blank:
            indent = first_column - base
            if indent >= 4:
                code.append((line_start, end))
                break
            char = line[first]
            if char == ">":
                quotes.append(len(containers))
                containers.append(_QUOTE)
                first, first_column, base = _after_quote_marker(line, first, first_column)
                blank = first == len(line)
                continue
            if char in "*-_" and _is_thematic_break(line, first, others):
                break
            marker = _LIST_MARKER.match(line, first) if char in _LIST_MARKER_STARTS else None
            if marker is not None:
                index = marker.end()
                column = first_column + index - first
                after, after_column = _indentation(line, index, column)
                if after == len(line) or after_column - column > 4:
                    width = column + 1 - base  # empty, or its first line is indented code
                else:
                    width = after_column - base
                containers.append(width)
                base += width
                first, first_column = after, after_column
                blank = first == len(line)
                if blank:
                    empty_item = len(containers) - 1
                continue
            if char == "#" and _ATX_HEADING.match(line, first):
                break
            if char in "`~":
                opening = _FENCE_OPEN.match(line, first)
                if opening is not None:
                    leaf, fence_mark = _FENCE, opening.group()
                    fence_start, fence_end = line_start, end
                    break
            if char == "<":
                until = _HTML_UNTIL_MARKER.match(line, first)
                if until is not None:
                    html_end = _HTML_END_MARKERS[until.lastgroup or "raw"]
                    if not html_end.search(line, until.end()):
                        leaf = _HTML_UNTIL_END
                    break
                tag = _HTML_BLOCK_TAG.match(line, first)
                if (tag is not None and tag.group("name").lower() in _HTML_BLOCK_NAMES) or (
                    _HTML_LONE_TAG.match(line, first)
                ):
                    leaf = _HTML_BLOCK
                    break
            leaf = _PARAGRAPH
            if char == "[":
                found = _definition(line, first)
                if found is not None:
                    leaf = _DEFINITIONS
                    title_may_follow = found == _TITLE_MAY_FOLLOW
                    if found == _NEEDS_DESTINATION:
                        label = line_start + first
                    else:
                        definitions.append((line_start + first, end))
            break
        line_start = next_start
    if leaf == _FENCE:  # never closed: it runs to the end of the text
        fences.append((fence_start, fence_end))
    return _Blocks(fences, code, definitions)


def _closes_fence(line: str, index: int, opening: str) -> bool:
    """Whether ``line[index:]`` closes the fence opened by ``opening``."""
    closing = _FENCE_CLOSE[opening[0]].match(line, index)
    return closing is not None and len(closing.group().rstrip(" \t")) >= len(opening)


def _after_quote_marker(line: str, index: int, column: int) -> tuple[int, int, int]:
    """For the ">" at ``index``: the index and column of the content after it, and the column
    where the quote's content starts (one column of a space or tab after ">" belongs to the
    marker)."""
    index, column = index + 1, column + 1
    base = column
    if index < len(line) and line[index] in " \t":
        base += 1
        if line[index] == " ":
            index, column = index + 1, column + 1
    first, first_column = _indentation(line, index, column)
    return first, first_column, base


# What a line that begins a link reference definition leaves for the next line.
_COMPLETE, _TITLE_MAY_FOLLOW, _NEEDS_DESTINATION = range(3)


def _definition(line: str, index: int) -> int | None:
    """Whether ``line[index:]`` begins a link reference definition: None if not, else
    _COMPLETE (it has a title), _TITLE_MAY_FOLLOW (on the next line) or _NEEDS_DESTINATION
    (only "[label]:", so it is one only if the next line holds a destination)."""
    found = _DEFINITION.match(line, index)
    if found is None or not found.group("label").strip():
        return None
    if found.group("destination") is None:
        return _NEEDS_DESTINATION
    return _COMPLETE if found.group("title") is not None else _TITLE_MAY_FOLLOW


def _table_rows(text: str, start: int) -> list[tuple[int, int, bool]]:
    """(start, end, whether it is the delimiter row) of each row of each GitHub table: a row
    with a pipe over a delimiter row, and the lines under it up to a blank line."""
    rows: list[tuple[int, int, bool]] = []
    if "|" not in text:
        return rows
    previous: tuple[int, int] | None = None  # the last line, if it may head a table
    in_table = False
    for line_start, line_end in _line_bounds(text, start):
        blank = not text[line_start:line_end].strip()
        if in_table and not blank:
            rows.append((line_start, line_end, False))
        elif (
            previous is not None
            and "|" in text[line_start:line_end]
            and _TABLE_DELIMITER.fullmatch(text, line_start, line_end)
        ):
            rows.append((*previous, False))
            rows.append((line_start, line_end, True))
            in_table = True
        else:
            in_table = False
        has_pipe = not blank and "|" in text[line_start:line_end]
        previous = (line_start, line_end) if has_pipe and not in_table else None
    return rows


def _line_bounds(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text`` from ``start``, its line feed left out; the
    last line, after the last line feed, too, even when empty."""
    line_start = start
    length = len(text)
    while line_start <= length:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = length
        yield line_start, line_end
        line_start = line_end + 1


def _inline_code_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each code span: a run of backticks through the next run of the same
    length in its paragraph (CommonMark 6.1); a run after a backslash opens none."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start)]
    if len(runs) < 2:
        return []
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text, start)]
    by_length: dict[int, list[int]] = {}
    for index, (run_start, run_end) in enumerate(runs):
        by_length.setdefault(run_end - run_start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        run_start, run_end = runs[index]
        same = by_length[run_end - run_start]
        following = bisect_left(same, index + 1)
        escaped = run_start > start and text[run_start - 1] == "\\"
        if following < len(same) and not escaped:
            closing_start, closing_end = runs[same[following]]
            paragraph_end = bisect_left(breaks, run_end)
            if paragraph_end == len(breaks) or breaks[paragraph_end] > closing_start:
                spans.append((run_start, closing_end))
                index = same[following] + 1
                continue
        index += 1
    return spans


def _matching(text: str, start: int, pattern: re.Pattern[str], opener: str) -> dict[int, int]:
    """Where each balanced opening bracket (or parenthesis) closes, within its paragraph."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in pattern.finditer(text, start):
        char = m.group()
        if char == opener:
            stack.append(m.start())
        elif len(char) == 1:
            if stack:
                pairs[stack.pop()] = m.start()
        else:  # a blank line: nothing opened before it closes after it
            stack.clear()
    return pairs


def _bracket_markup(text: str, start: int) -> list[tuple[int, int]]:
    """The spans to blank for links and images (inline and by reference), footnote
    references and Obsidian wikilinks and embeds. A link keeps its label; an image, a
    footnote reference and an embed are blanked whole; a wikilink keeps its label, or its
    page's name when it has none."""
    if "[" not in text:
        return []
    closing = _matching(text, start, _BRACKETS_AND_BREAKS, "[")
    parens = _matching(text, start, _PARENS_AND_BREAKS, "(") if "(" in text else {}
    spans: list[tuple[int, int]] = []
    skipped_until = start  # inside an image, a destination or a wikilink already blanked
    for opened in sorted(closing):
        if opened < skipped_until:
            continue
        closed = closing[opened]
        image = opened > start and text[opened - 1] == "!"
        after = closed + 1
        if text.startswith("[", opened + 1) and closing.get(opened + 1) == closed - 1:
            if image:
                spans.append((opened - 1, after))
            else:
                label = text.find("|", opened + 2, closed - 1)
                spans.append((opened, opened + 2 if label < 0 else label + 1))
                spans.append((closed - 1, after))
            skipped_until = after
        elif text.startswith("^", opened + 1):
            spans.append((opened, after))
            skipped_until = after
        elif after in parens or (after < len(text) and text[after] == "[" and after in closing):
            end = (parens[after] if after in parens else closing[after]) + 1
            if image:
                spans.append((opened - 1, end))
                skipped_until = end
            else:
                spans.append((opened, opened + 1))
                spans.append((closed, end))
    # A destination's brackets or an inner label's come later in the list than their link;
    # blanking them twice is harmless.
    return spans


def _pair_runs(text: str, start: int, mark: str) -> list[tuple[int, int]]:
    """The markers of each ``~~struck~~`` or ``==highlighted==`` stretch on a line: a run of
    exactly two ``mark`` before a non-space, paired with the next such run after one."""
    double = mark * 2
    if double not in text:
        return []
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for m in re.finditer(rf"{re.escape(double)}{re.escape(mark)}*", text):
        at = m.start()
        if at < start or m.end() - at != 2:
            continue
        if opened is not None and text.find("\n", opened, at) >= 0:
            opened = None  # a stretch does not go past its line
        if opened is not None and not text[at - 1].isspace():
            spans.extend([(opened, opened + 2), (at, at + 2)])
            opened = None
        elif at + 2 < len(text) and not text[at + 2].isspace():
            opened = at
    return spans


def _decoded_entity(entity: str) -> str | None:
    """The character an HTML entity stands for (a space for a no-break one), or None if it
    is no entity (``&nosuch;``)."""
    import html

    decoded = html.unescape(entity)
    if decoded == entity or len(decoded) > len(entity):
        return None
    return " " * len(decoded) if decoded.isspace() else decoded


def _spans_between(text: str, start: int, opener: str, closer: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch from ``opener`` through the next ``closer``.

    A scan rather than a regex like <!--.*?-->: the regex retries every later opener after
    an unclosed one, each time to the end of the text.
    """
    spans = []
    position = start
    while (opened := text.find(opener, position)) >= 0:
        closed = text.find(closer, opened + len(opener))
        if closed < 0:  # no later opener can close either
            break
        position = closed + len(closer)
        spans.append((opened, position))
    return spans


def _html_comment_spans(text: str, start: int) -> list[tuple[int, int]]:
    return _spans_between(text, start, "<!--", "-->")


def _script_and_style_spans(text: str, start: int) -> list[tuple[int, int]]:
    """<script> and <style> elements in the Markdown, whose content is code, not prose."""
    from quality.matching import fold

    if text.find("<", start) < 0:  # folding makes no "<" of another character
        return []
    lowered = fold(text)  # lower case of the same length ("İ".lower() is two characters)
    return [
        *_spans_between(lowered, start, "<script", "</script>"),
        *_spans_between(lowered, start, "<style", "</style>"),
    ]


def _emphasis_spans(text: str, start: int = 0) -> list[tuple[int, int, int]]:
    """(start, end, marker length) of each emphasised span, left to right, without overlap.

    The pairs the regex in the comment on _EMPHASIS_OPENER would find: an opener of one to
    three ``*`` or ``_`` (not after a word character or another marker, before a non-space)
    closes at the nearest same marker on its line that follows a non-space and is not
    followed by a word character or marker; a three-character opener that finds no closer
    tries two, then one. The closers of each marker are listed once per line and found by
    bisection, so a line costs O(n log n) whatever it holds.
    """
    spans: list[tuple[int, int, int]] = []
    for line_start, line_end in _line_bounds(text, start):
        if text.find("*", line_start, line_end) >= 0 or text.find("_", line_start, line_end) >= 0:
            spans.extend(_line_emphasis(text, line_start, line_end))
    return spans


def _line_emphasis(text: str, line_start: int, line_end: int) -> list[tuple[int, int, int]]:
    closers: dict[str, list[int]] = {}
    for run in _EMPHASIS_RUN.finditer(text, line_start, line_end):
        mark = run.group()[0]
        for size in range(1, min(3, len(run.group())) + 1):
            marker = mark * size
            # Every place the marker fits in the run: "**" closes at either pair of "***".
            for at in range(run.start(), run.end() - size + 1):
                if (
                    at > line_start
                    and not text[at - 1].isspace()
                    and not _is_marker_or_word(text, at + size, line_end)
                ):
                    closers.setdefault(marker, []).append(at)
    spans: list[tuple[int, int, int]] = []
    position = line_start
    while True:
        opener = _EMPHASIS_OPENER.search(text, position, line_end)
        if opener is None:
            return spans
        found = None
        for size in range(len(opener.group()), 0, -1):
            after = opener.start() + size
            if after >= line_end or text[after].isspace():
                continue
            candidates = closers.get(opener.group()[0] * size, [])
            # At least one character of text between the markers.
            index = bisect_left(candidates, after + 1)
            if index < len(candidates):
                found = (opener.start(), candidates[index] + size, size)
                break
        if found is None:
            position = opener.start() + 1
        else:
            spans.append(found)
            position = found[1]


def _is_marker_or_word(text: str, at: int, line_end: int) -> bool:
    if at >= line_end:
        return False
    char = text[at]
    return char in "*_" or char.isalnum()


def looks_like_markdown(text: str) -> bool:
    return bool(_FRONT_MATTER.match(text))
