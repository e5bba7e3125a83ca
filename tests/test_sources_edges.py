"""Edge cases of ``quality sources``: odd source names, malformed scored lines, terminal
output, floating-point shares and text in scripts written without spaces."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from quality.cli import main
from quality.commands.sources import analyse, render_table
from quality.sources import find_boilerplate, find_near_duplicates, source_key, summarise_sources
from quality.sources.duplicates import shingles


def scored_line(id: str, publisher: str = "P", **fields: Any) -> dict[str, Any]:
    record = {
        "id": id,
        "score": 80.0,
        "grade": "B",
        "findings": [{"rule": "R1"}],
        "article": {"publisher": publisher},
    }
    return {**record, **fields}


def write_lines(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "url",
    [
        "https://bücher.example/a",
        "https://xn--bcher-kva.example/b",
        "https://WWW.BÜCHER.EXAMPLE/c",
        "https://bu\u0308cher.example/d",  # "ü" written as "u" and a combining diaeresis
        "https://www.bücher.example./e",
        "bücher.example./f",
    ],
)
def test_one_host_is_one_source_however_it_is_spelled(url: str) -> None:
    assert source_key(None, url) == "bücher.example"


@pytest.mark.parametrize(
    "publisher",
    ["Café News", "Cafe\u0301 News", "\ufeffCafé\u200b News\u200e", " Café\u00a0 News "],
)
def test_one_publisher_is_one_source_however_it_is_typed(publisher: str) -> None:
    assert source_key(publisher, "https://other.example/") == "Café News"


def test_a_publisher_of_invisible_characters_only_is_no_name() -> None:
    assert source_key("\u200b\ufeff", "https://www.herald.example/a") == "herald.example"
    # Joiners shape words and emoji: they are part of a name.
    assert source_key("News \U0001f469\u200d\U0001f4bb") == "News \U0001f469\u200d\U0001f4bb"


def test_a_host_that_is_only_www_is_kept() -> None:
    assert source_key(None, "https://www./a") == "www"
    assert source_key(None, "http://www") == "www"
    assert source_key(None, "https://./a") == "(unknown)"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"findings": 5}, "'findings' must be a list, got int"),
        ({"findings": "FIL101"}, "'findings' must be a list, got str"),
        ({"grade": None}, "'grade' must be a grade name, got None"),
        ({"grade": ""}, "'grade' must be a grade name, got ''"),
        ({"text": 5}, "'text' must be a string, got int"),
    ],
)
def test_a_malformed_scored_line_is_reported_and_the_rest_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fields: dict[str, Any], problem: str
) -> None:
    path = write_lines(tmp_path / "s.jsonl", [scored_line("good"), scored_line("bad", **fields)])
    assert main(["sources", str(path), "--format", "json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert (report["articles"], report["errors"]) == (1, 1)
    assert report["sources"][0]["grades"] == {"B": 1}
    assert f"skipped {path}:2 (id 'bad'): InvalidRecord: {problem}" in captured.err


def test_findings_whose_rule_is_not_a_string_are_left_out() -> None:
    findings = [{"rule": ["FIL101"]}, {"rule": {"id": 1}}, {"rule": None}, "FIL101", {"rule": "R2"}]
    (stats,) = summarise_sources([scored_line("a", findings=findings)])
    assert stats.top_rules == [("R2", 1)]


def test_an_error_line_that_names_no_file_is_named_by_where_it_was_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        scored_line("good"),
        # As Pipeline.score_many writes them: no source, no line.
        {"id": "x", "line": None, "error": {"type": "MissingText", "message": "no text"}},
        {"id": "y", "error": "disk full"},
        # Written by quality score from its own input: that input is named.
        {"id": "z", "line": 7, "source": "in.jsonl", "error": {"type": "T", "message": "m"}},
    ]
    path = write_lines(tmp_path / "s.jsonl", rows)
    assert main(["sources", str(path), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["errors"] == 3
    assert f"skipped {path}:2 (id 'x'): MissingText: no text" in captured.err
    assert f"skipped {path}:3 (id 'y'): error record with 'error': 'disk full'" in captured.err
    assert "skipped in.jsonl:7 (id 'z'): T: m" in captured.err


def test_an_error_field_of_null_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(tmp_path / "s.jsonl", [scored_line("a", error=None)])
    assert main(["sources", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert (json.loads(captured.out)["articles"], captured.err.count("skipped")) == (1, 0)


@pytest.mark.parametrize("format", ["json", "csv", "table"])
def test_records_left_out_make_the_exit_status_1_and_the_report_is_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        json.dumps(scored_line("good", "Gazette")) + "\n{broken\n" + "\xff\n", encoding="latin-1"
    )
    out = tmp_path / "report"
    assert main(["sources", str(path), "--format", format, "-o", str(out)]) == 1
    assert "Gazette" in out.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert f"skipped {path}:2: InvalidJSON" in err and f"skipped {path}:3: InvalidUTF8" in err
    if format == "json":
        assert json.loads(out.read_text(encoding="utf-8"))["errors"] == 2


def test_an_article_that_cannot_be_scored_makes_the_exit_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = {"id": "a", "publisher": "Gazette", "text": "The council met on Tuesday."}
    path = write_lines(tmp_path / "a.jsonl", [article, {"id": "empty", "text": "  "}])
    assert main(["sources", str(path), "--format", "json", "-j", "1"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["articles"] == 1
    assert f"skipped {path}:2 (id 'empty'): EmptyArticle" in captured.err


def test_every_record_used_is_exit_status_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(tmp_path / "s.jsonl", [scored_line("a"), scored_line("b")])
    assert main(["sources", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["errors"] == 0 and "skipped" not in captured.err


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError


@pytest.mark.parametrize(("rows", "status"), [(["good"], 0), (["good", "bad"], 1)])
def test_a_reader_that_stops_early_does_not_change_the_exit_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[str], status: int
) -> None:
    lines = [scored_line(id, score=None if id == "bad" else 80.0) for id in rows]
    path = write_lines(tmp_path / "s.jsonl", lines)
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert main(["sources", str(path), "--format", "json"]) == status


STORY_WORDS = [
    "council",
    "budget",
    "river",
    "school",
    "bridge",
    "market",
    "harbour",
    "library",
    "station",
    "museum",
]


def distinct_stories(count: int) -> list[str]:
    """``count`` texts that share no line."""
    return [f"The {STORY_WORDS[i % 10]} story number {i} of {'x' * (i + 1)}." for i in range(count)]


def test_min_share_is_not_raised_by_floating_point() -> None:
    # 7 of 25 articles are 28%; 0.28 * 25 is 7.000000000000001, whose ceiling is 8.
    texts = distinct_stories(25)
    batch = [
        {"publisher": "P", "text": f"{text}\nShare this story" if i < 7 else text}
        for i, text in enumerate(texts)
    ]
    spans = find_boilerplate(batch, min_share=0.28)
    assert [len(found) for found in spans] == [1] * 7 + [0] * 18
    assert all(found == [] for found in find_boilerplate(batch, min_share=0.29))


def test_lines_may_end_at_a_lone_carriage_return() -> None:
    batch = [
        {"publisher": "P", "text": f"{text}\rShare this story\r"} for text in distinct_stories(4)
    ]
    for article, found in zip(batch, find_boilerplate(batch), strict=True):
        (span,) = found
        assert article["text"][span.start : span.end] == "Share this story"


def test_table_shows_control_characters_in_the_input_as_escapes() -> None:
    publisher = "Evil\x1b[31m News\x07"
    records = [
        scored_line(f"a\x1b[2J{i}", publisher, text=f"{text}\nShare\x1b[5m this story")
        for i, text in enumerate(distinct_stories(3))
    ]
    records.append(scored_line("copy\x9b", publisher, text=records[0]["text"]))
    table = render_table(analyse(records))
    assert "\x1b" not in table and "\x07" not in table and "\x9b" not in table
    assert "Evil\\x1b[31m News\\x07" in table
    assert "Share\\x1b[5m this story" in table
    assert "copy\\x9b (Evil\\x1b[31m News\\x07)" in table


def test_notice_without_text_says_what_is_missing() -> None:
    empty = render_table(analyse([]))
    assert "No scored articles in the input" in empty and "--include-text" not in empty
    records = [scored_line("a", text="The council met."), scored_line("b")]
    partial = render_table(analyse(records))
    assert "1 of 2 articles without text: boilerplate and near-duplicates skipped" in partial


CHINESE = (
    "市议会周二以六比三的投票结果通过了提高停车费的决定。每小时停车费将上涨五十美分。"
    "市长表示，这笔收入将用于修缮道路。反对者认为，此举将伤害市中心的小商户。"
    "一位店主说，她的顾客已经在减少。新收费标准将于下月一日起实施。"
)
OTHER_CHINESE = (
    "市议会周二通过了新的学校预算。教育局长表示，预算将用于聘请更多教师。"
    "家长们对此表示欢迎。新预算将于下月一日起实施。"
)


def test_near_duplicates_in_a_language_written_without_spaces() -> None:
    # A new headline, one sentence reworded, a footer: the copy an English text would be
    # found for. Read as runs between punctuation, every edited clause would be a new word.
    edited = (
        "停车费上涨\n"
        + CHINESE.replace("市长表示，这笔收入将用于修缮道路。", "市长称，收入会用来修路。")
        + "\n版权所有"
    )
    (cluster,) = find_near_duplicates([CHINESE, OTHER_CHINESE, edited])
    assert cluster.members == (0, 2)
    assert shingles("東京タワー is tall", 3) == {
        "東 京 タ",
        "京 タ ワ",
        "タ ワ ー",
        "ワ ー is",
        "ー is tall",
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"shingle": 0}, "shingle must be at least 1 word, got 0"),
        ({"shingle": -2}, "shingle must be at least 1 word"),
        ({"threshold": 0}, "threshold must be above 0 and at most 1, got 0"),
        ({"threshold": float("nan")}, "threshold must be above 0 and at most 1, got nan"),
        ({"threshold": 1.5}, "threshold must be above 0 and at most 1"),
    ],
)
def test_near_duplicates_refuse_settings_out_of_range(
    options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        find_near_duplicates(["a b c d", "a b c d", "w x y z"], **options)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_articles": 0}, "min_articles must be at least 1, got 0"),
        ({"min_share": 0}, "min_share must be above 0 and at most 1, got 0"),
        ({"min_share": 2}, "min_share must be above 0 and at most 1, got 2"),
    ],
)
def test_boilerplate_refuses_settings_out_of_range(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        find_boilerplate([{"publisher": "P", "text": "Share this story"}], **options)


@pytest.mark.parametrize("format", ["json", "csv", "table"])
def test_a_lone_surrogate_in_the_input_is_written_as_its_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    # Legal JSON ("\ud800"), but no UTF-8 output can hold the character it stands for.
    line = scored_line("a\ud800", "Gazette\ud800", findings=[{"rule": "R\udc00"}])
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    assert main(["sources", str(path), "--format", format, "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert "Gazette\\ud800" in written and "R\\udc00" in written
    if format == "json":
        assert json.loads(written)["sources"][0]["source"] == "Gazette\ud800"
    assert main(["sources", str(path), "--format", format]) == 0
    assert "Gazette\\ud800" in capsys.readouterr().out


def test_a_feed_without_a_title_and_json_lines_from_one_site_are_one_source() -> None:
    from quality.inputs.feeds import read_feed

    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel>'
        b"<item><link>https://www.herald.example/a</link>"
        b"<description>The council met on Tuesday.</description></item>"
        b"</channel></rss>"
    )
    (record,) = read_feed(feed, "f.rss")
    assert record["publisher"] == "herald.example"
    assert source_key(record["publisher"], record["url"]) == source_key(
        None, "https://www.herald.example/b"
    )


@pytest.mark.parametrize(
    ("publisher", "source"),
    [
        ("Dr.Oz", "Dr.Oz"),
        ("St.Louis", "St.Louis"),
        ("Mr.Smith.", "Mr.Smith."),
        ("Salon.Com", "salon.com"),
        ("News.com.au", "news.com.au"),
        ("BBC.CO.UK", "bbc.co.uk"),
        ("https://Example.Org/news", "example.org"),
    ],
)
def test_a_name_with_a_dot_is_a_host_only_when_written_as_one(publisher: str, source: str) -> None:
    # "Dr.Oz" was taken for the host dr.oz and lowercased.
    assert source_key(publisher) == source
