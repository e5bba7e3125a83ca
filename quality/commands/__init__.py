"""Subcommands of the ``quality`` command line, one module each."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from quality.errors import InputError


def rule_codes(value: str) -> list[str]:
    """A ``--select``/``--ignore`` value: comma-separated rule codes or prefixes."""
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def refuse_empty_paths(args: argparse.Namespace, options: Iterable[str]) -> None:
    """An error for the first of ``options`` (path options) given an empty name: an unset
    variable in a script would otherwise fall back to the default quietly."""
    for option in options:
        value = getattr(args, option)
        if value is not None and not value.strip():
            raise InputError(f"--{option} needs a name, got an empty one")
