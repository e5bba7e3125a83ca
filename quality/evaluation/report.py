"""Rendering an evaluation as Markdown tables (readable as plain text) or JSON."""

from __future__ import annotations

import json
import operator
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quality.errors import InputError
from quality.evaluation.measures import Evaluation

#: Targets the development split is measured against (docs/evaluation.md).
TARGETS = {
    "auc": 0.90,
    "auc_per_dataset": 0.85,
    "human_news_below_fail_under": 0.02,
    "vague_flagged": 0.50,
    "named_flagged": 0.05,
    "comments_detected": 0.90,
    "comments_false": 0.03,
    "dates_exact": 0.90,
    "missing_reported": 0.90,
}


#: How a measured value is held against its limit. The seeds are one target over several
#: scores: each seed must score below fail-under.
COMPARISONS: dict[str, Callable[[Any, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "all <": lambda values, limit: all(value < limit for value in values),
}


@dataclass(frozen=True)
class TargetCheck:
    """One target held against the value measured for it: the single place that decides
    whether a target is met, for the tables, the JSON and ``quality eval --check`` alike."""

    #: Stable name for scripts (the measure's wording carries counts that change with the data).
    id: str
    measure: str
    value: float | list[float] | None
    op: str
    limit: float
    shown_value: str
    shown_target: str

    @property
    def met(self) -> bool | None:
        """None when the value could not be measured (a dataset with texts of one class only,
        say): such a target is neither met nor missed."""
        if self.value is None:
            return None
        # bool(): a numpy value would compare to a numpy bool, which JSON cannot write.
        return bool(COMPARISONS[self.op](self.value, self.limit))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "measure": self.measure,
            "value": self.value,
            "target": {"op": self.op, "limit": self.limit},
            "met": self.met,
        }


def _share_check(
    check_id: str, measure: str, value: float | None, op: str, limit: float
) -> TargetCheck:
    return TargetCheck(check_id, measure, value, op, limit, fmt(value), f"{op} {limit:.0%}")


def _auc_check(check_id: str, measure: str, value: float | None, limit: float) -> TargetCheck:
    return TargetCheck(check_id, measure, value, ">=", limit, fmt(value, "auc"), f">= {limit}")


def _overall_checks(o: Mapping[str, Any]) -> list[TargetCheck]:
    checks = []
    if "auc" in o:
        checks.append(_auc_check("auc", "AUC human vs machine (all)", o["auc"], TARGETS["auc"]))
        checks += [
            _auc_check(
                f"auc_per_dataset/{name}",
                f"AUC, dataset {name}",
                d["auc"],
                TARGETS["auc_per_dataset"],
            )
            for name, d in o["per_dataset"].items()
        ]
    if "human_news" in o:
        h = o["human_news"]
        checks.append(
            _share_check(
                "human_news_below_fail_under",
                f"human-news below fail-under ({h['n']} articles)",
                h["below_fail_under"],
                "<=",
                TARGETS["human_news_below_fail_under"],
            )
        )
    if "seeds" in o:
        scores = [s["score"] for s in o["seeds"]]
        checks.append(
            TargetCheck(
                "seeds_below_fail_under",
                f"seed scores (fail-under {o['fail_under']:g})",
                scores,
                "all <",
                o["fail_under"],
                ", ".join(f"{score:.0f}" for score in scores),
                "all below",
            )
        )
    return checks


def _attribution_checks(a: Mapping[str, Any]) -> list[TargetCheck]:
    # Only the vague and named labels have a target; no_source is reported without one.
    targets = {"vague": (">=", TARGETS["vague_flagged"]), "named": ("<=", TARGETS["named_flagged"])}
    return [
        _share_check(
            f"{label}_flagged",
            f"{label}-attribution sentences flagged (of {a['n'][label]})",
            a["flagged"][label],
            op,
            limit,
        )
        for label, (op, limit) in targets.items()
        if label in a["flagged"]
    ]


def _residue_checks(r: Mapping[str, Any]) -> list[TargetCheck]:
    return [
        _share_check(
            "comments_detected",
            f"reader comments found at article end ({r['n_with_comments']} pages)",
            r["detected_reader_comments"],
            ">=",
            TARGETS["comments_detected"],
        ),
        _share_check(
            "comments_false",
            f"comment residue on pages without comments ({r['n_without_comments']} pages)",
            r["false_comment_reports"],
            "<=",
            TARGETS["comments_false"],
        ),
    ]


def _dates_checks(d: Mapping[str, Any]) -> list[TargetCheck]:
    return [
        _share_check(
            "dates_exact",
            f"exact date on dated pages ({d['n_dated']})",
            d["exact"],
            ">=",
            TARGETS["dates_exact"],
        ),
        _share_check(
            "missing_reported",
            f"missing date reported on undated pages ({d['n_undated']})",
            d["missing_reported_on_undated"],
            ">=",
            TARGETS["missing_reported"],
        ),
    ]


#: Each section of the results with a target, in the order of the tables.
SECTION_CHECKS: dict[str, Callable[[Mapping[str, Any]], list[TargetCheck]]] = {
    "overall": _overall_checks,
    "attribution": _attribution_checks,
    "residue": _residue_checks,
    "dates": _dates_checks,
}


def target_checks(evaluation: Evaluation) -> list[TargetCheck]:
    """Every target whose section was evaluated, unmeasurable values included (``met`` None)."""
    results = evaluation.results
    return [
        check
        for section, checks_of in SECTION_CHECKS.items()
        if section in results
        for check in checks_of(results[section])
    ]


def fmt(value: Any, kind: str = "share") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if kind == "share":
        return f"{100 * value:.1f}%"
    if kind == "auc":
        return f"{value:.3f}"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _check(ok: bool | None) -> str:
    return "n/a" if ok is None else "met" if ok else "MISSED"


def _target_row(check: TargetCheck) -> list[str]:
    return [check.measure, check.shown_value, check.shown_target, _check(check.met)]


def render_markdown(evaluation: Evaluation, *, top_rules: int | None = None) -> str:
    out: list[str] = ["# Evaluation", ""]
    settings = evaluation.settings
    out.append(
        f"Weights: `{settings.get('weights')}`; scorers: {', '.join(settings.get('scorers', []))}"
    )
    out.append("")
    results = evaluation.results
    checks = {check.id: check for check in target_checks(evaluation)}
    if "overall" in results:
        out += _overall(results["overall"], checks)
    if "attribution" in results:
        out += _attribution(results["attribution"], checks)
    if "residue" in results:
        out += _residue(results["residue"], checks)
    if "dates" in results:
        out += _dates(results["dates"], checks)
    if "rules" in results:
        out += _rules(results["rules"], top_rules)
    return "\n".join(out).rstrip() + "\n"


def _overall(o: dict[str, Any], checks: Mapping[str, TargetCheck]) -> list[str]:
    out = ["## Overall score", ""]
    rows = []
    if "auc" in o:
        rows.append(_target_row(checks["auc"]))
        rows += [_target_row(checks[f"auc_per_dataset/{name}"]) for name in o["per_dataset"]]
        rows.append(
            [
                "mean score human / machine",
                f"{fmt(o['mean_score_human'], 'num')} / {fmt(o['mean_score_ai'], 'num')}",
                "",
                "",
            ]
        )
        rows.append(
            [
                f"machine texts below fail-under {o['fail_under']:g}",
                fmt(o["ai_below_fail_under"]),
                "",
                "",
            ]
        )
    if "human_news" in o:
        h = o["human_news"]
        rows.append(_target_row(checks["human_news_below_fail_under"]))
        rows.append(
            [f"human-news with grade {o['lowest_grade']}", fmt(h["lowest_grade"]), "near 0", ""]
        )
        rows.append(
            [
                "human-news median / 2nd percentile score",
                f"{fmt(h['median_score'], 'num')} / {fmt(h['p2_score'], 'num')}",
                "",
                "",
            ]
        )
    if "seeds" in o:
        rows.append(_target_row(checks["seeds_below_fail_under"]))
    out += _table(["measure", "value", "target", ""], rows)
    if o.get("per_model"):
        out += ["### Per model (its texts against the human texts of the same dataset)", ""]
        out += _table(
            ["dataset/model", "AUC", "machine texts", "mean machine score"],
            [
                [name, fmt(d["auc"], "auc"), str(d["n_ai"]), fmt(d["mean_score_ai"], "num")]
                for name, d in o["per_model"].items()
            ],
        )
    return out


def _attribution(a: dict[str, Any], checks: Mapping[str, TargetCheck]) -> list[str]:
    out = ["## Attribution (each sentence scored alone; flagged = any ATT1xx finding)", ""]
    rows = []
    for label in ("vague", "no_source", "named"):
        if label not in a["flagged"]:
            continue
        # A label without a target (no_source) reads "n/a" in the mark column, as unmeasured.
        check = checks.get(f"{label}_flagged")
        rows.append(
            [
                label,
                str(a["n"][label]),
                fmt(a["flagged"][label]),
                check.shown_target if check else "",
                _check(check.met if check else None),
            ]
        )
    out += _table(["label", "sentences", "flagged", "target", ""], rows)
    if a["by_rule"]:
        labels = [label for label in ("vague", "no_source", "named") if label in a["n"]]
        out += _table(
            ["rule", *labels],
            [
                [rule, *(fmt(shares.get(label)) for label in labels)]
                for rule, shares in a["by_rule"].items()
            ],
        )
    return out


def _residue(r: dict[str, Any], checks: Mapping[str, TargetCheck]) -> list[str]:
    out = [f"## Residue (comment sections; tolerance {r['tolerance']} characters)", ""]
    rows = [
        _target_row(checks["comments_detected"]),
        ["any residue reported at/after article end", fmt(r["detected_any_residue"]), "", ""],
        [
            "reader comments reported too early (cuts the article)",
            fmt(r["reported_too_early"]),
            "",
            "",
        ],
        _target_row(checks["comments_false"]),
        ["  of which reader comments (RES106)", fmt(r["false_reader_comments"]), "", ""],
        ["any residue on pages without comments", fmt(r["any_residue_without_comments"]), "", ""],
        [
            "distance of reported start from article end, median / p90 (chars)",
            f"{fmt(r['distance_median'], 'num')} / {fmt(r['distance_p90'], 'num')}",
            "",
            "",
        ],
    ]
    return out + _table(["measure", "value", "target", ""], rows)


def _dates(d: dict[str, Any], checks: Mapping[str, TargetCheck]) -> list[str]:
    out = ["## Dates (HTML pages)", ""]
    rows = [_target_row(checks["dates_exact"])]
    rows += [
        [f"  exact, {name}", fmt(value), "", ""] for name, value in d["exact_per_dataset"].items()
    ]
    rows += [
        _target_row(checks["missing_reported"]),
        [
            "time per page, mean / p90 (ms)",
            f"{fmt(d['ms_per_page_mean'], 'num')} / {fmt(d['ms_per_page_p90'], 'num')}",
            "",
            "",
        ],
    ]
    out += _table(["measure", "value", "target", ""], rows)
    if d["errors"]:
        out += [
            "Wrong dates: " + ", ".join(f"{k}: {v}" for k, v in sorted(d["errors"].items())),
            "",
        ]
    if d.get("gold_not_dates"):
        out += [
            "Gold dates that are no calendar date, counted as misses: "
            + ", ".join(d["gold_not_dates"]),
            "",
        ]
    return out


def _rules(r: dict[str, Any], top: int | None) -> list[str]:
    n = r["n"]
    out = [
        "## Per rule: findings per 1,000 articles and precision proxy",
        "",
        f"Articles: machine {n['ai']}, human (same stories) {n['human']}, "
        f"human-news {n['human_news']}. "
        "Balanced precision = machine rate / (machine rate + human rate): 0.5 means no signal.",
        "",
    ]
    # Every column counts: on human-news-only data the other two rates are all None, and a
    # key ignoring human-news would leave the rows in alphabetical order.
    rows = sorted(
        r["rules"].items(),
        key=lambda kv: (
            -sum(
                kv[1][column] or 0
                for column in ("per_1000_ai", "per_1000_human", "per_1000_human_news")
            ),
            kv[0],
        ),
    )
    if top is not None:
        rows = rows[:top]
    out += _table(
        [
            "rule",
            "per 1k machine",
            "per 1k human",
            "per 1k human-news",
            "precision raw",
            "balanced",
            "balanced vs human-news",
        ],
        [
            [
                rule,
                fmt(d["per_1000_ai"], "num"),
                fmt(d["per_1000_human"], "num"),
                fmt(d["per_1000_human_news"], "num"),
                fmt(d["precision_raw"], "auc"),
                fmt(d["precision_balanced"], "auc"),
                fmt(d["precision_vs_human_news"], "auc"),
            ]
            for rule, d in rows
        ],
    )
    return out


def check_output(path: Path, option: str) -> None:
    """Fail before the work, not after it, when ``path`` cannot be written: an evaluation or a
    fit takes minutes, and losing it to a typo in the output path is the worst time to learn."""
    if path.is_dir():
        raise InputError(f"{option} {path}: is a directory, not a file")
    parent = path.parent
    if not parent.is_dir():
        raise InputError(f"{option} {path}: directory {parent} not found")
    writable = os.access(path, os.W_OK) if path.exists() else os.access(parent, os.W_OK)
    if not writable:
        raise InputError(f"{option} {path}: not writable")


def write_text(path: Path, text: str, option: str) -> None:
    """Write ``path``, turning an OS failure the up-front check could not foresee into an error."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{option} {path}: cannot write: {exc.strerror or exc}") from exc


def to_json(evaluation: Evaluation) -> str:
    measured = [check.to_dict() for check in target_checks(evaluation) if check.met is not None]
    document = {**evaluation.to_dict(), "targets": measured}
    return json.dumps(document, indent=2, sort_keys=False) + "\n"


def write_json(evaluation: Evaluation, path: Path, option: str = "--json") -> None:
    write_text(path, to_json(evaluation), option)
