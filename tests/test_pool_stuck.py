"""A worker that dies halfway through its reply (ended from outside: the out-of-memory
killer, a SIGTERM to the process group) leaves the executor's thread waiting for the rest
of that reply. The pool must notice, rerun what was in flight and finish, and a pool shut
down meanwhile must still end. Each run is a child process with a time limit, so that a
regression fails rather than holding the test run for ever."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Far more than a run takes (the pool waits DEAD_WORKER_GRACE_SECONDS per stuck reply).
LIMIT_SECONDS = 90


def run_child(script: str) -> str:
    process = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=LIMIT_SECONDS,
    )
    assert process.returncode == 0, process.stderr
    return process.stdout


def test_an_article_whose_worker_dies_mid_reply_is_reported_and_the_rest_scored():
    out = run_child(
        """
        import json, quality
        from tests.half_writer import HalfWriter, MARK
        pipeline = quality.Pipeline(scorers=["filler", HalfWriter()])
        records = [{"id": f"a{i}", "text": f"The council met on day {i}."} for i in range(30)]
        records[7] = {"id": "dies", "text": MARK + " here."}
        results = pipeline.score_many(records, workers=2, chunksize=2)
        print(json.dumps([[r.id, r.error.type if r.error else None] for r in results]))
        """
    )
    results = json.loads(out)
    assert [r[0] for r in results] == [f"a{i}" if i != 7 else "dies" for i in range(30)]
    assert [r for r in results if r[1] is not None] == [["dies", "WorkerCrashed"]]


def test_a_pool_shut_down_while_a_reply_is_half_written_still_ends():
    out = run_child(
        """
        import time
        import quality
        from quality.batch import score_item
        from quality.pool import OrderedPool
        from tests.half_writer import HalfWriter, MARK
        pipeline = quality.Pipeline(scorers=["filler", HalfWriter()])
        pool = OrderedPool(score_item, (), pipeline, 2, None)
        future = pool._submit([(0, MARK + " here.")])
        deadline = time.monotonic() + 30
        while not any(w.exitcode for w in pool.executor._processes.values()):
            assert time.monotonic() < deadline, "the worker never died"
            time.sleep(0.05)
        started = time.monotonic()
        pool.close(abort=True)
        print(round(time.monotonic() - started))
        """
    )
    assert int(out) < 30
