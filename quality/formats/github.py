"""GitHub Actions workflow commands: each finding becomes an annotation on the diff.

A file that fails on its score alone gets an error annotation at its first line saying so,
since no single finding explains the failure. A finding that spans lines is given by its
lines alone: GitHub takes columns only for a span within one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from quality.findings import Severity
from quality.inputs import printable_path

if TYPE_CHECKING:
    from quality.formats import RenderOptions
    from quality.lint.runner import LintRun

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    # printable_path: an error can quote a file name that is not UTF-8, and the log is.
    return printable_path(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(run: LintRun, out: TextIO, options: RenderOptions) -> None:
    for result in run.files:
        path = _property(printable_path(result.path))
        if result.error is not None:
            out.write(f"::error file={path},title=quality::{_data(result.error)}\n")
            continue
        for f in result.findings:
            where = (
                f"line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}"
                if f.end_line == f.line
                else f"line={f.line},endLine={f.end_line}"
            )
            out.write(
                f"::{_LEVELS[f.severity]} file={path},{where},title={_property(f.rule)}::"
                f"{_data(f.message)}\n"
            )
        if result.score_failure is not None:
            # The annotation is all a reviewer sees of the file's score.
            message = _data(result.score_failure)
            out.write(f"::error file={path},line=1,title=quality score::{message}\n")
