"""Output formats of ``quality lint``, one module each, imported only when chosen.

Each module has ``write(run, out, options)``: ``run`` is a ``quality.lint.runner.LintRun``,
``out`` a text stream.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple, Protocol, TextIO

if TYPE_CHECKING:
    from quality.lint.runner import LintRun

#: format name -> module
FORMATS: dict[str, str] = {
    "concise": "quality.formats.concise",
    "full": "quality.formats.full",
    "json": "quality.formats.json",
    "jsonl": "quality.formats.jsonl",
    "sarif": "quality.formats.sarif",
    "github": "quality.formats.github",
}


class RenderOptions(NamedTuple):
    color: bool = False
    #: whether the human formats name a file that could not be linted in its place
    name_failed_files: bool = True


class Writer(Protocol):
    def __call__(self, run: LintRun, out: TextIO, options: RenderOptions) -> None: ...


def writer(name: str) -> Writer:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(FORMATS)}")
    write: Writer = import_module(FORMATS[name]).write
    return write
