"""``quality score``: score JSON Lines, feeds or article files; one JSON line out per article.

Output is written a whole line at a time and flushed, so whatever stops the run (Ctrl-C, a
closed pipe, SIGTERM) leaves valid JSON Lines behind. Exit status: 0 every article scored,
1 some inputs were error records, 2 the command could not run, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import os
import signal
import stat
import sys
import time
import zlib
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, cast

from quality.batch import (
    DEFAULT_MAX_CHARS,
    ArticleFile,
    FailedInput,
    check_timeout,
    map_ordered,
    score_item,
)
from quality.commands import (
    add_jobs_argument,
    add_rule_selection_arguments,
    flat_codes,
    workers_for,
)
from quality.errors import InputError, InvalidTextError
from quality.inputs import ARTICLE_EXTENSIONS, decode, printable_path, wide_unicode
from quality.inputs.feeds import (
    BOM_AND_BLANKS,
    NotAFeedError,
    feed_entries,
    has_feed_extension,
    looks_like_feed,
)
from quality.inputs.jsonfeed import (
    JsonFeedDocument,
    json_feed_entries,
    looks_like_json_feed,
    parsed_json_feed_entries,
    read_json_feed,
)
from quality.inputs.jsonl import BYTES_PER_CHAR, JsonlRecord, iter_records
from quality.inputs.webpage import looks_like_html

if TYPE_CHECKING:
    from quality.pipeline import Pipeline

EXIT_OK, EXIT_SOME_ERRORS, EXIT_CANNOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 130

_GZIP_MAGIC = b"\x1f\x8b"
JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


EPILOG = """\
examples:
  quality score articles.jsonl -o scored.jsonl
  quality score feed.xml pages/ --jobs 1
  curl -s https://example.org/feed.xml | quality score -

exit status: 0 every article scored; 1 some output lines are error records; 2 the command
could not run (bad option, missing input, unwritable output); 130 interrupted.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument(
        "inputs",
        nargs="*",
        default=["-"],
        metavar="INPUT",
        help="JSON Lines (.jsonl, .jsonl.gz), RSS/Atom feeds (also .gz), article files or "
        "directories; '-' is standard input (the default)",
    )
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="write the JSON Lines to FILE (default: -, standard output)",
    )
    add_jobs_argument(parser, default=0, scored="the articles")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="longest time one article may take to score (e.g. 30 or 2.5); an article that "
        "takes longer gets a Timeout error line and the worker scoring it is stopped "
        "(default: no limit; with a limit, --jobs 1 scores in one worker process)",
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"longest article text or HTML scored, in characters (default: {DEFAULT_MAX_CHARS:,})",
    )
    add_pipeline_arguments(parser)
    parser.add_argument(
        "--include-text",
        action="store_true",
        help="add each article's text to its output line (lets 'quality sources' find "
        "boilerplate and near-duplicates without scoring again)",
    )


def add_pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that choose how articles are scored, shared by the batch commands."""
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="scorer weights and grade bands to score with (a file from 'quality train'; "
        "default: the package's)",
    )
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="also score with the rules in PATH, a folder of rule files (*.toml) or one file, "
        "beside the shipped rules (repeatable)",
    )
    add_rule_selection_arguments(
        parser,
        select="score with only these rules (codes or prefixes, comma-separated; repeatable)",
        extend_select="score with these rules as well, such as the opt-in PRD "
        "(predictability, needs quality[lm])",
        ignore="leave these rules out; a scorer with none left is not run and costs nothing "
        "(--ignore DAT: articles without dates lose no points)",
    )


def pipeline_from(args: argparse.Namespace) -> Pipeline:
    """The pipeline ``--weights``, ``--rules``, ``--select``, ``--ignore`` and
    ``--extend-select`` ask for, checked before any work starts."""
    from quality.pipeline import Pipeline, default_pipeline
    from quality.ruleset import shipped_and

    if args.weights is not None and not args.weights.strip():
        raise InputError("--weights needs a file name, got an empty one")
    if any(not place.strip() for place in args.rules):
        raise InputError("--rules needs a folder or file name, got an empty one")
    select = None if args.select is None else flat_codes(args.select)
    ignore, extend_select = flat_codes(args.ignore), flat_codes(args.extend_select)
    if args.weights is None and not args.rules and select is None and not ignore + extend_select:
        return default_pipeline()
    return Pipeline(
        weights=args.weights,
        rules=shipped_and(args.rules) if args.rules else None,
        select=select,
        ignore=ignore,
        extend_select=extend_select,
    )


def _seconds(value: str) -> float:
    """``--timeout``'s value: a positive number of seconds."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of seconds such as 30 or 2.5, got {value!r}"
        ) from None
    try:
        check_timeout(seconds)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a finite number of seconds above 0, got {value!r} "
            "(leave --timeout out for no limit)"
        ) from None
    return seconds


# --------------------------------------------------------------------------- inputs


#: A file as the system knows it, whatever its name: (device, inode).
FileIdentity = tuple[int, int]


def check_inputs(paths: list[str], output: str = "-") -> None:
    """Fail before any output when an input does not exist or is the output file itself:
    opening the output would empty it before it is read, and standard output appended to
    an input (``>> input.jsonl``) would be read back as it is written, without end. That
    includes standard input redirected from the output file (``-o f.jsonl < f.jsonl``)."""
    if not output:
        raise InputError("--output needs a file name, got an empty one")
    target = output_identity(output)
    written = "the output" if output != "-" else "the file standard output is redirected to"
    for raw in paths:
        if raw == "-":
            if sys.stdin is None:
                raise InputError("standard input is closed; name the input files")
            if target is not None and _stream_identity(sys.stdin) == target:
                raise InputError(f"standard input is read from {written}; write elsewhere")
            continue
        if not raw:
            # Path("") is the current directory: an unset shell variable ("$FILE") would
            # score whatever is there.
            raise InputError("an input name is empty; name a file, a directory or '-'")
        if not Path(raw).exists():
            raise InputError(f"{raw}: no such file or directory")
        if target is not None and _identity(raw) == target:
            raise InputError(f"{raw}: is both an input and {written}; write elsewhere")


def output_identity(output: str) -> FileIdentity | None:
    """The file ``output`` names (``-``: the file standard output is redirected to, if any),
    when it exists."""
    return _stream_identity(sys.stdout) if output == "-" else _identity(output)


def _identity(path: str | Path) -> FileIdentity | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # no such file yet, or a name no file can have
        return None
    return status.st_dev, status.st_ino


def _stream_identity(stream: Any) -> FileIdentity | None:
    """The file behind a standard stream when it is redirected to a regular file; None for
    a terminal, a pipe, a device such as /dev/null, or a closed or replaced stream."""
    try:
        status = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def same_file(path: str, other: str) -> bool:
    """Whether two paths name one file: the same path spelled differently, or a hard link;
    false when either does not exist (yet)."""
    identity = _identity(path)
    return identity is not None and identity == _identity(other)


def iter_inputs(paths: list[str], *, max_chars: int, exclude: Path | None = None) -> Iterator[Any]:
    """Every article of every input, in order, as items ``quality.batch`` can score.

    ``exclude`` is the output file (without it, the file standard output is redirected to,
    if any): found in an input directory, under any name, it would be read while being
    written, without end.
    """
    max_line_bytes = max_chars * BYTES_PER_CHAR
    skip = _identity(exclude) if exclude is not None else _stream_identity(sys.stdout)
    for raw in paths:
        if raw == "-":
            with _standard_input() as stream:
                yield from _iter_opened(stream, "<stdin>", None, max_line_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in _files_under(path):
                if _kind(child) is not None and (skip is None or _identity(child) != skip):
                    yield from _iter_path(child, max_line_bytes)
        else:
            yield from _iter_path(path, max_line_bytes)


def _standard_input() -> contextlib.AbstractContextManager[IO[bytes]]:
    """Standard input as a file object of its own.

    Input is read on a thread of its own while worker processes may be forked, and a
    forked process closes ``sys.stdin``: had that thread been blocked reading through it,
    holding its lock, the new process would wait for the lock for ever.
    """
    try:
        return open(sys.stdin.fileno(), "rb", closefd=False)
    except (AttributeError, OSError, ValueError):  # replaced by one without a descriptor
        return contextlib.nullcontext(sys.stdin.buffer)


def _files_under(directory: Path) -> list[Path]:
    """Every file under ``directory``, sorted by path, skipping the folders ``quality lint``
    never walks (version control, environments, ``node_modules``, caches)."""
    from quality.lint.discovery import DEFAULT_EXCLUDE

    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(directory):
        dirnames[:] = [name for name in dirnames if name not in DEFAULT_EXCLUDE]
        found.extend(Path(folder, name) for name in filenames)
    return sorted(found)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_EXTENSIONS):
        return "jsonl"
    if has_feed_extension(name):
        return "feed"
    if name.endswith(ARTICLE_EXTENSIONS):
        return "article"
    return None


def _iter_path(path: Path, max_line_bytes: int) -> Iterator[Any]:
    kind = _kind(path)
    # Named in output lines as an article file is: bytes of the name that are not UTF-8
    # as \xe9-style escapes.
    source = printable_path(str(path))
    if kind == "article":
        feed = _json_feed_file(path)
        if not feed.is_feed:
            yield ArticleFile(str(path))
            return
        if feed.document is not None:  # read whole and parsed to tell
            yield from parsed_json_feed_entries(feed.document, source)
            return
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        stream = cast(IO[bytes], opener(path, "rb"))
    except OSError as exc:
        yield _unreadable(source, exc)
        return
    with stream:
        yield from _iter_opened(stream, source, kind, max_line_bytes)


def _opens_a_document(head: bytes) -> bool:
    """Whether input starts with a line holding only "{": a JSON document over several
    lines, as JSON is pretty-printed, which no line of JSON Lines can be."""
    first_line = head.lstrip(BOM_AND_BLANKS).partition(b"\n")[0]
    return first_line.strip() == b"{"


def _json_feed_file(path: Path) -> JsonFeedDocument:
    """Whether a ``.json`` file is a JSON Feed, many articles, rather than one article. A
    feed whose keys are sorted (``jq -S``) names its version after all its items, so a file
    that does not show it at the start is read whole to tell (an article file is small), and
    what it parsed to is kept."""
    not_a_feed = JsonFeedDocument(False, None)
    if not path.name.lower().endswith(".json"):
        return not_a_feed
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
            if looks_like_json_feed(head):
                return JsonFeedDocument(True, None)
            if not head.lstrip(BOM_AND_BLANKS).startswith(b"{"):
                return not_a_feed
            return read_json_feed(head + file.read())
    except OSError:
        return not_a_feed  # reported when the file is read as an article


def _iter_opened(
    stream: IO[bytes], source: str, kind: str | None, max_line_bytes: int
) -> Iterator[Any]:
    """The articles of an open input: a feed, else whatever ``_iter_stream`` finds in it.
    gzip data is read through gzip whatever the input's name: a feed saved compressed as
    ``feed.xml``, or `curl` output of a compressed response on standard input, would
    otherwise be an error line per line of binary."""
    try:
        peek = getattr(stream, "peek", None)
        if peek is not None and peek(len(_GZIP_MAGIC)).startswith(_GZIP_MAGIC):
            stream = cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
        if kind == "feed":
            yield from _iter_feed(stream, source)
        else:
            yield from _iter_stream(stream, source, max_line_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        # zlib.error: gzip data that is corrupt, not merely cut short.
        yield _unreadable(source, exc)


def _unreadable(source: str, exc: Exception) -> FailedInput:
    reason = getattr(exc, "strerror", None) or str(exc)
    return FailedInput(source, "UnreadableFile", f"{source}: cannot read: {reason}")


def _iter_stream(stream: IO[bytes], source: str, max_line_bytes: int) -> Iterator[Any]:
    peek = getattr(stream, "peek", None)
    head = peek(4096)[:4096] if peek is not None else b""
    # JSON Lines never start with markup. Deciding on the first byte, not on finding the
    # root tag, keeps a feed a feed when a pipe delivers only its prologue at first or the
    # prologue is longer than what can be looked at without reading; markup that is no
    # feed gets one clear InvalidFeed line instead of an InvalidJSON line per line.
    if head and (looks_like_feed(head) or head.lstrip(BOM_AND_BLANKS).startswith(b"<")):
        yield from _iter_feed(stream, source)
        return
    if looks_like_json_feed(head):
        # One JSON document, read whole: JSON Feeds are a page of recent items, not archives.
        yield from json_feed_entries(stream.read(), source)
        return
    if _opens_a_document(head):
        # A JSON object written over several lines is no JSON Lines; it may be a JSON Feed
        # whose version comes after its items. Either way it is read whole to tell.
        data = stream.read()
        found = read_json_feed(data)
        if found.is_feed:
            yield from _feed_found(data, source, found)
            return
        stream = io.BytesIO(data)
    # Every line of UTF-16 or UTF-32 JSON Lines (what Windows PowerShell writes with ">")
    # would be a puzzling InvalidJSON error, so the file gets one error instead; a stray NUL
    # in UTF-8 text stays an error of its line alone, like any other bad line.
    problem = wide_unicode(head)
    if problem is not None:
        yield FailedInput(source, "UnreadableFile", f"{source}: {problem}")
        return
    records = iter_records(stream, source, max_line_bytes=max_line_bytes)
    first = next(records, None)
    if first is None:
        return
    found = _json_feed_line(first)
    if found.is_feed:
        second = next(records, None)
        if second is None:
            # A minified JSON Feed, one line, whose version comes after the part looked at
            # first (its keys sorted): the whole input is that feed.
            assert first.data is not None
            yield from _feed_found(first.data, source, found)
            return
        yield from (first, second)
    else:
        yield first
    yield from records


def _feed_found(data: bytes, source: str, found: JsonFeedDocument) -> Iterator[Any]:
    """The entries of a JSON Feed read whole, parsed once: a broken one is parsed again
    only to report its error."""
    if found.document is None:
        return json_feed_entries(data, source)
    return parsed_json_feed_entries(found.document, source)


def _json_feed_line(record: JsonlRecord) -> JsonFeedDocument:
    """Whether the first line of an input is a whole JSON Feed, and what it parsed to."""
    if record.line != 1 or record.data is None:
        return JsonFeedDocument(False, None)
    return read_json_feed(record.data)


#: How much of markup that is not a feed is looked at to tell whether it is a web page.
_PAGE_SNIFF_BYTES = 8192


def _iter_feed(data: IO[bytes], source: str) -> Iterator[Any]:
    """The entries of a feed, from a file or pipe read as it goes (so that a long feed is
    neither held whole nor waited for)."""
    try:
        yield from feed_entries(data, source)
    except NotAFeedError as exc:
        # Markup that is no feed but a web page (`curl -s URL | quality score -`) is one
        # article, as a page file is.
        if looks_like_html(exc.data[:_PAGE_SNIFF_BYTES].decode("utf-8", "replace")):
            yield _page_record(exc.data, source)
        else:
            yield FailedInput(source, "InvalidFeed", str(exc))


def _page_record(data: bytes, source: str) -> dict[str, str] | FailedInput:
    """A web page read from a stream as one article record, its source as its id."""
    try:
        return {"id": source, "html": decode(data, name=source)}
    except InvalidTextError as exc:
        return FailedInput(source, "InvalidUTF8", str(exc))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class OutputLine:
    """One finished output line plus what the summary needs, built in the worker process so
    the writing process only writes."""

    data: bytes
    score: float | None
    grade: str | None


def score_to_line(
    pipeline: Any, index: int, item: Any, max_chars: int, include_text: bool
) -> OutputLine:
    result = score_item(pipeline, index, item, max_chars, keep_html=False)
    data = result.to_json_line(include_text=include_text)
    if result.report is None:
        return OutputLine(data, None, None)
    return OutputLine(data, result.report.score, result.report.grade)


@dataclass
class Summary:
    articles: int = 0
    errors: int = 0
    # A running sum, not a list: memory must not grow with the number of articles.
    score_total: float = 0.0
    grades: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, line: OutputLine) -> None:
        self.articles += 1
        if line.score is None:
            self.errors += 1
        else:
            self.score_total += line.score
            self.grades[line.grade or "?"] += 1

    def render(
        self, *, interrupted: bool = False, output_closed: bool = False, output_failed: bool = False
    ) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.articles / elapsed if elapsed > 0 else 0.0
        scored = self.articles - self.errors
        mean = f"{self.score_total / scored:.1f}" if scored else "n/a"
        grades = " ".join(f"{g}:{n}" for g, n in sorted(self.grades.items())) or "none"
        state = (
            "interrupted after"
            if interrupted
            else "output closed by its reader after"
            if output_closed
            else "stopped, the output could not be written, after"
            if output_failed
            else "done:"
        )
        return (
            f"quality score: {state} {count_of(self.articles, 'article')} ({scored} scored, "
            f"{count_of(self.errors, 'error')}) in {elapsed:.1f}s, {rate:.0f}/s; "
            f"mean score {mean}; grades {grades}"
        )


def count_of(n: int, noun: str) -> str:
    """ "1 error", "2 errors"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


class _StopRequest:
    """SIGINT/SIGTERM: stop at once, except while a line is being written, which finishes
    first (so the output never ends in half a line)."""

    def __init__(self) -> None:
        self.writing = False
        self.requested = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
        if not self.writing:
            raise KeyboardInterrupt


class _OutputFailed(Exception):
    """The output took no more (a full disk, a quota, a lost network drive)."""


def _write_line(output: IO[bytes], data: bytes) -> None:
    """Write one whole line and flush it, so that whatever stops the run leaves whole lines."""
    try:
        output.write(data)
        output.flush()
    except BrokenPipeError:
        raise  # the reader went away: not a failure, see ``run``
    except OSError as exc:
        raise _OutputFailed(exc.strerror or str(exc)) from None


def _open_output(target: str) -> IO[bytes]:
    if target == "-":
        if sys.stdout is None:
            raise InputError("standard output is closed; give --output FILE")
        return sys.stdout.buffer
    try:
        return open(target, "wb")
    except OSError as exc:
        raise InputError(f"{target}: cannot write output: {exc.strerror or exc}") from None


def _progress(total_bytes: int | None) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns: list[Any] = [
        TextColumn("[progress.description]{task.description}"),
        TextColumn("{task.fields[articles]} articles"),
        TextColumn("{task.fields[rate]:.0f}/s"),
        TimeElapsedColumn(),
    ]
    if total_bytes:
        columns[1:1] = [BarColumn()]
        columns.append(TimeRemainingColumn())
    return Progress(*columns, console=Console(stderr=True), transient=True)


def run(args: argparse.Namespace) -> int:
    if args.max_chars < 1:
        raise InputError("--max-chars must be at least 1")
    check_inputs(args.inputs, args.output)
    workers = workers_for(args.jobs)
    # The weights and rule files are read and checked here, before any output is opened.
    pipeline = pipeline_from(args)
    output = _open_output(args.output)
    sizes: deque[int] = deque()

    def items() -> Iterator[Any]:
        exclude = None if args.output == "-" else Path(args.output)
        for item in iter_inputs(args.inputs, max_chars=args.max_chars, exclude=exclude):
            sizes.append(item.size if isinstance(item, JsonlRecord) else 0)
            yield item

    total_bytes = _total_jsonl_bytes(args.inputs)
    summary = Summary()
    stop = _StopRequest()
    stop.install()
    progress = _progress(total_bytes) if sys.stderr.isatty() else None
    interrupted = output_closed = False
    output_failure: str | None = None
    lines = map_ordered(
        score_to_line,
        items(),
        pipeline=pipeline,
        args=(args.max_chars, args.include_text),
        workers=workers,
        timeout=args.timeout,
    )
    try:
        if progress is not None:
            progress.start()
            task = progress.add_task("scoring", total=total_bytes, articles=0, rate=0.0)
        for line in lines:
            stop.writing = True
            _write_line(output, line.data)
            stop.writing = False
            summary.add(line)
            done = sizes.popleft() if sizes else 0
            if progress is not None:
                elapsed = time.perf_counter() - summary.started
                progress.update(
                    task,
                    advance=done,
                    articles=summary.articles,
                    rate=summary.articles / elapsed if elapsed else 0.0,
                )
            if stop.requested:
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        interrupted = True
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): nothing more can be written; stop quietly.
        silence_stdout()
        output_closed = True
    except _OutputFailed as exc:
        output_failure = str(exc)
        if output is sys.stdout.buffer:
            silence_stdout()  # or the final flush at exit fails again, with a traceback
    finally:
        stop.writing = True  # a second Ctrl-C now must not cut the cleanup short
        lines.close()
        if progress is not None:
            progress.stop()
        if output is not sys.stdout.buffer:
            try:
                output.close()
            except OSError as exc:  # what is still buffered cannot be written either
                output_failure = output_failure or exc.strerror or str(exc)
        stop.restore()
    print(
        summary.render(
            interrupted=interrupted,
            output_closed=output_closed,
            output_failed=output_failure is not None,
        ),
        file=sys.stderr,
    )
    if output_failure is not None:
        name = "standard output" if args.output == "-" else args.output
        raise InputError(f"{name}: cannot write output: {output_failure}")
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_SOME_ERRORS if summary.errors else EXIT_OK


def _total_jsonl_bytes(paths: list[str]) -> int | None:
    """Total bytes of the inputs when they are all plain JSON Lines files (for the ETA)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.is_file() or _kind(path) != "jsonl" or raw.endswith(".gz"):
            return None
        try:
            with path.open("rb") as stream:
                if stream.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC:
                    return None  # compressed whatever its name: its size is not the lines'
        except OSError:
            return None
        total += path.stat().st_size
    return total or None


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
