"""``quality sources``: per-source statistics, site boilerplate and near-duplicate articles.

Input is either articles (any input ``quality score`` reads; they are scored here) or the
output of ``quality score``. Boilerplate and near-duplicates need the articles' text, which
scored output carries only when written with ``quality score --include-text``; without it,
only the statistics are reported.

Exit status: 0 every record was used, 1 some records could not be used (each is named on
standard error; the report covers the rest), 2 the command could not run, as for
``quality score``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from quality.batch import (
    BatchError,
    BatchResult,
    map_ordered,
    score_item,
)
from quality.commands import add_color_argument, add_jobs_argument, use_color, workers_for
from quality.commands.score import (
    EXIT_OK,
    EXIT_SOME_ERRORS,
    add_pipeline_arguments,
    check_inputs,
    count_of,
    iter_inputs,
    pipeline_from,
    silence_stdout,
)
from quality.errors import InputError
from quality.inputs.jsonl import JsonlRecord, LineError, parse_line
from quality.sources import (
    SourceStats,
    find_boilerplate,
    find_near_duplicates,
    summarise_sources,
)
from quality.sources.boilerplate import normalise_line
from quality.sources.duplicates import DEFAULT_SHINGLE, DEFAULT_THRESHOLD
from quality.sources.grouping import is_error_record, record_source, score_problem

if TYPE_CHECKING:
    from quality.pipeline import Pipeline

FORMATS = ("table", "json", "csv")


EPILOG = """\
examples:
  quality sources articles.jsonl
  quality score feed.xml --include-text -o scored.jsonl
  quality sources scored.jsonl --format csv -o sources.csv

exit status: 0 every record used; 1 some records could not be used (each is named on
standard error); 2 the command could not run (bad option, missing input, unwritable
output); 130 interrupted.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument(
        "inputs",
        nargs="*",
        default=["-"],
        metavar="INPUT",
        help="articles (JSON Lines, feeds, files, directories) or 'quality score' output; "
        "'-' is standard input (the default)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="write the report to FILE (default: -, standard output)",
    )
    add_jobs_argument(parser, default=0, scored="the articles that need scoring")
    add_pipeline_arguments(parser)
    duplicates = parser.add_argument_group("boilerplate and near-duplicates")
    duplicates.add_argument(
        "--min-share",
        type=float,
        default=0.5,
        metavar="F",
        help="a line is boilerplate when at least this share of a source's articles has it "
        "(default: 0.5)",
    )
    duplicates.add_argument(
        "--min-articles",
        type=int,
        default=3,
        metavar="N",
        help="...and at least this many articles (default: 3)",
    )
    duplicates.add_argument(
        "--similarity",
        type=float,
        default=DEFAULT_THRESHOLD,
        metavar="J",
        help="Jaccard similarity of word shingles for near-duplicates "
        f"(default: {DEFAULT_THRESHOLD})",
    )
    duplicates.add_argument(
        "--shingle",
        type=int,
        default=DEFAULT_SHINGLE,
        metavar="W",
        help=f"words per shingle (default: {DEFAULT_SHINGLE})",
    )
    add_color_argument(parser)


@dataclass
class SourcesReport:
    """Everything ``quality sources`` reports; ``to_dict`` is the JSON output."""

    stats: list[SourceStats]
    records: list[dict[str, Any]]
    errors: int
    text_available: bool
    boilerplate: list[list[Any]] = field(default_factory=list)
    clusters: list[list[int]] = field(default_factory=list)

    def passages(self) -> dict[str, list[dict[str, Any]]]:
        """Per source, its distinct boilerplate passages and how many articles carry each."""
        found: dict[str, dict[str, dict[str, Any]]] = {}
        for record, spans in zip(self.records, self.boilerplate, strict=True):
            for span in spans:
                # The key boilerplate was found by: "12 Comments" and "3 Comments" are one.
                key = normalise_line(span.text)
                found.setdefault(record_source(record), {}).setdefault(
                    key, {"text": span.text, "articles": span.articles}
                )
        return {source: list(p.values()) for source, p in found.items()}

    def to_dict(self) -> dict[str, Any]:
        passages = self.passages()
        sources = []
        for stats in self.stats:
            data = stats.to_dict()
            data["boilerplate"] = passages.get(stats.source, [])
            sources.append(data)
        return {
            "articles": len(self.records),
            "errors": self.errors,
            "text_available": self.text_available,
            "sources": sources,
            "boilerplate": [
                {
                    "id": record.get("id"),
                    "source": record_source(record),
                    "spans": [span.to_dict() for span in spans],
                }
                for record, spans in zip(self.records, self.boilerplate, strict=True)
                if spans
            ],
            "near_duplicates": [
                {
                    "cluster": number,
                    "articles": [
                        {"id": self.records[i].get("id"), "source": record_source(self.records[i])}
                        for i in members
                    ],
                }
                for number, members in enumerate(self.clusters, start=1)
            ],
        }


def _score_record(pipeline: Any, index: int, item: Any, max_chars: int) -> dict[str, Any]:
    return score_item(pipeline, index, item, max_chars).to_dict(include_text=True)


def analyse(
    records: Sequence[Mapping[str, Any]],
    *,
    min_share: float = 0.5,
    min_articles: int = 3,
    similarity: float = DEFAULT_THRESHOLD,
    shingle: int = DEFAULT_SHINGLE,
) -> SourcesReport:
    """Statistics, boilerplate and near-duplicates for scored records (``quality score``
    output lines, with ``text`` for the last two)."""
    scored = [dict(r) for r in records if score_problem(r) is None]
    errors = len(records) - len(scored)
    with_text = all(isinstance(r.get("text"), str) for r in scored) and bool(scored)
    report = SourcesReport(summarise_sources(scored), scored, errors, with_text)
    if with_text:
        report.boilerplate = find_boilerplate(
            scored, min_share=min_share, min_articles=min_articles
        )
        # Shared footers would make a site's articles look alike: compare them without.
        texts = [
            _without(r["text"], spans) for r, spans in zip(scored, report.boilerplate, strict=True)
        ]
        report.clusters = [
            list(c.members)
            for c in find_near_duplicates(texts, shingle=shingle, threshold=similarity)
        ]
    else:
        report.boilerplate = [[] for _ in scored]
    return report


def _without(text: str, spans: Sequence[Any]) -> str:
    parts, last = [], 0
    for span in spans:
        parts.append(text[last : span.start])
        last = span.end
    parts.append(text[last:])
    return "".join(parts)


def read_records(
    inputs: list[str],
    *,
    jobs: int,
    max_chars: int,
    output: str = "-",
    pipeline: Pipeline | None = None,
) -> list[dict[str, Any]]:
    """Scored records for every input, in order; articles are scored on the way (with
    ``pipeline``, by default the default one). ``output`` (the report file) is skipped when
    found in an input directory: a report from an earlier run is not input."""
    from quality.pipeline import default_pipeline

    records: list[dict[str, Any] | None] = []
    pending: list[tuple[int, Any]] = []
    exclude = Path(output) if output != "-" else None
    for item in iter_inputs(inputs, max_chars=max_chars, exclude=exclude):
        if isinstance(item, JsonlRecord):
            try:
                value = parse_line(item)
            except LineError as exc:
                records.append(_error_record(item, None, exc.kind, str(exc)))
                continue
            if is_error_record(value):
                records.append(_located(value, item))
                continue
            if "score" in value:
                problem = score_problem(value)
                if problem is not None:
                    value = _error_record(item, value.get("id"), "InvalidRecord", problem)
                records.append(value)
                continue
            # An article: scored from its line, as `quality score` does, so that an error
            # record names its line and file.
        pending.append((len(records), item))
        records.append(None)
    if pending:
        scored = map_ordered(
            _score_record,
            [item for _, item in pending],
            pipeline=pipeline or default_pipeline(),
            args=(max_chars,),
            workers=workers_for(jobs),
        )
        for (position, _), record in zip(pending, scored, strict=True):
            records[position] = record
    return [r for r in records if r is not None]


def _located(error: dict[str, Any], item: JsonlRecord) -> dict[str, Any]:
    """An error line read from ``item``; one that does not name the file it is about (as
    ``score_many`` writes them) is named by where it was read instead."""
    if isinstance(error.get("source"), str):
        return error
    return {**error, "source": item.source, "line": item.line}


def _error_record(item: JsonlRecord, id: Any, kind: str, message: str) -> dict[str, Any]:
    """The error line ``quality score`` would write for this input line."""
    error = BatchResult(0, id, error=BatchError(kind, message), line=item.line, source=item.source)
    return error.to_dict()


def run(args: argparse.Namespace) -> int:
    from quality.batch import DEFAULT_MAX_CHARS

    # Each named alone, with the value given: a message naming two options leaves the
    # reader to guess which one was wrong.
    for option, share in (("--min-share", args.min_share), ("--similarity", args.similarity)):
        if not 0 < share <= 1:
            raise InputError(f"{option} must be above 0 and at most 1, got {share:g}")
    for option, count in (("--min-articles", args.min_articles), ("--shingle", args.shingle)):
        if count < 1:
            raise InputError(f"{option} must be at least 1, got {count}")
    check_inputs(args.inputs, args.output)
    pipeline = pipeline_from(args)
    # Opened before the batch is scored, which can take hours: an output that cannot be
    # written is found out at once, not after all that work.
    output = _open_report(args.output)
    try:
        return _report(args, output, DEFAULT_MAX_CHARS, pipeline)
    finally:
        if output is not None:
            with contextlib.suppress(OSError):  # a failure to write is raised by _report
                output.close()


def _open_report(target: str) -> IO[str] | None:
    """The report file (None: standard output), opened to be written."""
    if target == "-":
        if sys.stdout is None:
            raise InputError("standard output is closed; give --output FILE")
        return None
    try:
        return open(target, "w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None


def _report(
    args: argparse.Namespace, output: IO[str] | None, max_chars: int, pipeline: Pipeline
) -> int:
    """Reads and scores the inputs, and writes the report to ``output`` (None: standard
    output); the exit status."""
    records = read_records(
        args.inputs, jobs=args.jobs, max_chars=max_chars, output=args.output, pipeline=pipeline
    )
    for record in records:
        if is_error_record(record):
            print(f"quality sources: skipped {describe_error(record)}", file=sys.stderr)
    report = analyse(
        records,
        min_share=args.min_share,
        min_articles=args.min_articles,
        similarity=args.similarity,
        shingle=args.shingle,
    )
    if args.format == "json":
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = render_csv(report)
        if not report.text_available:
            print(f"quality sources: {no_text_notice(report)}", file=sys.stderr)
    else:
        color = args.output == "-" and use_color(args.no_color)
        text = render_table(report, width=None if args.output == "-" else 120, color=color)
    text = encodable(text)
    # Records left out of the report are already named on stderr; the status lets a script
    # that reads only the report know it is partial.
    status = EXIT_SOME_ERRORS if report.errors else EXIT_OK
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            # A reader that stops early (`| head`) does not make a partial report look whole.
            silence_stdout()
    else:
        try:
            output.write(text)
            output.flush()
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    return status


def encodable(text: str) -> str:
    """``text`` as UTF-8 can hold it. JSON input may carry a lone surrogate ("\\ud800" in an
    id or a publisher's name), which no UTF-8 output can: it is written as that escape, which
    in JSON output reads back as the same string."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def describe_error(record: Mapping[str, Any]) -> str:
    """Where an error record came from and what was wrong, for standard error."""
    where = str(record.get("source") or "<input>")
    if record.get("line") is not None:
        where += f":{record['line']}"
    if record.get("id") is not None and record.get("id") != record.get("source"):
        where += f" (id {record['id']!r})"
    error = record.get("error")
    if isinstance(error, Mapping):
        what = f"{error.get('type', 'Error')}: {error.get('message', 'no message')}"
    else:
        what = f"error record with 'error': {error!r}"
    return f"{where}: {what}"


def no_text_notice(report: SourcesReport) -> str:
    """Why boilerplate and near-duplicates were not looked for (when they were not)."""
    if not report.records:
        return "no scored articles in the input: nothing to compare."
    missing = sum(not isinstance(record.get("text"), str) for record in report.records)
    total = len(report.records)
    if missing == total:
        what = "no article text in the input"
    else:
        what = f"{missing} of {total} articles without text"
    return (
        f"{what}: boilerplate and near-duplicates skipped "
        "(score with --include-text, or give the articles themselves)."
    )


# C0 and C1 control characters: printed as they are, an escape sequence in a publisher's name
# or an id would restyle the terminal or rewrite what it shows. Lone surrogates cannot be
# printed at all; escaped here, before the table is laid out, they keep its columns aligned.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def shown(text: str) -> str:
    """Text from the input as it may be printed: control characters and lone surrogates as
    escapes (``\\x1b``, ``\\ud800``)."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def render_csv(report: SourcesReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "source",
            "articles",
            "mean_score",
            "stdev_score",
            "low_grade_share",
            "top_rules",
            "boilerplate_passages",
        ]
    )
    passages = report.passages()
    for s in report.stats:
        writer.writerow(
            [
                s.source,
                s.articles,
                f"{s.mean_score:.2f}",
                f"{s.stdev_score:.2f}",
                f"{s.low_grade_share:.4f}",
                " ".join(f"{r}:{n}" for r, n in s.top_rules),
                # Unknown, not zero, when there was no text to look for it in.
                len(passages.get(s.source, [])) if report.text_available else "",
            ]
        )
    return buffer.getvalue()


def render_table(report: SourcesReport, *, width: int | None = None, color: bool = False) -> str:
    """The report as text tables; ``color`` adds terminal styling (ANSI escape codes), for
    output that goes to a terminal only."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    # Without a terminal, rich writes plain text; forcing one would put escape codes into files.
    # No emoji codes either: ":fire:" in a publisher's name is text, as "[b]" is.
    console = Console(file=io.StringIO(), width=width or 120, force_terminal=color, emoji=False)
    errors = count_of(report.errors, "error")
    table = Table(title=f"{len(report.records)} scored articles, {errors}")
    for name, justify in (
        ("source", "left"),
        ("articles", "right"),
        ("mean", "right"),
        ("stdev", "right"),
        ("D/F", "right"),
        ("top rules", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for s in report.stats:
        # Sources and rule names come from the input: "[b]" in them is text, not markup.
        table.add_row(
            escape(shown(s.source)),
            str(s.articles),
            f"{s.mean_score:.1f}",
            f"{s.stdev_score:.1f}",
            f"{s.low_grade_share:.0%}",
            escape(shown(", ".join(f"{r} ({n})" for r, n in s.top_rules[:3]))),
        )
    console.print(table)
    if not report.text_available:
        notice = no_text_notice(report)
        console.print(notice[0].upper() + notice[1:], markup=False)
    for source, passages in report.passages().items():
        console.print(f"\n[bold]Boilerplate of {escape(shown(source))}[/bold]")
        for passage in passages:
            quoted = shown(" ".join(passage["text"].split()))
            quoted = quoted if len(quoted) <= 90 else quoted[:87] + "..."
            console.print(f"  {passage['articles']} articles: {quoted}", markup=False)
    for number, members in enumerate(report.clusters, start=1):
        console.print(f"\n[bold]Near-duplicates, cluster {number}[/bold]")
        for i in members:
            record = report.records[i]
            line = f"  {record.get('id')} ({record_source(record)})"
            console.print(shown(line), markup=False)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()
