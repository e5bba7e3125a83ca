from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import quality
from quality.analysis import Document
from quality.batch import ArticleFile, BatchResult, json_line, score_many
from quality.inputs.jsonl import JsonlRecord, LineError, iter_records, parse_line
from quality.pool import CHUNK_CHARS, Feeder
from quality.scorers.base import Scorer, ScorerResult

TOPICS = ["council", "bridge", "library", "port", "rail", "school", "hospital", "budget"]


def make_record(i: int) -> dict[str, Any]:
    topic = TOPICS[i % len(TOPICS)]
    filler = " It is important to note that only time will tell." if i % 3 == 0 else ""
    return {
        "id": f"a{i:04d}",
        "title": f"The {topic} story number {i}",
        "text": (
            f"The city {topic} committee met on Monday to discuss item {i}, "
            f"according to Mayor Ann Cho.{filler} Residents asked {i % 7 + 2} questions, "
            "and the committee said it would answer them in writing by Friday.\n\n"
            "Officials said the plan would cost $1.2 million."
        ),
    }


def test_order_and_count_preserved_with_two_workers(pipeline: quality.Pipeline) -> None:
    records = [make_record(i) for i in range(300)]
    records[17] = {"id": "broken", "text": 5}
    records[250] = {"id": "empty", "text": ""}
    parallel = list(pipeline.score_many(records, workers=2, chunksize=7))
    single = list(pipeline.score_many(records, workers=1))
    assert [r.index for r in parallel] == list(range(300))
    assert [r.id for r in parallel] == [r.get("id") for r in records]
    assert [r.report.score if r.report else None for r in parallel] == [
        r.report.score if r.report else None for r in single
    ]
    assert [r.index for r in parallel if not r.ok] == [17, 250]
    assert all(r.report is not None for r in parallel if r.index not in (17, 250))


def test_accepts_strings_records_and_articles(pipeline: quality.Pipeline) -> None:
    text = make_record(1)["text"]
    article = quality.load_article(text, title="Headline").with_fields(id="art")
    results = list(pipeline.score_many([text, {"text": text}, article, b"bytes are fine too."]))
    assert all(r.ok for r in results), [r.error for r in results]
    assert results[2].id == "art"
    assert results[0].report is not None and results[1].report is not None
    assert results[0].report.score == results[1].report.score


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ({"id": "x", "title": "no body"}, "MissingText"),
        ({"id": "x", "text": ["a", "list"]}, "WrongType"),
        ({"id": "x", "text": "fine", "html": 3}, "WrongType"),
        ({"id": "x", "text": " \n\t "}, "EmptyArticle"),
        ({"id": "x", "text": "word " * 100}, "ArticleTooLarge"),
        ({"id": "x", "text": "A story.", "published": "not a date at all"}, "InvalidArticle"),
        ({"id": "x", "text": "A story.", "title": 12}, "InvalidArticle"),
        (3.5, "WrongType"),
        (b"Caf\xe9 au lait.", "InvalidUTF8"),
        # Half a surrogate pair, as a JSON "\\ud800" escape decodes: not Unicode text.
        ({"id": "x", "text": "A story \ud800 with half a pair."}, "InvalidUTF8"),
        ({"id": "x", "text": "A story.", "title": "Caf\udce9"}, "InvalidUTF8"),
    ],
)
def test_each_bad_input_is_an_error_and_the_rest_are_scored(
    pipeline: quality.Pipeline, item: Any, kind: str
) -> None:
    good = make_record(2)
    results = list(pipeline.score_many([good, item, good], max_chars=400))
    assert [r.ok for r in results] == [True, False, True]
    bad = results[1]
    assert bad.error is not None and bad.error.type == kind, bad.error
    assert bad.error.message
    assert bad.index == 1
    if isinstance(item, dict):
        assert bad.id == "x"
    assert bad.to_dict() == {
        "id": bad.id,
        "line": None,
        "error": {"type": kind, "message": bad.error.message},
    }


def test_json_line_is_compact_utf8_and_escapes_what_is_not_unicode() -> None:
    assert json_line({"id": "é", "score": 1.5, "x": None}) == (
        '{"id":"é","score":1.5,"x":null}\n'.encode()
    )
    line = json_line({"id": "caf\udce9", "line": 3})
    assert line.endswith(b"\n") and line.isascii()
    assert json.loads(line) == {"id": "caf\udce9", "line": 3}


def test_result_record_shape(pipeline: quality.Pipeline) -> None:
    (result,) = pipeline.score_many([make_record(3)])
    data = result.to_dict()
    assert set(data) == {"id", "score", "grade", "scorers", "findings", "article"}
    assert data["id"] == "a0003"
    for summary in data["scorers"].values():
        assert set(summary) == {"score", "weight", "contribution"}
    assert data["findings"] and {"rule", "start", "end", "message"} <= set(data["findings"][0])
    assert "text" not in data and "text" in result.to_dict(include_text=True)


def lines_of(data: bytes, max_line_bytes: int = 10_000) -> list[JsonlRecord]:
    import io

    return list(iter_records(io.BytesIO(data), "mem", max_line_bytes=max_line_bytes))


def test_jsonl_records_keep_line_numbers_and_survive_bad_bytes() -> None:
    data = (
        b'\xef\xbb\xbf{"id": 1, "text": "first"}\n'
        b"\n"
        b'{"id": 2, "text": "caf\xe9"}\n'
        b"{oops\n"
        b'"a string"\n' + b'{"id": 6, "text": "' + b"x" * 500 + b'"}\n'
        b'{"id": 7, "text": "last, no newline"}'
    )
    records = lines_of(data, max_line_bytes=200)
    assert [r.line for r in records] == [1, 3, 4, 5, 6, 7]
    assert parse_line(records[0]) == {"id": 1, "text": "first"}
    assert records[4].data is None and records[4].size > 500
    assert parse_line(records[5])["id"] == 7
    results = list(score_many(quality.Pipeline(), records))
    kinds = [r.error.type if r.error else None for r in results]
    assert kinds == [None, "InvalidUTF8", "InvalidJSON", "NotAnObject", "ArticleTooLarge", None]
    assert [r.line for r in results] == [1, 3, 4, 5, 6, 7]
    assert results[0].id == "1"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            b'{"id": "a", "text": "x",}',
            # Python 3.13's decoder names the trailing comma; earlier ones, what it expected next.
            "line is not valid JSON: Illegal trailing comma before end of object (column 24)"
            if sys.version_info >= (3, 13)
            else "line is not valid JSON: Expecting property name enclosed in double quotes (column 25)",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "arrays or objects nested too deeply"),
        (b'{"text": "a\x00b"}', "line is not valid JSON: Invalid control character (column 12)"),
    ],
)
def test_unreadable_json_lines_say_what_is_wrong(line: bytes, message: str) -> None:
    with pytest.raises(LineError) as caught:
        parse_line(JsonlRecord("in.jsonl", 4, line, len(line)))
    assert caught.value.kind == "InvalidJSON"
    assert message in str(caught.value)


def test_article_files(tmp_path: Any, pipeline: quality.Pipeline) -> None:
    (tmp_path / "a.txt").write_text(make_record(4)["text"], encoding="utf-8")
    (tmp_path / "b.json").write_text('{"text": "The mayor said so on Monday."}', encoding="utf-8")
    (tmp_path / "c.md").write_text("", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(b"A line.\nCaf\xe9 bad")
    (tmp_path / "f.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    names = ("a.txt", "b.json", "c.md", "d.txt", "e.txt", "f.txt")
    items = [ArticleFile(str(tmp_path / n)) for n in names]
    results = list(pipeline.score_many(items))
    assert [r.error.type if r.error else None for r in results] == [
        None,
        None,
        "EmptyArticle",
        "InvalidUTF8",
        "UnreadableFile",
        "UnreadableFile",
    ]
    assert results[3].error is not None
    assert results[3].error.message == "file is not valid UTF-8 (byte 11, line 2: b'\\xe9')"
    assert results[5].error is not None and "binary file" in results[5].error.message
    assert results[0].id == str(tmp_path / "a.txt")
    assert results[1].report is not None
    assert results[1].report.article.id == str(tmp_path / "b.json")


def test_input_is_consumed_in_a_bounded_window(pipeline: quality.Pipeline) -> None:
    pulled = 0

    def endless() -> Iterator[dict[str, Any]]:
        nonlocal pulled
        while True:
            pulled += 1
            yield make_record(pulled)

    results = score_many(pipeline, endless(), workers=2, chunksize=5, window=2)
    first = [next(results) for _ in range(50)]
    results.close()
    assert [r.index for r in first] == list(range(50))
    # 50 consumed + at most workers * window chunks in flight + as many items read ahead,
    # and the one the input thread holds while it waits for room.
    assert pulled <= 50 + 2 * 2 * 5 + 2 * 2 * 5 + 1


def _read_in_full(items: list[Any]) -> Feeder:
    feeder = Feeder(iter(enumerate(items)), capacity=1_000)
    while not feeder._finished:
        time.sleep(0.001)
    return feeder


def test_chunks_end_at_the_item_limit_or_the_character_limit() -> None:
    small = _read_in_full(["word " * 20] * 200)
    assert len(small.take(64, wait=True)) == 64
    # Pages of 100,000 characters: the third takes the chunk past CHUNK_CHARS.
    pages = _read_in_full([{"html": "x" * 100_000}] * 10)
    assert [index for index, _ in pages.take(64, wait=True)] == [0, 1, 2]
    assert [index for index, _ in pages.take(64, wait=True)] == [3, 4, 5]
    assert CHUNK_CHARS == 250_000
    line = JsonlRecord("in.jsonl", 1, b"{}", 300_000)
    assert len(_read_in_full([line, line]).take(64, wait=True)) == 1
    assert _read_in_full([]).take(64, wait=True) == []


def test_an_error_reading_the_input_comes_after_the_items_before_it() -> None:
    def broken() -> Iterator[str]:
        yield "one"
        raise OSError("disk gone")

    feeder = Feeder(iter(enumerate(broken())), capacity=10)
    assert feeder.take(5, wait=True) == [(0, "one")]
    with pytest.raises(OSError, match="disk gone"):
        feeder.take(5, wait=True)


def test_results_are_passed_on_while_the_input_waits(pipeline: quality.Pipeline) -> None:
    # A pipe whose writer pauses: what has arrived must be scored and passed on meanwhile,
    # not held until a chunk's worth of articles is in.
    resumed = threading.Event()
    timed_out = []

    def trickle() -> Iterator[dict[str, Any]]:
        yield from (make_record(i) for i in range(3))
        timed_out.append(not resumed.wait(timeout=60))
        yield make_record(3)

    results = score_many(pipeline, trickle(), workers=2, chunksize=16)
    first = [next(results) for _ in range(3)]
    resumed.set()
    rest = list(results)
    assert timed_out == [False]
    assert [r.index for r in first + rest] == [0, 1, 2, 3] and all(r.ok for r in first + rest)


class CrashingScorer(Scorer):
    """Kills its process on one article, as a segfault in native code would."""

    id = "crasher"
    version = "1"

    def __init__(self) -> None:
        pass

    def can_score(self, language: str) -> bool:
        return True

    def score(self, doc: Document) -> ScorerResult:
        if "KILL-THE-WORKER" in doc.text:
            os._exit(3)
        return ScorerResult(score=1.0, findings=[])


def test_an_article_that_kills_its_worker_is_reported_and_the_rest_scored() -> None:
    pipeline = quality.Pipeline(scorers=["filler", CrashingScorer()])
    records = [make_record(i) for i in range(40)]
    records[23] = {"id": "killer", "text": "KILL-THE-WORKER now."}
    results: list[BatchResult] = list(pipeline.score_many(records, workers=2, chunksize=4))
    assert [r.index for r in results] == list(range(40))
    assert [r.id for r in results if not r.ok] == ["killer"]
    assert results[23].error is not None and results[23].error.type == "WorkerCrashed"


def test_input_not_yet_sent_when_a_worker_dies_is_still_scored() -> None:
    # The crash comes early, while most of the input is still waiting to be sent.
    pipeline = quality.Pipeline(scorers=["filler", CrashingScorer()])
    records = [make_record(i) for i in range(120)]
    records[2] = {"id": "killer", "text": "KILL-THE-WORKER now."}
    results = list(pipeline.score_many(records, workers=2, chunksize=4, window=1))
    assert [r.index for r in results] == list(range(120))
    assert [r.id for r in results if not r.ok] == ["killer"]


def test_pipeline_travels_to_spawned_workers() -> None:
    pipeline = quality.Pipeline(disable=["dates"])
    records = [make_record(i) for i in range(12)]
    results = list(pipeline.score_many(records, workers=2, chunksize=3, mp_context="spawn"))
    expected = [pipeline.score(r).score for r in records]
    assert [r.report.score for r in results if r.report] == expected
    assert all("dates" not in r.report.scorers for r in results if r.report)


def test_a_worker_dies_on_sigterm_even_when_its_parent_handles_it(
    pipeline: quality.Pipeline,
) -> None:
    # `quality score` handles SIGTERM itself; its forked workers must not inherit that, or
    # ending one raises inside it (a traceback on Ctrl-C) instead of ending it.
    import signal

    from quality.pool import init_worker

    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        init_worker(pipeline)
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def test_max_chars_of_the_batch_alone_decides_what_is_scored(
    pipeline: quality.Pipeline, tmp_path, monkeypatch
) -> None:
    # score_many(max_chars=...) raised above the library's default must score what it lets
    # through, in every kind of input, not have load_article refuse it again.
    from quality.batch import ArticleFile
    from quality.inputs import load_article

    monkeypatch.setitem(load_article.__kwdefaults__, "max_chars", 100)
    text = "The council met on Tuesday, Mayor Ana Ruiz said. " * 10
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    items = [text, {"text": text}, {"html": f"<p>{text}</p>"}, ArticleFile(str(path))]
    results = list(pipeline.score_many(items, max_chars=10_000))
    assert [r.error for r in results] == [None] * 4
    refused = list(pipeline.score_many(items, max_chars=200))
    assert {r.error.type for r in refused if r.error} == {"ArticleTooLarge"}
    assert len([r for r in refused if r.error]) == 4


def test_an_id_too_long_to_write_out_is_that_records_error_alone() -> None:
    records = [{"id": 10**5000, "text": "The council met on Monday."}, make_record(1)]
    first, second = quality.Pipeline().score_many(records)
    assert first.id is None and first.error is not None and "id" in first.error.message
    assert second.ok
