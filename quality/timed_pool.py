"""Worker processes that score under a time limit per article, answering in input order.

``quality.batch.map_ordered`` uses this pool when it is given a ``timeout``: one article
that takes too long (a catastrophic pattern in a third-party scorer, a pathological page)
costs its worker process, which is ended and replaced, and nothing else.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import select
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quality.batch import score_item
from quality.errors import QualityError
from quality.pool import (
    INPUT_POLL_SECONDS,
    Crashed,
    Feeder,
    LateStarts,
    TimedOut,
    init_worker,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from quality.pipeline import Pipeline


class WorkerStartError(QualityError):
    """Worker processes die or hang as they start, before any article reaches them, so no
    article can be scored under a time limit."""


#: How long a worker of a ``TimedPool`` closed after a complete run may take to exit on its
#: own (it is idle, so it needs only to notice its pipe closing) before it is ended.
_EXIT_GRACE_SECONDS = 5.0
#: Chunks a ``TimedPool`` worker holds: the one it is on and the next, sent ahead only when
#: its message is at most ``_QUEUED_CHUNK_BYTES``, well within what a pipe buffers.
_CHUNKS_PER_WORKER = 2
_QUEUED_CHUNK_BYTES = 32_768
#: How long a ``TimedPool`` lets results gather before it reads them while every worker is
#: busy: read one at a time, each result costs this process a wake-up, which took a tenth
#: of a core from the workers; a few milliseconds hold up no deadline or idle worker (a
#: worker holds its next chunk, and a chunk takes longer than this to score).
_GATHER_SECONDS = 0.002
#: How long a fresh ``TimedPool`` worker may take to start and warm up before it is taken
#: for dead and replaced: one started by spawn or forkserver (as every replacement of a
#: forked worker is) imports the package and warms up, about 1 s on an idle core.
_START_SECONDS = 120.0
#: Workers in a row that die or hang before they are ready, after which a ``TimedPool``
#: gives up: something in every worker's start-up fails, and no article could be scored.
_MAX_FAILED_STARTS = 3
#: Articles a fresh worker scores before it takes work, so that what every worker does
#: once (importing the readers, compiling the rules) is not charged to the first article's
#: time limit: a text, one that is not plainly English (which loads the language profiles)
#: and a page (which loads the HTML reader), the slowest parts to load, about 0.3 s each.
_WARM_UP_ITEMS: tuple[dict[str, str], ...] = (
    {"id": "warm-up", "text": "The council met on Monday. It passed the budget, the mayor said."},
    {"id": "warm-up", "text": "Der Rat tagte am Montag. Er hat den Haushalt beschlossen."},
    {
        "id": "warm-up",
        "html": "<html><body><article><h1>Budget passed</h1><p>The council met on Monday. "
        "It passed the budget, the mayor said.</p></article></body></html>",
    },
)


class TimedPool:
    """Worker processes scoring under a time limit per article, answering in input order.

    ``OrderedPool``'s executor cannot stop one worker: it does not say which process runs
    which chunk, and its workers share one result queue, which a process ended halfway
    through writing to it leaves unreadable. Here each worker has a pipe of its own, works
    through its chunks in order (it holds the next one too, so it never waits between
    chunks) and sends back each article's result as soon as it has it, so the parent knows
    which article every worker is on and since when. A worker over the limit
    is ended alone: its article gets a ``Timeout`` result, a fresh worker (not forked:
    see ``quality.pool.late_start_context``) takes its place,
    and the rest of its chunks go to the next free worker, so no article is scored twice
    and the other workers carry on. A worker that dies scores its article once more in a
    fresh process: an article that kills that one too is reported (``WorkerCrashed``),
    while one that was merely running when a worker died of something else is scored.
    """

    def __init__(
        self,
        func: Callable[..., Any],
        args: tuple[Any, ...],
        pipeline: Pipeline,
        workers: int,
        mp_context: str | None,
        timeout: float,
    ):
        import multiprocessing
        from multiprocessing.util import Finalize

        self.func = func
        self.args = args
        self.pipeline = pipeline
        self.timeout = timeout
        self.context: BaseContext = multiprocessing.get_context(mp_context)
        #: what starts the workers that replace others
        self._late = LateStarts(self.context, pipeline)
        #: chunks (or what is left of them) that no worker has, oldest first
        self._waiting: deque[_TimedChunk] = deque()
        self.workers: list[_TimedWorker] = []
        # A pool that is never closed (a generator left unfinished) still ends its workers
        # when the interpreter exits: multiprocessing would otherwise wait for them forever.
        self._stop_all = Finalize(self, _stop_workers, args=(self.workers,), exitpriority=10)
        self._failed_starts = 0
        if self.context.get_start_method() == "fork":
            # Forked workers inherit what warming up loads, so theirs takes milliseconds.
            _warm_up(pipeline)
        try:
            # Started here, before the input thread: see ``OrderedPool._start``.
            for _ in range(workers):
                process, conn, deadline = self._launch(self.context)
                self.workers.append(_TimedWorker(process, conn, deadline=deadline))
        except BaseException:
            self._stop_all()
            raise

    def _launch(self, context: BaseContext) -> tuple[BaseProcess, Connection, float]:
        own_end, worker_end = context.Pipe()
        # A forked worker inherits this process's end of its own pipe and of every other
        # worker's: it closes them, so that it reads the end of its pipe when this process
        # is gone (rather than waiting for ever) and keeps no other worker's pipe open.
        # Started otherwise, it has only what it is sent.
        not_its_own: list[Connection] = []
        if context.get_start_method() == "fork":
            not_its_own = [own_end, *(w.conn for w in self.workers if not w.conn.closed)]
        # Every context has Process; the stubs give it only to the named ones.
        process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve_timed,
            args=(worker_end, self.pipeline, not_its_own),
            name="quality-worker",
        )
        with self._late.starting(context):
            process.start()
        # Held by the worker alone from now on, so that its death ends the pipe here.
        worker_end.close()
        return process, own_end, time.monotonic() + _START_SECONDS

    def run(self, numbered: Iterator[tuple[int, Any]], chunksize: int, limit: int) -> Iterator[Any]:
        chunks: deque[_TimedChunk] = deque()  # in input order, at most ``limit``
        feed = Feeder(numbered, capacity=limit * chunksize)
        try:
            while True:
                for items in feed.chunks(chunksize, limit - len(chunks), in_flight=bool(chunks)):
                    chunk = _TimedChunk(items)
                    chunks.append(chunk)
                    self._waiting.append(chunk)
                if not chunks:
                    return  # the input is exhausted and every result passed on
                self._dispatch()
                head = chunks[0]
                while head.passed_on < len(head.results):
                    head.passed_on += 1
                    yield head.results[head.passed_on - 1]
                if head.done:
                    chunks.popleft()
                    continue
                self._collect(room_for_input=len(chunks) < limit)
        finally:
            feed.stop()

    def _dispatch(self) -> None:
        """Give every worker waiting chunks: one to work on and, when it is small, the next,
        which the worker starts as soon as it is done with the first instead of waiting for
        this process to hear of it and send another."""
        from multiprocessing.reduction import ForkingPickler

        for worker in self.workers:
            while worker.ready and len(worker.chunks) < _CHUNKS_PER_WORKER and self._waiting:
                chunk = self._waiting.popleft()
                rest = chunk.items[len(chunk.results) :]
                try:
                    message = ForkingPickler.dumps((self.func, rest, self.args))
                except Exception:
                    # It cannot travel to a worker: scored here (see ``OrderedPool.run``),
                    # where no time limit can be kept.
                    chunk.results.extend(self._score_here(rest))
                    continue
                if worker.chunks and len(message) > _QUEUED_CHUNK_BYTES:
                    # A busy worker reads it only when done with its chunk: a large one
                    # would hold this process in the send, unable to end a stalled worker.
                    self._waiting.appendleft(chunk)
                    break
                if not worker.chunks:
                    worker.deadline = time.monotonic() + self.timeout
                worker.chunks.append(chunk)
                try:
                    worker.conn.send_bytes(message)
                except OSError:  # it died (ended from outside, out of memory)
                    self._worker_died(worker)
                    break

    def _collect(self, *, room_for_input: bool) -> None:
        """Wait for results until the next deadline (or, with room for more chunks, briefly,
        so that input arriving meanwhile is sent on), then end the workers over it."""
        busy = [worker for worker in self.workers if worker.chunks]
        starting = [worker for worker in self.workers if not worker.ready]
        if not busy and not starting:
            return
        delay = max(0.0, min(worker.deadline for worker in busy + starting) - time.monotonic())
        if room_for_input:
            delay = min(delay, INPUT_POLL_SECONDS)
        if busy and not starting:
            time.sleep(min(delay, _GATHER_SECONDS))
            delay = max(0.0, delay - _GATHER_SECONDS)
        ready = _readable([worker.conn for worker in busy + starting], delay)
        for worker in starting:
            if worker.conn in ready:
                self._hear_start(worker)
        for worker in busy:
            if worker.conn in ready:
                self._receive(worker)
        now = time.monotonic()
        for worker in starting:
            if not worker.ready and now >= worker.deadline and not _readable([worker.conn]):
                self._failed_start(worker)
        for worker in busy:
            # A result that arrived since the wait is read first: it came in time.
            if worker.chunks and now >= worker.deadline and not _readable([worker.conn]):
                self._fail_current(worker, TimedOut, self.timeout)

    def _hear_start(self, worker: _TimedWorker) -> None:
        """Read the message a fresh worker sends once it is ready for work."""
        try:
            message = worker.conn.recv()
        except Exception:  # it died starting (EOFError), or sent something unreadable
            message = None
        if isinstance(message, _Ready):
            worker.ready = True
            self._failed_starts = 0
        else:
            self._failed_start(worker)

    def _failed_start(self, worker: _TimedWorker) -> None:
        # Perhaps the pipeline does not load in a fresh process: the next is started as
        # the first workers were.
        self._late.fall_back()
        self._failed_starts += 1
        if self._failed_starts >= _MAX_FAILED_STARTS:
            raise WorkerStartError(
                f"{self._failed_starts} worker processes in a row died or hung as they "
                "started, before any article reached them, so no article can be scored "
                "under a time limit"
            )
        self._replace(worker)

    def _receive(self, worker: _TimedWorker) -> None:
        """Every result ``worker`` has sent so far."""
        assert worker.chunks, "results from a worker that was given nothing"
        while True:
            chunk = worker.chunks[0]
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                self._worker_died(worker)
                return
            except Exception:  # a result that does not unpickle here: scored here instead
                message = _Unsent(rest_of_chunk=False)
            position = len(chunk.results)
            if isinstance(message, _Unsent):
                end = len(chunk.items) if message.rest_of_chunk else position + 1
                chunk.results.extend(self._score_here(chunk.items[position:end]))
            else:
                chunk.results.append(message)
            chunk.crashed_at = None
            if chunk.done:
                worker.chunks.popleft()
                if not worker.chunks:
                    return
            # The worker went straight on to the next article, of this chunk or the next.
            worker.deadline = time.monotonic() + self.timeout
            if not _readable([worker.conn]):
                return

    def _worker_died(self, worker: _TimedWorker) -> None:
        assert worker.chunks, "a worker died with nothing to do"
        chunk = worker.chunks[0]
        if chunk.crashed_at == len(chunk.results):
            # It killed a fresh worker too, as the first article that worker scored.
            self._fail_current(worker, Crashed)
            return
        chunk.crashed_at = len(chunk.results)
        self._take_back(worker)
        self._replace(worker)

    def _fail_current(self, worker: _TimedWorker, failure: Callable[..., Any], *why: Any) -> None:
        """End ``worker``, give the article it is on the result for ``failure`` and put the
        rest of its chunks back in line."""
        assert worker.chunks, "no article to fail"
        chunk = worker.chunks[0]
        index, item = chunk.items[len(chunk.results)]
        chunk.results.append(self.func(self.pipeline, index, failure(item, *why), *self.args))
        chunk.crashed_at = None
        if chunk.done:
            worker.chunks.popleft()
        self._take_back(worker)
        self._replace(worker)

    def _take_back(self, worker: _TimedWorker) -> None:
        """Put what is left of ``worker``'s chunks back at the head of the line, in order."""
        while worker.chunks:
            self._waiting.appendleft(worker.chunks.pop())

    def _replace(self, worker: _TimedWorker) -> None:
        _stop_worker(worker)
        worker.process, worker.conn, worker.deadline = self._launch(self._late.context())
        worker.ready = False

    def _score_here(self, items: list[tuple[int, Any]]) -> list[Any]:
        return [self.func(self.pipeline, index, item, *self.args) for index, item in items]

    def close(self, *, abort: bool = False) -> None:
        if not abort:
            # Every worker is idle: each is asked to end, and ends cleanly.
            for worker in self.workers:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            for worker in self.workers:
                worker.process.join(_EXIT_GRACE_SECONDS)
        # Whatever still runs is ended, and every worker is waited for, so none is left
        # behind as a zombie.
        self._stop_all()


@dataclass(eq=False, slots=True)
class _TimedChunk:
    """A chunk in a ``TimedPool``: its articles and, in order, the results it has so far."""

    items: list[tuple[int, Any]]
    results: list[Any] = dataclasses.field(default_factory=list)
    #: how many of ``results`` have been passed on
    passed_on: int = 0
    #: the position of the article a worker died on, once: scored again in a fresh worker
    crashed_at: int | None = None

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.items)


@dataclass(eq=False, slots=True)
class _TimedWorker:
    """A worker process of a ``TimedPool``, its end of the pipe, and what it is doing:
    starting up, or scoring a chunk, and by when it must be ready or done with the article
    it is on."""

    process: BaseProcess
    conn: Connection
    #: the chunks sent to it, in order: it is working on the first
    chunks: deque[_TimedChunk] = dataclasses.field(default_factory=deque)
    deadline: float = math.inf
    #: whether it has warmed up and said so; it is given work only then
    ready: bool = False


@dataclass(frozen=True, slots=True)
class _Ready:
    """Sent by a fresh worker once it has warmed up."""


@dataclass(frozen=True, slots=True)
class _Unsent:
    """Sent by a worker in place of a result it could not send (it does not pickle), or of
    a whole chunk it could not read: the parent scores those articles itself."""

    rest_of_chunk: bool


def _serve_timed(conn: Connection, pipeline: Pipeline, not_its_own: list[Connection]) -> None:
    """A ``TimedPool`` worker: scores the chunks it is sent, one result message an article,
    until it is sent None or its parent is gone."""
    for inherited in not_its_own:
        inherited.close()
    init_worker(pipeline)
    # Even when forked from a warmed parent: scoring here first is also what shows that
    # this process can score at all, before it is sent work (see WorkerStartError).
    _warm_up(pipeline)
    if not _send_result(conn, _Ready()):
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        except Exception:  # pickled there but not readable here
            if not _send_result(conn, _Unsent(rest_of_chunk=True)):
                return
            continue
        if task is None:
            return
        func, chunk, args = task
        for index, item in chunk:
            if not _send_result(conn, func(pipeline, index, item, *args)):
                return


def _readable(conns: list[Connection], timeout: float = 0.0) -> list[Connection]:
    """Those of ``conns`` with a message (or their end) to read, waiting up to ``timeout``
    seconds for one. ``select.poll`` where the platform has it: ``Connection.poll`` and
    ``multiprocessing.connection.wait`` build a selector on every call, which cost this
    process more than reading the result did."""
    if not hasattr(select, "poll"):
        from multiprocessing.connection import wait

        return wait(conns, timeout)  # type: ignore[return-value]
    poller = select.poll()
    for conn in conns:
        poller.register(conn.fileno(), select.POLLIN)
    # Rounded up: a wait cut to 0 ms before a deadline would spin until it passes.
    ready = {fd for fd, _ in poller.poll(math.ceil(timeout * 1000))}
    return [conn for conn in conns if conn.fileno() in ready]


def _warm_up(pipeline: Pipeline) -> None:
    """Load and compile what scoring needs, by scoring ``_WARM_UP_ITEMS``."""
    for item in _WARM_UP_ITEMS:
        score_item(pipeline, 0, item)  # never raises; a failure here is the article's later


def _send_result(conn: Connection, result: Any) -> bool:
    """Send one result to the parent; false once the parent is gone."""
    try:
        conn.send(result)
    except OSError:
        return False
    except Exception:  # it does not pickle; nothing was written
        return _send_result(conn, _Unsent(rest_of_chunk=False))
    return True


def _stop_worker(worker: _TimedWorker) -> None:
    # Ended at once: what it is doing (a runaway pattern, a native loop) may never return.
    worker.process.kill()
    worker.process.join()
    worker.conn.close()


def _stop_workers(workers: list[_TimedWorker]) -> None:
    for worker in workers:
        _stop_worker(worker)
