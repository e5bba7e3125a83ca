"""Scoring many articles: in input order, in bounded memory, on every core, never stopping
for one bad article.

``score_many`` yields exactly one ``BatchResult`` per input, in input order: a report, or an
error naming the input (its id, position and line) and what was wrong with it. With
``workers > 1`` the articles are scored in worker processes; each worker builds (or receives)
the pipeline once, when it starts, so rules are compiled once per worker and only the articles
themselves travel between processes. At most ``workers * window`` chunks are in flight at any
time, so memory stays flat however long the input is.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
from collections.abc import Callable, Generator, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from quality.article import Article
from quality.errors import (
    ArticleTooLargeError,
    EmptyPageError,
    InputError,
    InvalidTextError,
    QualityError,
    ScorerError,
)
from quality.inputs import DEFAULT_MAX_CHARS, check_length
from quality.inputs.feeds import FeedEntry
from quality.inputs.jsonl import (
    JsonlRecord,
    JSONProblem,
    LineError,
    json_type,
    parse_line,
    read_json,
)
from quality.pool import Crashed, OrderedPool, TimedOut
from quality.report import Report, ScorerSummary

if TYPE_CHECKING:
    from quality.pipeline import Pipeline
    from quality.timed_pool import TimedPool


#: Articles sent to a worker in one go: large enough that the pool's cost per message (about
#: 0.3 ms of the parent's time: futures, queues and thread hand-offs) is small per article.
#: Not larger: a chunk's reports (about 2.5 kB an article) must fit the 64 kB a pipe holds,
#: since messages read in several pieces fragment the parent's memory, which then grows with
#: the input (1 MB per 25,000 articles with chunks of 32 or 64, flat with 16).
DEFAULT_CHUNKSIZE = 16

#: Chunks in flight per worker: enough to keep every worker busy, few enough that memory
#: does not grow with the input.
DEFAULT_WINDOW = 4

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BatchError:
    """What was wrong with one input. ``type`` is one of the kinds in ``docs/batch.md``
    (``InvalidJSON``, ``MissingText``, ``EmptyArticle``, ``ArticleTooLarge``...)."""

    type: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


@dataclass(slots=True)
class BatchResult:
    """The outcome for one input: ``report`` when it was scored, ``error`` when it was not.

    ``index`` is the 0-based position in the input; ``line`` the 1-based line for JSON Lines
    input; ``source`` the file it came from, when known.
    """

    index: int
    id: str | None
    report: Report | None = None
    error: BatchError | None = None
    line: int | None = None
    source: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The record ``quality score`` writes for this input (see ``docs/batch.md``)."""
        if self.report is None:
            error = self.error or BatchError("Unknown", "no report")
            data: dict[str, Any] = {"id": self.id, "line": self.line, "error": error.to_dict()}
            if self.source is not None:
                data["source"] = self.source
            return data
        return report_record(self.report, self.id, include_text=include_text)

    def to_json_line(self, *, include_text: bool = False) -> bytes:
        """``to_dict()`` as one line of JSON Lines, UTF-8, newline included."""
        return json_line(self.to_dict(include_text=include_text))


def json_line(data: Any) -> bytes:
    """``data`` as one compact line of JSON, UTF-8 encoded, newline included."""
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # A string that is not Unicode text (a file name with bytes that are not UTF-8, an id
        # sent as a JSON "\ud800" escape) cannot be written as UTF-8: escape it instead.
        return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def report_record(report: Report, id: str | None, *, include_text: bool = False) -> dict[str, Any]:
    """A report in the compact shape of one ``quality score`` output line."""
    data: dict[str, Any] = {
        "id": id,
        "score": report.score,
        "grade": report.grade,
        "scorers": {sid: _scorer_record(s) for sid, s in report.scorers.items()},
        "findings": [finding.to_dict() for finding in report.findings],
        "article": report.article.metadata(),
    }
    if include_text:
        data["text"] = report.article.text
    return data


def _scorer_record(summary: ScorerSummary) -> dict[str, Any]:
    """One scorer's entry of an output line. ``notes`` (what cost points that no finding
    shows) is there only when the scorer has some, as most scorers of most articles have
    none: lines stay short, and lines written before notes existed read the same."""
    entry: dict[str, Any] = {
        "score": None if summary.score is None else round(summary.score, 4),
        "weight": summary.weight,
        "contribution": summary.rounded_contribution,
    }
    if summary.notes:
        entry["notes"] = list(summary.notes)
    return entry


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """An article file (text, Markdown, HTML or one JSON object), read where it is scored."""

    path: str

    @property
    def name(self) -> str:
        """The path as Unicode text, for ids and messages (see ``printable_path``)."""
        from quality.inputs import printable_path

        return printable_path(self.path)


@dataclass(frozen=True, slots=True)
class FailedInput:
    """An input that failed before it became an article (e.g. an unreadable feed), kept in
    the stream so that it gets its error record in its place."""

    source: str
    kind: str
    message: str
    #: the 1-based line of the input where it starts, when known (a feed entry's)
    line: int | None = None
    #: the id the input gives itself, when it has one (a feed item's)
    id: str | None = None


# --------------------------------------------------------------------------- one article


def score_item(
    pipeline: Pipeline,
    index: int,
    item: Any,
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_html: bool = True,
) -> BatchResult:
    """Score one input of any accepted kind; every failure becomes an error result.

    ``keep_html=False`` drops the page's HTML from the report's article: it can be megabytes,
    and a worker would otherwise copy it back to the parent for nothing.
    """
    item_id, line, source = _identity(item)
    result = BatchResult(index=index, id=item_id, line=line, source=source)
    try:
        if isinstance(item, JsonlRecord):
            # Parsed here rather than in _load so that an error further on can name the id.
            item = parse_line(item)
            result.id = _record_id(item)
        article, article_id = _load(item, max_chars)
        if article_id is not None:
            result.id = article_id
        report = pipeline.score_article(article)
        if not keep_html and report.article.html is not None:
            report = dataclasses.replace(
                report, article=dataclasses.replace(report.article, html=None)
            )
        result.report = report
    except LineError as exc:
        result.error = BatchError(exc.kind, str(exc))
    except _Rejected as exc:
        result.error = BatchError(exc.kind, str(exc))
    except ArticleTooLargeError as exc:
        result.error = BatchError("ArticleTooLarge", exc.problem)
    except ScorerError as exc:
        result.error = BatchError("ScorerError", str(exc))
    except InvalidTextError as exc:
        result.error = BatchError("InvalidUTF8", str(exc))
    except EmptyPageError as exc:
        result.error = BatchError("EmptyArticle", str(exc))
    except InputError as exc:
        result.error = BatchError("InvalidArticle", str(exc))
    except QualityError as exc:
        result.error = BatchError(type(exc).__name__, str(exc))
    except Exception as exc:  # one article must never stop the others, whatever it triggers
        result.error = BatchError(type(exc).__name__, f"unexpected failure: {exc}")
    return result


class _Rejected(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _identity(item: Any) -> tuple[str | None, int | None, str | None]:
    if isinstance(item, (Crashed, TimedOut)):
        item_id, line, source = _identity(item.item)
        if isinstance(item.item, JsonlRecord):
            # The line never reached an article in a worker: read here for its id alone.
            with contextlib.suppress(LineError):
                item_id = _record_id(parse_line(item.item))
        return item_id, line, source
    if isinstance(item, JsonlRecord):
        return None, item.line, item.source
    if isinstance(item, FeedEntry):
        return _record_id(item.record), item.line, item.source
    if isinstance(item, ArticleFile):
        return item.name, None, item.name
    if isinstance(item, FailedInput):
        return item.id, item.line, item.source
    if isinstance(item, Mapping):
        return _record_id(item), None, None
    if isinstance(item, Article):
        return item.id, None, None
    return None, None, None


def _record_id(record: Mapping[str, Any]) -> str | None:
    value = record.get("id")
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, int, float)):
        try:
            return str(value)
        except ValueError:  # an integer too long for Python to write out (4,300 digits)
            return None
    return None


def _load(item: Any, max_chars: int) -> tuple[Article, str | None]:
    from quality.inputs import decode, load_article

    if isinstance(item, Crashed):
        raise _Rejected(
            "WorkerCrashed",
            "the worker process scoring this article died (a crash or out of memory)",
        )
    if isinstance(item, TimedOut):
        raise _Rejected(
            "Timeout",
            f"scoring this article took longer than the time limit of {item.seconds:g} "
            f"second{'' if item.seconds == 1 else 's'}; the worker process scoring it was "
            "stopped",
        )
    if isinstance(item, FailedInput):
        raise _Rejected(item.kind, item.message)
    if isinstance(item, ArticleFile):
        return _load_file(item, max_chars), item.name
    if isinstance(item, FeedEntry):
        return _load_mapping(item.record, max_chars), _record_id(item.record)
    if isinstance(item, Mapping):
        return _load_mapping(item, max_chars), _record_id(item)
    if isinstance(item, Article):
        check_length("text", item.text, max_chars)
        _check_not_empty(item)
        return item, item.id
    if isinstance(item, (str, bytes, bytearray)):
        text = item if isinstance(item, str) else decode(bytes(item), name="input")
        article = load_article(text, max_chars=max_chars)
        _check_not_empty(article)
        return article, None
    raise _Rejected(
        "WrongType",
        "an input must be a record (dict), a string, bytes or an Article, got "
        f"{type(item).__name__}",
    )


def _load_mapping(record: Mapping[str, Any], max_chars: int) -> Article:
    from quality.inputs import load_article

    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        from quality.inputs.jsonfeed import FEED_NOT_ARTICLE, is_json_feed

        reason = f": {FEED_NOT_ARTICLE}" if is_json_feed(record) else ""
        raise _Rejected("MissingText", f"record has neither 'text' nor 'html'{reason}")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise _Rejected("WrongType", f"'{name}' must be a string, got {json_type(value)}")
    article = load_article(record, max_chars=max_chars)
    _check_not_empty(article)
    return article


def _load_file(item: ArticleFile, max_chars: int) -> Article:
    from quality.inputs import decode, format_for_path, load_article, refuse_binary

    path = Path(item.path)
    try:
        size = path.stat().st_size
        if size > max_chars * 4:
            raise _Rejected("ArticleTooLarge", f"file is {size:,} bytes, over the limit")
        data = path.read_bytes()
    except OSError as exc:
        raise _Rejected("UnreadableFile", f"cannot read file: {exc.strerror or exc}") from None
    try:
        refuse_binary(data)
    except InputError as exc:
        raise _Rejected("UnreadableFile", str(exc)) from None
    text = decode(data, name="file")
    if path.suffix.lower() == ".json":
        check_length("text", text, max_chars)  # before the JSON is parsed
        try:
            record = read_json(text)
        except JSONProblem as exc:
            raise _Rejected("InvalidJSON", f"file is not valid JSON: {exc}") from None
        if not isinstance(record, dict):
            raise _Rejected("NotAnObject", "file does not hold a JSON object")
        record.setdefault("id", item.name)
        return _load_mapping(record, max_chars)
    article = load_article(text, format=format_for_path(item.path), max_chars=max_chars)
    article = article.with_fields(id=item.name) if article.id is None else article
    _check_not_empty(article)
    return article


def _check_not_empty(article: Article) -> None:
    # Scoring an empty article would give a meaningless perfect or failing grade.
    if not article.text.strip():
        where = " after HTML extraction" if article.source_format == "html" else ""
        raise _Rejected("EmptyArticle", f"article text is empty{where}")


# --------------------------------------------------------------------------- many articles


def score_many(
    pipeline: Pipeline,
    items: Iterable[Any],
    *,
    workers: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int = DEFAULT_WINDOW,
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_html: bool = False,
    mp_context: str | None = None,
    timeout: float | None = None,
) -> Generator[BatchResult, None, None]:
    """One ``BatchResult`` per item of ``items``, in order, as they are ready.

    Items may be records (dicts with ``text`` or ``html`` and metadata), strings, Articles,
    ``JsonlRecord`` lines or ``ArticleFile`` paths. ``workers`` > 1 scores in that many
    processes (0 or less: one per core). Reports leave out the article's raw HTML unless
    ``keep_html`` is true (the text extracted from it is always there).

    ``timeout`` (seconds, default none) limits the time one article may take: an article
    over it is a ``Timeout`` error and the worker process scoring it is stopped. A limit
    needs worker processes, so with it even ``workers=1`` scores in one worker process.
    """
    yield from map_ordered(
        score_item,
        items,
        pipeline=pipeline,
        args=(max_chars, keep_html),
        workers=workers,
        chunksize=chunksize,
        window=window,
        mp_context=mp_context,
        timeout=timeout,
    )


def check_timeout(timeout: object) -> float | None:
    """``timeout`` as a time limit in seconds (None: no limit); anything else but a positive,
    finite number of seconds is a ``ValueError`` saying so."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise ValueError(
            f"the time limit must be a number of seconds, got {type(timeout).__name__}"
        )
    seconds = float(timeout)
    if not math.isfinite(seconds) or seconds <= 0:
        # inf is refused rather than read as no limit: None says that unambiguously.
        raise ValueError(
            f"the time limit must be a positive number of seconds, got {timeout!r}"
            + (" (use None for no limit)" if seconds == math.inf else "")
        )
    return seconds


def resolve_workers(workers: int | None) -> int:
    """The number of worker processes ``workers`` asks for: 0 or less (or None), one per
    core this process may run on."""
    if workers is None or workers <= 0:
        return available_cores()
    return workers


def available_cores() -> int:
    """The cores this process may run on: fewer than the machine has when it is pinned to
    some (``taskset``, a container's cpuset), where ``os.cpu_count()`` counts them all."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on every platform
        return max(1, os.cpu_count() or 1)


def map_ordered(
    func: Callable[..., T],
    items: Iterable[Any],
    *,
    pipeline: Pipeline,
    args: tuple[Any, ...] = (),
    workers: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int = DEFAULT_WINDOW,
    mp_context: str | None = None,
    timeout: float | None = None,
) -> Generator[T, None, None]:
    """``func(pipeline, index, item, *args)`` for every item, in input order.

    ``func`` must be a module-level function and must not raise (it turns failures into
    results). With one worker and no ``timeout`` it runs here, in this process. With a
    ``timeout`` (seconds per item) it always runs in worker processes, since only a process
    can be stopped whatever it is doing; an item over the limit gets
    ``func(pipeline, index, TimedOut(item, timeout), *args)`` in its place.
    """
    workers = resolve_workers(workers)
    if chunksize < 1 or window < 1:
        raise ValueError("chunksize and window must be at least 1")
    seconds = check_timeout(timeout)
    numbered = enumerate(items)
    if workers == 1 and seconds is None:
        for index, item in numbered:
            yield func(pipeline, index, item, *args)
        return
    runner: OrderedPool | TimedPool
    if seconds is None:
        runner = OrderedPool(func, args, pipeline, workers, mp_context)
    else:
        from quality.timed_pool import TimedPool

        runner = TimedPool(func, args, pipeline, workers, mp_context, seconds)
    finished = False
    try:
        yield from runner.run(numbered, chunksize, workers * window)
        finished = True
    finally:
        runner.close(abort=not finished)
