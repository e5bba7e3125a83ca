"""Markdown: front matter becomes metadata; markup is blanked so offsets stay true."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from quality.errors import InputError

_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)\r?\n(?P=fence)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL,
)

# Markup that is not prose. Each pattern blanks the whole match, or only the named
# group ``mark`` where the inner text is prose worth reading.
# A fence closes only on a line of its own character at least as long as the one that
# opened it, so a ```` block can show ``` inside it (CommonMark).
_FENCED_CODE = re.compile(
    r"^[ \t]*(`{3,}|~{3,})[^\n]*(?:\n.*?(?:^[ \t]*\1[`~]*[ \t]*$|\Z)|\Z)",
    re.MULTILINE | re.DOTALL,
)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
# Images ![alt](url) and links [label](url) or [label][ref] are found by _bracket_spans,
# which finds what !\[[^\]\n]*\]\([^)\n]*\) and
# (\[)([^\]\n]*)(\]\([^)\n]*\)|\]\[[^\]\n]*\]) would without rescanning a line for
# every unclosed "[".
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$", re.MULTILINE)
_LINE_MARKERS = re.compile(
    r"^(?P<mark>[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))", re.MULTILINE
)
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
# Emphasis is paired by _emphasis_spans rather than a regex such as
# (?<![\w*_])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_]): that regex finds the same
# pairs, but every opener without a closer scans to the end of its line, which made a
# line of 20,000 unclosed asterisks take half a minute.
_EMPHASIS_OPENER = re.compile(r"(?<![\w*_])(?:\*{1,3}|_{1,3})(?=\S)")
_EMPHASIS_RUN = re.compile(r"\*+|_+")
_RULE_LINE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
# The tag's rest is taken even without its ">", so that an unclosed "<a" consumes its line
# and the "<"s after it on that line (which could not close either) are not retried.
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*(?P<close>>)?")

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
    "date_published": "published",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "publisher": "publisher",
    "site": "publisher",
    "source": "publisher",
    "lang": "language",
    "language": "language",
}


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def parse_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """The front matter's fields (mapped to article fields) and where the body starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    raw = match.group("body")
    data: Any
    if match.group("fence") == "---":
        import yaml

        try:
            data = yaml.safe_load(raw) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"front matter is not valid YAML: {exc}") from exc
        except ValueError as exc:  # a well-formed value YAML cannot build, e.g. 2024-02-30
            raise InputError(f"front matter has an impossible date or value: {exc}") from exc
    else:
        from quality._toml import tomllib

        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"front matter is not valid TOML: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys to values")
    fields: dict[str, Any] = {}
    for key, value in data.items():
        target = FRONT_MATTER_KEYS.get(str(key).lower())
        if target is None or target in fields or value is None or value == "":
            continue
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
        if target != "published" and not isinstance(value, str):
            value = str(value)
        fields[target] = value
    return fields, match.end()


def _name_of(value: Any) -> str:
    """A front-matter value as text; an author given as a mapping (Hugo's and Jekyll's
    ``author: {name: ...}``) by its name."""
    if isinstance(value, dict):
        for key in ("name", "title", "display_name"):
            if isinstance(value.get(key), str):
                return value[key]
    return str(value)


def mask_markdown(text: str, body_start: int = 0) -> str:
    """The text with front matter and Markdown markup replaced by spaces.

    Newlines are kept, so line and column numbers are those of the original file.
    """
    chars = list(text)
    _blank(chars, 0, body_start)
    body = text
    for start, end in fenced_code_spans(body, body_start):
        _blank(chars, start, end)
    for start, end in _html_comment_spans(body, body_start):
        _blank(chars, start, end)
    for start, end in _script_and_style_spans(body, body_start):
        _blank(chars, start, end)
    for start, _, end in _bracket_spans(body, body_start, image=True):
        _blank(chars, start, end)
    for pattern in (_LINK_DEFINITION, _RULE_LINE):
        for m in pattern.finditer(body, body_start):
            _blank(chars, m.start(), m.end())
    for m in _INLINE_CODE.finditer(body, body_start):
        _blank(chars, m.start(), m.end())
    for start, close, end in _bracket_spans(body, body_start):
        _blank(chars, start, start + 1)
        _blank(chars, close, end)
    for m in _LINE_MARKERS.finditer(body, body_start):
        _blank(chars, m.start("mark"), m.end("mark"))
    for m in _HEADING_CLOSE.finditer(body, body_start):
        _blank(chars, m.start(), m.end())
    for start, end, marker in _emphasis_spans(body, body_start):
        _blank(chars, start, start + marker)
        _blank(chars, end - marker, end)
    for m in _HTML_TAG.finditer(body, body_start):
        if m.group("close"):
            _blank(chars, m.start(), m.end())
    return "".join(chars)


def fenced_code_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block (``` or ~~~; unclosed: to the end), in order."""
    return [(m.start(), m.end()) for m in _FENCED_CODE.finditer(text, start)]


class _Next:
    """The next position of any of some characters (the text's length if none).

    An answer holds for every position between the one asked and itself, so when positions
    are asked in rising order, as a left-to-right scan does, the text is searched once.
    """

    def __init__(self, text: str, chars: str):
        self.text = text
        self.chars = chars
        self.asked = 0
        self.found = -1

    def __call__(self, position: int) -> int:
        if not self.asked <= position <= self.found:
            hits = [h for h in (self.text.find(c, position) for c in self.chars) if h >= 0]
            self.asked, self.found = position, min(hits) if hits else len(self.text)
        return self.found


def _bracket_spans(text: str, start: int, *, image: bool = False) -> list[tuple[int, int, int]]:
    """(start, where the label's "]" is, end) of each link, or with ``image`` each image.

    A label runs to the first "]", a URL to the first ")" and a reference to the next "]";
    none crosses a line.
    """
    # One finder per kind of question, so that each is asked in rising order.
    label_end, reference_end = _Next(text, "]\n"), _Next(text, "]\n")
    paren_end = _Next(text, ")\n")
    spans: list[tuple[int, int, int]] = []
    opener = "![" if image else "["
    position = start
    length = len(text)
    while (at := text.find(opener, position)) >= 0:
        close = label_end(at + len(opener))
        end = -1
        if close < length and text[close] == "]" and close + 1 < length:
            after = text[close + 1]
            if after == "(":
                found = paren_end(close + 2)
                if found < length and text[found] == ")":
                    end = found + 1
            elif after == "[" and not image:
                found = reference_end(close + 2)
                if found < length and text[found] == "]":
                    end = found + 1
        if end < 0:
            position = at + 1
        else:
            spans.append((at, close, end))
            position = end
    return spans


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
    line_start = start
    length = len(text)
    while line_start <= length:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = length
        if "*" in text[line_start:line_end] or "_" in text[line_start:line_end]:
            spans.extend(_line_emphasis(text, line_start, line_end))
        line_start = line_end + 1
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
