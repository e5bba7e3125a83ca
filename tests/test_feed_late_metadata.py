"""A feed that gives its title, link or language only after some of its entries still lends
them to every entry, as a whole-document reading does: read a chunk at a time, its entries
are held back until the feed's header has come, the feed has ended, or a bound is reached.
A feed that gives its header first is not held back at all."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quality.inputs.feeds as feeds
from quality.batch import FailedInput
from quality.errors import InputError
from quality.inputs.feeds import FeedEntry, feed_entries
from tests.test_feed_streaming import CountingStream

RSS_OPEN = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
    "<channel>\n<description>Local news</description>\n"
)
RSS_CLOSE = "</channel>\n</rss>\n"
RSS_HEADER = (
    "<title>The Bugle</title>\n<link>https://bugle.example/news/</link>\n"
    "<language>en-gb</language>\n"
)
ATOM_OPEN = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'
ATOM_CLOSE = "</feed>\n"
ATOM_HEADER = (
    '<title type="html">The &lt;b&gt;Wire&lt;/b&gt;</title>\n'
    '<link rel="alternate" type="text/html" href="https://wire.example/home/"/>\n'
)


def rss_item(number: int, padding: int = 300) -> str:
    # A relative link, so that the feed's own <link> changes the record's url too.
    return (
        f"<item>\n<title>Story {number}</title>\n<link>story/{number}</link>\n"
        f"<guid isPermaLink='false'>bugle-{number}</guid>\n"
        f"<description>The council voted 7-2 on item {number}. {'pad ' * padding}"
        "</description>\n</item>\n"
    )


def atom_entry(number: int, padding: int = 300) -> str:
    return (
        f"<entry>\n<id>urn:wire:{number}</id>\n<title>Story {number}</title>\n"
        f'<link href="story/{number}"/>\n<updated>2024-05-01T08:00:00Z</updated>\n'
        f"<content>The port reopened on day {number}. {'pad ' * padding}</content>\n</entry>\n"
    )


def rss(count: int, header_after: int | None, header: str = RSS_HEADER) -> bytes:
    """An RSS feed of ``count`` items whose header comes after ``header_after`` of them
    (None: no header at all)."""
    items = [rss_item(number) for number in range(count)]
    if header_after is not None:
        items.insert(header_after, header)
    return (RSS_OPEN + "".join(items) + RSS_CLOSE).encode()


def atom(count: int, header_after: int | None, lang: str | None = None) -> bytes:
    entries = [atom_entry(number) for number in range(count)]
    if header_after is not None:
        entries.insert(header_after, ATOM_HEADER)
    root = ATOM_OPEN + (f' xml:lang="{lang}"' if lang else "") + ">\n"
    return (root + "".join(entries) + ATOM_CLOSE).encode()


def whole(data: bytes, source: str = "f.xml") -> list[FeedEntry | FailedInput]:
    """What reading the whole document gives (how every feed was read before streaming)."""
    return list(feeds._whole_document_entries(data, source))


def _no_whole_reading(data: bytes, source: str) -> Any:
    raise AssertionError(f"{source} was read as a whole document")


def streamed_only(data: bytes | Any, source: str = "f.xml") -> list[FeedEntry | FailedInput]:
    """The entries read a chunk at a time, with a whole-document reading made to fail the
    test, so that a feed that quietly fell back to one cannot pass."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feeds, "_whole_document", _no_whole_reading)
        return list(feed_entries(data, source))


def lent(entries: list[FeedEntry | FailedInput]) -> set[tuple[Any, ...]]:
    return {
        (e.record.get("publisher"), e.record.get("language"), e.record["url"].split("story/")[0])
        for e in entries
        if isinstance(e, FeedEntry)
    }


# --------------------------------------------------------------------------- the same records


@pytest.mark.parametrize(
    ("count", "header_after"),
    [(300, 300), (300, 150), (300, 1), (3, 3), (1, 1)],
    ids=["after", "between", "after-the-first", "short-after", "one-entry"],
)
def test_an_rss_header_after_entries_is_lent_to_every_entry(count: int, header_after: int) -> None:
    data = rss(count, header_after)
    expected = whole(data)
    assert lent(expected) == {("The Bugle", "en", "https://bugle.example/news/")}
    assert len(expected) == count
    if header_after > 100:
        assert data.index(b"<title>The Bugle") > 2 * feeds._CHUNK_BYTES
    assert streamed_only(data) == expected


@pytest.mark.parametrize(
    ("header_after", "lang"),
    [(300, "de"), (300, None), (150, "de"), (150, None)],
    ids=["after-lang", "after", "between-lang", "between"],
)
def test_an_atom_header_after_entries_is_lent_to_every_entry(
    header_after: int, lang: str | None
) -> None:
    data = atom(300, header_after, lang)
    expected = whole(data)
    assert lent(expected) == {("The Wire", lang, "https://wire.example/home/")}
    assert streamed_only(data) == expected


@pytest.mark.parametrize("make", [rss, atom], ids=["rss", "atom"])
def test_a_feed_that_never_gives_a_header(make: Any) -> None:
    for count in (3, 300, feeds._HELD_ENTRIES_LIMIT + 200):
        data = make(count, None)
        expected = whole(data)
        assert len(expected) == count
        assert all("language" not in e.record and "publisher" not in e.record for e in expected)
        assert streamed_only(data) == expected


def test_a_header_split_around_entries_is_lent_whole() -> None:
    # Title between the entries, language after them, link never: the entries wait for all.
    items = [rss_item(number) for number in range(300)]
    items.insert(120, "<title>Split</title>\n")
    items.append("<language>fr</language>\n")
    data = (RSS_OPEN + "".join(items) + RSS_CLOSE).encode()
    expected = whole(data)
    assert {(e.record["publisher"], e.record["language"]) for e in expected} == {("Split", "fr")}
    assert streamed_only(data) == expected


def test_a_late_header_in_a_gzipped_file_and_on_a_pipe(tmp_path: Path) -> None:
    data = rss(300, 300)
    path = tmp_path / "late.rss.gz"
    path.write_bytes(gzip.compress(data))
    with gzip.open(path, "rb") as stream:
        assert streamed_only(stream) == whole(data)
    assert streamed_only(CountingStream(data)) == whole(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["rss", "atom"]),
    count=st.integers(1, 40),
    data=st.data(),
    fields=st.sets(st.sampled_from(["title", "link", "language"])),
    chunk=st.sampled_from([256, 1024, 4096]),
)
def test_any_placement_of_the_header_gives_the_records_of_a_whole_reading(
    kind: str, count: int, data: Any, fields: set[str], chunk: int
) -> None:
    # Each field of the header anywhere among the entries, read in small chunks so that
    # entries and header fall in many different chunks.
    places = {name: data.draw(st.integers(0, count), label=name) for name in sorted(fields)}
    elements = {
        "rss": {
            "title": "<title>Place &amp; Time</title>",
            "link": "<link>https://place.example/a/</link>",
            "language": "<language>pt-BR</language>",
        },
        "atom": {
            "title": "<title>Place &amp; Time</title>",
            "link": '<link href="https://place.example/a/"/>',
            "language": "<dc:language>pt-BR</dc:language>",
        },
    }[kind]
    parts: list[str] = []
    for number in range(count + 1):
        parts.extend(elements[name] + "\n" for name, at in places.items() if at == number)
        if number < count:
            parts.append(rss_item(number, 20) if kind == "rss" else atom_entry(number, 20))
    if kind == "rss":
        document = RSS_OPEN + "".join(parts) + RSS_CLOSE
    else:
        namespaces = ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        document = ATOM_OPEN + namespaces + "".join(parts) + ATOM_CLOSE
    encoded = document.encode()
    expected = whole(encoded)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feeds, "_CHUNK_BYTES", chunk)
        got = streamed_only(encoded)
    if places.get("title") == 0:
        # A header-first feed: its entries are not held back, and a field given after its
        # first entry reaches the entries handed on after it was read.
        assert [(e.line, e.record["id"]) for e in got] == [
            (e.line, e.record["id"]) for e in expected
        ]
        after_all = max(places.values())
        assert got[after_all:] == expected[after_all:]
    else:
        assert got == expected


# --------------------------------------------------------------------------- held, not waited for


def test_a_feed_with_its_header_first_is_not_held_back(monkeypatch: pytest.MonkeyPatch) -> None:
    # A header without a language (as many feeds have) does not hold the entries back for
    # one that may never come: the first record comes out after the first chunk or two.
    data = rss(3000, 0, header="<title>The Bugle</title>\n<link>https://bugle.example/</link>\n")
    stream = CountingStream(data)
    entries = feed_entries(stream, "f.xml")
    first = next(entries)
    assert isinstance(first, FeedEntry) and first.record["publisher"] == "The Bugle"
    assert stream.read_so_far <= 2 * feeds._CHUNK_BYTES


def test_the_entries_come_out_as_soon_as_the_header_has_come() -> None:
    data = rss(1000, 300)
    header_at = data.index(b"<title>The Bugle")
    stream = CountingStream(data)
    entries = feed_entries(stream, "f.xml")
    first = next(entries)
    assert isinstance(first, FeedEntry) and first.record["publisher"] == "The Bugle"
    assert header_at < stream.read_so_far <= header_at + 2 * feeds._CHUNK_BYTES
    assert len([first, *entries]) == 1000


@pytest.mark.parametrize("bound", ["entries", "bytes"])
def test_an_archive_without_a_header_is_held_only_up_to_the_bound(
    bound: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if bound == "entries":
        monkeypatch.setattr(feeds, "_HELD_ENTRIES_LIMIT", 50)
    else:
        monkeypatch.setattr(feeds, "_HELD_BYTES_LIMIT", 3 * feeds._CHUNK_BYTES)
    data = rss(2000, None)
    stream = CountingStream(data)
    entries = feed_entries(stream, "f.xml")
    next(entries)
    held_bytes = 50 * len(rss_item(1999)) if bound == "entries" else 3 * feeds._CHUNK_BYTES
    assert stream.read_so_far <= held_bytes + 2 * feeds._CHUNK_BYTES
    assert len(data) > 10 * stream.read_so_far
    assert 1 + len(list(entries)) == 2000


def test_the_default_bound_holds_no_whole_archive() -> None:
    data = rss(feeds._HELD_ENTRIES_LIMIT * 4, None)
    stream = CountingStream(data)
    next(feed_entries(stream, "f.xml"))
    assert stream.read_so_far < len(data) / 2


def test_past_the_bound_entries_go_as_they_are_and_later_ones_get_the_header(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(feeds, "_HELD_ENTRIES_LIMIT", 20)
    data = rss(600, 400)
    expected = whole(data)
    got = streamed_only(data)
    assert len(got) == 600 and [e.line for e in got] == [e.line for e in expected]
    assert [e.record["id"] for e in got] == [e.record["id"] for e in expected]
    early, late = got[0].record, got[-1].record
    assert (early.get("publisher"), early.get("language")) == (None, None)
    assert early["url"] == "story/0"
    assert late == expected[-1].record
    publishers = [e.record.get("publisher") for e in got]
    # Handed on in order: those out before the header was read lack it, the rest have it.
    switch = publishers.index("The Bugle")
    assert 20 <= switch <= 400
    assert set(publishers[switch:]) == {"The Bugle"}


# --------------------------------------------------------------------------- not well-formed


@pytest.mark.parametrize(
    "damage",
    [(b"item 250.", b"item&nbsp;250."), (b"item 250.", b"item & 250.")],
    ids=["nbsp", "ampersand"],
)
def test_a_late_header_feed_broken_while_its_entries_are_held(damage: tuple[bytes, bytes]) -> None:
    # Nothing was out when the break was read: the whole document gives every entry, with
    # the header that comes after the break.
    data = rss(300, 300).replace(*damage)
    expected = whole(data)
    assert len(expected) == 300
    assert lent(expected) == {("The Bugle", "en", "https://bugle.example/news/")}
    assert list(feed_entries(data, "f.xml")) == expected
    assert list(feed_entries(CountingStream(data), "f.xml")) == expected


def test_a_late_header_feed_broken_after_its_held_entries_went_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Past the bound the first entries went out without the header; the rest come from the
    # whole-document reading, each once, with the header.
    monkeypatch.setattr(feeds, "_HELD_ENTRIES_LIMIT", 20)
    data = rss(300, 300).replace(b"item 250.", b"item&nbsp;250.")
    expected = whole(data)
    got = list(feed_entries(data, "f.xml"))
    assert [e.record["id"] for e in got] == [e.record["id"] for e in expected]
    assert "publisher" not in got[0].record
    assert got[260:] == expected[260:]


def test_held_entries_are_kept_when_the_whole_document_cannot_be_read_either(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unreadable(data: bytes, source: str) -> Any:
        raise InputError(f"{source}: not a readable RSS or Atom feed (boom)")

    data = rss(100, 100).replace(b"item 50.", b"item & 50.")
    monkeypatch.setattr(feeds, "_whole_document", unreadable)
    got = list(feed_entries(data, "f.xml"))
    *records, error = got
    assert [e.record["title"] for e in records] == [f"Story {n}" for n in range(50)]
    assert all(isinstance(e, FeedEntry) for e in records)
    assert isinstance(error, FailedInput) and error.kind == "InvalidFeed"
    assert "after entry 50" in error.message and "(boom)" in error.message
    assert error.line is not None and error.line > records[-1].line
