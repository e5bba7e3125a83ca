"""SARIF 2.1.0, for code-scanning dashboards (e.g. GitHub's upload-sarif action).

Columns count Unicode code points (``columnKind``), as the other formats do; ``endColumn``
is the column just past the span, as SARIF defines it. A carriage return standing alone ends
a line, as it does for the linter, so ``newlineSequences`` says so. Each file's score and
grade are properties of its artifact, and a file that fails on its score gets a result of
the rule ``quality-score`` at its first line, since no single finding explains that failure.

A relative path is a URI relative to ``%SRCROOT%``, the folder the linter ran in (given in
``originalUriBaseIds``). Each result carries the ``primaryLocationLineHash`` fingerprint that
GitHub code scanning matches results by across commits, computed as GitHub's upload action
computes it, so that a file uploaded through the API is matched the same way. A file that
could not be linted is a notification of the invocation, at that file.
"""

from __future__ import annotations

import json
import os
import sys
from array import array
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
#: The base that relative artifact URIs are relative to, as GitHub's examples name it.
SOURCE_ROOT = "%SRCROOT%"
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


def artifact_location(path: str) -> dict[str, Any]:
    """Where ``path`` is: a relative one relative to ``%SRCROOT%``, an absolute one alone."""
    uri = artifact_uri(path)
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SOURCE_ROOT}


def _source_root() -> dict[str, Any] | None:
    """``%SRCROOT%``: the folder the linter ran in, which relative paths start from; None
    when that folder is gone."""
    try:
        cwd = Path.cwd()
    except OSError:
        return None
    # A base URI must end with a slash, or resolving against it drops its last segment.
    return {"uri": cwd.as_uri().rstrip("/") + "/"}


#: The rolling hash of GitHub's ``primaryLocationLineHash`` (codeql-action's fingerprints):
#: 64-bit arithmetic, base 37, over the first 100 characters of a line and those after it.
_BLOCK = 100
_BASE = 37
_MASK = (1 << 64) - 1
_FIRST_MOD = pow(_BASE, _BLOCK, 1 << 64)
_SPACE, _TAB, _LF, _CR, _END = 0x20, 0x09, 0x0A, 0x0D, 0xFFFF
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


def line_hashes(text: str) -> list[str]:
    """Each line's ``primaryLocationLineHash`` (index 0 for line 1), as GitHub's upload action
    computes it: a hash of the line's first 100 characters and those after it, spaces and
    tabs left out and every line end read as ``\n``, in UTF-16 code units as JavaScript
    reads them, then ``:n`` for the n-th line with that hash. It depends on what the line
    says, not on where it is, so a result keeps its fingerprint when lines above it change."""
    units = array("H")
    units.frombytes(text.encode(_UTF16, "surrogatepass"))
    values: list[int] = []
    starts: list[int] = []
    line_start, after_cr = True, False
    for unit in (*units, _END):
        if unit in (_SPACE, _TAB) or (after_cr and unit == _LF):
            after_cr = False
            continue
        after_cr = unit == _CR
        if after_cr:
            unit = _LF
        if line_start:
            starts.append(len(values))
            line_start = False
        if unit == _LF:
            line_start = True
        values.append(unit)
    values.extend([0] * _BLOCK)
    # prefix[k] is the hash of values[:k]; a window's hash is the difference of two.
    prefix = [0]
    running = 0
    for value in values:
        running = (running * _BASE + value) & _MASK
        prefix.append(running)
    seen: dict[str, int] = {}
    hashes = []
    for start in starts:
        digest = format((prefix[start + _BLOCK] - prefix[start] * _FIRST_MOD) & _MASK, "x")
        seen[digest] = seen.get(digest, 0) + 1
        hashes.append(f"{digest}:{seen[digest]}")
    return hashes


#: GitHub code scanning's limits on a rule's descriptions and name, in characters.
DESCRIPTION_LIMIT = 1024
NAME_LIMIT = 255


def _at_most(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A rule as code scanning shows it. A rule file of a newsroom's own can have a longer
    rationale than code scanning takes in a description, so the descriptions are cut to
    its limit; the help keeps the whole text."""
    short = rule.rationale.split(". ")[0].rstrip(".") + "." if rule.rationale else rule.name
    help_lines = [rule.rationale or rule.name]
    if rule.suggestion:
        help_lines.append(f"Fix: {rule.suggestion}")
    help_lines.append(
        f"Suppress: <!-- quality: ignore {rule.code} -- reason --> on the line before."
    )
    return {
        "id": rule.code,
        "name": _at_most(rule.name, NAME_LIMIT),
        "shortDescription": {"text": _at_most(short, DESCRIPTION_LIMIT)},
        "fullDescription": {"text": _at_most(rule.rationale or rule.name, DESCRIPTION_LIMIT)},
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
        location = artifact_location(result.path)
        artifact = {
            "location": location,
            "properties": {"score": result.score, "grade": result.grade, "passed": result.passed},
        }
        key = json.dumps(artifact, sort_keys=True)
        if key not in artifact_index:
            artifact_index[key] = len(artifacts)
            artifacts.append(artifact)
        artifact_location_ = {**location, "index": artifact_index[key]}
        fingerprints = line_hashes(result.source) if result.findings or result.score_failure else []
        for f in result.findings:
            region = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
            }
            entry = _result(f.rule, LEVELS[f.severity], f.message, artifact_location_, region)
            _fingerprint(entry, fingerprints, f.line)
            if f.rule in index:
                entry["ruleIndex"] = index[f.rule]
            if f.suggestion:
                entry["properties"] = {"suggestion": f.suggestion}
            results.append(entry)
        if result.score_failure is not None:
            entry = _result(
                SCORE_RULE["id"],
                "error",
                result.score_failure,
                artifact_location_,
                {"startLine": 1},
            )
            _fingerprint(entry, fingerprints, 1)
            entry["ruleIndex"] = index[SCORE_RULE["id"]]
            results.append(entry)
    invocation_notes = [
        {
            "level": "error",
            # The reason can quote a file name that is not UTF-8, as the path can.
            "message": {"text": printable_path(f"{r.path}: {r.error}")},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}],
        }
        for r in run.errors
    ]
    source_root = _source_root()
    invocation: dict[str, Any] = {
        "executionSuccessful": not run.errors,
        "toolExecutionNotifications": invocation_notes,
    }
    if source_root is not None:
        # GitHub makes absolute URIs relative with it when the upload names no checkout.
        invocation["workingDirectory"] = source_root
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
                "invocations": [invocation],
                **({"originalUriBaseIds": {SOURCE_ROOT: source_root}} if source_root else {}),
                "columnKind": "unicodeCodePoints",
                "newlineSequences": ["\r\n", "\n", "\r"],
                "artifacts": artifacts,
                "results": results,
            }
        ],
    }


def _fingerprint(entry: dict[str, Any], fingerprints: list[str], line: int) -> None:
    if 1 <= line <= len(fingerprints):
        entry["partialFingerprints"] = {"primaryLocationLineHash": fingerprints[line - 1]}


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
