"""``quality train``: fit scorer weights on labelled articles and write a weights file.

    quality train LABELLED.jsonl -o weights.json     # a user's own labelled articles
    quality train --data ../shared/data -o quality/data/weights.json   # the development split

Each line of LABELLED.jsonl is an article (``text`` or ``html``, plus any metadata such as
``published``) with a ``label``: ``human`` or ``ai`` (machine-written), or a number, the
article's quality on the 0-100 scale. See quality/calibration.py for the method.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from quality.errors import InputError

CLASS_LABELS = {"human": False, "ai": True, "machine": True}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", nargs="?", metavar="LABELLED.jsonl", help="labelled articles (JSON Lines)"
    )
    parser.add_argument("--data", metavar="DIR", help="fit on the development split in DIR instead")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="weights file to write"
    )
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="weights file to start from (grades, fail-under, fixed weights)",
    )
    parser.add_argument(
        "--fixed",
        action="append",
        metavar="SCORER[=POINTS]",
        help="keep this scorer's weight (repeatable; default: chatbot-leak, dates, residue)",
    )
    parser.add_argument(
        "--seeds",
        metavar="DIR",
        help="articles that must score below fail-under (default seeds/ with --data)",
    )
    parser.add_argument(
        "--max-false-fail",
        type=float,
        default=0.02,
        metavar="SHARE",
        help="most human articles allowed below fail-under (default 0.02)",
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="use N records of each file, evenly spaced"
    )


def run(args: argparse.Namespace) -> int:
    from quality.calibration import DEFAULT_FIXED, fit_classes, fit_numeric, weights_document
    from quality.pipeline import Pipeline
    from quality.weights import Weights

    if bool(args.file) == bool(args.data):
        raise InputError("give either a labelled file or --data DIR")
    if not 0 <= args.max_false_fail < 1:
        raise InputError("--max-false-fail must be a share between 0 and 1")
    template = Weights.load(args.weights) if args.weights else Weights.load()
    fixed = _fixed(args.fixed, DEFAULT_FIXED, template)
    pipeline = Pipeline(weights=template)
    scorers = pipeline.scorer_ids
    if args.data:
        samples, seeds, source = _dev_samples(Path(args.data), pipeline, scorers, fixed, args)
    else:
        samples, seeds, source = _file_samples(Path(args.file), pipeline, scorers, fixed, args)
    if any(s.quality is not None for s in samples):
        result = fit_numeric(samples, scorers, fixed=fixed, base=template.base)
    else:
        result = fit_classes(
            samples,
            seeds,
            scorers,
            fixed=fixed,
            base=template.base,
            fail_under=template.fail_under,
            max_false_fail=args.max_false_fail,
        )
    document = weights_document(result, template, data=source)
    Path(args.output).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    _summary(document)
    return 0


def _fixed(given: list[str] | None, default: tuple[str, ...], template: Any) -> dict[str, float]:
    fixed: dict[str, float] = {}
    for item in given if given is not None else list(default):
        name, _, points = item.partition("=")
        try:
            fixed[name] = float(points) if points else template.weight(name)
        except ValueError:
            raise InputError(f"--fixed {item}: points must be a number") from None
    return fixed


def _sample(report: Any, scorers: list[str], fixed: dict[str, float], **label: Any) -> Any:
    from quality.calibration import Sample, features_of, fixed_penalty

    subs = {k: s.score for k, s in report.scorers.items()}
    return Sample(features_of(subs, scorers), fixed_penalty=fixed_penalty(subs, fixed), **label)


def _seed_samples(
    directory: Path | None, pipeline: Any, scorers: list[str], fixed: dict[str, float]
) -> list[Any]:
    if directory is None:
        return []
    if not directory.is_dir():
        raise InputError(f"{directory}: seeds directory not found")
    return [
        _sample(pipeline.score(p.read_text(encoding="utf-8")), scorers, fixed)
        for p in sorted(directory.glob("*.txt"))
    ]


def _dev_samples(
    directory: Path,
    pipeline: Any,
    scorers: list[str],
    fixed: dict[str, float],
    args: argparse.Namespace,
) -> tuple[list[Any], list[Any], str]:
    from quality.evaluation.datasets import DEFAULT_FILES, read_kind, repo_root

    news = read_kind("news", directory / DEFAULT_FILES["news"], args.limit)
    human_news = read_kind("human-news", directory / DEFAULT_FILES["human-news"], args.limit)
    samples = [
        _sample(pipeline.score(r.text), scorers, fixed, machine=r.label == "ai") for r in news
    ]
    samples += [
        _sample(
            pipeline.score(r.text, published=r.date, publisher=r.publisher),
            scorers,
            fixed,
            machine=False,
            reference=True,
        )
        for r in human_news
    ]
    seeds = _seed_samples(
        Path(args.seeds) if args.seeds else repo_root() / "seeds", pipeline, scorers, fixed
    )
    source = f"{DEFAULT_FILES['news']} + {DEFAULT_FILES['human-news']} (human reference) + seeds"
    return samples, seeds, source


def _file_samples(
    path: Path, pipeline: Any, scorers: list[str], fixed: dict[str, float], args: argparse.Namespace
) -> tuple[list[Any], list[Any], str]:
    from quality.errors import QualityError
    from quality.evaluation.datasets import iter_json_lines, spread

    samples = []
    kinds = set()
    for number, record in spread(list(iter_json_lines(path)), args.limit):
        label = record.get("label")
        article = {k: v for k, v in record.items() if k != "label"}
        try:
            report = pipeline.score(article)
        except QualityError as exc:
            raise InputError(f"{path}:{number}: {exc}") from exc
        if isinstance(label, str) and label.lower() in CLASS_LABELS:
            machine = CLASS_LABELS[label.lower()]
            samples.append(_sample(report, scorers, fixed, machine=machine, reference=not machine))
            kinds.add("class")
        elif isinstance(label, (int, float)) and not isinstance(label, bool) and 0 <= label <= 100:
            samples.append(_sample(report, scorers, fixed, quality=float(label)))
            kinds.add("number")
        else:
            raise InputError(
                f"{path}:{number}: 'label' must be human, ai or a number 0-100, got {label!r}"
            )
    if len(kinds) > 1:
        raise InputError(f"{path}: labels mix classes (human/ai) and numbers; use one kind")
    seeds = _seed_samples(Path(args.seeds), pipeline, scorers, fixed) if args.seeds else []
    return samples, seeds, path.name


def _summary(document: dict[str, Any]) -> None:
    fitted = document["fitted"]
    weights = ", ".join(f"{k} {v:g}" for k, v in document["weights"].items())
    print(f"weights: {weights}")
    for key in (
        "cv_auc",
        "train_auc",
        "reference_below_fail_under",
        "seed_scores",
        "feasible",
        "mean_absolute_error",
        "not_fitted_no_signal",
    ):
        if key in fitted:
            print(f"{key}: {fitted[key]}")
    if fitted.get("feasible") is False:
        print(
            "warning: no scale keeps the human reference above fail-under and every seed below it",
            file=sys.stderr,
        )
