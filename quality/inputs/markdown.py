"""Markdown: front matter becomes metadata; markup is blanked so offsets stay true."""

from __future__ import annotations

import re
from typing import Any

from quality.errors import InputError

_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)\r?\n(?P=fence)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL,
)

# Markup that is not prose. Each pattern blanks the whole match, or only the named
# group ``mark`` where the inner text is prose worth reading.
_FENCED_CODE = re.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", re.MULTILINE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(?P<open>\[)(?P<label>[^\]\n]*)(?P<close>\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$", re.MULTILINE)
_LINE_MARKERS = re.compile(
    r"^(?P<mark>[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))", re.MULTILINE
)
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_])")
_RULE_LINE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")

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
        if target is None or target in fields or value is None:
            continue
        if target == "language" and not isinstance(value, str):
            # A number, list or YAML's `no` (read as false) is no language code to guess from.
            raise InputError(
                f"front matter '{key}' must be a language code such as \"en\" (quoted if "
                f"need be), got {type(value).__name__} {value!r}"
            )
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        if target != "published" and not isinstance(value, str):
            value = str(value)
        fields[target] = value
    return fields, match.end()


def mask_markdown(text: str, body_start: int = 0) -> str:
    """The text with front matter and Markdown markup replaced by spaces.

    Newlines are kept, so line and column numbers are those of the original file.
    """
    chars = list(text)
    _blank(chars, 0, body_start)
    body = text
    for pattern in (_FENCED_CODE, _HTML_COMMENT, _IMAGE, _LINK_DEFINITION, _RULE_LINE):
        for m in pattern.finditer(body, body_start):
            _blank(chars, m.start(), m.end())
    for m in _INLINE_CODE.finditer(body, body_start):
        _blank(chars, m.start(), m.end())
    for m in _LINK.finditer(body, body_start):
        _blank(chars, m.start("open"), m.end("open"))
        _blank(chars, m.start("close"), m.end("close"))
    for m in _LINE_MARKERS.finditer(body, body_start):
        _blank(chars, m.start("mark"), m.end("mark"))
    for m in _HEADING_CLOSE.finditer(body, body_start):
        _blank(chars, m.start(), m.end())
    for m in _EMPHASIS.finditer(body, body_start):
        marker = len(m.group(1))
        _blank(chars, m.start(), m.start() + marker)
        _blank(chars, m.end() - marker, m.end())
    for m in _HTML_TAG.finditer(body, body_start):
        _blank(chars, m.start(), m.end())
    return "".join(chars)


def looks_like_markdown(text: str) -> bool:
    return bool(_FRONT_MATTER.match(text))
