"""Scorer weights and grade bands: plain JSON, validated on load, never pickled.

The overall score is ``base - sum(weight * (1 - sub_score))`` clipped to [0, 100]: a weight
is the most points one scorer can take off, so every point lost is traceable to a scorer.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quality.article import shown_value
from quality.errors import ConfigError
from quality.inputs import utf8_problem
from quality.inputs.jsonl import JSONProblem, read_json

SCHEMA = "quality-weights/1"

#: Largest weights file read: real ones are well under a kilobyte.
MAX_FILE_BYTES = 1_000_000
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "weights.json"
DEFAULT_UNKNOWN_SHARE = 0.5
#: Scores, grade minima and fail-under are on a 0-100 scale, whatever ``base`` is.
SCORE_SCALE = 100.0
#: The largest ``base``: the score is ``(base - lost) * 100 / base``, and a base near the
#: largest float overflows there to infinity, which is no score (and no JSON number).
MAX_BASE = 1e300


@dataclass(frozen=True)
class Weights:
    weights: Mapping[str, float]
    grades: tuple[tuple[float, str], ...]
    fail_under: float = 60.0
    base: float = 100.0
    default_weight: float = 20.0
    source: str = "<default>"
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: scorer id -> share of its weight charged when it cannot run (default 0.5); near-certain
    #: but rare evidence such as chatbot leaks has a small share.
    unknown_share: Mapping[str, float] = field(default_factory=dict)

    def weight(self, scorer_id: str) -> float:
        return float(self.weights.get(scorer_id, self.default_weight))

    def unknown_share_of(self, scorer_id: str) -> float:
        """The share of its weight a scorer costs when it cannot run on an article."""
        return float(self.unknown_share.get(scorer_id, DEFAULT_UNKNOWN_SHARE))

    def unknown_penalty(self, scorer_id: str) -> float:
        """Points charged for a scorer that could not run on an article."""
        return self.weight(scorer_id) * self.unknown_share_of(scorer_id)

    def grade(self, score: float) -> str:
        for minimum, label in self.grades:
            if score >= minimum:
                return label
        return self.grades[-1][1]

    @property
    def lowest_grade(self) -> str:
        return self.grades[-1][1]

    def with_overrides(self, overrides: Mapping[str, float], source: str | None = None) -> Weights:
        """These weights with some replaced; ``source`` names where the new ones came from
        in errors (default: this file)."""
        merged = dict(self.weights)
        for scorer_id, value in overrides.items():
            merged[scorer_id] = _number(value, f"weight of '{scorer_id}'", source or self.source)
        return replace(self, weights=merged)

    def check_scorers(self, known: Iterable[str]) -> None:
        """Refuse weights or unknown shares for scorers not in ``known``: a misspelt id
        ("fillr") would otherwise be ignored, and the scorer meant would silently keep
        ``default_weight``."""
        known = set(known)
        unknown = sorted((set(self.weights) | set(self.unknown_share)) - known)
        if unknown:
            raise ConfigError(
                f"{self.source}: unknown scorer(s) {', '.join(map(repr, unknown))} "
                f"(known: {', '.join(sorted(known))})"
            )

    def to_dict(self) -> dict[str, Any]:
        data = {
            "schema": SCHEMA,
            "base": self.base,
            "default_weight": self.default_weight,
            "weights": dict(self.weights),
            "grades": [{"min": m, "grade": g} for m, g in self.grades],
            "fail_under": self.fail_under,
            "unknown_share": dict(self.unknown_share),
        }
        data.update(self.extra)
        return data

    @classmethod
    def load(cls, path: str | Path | None = None) -> Weights:
        where = str(path or DEFAULT_PATH)
        try:
            # Read up to a limit: a path to a device or a dump (/dev/zero, a data file named
            # by mistake) must be an error, not a read that never ends.
            with Path(where).open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise ConfigError(
                    f"{where}: weights file is over {MAX_FILE_BYTES // 1_000_000} MB; a weights "
                    "file is a few hundred bytes of JSON (see docs/evaluation.md)"
                )
            # utf-8-sig: editors on Windows start the file with a byte order mark, which the
            # labelled data files and seeds already accept.
            text = raw.decode("utf-8-sig")
            data = read_json(text)
            _refuse_duplicate_keys(text, where)
        except OSError as exc:
            raise ConfigError(f"{where}: cannot read weights file: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"{where}: weights file is {utf8_problem(raw, exc)}; save it as UTF-8"
            ) from exc
        except JSONProblem as exc:
            raise ConfigError(f"{where}: weights file is not valid JSON: {exc}") from None
        return cls.from_dict(data, source=where)

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<weights>") -> Weights:
        if not isinstance(data, dict):
            raise ConfigError(f"{source}: weights file must hold a JSON object")
        if data.get("schema") != SCHEMA:
            raise ConfigError(f"{source}: 'schema' must be {SCHEMA!r}, got {data.get('schema')!r}")
        raw = data.get("weights")
        if not isinstance(raw, dict):
            raise ConfigError(f"{source}: 'weights' must be an object of scorer id to number")
        weights = {str(k): _number(v, f"weight of '{k}'", source) for k, v in raw.items()}
        grades_raw = data.get("grades")
        if not isinstance(grades_raw, list) or not grades_raw:
            raise ConfigError(f"{source}: 'grades' must be a non-empty list of {{min, grade}}")
        grades = _grades(grades_raw, source)
        unknown_raw = data.get("unknown_share", {})
        if not isinstance(unknown_raw, dict):
            raise ConfigError(f"{source}: 'unknown_share' must be an object of scorer id to number")
        unknown_share = {
            str(key): _number(value, f"unknown_share of '{key}'", source, high=1.0)
            for key, value in unknown_raw.items()
        }
        known = {
            "schema",
            "weights",
            "grades",
            "fail_under",
            "base",
            "default_weight",
            "description",
            "unknown_share",
        }
        _refuse_misspelt_keys(data, known | {"fitted"}, source)
        base = _number(data.get("base", 100), "base", source, high=MAX_BASE)
        if base == 0:
            raise ConfigError(
                f"{source}: base must be more than 0 (the points an article starts from)"
            )
        return cls(
            weights=weights,
            grades=tuple(grades),
            fail_under=_number(data.get("fail_under", 60), "fail_under", source, high=SCORE_SCALE),
            base=base,
            default_weight=_number(data.get("default_weight", 20), "default_weight", source),
            source=source,
            extra={k: v for k, v in data.items() if k not in known},
            unknown_share=unknown_share,
        )


def _refuse_duplicate_keys(text: str, source: str) -> None:
    """A key written twice in one object (a weight edited by adding a line, not by changing
    one) would silently keep only its last value."""

    def check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ConfigError(
                    f"{source}: key {key!r} appears twice in one object; keep one of them"
                )
            seen.add(key)
        return dict(pairs)

    # The text has parsed already, so the only error left is the duplicate.
    json.loads(text, object_pairs_hook=check)


def _refuse_misspelt_keys(data: Mapping[str, Any], known: set[str], source: str) -> None:
    """Other top-level keys are kept as notes, but one that looks like a known key
    ("fail-under", "weight") is a slip that would silently leave the default in force."""
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.8)
        if close:
            raise ConfigError(f"{source}: unknown key {key!r}; did you mean {close[0]!r}?")


def _grades(raw: list[Any], source: str) -> list[tuple[float, str]]:
    """(minimum score, label) bands, highest first. A score is 0-100, so a minimum above 100
    names a grade no article can get; two bands with one minimum leave the grade to the
    spelling of their labels."""
    grades: list[tuple[float, str]] = []
    for item in raw:
        label = item.get("grade") if isinstance(item, dict) else None
        if not isinstance(label, str) or not label.strip():
            raise ConfigError(f"{source}: each grade needs a 'grade' label and a 'min' score")
        unknown = sorted(set(item) - {"grade", "min"})
        if unknown:
            raise ConfigError(
                f"{source}: grade {label} has unknown key(s) {', '.join(map(repr, unknown))}; "
                "a grade has 'grade' and 'min'"
            )
        minimum = _number(item.get("min"), f"min of grade {label}", source, high=SCORE_SCALE)
        if any(minimum == other for other, _ in grades):
            raise ConfigError(f"{source}: two grades have min {minimum:g}; give each its own")
        if any(label == other for _, other in grades):
            raise ConfigError(f"{source}: two grades are labelled {label!r}; give each its own")
        grades.append((minimum, label))
    grades.sort(reverse=True)
    return grades


def _number(value: Any, what: str, source: str, *, high: float | None = None) -> float:
    # NaN passes every comparison test, so it is ruled out by name: as a weight it would
    # silently score every article 100, and reports could not be written as JSON. An int too
    # large for a float (10**400) is no finite number either, and math.isfinite raises on it.
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not _finite(value)
        or value < 0
    ):
        shown = shown_value(value, 40)
        raise ConfigError(f"{source}: {what} must be a non-negative number, got {shown}")
    if high is not None and value > high:
        shown = shown_value(value, 40)
        raise ConfigError(f"{source}: {what} must be at most {high:g}, got {shown}")
    return float(value)


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
