"""JSON Feed input: each item an article, read by ``quality score`` and ``quality sources``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quality.batch import FailedInput
from quality.cli import main
from quality.inputs.feeds import FeedEntry
from quality.inputs.jsonfeed import json_feed_entries, looks_like_json_feed

REPORT = (
    "<p>Leeds City Council approved a £4.2m cut to library spending on Tuesday, by 31 votes "
    'to 12.</p><p>"We had no choice," said the council leader, Amy Rahman.</p>'
)


def feed(*items: object, **fields: object) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "The Riverside Courier",
        "home_page_url": "https://courier.example.org/",
        "language": "en",
        **fields,
        "items": list(items),
    }
    return json.dumps(document, indent=2).encode()


def long_feed() -> dict[str, object]:
    """A feed of 30 items: long enough that with its keys sorted (items before version) its
    version comes after the part of an input looked at first."""
    items = [{"id": str(n), "content_text": f"{REPORT} Item {n}."} for n in range(30)]
    document: dict[str, object] = json.loads(feed(*items))
    return document


def records(data: bytes) -> list[FeedEntry | FailedInput]:
    return list(json_feed_entries(data, "feed.json"))


def test_an_item_becomes_an_article_record_with_the_feeds_metadata() -> None:
    item = {
        "id": "https://courier.example.org/2024/03/library",
        "url": "/2024/03/library",
        "title": " Council approves library cut ",
        "content_html": REPORT,
        "date_published": "2024-03-05T18:00:00Z",
        "authors": [{"name": "Jane Roe"}, {"name": "Sam Hill"}, {"url": "https://x.example"}],
    }
    (entry,) = records(feed(item))
    assert isinstance(entry, FeedEntry)
    assert entry.record == {
        "id": "https://courier.example.org/2024/03/library",
        "title": "Council approves library cut",
        "byline": "Jane Roe, Sam Hill",
        "url": "https://courier.example.org/2024/03/library",
        "published": "2024-03-05T18:00:00Z",
        "publisher": "The Riverside Courier",
        "language": "en",
        "text": (
            "Leeds City Council approved a £4.2m cut to library spending on Tuesday, by 31 "
            'votes to 12.\n"We had no choice," said the council leader, Amy Rahman.'
        ),
        "html": REPORT,
    }


def test_version_one_fields_and_fallbacks() -> None:
    items = (
        {"id": 7, "content_text": "Plain words.", "author": {"name": "Ann Lee"}, "language": "de"},
        {"id": "8", "content_html": "<p><img src='a.png'></p>", "summary": "The summary."},
        {"content_text": "No id or link."},
    )
    first, second, third = records(
        feed(*items, title=None, version="https://jsonfeed.org/version/1")
    )
    assert isinstance(first, FeedEntry) and isinstance(second, FeedEntry)
    assert isinstance(third, FeedEntry)
    assert first.record["id"] == "7" and first.record["byline"] == "Ann Lee"
    assert first.record["language"] == "de"  # the item's own language wins over the feed's
    assert first.record["publisher"] == "courier.example.org"  # no title: the site
    assert second.record["text"] == "The summary." and "html" not in second.record
    assert third.record["id"] == "feed.json#3"


def test_a_bad_item_is_an_error_in_its_place_and_the_rest_are_read() -> None:
    first, bad, last = records(feed({"content_text": "One."}, ["x"], {"content_text": "Three."}))
    assert isinstance(first, FeedEntry) and isinstance(last, FeedEntry)
    assert bad == FailedInput(
        "feed.json", "InvalidRecord", "feed.json: item 2: expected an object, got a JSON array"
    )


@pytest.mark.parametrize(
    ("item", "kind", "message"),
    [
        (
            {"id": "n", "content_text": 123},
            "WrongType",
            "'content_text' must be a string, got number",
        ),
        ({"id": 7, "content_html": ["<p>x</p>"]}, "WrongType", "'content_html' must be a string"),
        ({"id": "t", "content_text": "Hi.", "title": 7}, "InvalidArticle", "'title' must be"),
        ({"id": "d", "content_text": "Hi.", "date_published": 2024}, "InvalidArticle", "'date_"),
    ],
)
def test_an_item_field_of_the_wrong_type_fails_the_item_as_a_record_would(
    item: dict[str, object], kind: str, message: str
) -> None:
    # Before, a text that was no string left the item with no text, and a title that was
    # none left it untitled, without a word.
    first, bad, last = records(feed({"content_text": "One."}, item, {"content_text": "Three."}))
    assert isinstance(first, FeedEntry) and isinstance(last, FeedEntry)
    assert isinstance(bad, FailedInput) and bad.kind == kind
    assert bad.message.startswith(f"feed.json: item 2: {message}")
    assert bad.id == str(item["id"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "not a valid JSON Feed: "),
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "title": "x"}',
            "expected an object with 'items', got no 'items' list",
        ),
    ],
)
def test_a_document_that_is_no_json_feed_is_one_error(data: bytes, message: str) -> None:
    (failure,) = records(data)
    assert isinstance(failure, FailedInput) and failure.kind == "InvalidFeed"
    assert failure.message.startswith("feed.json: ") and message in failure.message


def test_only_a_json_object_naming_the_format_is_taken_for_one() -> None:
    assert looks_like_json_feed(b'\xef\xbb\xbf\n {"version":"https://jsonfeed.org/version/1"}')
    assert not looks_like_json_feed(b'{"id": 1, "text": "version https://jsonfeed.org"}')
    assert not looks_like_json_feed(b'[{"version": "https://jsonfeed.org/version/1"}]')


def _scored(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_quality_score_reads_a_json_feed_file_folder_and_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    data = feed({"id": "a", "content_html": REPORT}, "oops", {"id": "c", "content_text": "Hi."})
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "courier.json").write_bytes(data)
    (tmp_path / "feeds" / "story.json").write_text(json.dumps({"id": "s", "text": "A story."}))
    assert main(["score", "-j", "1", str(tmp_path / "feeds")]) == 1  # one bad item
    lines = _scored(capsys)
    # an article file is named by its path, as ever
    assert [line["id"] for line in lines] == [
        "a",
        None,
        "c",
        str(tmp_path / "feeds" / "story.json"),
    ]
    assert lines[1]["error"]["type"] == "InvalidRecord"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert main(["score", "-j", "1", "-"]) == 1
    assert [line["id"] for line in _scored(capsys)] == ["a", None, "c"]


def test_a_feed_whose_keys_are_sorted_is_read_as_a_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    # `jq -S` writes "items" before "version", past the first few kilobytes of a real feed.
    data = json.dumps(long_feed(), sort_keys=True, indent=2).encode()
    assert data.index(b'"version"') > 4096
    (tmp_path / "sorted.json").write_bytes(data)
    assert main(["score", "-j", "1", str(tmp_path / "sorted.json")]) == 0
    assert [line["id"] for line in _scored(capsys)] == [str(n) for n in range(30)]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert main(["score", "-j", "1", "-"]) == 0
    assert len(_scored(capsys)) == 30


def test_a_json_document_over_several_lines_that_is_no_feed_is_still_read_line_by_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    data = b'{\n  "text": "A story."\n}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert main(["score", "-j", "1", "-"]) == 1
    assert [line["error"]["type"] for line in _scored(capsys)] == ["InvalidJSON"] * 3


def test_lint_and_the_library_say_a_json_feed_is_no_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import quality

    data = feed({"id": "a", "content_text": "One."})
    (tmp_path / "feed.json").write_bytes(data)
    assert main(["lint", str(tmp_path / "feed.json")]) == 2
    assert "it is a JSON Feed, not an article: `quality score FILE`" in capsys.readouterr().err
    with pytest.raises(quality.InputError, match="it is a JSON Feed, not an article"):
        quality.score(json.loads(data))


def test_a_minified_feed_on_one_line_with_its_version_last_is_read_as_a_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    # `jq -cS`: one line, "items" before "version", past the part sniffed first. It was read
    # as one JSON Lines record and refused.
    data = json.dumps(long_feed(), sort_keys=True, separators=(",", ":")).encode()
    assert b"\n" not in data and data.index(b'"version"') > 4096
    (tmp_path / "sorted.jsonl").write_bytes(data + b"\n")
    assert main(["score", "-j", "1", str(tmp_path / "sorted.jsonl")]) == 0
    assert [line["id"] for line in _scored(capsys)] == [str(n) for n in range(30)]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert main(["score", "-j", "1", "-"]) == 0
    assert len(_scored(capsys)) == 30


def test_a_json_feed_among_json_lines_records_is_still_refused_as_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one_line = json.dumps(long_feed(), sort_keys=True)
    story = json.dumps({"id": "s", "text": REPORT})
    (tmp_path / "mixed.jsonl").write_text(f"{one_line}\n{story}\n", encoding="utf-8")
    assert main(["score", "-j", "1", str(tmp_path / "mixed.jsonl")]) == 1
    lines = _scored(capsys)
    assert "it is a JSON Feed, not an article" in lines[0]["error"]["message"]
    assert lines[1]["id"] == "s" and "score" in lines[1]


def test_a_feed_read_whole_to_tell_what_it_is_is_parsed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    import orjson

    document = long_feed()
    pretty = json.dumps(document, sort_keys=True, indent=2).encode()
    minified = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    parsed_whole: list[int] = []
    loads = orjson.loads

    def counting_loads(data: bytes | str) -> object:
        if len(data) >= len(minified):
            parsed_whole.append(len(data))
        return loads(data)

    monkeypatch.setattr(orjson, "loads", counting_loads)
    (tmp_path / "sorted.json").write_bytes(pretty)
    for data in (pretty, minified + b"\n"):
        parsed_whole.clear()
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        assert main(["score", "-j", "1", "-"]) == 0
        assert len(_scored(capsys)) == 30
        assert len(parsed_whole) == 1
    parsed_whole.clear()
    # A file is read whole to tell whether it is a feed or an article, and not again.
    assert main(["score", "-j", "1", str(tmp_path / "sorted.json")]) == 0
    assert len(_scored(capsys)) == 30
    assert len(parsed_whole) == 1
