"""SARIF 2.1.0, for code-scanning dashboards (e.g. GitHub's upload-sarif action).

Columns count Unicode code points (``columnKind``), as the other formats do; ``endColumn``
is the column just past the span, as SARIF defines it. A carriage return standing alone ends
a line, as it does for the linter, so ``newlineSequences`` says so. Each file's score and
grade are properties of its artifact, and a file that fails on its score gets a result of
the rule ``quality-score`` at its first line, since no single finding explains that failure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from quality.findings import Severity
from quality.inputs import printable_path

if TYPE_CHECKING:
    from quality.formats import RenderOptions
    from quality.lint.runner import LintRun
    from quality.ruleset import Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: The rule of a file whose score is under the fail-under threshold.
SCORE_RULE: dict[str, Any] = {
    "id": "quality-score",
    "name": "score-under-fail-under",
    "shortDescription": {"text": "The article's score is under the fail-under threshold."},
    "fullDescription": {
        "text": "The article's overall score is under the fail-under threshold: the points "
        "its findings and whole-text measures cost add up to a failing score."
    },
    "help": {
        "text": "Fix the findings that cost the most points (quality lint --format full "
        "lists them by scorer), or change fail-under in [tool.quality]."
    },
    "defaultConfiguration": {"level": "error"},
}


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI (forward slashes); an absolute one as file://.

    The file system's bytes are percent-encoded, so a name that is not UTF-8 (held as lone
    surrogates) becomes ``caf%E9.md`` rather than failing to encode.
    """
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(os.fsencode(candidate.as_posix()))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    short = rule.rationale.split(". ")[0].rstrip(".") + "." if rule.rationale else rule.name
    help_lines = [rule.rationale or rule.name]
    if rule.suggestion:
        help_lines.append(f"Fix: {rule.suggestion}")
    help_lines.append(
        f"Suppress: <!-- quality: ignore {rule.code} -- reason --> on the line before."
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.rationale or rule.name},
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"scorer": rule.scorer, "severity": rule.severity.value},
    }


def document(run: LintRun) -> dict[str, Any]:
    from quality import __version__

    rules = [run.rules[code] for code in sorted(run.rules)]
    index = {rule.code: i for i, rule in enumerate(rules)}
    descriptors = [rule_descriptor(rule) for rule in rules]
    if any(result.score_failure is not None for result in run.linted):
        index[SCORE_RULE["id"]] = len(descriptors)
        descriptors.append(SCORE_RULE)
    artifacts: list[dict[str, Any]] = []
    #: artifact -> its index; SARIF's artifacts must be unique, and the same file can be
    #: linted twice (named, and read from stdin under its name)
    artifact_index: dict[str, int] = {}
    results = []
    for result in run.linted:
        uri = artifact_uri(result.path)
        artifact = {
            "location": {"uri": uri},
            "properties": {"score": result.score, "grade": result.grade, "passed": result.passed},
        }
        key = json.dumps(artifact, sort_keys=True)
        if key not in artifact_index:
            artifact_index[key] = len(artifacts)
            artifacts.append(artifact)
        artifact_location = {"uri": uri, "index": artifact_index[key]}
        for f in result.findings:
            region = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
            }
            entry = _result(f.rule, LEVELS[f.severity], f.message, artifact_location, region)
            if f.rule in index:
                entry["ruleIndex"] = index[f.rule]
            if f.suggestion:
                entry["properties"] = {"suggestion": f.suggestion}
            results.append(entry)
        if result.score_failure is not None:
            entry = _result(
                SCORE_RULE["id"], "error", result.score_failure, artifact_location, {"startLine": 1}
            )
            entry["ruleIndex"] = index[SCORE_RULE["id"]]
            results.append(entry)
    invocation_notes = [
        {"level": "error", "message": {"text": f"{printable_path(r.path)}: {r.error}"}}
        for r in run.errors
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "quality",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not run.errors,
                        "toolExecutionNotifications": invocation_notes,
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "newlineSequences": ["\r\n", "\n", "\r"],
                "artifacts": artifacts,
                "results": results,
            }
        ],
    }


def _result(
    rule: str, level: str, message: str, artifact: dict[str, Any], region: dict[str, int]
) -> dict[str, Any]:
    return {
        "ruleId": rule,
        "level": level,
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
    }


def write(run: LintRun, out: TextIO, options: RenderOptions) -> None:
    json.dump(document(run), out, ensure_ascii=False, indent=2)
    out.write("\n")
