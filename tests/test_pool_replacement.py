"""Workers started while the input is read on its own thread (to replace one that died or
was stopped) are not forked, unless nothing else can start them: a process forked then
copies the locks that thread holds."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import select
import signal
import subprocess
import sys
import textwrap
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

import quality
from quality.analysis import Document
from quality.batch import BatchResult
from quality.pool import late_start_context
from quality.scorers.base import ScorerResult
from tests.test_batch import CrashingScorer, make_record
from tests.test_batch_timeout import HANG, KILL, StallingScorer, records_with

ROOT = Path(__file__).resolve().parent.parent

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs the fork start method"
)


class ForkWatch:
    """Counts this process's forks once its input is being read (on the input thread)."""

    def __init__(self) -> None:
        self.reading = threading.Event()
        self.forks_while_reading = 0

    def read(self, records: Iterable[Any]) -> Iterator[Any]:
        self.reading.set()
        yield from records


@pytest.fixture
def fork_watch(monkeypatch: pytest.MonkeyPatch) -> ForkWatch:
    watch = ForkWatch()
    fork = os.fork

    def watched_fork() -> int:
        if watch.reading.is_set():
            watch.forks_while_reading += 1
        return fork()

    monkeypatch.setattr(os, "fork", watched_fork)
    return watch


def fork_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    """Python 3.12's warning that this process forked with threads running."""
    return [str(w.message) for w in caught if "fork()" in str(w.message)]


def killer_among(count: int, at: int) -> list[dict[str, Any]]:
    records = [make_record(i) for i in range(count)]
    records[at] = {"id": "killer", "text": "KILL-THE-WORKER now."}
    return records


@needs_fork
def test_the_pool_that_replaces_a_dead_worker_is_not_forked(fork_watch: ForkWatch) -> None:
    pipeline = quality.Pipeline(scorers=["filler", CrashingScorer()])
    # More than the pool reads ahead (32 articles): the input is still being read.
    records = killer_among(60, at=23)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results: list[BatchResult] = list(
            pipeline.score_many(fork_watch.read(records), workers=2, chunksize=4, mp_context="fork")
        )
    assert [r.index for r in results] == list(range(60))
    assert [(r.id, r.error.type) for r in results if r.error] == [("killer", "WorkerCrashed")]
    expected = [pipeline.score(r).score for r in records if r["id"] != "killer"]
    assert [r.report.score for r in results if r.report] == expected
    assert fork_watch.forks_while_reading == 0
    assert fork_warnings(caught) == []


@needs_fork
def test_workers_that_replace_stopped_or_dead_ones_are_not_forked(
    fork_watch: ForkWatch,
) -> None:
    stalling = StallingScorer(None)  # type: ignore[arg-type]  # it reads no rules
    pipeline = quality.Pipeline(scorers=["filler", stalling])
    # More than the pool reads ahead (16 articles): the input is still being read.
    records = records_with({3: HANG, 8: KILL}, 40)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = list(
            pipeline.score_many(
                fork_watch.read(records), workers=2, chunksize=2, timeout=1, mp_context="fork"
            )
        )
    assert [r.index for r in results] == list(range(40))
    # The article that kills a worker kills its fresh replacement too: started afresh, it
    # scores like the forked one.
    assert [(r.index, r.error.type) for r in results if r.error] == [
        (3, "Timeout"),
        (8, "WorkerCrashed"),
    ]
    assert fork_watch.forks_while_reading == 0
    assert fork_warnings(caught) == []


#: A script that reads its input from stdin on the input thread; the first article kills
#: its worker while that thread waits for the next line, holding stdin's lock. A worker
#: forked then closes stdin as it starts, and waits for that lock for ever.
STDIN_SCRIPT = """
import sys
import quality
from tests.test_batch import CrashingScorer, make_record

def read():
    yield {"id": "killer", "text": "KILL-THE-WORKER now."}
    yield make_record(1)
    for line in sys.stdin:
        yield {"id": line.strip(), "text": make_record(2)["text"]}

pipeline = quality.Pipeline(scorers=["filler", CrashingScorer()])
results = pipeline.score_many(read(), workers=2, chunksize=1, mp_context="fork")
first = [next(results), next(results)]
print(*(r.error.type if r.error else r.id for r in first), flush=True)
print(*(r.id for r in results), flush=True)
"""


def run_python(arguments: list[str], *, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *arguments],
        cwd=ROOT,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Its own process group: a worker left hanging is ended with it.
        start_new_session=True,
    )


#: Far more than any run here takes: one that takes longer has hung.
HUNG_SECONDS = 60


def hung(process: subprocess.Popen[str]) -> NoReturn:
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    pytest.fail("the run hung: a worker started while the input was read never started")


def first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    if not select.select([process.stdout], [], [], HUNG_SECONDS)[0]:
        hung(process)
    return process.stdout.readline()


def finish(process: subprocess.Popen[str], stdin: str | None = None) -> str:
    """What ``process`` wrote, once it has ended well."""
    try:
        out, err = process.communicate(stdin, timeout=HUNG_SECONDS)
    except subprocess.TimeoutExpired:
        hung(process)
    assert process.returncode == 0, err
    assert "Traceback" not in err, err
    return out


@needs_fork
def test_a_worker_dies_while_the_input_waits_on_stdin() -> None:
    process = run_python(["-c", STDIN_SCRIPT], stdin=subprocess.PIPE)
    # Results come back while stdin is still open and empty: the input thread waits on it.
    assert first_line(process) == "WorkerCrashed a0001\n"
    assert finish(process, "late-1\nlate-2\n") == "late-1 late-2\n"


@needs_fork
def test_a_worker_started_afresh_does_not_run_the_script_again(tmp_path: Path) -> None:
    # A script written for fork, with no `if __name__ == "__main__"`: forkserver and spawn
    # would run its top-level code, its scoring run included, in the new process.
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            sys.path.insert(0, sys.argv[1])
            import quality
            from tests.test_batch import CrashingScorer, make_record
            print("run", flush=True)
            records = [make_record(i) for i in range(30)]
            records[5] = {"id": "killer", "text": "KILL-THE-WORKER now."}
            pipeline = quality.Pipeline(scorers=["filler", CrashingScorer()])
            for timeout in (None, 5):
                results = list(pipeline.score_many(records, workers=2, chunksize=4, timeout=timeout))
                print(len(results), *(r.id for r in results if not r.ok), flush=True)
            """
        )
    )
    assert finish(run_python([str(script), str(ROOT)])) == "run\n30 killer\n30 killer\n"


#: True in the test's process and the processes forked from it; False in a fresh one.
_LOADED_IN_THE_TEST_PROCESS = False


class HomeboundScorer(CrashingScorer):
    """Kills its worker on one article, as ``CrashingScorer``; cannot be loaded in a process
    started afresh, as a scorer that needs what only the calling process has."""

    id = "test-homebound"

    def __setstate__(self, state: dict[str, Any]) -> None:
        if not _LOADED_IN_THE_TEST_PROCESS:
            raise RuntimeError("this scorer loads only where it was built")
        self.__dict__.update(state)


@needs_fork
@pytest.mark.parametrize("timeout", [None, 5])
def test_a_pipeline_that_does_not_load_afresh_is_forked_as_before(
    monkeypatch: pytest.MonkeyPatch, timeout: float | None
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "_LOADED_IN_THE_TEST_PROCESS", True)
    pipeline = quality.Pipeline(scorers=["filler", HomeboundScorer()])
    records = killer_among(20, at=6)
    results = list(
        pipeline.score_many(records, workers=2, chunksize=4, timeout=timeout, mp_context="fork")
    )
    assert [r.index for r in results] == list(range(20))
    assert [(r.id, r.error.type) for r in results if r.error] == [("killer", "WorkerCrashed")]


class LockedScorer(CrashingScorer):
    """Holds a lock, so that it cannot be pickled."""

    id = "test-locked"

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def score(self, doc: Document) -> ScorerResult:
        with self.lock:
            return super().score(doc)


@needs_fork
def test_a_pipeline_that_cannot_be_pickled_is_forked_as_before(fork_watch: ForkWatch) -> None:
    pipeline = quality.Pipeline(scorers=["filler", LockedScorer()])
    results = list(
        pipeline.score_many(
            fork_watch.read(killer_among(20, at=6)), workers=2, chunksize=4, mp_context="fork"
        )
    )
    assert [(r.id, r.error.type) for r in results if r.error] == [("killer", "WorkerCrashed")]
    assert len(results) == 20
    assert fork_watch.forks_while_reading > 0  # the only way it reaches a worker


class DefinedInMain(CrashingScorer):
    """As a scorer defined in a notebook or in the script being run is."""

    id = "test-defined-in-main"


@needs_fork
def test_what_starts_a_worker_once_the_input_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    fork, spawn = multiprocessing.get_context("fork"), multiprocessing.get_context("spawn")
    importable = quality.Pipeline(scorers=["filler", CrashingScorer()])
    fresh = late_start_context(fork, importable)
    assert fresh.get_start_method() in ("forkserver", "spawn")
    assert late_start_context(spawn, importable) is spawn
    assert late_start_context(fork, quality.Pipeline(scorers=[LockedScorer()])) is fork
    # It pickles here, but a fresh process, not given the main module (see
    # ``main_module_hidden``), could not build it.
    monkeypatch.setattr(DefinedInMain, "__module__", "__main__")
    monkeypatch.setattr(sys.modules["__main__"], "DefinedInMain", DefinedInMain, raising=False)
    in_main = quality.Pipeline(scorers=[DefinedInMain()])
    pickle.dumps(in_main)
    assert late_start_context(fork, in_main) is fork


def test_a_chunk_sent_to_a_pool_that_has_just_broken_is_scored(
    pipeline: quality.Pipeline,
) -> None:
    # A worker dies while none of the run's chunks is in flight (between looks at the
    # results): the executor refuses the next chunk, which is rerun like those in flight.
    from concurrent.futures.process import BrokenProcessPool

    from quality.batch import score_item
    from quality.pool import OrderedPool

    pool = OrderedPool(score_item, (), pipeline, 1, None)
    try:
        with pytest.raises(BrokenProcessPool):
            pool.executor.submit(os._exit, 3).result()
        records = [make_record(i) for i in range(6)]
        results = list(pool.run(enumerate(records), chunksize=2, limit=2))
    finally:
        pool.close()
    assert [r.index for r in results] == list(range(6))
    assert [r.report.score for r in results if r.report] == [
        pipeline.score(r).score for r in records
    ]
