"""``quality lint``: findings per file, with locations, as a linter reports them.

Exit codes: 0 every file passes, 1 some file fails (a finding at or above ``--fail-on``, or
a score under ``--fail-under``), 2 the command could not do its job (bad option, missing or
unreadable file, invalid configuration).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from quality.lint.runner import LintRun

FORMAT_NAMES = ("concise", "full", "json", "jsonl", "sarif", "github")
SEVERITY_NAMES = ("info", "warning", "error")


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files, directories (searched for .txt .md .markdown .html .htm .json) or - for stdin",
    )
    parser.add_argument("--format", choices=FORMAT_NAMES, default="concise", help="output format")
    rules = parser.add_argument_group("rule selection (codes or prefixes, comma-separated)")
    rules.add_argument(
        "--select",
        type=_codes,
        action="append",
        metavar="CODES",
        help="only these rules (replaces the configured select)",
    )
    rules.add_argument(
        "--extend-select",
        type=_codes,
        action="append",
        default=[],
        metavar="CODES",
        help="these rules as well",
    )
    rules.add_argument(
        "--ignore",
        type=_codes,
        action="append",
        default=[],
        metavar="CODES",
        help="not these rules (added to the configured ignore)",
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
        "--stdin-filename",
        metavar="NAME",
        help="the name of the text read from - (for its format, configuration and output)",
    )
    files.add_argument(
        "--max-file-size",
        type=float,
        metavar="MB",
        help="refuse files larger than this many megabytes (default 5; 0: no limit)",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule had"
    )
    output.add_argument(
        "--no-color",
        action="store_true",
        help="no colour (colour is used only on a terminal, and never when NO_COLOR is set)",
    )


def use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quality.formats import RenderOptions, writer
    from quality.lint.discovery import discover
    from quality.lint.runner import Linter, LintOptions

    options = LintOptions(
        select=tuple(_flatten(args.select)) if args.select is not None else None,
        extend_select=tuple(_flatten(args.extend_select)),
        ignore=tuple(_flatten(args.ignore)),
        fail_under=args.fail_under,
        fail_on=args.fail_on,
        min_severity=args.min_severity,
        max_file_size=args.max_file_size,
        config=Path(args.config) if args.config else None,
    )
    if args.max_file_size is not None and args.max_file_size < 0:
        print("quality lint: error: --max-file-size must be 0 (no limit) or more", file=sys.stderr)
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
        args.paths,
        extend_include=args.extend_include,
        exclude=args.exclude,
        stdin_filename=args.stdin_filename,
    )
    lint_run = linter.run(targets)
    _report_errors(lint_run)
    out = sys.stdout
    if args.statistics:
        _write_statistics(lint_run, args.format, out)
    else:
        writer(args.format)(lint_run, out, RenderOptions(color=use_color(args.no_color)))
    out.flush()
    return lint_run.exit_code(exit_zero=args.exit_zero)


def _flatten(groups: list[list[str]] | None) -> list[str]:
    return [code for group in groups or [] for code in group]


def _report_errors(lint_run: LintRun) -> None:
    """Each unreadable file by name; a broken configuration once, with how many files it cost."""
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


def _write_statistics(lint_run: LintRun, fmt: str, out: TextIO) -> None:
    import json

    rows = lint_run.statistics()
    if fmt in ("json", "jsonl"):
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for row in rows:
        severity = f"[{row['severity']}]"
        out.write(f"{row['count']:>6}  {row['code']:<7} {severity:<10} {row['name']}\n")
