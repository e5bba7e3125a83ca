"""One line per finding, ``path:line:col: CODE [severity] message``, as editors parse it;
then one score line per file and a one-line summary. A file that could not be linted is
one line in its place, ``path: error: why``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from quality.formats.style import Style, visible
from quality.report import shown_score

if TYPE_CHECKING:
    from quality.formats import RenderOptions
    from quality.lint.runner import FileResult, LintRun


def write(run: LintRun, out: TextIO, options: RenderOptions) -> None:
    style = Style(options.color)
    for result in run.files:
        if result.error is not None:
            if options.name_failed_files:
                out.write(error_line(result, style) + "\n")
            continue
        path = style(visible(result.path), "bold")
        for f in result.findings:
            out.write(
                f"{path}:{f.line}:{f.column}: "
                f"{style(f.rule, 'bold', 'red' if f.severity.rank >= 2 else 'yellow')} "
                f"{style.severity(f.severity)} {visible(f.message)}\n"
            )
        out.write(score_line(result, style) + "\n")
    out.write(summary_line(run, style) + "\n")


def error_line(result: FileResult, style: Style) -> str:
    """A file that could not be linted, named in the report itself: standard error is often
    not kept beside it (an editor, ``> report.txt``)."""
    return f"{style(visible(result.path), 'bold')}: {style('error', 'bold', 'red')}: " + visible(
        result.error or ""
    )


def score_line(result: FileResult, style: Style) -> str:
    verdict = style("pass", "green") if result.passed else style("FAIL", "bold", "red")
    reasons = []
    if result.failed_by_score:
        reasons.append(f"score under {result.fail_under:g}")
    if result.failing_findings:
        plural = "s" if result.failing_findings != 1 else ""
        reasons.append(f"{result.failing_findings} finding{plural} at {result.fail_on} or above")
    if result.not_run:
        reasons_not_run = sorted(set(result.not_run.values()))
        count = len(result.not_run)
        scorers = "scorer" if count == 1 else "scorers"
        reasons.append(f"{count} {scorers} not run: {'; '.join(reasons_not_run)}")
    why = f" ({'; '.join(reasons)})" if reasons else ""
    suppressed = f", {result.suppressed} suppressed" if result.suppressed else ""
    scored = (
        f"score {shown_score(result.score)}/100, grade {result.grade}"
        if result.score is not None
        else "not scored (no scorer rule selected)"
    )
    return f"{style(visible(result.path), 'bold')}: {scored}{suppressed}: {verdict}{why}"


def summary_line(run: LintRun, style: Style) -> str:
    s = run.summary()
    counts = ", ".join(f"{n} {sev}" for sev, n in reversed(s["by_severity"].items()))
    mean = f"; mean score {s['mean_score']:.1f}" if s["mean_score"] is not None else ""
    errors = f"; {s['errors']} could not be linted" if s["errors"] else ""
    text = (
        f"Found {s['findings']} finding{'s' if s['findings'] != 1 else ''} ({counts}) in "
        f"{s['linted']} file{'s' if s['linted'] != 1 else ''}; {s['failed']} failed{errors}{mean}."
    )
    return style(text, "bold")
