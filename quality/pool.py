"""Worker processes for scoring in parallel: the input read ahead on a thread of its own, in
bounded chunks, scored in a pool of processes, and the results passed on in input order.

``quality.batch.map_ordered`` chooses the pool: ``OrderedPool`` (a process pool executor fed a
bounded window of chunks) or, with a time limit per article, ``quality.timed_pool.TimedPool``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from quality.article import Article
from quality.inputs.feeds import FeedEntry
from quality.inputs.jsonl import JsonlRecord

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess
    from multiprocessing.synchronize import Event

    from quality.pipeline import Pipeline

T = TypeVar("T")

#: A chunk also ends once its articles hold this many characters (text and HTML), so that a
#: chunk of web pages, each a hundred times a plain article's cost, still comes back within
#: a second or so: progress stays smooth and Ctrl-C does not wait on a long chunk.
CHUNK_CHARS = 250_000

#: What an input of unknown size (a file path, not read yet) counts for in a chunk.
_UNKNOWN_SIZE = 8_192

#: How often a pool with room for more work looks for input that has arrived while it waits
#: for the oldest chunk's results.
INPUT_POLL_SECONDS = 0.05

#: How long a pool's worker may lie dead while its executor carries on as if nothing had
#: happened, before the pool takes the executor for stuck (see ``_unstick``). An executor
#: notices a death within milliseconds unless its thread is stuck.
DEAD_WORKER_GRACE_SECONDS = 2.0
#: How often a pool waiting for a result, or for its executor to shut down, looks for that.
_LIVENESS_POLL_SECONDS = 0.25

#: The pipeline a worker process scores with; set once, when the worker starts.
_WORKER_PIPELINE: Pipeline | None = None
#: Set once every worker of an ``OrderedPool`` not started by fork has been started.
_ALL_WORKERS_STARTED: Event | None = None


def init_worker(pipeline: Pipeline, all_workers_started: Event | None = None) -> None:
    import signal

    global _WORKER_PIPELINE, _ALL_WORKERS_STARTED
    # Ctrl-C is the parent's to handle: it stops cleanly and then ends the workers. A worker
    # forked from a parent that handles SIGTERM itself (`quality score` does) must not keep
    # that handler, or ending it would raise in the worker instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_PIPELINE = pipeline
    _ALL_WORKERS_STARTED = all_workers_started


def late_start_context(context: BaseContext, pipeline: Pipeline) -> BaseContext:
    """The context to start a worker with once the input thread may be running (one that
    replaces a worker that died or was stopped): ``context`` itself, unless it forks.

    A process forked then copies the locks that thread holds and waits for ever on the
    first it takes: forked while the thread waits for the next line of ``sys.stdin``, a
    worker hangs as it starts, since it closes its stdin. Such a worker is started afresh
    instead, by forkserver (spawn where the platform has none), which imports the package
    and gets the pipeline pickled, without the main module (see ``main_module_hidden``).
    A pipeline that cannot travel so (a scorer holding a lock, or defined in a notebook or
    in the script being run) reaches a worker only by a fork, as before.
    """
    if context.get_start_method() != "fork":
        return context
    import multiprocessing
    from multiprocessing.reduction import ForkingPickler

    try:
        with main_module_hidden():
            ForkingPickler.dumps(pipeline)
    except Exception:
        return context
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


class LateStarts:
    """How a pool starts the workers that replace others once its input thread may be
    running: by ``late_start_context``, chosen at the first replacement, and by the pool's
    own context again from the first time workers started so die starting (the pipeline
    does not load in a fresh process: a scorer needs what only this one has)."""

    def __init__(self, context: BaseContext, pipeline: Pipeline):
        self.own = context
        self._pipeline = pipeline
        self._chosen: BaseContext | None = None

    def context(self) -> BaseContext:
        if self._chosen is None:
            self._chosen = late_start_context(self.own, self._pipeline)
        return self._chosen

    def fall_back(self) -> bool:
        """Start replacements with the pool's own context from now on; whether they were
        started otherwise until now."""
        if self._chosen is None or self._chosen is self.own:
            return False
        self._chosen = self.own
        return True

    def starting(self, context: BaseContext) -> contextlib.AbstractContextManager[None]:
        """What a worker of ``context`` is started within: the main module hidden when it
        is started afresh in place of one of the pool's own."""
        return main_module_hidden() if context is not self.own else contextlib.nullcontext()


@contextlib.contextmanager
def main_module_hidden() -> Iterator[None]:
    """The main module out of sight, while a worker is started afresh in place of a forked
    one. Spawn and forkserver run it again in the new process, to find what was defined
    there: a script's top-level code, its own scoring run included, would run a second time
    unless guarded by ``if __name__ == "__main__"``, which a script written for fork need
    not be."""
    import sys
    import types

    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _wait_for_all_workers() -> None:
    assert _ALL_WORKERS_STARTED is not None, "worker was started without the event"
    _ALL_WORKERS_STARTED.wait()


def _run_chunk(
    func: Callable[..., T], chunk: list[tuple[int, Any]], args: tuple[Any, ...]
) -> list[T]:
    pipeline = _WORKER_PIPELINE
    assert pipeline is not None, "worker was started without a pipeline"
    return [func(pipeline, index, item, *args) for index, item in chunk]


class OrderedPool:
    """A process pool fed a bounded window of chunks, answering in submission order.

    If a worker process dies, the chunks in flight are rerun one article at a time, one at a
    time, in a fresh pool, so the article that kills a worker is found and reported as an
    error while every other article is still scored. That pool, started while the input is
    read, is not forked (see ``late_start_context``).
    """

    def __init__(
        self,
        func: Callable[..., Any],
        args: tuple[Any, ...],
        pipeline: Pipeline,
        workers: int,
        mp_context: str | None,
    ):
        self.func = func
        self.args = args
        self.pipeline = pipeline
        self.workers = workers
        import multiprocessing

        self.context: BaseContext = multiprocessing.get_context(mp_context)
        #: what starts the pools that replace a broken one
        self._late = LateStarts(self.context, pipeline)
        self.executor = self._start(self.context)

    def _start(self, context: BaseContext) -> ProcessPoolExecutor:
        # Imported here: a process that never scores in parallel (e.g. `quality lint`) should
        # not pay for multiprocessing at start-up.
        from concurrent.futures import ProcessPoolExecutor, wait

        forks = context.get_start_method() == "fork"
        all_started = None if forks else context.Event()
        executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.pipeline, all_started),
        )
        if all_started is None:
            # The first task starts the worker processes, here and now: forked later, they
            # would copy this process while the input thread holds a lock halfway through a
            # read, which the new process could then never take.
            executor.submit(int)
            return executor
        # Not forked, the executor starts a worker whenever a task arrives while none is
        # free, and one it is starting as another dies is left out of those it ends, then
        # waited for, for ever. So all start here: each of these tasks holds its worker
        # until the last has been submitted, so none is free before all have started.
        held: list[Future[None]] = []
        try:
            with self._late.starting(context):
                held.extend(executor.submit(_wait_for_all_workers) for _ in range(self.workers))
            all_started.set()
            wait(held)
            for started in held:
                started.result()  # a worker that died starting broke the pool
        except BaseException:  # that, or Ctrl-C
            all_started.set()
            executor.shutdown(wait=True)
            raise
        return executor

    def _submit(self, chunk: list[tuple[int, Any]]) -> Future[list[Any]]:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(_run_chunk, self.func, chunk, self.args)
        except BrokenProcessPool as broken:
            # A worker died since the last result was read: the chunk is rerun with those in
            # flight, as theirs are, when its turn comes.
            refused: Future[list[Any]] = Future()
            refused.set_exception(broken)
            return refused

    def run(self, numbered: Iterator[tuple[int, Any]], chunksize: int, limit: int) -> Iterator[Any]:
        from concurrent.futures import wait
        from concurrent.futures.process import BrokenProcessPool

        pending: deque[tuple[Future[list[Any]], list[tuple[int, Any]]]] = deque()
        feed = Feeder(numbered, capacity=limit * chunksize)
        try:
            while True:
                for chunk in feed.chunks(chunksize, limit - len(pending), in_flight=bool(pending)):
                    pending.append((self._submit(chunk), chunk))
                if not pending:
                    return  # the input is exhausted and every result passed on
                future, held = pending[0]
                if len(pending) < limit and not future.done():
                    # Room in the window, so input that arrives meanwhile is sent on.
                    wait([future], timeout=INPUT_POLL_SECONDS)
                    if not future.done():
                        continue
                try:
                    results = self._result(future)
                except BrokenProcessPool:
                    suspects = [pair for _, held in pending for pair in held]
                    pending.clear()
                    yield from self._rerun_one_by_one(suspects)
                    continue
                except Exception:
                    # The chunk could not travel to a worker or back: an input that cannot
                    # be pickled (a record holding a lock or a lambda). It is scored here
                    # instead, as with one worker, rather than ending the run.
                    pending.popleft()
                    yield from self._score_here(held)
                    continue
                pending.popleft()
                yield from results
        finally:
            feed.stop()

    def _score_here(self, chunk: list[tuple[int, Any]]) -> Iterator[Any]:
        for index, item in chunk:
            yield self.func(self.pipeline, index, item, *self.args)

    def _rerun_one_by_one(self, suspects: list[tuple[int, Any]]) -> Iterator[Any]:
        from concurrent.futures.process import BrokenProcessPool

        self._restart()
        for index, item in suspects:
            try:
                (result,) = self._result(self._submit([(index, item)]))
            except BrokenProcessPool:
                self._restart()
                # Scoring it again would kill this process too: report it instead.
                result = self.func(self.pipeline, index, Crashed(item), *self.args)
            except Exception:  # it cannot travel to a worker (see ``run``)
                (result,) = self._score_here([(index, item)])
            yield result

    def _restart(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        self.close(abort=True)
        try:
            self.executor = self._start(self._late.context())
        except BrokenProcessPool:
            if not self._late.fall_back():
                raise
            self.executor = self._start(self.context)

    def _result(self, future: Future[T]) -> T:
        """``future.result()``, or the pool's ``BrokenProcessPool`` when a worker died in a
        way its executor cannot see for itself (see ``_unstick``)."""
        from concurrent.futures import wait

        executor = self.executor
        # No worker exits while the pool runs: any that has, died.
        watch = _StuckWatch(
            lambda: _workers(executor), _result_queue(executor), lambda w: w.exitcode is not None
        )
        while not future.done():
            wait([future], timeout=_LIVENESS_POLL_SECONDS)
            if not future.done():
                watch.look()
        return future.result()

    def close(self, *, abort: bool = False) -> None:
        # On abort, chunks not yet started are dropped and those a worker has begun finish
        # (a chunk or two per worker). Ending a worker here could catch it halfway through
        # writing a result; one ended from outside (the kernel's out-of-memory killer, a
        # SIGTERM to the process group) can be, and then the executor's thread waits for
        # the rest of that message, so shutting down waits for that thread with an eye on
        # the workers rather than for ever.
        executor = self.executor
        manager: threading.Thread | None = getattr(executor, "_executor_manager_thread", None)
        # Taken before shutting down, which lets go of them.
        workers = _workers(executor)
        result_queue = _result_queue(executor)
        executor.shutdown(wait=manager is None, cancel_futures=abort)
        if manager is None:
            return
        # A worker that ended as asked exits with 0; one ended from outside does not.
        watch = _StuckWatch(lambda: workers, result_queue, lambda w: w.exitcode not in (None, 0))
        while manager.is_alive():
            manager.join(_LIVENESS_POLL_SECONDS)
            if manager.is_alive():
                watch.look()
        for worker in workers:
            worker.join()
        if result_queue is not None:
            result_queue.close()


class _StuckWatch:
    """Breaks an executor whose thread is stuck (see ``_unstick``) once one of its workers
    has lain ``dead`` for ``DEAD_WORKER_GRACE_SECONDS`` while the executor carried on."""

    def __init__(
        self,
        workers: Callable[[], list[BaseProcess]],
        result_queue: Any,
        dead: Callable[[BaseProcess], bool],
    ):
        self._workers = workers
        self._result_queue = result_queue
        self._dead = dead
        self._since: float | None = None

    def look(self) -> None:
        workers = self._workers()
        if not any(self._dead(worker) for worker in workers):
            self._since = None
            return
        now = time.monotonic()
        if self._since is None:
            self._since = now
        elif now - self._since >= DEAD_WORKER_GRACE_SECONDS:
            self._since = None
            _unstick(self._result_queue, workers)


def _workers(executor: ProcessPoolExecutor) -> list[BaseProcess]:
    """The executor's worker processes (none once it has shut down)."""
    processes: dict[int, BaseProcess] | None = getattr(executor, "_processes", None)
    while True:
        try:
            return list((processes or {}).values())
        except RuntimeError:  # the executor's thread changed them meanwhile
            continue


def _result_queue(executor: ProcessPoolExecutor) -> Any:
    """The queue the executor's workers send their results on (None once it has shut down)."""
    return getattr(executor, "_result_queue", None)


def _unstick(result_queue: Any, workers: list[BaseProcess]) -> None:
    """Break an executor whose thread waits for ever on a result that a dead worker left
    half-written in the pipe, as a worker ended from outside may. That read can end only
    when no process can write to the pipe any more: this one's end of it is closed and the
    live workers are ended. The read then fails, and the executor breaks as it does when a
    worker dies between results: its chunks fail with ``BrokenProcessPool`` and are rerun.
    """
    writer = getattr(result_queue, "_writer", None)
    if writer is not None:
        writer.close()
    for worker in workers:
        if worker.exitcode is None:
            worker.kill()


class Feeder:
    """The input, read on a thread of its own into a bounded buffer.

    Reading in the thread that passes results on would hold finished results back whenever
    the input is slow (a pipe, a feed being written): a chunk waits for all its articles to
    arrive. Read apart, whatever has arrived is sent to the workers, and results are passed
    on as they come back. The buffer holds at most ``capacity`` items, so memory stays
    bounded however far the input runs ahead.
    """

    def __init__(self, numbered: Iterator[tuple[int, Any]], capacity: int):
        self._items: deque[tuple[int, Any]] = deque()
        self._capacity = capacity
        self._changed = threading.Condition()
        self._finished = False
        self._stopped = False
        self._error: BaseException | None = None
        thread = threading.Thread(
            target=self._read, args=(numbered,), name="quality-input", daemon=True
        )
        thread.start()

    def _read(self, numbered: Iterator[tuple[int, Any]]) -> None:
        try:
            for pair in numbered:
                with self._changed:
                    while len(self._items) >= self._capacity and not self._stopped:
                        self._changed.wait()
                    if self._stopped:
                        return
                    self._items.append(pair)
                    self._changed.notify_all()
        except BaseException as exc:  # handed to the reading thread, after the items before it
            self._error = exc
        finally:
            with self._changed:
                self._finished = True
                self._changed.notify_all()

    def take(self, chunksize: int, *, wait: bool) -> list[tuple[int, Any]]:
        """Up to ``chunksize`` items that have arrived, fewer once they hold ``CHUNK_CHARS``
        characters; with ``wait``, waits for at least one. Empty: none has arrived, or
        (with ``wait``) the input is exhausted."""
        with self._changed:
            while wait and not self._items and not self._finished:
                self._changed.wait()
            chunk: list[tuple[int, Any]] = []
            chars = 0
            while self._items and len(chunk) < chunksize and chars < CHUNK_CHARS:
                pair = self._items.popleft()
                chunk.append(pair)
                chars += size_of(pair[1])
            if chunk:
                self._changed.notify_all()  # room in the buffer again
            elif self._finished and self._error is not None:
                error, self._error = self._error, None
                raise error
            return chunk

    def chunks(
        self, chunksize: int, room: int, *, in_flight: bool
    ) -> Iterator[list[tuple[int, Any]]]:
        """Up to ``room`` chunks of what has arrived. Waits for input only when nothing is
        ``in_flight``, and then only for the first chunk: the rest is what came with it."""
        wait = not in_flight
        for _ in range(room):
            chunk = self.take(chunksize, wait=wait)
            if not chunk:
                return
            yield chunk
            wait = False

    def stop(self) -> None:
        """Let the reading thread end once its current item is read."""
        with self._changed:
            self._stopped = True
            self._changed.notify_all()


def size_of(item: Any) -> int:
    """About how many characters scoring ``item`` reads."""
    if isinstance(item, JsonlRecord):
        return item.size
    if isinstance(item, FeedEntry):
        item = item.record
    if isinstance(item, Article):
        return len(item.text) + len(item.html or "")
    if isinstance(item, Mapping):
        return sum(len(v) for v in (item.get("text"), item.get("html")) if isinstance(v, str))
    if isinstance(item, (str, bytes, bytearray)):
        return len(item)
    return _UNKNOWN_SIZE


@dataclass(frozen=True, slots=True)
class Crashed:
    """An input whose scoring killed the worker process, in place of that input."""

    item: Any


@dataclass(frozen=True, slots=True)
class TimedOut:
    """An input that took longer than the time limit to score, in place of that input."""

    item: Any
    seconds: float
