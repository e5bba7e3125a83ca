"""``quality lint``: findings per file, with locations, as a linter reports them.

Exit codes: 0 every file passes, 1 some file fails (a finding at or above ``--fail-on``, or
a score under ``--fail-under``), 2 the command could not do its job (bad option, missing or
unreadable file, invalid configuration).
"""

from __future__ import annotations

import argparse
import codecs
import io
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from quality.commands import (
    add_color_argument,
    add_rule_selection_arguments,
    flat_codes,
    use_color,
)
from quality.inputs import ARTICLE_EXTENSIONS

if TYPE_CHECKING:
    from quality.lint.runner import LintRun

FORMAT_NAMES = ("concise", "full", "json", "jsonl", "sarif", "github")
#: Formats written for programs, which read them as UTF-8 whatever the locale.
MACHINE_FORMATS = ("json", "jsonl", "sarif", "github")
#: Formats --statistics can be written in; SARIF and workflow commands have no place for a
#: table, and their readers would choke on one.
STATISTICS_FORMATS = ("concise", "full", "json", "jsonl")
SEVERITY_NAMES = ("info", "warning", "error")


EPILOG = """\
examples:
  quality lint drafts/                             every article under drafts/
  quality lint story.md --select FIL,ATT           only the filler and attribution rules
  quality lint . --format sarif --exit-zero > quality.sarif
  cat story.md | quality lint --stdin-filename story.md

exit status: 0 every file passes; 1 some file fails; 2 the command could not do its job
(bad option, unknown rule code, missing or unreadable file, invalid configuration);
130 interrupted.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=(
            f"files, directories (searched for {' '.join(ARTICLE_EXTENSIONS)}) or - for stdin "
            "(default: the current directory, or stdin with --stdin-filename)"
        ),
    )
    parser.epilog = EPILOG
    parser.add_argument(
        "--format", choices=FORMAT_NAMES, default="concise", help="output format (default: concise)"
    )
    rules = parser.add_argument_group("rule selection (codes or prefixes, comma-separated)")
    add_rule_selection_arguments(
        rules,
        select="only these rules (replaces the configured select)",
        extend_select="these rules as well",
        ignore="not these rules (added to the configured ignore)",
    )
    rules.add_argument(
        "--min-severity",
        choices=SEVERITY_NAMES,
        help="hide findings below this severity (default: info)",
    )
    verdict = parser.add_argument_group("pass or fail")
    verdict.add_argument(
        "--fail-under",
        type=float,
        metavar="SCORE",
        help="fail a file scoring below this (default: configured, else the weights file's, 60)",
    )
    verdict.add_argument(
        "--fail-on",
        choices=SEVERITY_NAMES,
        help="fail a file with a finding at or above this severity (default: error)",
    )
    verdict.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when files fail (still 2 when files cannot be read)",
    )
    files = parser.add_argument_group("files")
    files.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="also read rules from PATH, a folder of rule files (*.toml) or one file, beside "
        "the shipped rules (repeatable)",
    )
    files.add_argument(
        "--config",
        metavar="FILE",
        help="use this configuration for every file instead of the closest one",
    )
    files.add_argument(
        "--extend-include",
        action="append",
        default=[],
        metavar="GLOB",
        help="also lint files matching this glob when walking directories",
    )
    files.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip files and directories matching this glob when walking directories",
    )
    files.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="when walking directories, skip what .gitignore files ignore, inside a git work "
        "tree (default: configured, else yes); files named on the command line are linted",
    )
    files.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help=(
            "the name of the text read from - (for its format, configuration and output); "
            "with no PATH, standard input is read"
        ),
    )
    files.add_argument(
        "--max-file-size",
        type=float,
        metavar="MB",
        help="refuse files larger than this many megabytes (default 5; 0: no limit)",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule had (formats concise, full, json, jsonl)",
    )
    add_color_argument(output)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quality.formats import RenderOptions, writer
    from quality.lint.discovery import discover
    from quality.lint.runner import Linter, LintOptions

    options = LintOptions(
        select=tuple(flat_codes(args.select)) if args.select is not None else None,
        extend_select=tuple(flat_codes(args.extend_select)),
        ignore=tuple(flat_codes(args.ignore)),
        fail_under=args.fail_under,
        fail_on=args.fail_on,
        min_severity=args.min_severity,
        max_file_size=args.max_file_size,
        rule_paths=tuple(args.rules),
        config=Path(args.config) if args.config is not None else None,
    )
    # float() takes "inf" and "nan": neither is a size (inf overflowed the byte count, nan
    # slipped past every comparison).
    if args.max_file_size is not None and not (
        math.isfinite(args.max_file_size) and args.max_file_size >= 0
    ):
        print(
            "quality lint: error: --max-file-size must be a number of megabytes, 0 (no limit) "
            f"or more, got {args.max_file_size:g}",
            file=sys.stderr,
        )
        return 2
    if args.config is not None and not args.config.strip():
        # An unset variable (`--config "$CONFIG"`) must not fall back to the usual search.
        print("quality lint: error: --config needs a file name, got an empty one", file=sys.stderr)
        return 2
    if args.select is not None and not flat_codes(args.select):
        # An unset variable (`--select "$RULES"`) would switch every rule off, and every
        # file would pass unchecked.
        print(
            "quality lint: error: --select needs rule codes or prefixes, got none; "
            "use --select ALL for every rule",
            file=sys.stderr,
        )
        return 2
    paths = _paths(args.paths, args.stdin_filename)
    if isinstance(paths, str):
        print(f"quality lint: error: {paths}", file=sys.stderr)
        return 2
    if args.statistics and args.format not in STATISTICS_FORMATS:
        print(
            f"quality lint: error: --statistics cannot be written as --format {args.format}; "
            f"use one of {', '.join(STATISTICS_FORMATS)}",
            file=sys.stderr,
        )
        return 2
    if args.fail_under is not None and not 0 <= args.fail_under <= 100:
        print(
            f"quality lint: error: --fail-under must be between 0 and 100, got {args.fail_under:g}",
            file=sys.stderr,
        )
        return 2
    linter = Linter(options)
    unknown = linter.unknown_selectors(options.select or (), options.extend_select, options.ignore)
    if unknown:
        print(
            f"quality lint: error: unknown rule code or prefix {', '.join(map(repr, unknown))}; "
            "see `quality rules`",
            file=sys.stderr,
        )
        return 2
    targets = discover(
        paths,
        extend_include=args.extend_include,
        exclude=args.exclude,
        excluded_by_config=linter.excluded_by_config,
        stdin_filename=args.stdin_filename,
        respect_gitignore=linter.respect_gitignore(args.respect_gitignore),
    )
    lint_run = linter.run(targets)
    if not lint_run.files and sys.stderr is not None:
        # As ruff does: a CI job pointed at the wrong folder must not pass without a word.
        from quality.lint.discovery import DEFAULT_EXTENSIONS

        print(
            f"quality lint: warning: no article files found in {', '.join(paths)} "
            f"(looked for {', '.join(DEFAULT_EXTENSIONS)} and --extend-include patterns)",
            file=sys.stderr,
        )
    with _output_streams(utf8_stdout=args.format in MACHINE_FORMATS):
        try:
            _report_errors(lint_run)
            out = sys.stdout
            # None when standard output is closed (`quality lint drafts/ >&-`): there is
            # nowhere to write, and the verdict still stands.
            if out is not None:
                # Failed files are on standard error already; a report going to a file or
                # an editor names them in their place too, where a terminal would show them
                # twice.
                name_failed_files = not out.isatty()
                if args.statistics:
                    _write_statistics(lint_run, args.format, out, name_failed_files)
                else:
                    render = RenderOptions(
                        color=use_color(args.no_color), name_failed_files=name_failed_files
                    )
                    writer(args.format)(lint_run, out, render)
                out.flush()
        except BrokenPipeError:
            # The reader left (`quality lint drafts/ | head -1`); the verdict still stands, so
            # CI sees the failure rather than a 0.
            _discard_stdout()
    return lint_run.exit_code(exit_zero=args.exit_zero)


def _paths(given: list[str], stdin_filename: str | None) -> list[str] | str:
    """What to lint, or why the paths and --stdin-filename do not go together.

    As in ruff, --stdin-filename with no path reads standard input: an editor that passes
    only the buffer's name must not get the whole folder linted instead. With paths, it must
    name the text read from ``-``, or it would be dropped without a word.
    """
    from quality.lint.discovery import STDIN

    if stdin_filename is None:
        return given or ["."]
    if not stdin_filename.strip():
        # An unset variable (`--stdin-filename "$FILE"`) would show the text as "-" and
        # look for its configuration in the wrong folder.
        return "--stdin-filename needs a file name, got an empty one"
    if not given:
        return [STDIN]
    if STDIN not in given:
        return (
            f"--stdin-filename names the text read from standard input, but no path is -; "
            f"add - to the paths to lint it as {stdin_filename!r}"
        )
    return given


@contextmanager
def _output_streams(*, utf8_stdout: bool) -> Iterator[None]:
    """Standard output and error set up so that writing the report cannot fail on a
    character their encoding lacks.

    With ``utf8_stdout`` (the machine formats) standard output is UTF-8 whatever the
    locale: JSON, SARIF and workflow commands are read as UTF-8, and on a system whose
    locale encoding is not (a Windows pipe in cp1252) they would otherwise be written in
    another encoding, or stop with a traceback at the first character it cannot encode.
    The text formats keep the stream's encoding, for the terminal or file reading them,
    and write what it lacks as ``\\u201c`` escapes. File names that are not UTF-8 are
    written as the bytes the file system has, as ls does (the machine formats never meet
    one: they escape it).
    """
    codecs.register_error(_OUTPUT_ERRORS, _raw_bytes_or_escape)
    changed: list[tuple[io.TextIOWrapper, str, str | None]] = []
    for stream, utf8 in ((sys.stdout, utf8_stdout), (sys.stderr, False)):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        encoding, errors = stream.encoding, stream.errors
        try:
            if utf8:
                stream.reconfigure(encoding="utf-8", errors=_OUTPUT_ERRORS)
            else:
                stream.reconfigure(errors=_OUTPUT_ERRORS)
        except (OSError, ValueError):  # closed or broken: leave it as it is
            continue
        changed.append((stream, encoding, errors))
    try:
        yield
    finally:
        for stream, encoding, errors in changed:
            try:
                stream.reconfigure(encoding=encoding, errors=errors)
            except (OSError, ValueError):
                continue


_OUTPUT_ERRORS = "quality-lint-output"


def _is_raw_byte(character: str) -> bool:
    """Whether ``character`` stands for a byte of a file name that is not UTF-8 (Python
    holds such a byte as a lone surrogate, U+DC80 to U+DCFF)."""
    return "\udc80" <= character <= "\udcff"


def _raw_bytes_or_escape(error: UnicodeError) -> tuple[str | bytes, int]:
    """The encoding error handler of :func:`_output_streams`: a file name's raw bytes are
    written as those bytes, any other character the encoding lacks as a backslash escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text, start = error.object, error.start
    raw = _is_raw_byte(text[start])
    end = start + 1
    while end < error.end and _is_raw_byte(text[end]) == raw:
        end += 1
    if raw:
        return bytes(ord(character) - 0xDC00 for character in text[start:end]), end
    return text[start:end].encode("ascii", "backslashreplace").decode("ascii"), end


def _discard_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered does not
    raise again, with a traceback, when Python flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (captured in tests): nothing to flush
        pass


def _report_errors(lint_run: LintRun) -> None:
    """Each unreadable file by name; a broken configuration once, with how many files it cost."""
    if sys.stderr is None:  # closed: print would write these lines into the report instead
        return
    config_errors: dict[str, int] = {}
    for result in lint_run.errors:
        assert result.error is not None
        if result.error.startswith("invalid configuration: "):
            config_errors[result.error] = config_errors.get(result.error, 0) + 1
        else:
            print(f"{result.path}: error: {result.error}", file=sys.stderr)
    for message, count in config_errors.items():
        files = f"{count} file{'s' if count != 1 else ''} not linted"
        print(f"quality lint: error: {message} ({files})", file=sys.stderr)


def _write_statistics(
    lint_run: LintRun, fmt: str, out: TextIO, name_failed_files: bool = True
) -> None:
    """Findings per rule, and the files that could not be linted, which a script reading
    only standard output must see to know why the run exits 2: in json and jsonl an object
    each after the rules, as in the jsonl report (``{"path", "error"}``); in a table a line
    each, as the concise report names them."""
    import json

    rows = lint_run.statistics()
    if fmt in ("json", "jsonl"):
        from quality.formats.json import file_dict

        rows += [file_dict(result) for result in lint_run.errors]
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    for row in rows:
        severity = f"[{row['severity']}]"
        out.write(f"{row['count']:>6}  {row['code']:<7} {severity:<10} {row['name']}\n")
    if name_failed_files and lint_run.errors:
        from quality.formats.concise import error_line
        from quality.formats.style import Style

        for result in lint_run.errors:
            out.write(error_line(result, Style(False)) + "\n")
