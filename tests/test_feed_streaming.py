"""Feeds are read an entry at a time: the records are the ones a whole-document reading
gives, the first one comes out before the end of a long feed is read, and a feed that is not
well-formed XML still gives every entry, each once."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quality.inputs.feeds as feeds
from quality.batch import FailedInput
from quality.errors import InputError
from quality.inputs.feeds import FeedEntry, feed_entries, read_feed

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"

RSS_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n<title>The Bugle</title>\n'
    "<link>https://bugle.example/</link>\n<language>en-gb</language>\n"
)
RSS_TAIL = "</channel>\n</rss>\n"


def whole(data: bytes, source: str = "f.rss") -> list[FeedEntry | FailedInput]:
    """What reading the whole document gives (how every feed was read before)."""
    return list(feeds._whole_document_entries(data, source))


@pytest.fixture
def streamed_only(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Reads feeds with the whole-document reading made unavailable, so that a feed that
    quietly fell back to it fails the test."""

    def read(data: bytes | Any, source: str = "f.rss") -> list[FeedEntry | FailedInput]:
        with monkeypatch.context() as patch:
            patch.setattr(feeds, "_whole_document", _no_whole_reading)
            return list(feed_entries(data, source))

    return read


def _no_whole_reading(data: bytes, source: str) -> Any:
    raise AssertionError(f"{source} was read as a whole document")


def rss_item(number: int, body: str = "") -> str:
    body = body or (
        f"<p>The council met on {number % 28 + 1} March and voted 7-2 to repair the "
        f"bridge, the mayor, Ann Reed, said.</p><p>It will cost ${number}.5 million.</p>"
    )
    return (
        f"<item>\n<title>Story {number}</title>\n"
        f"<link>https://bugle.example/{number}</link>\n"
        f"<guid>https://bugle.example/{number}</guid>\n"
        f"<dc:creator>Writer {number % 7}</dc:creator>\n"
        f"<pubDate>Mon, 04 Mar 2024 10:{number % 60:02d}:00 -0500</pubDate>\n"
        f"<description>Summary {number}</description>\n"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>\n</item>\n"
    )


def rss(count: int, item: Any = rss_item) -> bytes:
    return (RSS_HEAD + "".join(item(number) for number in range(count)) + RSS_TAIL).encode()


# --------------------------------------------------------------------------- same records


@pytest.mark.parametrize("name", ["bugle.rss", "wire.atom"])
def test_fixtures_give_the_records_of_a_whole_reading(name: str, streamed_only: Any) -> None:
    data = (FEEDS / name).read_bytes()
    expected = whole(data, name)
    assert streamed_only(data, name) == expected
    assert [entry.line for entry in expected if isinstance(entry, FeedEntry)] != []


def test_rss_with_cdata_content_and_dc_creator_spanning_many_chunks(streamed_only: Any) -> None:
    data = rss(400)
    assert len(data) > 2 * feeds._CHUNK_BYTES
    expected = whole(data)
    got = streamed_only(data)
    assert got == expected
    assert len(got) == 400
    assert got[5].record["byline"] == "Writer 5" and got[5].record["publisher"] == "The Bugle"
    assert got[5].record["language"] == "en" and got[5].line == 7 + 5 * 9


def test_atom_with_xml_base_and_relative_links(streamed_only: Any) -> None:
    # feedparser keeps an entry's xml:base for the entries after it when the feed has none
    # of its own; read a chunk at a time, they must still resolve as they always did.
    entries = "".join(
        f"<entry{f' xml:base={chr(34)}https://base{number}.example/dir/{chr(34)}' if number % 3 == 0 else ''}>"
        f"<id>tag:wire,2024:{number}</id><title>Story {number}</title>"
        f'<link rel="alternate" href="story/{number}"/>'
        f"<updated>2024-05-01T23:30:00-05:00</updated>"
        f"<author><name>Sam Okafor</name><email>sam@wire.example</email></author>"
        f'<content type="html">&lt;p&gt;See &lt;a href="more/{number}"&gt;more&lt;/a&gt;.'
        f"{'x' * 300}&lt;/p&gt;</content></entry>\n"
        for number in range(600)
    )
    data = (
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">\n'
        f"<title>Wire</title>\n{entries}</feed>\n"
    ).encode()
    expected = whole(data, "f.atom")
    assert streamed_only(data, "f.atom") == expected
    urls = {entry.record["url"] for entry in expected if isinstance(entry, FeedEntry)}
    assert "https://base3.example/dir/story/3" in urls


def test_a_gzipped_feed_read_from_its_stream(tmp_path: Path, streamed_only: Any) -> None:
    data = rss(300)
    path = tmp_path / "archive.rss.gz"
    path.write_bytes(gzip.compress(data))
    with gzip.open(path, "rb") as stream:
        assert streamed_only(stream, "f.rss") == whole(data)


@pytest.mark.parametrize(
    "data",
    [
        # RSS 1.0: the default namespace, items beside the channel, and an image and a text
        # input after the items, as RDF feeds have them.
        b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        b'<channel rdf:about="https://rdf.example/"><title>RDF News</title>'
        b"<link>https://rdf.example/</link><description>d</description><dc:language>fr</dc:language>"
        b'<items><rdf:Seq><rdf:li resource="https://rdf.example/1"/></rdf:Seq></items></channel>\n'
        + b"".join(
            b'<item rdf:about="https://rdf.example/%d"><title>Item %d</title>'
            b"<link>https://rdf.example/%d</link><dc:creator>Ana</dc:creator>"
            b"<dc:date>2024-03-01T23:30:00-05:00</dc:date>"
            b"<description>The mayor said on Friday that the bridge opens.</description></item>\n"
            % (number, number, number)
            for number in range(40)
        )
        + b'<image rdf:about="https://rdf.example/logo.png"><title>Logo</title>'
        b"<link>https://other.example/</link><url>https://rdf.example/logo.png</url></image>"
        b'<textinput rdf:about="https://rdf.example/search"><title>Search</title>'
        b"<link>https://search.example/</link><name>q</name><description>d</description>"
        b"</textinput>\n</rdf:RDF>\n",
        # Atom with a prefix on every element and a default namespace inside the content.
        b'<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title>'
        b'<a:link href="https://t.example/"/>'
        + b"".join(
            b'<a:entry><a:id>urn:x:%d</a:id><a:title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            b'Title <b>%d</b></div></a:title><a:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            b"<p>The council met.</p></div></a:content></a:entry>" % (number, number)
            for number in range(30)
        )
        + b"</a:feed>",
    ],
    ids=["rss1-default-namespace", "atom-prefixed-xhtml"],
)
def test_default_and_prefixed_namespaces(data: bytes, streamed_only: Any) -> None:
    expected = whole(data)
    assert streamed_only(data) == expected
    assert len(expected) >= 30


def test_entities_and_references_that_xml_allows(streamed_only: Any) -> None:
    def item(number: int) -> str:
        return rss_item(number).replace(
            "<description>",
            "<description>caf&#233; &amp; &lt;b&gt;bar&lt;/b&gt; &#x1F600; &#xD800; &#1114112; ",
        )

    data = rss(50, item)
    assert streamed_only(data) == whole(data)


def test_a_reference_split_between_two_chunks(streamed_only: Any) -> None:
    reference = b"&#xD83D;"
    head = RSS_HEAD.encode() + b"<item><title>A</title><description>"
    for offset in range(1, len(reference)):
        padding = b"x" * (feeds._CHUNK_BYTES - len(head) - offset)
        data = (
            head
            + padding
            + reference
            + b" after</description></item>"
            + rss_item(1).encode()
            + RSS_TAIL.encode()
        )
        assert data[feeds._CHUNK_BYTES - offset : feeds._CHUNK_BYTES] == reference[:offset]
        got = streamed_only(data)
        assert got == whole(data)
        assert got[0].record["text"].endswith("\ufffd after")


@pytest.mark.parametrize(
    ("prologue", "encode"),
    [
        ('<?xml version="1.0" encoding="iso-8859-1"?>\n', "latin-1"),
        ("\ufeff<?xml version='1.0'?>\n", "utf-8"),
        (
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss PUBLIC "-//Netscape '
            'Communications//DTD RSS 0.91//EN"\n "http://my.netscape.com/publish/formats/'
            'rss-0.91.dtd">\n',
            "utf-8",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY author "Ana L\u00f3pez">\n'
            '<!ENTITY copy "&#169;">\n]>\n',
            "utf-8",
        ),
        ("", "utf-8"),
    ],
    ids=["latin-1", "bom", "netscape-doctype", "declared-entities", "no-declaration"],
)
def test_encodings_and_prologues(prologue: str, encode: str, streamed_only: Any) -> None:
    body = (
        '<rss version="0.91">\r\n<channel><title>Caf\u00e9 Nouvelles</title>'
        "<link>https://cafe.example/</link>\r\n"
        + "".join(
            f"<item><title>\u00c9t\u00e9 {number}</title><link>https://cafe.example/{number}"
            f"</link><description>Le maire a dit {'&amp;copy;' if number else 'x'} "
            f"{'&author;' if 'ENTITY' in prologue else ''} \u00e0 midi.</description></item>\r\n"
            for number in range(20)
        )
        + "</channel></rss>"
    )
    data = (prologue + body).encode(encode)
    expected = whole(data)
    assert streamed_only(data) == expected
    assert expected[0].line == prologue.count("\n") + 3


def test_a_utf16_feed_is_read_as_a_whole_document() -> None:
    data = ('<?xml version="1.0" encoding="utf-16"?>' + RSS_HEAD[39:]).encode("utf-16")
    data += "".join(rss_item(n) for n in range(3)).encode("utf-16-le")
    data += RSS_TAIL.encode("utf-16-le")
    expected = whole(data)
    assert len(expected) == 3
    assert list(feed_entries(data, "f.rss")) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.text(
                st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'\n"),
                max_size=40,
            ),
            st.sampled_from(["cdata", "escaped", "xhtml"]),
            st.integers(0, 3000),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_well_formed_feed_gives_the_records_of_a_whole_reading(
    items: list[tuple[str, str, int]],
) -> None:
    from xml.sax.saxutils import escape

    parts = []
    for number, (text, form, padding) in enumerate(items):
        words = escape(text) + " pad" * padding
        if form == "cdata":
            body = (
                f"<content:encoded><![CDATA[<p>{text.replace(']]>', '')}</p>]]></content:encoded>"
            )
        elif form == "escaped":
            body = f"<description>&lt;p&gt;{words}&lt;/p&gt;</description>"
        else:
            body = f"<description>{words}</description>"
        parts.append(f"<item><title>{escape(text)}</title><guid>g{number}</guid>{body}</item>\n")
    data = (RSS_HEAD + "".join(parts) + RSS_TAIL).encode()
    expected = whole(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feeds, "_whole_document", _no_whole_reading)
        assert list(feed_entries(data, "f.rss")) == expected


def test_feed_metadata_after_the_entries_is_lent_to_every_entry(streamed_only: Any) -> None:
    # The entries are held back until the feed's header has come (more such feeds in
    # test_feed_late_metadata.py).
    data = (
        RSS_HEAD[: RSS_HEAD.index("<title>")]
        + "".join(rss_item(number) for number in range(400))
        + "<title>Late Title</title><language>fr</language></channel></rss>"
    ).encode()
    assert len(data) > 2 * feeds._CHUNK_BYTES
    expected = whole(data)
    assert {(e.record["publisher"], e.record["language"]) for e in expected} == {
        ("Late Title", "fr")
    }
    assert streamed_only(data) == expected


# --------------------------------------------------------------------------- as it arrives


class CountingStream(io.RawIOBase):
    """A pipe-like stream (not seekable) that counts what has been read from it."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.read_so_far += len(chunk)
        return len(chunk)


def test_the_first_record_comes_out_before_the_end_is_read() -> None:
    data = rss(3000)
    assert len(data) > 10 * feeds._CHUNK_BYTES
    stream = CountingStream(data)
    entries = feed_entries(stream, "f.rss")
    first = next(entries)
    assert isinstance(first, FeedEntry) and first.record["title"] == "Story 0"
    assert stream.read_so_far <= 2 * feeds._CHUNK_BYTES
    assert len(list(entries)) == 2999
    assert stream.read_so_far == len(data)


def test_read_feed_takes_an_open_file(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_bytes(rss(5))
    with path.open("rb") as stream:
        assert [record["id"] for record in read_feed(stream, "f.rss")] == [
            f"https://bugle.example/{number}" for number in range(5)
        ]


def test_finished_entries_are_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser.api

    handlers: list[Any] = []
    parts = feeds._feedparser_parts()
    assert parts is not None

    def keep(*args: Any) -> Any:
        handler = parts.handler_class(*args)
        handlers.append(handler)
        return handler

    monkeypatch.setattr(feeds, "_feedparser_parts", lambda: parts._replace(handler_class=keep))
    entries = feed_entries(rss(500), "f.rss")
    for _ in range(400):
        next(entries)
    (handler,) = handlers
    assert isinstance(handler, feedparser.api.StrictFeedParser)
    # Only the entries of the chunk being handed on are held, not the 400 handed on.
    per_chunk = feeds._CHUNK_BYTES // len(rss_item(400)) + 1
    assert len(handler.entries) <= per_chunk
    assert len(handler.property_depth_map) <= per_chunk < 400


def test_a_feedparser_without_a_reusable_strict_parser_reads_whole_documents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import feedparser.sanitizer

    data = rss(300)
    expected = whole(data)
    # feedparser.parse keeps the function it imported; reading a chunk at a time cannot.
    monkeypatch.delattr(feedparser.sanitizer, "replace_doctype")
    feeds._feedparser_parts.cache_clear()
    try:
        assert feeds._feedparser_parts() is None
        assert list(feed_entries(data, "f.rss")) == expected
    finally:
        monkeypatch.undo()
        feeds._feedparser_parts.cache_clear()
    assert feeds._feedparser_parts() is not None


# --------------------------------------------------------------------------- not well-formed


def test_html_entities_in_the_first_entry_read_the_whole_document() -> None:
    data = rss(30).replace(b"Summary 0", b"Summary&nbsp;0 &eacute;t&eacute; & co")
    expected = whole(data)
    assert len(expected) == 30
    assert expected[0].record["title"] == "Story 0"
    assert list(feed_entries(data, "f.rss")) == expected


@pytest.mark.parametrize(
    "damage",
    [
        (b"Summary 250", b"Summary&nbsp;250"),  # an HTML entity in RSS
        (b"Summary 250", b"Fish & chips 250"),  # a stray ampersand
        (b"<title>Story 250</title>", b"<title>Story 250</titel>"),  # a mismatched tag
        (b"Summary 250", b"Summary \xe9t\xe9 250"),  # a byte that is not UTF-8
    ],
    ids=["nbsp", "ampersand", "mismatched-tag", "not-utf8"],
)
def test_a_feed_that_breaks_midway_gives_every_entry_once(damage: tuple[bytes, bytes]) -> None:
    data = rss(400).replace(*damage)
    broken_at = data.index(damage[1])
    expected = whole(data)
    assert len(expected) == 400
    stream = CountingStream(data)
    entries = feed_entries(stream, "f.rss")
    first = next(entries)
    # The first entry came out before the break was read; the rest, after it, come from the
    # lenient whole-document reading that was the only reading before, each once.
    assert stream.read_so_far < broken_at
    assert [first, *entries] == expected


def test_a_feed_cut_short_gives_its_entries_and_an_error_for_the_partial_one() -> None:
    data = rss(200)
    data = data[: data.index(b"<item>", len(data) // 2) + 40]
    expected = whole(data)
    *got, cut = list(feed_entries(data, "f.rss"))
    assert [entry.record["id"] for entry in got] == [e.record["id"] for e in expected[:-1]]
    assert len(got) == len(expected) - 1 >= 100
    assert isinstance(cut, FailedInput) and "cut short" in cut.message


def test_entries_that_do_not_line_up_end_in_an_error_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = rss(300).replace(b"Summary 250", b"Fish & chips")
    real = feeds._whole_document

    def shifted(data: bytes, source: str) -> Any:
        parsed, lines = real(data, source)
        parsed.entries.insert(0, parsed.entries[1])  # a lenient reading that saw one more
        return parsed, [None, *lines]

    monkeypatch.setattr(feeds, "_whole_document", shifted)
    got = list(feed_entries(data, "f.rss"))
    *records, error = got
    assert [entry.record["title"] for entry in records] == [f"Story {n}" for n in range(250)]
    assert isinstance(error, FailedInput) and error.kind == "InvalidFeed"
    assert "after entry 250" in error.message and error.line == records[-1].line + 15
    assert "not well-formed" in error.message


def test_a_break_that_the_whole_reading_cannot_read_either(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unreadable(data: bytes, source: str) -> Any:
        raise InputError(f"{source}: not a readable RSS or Atom feed (boom)")

    monkeypatch.setattr(feeds, "_whole_document", unreadable)
    got = list(feed_entries(rss(100).replace(b"Summary 50", b"&"), "f.rss"))
    assert len(got) == 51
    assert isinstance(got[-1], FailedInput) and "after entry 50" in got[-1].message
    assert "(boom)" in got[-1].message


def test_a_pipe_is_read_again_from_its_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "_PIPE_COPY_MEMORY_BYTES", 1000)  # the copy goes to disk
    data = rss(300).replace(b"Summary 299", b"&")
    got = list(feed_entries(CountingStream(data), "f.rss"))
    assert got == list(feed_entries(data, "f.rss"))
    assert len(got) == 300


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://example.org/a</loc></url></urlset>\n",
        b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        b"<html><body><p>Not a feed</p></body></html>",
    ],
    ids=["empty", "sitemap", "no-entries", "page"],
)
def test_what_has_no_entries_reads_as_before(data: bytes) -> None:
    # (A feed whose only entry is cut short: test_a_feed_cut_short_inside_its_only_entry.)
    try:
        expected: Any = whole(data)
    except InputError as exc:
        expected = str(exc)
    try:
        got: Any = list(feed_entries(data, "f.rss"))
    except InputError as exc:
        got = str(exc)
    assert got == expected


def test_an_error_reading_the_input_is_not_taken_for_a_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "f.rss.gz"
    path.write_bytes(gzip.compress(rss(2000))[:-5000])
    with gzip.open(path, "rb") as stream, pytest.raises(EOFError):
        for _ in feed_entries(stream, "f.rss"):
            pass


def _chunks(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
def test_references_are_mended_whatever_the_chunks(size: int) -> None:
    data = b"a&#xD800;b&#55296;c&#x41;&#65;&amp;&#x110000;&#0000000000000000065;d&#"
    assert b"".join(feeds._without_bad_references_in(_chunks(data, size))) == (
        feeds._without_bad_references(data)
    )


# --------------------------------------------------------------------------- cut short


@pytest.mark.parametrize("count", [1, 5, 400])
def test_a_feed_cut_short_inside_an_entry_gives_an_error_for_that_entry(count: int) -> None:
    # Before, what a lenient reading made of the last entry's first lines was scored as the
    # whole entry (or failed as an entry with no text), and nothing said the file was cut.
    data = rss(count)
    last_start = data.rindex(b"<item>")
    cut = data[: data.index(b"<content:encoded>", last_start) + 40]
    got = list(feed_entries(cut, "f.rss"))
    assert [e.record["id"] for e in got[:-1] if isinstance(e, FeedEntry)] == [
        f"https://bugle.example/{n}" for n in range(count - 1)
    ]
    error = got[-1]
    assert isinstance(error, FailedInput) and error.kind == "InvalidFeed"
    line = data[:last_start].count(b"\n") + 1
    assert error.line == line
    assert f"ends inside the entry that starts on line {line}" in error.message
    assert "cut short" in error.message


def test_a_feed_cut_short_between_entries_loses_no_entry() -> None:
    data = rss(5)
    cut = data[: data.rindex(b"</item>") + len(b"</item>\n")]
    got = list(feed_entries(cut, "f.rss"))
    assert len(got) == 5 and all(isinstance(e, FeedEntry) for e in got)


def test_a_feed_cut_short_inside_its_only_entry() -> None:
    (got,) = feed_entries(b"<rss><channel><title>x</title><item><title>unclosed", "f.rss")
    assert isinstance(got, FailedInput) and got.kind == "InvalidFeed" and got.line == 1
    assert "ends inside the entry that starts on line 1" in got.message
