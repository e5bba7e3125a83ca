"""For people: each finding with its source line and a caret under the span, the fix and
the rule's reason; a score line per file, or the reason a file could not be linted; a
summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len

from quality.formats.concise import error_line, score_line
from quality.formats.style import Style, visible

if TYPE_CHECKING:
    from quality.findings import Finding
    from quality.formats import RenderOptions
    from quality.lint.runner import LintRun

#: Source lines longer than this are shown as a window around the finding.
_WIDTH = 100
_CONTEXT = 36


def write(run: LintRun, out: TextIO, options: RenderOptions) -> None:
    from quality.positions import LineIndex

    style = Style(options.color)
    for result in run.files:
        if result.error is not None:
            if options.name_failed_files:
                out.write(error_line(result, style) + "\n\n")
            continue
        lines = LineIndex(result.source)
        path = style(visible(result.path), "bold")
        for f in result.findings:
            out.write(
                f"{path}:{f.line}:{f.column}: {style(f.rule, 'bold')} "
                f"{style.severity(f.severity)} {visible(f.message)}\n"
            )
            text = lines.line_text(f.line) if f.line <= lines.line_count else ""
            out.write(_snippet(f, text, style))
            if f.suggestion:
                out.write(f"{_gutter(f.line, style)}{style('= fix:', 'cyan')} {f.suggestion}\n")
            rule = run.rules.get(f.rule)
            if rule is not None and rule.rationale:
                out.write(f"{_gutter(f.line, style)}{style('= why:', 'cyan')} {rule.rationale}\n")
            out.write("\n")
        out.write(score_line(result, style) + "\n")
        out.write(_losses(result.losses, style) + "\n")
    _summary(run, out, style)


def _losses(losses: list[tuple[str, float, tuple[str, ...]]], style: Style) -> str:
    """Where the points went: each scorer that took some off, and what its notes say cost
    them where no finding shows it."""
    lines = []
    for scorer, points, notes in losses:
        lines.append(f"  {style(f'{points:.1f}', 'bold')} {scorer}\n")
        lines.extend(f"    {style('= note:', 'cyan')} {visible(note)}\n" for note in notes)
    return "".join(lines)


def _gutter(line: int, style: Style, number: bool = False) -> str:
    width = len(str(line))
    return style((str(line) if number else " " * width) + " | ", "blue")


def _snippet(f: Finding, text: str, style: Style) -> str:
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(text)
    end = max(end, start + 1)
    prefix = suffix = ""
    if len(text) > _WIDTH:
        window_start = max(0, start - _CONTEXT)
        window_end = min(len(text), max(end, start + 1) + _CONTEXT)
        if window_start > 0:
            prefix = "…"
        if window_end < len(text):
            suffix = "…"
        text = text[window_start:window_end]
        start -= window_start
        end -= window_start
    # Shown as the terminal can show it (a tab as spaces, an escape as ``␛``), and each part
    # measured as shown, so that the carets still sit under what they point at.
    before, marked, after = visible(text[:start]), visible(text[start:end]), visible(text[end:])
    shown = prefix + before + marked + after + suffix
    # Measured in terminal cells, not characters: a CJK character or an emoji takes two,
    # a combining accent none.
    caret_start = cell_len(prefix + before)
    carets = "^" * max(1, cell_len(marked))
    more = f" (continues to line {f.end_line})" if f.end_line > f.line else ""
    return (
        f"{_gutter(f.line, style).rstrip()}\n"
        f"{_gutter(f.line, style, number=True)}{shown}\n"
        f"{_gutter(f.line, style)}{' ' * caret_start}{style(carets, 'bold', 'red')}{more}\n"
    )


def _summary(run: LintRun, out: TextIO, style: Style) -> None:
    s = run.summary()
    out.write(style("Summary", "bold") + "\n")
    out.write(f"  files:     {s['files']} ({s['linted']} linted, ")
    out.write(f"{s['passed']} passed, {s['failed']} failed")
    out.write(f", {s['errors']} could not be linted)\n" if s["errors"] else ")\n")
    counts = ", ".join(f"{n} {sev}" for sev, n in reversed(s["by_severity"].items()))
    out.write(f"  findings:  {s['findings']} ({counts})")
    out.write(f", {s['suppressed']} suppressed\n" if s["suppressed"] else "\n")
    mean = f"{s['mean_score']:.1f}" if s["mean_score"] is not None else "n/a"
    out.write(f"  mean score: {mean}\n")
