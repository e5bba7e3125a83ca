"""How well the overall score separates journalism from machine-written text.

Scores every record of ``news-human-vs-ai.dev.jsonl`` with the current pipeline and prints
the ROC AUC of the overall score (human should score higher) overall, per ``dataset`` and
per generating model, plus each scorer's sub-score AUC. Then scores
``human-news.dev.jsonl`` (careful US journalism) and prints the share that falls below
``fail_under``.

    python benchmarks/auc.py [--data ../shared/data] [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
LABELLED = "news-human-vs-ai.dev.jsonl"
CAREFUL = "human-news.dev.jsonl"


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        sys.exit(f"auc: cannot read {path}: {exc.strerror or exc}")
    with handle:
        for number, line in enumerate(handle, 1):
            if limit is not None and number > limit:
                return
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"auc: {path}:{number}: not valid JSON: {exc}")
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                sys.exit(f"auc: {path}:{number}: record has no 'text' string")
            yield record


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum = 0.0
    index = 0
    while index < len(ranked):
        end = index
        while end + 1 < len(ranked) and ranked[end + 1][0] == ranked[index][0]:
            end += 1
        average_rank = (index + end) / 2 + 1
        rank_sum += average_rank * sum(1 for k in range(index, end + 1) if ranked[k][1])
        index = end + 1
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    import quality

    pipeline = quality.Pipeline()
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for record in read_jsonl(data / LABELLED, limit):
        report = pipeline.score(record["text"])
        subs = {k: s.score for k, s in report.scorers.items() if s.score is not None}
        rows.append(
            {
                "label": record.get("label"),
                "dataset": record.get("dataset"),
                "model": record.get("model") or "human",
                "score": report.score,
                "subs": subs,
            }
        )
    labelled_seconds = time.perf_counter() - started

    def auc_of(selected: list[dict[str, Any]], key: Any) -> float:
        human = [key(r) for r in selected if r["label"] == "human"]
        machine = [key(r) for r in selected if r["label"] == "ai"]
        return roc_auc(human, machine)

    result: dict[str, Any] = {"records": len(rows), "labelled_seconds": labelled_seconds}
    overall = lambda r: r["score"]  # noqa: E731
    result["overall"] = auc_of(rows, overall)
    datasets = sorted({r["dataset"] for r in rows})
    result["by_dataset"] = {
        d: auc_of([r for r in rows if r["dataset"] == d], overall) for d in datasets
    }
    result["by_model"] = {}
    for model in sorted({r["model"] for r in rows if r["label"] == "ai"}):
        dataset = next(r["dataset"] for r in rows if r["model"] == model)
        chosen = [r for r in rows if r["dataset"] == dataset and r["model"] in (model, "human")]
        result["by_model"][f"{dataset}/{model}"] = auc_of(chosen, overall)
    scorer_ids = sorted({k for r in rows for k in r["subs"]})
    result["by_scorer"] = {
        s: auc_of(rows, lambda r, s=s: r["subs"].get(s, 1.0)) for s in scorer_ids
    }

    # Careful journalism is scored twice: as a bare text, and with the date and publisher
    # the record carries (a real article page has both).
    careful_records = list(read_jsonl(data / CAREFUL, limit))
    fail_under = pipeline.weights.fail_under
    for key, with_metadata in (("human_news", True), ("human_news_text_only", False)):
        scores = []
        for record in careful_records:
            if with_metadata:
                fields = {k: record.get(k) for k in ("date", "publisher") if record.get(k)}
                scores.append(pipeline.score({"text": record["text"], **fields}).score)
            else:
                scores.append(pipeline.score(record["text"]).score)
        result[key] = {
            "records": len(scores),
            "fail_under": fail_under,
            "share_below_fail_under": sum(s < fail_under for s in scores) / max(len(scores), 1),
            "share_below_85": sum(s < 85 for s in scores) / max(len(scores), 1),
            "median": sorted(scores)[len(scores) // 2] if scores else float("nan"),
        }
    return result


def print_result(result: dict[str, Any]) -> None:
    print(f"records: {result['records']}  ({result['records'] / result['labelled_seconds']:.0f}/s)")
    print(f"AUC overall        {result['overall']:.3f}")
    for name, value in result["by_dataset"].items():
        print(f"AUC {name:<15}{value:.3f}")
    print("by model (that model's texts against the human texts of its dataset):")
    for name, value in result["by_model"].items():
        print(f"  {name:<24}{value:.3f}")
    print("sub-score AUC by scorer (all records):")
    for name, value in result["by_scorer"].items():
        print(f"  {name:<24}{value:.3f}")
    for key, label in (("human_news", "with date"), ("human_news_text_only", "text only")):
        hn = result[key]
        print(
            f"human-news ({label}): {hn['records']} records, below {hn['fail_under']:.0f}: "
            f"{100 * hn['share_below_fail_under']:.1f}%, "
            f"below 85: {100 * hn['share_below_85']:.1f}%, median {hn['median']}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    parser.add_argument("--limit", type=int, default=None, help="read at most N records per file")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    result = evaluate(args.data, args.limit)
    print_result(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
