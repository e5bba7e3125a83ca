"""Turning what a user hands us (text, Markdown, HTML, a dict, bytes) into an Article."""

from __future__ import annotations

import codecs
import dataclasses
import math
import re
from collections.abc import Mapping
from os import PathLike
from typing import Any

from quality.article import (
    METADATA_FIELDS,
    Article,
    check_unicode,
    normalise_date,
    plain_value,
    with_origins,
)
from quality.errors import ArticleTooLargeError, InputError, InvalidTextError
from quality.inputs.charset import declared_charset, decode_declared
from quality.inputs.jsonl import json_type

#: Input formats ``load_article`` understands; "auto" sniffs the text.
FORMATS = ("auto", "text", "markdown", "mdx", "html")

#: The most characters an article's text, or its HTML, may hold (``max_chars``), for one
#: article as for a batch: scoring takes several seconds per million characters, so a caller
#: handed a 200 MB dump would wait many minutes. Real articles are far shorter; anything
#: this size is a dump or a bug. ``max_chars=None`` lifts the limit.
DEFAULT_MAX_CHARS = 5_000_000

#: The fields that hold the article itself rather than metadata about it.
_CONTENT_FIELDS = ("text", "html")

#: Keys accepted in a mapping, and the article field each feeds.
MAPPING_KEYS = {
    "id": "id",
    "text": "text",
    "html": "html",
    "title": "title",
    "byline": "byline",
    "author": "byline",
    "url": "url",
    "published": "published",
    "date": "published",
    "publisher": "publisher",
    "language": "language",
}

_EXTENSION_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "mdx",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}
#: The files a folder is searched for, by `quality lint` and `quality score` alike: every
#: format above, and a JSON record (an article with its metadata).
ARTICLE_EXTENSIONS = (*_EXTENSION_FORMATS, ".json")
_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


def format_for_path(path: str) -> str:
    """The input format a file name implies ("auto" when its extension says nothing)."""
    lowered = path.lower()
    for extension, fmt in _EXTENSION_FORMATS.items():
        if lowered.endswith(extension):
            return fmt
    return "auto"


#: How much of a file is looked at to tell a binary file from text.
_BINARY_SNIFF = 8192
_UNICODE_MARKS = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def unicode_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when ``data`` starts with that encoding's byte-order mark."""
    for mark, name in _UNICODE_MARKS:
        if data.startswith(mark):
            return name
    return None


def wide_unicode(data: bytes) -> str | None:
    """What is wrong with ``data`` when it is UTF-16 or UTF-32 text (what Windows tools save
    as "Unicode"), with or without a byte-order mark; None for anything else."""
    head = data[:_BINARY_SNIFF]
    if b"\x00" not in head:
        return None
    encoding = unicode_encoding(head)
    if encoding is not None:
        return f"{encoding} text, not UTF-8; save the file as UTF-8"
    # Without a byte-order mark, UTF-16 text in a Latin script has a NUL in every other
    # byte, always on the same side.
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if len(head) >= 8 and max(even, odd) >= len(head) // 4 and min(even, odd) == 0:
        return "UTF-16 text without a byte-order mark, not UTF-8; save it as UTF-8"
    # UTF-32 has a NUL in its top byte of every character, whatever the script (the highest
    # code point is U+10FFFF); in a Latin script the bottom byte is never NUL.
    lanes = [head[lane::4] for lane in range(4)]
    if len(head) >= 16 and any(
        top.count(0) == len(top) and not bottom.count(0)
        for top, bottom in ((lanes[0], lanes[3]), (lanes[3], lanes[0]))
    ):
        return "UTF-32 text without a byte-order mark, not UTF-8; save it as UTF-8"
    return None


def refuse_binary(data: bytes) -> None:
    """An InputError for data that is binary (a NUL byte near its start), not text; UTF-16
    and UTF-32 text is named as such (``wide_unicode``)."""
    if b"\x00" not in data[:_BINARY_SNIFF]:
        return
    raise InputError(wide_unicode(data) or "binary file (contains NUL bytes), not an article")


def utf8_problem(data: bytes, exc: UnicodeDecodeError) -> str:
    """Where ``data`` stops being UTF-8, as ``exc`` (from decoding it) found: "not valid
    UTF-8 (byte 11, line 2: b'\\xe9')"."""
    # The error's position is in the bytes after a byte-order mark.
    start = exc.start + len(data) - len(exc.object)
    line = data.count(b"\n", 0, start) + 1
    return f"not valid UTF-8 (byte {start}, line {line}: {data[start : start + 1]!r})"


def decode(data: bytes, *, name: str | None = "input") -> str:
    """UTF-8 text (a byte-order mark dropped), or HTML or XML that is not UTF-8 decoded with
    the charset it declares (``<meta charset>``, an XML declaration); an InvalidTextError
    names the first bad byte and its line (or the declared charset that cannot be used),
    after ``name`` ("input is not valid UTF-8 ...") when one is given. UTF-16 and UTF-32
    text is named as such (``wide_unicode``), rather than as bad UTF-8 at byte 0 or as text
    with a NUL between every two letters."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        encoding = unicode_encoding(data)
        if encoding is not None:
            # Refused as the linter and the batch scorer refuse such files: one rule for
            # every way in. The mark makes the encoding certain, so the message can name it.
            problem = f"{encoding} text, not UTF-8; decode it to a str first, or save it as UTF-8"
            raise InvalidTextError(f"{name} is {problem}" if name else problem) from exc
        declared = declared_charset(data)
        if declared is not None:
            return decode_declared(data, declared, name=name)
        problem = utf8_problem(data, exc)
        raise InvalidTextError(f"{name} is {problem}" if name else problem) from exc
    if "\x00" in text[:_BINARY_SNIFF]:
        # UTF-16 or UTF-32 text of a Latin script without a byte-order mark is valid UTF-8,
        # a NUL between every two letters, which would be scored as text no one can read.
        wide = wide_unicode(data)
        if wide is not None:
            raise InvalidTextError(f"{name} is {wide}" if name else wide)
    return text


def printable_path(path: str) -> str:
    """``path`` as Unicode text for reports: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) are shown as escapes like ``\\xe9``, so that JSON and
    other UTF-8 output stays valid."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def load_article(
    source: Any = None,
    /,
    *,
    format: str = "auto",
    max_chars: int | None = DEFAULT_MAX_CHARS,
    **fields: Any,
) -> Article:
    """An Article from text, bytes, a mapping, or an Article, plus keyword metadata (which
    wins over the same field in a mapping).

    Text or HTML longer than ``max_chars`` characters raises ``ArticleTooLargeError``
    before any work is done on it; ``max_chars=None`` scores any length.
    """
    if format not in FORMATS:
        raise InputError(f"unknown input format {format!r}; expected one of {', '.join(FORMATS)}")
    _check_max_chars(max_chars)
    unknown = set(fields) - _KEYWORDS
    if unknown:
        raise InputError(_unknown_fields_message(unknown))
    if source is None:
        source = {key: value for key, value in fields.items()}
        fields = {}
    else:
        _refuse_second_content(fields)
    if isinstance(source, Article):
        check_length("text", source.text, max_chars)
        article = source
    elif isinstance(source, (bytes, bytearray, str)):
        text = decode(bytes(source)) if not isinstance(source, str) else source
        check_length("text", text, max_chars)
        # A page's URL helps read its date and publisher, so it goes to the extractor too.
        url = fields.get("url") if isinstance(fields.get("url"), str) else None
        article = from_string(text, format=format, url=url)
    elif isinstance(source, Mapping):
        for name in _CONTENT_FIELDS:
            value = source.get(name)
            if isinstance(value, str):
                check_length(name, value, max_chars)
        article = from_mapping(source, format=format)
    else:
        # A str is always the article's text, never a file name; a path object is refused
        # with what to do instead.
        hint = "; read the file first (path.read_bytes())" if isinstance(source, PathLike) else ""
        raise InputError(
            "an article must be text, bytes, a mapping or an Article, "
            f"got {type(source).__name__}{hint}"
        )
    given = {key: value for key, raw in fields.items() if (value := _given(key, raw)) is not None}
    if "id" in given:
        given["id"] = article_id(given["id"])
    return article.with_fields(**given) if given else article


def _given(name: str, value: Any) -> Any:
    """A field's value, or None when it says nothing: a missing-value marker (NaN, NaT) or
    a blank metadata string (a scraper's empty "byline"), which would otherwise count as a
    byline or title that is there."""
    value = plain_value(value)
    if name in METADATA_FIELDS and isinstance(value, str) and not value.strip():
        return None
    return value


#: The keywords ``load_article`` takes for an article's fields.
_KEYWORDS = frozenset(MAPPING_KEYS.values())


def _unknown_fields_message(unknown: set[str]) -> str:
    """What is wrong with keywords that name no field: a record's other names for a field
    ("author", "date") are pointed to the keyword, and the keywords there are listed."""
    named = []
    for name in sorted(unknown):
        field = MAPPING_KEYS.get(name) or MAPPING_KEYS.get(name.lower())
        named.append(f"{name} (use {field}=)" if field else name)
    return (
        f"unknown article field(s): {', '.join(named)}; the keywords are text=, html=, "
        + ", ".join(f"{name}=" for name in (*METADATA_FIELDS, "id"))
    )


def check_length(name: str, value: str, max_chars: int | None) -> None:
    """An ArticleTooLargeError when ``value`` (the article's ``name`` field) is longer than
    ``max_chars`` characters (None: no limit)."""
    if max_chars is not None and len(value) > max_chars:
        raise ArticleTooLargeError(name, len(value), max_chars)


def _check_max_chars(max_chars: object) -> None:
    if max_chars is None:
        return
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise InputError(
            "max_chars must be a whole number of characters, at least 1, or None for no "
            f"limit; got {max_chars!r}"
        )


def _refuse_second_content(fields: Mapping[str, Any]) -> None:
    # The article was given as the first argument, so a text= or html= beside it is a
    # second article: replacing one with the other would silently score only one of them
    # (and a text= would skip the reading of line ends, front matter and markup).
    given = [name for name in _CONTENT_FIELDS if fields.get(name) is not None]
    if given:
        raise InputError(
            f"the article is given twice: as the first argument and as {given[0]}=; give "
            "one of them (metadata may be given beside it as keywords)"
        )


def with_line_feeds(text: str) -> str:
    """``text`` with each carriage return that stands alone (old Mac files) made a line feed:
    such a return ends a line as editors show it, and one character for one keeps offsets
    into the text offsets into the file."""
    return _LONE_CARRIAGE_RETURN.sub("\n", text) if "\r" in text else text


def from_string(text: str, *, format: str = "auto", url: str | None = None) -> Article:
    from quality.inputs import markdown, webpage

    text = with_line_feeds(text)
    if format == "auto":
        if markdown.looks_like_markdown(text):
            format = "markdown"
        elif webpage.looks_like_html(text):
            format = "html"
        else:
            format = "text"
    if format == "html":
        return from_html(text, url=url)
    if format in ("markdown", "mdx"):
        front, body_start = markdown.parse_front_matter(text)
        if "published" in front:
            front["published"] = normalise_date(front["published"], field_name="date")
        # After the date is read: a blank one is no date, and has no origin.
        origins = {key: "front-matter" for key, value in front.items() if value is not None}
        return Article(
            text=markdown.mask_markdown(text, body_start, mdx=format == "mdx"),
            origins=origins,
            source_format="markdown",
            **front,
        )
    return Article(text=text)


def from_html(html: str, *, url: str | None = None) -> Article:
    from quality.inputs import webpage

    # Checked before extraction, which would drop the page's text (lxml cannot encode a
    # lone surrogate) and report a page that shows no text.
    check_unicode("html", html)
    page = webpage.extract_page(html, url=url)
    return Article(
        text=page.text,
        html=html,
        origins={key: "html" for key in page.fields},
        stripped=page.stripped,
        source_format="html",
        **page.fields,
    )


def from_mapping(record: Mapping[str, Any], *, format: str = "auto") -> Article:
    values: dict[str, Any] = {}
    for key, value in record.items():
        target = MAPPING_KEYS.get(key)
        if target is None or target in values:
            continue
        value = _given(target, value)
        if value is None:
            continue
        if target in (*METADATA_FIELDS, "text", "html") and not isinstance(value, str):
            if target == "published" and not isinstance(value, bool):
                values[target] = value
                continue
            raise InputError(f"'{key}' must be a string, got {json_type(value)}")
        if target == "id":
            value = article_id(value)
        values[target] = value
    text = values.pop("text", None)
    html = values.pop("html", None)
    if text is None and html is None:
        from quality.inputs.jsonfeed import FEED_NOT_ARTICLE, is_json_feed

        if is_json_feed(record):
            raise InputError(f"article has neither 'text' nor 'html': {FEED_NOT_ARTICLE}")
        raise InputError("article has neither 'text' nor 'html'")
    if text is None or (html is not None and not text.strip()):
        # A blank "text" beside the page's HTML (a scraper's empty field) leaves the HTML as
        # the article, not an empty one.
        base = from_html(html, url=values.get("url"))
    elif format in ("auto", "text"):
        # Built at once: a copy made through with_fields would check every field again, and
        # this is the path of every record of a batch.
        return Article(text=with_line_feeds(text), html=html, **with_origins(values, "metadata"))
    else:
        base = from_string(text, format=format)
        if html is not None:
            base = dataclasses.replace(base, html=html)
    return base.with_fields(**values) if values else base


def article_id(value: Any) -> str:
    """An article's id as a string: a record's or caller's id may be a number (a row id).
    ``value`` has been through ``_given`` (numpy's numbers read as Python's)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"'id' must be a string or number, got {json_type(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"'id' must be a finite number, got {value}")
    try:
        return str(value)
    except ValueError:  # an integer of more than sys.get_int_max_str_digits() digits
        raise InputError("'id' is a number too long to write out") from None


def with_text_metadata(article: Article) -> Article:
    """Fill a missing date or byline from a dateline or byline at the top of the text."""
    from quality.inputs.textmeta import find_byline, find_dateline

    found: dict[str, str] = {}
    if article.published is None:
        dateline = find_dateline(article.text)
        if dateline is not None:
            found["published"] = dateline.iso
    if article.byline is None:
        byline = find_byline(article.text)
        if byline:
            found["byline"] = byline
    return article.with_fields("text", **found) if found else article
