"""Feeds and batches as a news aggregator meets them: publishers written as web addresses,
impossible dates, entries without a link or whose content is only an image, old Mac line
ends, and a UTF-8 feed with a stray byte of another encoding."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quality.cli import main
from quality.inputs.feeds import feed_entries, read_feed
from quality.inputs.jsonl import JsonlRecord, LineError, parse_line
from quality.sources.grouping import source_key

BODY = (
    "The city council voted 7-2 on Tuesday to approve the new budget, Mayor Ana Ruiz said. "
    "“We have made hard choices,” she told reporters at the Café Noir."
)


def _rss(items: str, channel: str = "<title>T</title>") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{channel}'
        f"{items}</channel></rss>"
    ).encode()


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize(
    "publisher",
    [
        "example.com",
        "www.Example.com",
        "EXAMPLE.COM",
        "https://www.example.com/",
        "http://example.com:8080/news",
        "example.com:8443",
        "Example.com/news",
        "example.com.",
    ],
)
def test_a_publisher_written_as_a_web_address_is_its_site(publisher: str) -> None:
    # The same site as the one an article without a publisher is grouped under by its URL.
    assert source_key(publisher, None) == source_key(None, "https://www.example.com/a")
    assert source_key(publisher, None) == "example.com"


@pytest.mark.parametrize(
    "publisher", ["The Guardian", "U.S. News", "Yahoo! News", "St. Louis Post-Dispatch", "AP"]
)
def test_a_publisher_name_is_kept_as_written(publisher: str) -> None:
    assert source_key(publisher, "https://www.example.com/a") == publisher


def test_sources_groups_one_site_however_its_publisher_is_written(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    publishers = ["www.Example.com", "example.com", "https://example.com:8443/", None]
    with articles.open("w", encoding="utf-8") as handle:
        for number, publisher in enumerate(publishers):
            record = {"id": f"a{number}", "text": f"{BODY} Story {number}."}
            if publisher is None:
                record["url"] = f"https://www.example.com/{number}"
            else:
                record["publisher"] = publisher
            handle.write(json.dumps(record) + "\n")
    report = tmp_path / "report.csv"
    status = main(["sources", str(articles), "--jobs", "1", "--format", "csv", "-o", str(report)])
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [(row["source"], row["articles"]) for row in rows] == [("example.com", "4")]


# --------------------------------------------------------------------------- feed dates


@pytest.mark.parametrize(
    "written",
    [
        "2024-13-45",  # feedparser rolls it over to 2025-01-01
        "2024-02-30",  # ... to 2024-03-01
        "2023-02-29T10:00:00Z",  # ... to 2023-03-01
        "2024-061",  # an ordinal date feedparser reads as 2024-06-01
        "2024-W09",  # a week feedparser reads as 2024-11-01
    ],
)
def test_an_impossible_feed_date_is_no_date_rather_than_another_day(written: str) -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id>'
        f"<published>{written}</published><summary>x</summary></entry></feed>"
    ).encode()
    (record,) = read_feed(atom, "f.atom")
    assert "published" not in record


@pytest.mark.parametrize(
    ("written", "published"),
    [
        # Dates only feedparser can read are still read, as the day they were written on,
        # also when that is another day in UTC.
        ("Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11"),
        ("Κυρ, 11 Ιούλ 2004 20:00:00 EST", "2004-07-11"),
        ("Tues, 18 Jun 2024 08:00:00 GMT", "2024-06-18"),
        ("Tues, 18 Jun 2024 23:00:00 -0500", "2024-06-18"),
        ("Tues, 18 Jun 2024 01:00:00 +0500", "2024-06-18"),
    ],
)
def test_a_date_only_feedparser_reads_is_the_day_written(written: str, published: str) -> None:
    (record,) = read_feed(
        _rss(f"<item><pubDate>{written}</pubDate><description>x</description></item>"), "f.rss"
    )
    assert record["published"] == published


# --------------------------------------------------------------------------- entries


def test_an_entry_without_a_link_takes_its_feeds_site_as_publisher() -> None:
    # A feed without a title: its entries are grouped by their site, including the one
    # that has no link of its own.
    feed = _rss(
        f"<item><link>https://www.herald.example/a</link><description>{BODY}</description></item>"
        f"<item><guid isPermaLink='false'>b</guid><description>{BODY}</description></item>",
        channel="<link>https://www.herald.example/</link>",
    )
    records = list(read_feed(feed, "f.rss"))
    assert [record["publisher"] for record in records] == ["herald.example", "herald.example"]
    assert "url" not in records[1]


def test_content_without_text_gives_way_to_the_summary() -> None:
    feed = _rss(
        "<item><guid>1</guid>"
        f"<description>{BODY}</description>"
        '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA['
        '<p><img src="https://pics.example/a.jpg" alt=""></p><!-- wp:image --><br/>'
        "]]></content:encoded></item>"
    )
    (record,) = read_feed(feed, "f.rss")
    assert record["text"].startswith("The city council voted 7-2")


def test_an_atom_entry_whose_first_content_has_no_text_uses_the_next() -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id>'
        '<content type="html">&lt;img src="a.jpg"&gt;</content>'
        f'<content type="text">{BODY}</content></entry></feed>'
    ).encode()
    (record,) = read_feed(atom, "f.atom")
    assert record["text"] == BODY


def test_an_entry_whose_only_content_is_an_image_is_still_an_empty_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "f.rss"
    feed.write_bytes(
        _rss('<item><guid>1</guid><description>&lt;img src="a.jpg"&gt;</description></item>')
    )
    assert main(["score", str(feed), "--jobs", "1"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["error"]["type"] == "EmptyArticle"


def _feed_with_line_ends(newline: str, broken: bool) -> bytes:
    lines = ['<?xml version="1.0"?>', '<rss version="2.0">', "<channel>", "<title>T</title>"]
    if broken:
        lines.append("<copyright>A & B</copyright>")  # not well-formed: read whole
    for number in range(3):
        lines += ["<item>", f"<guid>g{number}</guid>", "</item>"]
    lines += ["</channel>", "</rss>"]
    return newline.join(lines).encode()


@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_entry_lines_count_every_kind_of_line_end(newline: str, broken: bool) -> None:
    # Old Mac files end lines with a lone carriage return, which XML reads as a line end.
    data = _feed_with_line_ends(newline, broken)
    first = 6 if broken else 5
    lines = [getattr(entry, "line", None) for entry in feed_entries(data, "f.rss")]
    assert lines == [first, first + 3, first + 6]


# --------------------------------------------------------------------------- encodings


def _utf8_feed_with_a_stray_byte(entries: int) -> bytes:
    """A UTF-8 feed of ``entries`` entries whose last entry but one holds a Latin-1 "é"."""
    items = [
        f"<item><guid>g{number}</guid><description>{BODY} Story {number}.</description></item>\n"
        for number in range(entries)
    ]
    stray = (
        b"<item><guid>stray</guid><description>Caf\xe9 "
        + BODY.encode()
        + b"</description></item>\n"
    )
    head = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>T</title>'
    body = "".join(items[:-1]).encode() + stray + items[-1].encode()
    return head + b"<language>en</language>\n" + body + b"</channel></rss>\n"


@pytest.mark.parametrize("entries", [3, 600])
def test_a_stray_byte_in_a_utf8_feed_garbles_no_other_text(entries: int) -> None:
    # A feed of UTF-8 with one byte of Latin-1 pasted in: that byte is read as Windows-1252
    # would read it, and the rest stays UTF-8 (read whole as Windows-1252, every curly
    # quote of every entry was mojibake: "â€œ"). 600 entries are more than the first
    # chunk, so the break comes while the feed is being read a chunk at a time.
    records = list(read_feed(_utf8_feed_with_a_stray_byte(entries), "f.rss"))
    assert len(records) == entries + 1
    stray = next(record for record in records if record["id"] == "stray")
    assert stray["text"].startswith("Café The city council")
    assert all("“We have made hard choices,”" in record["text"] for record in records)
    assert not any("â€" in record["text"] for record in records)


@pytest.mark.parametrize("declaration", ['<?xml version="1.0" encoding="utf-8"?>', ""])
def test_a_feed_all_in_windows_1252_is_still_read_as_windows_1252(declaration: str) -> None:
    feed = (
        f'{declaration}<rss version="2.0"><channel><title>Café News</title>'
        f"<item><guid>1</guid><description>{BODY}</description></item></channel></rss>"
    ).encode("cp1252")
    (record,) = read_feed(feed, "f.rss")
    assert record["text"] == BODY
    assert record["publisher"] == "Café News"


def test_a_feed_declaring_another_encoding_is_read_in_it() -> None:
    feed = (
        '<?xml version="1.0" encoding="iso-8859-5"?><rss version="2.0"><channel>'
        "<title>Новости</title><item><guid>1</guid><description>Совет собрался во вторник."
        "</description></item></channel></rss>"
    ).encode("iso-8859-5")
    (record,) = read_feed(feed, "f.rss")
    assert record["text"] == "Совет собрался во вторник."
    assert record["publisher"] == "Новости"


# --------------------------------------------------------------------------- JSON Lines


def test_json_lines_joined_from_files_with_byte_order_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `cat a.jsonl b.jsonl | quality score -`, each file written with a byte order mark.
    record = json.dumps({"id": "a", "text": BODY}).encode()
    joined = tmp_path / "joined.jsonl"
    joined.write_bytes(
        b"\xef\xbb\xbf" + record + b"\r\n\xef\xbb\xbf" + record + b"\n\xef\xbb\xbf\n"
    )
    assert main(["score", str(joined), "--jobs", "1"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["id"], "error" in line) for line in lines] == [("a", False), ("a", False)]


def test_an_entry_marked_with_its_own_language_is_scored_in_it() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US"><title>T</title>'
        b"<entry><id>1</id><summary>The council met on Tuesday.</summary></entry>"
        b'<entry xml:lang="de-DE"><id>2</id>'
        b'<content type="text">Der Rat hat am Dienstag den Haushalt beschlossen.</content></entry>'
        b'<entry><id>3</id><content type="html" xml:lang="pt">&lt;p&gt;O conselho aprovou.&lt;/p&gt;'
        b"</content></entry></feed>"
    )
    assert [record["language"] for record in read_feed(atom, "f.atom")] == ["en", "de", "pt"]


def test_an_aggregators_entry_is_published_by_the_source_it_names() -> None:
    feed = _rss(
        "<item><link>https://news.google.example/rss/articles/abc</link>"
        f"<description>{BODY}</description>"
        '<source url="https://www.nytimes.com">The New York Times</source></item>'
        f"<item><description>{BODY}</description>"
        '<source url="https://www.bbc.co.uk/news"></source></item>'
        f"<item><description>{BODY}</description></item>",
        channel="<title>Google News</title><link>https://news.google.example/</link>",
    )
    publishers = [record["publisher"] for record in read_feed(feed, "f.rss")]
    assert publishers == ["The New York Times", "bbc.co.uk", "Google News"]
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title><entry><id>1</id>'
        f"<summary>{BODY}</summary><source><id>s</id><title>Jane's Blog</title>"
        '<link href="https://jane.example/"/></source></entry></feed>'
    ).encode()
    assert [record["publisher"] for record in read_feed(atom, "f.atom")] == ["Jane's Blog"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"id": "c", "text": "x"\r\n', "Expecting ',' delimiter (column 24)"),
        (b'{"id": "d",\n', "Expecting property name enclosed in double quotes (column 12)"),
        (b'{"id": "e", "text": "The coun\n', "Unterminated string starting (column 21)"),
    ],
)
def test_a_line_cut_short_is_placed_on_its_own_line(line: bytes, message: str) -> None:
    # A file cut short, or a record split by a stray line feed: the error is where the one
    # line of the record ends, not on a "line 2" the record does not have.
    with pytest.raises(LineError) as caught:
        parse_line(JsonlRecord("f.jsonl", 7, line, len(line)))
    assert caught.value.kind == "InvalidJSON"
    assert str(caught.value) == f"line is not valid JSON: {message}"


def test_sources_starts_no_more_workers_than_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quality.commands.sources as sources_command
    from quality.batch import available_cores

    asked: list[int] = []
    real = sources_command.map_ordered

    def recording(*args: Any, workers: int, **kwargs: Any) -> Any:
        asked.append(workers)
        return real(*args, workers=1, **kwargs)

    monkeypatch.setattr(sources_command, "map_ordered", recording)
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": BODY}) + "\n", encoding="utf-8")
    report = tmp_path / "report.csv"
    for jobs in ("100000", "0"):
        assert (
            main(["sources", str(articles), "-j", jobs, "--format", "csv", "-o", str(report)]) == 0
        )
    assert asked == [available_cores()] * 2


# --------------------------------------------------------------------------- gzip


def _jsonl(count: int) -> bytes:
    return b"".join(
        json.dumps({"id": f"a{number}", "text": f"{BODY} Story {number}."}).encode() + b"\n"
        for number in range(count)
    )


def test_gzip_data_is_read_through_gzip_whatever_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A feed fetched compressed and saved under its own name, JSON Lines compressed without
    # the .gz: each is read as what it holds, not as one error (the feed) or an error per
    # line of binary (the JSON Lines).
    feed = tmp_path / "feed.xml"
    feed.write_bytes(
        gzip.compress(_rss(f"<item><guid>f1</guid><description>{BODY}</description></item>"))
    )
    lines = tmp_path / "articles.jsonl"
    lines.write_bytes(gzip.compress(_jsonl(3)))
    assert main(["score", str(feed), str(lines), "--jobs", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["id"] for row in rows] == ["f1", "a0", "a1", "a2"]


def test_gzip_data_on_standard_input_is_read_through_gzip() -> None:
    # `curl https://example.org/articles.jsonl.gz | quality score -`
    done = subprocess.run(
        [sys.executable, "-m", "quality", "score", "-", "--jobs", "1"],
        input=gzip.compress(_jsonl(3)),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["a0", "a1", "a2"]


def test_gzip_data_cut_short_on_standard_input_is_one_error_line() -> None:
    packed = gzip.compress(_jsonl(200))
    done = subprocess.run(
        [sys.executable, "-m", "quality", "score", "-", "--jobs", "1"],
        input=packed[: len(packed) // 2],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert all("score" in row for row in rows[:-1]) and len(rows) > 1
    assert rows[-1]["error"]["type"] == "UnreadableFile"
    assert b"Traceback" not in done.stderr


# --------------------------------------------------------------------------- sources output


def test_sources_refuses_an_output_it_cannot_write_before_scoring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import quality.commands.sources as sources_command

    scored: list[object] = []
    monkeypatch.setattr(sources_command, "map_ordered", lambda *a, **k: scored.append(a))
    articles = tmp_path / "articles.jsonl"
    articles.write_bytes(_jsonl(2))
    report = tmp_path / "no such folder" / "report.csv"
    assert main(["sources", str(articles), "-j", "1", "-o", str(report)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert scored == []  # the batch was not scored first


def test_sources_with_standard_output_closed_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "articles.jsonl").write_bytes(_jsonl(1))
    env = {**os.environ, "Q": f"{sys.executable} -m quality"}
    done = subprocess.run(
        ["sh", "-c", "exec $Q sources articles.jsonl -j 1 >&-"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1:] == [
        b"quality sources: error: standard output is closed; give --output FILE"
    ]


def test_sources_report_in_an_input_folder_is_not_read_as_input(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "articles.jsonl").write_bytes(_jsonl(3))
    report = folder / "report.jsonl"
    report.write_text("left from an earlier run\n", encoding="utf-8")
    assert main(["sources", str(folder), "-j", "1", "--format", "json", "-o", str(report)]) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["articles"] == 3
