"""RSS and Atom feeds: each entry becomes an article record.

An entry's HTML content is a fragment, not a page, so it is turned into plain text here (one
paragraph per block element) rather than handed to the page extractor, which is built to throw
away navigation around an article and can throw away a short entry whole. The HTML is kept in
the record's ``html`` field.

A feed is read as it arrives, an entry at a time, so that an archive of 100,000 entries
neither waits for the whole file before its first record nor holds every parsed entry in
memory. The bytes are prepared as ``feedparser.parse`` prepares a whole document (read in the
encoding it declares, else UTF-8; its DOCTYPE replaced; a character reference to no character
made one to U+FFFD), a chunk at a time, and go to the parser ``feedparser.parse`` uses for
well-formed XML: feedparser's strict SAX handler, here on an incremental expat parser. Each
entry is handed on once the chunk its end tag is in has been parsed, and dropped; its line is
the parser's. The handler is feedparser's own and reads the same text in the same order, so
each entry is the one a whole-document reading gives.

Every entry takes the feed's title, link and language, which a whole-document reading has
read in full wherever in the feed they are. Feeds give them first, in a header before their
first entry, and such a feed's entries are handed on at once. A feed that has not given its
title by the start of its first entry may give its header after its entries, or between
them: its entries are held back until it has given all three, or has ended, and are then
handed on together, as a whole-document reading gives them. So that an archive that never
gives them is not held whole, no more than the first ``_HELD_ENTRIES_LIMIT`` entries and
``_HELD_BYTES_LIMIT`` bytes of a feed are held: past that, they are handed on with what the
feed has given so far. A field read after some entries are out (the language of a feed that
gave its title first and its language last) is lent to the entries after it alone.

feedparser reads a document that is not well-formed XML (a stray "&", "&nbsp;" in RSS, a file
cut short) or not in the encoding it declares with its lenient parser, from the start (a UTF-8
document with a few stray bytes of another encoding is mended first, see ``_utf8_mended``,
rather than read whole in Windows-1252, as feedparser would). When
that shows before the first entry is out, the whole document is read as ``feedparser.parse``
reads it, with the same records and errors as ever. When it shows later (a stray "&" in entry
5,000 of an archive), the entries already handed on stay (read strictly, where a lenient
reading can differ in oddities such as a lone carriage return), and the rest come from a
whole-document reading (of the bytes given, of a seekable file from where it was, or of a
copy of a pipe kept as it was read): its entries after as many as were handed on, once its
entry at that position is found to be the last one handed on (same line, else same id and
link), so that none is given twice or skipped. If they do not line up, or the whole document
cannot be read either, one ``InvalidFeed`` error line says after which entry, and at which
line, reading stopped. The rest rather than an error: the whole-document reading always gave
every entry of such a feed, and an error would lose the rest of an archive to one stray
character. Such a feed costs the time and memory of a whole-document reading, as before.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import functools
import io
import re
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from quality.article import normalise_date, normalise_language
from quality.errors import InputError
from quality.inputs.urls import site_name

if TYPE_CHECKING:
    from quality.batch import FailedInput

FEED_EXTENSIONS = (".rss", ".atom", ".xml")
#: What may come before the first character of a document: a UTF-8 byte-order mark, blanks.
BOM_AND_BLANKS = b"\xef\xbb\xbf \t\r\n"
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

#: How much of a feed is read at a time (as much as feedparser reads at a time).
_CHUNK_BYTES = 1 << 16
#: How far the start of the root element is looked for: what comes before it (the XML
#: declaration, a DOCTYPE, comments) is rewritten in one piece, as feedparser does.
_PROLOGUE_LIMIT_BYTES = 1 << 20
#: The copy of a pipe kept for a whole-document reading goes to disk past this size.
_PIPE_COPY_MEMORY_BYTES = 1 << 23
#: How many entries of a feed that has not given its title by its first entry are held back
#: at most while its header may still come (parsed entries take several times their bytes).
_HELD_ENTRIES_LIMIT = 500
#: How much of such a feed is read at most while its entries are held back.
_HELD_BYTES_LIMIT = 1 << 21
_ROOT_START = re.compile(rb"<\w")
# How feedparser's reading starts each document it has decoded.
_UTF8_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
# The first bytes of a document in an encoding that is not ASCII-compatible (UTF-32 with a
# byte order mark, UTF-16 or UTF-32 without one, EBCDIC), as feedparser tells them.
_WIDE_STARTS = (
    codecs.BOM_UTF32_BE,
    b"\x4c\x6f\xa7\x94",
    b"\x00\x3c\x00\x3f",
    b"\x3c\x00\x3f\x00",
    b"\x00\x00\x00\x3c",
    b"\x3c\x00\x00\x00",
)
# Declared encodings feedparser takes to mean the byte order mark's.
_UNICODE_NAMES = frozenset(
    {
        "u16",
        "utf-16",
        "utf16",
        "utf_16",
        "u32",
        "utf-32",
        "utf32",
        "utf_32",
        "iso-10646-ucs-2",
        "iso-10646-ucs-4",
        "csucs4",
        "csunicode",
        "ucs-2",
        "ucs-4",
    }
)
# Codecs whose decoding a piece at a time need not be their decoding of the whole.
_WHOLE_TEXT_CODECS = frozenset({"idna", "punycode", "raw-unicode-escape", "unicode-escape"})


def has_feed_extension(name: str) -> bool:
    return name.lower().endswith(FEED_EXTENSIONS + _COMPRESSED_FEED_EXTENSIONS)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file look like an RSS or Atom document."""
    start = head[:4096].lstrip(BOM_AND_BLANKS).lower()
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


def read_feed(data: bytes | IO[bytes], source: str) -> Iterator[dict[str, Any]]:
    """One article record per entry of the feed in ``data`` (its bytes, or a binary file
    read from where it is), in document order, each as soon as it has been read.

    An entry that cannot be turned into a record raises ``InputError`` when it is reached:
    a caller of this function has no way to be handed an error in its place.
    """
    for entry in feed_entries(data, source):
        if not isinstance(entry, FeedEntry):
            raise InputError(entry.message)
        yield entry.record


def feed_entries(data: bytes | IO[bytes], source: str) -> Iterator[FeedEntry | FailedInput]:
    """Each entry of the feed in ``data`` (its bytes, or a binary file read from where it
    is), in document order, with its line in the file, each as soon as it has been read.

    An entry that cannot be turned into a record comes out as a ``FailedInput`` in its place,
    so it gets an error line of its own and the entries after it are still read. A feed that
    cannot be read at all raises ``NotAFeedError`` before any entry comes out. How a feed that
    is not well-formed XML is read is in the module's docstring.
    """
    feed_input = _FeedInput(data)
    try:
        streamed = _streamed_entries(feed_input.chunks())
        handover = _Handover(source)
        failure: _CannotStream | None = None
        while True:
            try:
                item = next(streamed)
            except StopIteration:
                break
            except _CannotStream as stop:
                failure = stop
                break
            yield from handover.take(item, feed_input.bytes_read)
        if failure is None:
            yield from handover.release()  # the feed has ended: its header is all read
            if handover.last is not None:
                return
        whole = feed_input.everything()
        if handover.last is not None:
            assert failure is not None  # a whole streamed feed has returned above
            yield from _entries_after(whole, source, handover.last, failure)
        elif handover.held:
            assert failure is not None
            yield from _held_then_whole_document(whole, source, handover, failure)
        elif failure is not None:
            yield from _without_cut_entry(_whole_document_entries(whole, source), failure, source)
        else:
            yield from _whole_document_entries(whole, source)
    finally:
        feed_input.close()


class NotAFeedError(InputError):
    """Input that cannot be read as a feed at all. ``data`` holds all of its bytes, read
    whole to find that out, so that a caller can take it for something else (a web page)
    without reading a pipe a second time."""

    def __init__(self, message: str, data: bytes):
        super().__init__(message)
        self.data = data


class _Landmark(NamedTuple):
    """Where an entry was in the feed, to find it again in another reading: its 1-based
    position, its line (None when not known) and its id and link."""

    position: int
    line: int | None
    identity: tuple[str | None, str | None]


def _identity(entry: Any) -> tuple[str | None, str | None]:
    return text_field(entry.get("id")), text_field(entry.get("link"))


class _StreamedEntry(NamedTuple):
    """An entry read a chunk at a time, with the line of its start tag (None when not
    known), the feed-level data read so far, and whether the feed had given its title by
    the start of the entry."""

    entry: Any
    line: int | None
    feed: Any
    titled: bool


#: The fields every entry takes from its feed (see ``_metadata``).
_FEED_FIELDS = frozenset({"title", "link", "language"})


def _given_fields(feed: Any) -> frozenset[str]:
    """Which of ``_FEED_FIELDS`` the feed has given so far. An empty one counts: a
    whole-document reading reads it empty too."""
    given = {name for name in ("title", "link") if name in feed}
    if "language" in feed or "lang" in feed:
        given.add("language")
    return frozenset(given)


class _Handover:
    """Turns streamed entries into records, in order, holding them back while the feed's
    header may still come after them (see the module's docstring), and keeps the landmark of
    the last one handed on."""

    def __init__(self, source: str):
        self.source = source
        self.last: _Landmark | None = None
        #: Entries read but not handed on; only ever the first entries of the feed.
        self.held: list[_StreamedEntry] = []
        self._holding: bool | None = None  # decided at the first entry
        self._given: frozenset[str] | None = None
        self._metadata: tuple[str | None, str | None, str | None] = (None, None, None)

    def take(self, item: _StreamedEntry, bytes_read: int) -> Iterator[FeedEntry | FailedInput]:
        """Hands on ``item`` (and those held before it) unless it is to be held back;
        ``bytes_read`` is how much of the feed has been read."""
        if self._holding is None:
            self._holding = not item.titled
        if not self._holding:
            yield self._item(item)
            return
        self.held.append(item)
        waiting = (
            _given_fields(item.feed) != _FEED_FIELDS
            and len(self.held) < _HELD_ENTRIES_LIMIT
            and bytes_read < _HELD_BYTES_LIMIT
        )
        if not waiting:
            yield from self.release()

    def release(self) -> Iterator[FeedEntry | FailedInput]:
        """Hands on every entry held back, with what the feed has given by now, and holds
        none back from here on."""
        self._holding = False
        held, self.held = self.held, []
        for item in held:
            yield self._item(item)

    def _item(self, item: _StreamedEntry) -> FeedEntry | FailedInput:
        given = _given_fields(item.feed)
        if given != self._given:  # read again only when a field has come
            self._given = given
            self._metadata = _metadata(item.feed)
        position = 1 if self.last is None else self.last.position + 1
        self.last = _Landmark(position, item.line, _identity(item.entry))
        return _feed_item(item.entry, position, item.line, self.source, self._metadata)


class _CannotStream(Exception):
    """Why a feed cannot be read further a chunk at a time, and the line of the file where
    that showed, when known; ``cut_entry_line`` is the line of the entry the feed's bytes end
    inside, when they do (a file cut short)."""

    def __init__(self, reason: str, line: int | None = None, cut_entry_line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.cut_entry_line = cut_entry_line


def _feed_item(
    entry: Any,
    position: int,
    line: int | None,
    source: str,
    metadata: tuple[str | None, str | None, str | None],
) -> FeedEntry | FailedInput:
    """The record of one entry, or the error line that takes its place."""
    # Imported here: quality.batch imports this module for FeedEntry.
    from quality.batch import FailedInput

    publisher, language, home = metadata
    try:
        record = entry_record(
            entry, position, source=source, publisher=publisher, language=language, home=home
        )
    except Exception as exc:  # whatever one entry holds must not stop the whole run
        where = f"entry {position}" if line is None else f"entry {position} (line {line})"
        message = f"{source}: {where} cannot be read: {type(exc).__name__}: {exc}"
        return FailedInput(source, "InvalidFeed", message, line)
    return FeedEntry(source, line, record)


def _metadata(feed: Any) -> tuple[str | None, str | None, str | None]:
    """What every entry takes from its feed: publisher, language and the feed's address."""
    return (
        _plain_text(feed, "title"),
        _language(feed.get("language") or feed.get("lang")),
        _web_address(feed.get("link")),
    )


# --------------------------------------------------------------------------- whole document


def _whole_document(data: bytes, source: str) -> tuple[Any, list[int | None]]:
    """The feed in ``data`` as ``feedparser.parse`` reads a whole document, and the line of
    each entry (all None when they cannot be told)."""
    import feedparser

    try:
        # Bytes in a file object: feedparser would first try bytes as a path to open.
        parsed = feedparser.parse(io.BytesIO(_without_bad_references(_utf8_mended(data))))
    except (ValueError, OverflowError) as exc:  # how feedparser's fallback parser fails
        raise NotAFeedError(
            f"{source}: not a readable RSS or Atom feed ({type(exc).__name__}: {exc})", data
        ) from exc
    if not parsed.entries and parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        raise NotAFeedError(f"{source}: not a readable RSS or Atom feed ({problem})", data)
    if not parsed.entries and not parsed.get("version"):
        # Well-formed XML that is not a feed (a sitemap, a page saved as .xml): saying so
        # beats writing nothing at all for it.
        raise NotAFeedError(
            f"{source}: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF>)", data
        )
    lines = _entry_lines(data)
    if len(lines) != len(parsed.entries):
        lines = [None] * len(parsed.entries)  # markup the tag scan misread: no guessing
    return parsed, lines


#: An XML declaration's encoding.
_DECLARED_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
#: A byte that is not UTF-8, as ``surrogateescape`` decodes it.
_STRAY_BYTE = re.compile("[\udc80-\udcff]")


def _utf8_mended(data: bytes) -> bytes:
    """``data`` as valid UTF-8 when it is a UTF-8 document (declared so, or declaring no
    encoding) with a few bytes of another encoding in it, such as a Latin-1 "é" pasted
    into one entry: each such byte read as Windows-1252 reads it. Anything else as it is.

    feedparser reads a document that is not valid UTF-8 whole in another encoding, so one
    stray byte would turn every curly quote and accented letter of every entry into mojibake
    ("â€œ"). A document with fewer valid UTF-8 characters than stray bytes is taken to be
    in another encoding after all and left to feedparser (and its guess, when chardet is
    installed).
    """
    if data[:2] in (codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE) or data[:4] in _WIDE_STARTS:
        return data
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    declared = _DECLARED_ENCODING.match(data, start)
    if declared is not None:
        try:
            if codecs.lookup(declared.group(1).decode("ascii")).name != "utf-8":
                return data
        except (LookupError, UnicodeDecodeError):
            return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data
    text = data.decode("utf-8", "surrogateescape")
    stray = len(text) - len(_STRAY_BYTE.sub("", text))
    not_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if not_ascii - stray <= stray:
        return data
    return _STRAY_BYTE.sub(_windows_1252, text).encode("utf-8")


def _windows_1252(stray: re.Match[str]) -> str:
    return bytes([ord(stray.group()) - 0xDC00]).decode("cp1252", "replace")


def _whole_document_entries(
    data: bytes, source: str, start: int = 0
) -> Iterator[FeedEntry | FailedInput]:
    """The entries of the feed in ``data`` read as a whole document, from the 0-based
    position ``start`` on."""
    parsed, lines = _whole_document(data, source)
    yield from _entries_of(parsed, lines, source, start)


def _entries_of(
    parsed: Any, lines: list[int | None], source: str, start: int
) -> Iterator[FeedEntry | FailedInput]:
    metadata = _metadata(parsed.feed)
    for index in range(start, len(parsed.entries)):
        yield _feed_item(parsed.entries[index], index + 1, lines[index], source, metadata)


def _entries_after(
    data: bytes, source: str, last: _Landmark, failure: _CannotStream
) -> Iterator[FeedEntry | FailedInput]:
    """The entries after ``last`` (the last one handed on before reading ``data`` a chunk at
    a time failed), from a whole-document reading of ``data``."""
    from quality.batch import FailedInput

    stopped = _stopped(source, last, failure)
    try:
        parsed, lines = _whole_document(data, source)
    except InputError as exc:
        yield FailedInput(source, "InvalidFeed", f"{stopped}; read whole: {exc}", failure.line)
        return
    if not _lines_up(parsed.entries, lines, last):
        message = (
            f"{stopped}, and a lenient reading of the whole feed does not have that entry in "
            "the same place, so the entries after it are left out rather than given twice"
        )
        yield FailedInput(source, "InvalidFeed", message, failure.line)
        return
    yield from _without_cut_entry(
        _entries_of(parsed, lines, source, last.position), failure, source
    )


def _without_cut_entry(
    items: Iterator[FeedEntry | FailedInput], failure: _CannotStream, source: str
) -> Iterator[FeedEntry | FailedInput]:
    """``items``, ending with an error for the entry that the feed's bytes end inside (see
    ``_CannotStream``) in place of what a lenient reading makes of it: part of an entry,
    which would be scored as if it were all of it."""
    from quality.batch import FailedInput

    cut = failure.cut_entry_line
    if cut is None:
        yield from items
        return
    for item in items:
        if isinstance(item, FeedEntry) and item.line is not None and item.line >= cut:
            break
        yield item
    message = (
        f"{source}: the feed ends inside the entry that starts on line {cut} "
        f"({failure.reason}): the file is cut short, so that entry is not scored"
    )
    yield FailedInput(source, "InvalidFeed", message, cut)


def _held_then_whole_document(
    data: bytes, source: str, handover: _Handover, failure: _CannotStream
) -> Iterator[FeedEntry | FailedInput]:
    """The entries of a feed that stopped being read a chunk at a time while its first
    entries were held back and none was out: all of them from a whole-document reading, as
    ``feedparser.parse`` gives them. Should that reading fail too, the entries held back, as
    read, and an error line after them."""
    from quality.batch import FailedInput

    try:
        parsed, lines = _whole_document(data, source)
    except InputError as exc:
        yield from handover.release()
        assert handover.last is not None  # entries were held
        stopped = _stopped(source, handover.last, failure)
        yield FailedInput(source, "InvalidFeed", f"{stopped}; read whole: {exc}", failure.line)
        return
    yield from _without_cut_entry(_entries_of(parsed, lines, source, 0), failure, source)


def _stopped(source: str, last: _Landmark, failure: _CannotStream) -> str:
    where = f"line {failure.line}, " if failure.line is not None else ""
    return f"{source}: reading stopped after entry {last.position} ({where}{failure.reason})"


def _lines_up(entries: list[Any], lines: list[int | None], last: _Landmark) -> bool:
    """Whether the entry at ``last``'s position in ``entries`` is the one ``last`` marks."""
    if len(entries) < last.position:
        return False
    index = last.position - 1
    if last.line is not None and lines[index] == last.line:
        return True
    identity = _identity(entries[index])
    return identity == last.identity and identity != (None, None)


# --------------------------------------------------------------------------- a chunk at a time


class _FeedInput:
    """A feed's bytes a chunk at a time, and all of them again for a whole-document reading:
    bytes are kept anyway, a seekable file is read again from where it was, and a pipe is
    copied as it is read."""

    def __init__(self, data: bytes | IO[bytes]):
        self._data = data
        self._start: int | None = None
        self._copy: IO[bytes] | None = None
        #: How many bytes ``chunks`` has given so far.
        self.bytes_read = 0
        if isinstance(data, (bytes, bytearray, memoryview)):
            return
        try:
            self._start = data.tell() if data.seekable() else None
        except (OSError, ValueError):
            self._start = None
        if self._start is None:
            # Kept open as long as the input is read, and closed by close().
            self._copy = tempfile.SpooledTemporaryFile(max_size=_PIPE_COPY_MEMORY_BYTES)  # noqa: SIM115

    def chunks(self) -> Iterator[bytes]:
        data = self._data
        if isinstance(data, (bytes, bytearray, memoryview)):
            view = memoryview(data)
            for start in range(0, len(view), _CHUNK_BYTES):
                chunk = bytes(view[start : start + _CHUNK_BYTES])
                self.bytes_read += len(chunk)
                yield chunk
            return
        while chunk := data.read(_CHUNK_BYTES):
            if self._copy is not None:
                self._copy.write(chunk)
            self.bytes_read += len(chunk)
            yield chunk

    def everything(self) -> bytes:
        data = self._data
        if isinstance(data, (bytes, bytearray, memoryview)):
            return bytes(data)
        if self._copy is None:
            data.seek(self._start or 0)
            return data.read()
        rest = data.read()
        self._copy.seek(0)
        return self._copy.read() + rest

    def close(self) -> None:
        if self._copy is not None:
            self._copy.close()


def _streamed_entries(chunks: Iterator[bytes]) -> Iterator[_StreamedEntry]:
    """Each entry of the feed in ``chunks``, once the chunk its end tag is in has been read,
    with the line of its start tag, the feed-level data read so far and whether the feed had
    given its title by the entry's start.

    Raises ``_CannotStream`` where the feed stops being one that feedparser's strict parser
    reads, once the entries finished before that point are out. An error reading ``chunks``
    is raised as it is.
    """
    import xml.sax

    import feedparser

    parts = _feedparser_parts()
    if parts is None:
        raise _CannotStream("this feedparser's strict parser cannot be reused")
    pieces = _without_bad_references_in(chunks)
    head = b""
    for piece in pieces:
        head += piece
        if _ROOT_START.search(head) or len(head) > _PROLOGUE_LIMIT_BYTES:
            break
    if not _ROOT_START.search(head):
        raise _CannotStream("no root element near the start")
    found = _stream_encoding(head, parts.encoding_declaration)
    if found is None:
        raise _CannotStream("not in an ASCII-compatible encoding")
    encoding, skipped = found
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        text = decoder.decode(head[skipped:])
        prologue = _prepared_prologue(text, parts)
    except UnicodeError as exc:
        raise _CannotStream(f"not {encoding}: {exc}") from exc
    # The lines the rewritten prologue gained or lost, to tell entries' lines in the file.
    line_shift = text.count("\n") - prologue.count(b"\n")

    handler = parts.handler_class("", None, "utf-8")
    if not all(hasattr(handler, name) for name in ("entries", "inentry", "feeddata")):
        raise _CannotStream("this feedparser's strict parser cannot be reused")
    handler.resolve_relative_uris = feedparser.RESOLVE_RELATIVE_URIS
    handler.sanitize_html = feedparser.SANITIZE_HTML
    handler.entry_lines = deque()
    saxparser: Any = xml.sax.make_parser(parts.xml_parsers)
    saxparser.setFeature(xml.sax.handler.feature_namespaces, 1)
    with contextlib.suppress(xml.sax.SAXNotSupportedException):
        saxparser.setFeature(xml.sax.handler.feature_external_ges, 0)
    saxparser.setContentHandler(handler)
    saxparser.setErrorHandler(handler)
    handler.line_number = getattr(saxparser, "getLineNumber", lambda: None)

    def parse(piece: bytes | None) -> None:
        if piece is None:  # the end of the input
            saxparser.feed(decoder.decode(b"", final=True).encode("utf-8"))
            saxparser.close()
        else:
            saxparser.feed(decoder.decode(piece).encode("utf-8"))

    def finished() -> Iterator[_StreamedEntry]:
        entries = handler.entries
        count = max(0, len(entries) - (1 if handler.inentry else 0))
        done = entries[:count]
        del entries[:count]
        for entry in done:
            # feedparser keeps a map keyed by each entry: it would keep every entry alive.
            getattr(handler, "property_depth_map", {}).pop(entry, None)
            line, titled = handler.entry_lines.popleft() if handler.entry_lines else (None, True)
            at = None if line is None else line + line_shift
            yield _StreamedEntry(entry, at, handler.feeddata, titled)

    def failure(exc: Exception, at_the_end: bool) -> _CannotStream:
        if isinstance(exc, xml.sax.SAXParseException):
            line = exc.getLineNumber()
            at = line + line_shift if isinstance(line, int) and line > 0 else None
            cut = None
            if at_the_end and handler.inentry and handler.entry_lines:
                # The bytes ran out inside an entry: a lenient reading would give what
                # there is of it as if it were whole.
                start = handler.entry_lines[-1][0]
                cut = None if start is None else start + line_shift
            return _CannotStream(f"not well-formed XML: {exc.getMessage()}", at, cut)
        if isinstance(exc, UnicodeError):
            return _CannotStream(f"not {encoding}: {exc}")
        return _CannotStream(f"{type(exc).__name__}: {exc}")

    def steps() -> Iterator[tuple[Callable[[], None], bool]]:
        # An error reading the input is raised when the next step is asked for, outside the
        # handling of parse errors below.
        yield functools.partial(saxparser.feed, prologue), False
        for piece in pieces:
            yield functools.partial(parse, piece), False
        yield functools.partial(parse, None), True

    for step, at_the_end in steps():
        stop: _CannotStream | None = None
        try:
            step()
        except Exception as exc:  # whatever stops feedparser's strict reading
            stop = failure(exc, at_the_end)
        yield from finished()
        if stop is not None:
            raise stop


class _FeedparserParts(NamedTuple):
    """The parts of ``feedparser.parse`` that reading a chunk at a time reuses."""

    #: feedparser's strict SAX handler, noting the line of each entry's start tag and
    #: whether the feed had given its title by then
    handler_class: type
    xml_parsers: list[str]
    encoding_declaration: re.Pattern[bytes]
    xml_declaration: re.Pattern[str]
    replace_doctype: Callable[[bytes], tuple[Any, bytes, Any]]


@functools.cache
def _feedparser_parts() -> _FeedparserParts | None:
    """The parts of ``feedparser.parse`` that reading a chunk at a time reuses; None when
    this feedparser does not have them where 6.0 does (its whole-document reading is used)."""
    try:
        from feedparser.api import PREFERRED_XML_PARSERS, StrictFeedParser
        from feedparser.encodings import RE_XML_DECLARATION, RE_XML_PI_ENCODING
        from feedparser.sanitizer import replace_doctype
    except ImportError:
        return None

    class EntryLineParser(StrictFeedParser):
        entry_lines: deque[tuple[int | None, bool]]
        line_number: Callable[[], int | None]

        def startElementNS(self, name: Any, qname: Any, attrs: Any) -> None:
            entries = len(self.entries)
            super().startElementNS(name, qname, attrs)
            if len(self.entries) != entries:
                self.entry_lines.append((self.line_number(), "title" in self.feeddata))

    return _FeedparserParts(
        EntryLineParser,
        PREFERRED_XML_PARSERS,
        RE_XML_PI_ENCODING,
        RE_XML_DECLARATION,
        replace_doctype,
    )


def _stream_encoding(
    head: bytes, encoding_declaration: re.Pattern[bytes]
) -> tuple[str, int] | None:
    """The encoding ``feedparser.parse`` reads a document starting with ``head`` in when no
    HTTP headers say otherwise (the one declared, else UTF-8), and the length of the byte
    order mark it skips; None when that is not an ASCII-compatible encoding Python decodes
    a piece at a time as it decodes the whole (those are left to a whole-document reading,
    which tries others if it fails)."""
    skipped = 0
    byte_order_mark = ""
    if head.startswith(codecs.BOM_UTF8):
        skipped, byte_order_mark = len(codecs.BOM_UTF8), "utf-8"
    elif head[:2] in (codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE) or head[:4] in _WIDE_STARTS:
        return None
    declared = ""
    match = encoding_declaration.match(head[skipped:])
    if match:
        try:
            declared = match.group(1).decode("utf-8").lower()
        except UnicodeDecodeError:
            return None
        if byte_order_mark and declared in _UNICODE_NAMES:
            declared = byte_order_mark
    encoding = declared or "utf-8"
    if encoding == "gb2312":
        encoding = "gb18030"  # as feedparser reads it: a superset
    try:
        b"".decode(encoding)  # LookupError also for codecs that do not decode to text
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if name in _WHOLE_TEXT_CODECS or name.startswith(("utf-16", "utf-32")):
        return None
    return encoding, skipped


def _prepared_prologue(text: str, parts: _FeedparserParts) -> bytes:
    """The start of a decoded document up to its root element, as UTF-8 and rewritten as
    ``feedparser.parse`` rewrites it: a UTF-8 XML declaration, the DOCTYPE replaced."""
    if parts.xml_declaration.search(text):
        text = parts.xml_declaration.sub(_UTF8_DECLARATION, text)
    else:
        text = _UTF8_DECLARATION + "\n" + text
    _version, prepared, _entities = parts.replace_doctype(text.encode("utf-8"))
    return bytes(prepared)


#: The end of a chunk that may be the start of a character reference the next one ends.
_REFERENCE_START = re.compile(rb"&(?:#(?:[xX][0-9a-fA-F]*|[0-9]*))?\Z")


def _without_bad_references_in(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``_without_bad_references`` over a document a chunk at a time: a reference split
    between two chunks is held back until it is whole."""
    pending = b""
    for chunk in chunks:
        data = pending + chunk if pending else chunk
        cut = data.rfind(b"&")
        if cut != -1 and _REFERENCE_START.match(data, cut):
            data, pending = data[:cut], data[cut:]
        else:
            pending = b""
        if data:
            yield _without_bad_references(data)
    if pending:
        yield _without_bad_references(pending)


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
        # XML ends a line at a line feed, a carriage return and line feed, or a carriage
        # return alone (old Mac files).
        line += (
            data.count(b"\n", position, tag.start())
            + data.count(b"\r", position, tag.start())
            - data.count(b"\r\n", position, tag.start())
        )
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
        "id": text_field(entry.get("id")) or url or f"{source}#{position}",
        "title": _plain_text(entry, "title"),
        "byline": _byline(entry),
        "url": url,
        "published": _published(entry),
        # An aggregator's entry names the feed it comes from (<source>); without that or a
        # title of its feed, an entry is its site's, and one without a link of its own is
        # on the feed's site.
        "publisher": _original_publisher(entry) or publisher or _site(url) or _site(home),
    }
    body = _body(entry)
    # A multilingual feed marks an entry's language on it (Atom's xml:lang), and the text
    # is scored with its language's rules.
    record["language"] = _language(body.language) or language
    record["text"] = body.text
    if body.value is not None and "html" in body.type:
        record["html"] = body.value
    return {key: value for key, value in record.items() if value is not None or key == "text"}


def _link(entry: Any, home: str | None) -> str | None:
    """The entry's web address. feedparser also copies an RSS <guid> (a permalink unless it
    says otherwise) or an Atom <id> into the link of an entry that has no <link>, and an id
    need not be an address at all ("urn:uuid:...", "post-17"): such a copy is kept only when
    it is one. A relative link is read against the feed's own address, as a browser would."""
    link = text_field(entry.get("link"))
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


def _site(url: str | None) -> str | None:
    return site_name(url) if url else None


def _original_publisher(entry: Any) -> str | None:
    """The publisher an aggregator's entry names as where it first appeared (RSS
    ``<source url="...">Name</source>``, Atom ``<source>``): its title, else its site."""
    source = entry.get("source")
    if not isinstance(source, Mapping):
        return None
    return _plain_text(source, "title") or _site(
        _web_address(source.get("href")) or _web_address(source.get("link"))
    )


def _web_address(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) address, else None."""
    cleaned = text_field(value)
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
    value = text_field(element.get(key))
    detail = element.get(f"{key}_detail") or {}
    if value is None or "html" not in str(detail.get("type", "")):
        return value
    return text_field(" ".join(html_fragment_text(value).split()))


def _byline(entry: Any) -> str | None:
    """The author's name: feedparser writes an author given with an address as
    "jane@example.com (Jane Doe)", and the byline is the name."""
    detail = entry.get("author_detail") or {}
    return text_field(detail.get("name")) or text_field(entry.get("author"))


class _Body(NamedTuple):
    """An entry's body as written (None when it has none), its type, its text (an HTML body
    read as plain text) and the language it is marked as being in (xml:lang), if any."""

    value: str | None
    type: str
    text: str | None
    language: str | None


def _body(entry: Any) -> _Body:
    """The entry's fullest text: its content if it has any, else its summary.

    Content whose HTML shows no text (only an image, a WordPress block marker) gives way to
    the next content or the summary, which would otherwise be lost for an empty article.
    When none shows text, the first is the body all the same: an empty article says so.
    """
    details = [*(entry.get("content") or ()), entry.get("summary_detail") or {}]
    details[-1] = {**details[-1], "value": entry.get("summary")}
    first = _Body(None, "", None, None)
    for detail in details:
        value = detail.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        content_type = detail.get("type") or "text/html"
        text = html_fragment_text(value) if "html" in content_type else value
        body = _Body(value, content_type, text, detail.get("language"))
        if text.strip():
            return body
        if first.value is None:
            first = body
    return first


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


def text_field(value: Any) -> str | None:
    """A field's text without surrounding blanks; None when it is missing, blank or not a
    string."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _published(entry: Any) -> str | None:
    """The entry's published (else updated) date as the publisher wrote it.

    feedparser's ``*_parsed`` structs are in UTC, which can move a late-evening date to the
    next day; reading the raw string as JSON Lines records are read keeps the writer's date.
    The struct is only for strings that reading cannot make sense of (see ``_written_date``).
    """
    for key in ("published", "updated"):
        written = entry.get(key)
        date = _raw_date(written) or _written_date(entry.get(f"{key}_parsed"), written)
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


def _written_date(parsed: time.struct_time | None, written: Any) -> str | None:
    """The day feedparser's UTC reading ``parsed`` of the string ``written`` stands for, when
    the string bears it out: None when it does not.

    feedparser reads some strings nothing else here does (Greek month names, "Tues,"), but
    it rolls an impossible date over into another one ("2024-02-30" is March 1, "2024-13-45"
    is 2025-01-01) and misreads week and ordinal dates ("2024-W09", "2024-061"). So a date
    written in numbers, which ``normalise_date`` has refused, is no date, and otherwise
    feedparser's day is taken only when the string has its year and its day of the month.
    That day is in UTC, which can be the day after or before the one written: those are
    tried too, and the one the string has is the date.
    """
    if not parsed:
        return None
    try:
        day = datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        return None
    if not isinstance(written, str):
        return day.isoformat()
    if _NUMERIC_DATE.search(written):
        return None
    numbers = re.findall(r"\d+", written)
    days = {int(number) for number in numbers if len(number) <= 2}
    years = {int(number) for number in numbers if len(number) == 4}
    years |= {2000 + int(number) for number in numbers if len(number) == 2}
    years |= {1900 + int(number) for number in numbers if len(number) == 2}
    for candidate in (day, day - _ONE_DAY, day + _ONE_DAY):
        if candidate.year in years and candidate.day in days:
            return candidate.isoformat()
    return None


_ONE_DAY = datetime.timedelta(days=1)
#: A date written in numbers, year first ("2024-02-30") or day first ("30/02/2024").
_NUMERIC_DATE = re.compile(r"\d{4}\s*[-/.]\s*\d|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2}")


def _language(value: Any) -> str | None:
    cleaned = text_field(value)
    try:
        # None for a name (<language>English</language>), which is left to detection.
        return normalise_language(cleaned) if cleaned else None
    except InputError:
        return None
