from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quality.cli import main
from quality.commands.score import iter_inputs
from quality.errors import InputError
from quality.inputs.feeds import feed_entries, html_fragment_text, looks_like_feed, read_feed

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
ROOT = FEEDS.parents[2]


def test_rss_entries_become_articles() -> None:
    entries = list(read_feed((FEEDS / "bugle.rss").read_bytes(), "bugle.rss"))
    assert len(entries) == 3
    first, second, empty = entries
    assert first["id"] == "https://bugle.example/2024/03/04/bridge"
    assert first["title"] == "Council approves bridge repairs"
    assert first["byline"] == "Maria Lopez"
    assert first["published"] == "2024-03-04"
    assert first["publisher"] == "Riverton Bugle"
    assert first["language"] == "en"
    # content:encoded is preferred over the one-line description, and read as text.
    assert first["text"].startswith("The Riverton city council voted 7-2")
    assert "<p>" not in first["text"] and "<p>" in first["html"]
    assert first["text"].splitlines()[-1] == "Share this article"
    assert second["text"].startswith("The Riverton Public Library will open on Sundays")
    assert empty["text"] is None


def test_atom_entries_become_articles() -> None:
    entries = list(read_feed((FEEDS / "wire.atom").read_bytes(), "wire.atom"))
    assert [e["id"] for e in entries] == ["urn:example:wire:1001", "urn:example:wire:1002"]
    assert entries[0]["byline"] == "Sam Okafor"
    assert entries[0]["published"] == "2024-05-01"
    assert entries[0]["url"] == "https://wire.example/port-strike"
    assert entries[0]["text"].splitlines() == [
        "Dock workers at the port of Halden returned to work on Wednesday after their union "
        "accepted a pay offer of 6% over two years, the union's secretary, Lena Berg, told "
        "reporters.",
        "The strike had held up about 300 ships.",
    ]
    # An entry with only <updated> gets that as its date; a text summary is kept as text.
    assert entries[1]["published"] == "2024-05-02"
    assert "html" not in entries[1]


def test_feed_entries_are_scored_and_an_empty_entry_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code = main(
        ["score", str(FEEDS / "bugle.rss"), str(FEEDS / "wire.atom"), "-o", str(out), "-j", "1"]
    )
    assert code == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 5
    assert rows[2]["id"] == "https://bugle.example/2024/03/06/empty"
    assert rows[2]["error"]["type"] == "MissingText"
    # The error points at the entry's start tag in the feed file.
    assert rows[2]["line"] == 24
    scored = [r for r in rows if "score" in r]
    assert len(scored) == 4
    assert {r["article"]["publisher"] for r in scored} == {"Riverton Bugle", "Example Wire"}
    # The share bar in the RSS entry is read as text and flagged by the residue scorer.
    assert any(f["excerpt"] == "Share this article" for f in scored[0]["findings"])


def test_feeds_are_sniffed_without_an_extension(tmp_path: Path) -> None:
    unnamed = tmp_path / "bugle"
    unnamed.write_bytes((FEEDS / "bugle.rss").read_bytes())
    assert looks_like_feed(unnamed.read_bytes())
    items = list(iter_inputs([str(unnamed)], max_chars=10_000))
    assert [item.record["title"] for item in items][:2] == [
        "Council approves bridge repairs",
        "Library extends weekend hours",
    ]
    assert [item.line for item in items] == [8, 17, 24]
    done = subprocess.run(
        [sys.executable, "-m", "quality", "score", "-j", "1"],
        input=(FEEDS / "wire.atom").read_bytes(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2


def test_gzipped_feeds_are_read_by_their_extension_and_in_folders(tmp_path: Path) -> None:
    import gzip

    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("bugle.rss", "wire.atom"):
        (folder / f"{name}.gz").write_bytes(gzip.compress((FEEDS / name).read_bytes()))
    out = tmp_path / "out.jsonl"
    assert main(["score", str(folder / "wire.atom.gz"), "-o", str(out), "-j", "1"]) == 0
    assert len(out.read_text().splitlines()) == 2
    assert main(["score", str(folder), "-o", str(out), "-j", "1"]) == 1  # the empty entry
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 5
    assert {r["article"]["publisher"] for r in rows if "score" in r} == {
        "Riverton Bugle",
        "Example Wire",
    }


def test_broken_feed_is_an_error_record(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_bytes(b"<rss><channel><title>x</title><item><title>unclosed")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(broken), "-o", str(out), "-j", "1"]) == 1
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["error"]["type"] in {"InvalidFeed", "MissingText"}
    assert row["id"] is None or row["id"].startswith(str(broken))


def test_xml_that_is_not_a_feed_is_an_error_record_not_silence(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_bytes(
        b'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://example.org/a</loc></url></urlset>\n"
    )
    empty = tmp_path / "empty.rss"
    empty.write_bytes(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    out = tmp_path / "out.jsonl"
    assert main(["score", str(sitemap), str(empty), "-o", str(out), "-j", "1"]) == 1
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["error"]["type"] == "InvalidFeed" and row["source"] == str(sitemap)
    assert "not an RSS or Atom feed" in row["error"]["message"]
    # A real feed with no entries has no articles: no line, and no error.
    assert list(feed_entries(empty.read_bytes(), str(empty))) == []


def test_entry_lines_are_the_lines_of_their_start_tags() -> None:
    atom = [e.line for e in feed_entries((FEEDS / "wire.atom").read_bytes(), "wire.atom")]
    assert atom == [6, 15]
    namespaced = (
        b'<?xml version="1.0"?>\n<a:feed xmlns:a="http://www.w3.org/2005/Atom">\n'
        b"<a:title>T</a:title>\n\n<a:entry><a:id>1</a:id><a:title>x</a:title></a:entry>\n"
        b"</a:feed>\n"
    )
    assert [e.line for e in feed_entries(namespaced, "ns.atom")] == [5]
    # The parser says where each entry starts, a literal <item> in CDATA content or not.
    tricky = (
        b"<rss><channel><title>T</title>\n<item><title>a</title><description><![CDATA["
        b"<item>not an entry</item>]]></description></item>\n</channel></rss>"
    )
    assert [e.line for e in feed_entries(tricky, "tricky.rss")] == [2]
    # A feed that is not well-formed is read as a whole document, whose lines come from a
    # scan of the tags: when its count disagrees with the parser's, no line is guessed.
    malformed = tricky.replace(b"<title>a<", b"<title>a & b<")
    assert [e.line for e in feed_entries(malformed, "tricky.rss")] == [None]


def test_html_fragment_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = html_fragment_text(
        "<p>One <b>bold</b> line.</p><script>x()</script><ul><li>a</li><li>b</li></ul>tail"
    )
    assert text.splitlines() == ["One bold line.", "a", "b", "tail"]


@pytest.mark.parametrize("head", [b"<?xml version='1.0'?>\n<feed xmlns='x'>", b"  <rss>"])
def test_looks_like_feed(head: bytes) -> None:
    assert looks_like_feed(head)
    assert not looks_like_feed(b'{"id": 1, "text": "<rss>"}')


def _rss(items: str, title: str = "") -> bytes:
    channel_title = f"<title>{title}</title>" if title else ""
    return f'<rss version="2.0"><channel>{channel_title}{items}</channel></rss>'.encode()


def test_a_malformed_link_is_kept_but_names_no_publisher(tmp_path: Path) -> None:
    feed = tmp_path / "b.rss"
    feed.write_bytes(
        _rss(
            "<item><link>http://[::1/x</link>"
            "<description>The council voted on Tuesday.</description></item>"
        )
    )
    (record,) = read_feed(feed.read_bytes(), str(feed))
    assert record["url"] == "http://[::1/x" and "publisher" not in record
    out = tmp_path / "out.jsonl"
    assert main(["score", str(feed), "-o", str(out), "-j", "1"]) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert "score" in row


def test_an_entry_that_cannot_be_read_is_an_error_line_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quality.inputs.feeds as feeds

    real_body = feeds._body

    def body(entry: Any) -> tuple[str | None, str]:
        if entry.get("title") == "bad":
            raise RuntimeError("boom")
        return real_body(entry)

    monkeypatch.setattr(feeds, "_body", body)
    feed = tmp_path / "three.rss"
    feed.write_bytes(
        _rss(
            "\n".join(
                f"<item><title>{title}</title><description>The council met on 4 March 2024."
                "</description></item>"
                for title in ("good", "bad", "also good")
            ),
            title="Bugle",
        )
    )
    out = tmp_path / "out.jsonl"
    assert main(["score", str(feed), "-o", str(out), "-j", "1"]) == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert ["score" in row for row in rows] == [True, False, True]
    assert rows[1]["error"]["type"] == "InvalidFeed" and rows[1]["source"] == str(feed)
    assert "entry 2 (line 2)" in rows[1]["error"]["message"] and rows[1]["line"] == 2
    assert "RuntimeError: boom" in rows[1]["error"]["message"]
    # read_feed cannot hand back an error in an entry's place: it raises one.
    with pytest.raises(InputError, match="entry 2"):
        list(read_feed(feed.read_bytes(), str(feed)))


def test_html_comments_are_not_text_and_table_cells_are_separated() -> None:
    text = html_fragment_text(
        "<!-- wp:paragraph --><p>The council met.</p><!-- /wp:paragraph -->"
        "<p>a<?php echo 1 ?>b</p>"
        "<table><caption>Spending</caption><tr><th>Department</th><th>Budget</th></tr>"
        "<tr><td>Police</td><td></td><td>$4  million</td></tr></table>after"
    )
    assert text.splitlines() == [
        "The council met.",
        "ab",
        "Spending",
        "Department | Budget",
        "Police | $4 million",
        "after",
    ]


@pytest.mark.parametrize(
    ("written", "published"),
    [
        # Late evening west of UTC: already the next day in UTC, but not where it was written.
        ("Fri, 01 Mar 2024 23:30:00 -0500", "2024-03-01"),
        ("Fri, 01 Mar 2024 23:30:00 EST", "2024-03-01"),
        ("Sat, 02 Mar 2024 00:30:00 +0100", "2024-03-02"),
        # A date only feedparser can read falls back to its (UTC) reading.
        ("Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11"),
    ],
)
def test_feed_dates_are_the_dates_as_written(written: str, published: str) -> None:
    (record,) = read_feed(
        _rss(f"<item><pubDate>{written}</pubDate><description>x</description></item>"), "f.rss"
    )
    assert record["published"] == published


def test_atom_dates_are_the_dates_as_written() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id>'
        b"<updated>2024-03-01T23:30:00-05:00</updated><summary>x</summary></entry></feed>"
    )
    assert [r["published"] for r in read_feed(atom, "f.atom")] == ["2024-03-01"]


def test_a_feed_file_is_read_as_it_goes_not_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command hands the open file to the feed reader, so a long archive is neither held
    # whole in memory nor waited for before the first entry.
    import gzip

    import quality.commands.score as score_command

    handed: list[type] = []
    original = score_command.feed_entries

    def recording(data: Any, source: str) -> Any:
        handed.append(type(data))
        return original(data, source)

    monkeypatch.setattr(score_command, "feed_entries", recording)
    feed = (FEEDS / "bugle.rss").read_bytes()
    packed = tmp_path / "bugle.rss.gz"
    packed.write_bytes(gzip.compress(feed))
    plain = tmp_path / "bugle.rss"
    plain.write_bytes(feed)
    from_files = [list(iter_inputs([str(path)], max_chars=10**6)) for path in (plain, packed)]
    assert bytes not in handed and len(handed) == 2
    expected = list(feed_entries(feed, str(plain)))
    assert [getattr(e, "record", e) for e in from_files[0]] == [
        getattr(e, "record", e) for e in expected
    ]
    assert len(from_files[1]) == len(expected)


def test_a_web_page_saved_as_xml_is_one_article(tmp_path: Path) -> None:
    # Read as a feed from the file, found to be none, then read again from its start.
    page = tmp_path / "story.xml"
    page.write_text(
        "<html><head><title>Bridge reopens</title></head><body><article><p>"
        + "The bridge reopened on Monday after repairs, the council said. " * 5
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["score", str(page), "-o", str(out), "-j", "1"]) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert "error" not in row and row["id"] == str(page)
