"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1): each item becomes an article record.

A JSON Feed is one JSON document, not JSON Lines, so it is told apart by its ``version``,
which the format requires and writers put first. Items are read as RSS and Atom entries
are: an HTML body is turned into plain text one paragraph per block (the HTML kept in the
record's ``html``), the feed's title is the publisher, and its language is lent to items
that give none. An item that cannot be turned into a record is an error in its place, with
the item's number, and the items after it are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import urljoin

from quality.batch import FailedInput
from quality.inputs.feeds import BOM_AND_BLANKS, FeedEntry, html_fragment_text, text_field
from quality.inputs.jsonl import json_type
from quality.inputs.urls import site_name

#: The version URL a JSON Feed opens with: "https://jsonfeed.org/version/1" or ".../1.1".
_VERSION = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/[0-9.]+/?"')
_VERSION_URL = re.compile(r"https?://jsonfeed\.org/version/[0-9.]+/?")
_HEAD = 4096


def looks_like_json_feed(head: bytes) -> bool:
    """Whether the first bytes of an input are a JSON Feed: a JSON object that names the
    format's version near its start."""
    start = head[:_HEAD].lstrip(BOM_AND_BLANKS)
    return start.startswith(b"{") and _VERSION.search(start) is not None


def is_json_feed(document: Any) -> bool:
    """Whether a parsed JSON value is a JSON Feed: an object with the format's version and a
    list of items, wherever in the object they are (``jq -S`` puts the items first)."""
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        return False
    version = document.get("version")
    return isinstance(version, str) and _VERSION_URL.fullmatch(version.strip()) is not None


class JsonFeedDocument(NamedTuple):
    """What reading a whole JSON document as a JSON Feed found: whether it is one, and the
    parsed document (None when it does not parse), so that it is parsed only once."""

    is_feed: bool
    document: Any


def read_json_feed(data: bytes) -> JsonFeedDocument:
    """Whether ``data``, a whole JSON document, is a JSON Feed, with what it parsed to."""
    import orjson

    if b"jsonfeed.org/version" not in data:
        return JsonFeedDocument(False, None)
    try:
        document = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        # Broken, but a feed when it names the version at its start: its error is a feed's.
        return JsonFeedDocument(looks_like_json_feed(data), None)
    return JsonFeedDocument(is_json_feed(document), document)


#: What an article record that is a whole JSON Feed is told.
FEED_NOT_ARTICLE = (
    "it is a JSON Feed, not an article: `quality score FILE` (or the feed on standard input) "
    "scores each of its items"
)


def json_feed_entries(data: bytes, source: str) -> Iterator[FeedEntry | FailedInput]:
    """Each item of the JSON Feed in ``data`` as an article record, in order; a document
    that is no JSON Feed at all is one ``InvalidFeed`` error."""
    import orjson

    try:
        feed = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as exc:
        yield FailedInput(source, "InvalidFeed", f"{source}: not a valid JSON Feed: {exc}")
        return
    yield from parsed_json_feed_entries(feed, source)


def parsed_json_feed_entries(feed: Any, source: str) -> Iterator[FeedEntry | FailedInput]:
    """``json_feed_entries`` of a document already parsed (by ``read_json_feed``)."""
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list):
        got = "no 'items' list" if isinstance(feed, dict) else f"a JSON {json_type(feed)}"
        message = f"{source}: not a valid JSON Feed: expected an object with 'items', got {got}"
        yield FailedInput(source, "InvalidFeed", message)
        return
    home = text_field(feed.get("home_page_url")) or text_field(feed.get("feed_url"))
    publisher = text_field(feed.get("title")) or (site_name(home) if home else None)
    language = text_field(feed.get("language"))
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            message = f"{source}: item {position}: expected an object, got a JSON {json_type(item)}"
            yield FailedInput(source, "InvalidRecord", message)
            continue
        name = _wrongly_typed_field(item)
        if name is not None:
            # Failed as a JSON Lines record with that field would be, not read without it:
            # a number for a text would leave the item empty, one for a title untitled.
            message = (
                f"{source}: item {position}: '{name}' must be a string, got {json_type(item[name])}"
            )
            error = "WrongType" if name in _CONTENT_FIELDS else "InvalidArticle"
            yield FailedInput(source, error, message, id=_identifier(item.get("id")))
            continue
        yield FeedEntry(source, None, _record(item, position, source, home, publisher, language))


#: An item's fields that hold its article, and those that describe it: each a string.
_CONTENT_FIELDS = ("content_html", "content_text", "summary")
_METADATA_FIELDS = ("title", "url", "external_url", "date_published", "language")


def _wrongly_typed_field(item: Mapping[str, Any]) -> str | None:
    """The first field of ``item`` that should be a string and is something else (null and
    a missing field are neither)."""
    for name in (*_CONTENT_FIELDS, *_METADATA_FIELDS):
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            return name
    return None


def _record(
    item: Mapping[str, Any],
    position: int,
    source: str,
    home: str | None,
    publisher: str | None,
    language: str | None,
) -> dict[str, Any]:
    link = text_field(item.get("url")) or text_field(item.get("external_url"))
    url = urljoin(home, link) if home and link else link
    html = text_field(item.get("content_html"))
    shown = html_fragment_text(html) if html is not None else None
    if shown is not None and not shown.strip():
        html = shown = None  # only an image or an empty block: the text or summary says more
    text = shown if shown is not None else text_field(item.get("content_text"))
    if text is None:
        text = text_field(item.get("summary"))
    record: dict[str, Any] = {
        "id": _identifier(item.get("id")) or url or f"{source}#{position}",
        "title": text_field(item.get("title")),
        "byline": _byline(item),
        "url": url,
        "published": text_field(item.get("date_published")),
        "publisher": publisher or (site_name(url) if url else None),
        "language": text_field(item.get("language")) or language,
        "text": text,
    }
    if html is not None:
        record["html"] = html
    return {key: value for key, value in record.items() if value is not None or key == "text"}


def _byline(item: Mapping[str, Any]) -> str | None:
    """The item's authors' names: version 1.1's ``authors`` list, else version 1's
    ``author``."""
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [text_field(a.get("name")) for a in authors if isinstance(a, dict)]
    return ", ".join(name for name in names if name) or None


def _identifier(value: Any) -> str | None:
    # Version 1 allowed numbers as ids; they name the item all the same.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return text_field(value)
