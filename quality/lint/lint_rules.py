"""Rules of the linter itself (about suppression comments, not about the article).

They are defined here rather than in ``rules/`` because no scorer runs them and they cost
no points; they are listed, selected and ignored like every other rule.
"""

from __future__ import annotations

from typing import Any

from quality.findings import Severity
from quality.ruleset import Rule

LINT_SCORER = "lint"


def _lint_rule(**fields: Any) -> Rule:
    """A warning-level rule of the linter: matched in code, costing no points."""
    return Rule(
        scorer=LINT_SCORER,
        severity=Severity.WARNING,
        penalty=0.0,
        phrases=(),
        patterns=(),
        case_sensitive=False,
        exempt_quotes=False,
        options={},
        languages=("*",),
        path=__file__,
        **fields,
    )


UNUSED_SUPPRESSION = _lint_rule(
    code="SUP001",
    name="unused-suppression",
    message="Unused suppression: {detail}",
    rationale=(
        "A suppression comment that silences nothing hides the next real finding at that "
        "place and misleads readers of the draft; remove it once the text is fixed."
    ),
    suggestion="Delete the suppression comment, or fix its code.",
    examples_fire=(
        "<!-- quality: ignore FIL101 -- quoted from the press release -->\n"
        "The minister announced the budget on Tuesday.",
    ),
    examples_pass=(
        "<!-- quality: ignore FIL101 -- quoted from the press release -->\n"
        "The plan offers a glimmer of hope, the release said.",
    ),
)

MALFORMED_SUPPRESSION = _lint_rule(
    code="SUP002",
    name="malformed-suppression",
    message="Suppression comment not understood: {detail}",
    rationale=(
        "A mistyped suppression comment silently does nothing; the linter says so instead "
        "of leaving the author to believe the finding is handled."
    ),
    suggestion=(
        "Write <!-- quality: ignore|disable|enable|file-ignore CODE[, CODE] -- reason --> "
        "(or {/* quality: ... */} in MDX, # quality: ... in .txt files)."
    ),
    examples_fire=("<!-- quality: ignroe FIL101 -->",),
    examples_pass=("<!-- quality: ignore FIL101 -- the phrase is the interviewee's -->",),
)

LINT_RULES: tuple[Rule, ...] = (UNUSED_SUPPRESSION, MALFORMED_SUPPRESSION)
