"""Edge cases of `quality score` and `score_many`: odd feeds, odd JSON Lines, standard
streams that are closed or redirected onto an input, outputs that fail, worker counts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import quality
from quality.batch import available_cores, resolve_workers
from quality.cli import main
from quality.inputs.feeds import read_feed
from tests.test_batch import make_record

ROOT = Path(__file__).resolve().parent.parent
BODY = "<description>The council voted 7 to 2 on Tuesday, the clerk said.</description>"


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_bytes(b"".join(json.dumps(record).encode() + b"\n" for record in records))
    return path


def read_output(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_shell(command: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``command`` in a POSIX shell, with ``$Q`` standing for ``python -m quality``: the
    redirections under test (``>&-``, ``>>``, ``<``) are the shell's. The command replaces
    the shell (``exec``), so that a timeout ends it rather than leaving it running."""
    env = {**os.environ, "Q": f"{sys.executable} -m quality", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        ["sh", "-c", f"exec {command}"], cwd=cwd, env=env, capture_output=True, timeout=60
    )


# --------------------------------------------------------------------------- feeds


def test_titles_the_feed_types_as_html_are_plain_text() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">The &lt;i&gt;Bugle'
        b"&lt;/i&gt; &amp;amp; Post</title><entry><id>urn:1</id>"
        b'<title type="html">Council &lt;b&gt;backs&lt;/b&gt; the plan</title>'
        b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title>'
        b"<summary>The council voted on Tuesday.</summary></entry></feed>"
    )
    (record,) = read_feed(atom, "f.atom")
    assert record["title"] == "Council backs the plan"
    assert record["publisher"] == "The Bugle & Post"
    # A plain-text title keeps characters that look like markup.
    rss = f"<rss><channel><item><title>5 &lt; 6 at AT&amp;T</title>{BODY}</item></channel></rss>"
    (plain,) = read_feed(rss.encode(), "f.rss")
    assert plain["title"] == "5 < 6 at AT&T"


def test_a_guid_or_id_that_is_no_address_is_not_taken_for_the_link() -> None:
    rss = (
        "<rss><channel><title>Bugle</title><link>https://bugle.example/news/</link>"
        f"<item><guid>post-17</guid>{BODY}</item>"
        f"<item><guid>https://bugle.example/a</guid>{BODY}</item>"
        f"<item><link>/2024/03/b</link>{BODY}</item>"
        f"<item><link>c?page=2</link>{BODY}</item>"
        f"<item><link>http://[::1/x</link>{BODY}</item>"
        "</channel></rss>"
    )
    records = list(read_feed(rss.encode(), "f.rss"))
    # feedparser copies a <guid> into the link; one that is no address is an id only.
    assert records[0]["id"] == "post-17" and "url" not in records[0]
    assert records[1]["url"] == "https://bugle.example/a"
    # Relative links are read against the feed's own address.
    assert records[2]["url"] == "https://bugle.example/2024/03/b"
    assert records[3]["url"] == "https://bugle.example/news/c?page=2"
    assert records[4]["url"] == "http://[::1/x"
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry>'
        b"<id>urn:uuid:60a76c80</id><summary>The port reopened.</summary></entry></feed>"
    )
    (entry,) = read_feed(atom, "f.atom")
    assert entry["id"] == "urn:uuid:60a76c80" and "url" not in entry


def test_the_byline_is_the_authors_name_not_the_address() -> None:
    rss = (
        "<rss><channel><item><author>jane@example.com (Jane Doe)</author>"
        f"{BODY}</item></channel></rss>"
    )
    (record,) = read_feed(rss.encode(), "f.rss")
    assert record["byline"] == "Jane Doe"


# --------------------------------------------------------------------------- JSON Lines


def test_nan_and_infinity_are_not_json(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"id": NaN, "text": "The council met on Monday."}\n'
        b'{"id": "b", "text": "The council met.", "published": -Infinity}\n'
        + json.dumps(make_record(1)).encode()
    )
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "-j", "1"]) == 1
    rows = read_output(out)
    assert [r.get("error", {}).get("type") for r in rows] == ["InvalidJSON", "InvalidJSON", None]
    assert "NaN is not a JSON value" in rows[0]["error"]["message"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_json_lines_are_one_clear_error(tmp_path: Path, encoding: str) -> None:
    # What Windows PowerShell writes with `>`: not one InvalidJSON line per line.
    source = tmp_path / "in.jsonl"
    lines = "".join(json.dumps(make_record(i)) + "\n" for i in range(3))
    source.write_bytes(lines.encode(encoding))
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "-j", "1"]) == 1
    (row,) = read_output(out)
    assert row["error"]["type"] == "UnreadableFile" and row["source"] == str(source)
    assert "UTF-16" in row["error"]["message"]


def test_a_huge_max_chars_is_no_crash(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(1)])
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "-j", "1", "--max-chars", "9" * 30]) == 0
    assert read_output(out)[0]["id"] == "a0001"


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_a_jsonl_file_name_that_is_not_utf8_is_escaped_as_in_ids(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.jsonl")).write_bytes(b"[1]\n")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(folder), "-o", str(out), "-j", "1"]) == 1
    (row,) = read_output(out)
    assert row["source"] == str(folder / "caf\\xe9.jsonl")


# --------------------------------------------------------------------------- names, streams


def test_an_empty_input_or_output_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Path("") is the current directory: `quality score "$UNSET"` must not score it.
    (tmp_path / "story.txt").write_text(make_record(1)["text"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["score", "", "-o", "out.jsonl"]) == 2
    assert "input name is empty" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()
    assert main(["score", "story.txt", "-o", ""]) == 2
    assert "--output needs a file name" in capsys.readouterr().err


def test_standard_input_read_from_the_output_file_is_refused(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", [make_record(1)])
    before = (tmp_path / "in.jsonl").read_bytes()
    done = run_shell("$Q score - -o in.jsonl -j 1 < in.jsonl", tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"standard input is read from the output" in done.stderr
    assert (tmp_path / "in.jsonl").read_bytes() == before  # not emptied


def test_standard_output_appended_to_an_input_is_refused_not_read_back(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", [make_record(1)])
    before = (tmp_path / "in.jsonl").read_bytes()
    # Without the check this reads its own output back for ever.
    done = run_shell("$Q score in.jsonl -j 1 >> in.jsonl", tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"in.jsonl: is both an input and the file standard output" in done.stderr
    assert (tmp_path / "in.jsonl").read_bytes() == before
    # A directory walk skips the file standard output goes to, as it skips --output.
    folder = tmp_path / "dir"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [make_record(2)])
    done = run_shell("$Q score dir -j 1 >> dir/log.jsonl", tmp_path)
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in read_output(folder / "log.jsonl")] == ["a0002"]


def test_closed_standard_streams_give_clear_errors(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", [make_record(1)])
    done = run_shell("$Q score in.jsonl -j 1 >&-", tmp_path)
    assert (done.returncode, done.stderr.splitlines()[-1:]) == (
        2,
        [b"quality score: error: standard output is closed; give --output FILE"],
    )
    done = run_shell("$Q score -j 1 <&-", tmp_path)
    assert done.returncode == 2 and b"standard input is closed" in done.stderr
    assert b"Traceback" not in done.stderr
    # With standard error closed there is no summary, but the run and its status are as usual.
    done = run_shell("$Q score in.jsonl -j 1 -o out.jsonl 2>&-", tmp_path)
    assert done.returncode == 0
    assert [r["id"] for r in read_output(tmp_path / "out.jsonl")] == ["a0001"]


@pytest.mark.parametrize("command", ["score missing.jsonl", "lint missing.md", "train"])
@pytest.mark.parametrize("redirect", ["2>&-", "2</dev/null"], ids=["closed", "read-only"])
def test_with_standard_error_closed_a_failing_command_keeps_its_status(
    tmp_path: Path, command: str, redirect: str
) -> None:
    # Its message has nowhere to go, but it must not land in the output either, and the
    # status must still say "could not run" (2), not that writing the message failed. A
    # launcher script (pyenv's shims) leaves descriptor 2 open read-only on itself.
    # (A lint report written to a pipe names the failed file in its place: that line is the
    # report's own, not a message gone astray.)
    done = run_shell(f"$Q {command} {redirect}", tmp_path)
    assert done.returncode == 2
    assert b"quality " not in done.stdout and b"usage:" not in done.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("redirect", ["-o /dev/full", "> /dev/full"])
def test_an_output_that_cannot_be_written_stops_with_status_2(
    tmp_path: Path, redirect: str
) -> None:
    write_jsonl(tmp_path / "in.jsonl", [make_record(i) for i in range(3)])
    done = run_shell(f"$Q score in.jsonl -j 1 {redirect}", tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr
    assert b"stopped, the output could not be written, after 0 articles" in done.stderr
    assert b"cannot write output: No space left on device" in done.stderr


# --------------------------------------------------------------------------- workers


def test_jobs_are_never_more_than_the_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quality.commands.score as score_command

    asked: list[int] = []
    real = score_command.map_ordered

    def recording(*args: Any, workers: int, **kwargs: Any) -> Any:
        asked.append(workers)
        return real(*args, workers=1, **kwargs)

    monkeypatch.setattr(score_command, "map_ordered", recording)
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(1)])
    out = tmp_path / "out.jsonl"
    for jobs in ("100000", "0", "-1"):
        assert main(["score", str(source), "-o", str(out), "-j", jobs]) == 0
    assert asked == [available_cores()] * 3


def test_one_per_core_counts_the_cores_this_process_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert resolve_workers(0) == available_cores() == 1
    assert resolve_workers(3) == 3  # the library does as asked


def test_an_input_that_cannot_be_pickled_is_scored_with_workers(
    pipeline: quality.Pipeline,
) -> None:
    records: list[Any] = [make_record(i) for i in range(6)]
    # Extra keys are ignored, so with one worker these score; with two they cannot travel.
    records[2] = {**make_record(2), "callback": lambda: None}
    records[4] = {**make_record(4), "lock": threading.Lock()}
    results = list(pipeline.score_many(records, workers=2, chunksize=2))
    assert [r.id for r in results] == [r["id"] for r in records]
    assert all(r.ok for r in results), [r.error for r in results]
