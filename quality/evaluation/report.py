"""Rendering an evaluation as Markdown tables (readable as plain text) or JSON."""

from __future__ import annotations

import json
import os
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


def render_markdown(evaluation: Evaluation, *, top_rules: int | None = None) -> str:
    out: list[str] = ["# Evaluation", ""]
    settings = evaluation.settings
    out.append(
        f"Weights: `{settings.get('weights')}`; scorers: {', '.join(settings.get('scorers', []))}"
    )
    out.append("")
    results = evaluation.results
    if "overall" in results:
        out += _overall(results["overall"])
    if "attribution" in results:
        out += _attribution(results["attribution"])
    if "residue" in results:
        out += _residue(results["residue"])
    if "dates" in results:
        out += _dates(results["dates"])
    if "rules" in results:
        out += _rules(results["rules"], top_rules)
    return "\n".join(out).rstrip() + "\n"


def _overall(o: dict[str, Any]) -> list[str]:
    out = ["## Overall score", ""]
    rows = []
    if "auc" in o:
        rows.append(
            [
                "AUC human vs machine (all)",
                fmt(o["auc"], "auc"),
                f">= {TARGETS['auc']}",
                _check(None if o["auc"] is None else o["auc"] >= TARGETS["auc"]),
            ]
        )
        for name, d in o["per_dataset"].items():
            auc = d["auc"]
            rows.append(
                [
                    f"AUC, dataset {name}",
                    fmt(auc, "auc"),
                    f">= {TARGETS['auc_per_dataset']}",
                    _check(None if auc is None else auc >= TARGETS["auc_per_dataset"]),
                ]
            )
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
        limit = TARGETS["human_news_below_fail_under"]
        rows.append(
            [
                f"human-news below fail-under ({h['n']} articles)",
                fmt(h["below_fail_under"]),
                f"<= {100 * limit:.0f}%",
                _check(h["below_fail_under"] <= limit),
            ]
        )
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
        scores = ", ".join(f"{s['score']:.0f}" for s in o["seeds"])
        rows.append(
            [
                f"seed scores (fail-under {o['fail_under']:g})",
                scores,
                "all below",
                _check(o["seeds_all_below"]),
            ]
        )
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


def _attribution(a: dict[str, Any]) -> list[str]:
    out = ["## Attribution (each sentence scored alone; flagged = any ATT1xx finding)", ""]
    rows = []
    for label in ("vague", "no_source", "named"):
        if label not in a["flagged"]:
            continue
        target = {
            "vague": f">= {TARGETS['vague_flagged']:.0%}",
            "named": f"<= {TARGETS['named_flagged']:.0%}",
        }
        value = a["flagged"][label]
        ok = (
            None
            if value is None or label == "no_source"
            else (
                value >= TARGETS["vague_flagged"]
                if label == "vague"
                else value <= TARGETS["named_flagged"]
            )
        )
        rows.append([label, str(a["n"][label]), fmt(value), target.get(label, ""), _check(ok)])
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


def _residue(r: dict[str, Any]) -> list[str]:
    out = [f"## Residue (comment sections; tolerance {r['tolerance']} characters)", ""]
    det, false = r["detected_reader_comments"], r["false_comment_reports"]
    rows = [
        [
            f"reader comments found at article end ({r['n_with_comments']} pages)",
            fmt(det),
            f">= {TARGETS['comments_detected']:.0%}",
            _check(None if det is None else det >= TARGETS["comments_detected"]),
        ],
        ["any residue reported at/after article end", fmt(r["detected_any_residue"]), "", ""],
        [
            "reader comments reported too early (cuts the article)",
            fmt(r["reported_too_early"]),
            "",
            "",
        ],
        [
            f"comment residue on pages without comments ({r['n_without_comments']} pages)",
            fmt(false),
            f"<= {TARGETS['comments_false']:.0%}",
            _check(None if false is None else false <= TARGETS["comments_false"]),
        ],
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


def _dates(d: dict[str, Any]) -> list[str]:
    out = ["## Dates (HTML pages)", ""]
    exact, missing = d["exact"], d["missing_reported_on_undated"]
    rows = [
        [
            f"exact date on dated pages ({d['n_dated']})",
            fmt(exact),
            f">= {TARGETS['dates_exact']:.0%}",
            _check(None if exact is None else exact >= TARGETS["dates_exact"]),
        ],
    ]
    rows += [
        [f"  exact, {name}", fmt(value), "", ""] for name, value in d["exact_per_dataset"].items()
    ]
    rows += [
        [
            f"missing date reported on undated pages ({d['n_undated']})",
            fmt(missing),
            f">= {TARGETS['missing_reported']:.0%}",
            _check(None if missing is None else missing >= TARGETS["missing_reported"]),
        ],
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
    return json.dumps(evaluation.to_dict(), indent=2, sort_keys=False) + "\n"


def write_json(evaluation: Evaluation, path: Path, option: str = "--json") -> None:
    write_text(path, to_json(evaluation), option)
