"""Per-source statistics over scored articles: how many, how good, how spread, what fires."""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from quality.inputs.urls import site_name

#: Grades counted as low in ``low_grade_share``.
LOW_GRADES = frozenset({"D", "F"})

#: Source of an article with neither a publisher nor a URL.
UNKNOWN_SOURCE = "(unknown)"


def source_key(publisher: Any = None, url: Any = None) -> str:
    """The publisher's name, else the URL's host (without ``www.``), else ``(unknown)``. A
    publisher written as a web address or a host ("www.Example.com", "https://example.com/",
    "example.com:8443") is that host, spelled as a URL's is: one site is one source however
    its records name it."""
    name = publisher_name(publisher) if isinstance(publisher, str) else ""
    if name:
        site = site_name(name) if _may_be_address(name) else None
        return site or name
    site = site_name(url) if isinstance(url, str) else None
    return site or UNKNOWN_SOURCE


#: Top-level domains written capitalised often enough ("Salon.Com") to be read as hosts.
_COMMON_TOP_LEVEL = frozenset(
    ("com", "net", "org", "gov", "edu", "info", "biz", "io", "co", "uk", "us", "ca", "au")
)


def _may_be_address(name: str) -> bool:
    """Whether a publisher's name may be written as a web address or a host. A name with
    spaces is none ("U.S. News"), and neither is one whose last dotted part is capitalised
    as a word and no common top-level domain ("Dr.Oz", "St.Louis")."""
    if any(char.isspace() for char in name):
        return False
    if "/" in name or ":" in name:  # a scheme, a port or a path: an address as typed
        return True
    last = name.rstrip(".").rpartition(".")[2]
    capitalised = last[:1].isupper() and last[1:].islower()
    return not capitalised or last.lower() in _COMMON_TOP_LEVEL


def publisher_name(publisher: str) -> str:
    """A publisher's name in one spelling: composed Unicode ("é" either way it was typed),
    without invisible format characters (zero-width spaces, byte order marks, direction
    marks), spaces collapsed. Empty when nothing visible is left."""
    composed = unicodedata.normalize("NFC", publisher)
    visible = "".join(char for char in composed if not _invisible(char))
    return " ".join(visible.split())


def _invisible(char: str) -> bool:
    # Zero-width joiners are kept: they shape Persian and Indic words and join emoji.
    return unicodedata.category(char) == "Cf" and char not in "\u200c\u200d"


def record_source(record: Mapping[str, Any]) -> str:
    """The source of a scored record (``quality score`` output) or of an article record."""
    article = record.get("article")
    meta = article if isinstance(article, Mapping) else record
    return source_key(meta.get("publisher"), meta.get("url"))


@dataclass
class SourceStats:
    """One source's figures. ``top_rules`` is (rule, articles it fired in), most first."""

    source: str
    articles: int
    mean_score: float
    stdev_score: float
    low_grade_share: float
    grades: dict[str, int]
    top_rules: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "articles": self.articles,
            "mean_score": round(self.mean_score, 2),
            "stdev_score": round(self.stdev_score, 2),
            "low_grade_share": round(self.low_grade_share, 4),
            "grades": dict(sorted(self.grades.items())),
            "top_rules": [{"rule": rule, "articles": n} for rule, n in self.top_rules],
        }


def score_problem(record: Mapping[str, Any]) -> str | None:
    """Why ``record`` is not a scored article (None when it is one)."""
    if is_error_record(record):
        return "it is an error record"
    score = record.get("score")
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 100:
        return f"'score' must be a number from 0 to 100, got {score!r}"
    grade = record.get("grade")
    if not isinstance(grade, str) or not grade.strip():
        # Counted as it is, a missing grade would show up as a grade called "None".
        return f"'grade' must be a grade name, got {grade!r}"
    findings = record.get("findings")
    if findings is not None and not isinstance(findings, list):
        return f"'findings' must be a list, got {type(findings).__name__}"
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        # One such line would otherwise leave the whole batch without boilerplate checks.
        return f"'text' must be a string, got {type(text).__name__}"
    return None


def is_error_record(record: Mapping[str, Any]) -> bool:
    """Whether ``record`` is an error line of ``quality score`` (``"error": null`` is none)."""
    return record.get("error") is not None


def fired_rules(record: Mapping[str, Any]) -> set[str]:
    """The rules that fired in a scored record, each once; findings that name no rule (or
    name it with something other than a string) are left out."""
    rules = (f.get("rule") for f in record.get("findings") or () if isinstance(f, Mapping))
    return {rule for rule in rules if isinstance(rule, str)}


def summarise_sources(records: Iterable[Mapping[str, Any]], *, top: int = 5) -> list[SourceStats]:
    """Statistics per source from scored records, largest source first.

    Records are ``quality score`` output lines (``score``, ``grade``, ``findings``,
    ``article``); error records carry no score and are left out.
    """
    scores: dict[str, list[float]] = defaultdict(list)
    grades: dict[str, Counter[str]] = defaultdict(Counter)
    rules: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        if score_problem(record) is not None:
            continue
        source = record_source(record)
        scores[source].append(float(record["score"]))
        grades[source][record["grade"]] += 1
        rules[source].update(fired_rules(record))
    stats = []
    for source, values in scores.items():
        count = len(values)
        low = sum(n for grade, n in grades[source].items() if grade in LOW_GRADES)
        stats.append(
            SourceStats(
                source=source,
                articles=count,
                mean_score=statistics.fmean(values),
                stdev_score=statistics.stdev(values) if count > 1 else 0.0,
                low_grade_share=low / count,
                grades=dict(grades[source]),
                top_rules=sorted(rules[source].items(), key=lambda kv: (-kv[1], kv[0]))[:top],
            )
        )
    stats.sort(key=lambda s: (-s.articles, s.source))
    return stats
