"""The measures of the data README, computed from scored records.

Each ``measure_*`` function takes the records of one kind and a pipeline and returns a plain,
JSON-serialisable dict; ``evaluate`` runs those whose data is present.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quality.batch import map_ordered
from quality.errors import ConfigError, InputError, QualityError
from quality.evaluation.datasets import (
    AttributionRecord,
    CommentsRecord,
    DatesRecord,
    HumanNewsRecord,
    NewsRecord,
)
from quality.evaluation.metrics import median, percentile, roc_auc, share
from quality.pipeline import Pipeline

#: Reader comments reported this many characters before ``article_end`` still count as found
#: there: scraped pages often end the article with a short line the annotators cut differently.
COMMENT_TOLERANCE = 200
#: Rules that speak of comments (a comment widget or appended reader comments).
COMMENT_RULES = frozenset({"RES101", "RES106"})
READER_COMMENTS_RULE = "RES106"
MISSING_DATE_RULE = "DAT101"
ATTRIBUTION_PREFIX = "ATT1"


@dataclass(frozen=True)
class ScoredText:
    """What the evaluation keeps of one scored article."""

    id: str
    label: str
    group: str
    model: str | None
    score: float
    grade: str
    rules: Mapping[str, int]
    sub_scores: Mapping[str, float | None]


@dataclass
class Evaluation:
    """Results by measure name, plus the settings they were computed with."""

    results: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"settings": self.settings, **self.results}


@contextmanager
def located(where: str) -> Iterator[None]:
    """Name the record's file and line on an article the pipeline rejects: the readers check
    the fields, but only the pipeline knows a bad date or an unpaired surrogate."""
    try:
        yield
    except InputError as exc:
        raise InputError(f"{where}: {exc}" if where else str(exc)) from exc


def score_texts(
    pipeline: Pipeline, records: Iterable[NewsRecord | HumanNewsRecord], workers: int = 1
) -> list[ScoredText]:
    """Score news texts, in ``workers`` processes; human-news records carry their date and
    publisher as metadata. A record the pipeline rejects stops the evaluation, named."""
    scored = []
    for outcome in map_ordered(_score_text, records, pipeline=pipeline, workers=workers):
        if isinstance(outcome, QualityError):
            raise outcome
        scored.append(outcome)
    return scored


def _score_text(
    pipeline: Pipeline, index: int, record: NewsRecord | HumanNewsRecord
) -> ScoredText | QualityError:
    # Returned, not raised: a worker process hands its failure back with the results.
    try:
        with located(record.where):
            if isinstance(record, HumanNewsRecord):
                report = pipeline.score(
                    record.text, published=record.date, publisher=record.publisher
                )
                label, group, model = "human", "human-news", None
            else:
                report = pipeline.score(record.article or record.text)
                label, group, model = record.label, record.dataset, record.model
    except QualityError as exc:
        return exc
    return ScoredText(
        id=record.id,
        label=label,
        group=group,
        model=model,
        score=report.score,
        grade=report.grade,
        rules=Counter(f.rule for f in report.findings),
        sub_scores={k: s.score for k, s in report.scorers.items()},
    )


def measure_overall(
    news: Sequence[ScoredText],
    human_news: Sequence[ScoredText],
    seeds: Sequence[tuple[str, float]],
    *,
    fail_under: float,
    lowest_grade: str,
) -> dict[str, Any]:
    """Human-vs-machine AUC overall, per dataset and per model; false fails; seeds."""
    result: dict[str, Any] = {"fail_under": fail_under, "lowest_grade": lowest_grade}
    if news:
        result["auc"] = roc_auc([s.score for s in news], [s.label == "human" for s in news])
        result["n_human"] = sum(1 for s in news if s.label == "human")
        result["n_ai"] = len(news) - result["n_human"]
        per_dataset: dict[str, Any] = {}
        per_model: dict[str, Any] = {}
        for dataset in sorted({s.group for s in news}):
            items = [s for s in news if s.group == dataset]
            humans = [s for s in items if s.label == "human"]
            per_dataset[dataset] = {
                "auc": roc_auc([s.score for s in items], [s.label == "human" for s in items]),
                "n": len(items),
                "human_below_fail_under": share(
                    sum(s.score < fail_under for s in humans), len(humans)
                ),
            }
            for model in sorted({s.model or "?" for s in items if s.label == "ai"}):
                machine = [s for s in items if s.label == "ai" and (s.model or "?") == model]
                pair = humans + machine
                per_model[f"{dataset}/{model}"] = {
                    "auc": roc_auc([s.score for s in pair], [s.label == "human" for s in pair]),
                    "n_ai": len(machine),
                    "mean_score_ai": sum(s.score for s in machine) / len(machine),
                }
        result["per_dataset"] = per_dataset
        result["per_model"] = per_model
        humans = [s for s in news if s.label == "human"]
        machines = [s for s in news if s.label == "ai"]
        result["mean_score_human"] = sum(s.score for s in humans) / len(humans) if humans else None
        result["mean_score_ai"] = (
            sum(s.score for s in machines) / len(machines) if machines else None
        )
        result["ai_below_fail_under"] = share(
            sum(s.score < fail_under for s in machines), len(machines)
        )
    if human_news:
        scores = [s.score for s in human_news]
        result["human_news"] = {
            "n": len(scores),
            "below_fail_under": share(sum(x < fail_under for x in scores), len(scores)),
            "lowest_grade": share(sum(s.grade == lowest_grade for s in human_news), len(scores)),
            "median_score": median(scores),
            "p2_score": percentile(scores, 2),
        }
    if seeds:
        result["seeds"] = [
            {"name": name, "score": score, "below_fail_under": score < fail_under}
            for name, score in seeds
        ]
        result["seeds_all_below"] = all(score < fail_under for _, score in seeds)
    return result


def measure_rules(news: Sequence[ScoredText], human_news: Sequence[ScoredText]) -> dict[str, Any]:
    """Per rule: findings per 1,000 articles of each kind and a precision proxy."""
    groups = {
        "ai": [s for s in news if s.label == "ai"],
        "human": [s for s in news if s.label == "human"],
        "human_news": list(human_news),
    }
    totals: dict[str, Counter[str]] = {name: Counter() for name in groups}
    for name, items in groups.items():
        for item in items:
            totals[name].update(item.rules)
    rows: dict[str, Any] = {}
    for rule in sorted(set().union(*totals.values())):
        rates = {
            name: 1000.0 * totals[name][rule] / len(items) if items else None
            for name, items in groups.items()
        }
        fired = totals["ai"][rule] + totals["human"][rule]
        row: dict[str, Any] = {f"per_1000_{name}": rate for name, rate in rates.items()}
        row["firings"] = {name: totals[name][rule] for name in groups}
        # Raw share depends on how many texts of each class there are; the balanced share
        # compares rates, so it reads as "how much likelier on a machine text" (0.5 = no signal).
        # With one class absent every firing is of the other, and a share of 1.0 or 0.0
        # would read as a perfect or useless rule: there is nothing to compare.
        both_classes = bool(groups["ai"]) and bool(groups["human"])
        row["precision_raw"] = share(totals["ai"][rule], fired) if both_classes else None
        row["precision_balanced"] = _balanced(rates["ai"], rates["human"])
        row["precision_vs_human_news"] = _balanced(rates["ai"], rates["human_news"])
        rows[rule] = row
    return {"n": {name: len(items) for name, items in groups.items()}, "rules": rows}


def _balanced(ai_rate: float | None, human_rate: float | None) -> float | None:
    if ai_rate is None or human_rate is None or ai_rate + human_rate == 0:
        return None
    return ai_rate / (ai_rate + human_rate)


def measure_attribution(pipeline: Pipeline, records: Sequence[AttributionRecord]) -> dict[str, Any]:
    """Share of sentences of each label with an ATT1xx finding, each scored on its own.

    Sentences are scored as English: language detection on one sentence is unreliable.
    """
    flagged: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        with located(record.where):
            report = pipeline.score(record.text, language="en")
        rules = {f.rule for f in report.findings if f.rule.startswith(ATTRIBUTION_PREFIX)}
        totals[record.label] += 1
        if rules:
            flagged[record.label] += 1
        for rule in rules:
            by_rule[rule][record.label] += 1
    labels = sorted(totals)
    return {
        "n": dict(totals),
        "flagged": {label: share(flagged[label], totals[label]) for label in labels},
        "by_rule": {
            rule: {label: share(counts[label], totals[label]) for label in labels}
            for rule, counts in sorted(by_rule.items())
        },
    }


def measure_residue(
    pipeline: Pipeline, records: Sequence[CommentsRecord], *, tolerance: int = COMMENT_TOLERANCE
) -> dict[str, Any]:
    """Comment sections found at their place, and comment residue reported where there is none."""
    with_comments = [r for r in records if r.has_comments]
    without = [r for r in records if not r.has_comments]
    detected_reader = detected_any = too_early = 0
    distances: list[float] = []
    for record in with_comments:
        assert record.article_end is not None
        with located(record.where):
            report = pipeline.score(record.text, language="en")
        boundary = record.article_end - tolerance
        starts = [f.start for f in report.findings if f.rule == READER_COMMENTS_RULE]
        if any(f.scorer == "residue" and f.start >= boundary for f in report.findings):
            detected_any += 1
        if starts:
            start = starts[0]
            distances.append(float(abs(start - record.article_end)))
            if start >= boundary:
                detected_reader += 1
            else:
                too_early += 1
    false_any = false_comment = false_reader = 0
    for record in without:
        with located(record.where):
            report = pipeline.score(record.text, language="en")
        rules = {f.rule for f in report.findings if f.scorer == "residue"}
        false_comment += bool(rules & COMMENT_RULES)
        false_reader += READER_COMMENTS_RULE in rules
        false_any += bool(rules)
    return {
        "tolerance": tolerance,
        "n_with_comments": len(with_comments),
        "n_without_comments": len(without),
        "detected_reader_comments": share(detected_reader, len(with_comments)),
        "detected_any_residue": share(detected_any, len(with_comments)),
        "reported_too_early": share(too_early, len(with_comments)),
        "false_comment_reports": share(false_comment, len(without)),
        "false_reader_comments": share(false_reader, len(without)),
        "any_residue_without_comments": share(false_any, len(without)),
        "distance_median": median(distances),
        "distance_p90": percentile(distances, 90),
    }


def measure_dates(pipeline: Pipeline, records: Sequence[DatesRecord]) -> dict[str, Any]:
    """Exact publication dates on dated pages; a missing date reported on undated ones."""
    from quality.inputs import from_html

    exact: Counter[str] = Counter()
    dated: Counter[str] = Counter()
    undated = missing_reported = 0
    found_on_undated = 0
    seconds: list[float] = []
    errors: Counter[str] = Counter()
    not_dates: list[str] = []
    for record in records:
        started = time.perf_counter()
        with located(record.where):
            article = from_html(record.html, url=record.url)
            report = pipeline.score_article(article.with_fields(language="en"))
        seconds.append(time.perf_counter() - started)
        published = report.article.published
        if record.date is None:
            undated += 1
            missing_reported += any(f.rule == MISSING_DATE_RULE for f in report.findings)
            found_on_undated += published is not None
            continue
        dated[record.dataset] += 1
        if not _is_calendar_date(record.date):
            not_dates.append(f"{record.where} {record.date!r}".strip())
            errors["gold date not a calendar date"] += 1
        elif published == record.date:
            exact[record.dataset] += 1
        else:
            errors["none" if published is None else _error_kind(published, record.date)] += 1
    total_dated = sum(dated.values())
    return {
        "n_dated": total_dated,
        "n_undated": undated,
        "exact": share(sum(exact.values()), total_dated),
        "exact_per_dataset": {name: share(exact[name], n) for name, n in sorted(dated.items())},
        "errors": dict(errors),
        "gold_not_dates": not_dates,
        "missing_reported_on_undated": share(missing_reported, undated),
        "ms_per_page_mean": 1000.0 * sum(seconds) / len(seconds) if seconds else None,
        "ms_per_page_p90": 1000.0 * (percentile(seconds, 90) or 0.0) if seconds else None,
    }


def _is_calendar_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _error_kind(found: str, gold: str) -> str:
    import datetime as dt

    days = (dt.date.fromisoformat(found) - dt.date.fromisoformat(gold)).days
    if abs(days) == 1:
        return "off by one day"
    if abs(days) <= 31:
        return "off by 2-31 days"
    return "earlier by over a month" if days < 0 else "later by over a month"


def seed_paths(directory: Path | None) -> list[Path]:
    """The seed articles (``*.txt``) in ``directory``. A named directory that is missing, or
    holds no seeds (articles saved as .md, say), is an error, not "no seeds": the check that
    they fail would pass with nothing checked."""
    if directory is None:
        return []
    if not directory.exists():
        raise InputError(f"{directory}: seeds directory not found")
    if not directory.is_dir():
        raise InputError(f"{directory}: seeds must be a directory of .txt articles, not a file")
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise InputError(f"{directory}: no seed articles (*.txt) in the seeds directory")
    return paths


def score_seeds(pipeline: Pipeline, directory: Path | None) -> list[tuple[str, float]]:
    """Each seed's score (see ``seed_paths`` for what ``directory`` must hold)."""
    scores = []
    for path in seed_paths(directory):
        text = read_seed(path)
        with located(str(path)):
            scores.append((path.name, pipeline.score(text).score))
    return scores


def read_seed(path: Path) -> str:
    """A seed article's text (UTF-8, a leading byte order mark skipped), or an error naming it."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc


#: The measures of one scorer, by the kind of data they read.
SCORER_OF_KIND = {"attribution": "attribution", "comments": "residue", "dates": "dates"}


def kinds_without_their_scorer(data: Mapping[str, Any], pipeline: Pipeline) -> dict[str, str]:
    """The kinds of ``data`` whose measure needs a scorer ``pipeline`` leaves out (a rule
    selection such as ``--ignore DAT``), each with that scorer."""
    running = set(pipeline.scorer_ids)
    return {
        kind: scorer
        for kind, scorer in SCORER_OF_KIND.items()
        if data.get(kind) and scorer not in running
    }


def evaluate(
    data: Mapping[str, Sequence[Any]],
    *,
    pipeline: Pipeline | None = None,
    seeds_dir: Path | None = None,
    workers: int = 1,
) -> Evaluation:
    """Every measure whose data is in ``data`` (kind -> records); the news texts are scored
    in ``workers`` processes."""
    pipeline = pipeline or Pipeline()
    missing = kinds_without_their_scorer(data, pipeline)
    if missing:
        # Found before anything is scored, not after the news texts have been.
        kind, scorer = next(iter(missing.items()))
        raise ConfigError(
            f"the {kind} measure needs the {scorer} scorer, which this pipeline leaves out"
        )
    evaluation = Evaluation(
        settings={"weights": pipeline.weights.source, "scorers": pipeline.scorer_ids}
    )
    # One pass over both kinds: worker processes (and a language model in each) start once.
    news_records = list(data.get("news", ()))
    scored = score_texts(pipeline, [*news_records, *data.get("human-news", ())], workers)
    news, human_news = scored[: len(news_records)], scored[len(news_records) :]
    seeds = score_seeds(pipeline, seeds_dir)
    if news or human_news:
        evaluation.results["overall"] = measure_overall(
            news,
            human_news,
            seeds,
            fail_under=pipeline.weights.fail_under,
            lowest_grade=pipeline.weights.lowest_grade,
        )
        evaluation.results["rules"] = measure_rules(news, human_news)
    if data.get("attribution"):
        only = _only(pipeline, "attribution")
        evaluation.results["attribution"] = measure_attribution(only, data["attribution"])
    if data.get("comments"):
        evaluation.results["residue"] = measure_residue(
            _only(pipeline, "residue"), data["comments"]
        )
    if data.get("dates"):
        evaluation.results["dates"] = measure_dates(_only(pipeline, "dates"), data["dates"])
    return evaluation


def _only(pipeline: Pipeline, scorer_id: str) -> Pipeline:
    """The same configuration with only one scorer: a measure of one scorer need not pay for all."""
    chosen = [s for s in pipeline.scorers if s.id == scorer_id]
    return Pipeline(chosen, weights=pipeline.weights, rules=pipeline.rulebook)
