"""One JSON document for the whole run; its shape is docs/lint-output.schema.json."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from quality.inputs import printable_path

if TYPE_CHECKING:
    from quality.findings import Finding
    from quality.formats import RenderOptions
    from quality.lint.runner import FileResult, LintRun

#: Bumped whenever the document's shape changes.
OUTPUT_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "scorer": f.scorer,
        "severity": f.severity.value,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start": f.start,
        "end": f.end,
        "excerpt": f.excerpt,
        "suggestion": f.suggestion,
    }


def file_dict(result: FileResult) -> dict[str, Any]:
    path = printable_path(result.path)
    if result.error is not None:
        # The reason can quote a file name that is not UTF-8 (a configuration's), as the
        # path can: both are written so that the document stays UTF-8.
        return {"path": path, "error": printable_path(result.error)}
    return {
        "path": path,
        "score": result.score,
        "grade": result.grade,
        "passed": result.passed,
        "fail_under": result.fail_under,
        "suppressed": result.suppressed,
        "not_run": result.not_run,
        "findings": [finding_dict(f) for f in result.findings],
    }


def document(run: LintRun) -> dict[str, Any]:
    from quality import __version__

    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "quality", "version": __version__},
        "files": [file_dict(r) for r in run.files if r.error is None],
        "errors": [
            {"path": printable_path(r.path), "message": printable_path(r.error or "")}
            for r in run.errors
        ],
        "summary": run.summary(),
    }


def write(run: LintRun, out: TextIO, options: RenderOptions) -> None:
    json.dump(document(run), out, ensure_ascii=False, indent=2)
    out.write("\n")
