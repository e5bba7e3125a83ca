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
import math
import sys
from pathlib import Path
from typing import Any, TextIO

from quality.commands import refuse_empty_paths
from quality.commands.score import same_file
from quality.errors import InputError

DEFAULT_MAX_FALSE_FAIL = 0.02
STDOUT = "-"


EPILOG = """\
examples:
  quality train labelled.jsonl -o weights.json
  quality train --data ../shared/data -o quality/data/weights.json
  quality score articles.jsonl --weights weights.json

Each line of LABELLED.jsonl is an article (text or html, plus metadata such as published)
with a label: human, ai, or a quality from 0 to 100.

exit status: 0 weights written; 2 the command could not run (bad option, missing or
invalid labelled data, unwritable output); 130 interrupted.
"""

#: The options naming a file or folder: given empty (an unset variable in a script), each
#: would quietly fall back to its default.
PATH_OPTIONS = ("data", "weights", "seeds")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument(
        "file", nargs="?", metavar="LABELLED.jsonl", help="labelled articles (JSON Lines)"
    )
    parser.add_argument("--data", metavar="DIR", help="fit on the development split in DIR instead")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="write the weights file to FILE ('-': standard output)",
    )
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="weights file to start from: its grades, fail-under and fixed weights "
        "(default: the package's)",
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
        help="articles that must score below fail-under (default: seeds/ of the project "
        "with --data, none with a file)",
    )
    parser.add_argument(
        "--max-false-fail",
        type=float,
        default=DEFAULT_MAX_FALSE_FAIL,
        metavar="SHARE",
        help="largest share of human articles allowed below fail-under "
        f"(default: {DEFAULT_MAX_FALSE_FAIL})",
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="use N records of each file, evenly spaced"
    )


def run(args: argparse.Namespace) -> int:
    from quality.calibration import DEFAULT_FIXED, fit_classes, fit_numeric, weights_document
    from quality.evaluation.datasets import DEFAULT_FILES
    from quality.evaluation.report import check_output, write_text
    from quality.pipeline import Pipeline
    from quality.weights import Weights

    refuse_empty_paths(args, PATH_OPTIONS)
    if args.file is not None and not args.file.strip():
        raise InputError("the labelled file's name is empty")
    if not args.output.strip():
        raise InputError("--output needs a file name ('-': standard output), got an empty one")
    if bool(args.file) == bool(args.data):
        raise InputError("give either a labelled file or --data DIR")
    if not 0 <= args.max_false_fail < 1:
        raise InputError(
            f"--max-false-fail must be a share from 0 up to 1 (not 1), got {args.max_false_fail:g}"
        )
    if args.limit is not None and args.limit < 1:
        raise InputError(f"--limit must be at least 1, got {args.limit}")
    # "-" is standard output, as for ``quality score -o -``, not a file named "-".
    to_stdout = args.output == STDOUT
    output = Path(args.output)
    if not to_stdout:
        check_output(output, "-o")
        inputs = (
            [Path(args.file)]
            if args.file
            else [Path(args.data) / f for f in DEFAULT_FILES.values()]
        )
        for path in inputs:
            if same_file(str(path), str(output)):
                raise InputError(
                    f"-o {output}: is the training data {path}; refusing to overwrite it"
                )
    template = Weights.load(args.weights) if args.weights else Weights.load()
    pipeline = Pipeline(weights=template)
    scorers = pipeline.scorer_ids
    # The pipeline refused a template naming an unknown scorer (a misspelt id would be written
    # to the fitted file too); a known one that does not run here, such as an opt-in scorer,
    # keeps its weight in the file.
    fixed = _fixed(args.fixed, DEFAULT_FIXED, template, scorers)
    if args.data:
        samples, seeds, source = _dev_samples(Path(args.data), pipeline, scorers, fixed, args)
    else:
        samples, seeds, source = _file_samples(Path(args.file), pipeline, scorers, fixed, args)
    # Scorers the data cannot weigh keep the template's points, whichever way labels are fitted.
    kept = {s: template.weight(s) for s in scorers}
    # The fit's complaints (one class only, nothing varies) are about the training data, so
    # they name it like the per-line errors do.
    training_data = args.file or args.data
    try:
        if any(s.quality is not None for s in samples):
            if seeds or args.max_false_fail != DEFAULT_MAX_FALSE_FAIL:
                print(
                    "quality train: warning: --seeds and --max-false-fail bound the scale of a "
                    "fit on human/ai labels; numeric labels give points directly, so they are "
                    "not used",
                    file=sys.stderr,
                )
            result = fit_numeric(samples, scorers, fixed=fixed, base=template.base, kept=kept)
        else:
            result = fit_classes(
                samples,
                seeds,
                scorers,
                fixed=fixed,
                base=template.base,
                fail_under=template.fail_under,
                max_false_fail=args.max_false_fail,
                kept=kept,
            )
    except InputError as exc:
        raise InputError(f"{training_data}: {exc}") from exc
    document = weights_document(result, template, data=source)
    text = json.dumps(document, indent=2) + "\n"
    if to_stdout:
        sys.stdout.write(text)
    else:
        write_text(output, text, "-o")
    # With the weights on standard output, the summary must not be mixed into them.
    _summary(document, sys.stderr if to_stdout else sys.stdout)
    return 0


def _fixed(
    given: list[str] | None, default: tuple[str, ...], template: Any, scorers: list[str]
) -> dict[str, float]:
    fixed: dict[str, float] = {}
    for item in given if given is not None else list(default):
        name, _, points = item.partition("=")
        if name not in scorers:
            # a misspelt name would otherwise be fitted after all, silently
            raise InputError(f"--fixed {item}: no scorer {name!r}; scorers: {', '.join(scorers)}")
        try:
            value = float(points) if points else template.weight(name)
        except ValueError:
            raise InputError(f"--fixed {item}: points must be a number") from None
        # the weights file refuses these, so the fit must not use them either
        if not math.isfinite(value) or value < 0:
            raise InputError(f"--fixed {item}: points must be a finite number, 0 or more")
        # Given twice with different points, which one was meant cannot be told.
        if name in fixed and fixed[name] != value:
            raise InputError(
                f"--fixed {item}: {name} is already fixed at {fixed[name]:g} points; give it once"
            )
        fixed[name] = value + 0.0  # "-0" would be written to the weights file as -0.0
    return fixed


def _sample(report: Any, pipeline: Any, fixed: dict[str, float], **label: Any) -> Any:
    from quality.calibration import Sample, features_of, fixed_penalty, unknown_shares

    # Scorers that could not run cost their unknown share in the pipeline, so here too.
    scorers = pipeline.scorer_ids
    shares = unknown_shares(pipeline.weights, scorers)
    subs = {k: s.score for k, s in report.scorers.items()}
    return Sample(
        features_of(subs, scorers, shares),
        fixed_penalty=fixed_penalty(subs, fixed, shares),
        **label,
    )


def _seed_samples(
    directory: Path | None, pipeline: Any, scorers: list[str], fixed: dict[str, float]
) -> list[Any]:
    from quality.evaluation.measures import seed_paths

    return [_sample(_score_seed(pipeline, p), pipeline, fixed) for p in seed_paths(directory)]


def _score(pipeline: Any, where: str, text: str, **fields: Any) -> Any:
    from quality.evaluation.measures import located

    with located(where):
        return pipeline.score(text, **fields)


def _score_seed(pipeline: Any, path: Path) -> Any:
    from quality.evaluation.measures import read_seed

    return _score(pipeline, str(path), read_seed(path))


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
        _sample(_score(pipeline, r.where, r.text), pipeline, fixed, machine=r.label == "ai")
        for r in news
    ]
    samples += [
        _sample(
            _score(pipeline, r.where, r.text, published=r.date, publisher=r.publisher),
            pipeline,
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

    # Every label is checked before any article is scored: scoring takes minutes on a large
    # file, and a bad label on its last line should not cost them.
    records = [(n, r, _label(path, n, r)) for n, r in iter_json_lines(path)]
    if not records:
        raise InputError(f"{path}: no labelled articles (the file is empty)")
    _one_kind_of_label(path, records)
    _warn_of_repeats(path, records)
    samples = []
    for number, record, label in spread(records, args.limit):
        article = {k: v for k, v in record.items() if k != "label"}
        try:
            report = pipeline.score(article)
        except QualityError as exc:
            raise InputError(f"{path}:{number}: {exc}") from exc
        if isinstance(label, bool):
            samples.append(_sample(report, pipeline, fixed, machine=label, reference=not label))
        else:
            samples.append(_sample(report, pipeline, fixed, quality=label))
    seeds = _seed_samples(Path(args.seeds), pipeline, scorers, fixed) if args.seeds else []
    return samples, seeds, path.name


def _label(path: Path, number: int, record: dict[str, Any]) -> bool | float:
    """A record's label: True for machine-written, False for human, or a 0-100 quality."""
    from quality.evaluation.datasets import news_label

    if "label" not in record:
        raise InputError(f"{path}:{number}: missing field 'label' (human, ai or a number 0-100)")
    label = record["label"]
    kind = news_label(label)
    if kind is not None:
        return kind == "ai"
    if isinstance(label, (int, float)) and not isinstance(label, bool) and 0 <= label <= 100:
        return float(label)
    raise InputError(f"{path}:{number}: 'label' must be human, ai or a number 0-100, got {label!r}")


def _one_kind_of_label(path: Path, records: list[tuple[int, dict[str, Any], bool | float]]) -> None:
    """Class labels and numbers are fitted by different methods, so a file holds one kind."""
    first_number, _, first = records[0]
    for number, _, label in records:
        if isinstance(label, bool) != isinstance(first, bool):
            kinds = ("a class (human/ai)", "a number")
            this, that = kinds if isinstance(first, bool) else kinds[::-1]
            raise InputError(
                f"{path}:{number}: label is {that}, but line {first_number}'s is {this}; "
                "labels mix classes and numbers: use one kind"
            )


def _warn_of_repeats(path: Path, records: list[tuple[int, dict[str, Any], bool | float]]) -> None:
    """An article given twice weighs twice in the fit, and an export joined twice weighs
    every article double; worth a word, though it is no error."""
    first_line: dict[str, int] = {}
    repeats: list[tuple[int, int]] = []
    for number, record, _ in records:
        body = record.get("text", record.get("html"))
        if isinstance(body, str) and body.strip():
            earlier = first_line.setdefault(body, number)
            if earlier != number:
                repeats.append((number, earlier))
    if repeats:
        number, earlier = repeats[0]
        more = f" (and {len(repeats) - 1} more)" if len(repeats) > 1 else ""
        print(
            f"quality train: warning: {path}:{number}: the same article as line {earlier}{more}; "
            f"{len(repeats)} of {len(records)} articles repeat an earlier one and weigh twice "
            "in the fit",
            file=sys.stderr,
        )


def _summary(document: dict[str, Any], out: TextIO) -> None:
    fitted = document["fitted"]
    weights = ", ".join(f"{k} {v:g}" for k, v in document["weights"].items())
    print(f"weights: {weights}", file=out)
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
            print(f"{key}: {fitted[key]}", file=out)
    if fitted.get("feasible") is False:
        unreachable = fitted.get("seeds_failing_at_no_scale")
        print(
            "quality train: warning: no scale keeps the human reference above fail-under "
            "and every seed below it"
            + (
                f"; {unreachable} seed(s) hold nothing the fitted scorers take points for, "
                "so they fail at no scale"
                if unreachable
                else ""
            )
            + (
                "; the fixed points alone already put more human articles below fail-under "
                "than --max-false-fail allows"
                if fitted.get("scale_upper") == 0
                else ""
            ),
            file=sys.stderr,
        )
    elif (
        fitted.get("scale_lower") == 0 and "scale_upper" in fitted and fitted["scale_upper"] is None
    ):
        # choose_scale had nothing to go by and took a factor of 1: the fitted points keep
        # their ranking but their size means nothing.
        print(
            "quality train: warning: nothing bounds the scale (no seed must fail, and no "
            "human article falls below fail-under at any scale), so the fitted points are "
            "arbitrary; "
            "give --seeds DIR with articles that must fail",
            file=sys.stderr,
        )
