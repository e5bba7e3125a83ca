"""A time limit per article in batch scoring: the article over it is an error, its worker
is stopped, and every other article is still scored, in order."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import quality
from quality import registry
from quality.analysis import Document
from quality.batch import BatchResult, check_timeout
from quality.cli import main
from quality.scorers.base import Scorer, ScorerResult
from tests.test_batch import make_record
from tests.test_score_command import read_output, write_jsonl

ROOT = Path(__file__).resolve().parent.parent

#: In an article's text: the scorer runs a pattern that backtracks for ever on it.
HANG = "HANG-THE-WORKER"
#: In an article's text: the scorer takes ``SLOW_SECONDS`` over it, within any limit here.
SLOW = "TAKE-YOUR-TIME"
SLOW_SECONDS = 0.3
#: ``DIE-ONCE:<path>`` in an article's text: the scorer kills its process unless ``path``
#: exists, which it creates first, so the article kills the first worker it meets only.
DIE_ONCE = re.compile(r"DIE-ONCE:(\S+)")
#: In an article's text: the scorer kills its process, every time.
KILL = "KILL-THE-WORKER"
#: ``COUNT:<path>`` in an article's text: the scorer adds a line to ``path`` each time.
COUNT = re.compile(r"COUNT:(\S+)")


class StallingScorer(Scorer):
    """A third-party scorer that stalls on some articles, as a user's catastrophic pattern
    or a pathological page would."""

    id = "test-stalling"
    version = "1.0"
    needs_language_rules = False

    def score(self, doc: Document) -> ScorerResult:
        if HANG in doc.text:
            # Nested quantifiers on text they cannot match: 2**60 ways to fail, inside the
            # regex engine, where no thread can interrupt it.
            re.match(r"(a+)+$", "a" * 60 + "!")
        if SLOW in doc.text:
            time.sleep(SLOW_SECONDS)
        if KILL in doc.text:
            os._exit(3)
        counted = COUNT.search(doc.text)
        if counted is not None:
            with open(counted.group(1), "a", encoding="utf-8") as tally:
                tally.write("scored\n")
        found = DIE_ONCE.search(doc.text)
        if found is not None and not os.path.exists(found.group(1)):
            Path(found.group(1)).touch()
            os._exit(3)
        return ScorerResult(1.0)


@pytest.fixture
def stalling() -> Iterator[quality.Pipeline]:
    """A pipeline with ``StallingScorer``, registered as a third party's scorer is (and
    unregistered after the test)."""
    before = dict(registry._registered)
    registry.register(StallingScorer)
    try:
        yield quality.Pipeline(scorers=["filler", StallingScorer.id])
    finally:
        registry._registered.clear()
        registry._registered.update(before)
        registry.available.cache_clear()


def children() -> set[int]:
    """This process's descendants, running or not yet waited for (zombies): a worker that
    replaces another is started by forkserver, whose child it is."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it ended meanwhile
            continue
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    for pid in parents:
        ancestor = parents[pid]
        while ancestor > 1 and ancestor != os.getpid():
            ancestor = parents.get(ancestor, 0)
        if ancestor == os.getpid():
            found.add(pid)
    return found


def start_multiprocessing_helpers() -> None:
    """Start the forkserver (and the resource tracker it needs) now, so that these, which
    multiprocessing keeps for as long as this process runs, are not taken for workers left
    behind."""
    import multiprocessing.forkserver

    multiprocessing.forkserver.ensure_running()


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def records_with(marked: dict[int, str], count: int) -> list[dict[str, Any]]:
    records = [make_record(i) for i in range(count)]
    for index, marker in marked.items():
        records[index] = {"id": f"marked{index}", "text": f"{marker} The council met today."}
    return records


def expected_scores(pipeline: quality.Pipeline, records: list[dict[str, Any]]) -> list[float]:
    return [pipeline.score(record["text"]).score for record in records]


@needs_proc
@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_over_the_limit_is_an_error_and_the_rest_are_scored_in_order(
    stalling: quality.Pipeline, workers: int
) -> None:
    records = records_with({5: HANG, 21: HANG}, 30)
    start_multiprocessing_helpers()
    before = children()
    started = time.monotonic()
    results: list[BatchResult] = list(
        stalling.score_many(records, workers=workers, chunksize=4, timeout=0.5)
    )
    elapsed = time.monotonic() - started
    assert [r.index for r in results] == list(range(30))
    assert [r.id for r in results] == [r["id"] for r in records]
    assert [r.index for r in results if not r.ok] == [5, 21]
    for failed in (results[5], results[21]):
        assert failed.error is not None and failed.error.type == "Timeout"
        assert "time limit of 0.5 seconds" in failed.error.message
        assert failed.to_dict() == {
            "id": failed.id,
            "line": None,
            "error": {"type": "Timeout", "message": failed.error.message},
        }
    scored = [r for r in results if r.ok]
    assert [r.report.score for r in scored if r.report] == expected_scores(
        stalling, [records[r.index] for r in scored]
    )
    # The two stalls cost about their limit each (on one worker, one after the other).
    assert elapsed < 15
    assert children() == before, "a worker process was left behind"


def test_the_limit_is_per_article_not_per_chunk(stalling: quality.Pipeline) -> None:
    # Four articles of 0.3 s in one chunk take 1.2 s together: each is within 0.5 s.
    records = records_with({0: SLOW, 1: SLOW, 2: SLOW, 3: SLOW}, 4)
    results = list(stalling.score_many(records, workers=1, chunksize=4, timeout=0.5))
    assert [r.error for r in results] == [None] * 4


def test_a_worker_stopped_mid_chunk_leaves_the_rest_of_its_chunk_scored_once(
    stalling: quality.Pipeline, tmp_path: Path
) -> None:
    # Each article after the one over the limit, in the same chunk, would kill a second
    # worker were it scored twice: scored once, it kills only the first.
    flags = [tmp_path / f"flag{i}" for i in range(3)]
    records = records_with({1: HANG, 2: f"DIE-ONCE:{flags[0]}"}, 6)
    results = list(stalling.score_many(records, workers=1, chunksize=6, timeout=0.5))
    assert [r.index for r in results] == list(range(6))
    assert [(r.index, r.error.type) for r in results if r.error] == [(1, "Timeout")]
    assert flags[0].exists()


def test_an_article_that_kills_its_worker_under_a_limit_is_reported(
    stalling: quality.Pipeline, tmp_path: Path
) -> None:
    flag = tmp_path / "died-once"
    records = records_with({3: KILL, 9: f"DIE-ONCE:{flag}"}, 14)
    results = list(stalling.score_many(records, workers=2, chunksize=4, timeout=5))
    assert [r.index for r in results] == list(range(14))
    # The one that kills every worker is reported; the one that killed a worker once, as a
    # worker dying of anything else would, is scored again in a fresh one.
    assert [(r.index, r.error.type) for r in results if r.error] == [(3, "WorkerCrashed")]
    assert flag.exists()


@needs_proc
def test_stopping_early_ends_a_stalled_worker_at_once(stalling: quality.Pipeline) -> None:
    records = records_with({1: HANG}, 8)
    before = children()
    results = stalling.score_many(records, workers=2, chunksize=1, timeout=60)
    assert next(results).ok
    started = time.monotonic()
    results.close()  # as a consumer that breaks out of its loop, or Ctrl-C, does
    assert time.monotonic() - started < 5
    assert children() == before


def test_an_input_that_cannot_be_pickled_is_scored_here_under_a_limit(
    stalling: quality.Pipeline,
) -> None:
    records: list[Any] = records_with({4: HANG}, 6)
    records[2] = {**records[2], "callback": lambda: None}
    results = list(stalling.score_many(records, workers=2, chunksize=2, timeout=0.5))
    assert [r.id for r in results] == [r["id"] for r in records]
    assert [(r.index, r.error.type) for r in results if r.error] == [(4, "Timeout")]


def test_workers_started_by_spawn_keep_the_limit(stalling: quality.Pipeline) -> None:
    records = records_with({2: HANG}, 8)
    results = list(
        stalling.score_many(records, workers=2, chunksize=2, timeout=1.5, mp_context="spawn")
    )
    assert [r.index for r in results] == list(range(8))
    assert [(r.index, r.error.type) for r in results if r.error] == [(2, "Timeout")]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (0, "positive"),
        (-1, "positive"),
        (float("nan"), "positive"),
        (float("inf"), "use None for no limit"),
        ("30", "must be a number of seconds, got str"),
        (True, "must be a number of seconds, got bool"),
    ],
)
def test_a_bad_limit_is_refused(value: object, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        check_timeout(value)
    with pytest.raises(ValueError, match=problem):
        list(quality.Pipeline(scorers=["filler"]).score_many(["A story."], timeout=value))  # type: ignore[arg-type]


def test_without_a_limit_one_worker_scores_in_this_process(stalling: quality.Pipeline) -> None:
    pid = os.getpid()
    seen: list[int] = []

    class Witness(StallingScorer):
        def score(self, doc: Document) -> ScorerResult:
            seen.append(os.getpid())
            return ScorerResult(1.0)

    pipeline = quality.Pipeline(scorers=[Witness(stalling.scorers[1].rules)])  # type: ignore[attr-defined]
    assert all(r.ok for r in pipeline.score_many(["One story.", "Another."], workers=1))
    assert seen == [pid, pid]


# --------------------------------------------------------------------------- the command


def run_score(*arguments: str) -> subprocess.Popen[bytes]:
    """``quality score`` in a process of its own, with ``StallingScorer`` registered as a
    third party's scorer would be."""
    program = (
        "import sys, quality, tests.test_batch_timeout as t\n"
        "quality.register(t.StallingScorer)\n"
        "from quality.cli import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", program, "score", *arguments],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_gives_the_stalled_article_a_timeout_line(tmp_path: Path, jobs: str) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records_with({2: HANG}, 8))
    out = tmp_path / "out.jsonl"
    process = run_score(str(source), "-o", str(out), "-j", jobs, "--timeout", "0.5")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr  # some inputs were error lines
    rows = read_output(out)
    assert [row["id"] for row in rows] == [r["id"] for r in records_with({2: HANG}, 8)]
    assert rows[2] == {
        "id": "marked2",
        "line": 3,
        "error": {
            "type": "Timeout",
            "message": "scoring this article took longer than the time limit of 0.5 seconds; "
            "the worker process scoring it was stopped",
        },
        "source": str(source),
    }
    assert all(isinstance(row.get("score"), float) for i, row in enumerate(rows) if i != 2)
    assert b"(7 scored, 1 error)" in stderr, stderr
    assert b"Traceback" not in stderr


def test_the_command_scores_everything_within_the_limit(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(i) for i in range(5)])
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "-j", "1", "--timeout", "30"]) == 0
    assert [row["id"] for row in read_output(out)] == [make_record(i)["id"] for i in range(5)]


@needs_proc
def test_ctrl_c_ends_the_command_and_its_stalled_workers(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records_with({1: HANG}, 40))
    out = tmp_path / "out.jsonl"
    process = run_score(str(source), "-o", str(out), "-j", "2", "--timeout", "60")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (out.exists() and out.read_bytes()):
        time.sleep(0.05)
    workers = _children_of(process.pid)
    assert workers, "no worker processes were seen"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 130, stderr
    assert b"interrupted after 1 article" in stderr, stderr
    assert b"Traceback" not in stderr
    assert [json.loads(line)["id"] for line in out.read_bytes().splitlines()] == ["a0000"]
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "workers left running"


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("0", "must be a finite number of seconds above 0, got '0'"),
        ("-1", "must be a finite number of seconds above 0, got '-1'"),
        ("nan", "must be a finite number of seconds above 0, got 'nan'"),
        ("abc", "expected a number of seconds such as 30 or 2.5, got 'abc'"),
    ],
)
def test_the_command_refuses_a_bad_limit_before_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, problem: str
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [make_record(0)])
    out = tmp_path / "out.jsonl"
    with pytest.raises(SystemExit) as stopped:
        main(["score", str(source), "-o", str(out), f"--timeout={value}"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert f"argument --timeout: {problem}" in error
    assert "Traceback" not in error
    assert not out.exists()


class DiesInWorkers(Scorer):
    """A scorer that kills any process but the one that built it: no worker can start."""

    id = "test-dies-in-workers"
    version = "1.0"
    needs_language_rules = False

    def __init__(self, rules: Any, options: Any = None) -> None:
        super().__init__(rules, options)
        # Pickled with the scorer: a worker started afresh imports this module itself.
        self.parent = os.getpid()

    def score(self, doc: Document) -> ScorerResult:
        if os.getpid() != self.parent:
            os._exit(3)
        return ScorerResult(1.0)


def test_workers_that_die_as_they_start_stop_the_run_with_a_clear_error() -> None:
    from quality.timed_pool import WorkerStartError

    pipeline = quality.Pipeline(scorers=[DiesInWorkers(None)], weights={DiesInWorkers.id: 10})
    with pytest.raises(WorkerStartError, match="3 worker processes in a row died or hung"):
        list(pipeline.score_many(["One story.", "Another."], workers=1, timeout=5))


def test_a_worker_is_sent_its_next_chunk_ahead_unless_it_is_large(
    stalling: quality.Pipeline,
) -> None:
    from quality.batch import score_item
    from quality.timed_pool import TimedPool, _TimedChunk

    pool = TimedPool(score_item, (), stalling, 1, None, 30.0)
    try:
        (worker,) = pool.workers
        while not worker.ready:
            pool._collect(room_for_input=False)
        small = [_TimedChunk([(i, make_record(i))]) for i in range(3)]
        pool._waiting.extend(small)
        pool._dispatch()
        # The one it works on and the next: no round trip between them.
        assert list(worker.chunks) == small[:2]
        assert list(pool._waiting) == small[2:]
        while worker.chunks:
            pool._collect(room_for_input=False)
        large = _TimedChunk([(9, {"id": "big", "text": "The council met. " * 4_000})])
        pool._waiting.append(large)  # behind small[2], still waiting
        pool._dispatch()
        # A large chunk waits until the worker is free to read it at once.
        assert list(worker.chunks) == [small[2]]
        assert list(pool._waiting) == [large]
        while worker.chunks or pool._waiting:
            pool._dispatch()
            pool._collect(room_for_input=False)
        assert [len(chunk.results) for chunk in [*small, large]] == [1, 1, 1, 1]
        assert large.results[0].ok
    finally:
        pool.close()


def test_chunks_sent_ahead_to_a_stopped_worker_are_scored_once_elsewhere(
    stalling: quality.Pipeline, tmp_path: Path
) -> None:
    # One worker, chunks of two: while it stalls on article 1, the chunk of articles 2 and 3
    # waits in its pipe. Both go to the fresh worker, and each article is scored once.
    tallies = {i: tmp_path / f"tally{i}" for i in (0, 2, 3, 4, 5)}
    records = records_with({1: HANG, **{i: f"COUNT:{t}" for i, t in tallies.items()}}, 6)
    results = list(stalling.score_many(records, workers=1, chunksize=2, timeout=0.5))
    assert [r.index for r in results] == list(range(6))
    assert [(r.index, r.error.type) for r in results if r.error] == [(1, "Timeout")]
    assert {i: t.read_text().count("scored") for i, t in tallies.items()} == dict.fromkeys(
        tallies, 1
    )


def test_the_timed_pool_sees_which_workers_have_a_result_or_have_ended() -> None:
    import multiprocessing

    from quality.timed_pool import _readable

    with_result, worker_end = multiprocessing.Pipe()
    worker_end.send("result")
    idle, idle_worker_end = multiprocessing.Pipe()
    ended, ended_worker_end = multiprocessing.Pipe()
    ended_worker_end.close()
    try:
        assert _readable([with_result, idle, ended]) == [with_result, ended]
        assert _readable([idle]) == []
        started = time.monotonic()
        assert _readable([idle], timeout=0.05) == []
        assert time.monotonic() - started >= 0.04  # it waited, rather than spinning
        assert with_result.recv() == "result"
        assert _readable([with_result]) == []
    finally:
        for conn in (with_result, worker_end, idle, idle_worker_end, ended):
            conn.close()
