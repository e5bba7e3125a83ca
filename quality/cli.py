"""The ``quality`` command. Each subcommand lives in ``quality/commands/<name>.py`` and is
imported only when used, so a lint run does not pay for the others' imports."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

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
EXIT_INTERRUPTED = 130

EPILOG = """\
Run 'quality COMMAND --help' for a command's options.

examples:
  quality lint drafts/                       lint a folder of articles
  quality score feed.xml -o scored.jsonl     score every entry of a feed
  quality rule FIL101                        what a rule catches, and how to fix it

exit status (every command):
  0    success
  1    findings or failed files (lint); records that could not be scored or used
       (score, sources)
  2    usage error, or the command could not run
  130  interrupted (Ctrl-C)
"""


class QualityArgumentParser(argparse.ArgumentParser):
    """argparse as a script and a newcomer expect it: options are never abbreviated (a
    script's ``--exit`` would change meaning the day another option starts with it), and a
    misspelt option or command is answered with the likely one."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def reject_unknown(self, extras: Sequence[str]) -> NoReturn:
        """Usage error for arguments no option of this parser takes, suggesting the option
        each misspelt one most likely meant."""
        known = [
            option
            for action in self._actions
            for option in action.option_strings
            if option.startswith("--")
        ]
        hints = {}
        for extra in extras:
            name = extra.partition("=")[0]
            if not name.startswith("--"):
                continue
            # A shortened option ("--fail") may start several; a misspelt one is close to one.
            meant = [option for option in known if option.startswith(name)]
            meant = meant or difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            if meant:
                hints[name] = " or ".join(meant)
        if len(hints) == 1 and len(extras) == 1:
            hint = f"; did you mean {next(iter(hints.values()))}?"
        else:
            hint = "".join(f"; {name}: did you mean {meant}?" for name, meant in hints.items())
        self.error(f"unrecognized arguments: {' '.join(extras)}{hint}")


def build_parser(command: str | None = None) -> QualityArgumentParser:
    from quality import __version__

    parser = QualityArgumentParser(
        prog="quality",
        description="Score how trustworthy and clean news articles are, and say why.",
        epilog=EPILOG,
    )
    parser.add_argument("-V", "--version", action="version", version=f"quality {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, summary) in COMMANDS.items():
        sub = subparsers.add_parser(
            name, help=summary, description=summary[0].upper() + summary[1:] + "."
        )
        if name == command:
            import_module(module_name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _quiet_if_stderr_is_closed()
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args_list if not a.startswith("-")), None)
    try:
        parser = build_parser(command)
        if command is not None and command not in COMMANDS:
            return _unknown_command(parser, command)
        if not args_list:
            # A usage error like any other: the help goes where errors go, so that a script
            # calling `quality $COMMAND` with the variable unset does not take it for output.
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        args, extras = parser.parse_known_args(args_list)
        if extras:
            target = _subparser(parser, args.command) if args.command else parser
            extras = _put_back_files(target, args, extras)
            if extras:
                target.reject_unknown(extras)
        if not args.command:
            parser.error("give a command, e.g. 'quality lint .'; 'quality --help' lists them")
        result: int = import_module(COMMANDS[args.command][0]).run(args)
        return result
    except QualityError as exc:
        print(f"quality {command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(
            f"quality {command}: interrupted" if command else "quality: interrupted",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


def _unknown_command(parser: argparse.ArgumentParser, given: str) -> int:
    """Usage error for a command that does not exist, with the one most likely meant."""
    close = difflib.get_close_matches(given, list(COMMANDS), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    print(
        f"{parser.format_usage()}"
        f"quality: error: unknown command '{given}'{hint} "
        f"(commands: {', '.join(COMMANDS)})",
        file=sys.stderr,
    )
    return EXIT_ERROR


def _put_back_files(
    parser: argparse.ArgumentParser, args: argparse.Namespace, extras: Sequence[str]
) -> list[str]:
    """Files whose names begin with "-" ("-draft.md"), which argparse takes for unknown
    options, put back among the command's paths, with what followed them, in order (a
    pre-commit hook passes file names with no "--" before them). Returns the arguments that
    are still unknown: those that begin with "-" and name no file."""
    paths = next((a for a in parser._actions if not a.option_strings and a.nargs == "*"), None)
    files = [e for e in extras if not e.startswith("-") or os.path.lexists(e)]
    if paths is None or not any(e.startswith("-") for e in files):
        return list(extras)
    given = getattr(args, paths.dest)
    # Only files that look like options were given: the command's default goes.
    setattr(args, paths.dest, ([] if given is paths.default else list(given)) + files)
    return [e for e in extras if e not in files]


def _subparser(parser: argparse.ArgumentParser, name: str) -> QualityArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: QualityArgumentParser = action.choices[name]
            return found
    raise LookupError(name)


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
