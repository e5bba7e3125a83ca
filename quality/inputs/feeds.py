"""RSS and Atom feeds: each entry becomes an article record.

An entry's HTML content is a fragment, not a page, so it is turned into plain text here (one
paragraph per block element) rather than handed to the page extractor, which is built to throw
away navigation around an article and can throw away a short entry whole. The HTML is kept in
the record's ``html`` field.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from quality.article import normalise_date, normalise_language
from quality.errors import InputError
from quality.inputs.urls import site_name

if TYPE_CHECKING:
    from quality.batch import FailedInput

FEED_EXTENSIONS = (".rss", ".atom", ".xml")
#: The same, gzip-compressed (as feed archives are kept): read through gzip.
_COMPRESSED_FEED_EXTENSIONS = tuple(f"{extension}.gz" for extension in FEED_EXTENSIONS)
# An entry's start tag, namespaced or not; escaped markup in content cannot match.
_ENTRY_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)(?=[\s/>])")

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "figure",
        "figcaption",
        "hr",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
# Marks the end of a table cell while the text is assembled; lxml refuses NUL in markup and
# reads "&#0;" as U+FFFD, so it cannot come from the entry itself.
_CELL_END = "\x00"
# Between the cells of a row: how the page extractor writes table rows too.
_CELL_SEPARATOR = " | "


def has_feed_extension(name: str) -> bool:
    return name.lower().endswith(FEED_EXTENSIONS + _COMPRESSED_FEED_EXTENSIONS)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file look like an RSS or Atom document."""
    start = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not start.startswith(b"<"):
        return False
    return b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed as an article record, with where it starts in the feed file
    (``line`` is None when it cannot be told), so that an error can point at it."""

    source: str
    line: int | None
    record: dict[str, Any]


def read_feed(data: bytes, source: str) -> Iterator[dict[str, Any]]:
    """One article record per entry of the feed in ``data``, in document order.

    An entry that cannot be turned into a record raises ``InputError`` when it is reached:
    a caller of this function has no way to be handed an error in its place.
    """
    for entry in feed_entries(data, source):
        if not isinstance(entry, FeedEntry):
            raise InputError(entry.message)
        yield entry.record


def feed_entries(data: bytes, source: str) -> Iterator[FeedEntry | FailedInput]:
    """Each entry of the feed in ``data``, in document order, with its line in the file.

    An entry that cannot be turned into a record comes out as a ``FailedInput`` in its place,
    so it gets an error line of its own and the entries after it are still read.
    """
    import feedparser

    # Imported here: quality.batch imports this module for FeedEntry.
    from quality.batch import FailedInput

    try:
        parsed = feedparser.parse(_without_bad_references(data))
    except (ValueError, OverflowError) as exc:  # how feedparser's fallback parser fails
        raise InputError(
            f"{source}: not a readable RSS or Atom feed ({type(exc).__name__}: {exc})"
        ) from exc
    if not parsed.entries and parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        raise InputError(f"{source}: not a readable RSS or Atom feed ({problem})")
    if not parsed.entries and not parsed.get("version"):
        # Well-formed XML that is not a feed (a sitemap, a page saved as .xml): saying so
        # beats writing nothing at all for it.
        raise InputError(f"{source}: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF>)")
    feed = parsed.feed
    publisher = _plain_text(feed, "title")
    language = _language(feed.get("language") or feed.get("lang"))
    home = _web_address(feed.get("link"))
    lines = _entry_lines(data)
    if len(lines) != len(parsed.entries):
        lines = [None] * len(parsed.entries)  # markup the tag scan misread: no guessing
    for position, (entry, line) in enumerate(zip(parsed.entries, lines, strict=True), start=1):
        try:
            record = entry_record(
                entry, position, source=source, publisher=publisher, language=language, home=home
            )
        except Exception as exc:  # whatever one entry holds must not stop the whole run
            where = f"entry {position}" if line is None else f"entry {position} (line {line})"
            message = f"{source}: {where} cannot be read: {type(exc).__name__}: {exc}"
            yield FailedInput(source, "InvalidFeed", message, line)
            continue
        yield FeedEntry(source, line, record)


#: A numeric character reference, decimal or hexadecimal.
_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_REPLACEMENT_REFERENCE = b"&#xFFFD;"


def _without_bad_references(data: bytes) -> bytes:
    """``data`` with each character reference to no character (half of a surrogate pair,
    or past U+10FFFF) made one to U+FFFD, as HTML reads it: feedparser's fallback parser
    fails on one with an exception, which lost the whole feed."""
    if b"&#" not in data:
        return data

    def replace(reference: re.Match[bytes]) -> bytes:
        hexadecimal, decimal = reference.groups()
        digits = (hexadecimal or decimal).lstrip(b"0")
        if len(digits) > 8:
            return _REPLACEMENT_REFERENCE
        value = int(digits or b"0", 16 if hexadecimal else 10)
        if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            return _REPLACEMENT_REFERENCE
        return reference.group()

    return _CHARACTER_REFERENCE.sub(replace, data)


def _entry_lines(data: bytes) -> list[int | None]:
    """The 1-based line of each <item> or <entry> start tag, in document order. feedparser
    keeps no positions, and entries come out in document order, so the n-th tag is the
    n-th entry."""
    lines: list[int | None] = []
    line = 1
    position = 0
    for tag in _ENTRY_TAG.finditer(data):
        line += data.count(b"\n", position, tag.start())
        position = tag.start()
        lines.append(line)
    return lines


def entry_record(
    entry: Any,
    position: int,
    *,
    source: str,
    publisher: str | None,
    language: str | None,
    home: str | None = None,
) -> dict[str, Any]:
    """The article record of one feed entry. ``home`` is the feed's own web address, which
    a relative entry link is read against."""
    url = _link(entry, home)
    record: dict[str, Any] = {
        "id": _clean(entry.get("id")) or url or f"{source}#{position}",
        "title": _plain_text(entry, "title"),
        "byline": _byline(entry),
        "url": url,
        "published": _published(entry),
        "publisher": publisher or (site_name(url) if url else None),
        "language": language,
    }
    body, content_type = _body(entry)
    if body is None:
        record["text"] = None
    elif "html" in content_type:
        record["text"] = html_fragment_text(body)
        record["html"] = body
    else:
        record["text"] = body
    return {key: value for key, value in record.items() if value is not None or key == "text"}


def _link(entry: Any, home: str | None) -> str | None:
    """The entry's web address. feedparser also copies an RSS <guid> (a permalink unless it
    says otherwise) or an Atom <id> into the link of an entry that has no <link>, and an id
    need not be an address at all ("urn:uuid:...", "post-17"): such a copy is kept only when
    it is one. A relative link is read against the feed's own address, as a browser would."""
    link = _clean(entry.get("link"))
    if link is None:
        return None
    from_link_element = bool(entry.get("links"))
    if not from_link_element and _web_address(link) is None:
        return None
    if home is None:
        return link
    try:
        return urljoin(home, link)
    except ValueError:  # a malformed address (an unclosed IPv6 bracket) is kept as written
        return link


def _web_address(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) address, else None."""
    cleaned = _clean(value)
    if cleaned is None:
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
        return None
    return cleaned if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _plain_text(element: Mapping[str, Any], key: str) -> str | None:
    """A title as plain text: feedparser leaves the markup in one the feed types as HTML or
    XHTML (Atom's type="html", or an RSS title it finds tags in), and a title is text."""
    value = _clean(element.get(key))
    detail = element.get(f"{key}_detail") or {}
    if value is None or "html" not in str(detail.get("type", "")):
        return value
    return _clean(" ".join(html_fragment_text(value).split()))


def _byline(entry: Any) -> str | None:
    """The author's name: feedparser writes an author given with an address as
    "jane@example.com (Jane Doe)", and the byline is the name."""
    detail = entry.get("author_detail") or {}
    return _clean(detail.get("name")) or _clean(entry.get("author"))


def _body(entry: Any) -> tuple[str | None, str]:
    """The entry's fullest text: its content if it has any, else its summary."""
    for content in entry.get("content") or ():
        value = content.get("value")
        if value and value.strip():
            return value, content.get("type", "text/html")
    summary = entry.get("summary")
    if summary and summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, detail.get("type", "text/html")
    return None, ""


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk markup; raw text beats nothing
        return fragment
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []
    _walk(root, parts)
    lines = (_join_cells(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _join_cells(line: str) -> str:
    """One line with its whitespace collapsed and its table cells, empty ones left out,
    joined by ``_CELL_SEPARATOR``."""
    cells = (" ".join(cell.split()) for cell in line.split(_CELL_END))
    return _CELL_SEPARATOR.join(cell for cell in cells if cell)


def _walk(element: Any, parts: list[str]) -> None:
    if not isinstance(element.tag, str):
        # A comment (the HTML parser reads processing instructions as comments too): markup
        # for editors, such as WordPress block markers, not text. Its tail is text, and the
        # parent adds it.
        return
    tag = element.tag.lower()
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if tag in _CELL_TAGS:
        parts.append(_CELL_END)
    if block:
        parts.append("\n")


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _published(entry: Any) -> str | None:
    """The entry's published (else updated) date as the publisher wrote it.

    feedparser's ``*_parsed`` structs are in UTC, which can move a late-evening date to the
    next day; reading the raw string as JSON Lines records are read keeps the writer's date.
    The struct is only for strings that reading cannot make sense of.
    """
    for key in ("published", "updated"):
        date = _raw_date(entry.get(key)) or _date(entry.get(f"{key}_parsed"))
        if date:
            return date
    return None


def _raw_date(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return normalise_date(value)
    except (ValueError, OverflowError):  # InputError is a ValueError
        return None


def _date(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _language(value: Any) -> str | None:
    cleaned = _clean(value)
    try:
        language = normalise_language(cleaned) if cleaned else None
    except InputError:
        return None
    # A code (ISO 639), not a name: <language>English</language> leaves it to detection.
    return language if language is not None and len(language) <= 3 else None
