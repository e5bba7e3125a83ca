from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from quality.cli import main
from tests.test_batch import make_record

ROOT = Path(__file__).resolve().parent.parent


def write_jsonl(path: Path, records: list[Any]) -> Path:
    with path.open("wb") as handle:
        for record in records:
            line = record if isinstance(record, bytes) else json.dumps(record).encode()
            handle.write(line + b"\n")
    return path


def read_output(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_bad_line_gets_its_error_line_and_the_rest_are_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            make_record(0),
            b'{"id": "cut", "text": "unterminated',
            b'{"id": "latin1", "text": "caf\xe9"}',
            b"[1, 2, 3]",
            {"id": "no-text", "title": "Only a title"},
            {"id": "wrong-type", "text": {"nested": True}},
            {"id": "empty", "text": ""},
            {"id": "huge", "text": "x" * 2_000},
            b"",
            make_record(9),
        ],
    )
    out = tmp_path / "out.jsonl"
    code = main(["score", str(source), "-o", str(out), "--jobs", "2", "--max-chars", "1000"])
    assert code == 1
    rows = read_output(out)
    assert len(rows) == 9  # the blank line is not a record
    assert rows[0]["id"] == "a0000" and isinstance(rows[0]["score"], float)
    assert set(rows[0]) == {"id", "score", "grade", "scorers", "findings", "article"}
    assert rows[-1]["id"] == "a0009" and rows[-1]["grade"] in "ABCDF"
    errors = [(r["id"], r["line"], r["error"]["type"]) for r in rows[1:-1]]
    assert errors == [
        (None, 2, "InvalidJSON"),
        (None, 3, "InvalidUTF8"),
        (None, 4, "NotAnObject"),
        ("no-text", 5, "MissingText"),
        ("wrong-type", 6, "WrongType"),
        ("empty", 7, "EmptyArticle"),
        ("huge", 8, "ArticleTooLarge"),
    ]
    assert all(r["error"]["message"] for r in rows[1:-1])
    summary = capsys.readouterr().err
    # 9 lines in: 2 scored, 7 errors (not "scored 9 articles")
    assert "done: 9 articles (2 scored, 7 errors)" in summary and "mean score" in summary


def test_all_scored_exits_zero_and_keeps_order(tmp_path: Path) -> None:
    records = [make_record(i) for i in range(120)]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "-j", "2"]) == 0
    assert [r["id"] for r in read_output(out)] == [r["id"] for r in records]


def test_missing_input_cannot_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["score", str(tmp_path / "nope.jsonl"), "-o", str(out)]) == 2
    assert "nope.jsonl: no such file or directory" in capsys.readouterr().err
    assert not out.exists()


def test_directory_of_files_and_feeds(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(make_record(1)["text"], encoding="utf-8")
    (tmp_path / "two.md").write_text("# Title\n\n" + make_record(2)["text"], encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    write_jsonl(tmp_path / "more.jsonl", [make_record(3)])
    feed = (ROOT / "tests/fixtures/feeds/wire.atom").read_bytes()
    (tmp_path / "wire.atom").write_bytes(feed)
    out = tmp_path / "out.jsonl"
    assert main(["score", str(tmp_path), "-o", str(out), "-j", "1"]) == 0
    ids = [r["id"] for r in read_output(out)]
    assert ids == [
        "a0003",
        str(tmp_path / "one.txt"),
        str(tmp_path / "two.md"),
        "urn:example:wire:1001",
        "urn:example:wire:1002",
    ]


def test_strings_that_are_not_unicode_get_error_lines_not_a_crash(tmp_path: Path) -> None:
    # Valid JSON, but "\\ud800" is half a surrogate pair: no UTF-8 text can hold it.
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            b'{"id": "a\\ud800", "text": "The council met on Monday."}',
            b'{"id": "b", "title": "x\\udce9", "text": "The council met on Monday."}',
            make_record(1),
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "-j", "1"]) == 1
    rows = read_output(out)
    assert [r["id"] for r in rows] == ["a\ud800", "b", "a0001"]
    assert [r.get("error", {}).get("type") for r in rows] == ["InvalidUTF8", "InvalidUTF8", None]
    assert "'title'" in rows[1]["error"]["message"] and "surrogate" in rows[1]["error"]["message"]
    # Escaped, but as compact as every other line.
    assert out.read_bytes().startswith(b'{"id":"a\\ud800","line":1,')


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_a_file_name_that_is_not_utf8_is_scored_under_an_escaped_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text(make_record(1)["text"], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(folder), "-o", str(out)]) == 0
    (row,) = read_output(out)
    assert row["id"] == str(folder / "caf\\xe9.txt") and row["score"] > 0


def test_directory_walk_skips_version_control_and_dependency_folders(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(make_record(1)["text"], encoding="utf-8")
    for folder in (".git", "node_modules/pkg", ".venv/lib"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "README.md").write_text("# Not an article\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(tmp_path), "-o", str(out), "-j", "1"]) == 0
    assert [r["id"] for r in read_output(out)] == [str(tmp_path / "story.txt")]


def test_output_that_is_also_an_input_is_refused_before_it_is_emptied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(0), make_record(1)])
    before = source.read_bytes()
    assert main(["score", str(source), "-o", str(source)]) == 2
    assert "is both an input and the output" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_an_output_hard_linked_to_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(0)])
    before = source.read_bytes()
    os.link(source, tmp_path / "link.jsonl")
    assert main(["score", str(source), "-o", str(tmp_path / "link.jsonl")]) == 2
    assert "is both an input and the output" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_a_corrupt_gzip_file_gets_an_error_line_and_the_other_inputs_are_scored(
    tmp_path: Path,
) -> None:
    import gzip

    data = b"".join(json.dumps(make_record(i)).encode() + b"\n" for i in range(200))
    packed = bytearray(gzip.compress(data))
    middle = len(packed) // 2
    for index in range(middle, middle + 20):
        packed[index] ^= 0xFF
    corrupt = tmp_path / "corrupt.jsonl.gz"
    corrupt.write_bytes(bytes(packed))
    good = write_jsonl(tmp_path / "good.jsonl", [make_record(500)])
    out = tmp_path / "out.jsonl"
    assert main(["score", str(corrupt), str(good), "-o", str(out), "--jobs", "1"]) == 1
    rows = read_output(out)
    errors = [r for r in rows if "error" in r]
    assert len(errors) == 1 and errors[0]["error"]["type"] == "UnreadableFile"
    assert "corrupt.jsonl.gz: cannot read" in errors[0]["error"]["message"]
    assert rows[-1]["id"] == "a0500" and "score" in rows[-1]


class _Trickle(io.RawIOBase):
    """A pipe that delivers its data a piece per read, as a slow writer's would."""

    def __init__(self, pieces: list[bytes]):
        self.pieces = list(pieces)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.pieces:
            return 0
        piece = self.pieces.pop(0)
        buffer[: len(piece)] = piece
        return len(piece)


def test_a_feed_on_a_pipe_is_read_as_a_feed_when_its_prologue_arrives_first() -> None:
    from quality.commands.score import _iter_stream

    feed = (ROOT / "tests" / "fixtures" / "feeds" / "bugle.rss").read_bytes()
    prologue, rest = feed.split(b"\n", 1)
    assert prologue.startswith(b"<?xml") and b"<rss" not in prologue
    stream = io.BufferedReader(_Trickle([prologue + b"\n", rest]))
    items = list(_iter_stream(stream, "<stdin>", 10_000_000))
    assert items and all(type(item).__name__ == "FeedEntry" for item in items)


PAGE_BYTES = (
    "<!DOCTYPE html><html><head><title>Budget passes</title>"
    '<meta charset="windows-1252"></head><body><article><h1>Budget passes</h1>'
    "<p>The city council passed the budget on Tuesday by a vote of 7 to 2, the clerk, Ren\u00e9e"
    " Lee, said. The plan raises spending on schools by 4 percent.</p>"
    "<p>\u201cWe had to make hard choices,\u201d said Mayor Tom Reed.</p></article></body></html>"
).encode("cp1252")


def test_a_web_page_on_a_pipe_is_scored_as_one_article() -> None:
    from quality.commands.score import _iter_stream

    (record,) = _iter_stream(io.BufferedReader(io.BytesIO(PAGE_BYTES)), "<stdin>", 10_000_000)
    assert isinstance(record, dict) and record["id"] == "<stdin>"
    assert "Ren\u00e9e Lee" in record["html"]  # read in the charset the page declares
    # Markup that is neither a feed nor a page is still an InvalidFeed error.
    sitemap = b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>'
    (failed,) = _iter_stream(io.BufferedReader(io.BytesIO(sitemap)), "<stdin>", 10_000_000)
    assert type(failed).__name__ == "FailedInput" and failed.kind == "InvalidFeed"
    # A page in no declared charset that is not UTF-8 is an InvalidUTF8 error, not a feed's.
    latin = b"<html><body><p>caf\xe9</p></body></html>"
    (bad,) = _iter_stream(io.BufferedReader(io.BytesIO(latin)), "<stdin>", 10_000_000)
    assert type(bad).__name__ == "FailedInput" and bad.kind == "InvalidUTF8"


def run_cli(*args: str, stdin: bytes = b"", **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "quality", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        **kwargs,
    )


def test_stdin_to_stdout_and_summary_on_stderr() -> None:
    data = b"\n".join(json.dumps(make_record(i)).encode() for i in range(5)) + b"\n{bad\n"
    done = run_cli("score", "-", "-j", "1", stdin=data)
    assert done.returncode == 1, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["a0000", "a0001", "a0002", "a0003", "a0004", None]
    assert rows[-1]["line"] == 6
    assert b"6 articles (5 scored, 1 error)" in done.stderr
    assert b"\x1b[" not in done.stderr  # no progress bar when stderr is not a terminal


def test_a_page_piped_to_the_command_gets_one_scored_line() -> None:
    done = run_cli("score", "-", "-j", "1", stdin=PAGE_BYTES)
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["id"] == "<stdin>" and row["article"]["title"] == "Budget passes"


def test_interrupted_run_leaves_complete_json_lines(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", [make_record(i) for i in range(20_000)])
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "quality", "score", str(source), "-o", str(out), "-j", "2"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 50_000):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"interrupted after" in stderr
    assert b"Traceback" not in stderr
    data = out.read_bytes()
    assert data.endswith(b"\n")
    rows = [json.loads(line) for line in data.splitlines()]
    assert 0 < len(rows) < 20_000
    assert [r["id"] for r in rows] == [f"a{i:04d}" for i in range(len(rows))]


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(i) for i in range(3_000)])
    shell = f"{sys.executable} -m quality score {source} -j 2 | head -n 3"
    done = subprocess.run(
        shell,
        shell=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert len(done.stdout.splitlines()) == 3
    assert b"Traceback" not in done.stderr, done.stderr
    # Not "done": most of the input was never scored.
    assert b"output closed by its reader after" in done.stderr, done.stderr


def test_weights_file_is_used_and_checked_before_any_output(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(0)])
    weights = json.loads((ROOT / "quality" / "data" / "weights.json").read_text("utf-8"))
    weights["weights"] = {name: 0.0 for name in weights["weights"]}
    zero = tmp_path / "zero.json"
    zero.write_text(json.dumps(weights), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "-j", "1", "--weights", str(zero)]) == 0
    (row,) = read_output(out)
    assert row["score"] == 100.0 and all(s["weight"] == 0.0 for s in row["scorers"].values())
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "nope"}', encoding="utf-8")
    out.unlink()
    for bad in (str(broken), ""):
        assert main(["score", str(source), "-o", str(out), "--weights", bad]) == 2
        assert not out.exists()


def test_a_feed_on_a_pipe_is_read_as_it_goes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import quality.commands.score as score_command
    from quality.inputs.feeds import feed_entries

    feed = (ROOT / "tests" / "fixtures" / "feeds" / "bugle.rss").read_bytes()
    handed: list[Any] = []
    original = score_command.feed_entries

    def recording(data: Any, source: str) -> Any:
        handed.append(data)
        return original(data, source)

    monkeypatch.setattr(score_command, "feed_entries", recording)
    items = list(score_command._iter_stream(io.BufferedReader(io.BytesIO(feed)), "<stdin>", 10**7))
    # The pipe itself: a long feed on a pipe is not held whole (the feed reader keeps its
    # own copy for a whole-document reading, spilled to disk past a few megabytes).
    (stream,) = handed
    assert isinstance(stream, io.BufferedReader)
    expected = list(feed_entries(feed, "<stdin>"))
    assert [getattr(i, "record", i) for i in items] == [getattr(e, "record", e) for e in expected]


UNDATED = (
    "The council approved the budget on Tuesday by 31 votes to 12, the mayor, Ana Ruiz, said. "
    "Experts say the plan offers a glimmer of hope for the town."
)


def test_ignore_leaves_rules_out_and_a_scorer_with_none_left_costs_nothing(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": UNDATED}])
    assert main(["score", str(source), "-o", str(tmp_path / "all.jsonl")]) == 0
    assert (
        main(["score", str(source), "-o", str(tmp_path / "no.jsonl"), "--ignore", "dat,FIL101"])
        == 0
    )
    (every,) = read_output(tmp_path / "all.jsonl")
    (fewer,) = read_output(tmp_path / "no.jsonl")
    assert {"DAT101", "FIL101"} <= {f["rule"] for f in every["findings"]}
    rules = {f["rule"] for f in fewer["findings"]}
    assert not any(rule.startswith("DAT") for rule in rules) and "FIL101" not in rules
    assert "dates" not in fewer["scorers"] and fewer["score"] > every["score"]


def test_select_scores_with_only_the_rules_named(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": UNDATED}])
    assert main(["score", str(source), "-o", str(tmp_path / "o.jsonl"), "--select", "ATT"]) == 0
    (scored,) = read_output(tmp_path / "o.jsonl")
    assert list(scored["scorers"]) == ["attribution"]
    assert {f["rule"][:3] for f in scored["findings"]} == {"ATT"}


@pytest.mark.parametrize("command", ["score", "sources"])
def test_an_unknown_rule_code_is_refused_before_any_work(tmp_path, capsys, command):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": UNDATED}])
    assert main([command, str(source), "--ignore", "XYZ999"]) == 2
    assert "unknown rule code or prefix 'XYZ999'" in capsys.readouterr().err
