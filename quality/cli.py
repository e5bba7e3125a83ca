"""The ``quality`` command. Each subcommand lives in ``quality/commands/<name>.py`` and is
imported only when used, so a lint run does not pay for the others' imports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from quality.errors import QualityError

#: name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "lint": (
        "quality.commands.lint",
        "lint article files: findings as path:line:col: CODE message",
    ),
    "rules": ("quality.commands.rules", "list every rule: code, scorer, severity, what it catches"),
    "rule": (
        "quality.commands.rules",
        "explain one rule: what it catches, examples, how to suppress it",
    ),
    "score": (
        "quality.commands.score",
        "score JSON Lines, feeds or files; one JSON line per article",
    ),
    "sources": (
        "quality.commands.sources",
        "per-source statistics, site boilerplate, near-duplicates",
    ),
    "eval": (
        "quality.commands.eval",
        "measure the scorers on labelled data (AUC, precision, dates)",
    ),
    "train": ("quality.commands.train", "fit scorer weights on labelled articles"),
}

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    from quality import __version__

    parser = argparse.ArgumentParser(
        prog="quality",
        description="Score how trustworthy and clean news articles are, and say why.",
    )
    parser.add_argument("--version", action="version", version=f"quality {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, summary) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=summary, description=summary)
        if name == command:
            import_module(module_name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _quiet_if_stderr_is_closed()
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args_list if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(args_list)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    try:
        result: int = import_module(COMMANDS[args.command][0]).run(args)
        return result
    except QualityError as exc:
        print(f"quality {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("quality: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _quiet_if_stderr_is_closed() -> None:
    """Run without messages when started with standard error closed (``2>&-``): every write
    to it would fail, and the command's exit status would then report that failure instead
    of its own. The descriptor may not look closed: the first file the interpreter opened
    (read-only) took its number."""
    import os

    try:
        import fcntl

        writable = fcntl.fcntl(2, fcntl.F_GETFL) & os.O_ACCMODE != os.O_RDONLY
    except ImportError:  # Windows: no fcntl, and no such descriptor reuse to guard against
        return
    except OSError:
        writable = False
    if not writable:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - kept for the run


if __name__ == "__main__":
    raise SystemExit(main())
