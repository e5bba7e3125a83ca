"""The report: overall score, grade, each scorer's share, and the findings behind them."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from quality.article import Article
from quality.findings import Finding, one_line

#: Bumped whenever the shape of ``Report.to_dict()`` changes; see docs/report.schema.json.
SCHEMA_VERSION = 1


@dataclass(slots=True)
class ScorerSummary:
    """One scorer's part in the overall score.

    ``contribution`` is the points this scorer took off (zero or negative): its weight times
    how far its sub-score fell below 1. A scorer that could not run has ``ran`` false and a
    ``reason``; it contributes nothing.
    """

    id: str
    version: str
    score: float | None
    weight: float
    contribution: float
    ran: bool = True
    reason: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    #: Sentences that say what cost points where no finding points at a place in the text.
    notes: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[ScorerSummary], tuple[Any, ...]]:
        # Pickled as its fields in order: worker processes send every report back, and a
        # tuple is rebuilt several times faster than an instance dict is restored.
        return (ScorerSummary, _summary_fields(self))

    @property
    def rounded_contribution(self) -> float:
        """The contribution to two decimals, as reports show it: 0.0 rather than -0.0 when
        nothing is lost (a sub-score of 1, a weight of 0, a loss under half a hundredth)."""
        return round(self.contribution, 2) + 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "score": None if self.score is None else round(self.score, 4),
            "weight": self.weight,
            "contribution": self.rounded_contribution,
            "ran": self.ran,
            "reason": self.reason,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "notes": list(self.notes),
        }


_summary_fields = attrgetter(*(f.name for f in fields(ScorerSummary)))


@dataclass
class Report:
    score: float
    grade: str
    findings: list[Finding]
    scorers: dict[str, ScorerSummary]
    article: Article
    language: str
    base: float = 100.0

    @property
    def complete(self) -> bool:
        """False when some scorer could not run (e.g. no rules for the article's language)."""
        return all(s.ran for s in self.scorers.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "score": self.score,
            "grade": self.grade,
            "language": self.language,
            "complete": self.complete,
            "scorers": {sid: s.to_dict() for sid, s in self.scorers.items()},
            "findings": [f.to_dict() for f in self.findings],
            "article": self.article.metadata(),
        }

    def to_json(self, **kwargs: Any) -> str:
        # ensure_ascii=False unless the caller asks otherwise.
        return json.dumps(self.to_dict(), **{"ensure_ascii": False, **kwargs})

    def explain(self) -> str:
        """A plain-text account: the score, then what cost points, biggest first."""
        # A title or id may hold line breaks (metadata is taken as given), which would
        # break the account's first line in two.
        names = (
            one_line(name or "", _TITLE_CHARS, ellipsis="...")
            for name in (self.article.title, self.article.id)
        )
        title = next((name for name in names if name), "article")
        lines = [f"{title}: {shown_score(self.score)}/100, grade {self.grade}"]
        arithmetic = [f"{self.base:.0f}"]
        for summary in sorted(self.scorers.values(), key=lambda s: s.contribution):
            if summary.contribution < -0.05:
                arithmetic.append(f"- {-summary.contribution:.1f} ({summary.id})")
        expression = " ".join(arithmetic)
        raw = self.base + sum(s.contribution for s in self.scorers.values())
        if self.base and self.base != 100:
            # Weights on another scale: the points left are scaled to 100.
            expression = f"({expression}) x 100/{self.base:g}"
            raw = raw * 100 / self.base
        total = f" = {self.score:.1f}" if raw >= 0 else f" = {raw:.1f}, which stops at 0.0"
        lines.append("  score = " + expression + total)
        by_scorer: dict[str, list[Finding]] = {}
        for finding in self.findings:
            by_scorer.setdefault(finding.scorer, []).append(finding)
        for summary in sorted(self.scorers.values(), key=lambda s: (s.contribution, s.id)):
            if not summary.ran:
                # A scorer with no weight is charged nothing, and saying it was would
                # contradict the "0.0 points" beside it.
                charged = (
                    "; charged because nothing is known either way"
                    if _points(summary.contribution) != _NO_POINTS
                    else ""
                )
                lines.append(
                    f"\n{summary.id}: {_points(summary.contribution)}, "
                    f"not run ({summary.reason}){charged}"
                )
                continue
            found = by_scorer.get(summary.id, [])
            if summary.contribution > -0.05 and not found:
                continue
            lines.append(
                f"\n{summary.id}: {_points(summary.contribution)} "
                f"(sub-score {summary.score:.2f} x weight {summary.weight:g})"
            )
            lines.extend(f"  {note}" for note in summary.notes)
            for finding in sorted(found, key=lambda f: (-f.severity.rank, f.start)):
                quoted = one_line(finding.excerpt, _QUOTE_CHARS, ellipsis="...")
                where = f"{finding.line}:{finding.column}"
                lines.append(f"  {where} {finding.rule} [{finding.severity}] {finding.message}")
                if quoted and not _quotes(finding.message, quoted):
                    lines.append(f"      \u201c{quoted}\u201d")
                if finding.suggestion:
                    lines.append(f"      fix: {finding.suggestion}")
        if self.article.stripped:
            removed = len(self.article.stripped)
            lines.append(
                f"\nHTML boilerplate removed before scoring: {removed} "
                + ("block" if removed == 1 else "blocks")
            )
        return "\n".join(lines)


def shown_score(score: float | None) -> int:
    """A score as a whole number, rounded down: 59.6 shown as 60 would contradict "FAIL
    (score under 60)", and 84.6 as 85 its grade B."""
    return math.floor(score or 0.0)


_NO_POINTS = "0.0 points"
#: The most characters of a quoted excerpt, and of the title, that explain() shows.
_QUOTE_CHARS = 70
_TITLE_CHARS = 100


def _points(contribution: float) -> str:
    """Points lost as "-2.5 points"; "0.0 points" when nothing shows at one decimal (a weight
    of 0, a sub-score of 1), never "-0.0"."""
    lost = round(-contribution, 1)
    return f"-{lost:.1f} points" if lost > 0 else _NO_POINTS


def _quotes(message: str, excerpt: str) -> bool:
    """Whether ``message`` already quotes ``excerpt`` (shown by ``one_line``): whole, or
    its start where the message cut it shorter or left off a comma it opens with (a
    message quotes ", leading to" as "leading to")."""
    start = excerpt.removesuffix("...").strip(" ,")
    return excerpt in message or f"\u201c{start[:40]}" in message
