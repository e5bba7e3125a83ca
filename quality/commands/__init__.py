"""Subcommands of the ``quality`` command line, one module each."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from quality.errors import InputError


def rule_codes(value: str) -> list[str]:
    """A ``--select``/``--ignore`` value: comma-separated rule codes or prefixes."""
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def add_rule_selection_arguments(
    parser: argparse._ActionsContainer, *, select: str, extend_select: str, ignore: str
) -> None:
    """``--select``, ``--extend-select`` and ``--ignore``, each repeatable, with its help;
    ``flat_codes`` reads what they collect."""
    for option, default, help_text in (
        ("--select", None, select),
        ("--extend-select", [], extend_select),
        ("--ignore", [], ignore),
    ):
        parser.add_argument(
            option,
            type=rule_codes,
            action="append",
            default=default,
            metavar="CODES",
            help=help_text,
        )


def flat_codes(groups: list[list[str]] | None) -> list[str]:
    """The codes of a repeatable rule-selection option, in the order given."""
    return [code for group in groups or [] for code in group]


def refuse_empty_paths(args: argparse.Namespace, options: Iterable[str]) -> None:
    """An error for the first of ``options`` (path options) given an empty name: an unset
    variable in a script would otherwise fall back to the default quietly."""
    for option in options:
        value = getattr(args, option)
        if value is not None and not value.strip():
            raise InputError(f"--{option} needs a name, got an empty one")


def add_jobs_argument(parser: argparse.ArgumentParser, *, default: int, scored: str) -> None:
    """``-j/--jobs``: worker processes for the articles the command scores (``scored``)."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=default,
        metavar="N",
        help=f"worker processes for {scored}, never more than one per core "
        f"(0: one per core; 1: score in this process; default: {default})",
    )


def workers_for(jobs: int) -> int:
    """The worker processes ``--jobs`` asks for: scoring keeps a core busy, so more processes
    than cores add memory and start-up time, not speed, and ``--jobs 100000`` must not start
    a hundred thousand processes."""
    from quality.batch import available_cores, resolve_workers

    return min(resolve_workers(jobs), available_cores())


def add_color_argument(parser: argparse._ActionsContainer) -> None:
    """``--no-color``, which ``use_color`` reads."""
    parser.add_argument(
        "--no-color",
        action="store_true",
        help="no colour (colour is used only on a terminal, and never when NO_COLOR is set)",
    )


def use_color(no_color: bool) -> bool:
    """Whether to colour standard output: ``--no-color`` and NO_COLOR say no, FORCE_COLOR
    yes, and otherwise only a terminal gets colour."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    # As ruff does: CI logs that render colour are no terminal, and ask for it this way.
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()
