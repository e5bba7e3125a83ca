"""Subcommands of the ``quality`` command line, one module each."""

from __future__ import annotations


def rule_codes(value: str) -> list[str]:
    """A ``--select``/``--ignore`` value: comma-separated rule codes or prefixes."""
    return [part.strip().upper() for part in value.split(",") if part.strip()]
