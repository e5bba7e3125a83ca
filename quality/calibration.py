"""Fitting scorer weights on labelled articles.

The overall score is ``base - sum(weight * (1 - sub_score))``: a linear model on the
features ``x_s = 1 - sub_score`` of each scorer. Weights are fitted in two steps:

1. **Direction**: logistic regression of "machine-written" on the features, with L2
   regularisation and coefficients constrained to be non-negative (a scorer may only take
   points off, never add them), solved with L-BFGS-B under bounds. Classes are balanced by
   sample weights. The regularisation strength is picked from a small grid by stratified
   5-fold cross-validated ROC AUC, which is reported.
2. **Scale**: the coefficients are multiplied by one factor, turning them into points. The
   factor is chosen so that at most ``max_false_fail`` of the human reference articles score
   below ``fail_under`` while every seed article does; within the range that satisfies both,
   the geometric middle is taken so each constraint keeps a margin on unseen articles.

Scorers whose evidence the data cannot weigh keep a fixed weight (``fixed``): chatbot leaks
are near-certain but absent from the data; the development articles carry no scraped
residue; and whether an article is dated there depends on which collection it came from,
not on who wrote it.

A numeric label (a 0-100 quality score per article) is fitted instead by non-negative least
squares of the points lost (``base - label``) on the features, which gives points directly.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from quality.errors import InputError
from quality.weights import SCHEMA, SCORE_SCALE, Weights

DEFAULT_FIXED = ("chatbot-leak", "dates", "residue")
L2_GRID = (0.001, 0.01, 0.1, 1.0)
FOLDS = 5
METHOD = (
    "non-negative L2 logistic regression (L-BFGS-B with bounds, balanced classes) "
    "on 1 - sub_score, "
    "L2 picked by 5-fold CV AUC; coefficients scaled to points so that <= {false_fail:.0%} of the "
    "human reference falls below fail-under and every seed falls below it"
)


@dataclass
class Sample:
    """One labelled article as features: ``machine`` for class labels, ``quality`` for numbers."""

    features: dict[str, float]
    machine: bool | None = None
    quality: float | None = None
    reference: bool = False  # a human article that must not fail
    fixed_penalty: float = 0.0


@dataclass
class FitResult:
    weights: dict[str, float]
    fitted: dict[str, Any] = field(default_factory=dict)

    def to_weights(self, template: Weights) -> Weights:
        merged = dict(template.weights)
        # The fit charged the fixed points; a file with the template's points instead would
        # score differently from the figures the fit reports.
        merged.update(self.fitted.get("fixed") or {})
        merged.update(self.weights)
        extra = {k: v for k, v in template.extra.items() if k != "fitted"}
        extra["fitted"] = self.fitted
        return Weights(
            merged,
            template.grades,
            template.fail_under,
            template.base,
            template.default_weight,
            template.source,
            extra,
            template.unknown_share,
        )


def features_of(
    sub_scores: Mapping[str, float | None],
    scorers: Sequence[str],
    unknown_share: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """``1 - sub_score`` per scorer. A scorer that did not run costs ``unknown_share`` of its
    weight in the pipeline, which is the same as a feature of ``unknown_share``."""
    shares = unknown_share or {}
    features = {}
    for s in scorers:
        value = sub_scores.get(s)
        features[s] = shares.get(s, 0.0) if value is None else 1.0 - float(value)
    return features


def unknown_shares(weights: Weights, scorers: Sequence[str]) -> dict[str, float]:
    """Share of its weight each scorer costs when it cannot run (``Weights.unknown_penalty``)."""
    return {s: weights.unknown_share_of(s) for s in scorers}


def fixed_penalty(
    sub_scores: Mapping[str, float | None],
    fixed: Mapping[str, float],
    unknown_share: Mapping[str, float] | None = None,
) -> float:
    """Points the fixed-weight scorers take off, including their charge for not running."""
    return sum(
        points * feature
        for points, feature in zip(
            fixed.values(),
            features_of(sub_scores, list(fixed), unknown_share).values(),
            strict=True,
        )
    )


def _free(scorers: Sequence[str], fixed: Mapping[str, float]) -> list[str]:
    """The scorers whose weights are to be fitted: those without a fixed weight."""
    free = [s for s in scorers if s not in fixed]
    if not free:
        raise InputError("every scorer has a fixed weight: nothing is left to fit")
    return free


def _varying_features(
    labelled: Sequence[Sample], candidates: list[str], kept: Mapping[str, float] | None
) -> tuple[np.ndarray, list[str], dict[str, float]]:
    """The feature matrix of the ``candidates`` whose sub-score varies over ``labelled``,
    those scorers, and the points ``kept`` for the others: a scorer that gives every article
    the same sub-score cannot be weighed by these articles, so it keeps its points."""
    x = _matrix(labelled, candidates)
    varying = [i for i in range(len(candidates)) if np.ptp(x[:, i]) > 0]
    if not varying:
        raise InputError("no scorer's sub-score varies over the training articles: nothing to fit")
    silent = [name for i, name in enumerate(candidates) if i not in varying]
    kept_points = {name: float((kept or {}).get(name, 0.0)) for name in silent}
    return x[:, varying], [candidates[i] for i in varying], kept_points


def _matrix(samples: Sequence[Sample], scorers: Sequence[str]) -> np.ndarray:
    return np.array([[s.features.get(name, 0.0) for name in scorers] for s in samples], dtype=float)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, l2: float
) -> tuple[np.ndarray, float]:
    """Coefficients (all >= 0) and intercept of an L2-regularised weighted logistic regression."""
    from scipy.optimize import minimize

    total = sample_weight.sum()
    signs = np.where(y, 1.0, -1.0)

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:-1], params[-1]
        margin = signs * (x @ w + b)
        # log(1 + exp(-m)) computed stably; its derivative is -sigmoid(-m).
        value = float((sample_weight * np.logaddexp(0.0, -margin)).sum() / total + 0.5 * l2 * w @ w)
        slope = -sample_weight * signs * _sigmoid(-margin) / total
        grad = np.append(x.T @ slope + l2 * w, slope.sum())
        return value, grad

    start = np.zeros(x.shape[1] + 1)
    bounds = [(0.0, None)] * x.shape[1] + [(None, None)]
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return result.x[:-1], float(result.x[-1])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def balanced_weights(y: np.ndarray) -> np.ndarray:
    positives = max(int(y.sum()), 1)
    negatives = max(int((~y).sum()), 1)
    return np.where(y, len(y) / (2.0 * positives), len(y) / (2.0 * negatives))


def cross_validated_auc(
    x: np.ndarray, y: np.ndarray, l2: float, folds: int = FOLDS, seed: int = 0
) -> float:
    """Out-of-fold ROC AUC of the fitted direction (pooled over folds)."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    predicted = np.zeros(len(y))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(x, y):
        w, b = fit_logistic(x[train], y[train], balanced_weights(y[train]), l2)
        predicted[test] = x[test] @ w + b
    return float(roc_auc_score(y, predicted))


def choose_scale(
    reference: Sequence[tuple[float, float]],
    seeds: Sequence[tuple[float, float]],
    *,
    margin: float,
    max_false_fail: float,
) -> tuple[float, dict[str, Any]]:
    """The factor turning the fitted direction into points.

    ``reference`` and ``seeds`` are (fixed points lost, fitted evidence) pairs; an article
    fails when ``fixed + scale * evidence > margin`` (``margin``: the points lost at
    fail-under, ``points_lost_at(fail_under, base)``).
    """
    allowed = math.floor(max_false_fail * len(reference))
    already = sum(1 for fixed, _ in reference if fixed > margin)
    limits = sorted((margin - fixed) / z for fixed, z in reference if fixed <= margin and z > 0)
    room = allowed - already
    upper = math.inf if room >= len(limits) else (limits[room] if room >= 0 else 0.0)
    needed = [
        (margin - fixed) / z if z > 0 else (0.0 if fixed > margin else math.inf)
        for fixed, z in seeds
    ]
    # A seed the fitted scorers find nothing in fails at no scale; the others still bound it.
    unreachable = sum(1 for n in needed if math.isinf(n))
    lower = max((n for n in needed if not math.isinf(n)), default=0.0)
    info: dict[str, Any] = {"scale_lower": _finite(lower), "scale_upper": _finite(upper)}
    if unreachable:
        info["seeds_failing_at_no_scale"] = unreachable
    if room < 0:
        # The fixed points alone put more of the human reference below fail-under than is
        # allowed: every fitted point would only add to them.
        scale = 0.0
        info["feasible"] = False
    elif lower < upper:
        if math.isinf(upper):
            scale = lower * 2.0 if lower > 0 else 1.0
        elif lower > 0:
            scale = math.sqrt(lower * upper)
        else:
            scale = upper / 2.0
        info["feasible"] = not unreachable
    else:
        # No factor satisfies both: the human reference wins, some seeds will pass.
        scale = upper * 0.999
        info["feasible"] = False
    return scale, info


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else round(value, 4)


def fit_classes(
    samples: Sequence[Sample],
    seeds: Sequence[Sample],
    scorers: Sequence[str],
    *,
    fixed: Mapping[str, float],
    base: float,
    fail_under: float,
    max_false_fail: float = 0.02,
    kept: Mapping[str, float] | None = None,
) -> FitResult:
    """Weights from samples labelled machine/human (see the module docstring).

    ``kept`` holds the points of scorers the data gives no signal for: they keep them (the
    template's weight), so they count in the reported scores like fixed weights do."""
    from sklearn.metrics import roc_auc_score

    labelled = [s for s in samples if s.machine is not None]
    y = np.array([bool(s.machine) for s in labelled])
    counts = f"(got {int((~y).sum())} human, {int(y.sum())} machine)"
    if y.all() or not y.any():
        raise InputError(f"training needs both human and machine ('ai') labelled articles {counts}")
    x, fitted_scorers, kept_points = _varying_features(labelled, _free(scorers, fixed), kept)

    def penalty(sample: Sample) -> float:
        return sample.fixed_penalty + sum(
            points * sample.features.get(name, 0.0) for name, points in kept_points.items()
        )

    folds = min(FOLDS, int(y.sum()), int((~y).sum()))
    if folds < 2:
        raise InputError(f"training needs at least two articles of each class {counts}")
    cv = {l2: cross_validated_auc(x, y, l2, folds) for l2 in L2_GRID}
    best_l2 = max(cv, key=lambda k: (round(cv[k], 4), k))
    w, b = fit_logistic(x, y, balanced_weights(y), best_l2)
    pairs = list(zip(fitted_scorers, w, strict=True))
    train_auc = float(roc_auc_score(y, x @ w + b))
    reference = [s for s in samples if s.reference]
    margin = points_lost_at(fail_under, base)

    def evidence(sample: Sample) -> float:
        return float(sum(coef * sample.features.get(name, 0.0) for name, coef in pairs))

    scale, info = choose_scale(
        [(penalty(s), evidence(s)) for s in reference],
        [(penalty(s), evidence(s)) for s in seeds],
        margin=margin,
        max_false_fail=max_false_fail,
    )
    points = {name: round(float(coef * scale), 2) for name, coef in pairs}

    def score(sample: Sample) -> float:
        lost = penalty(sample) + sum(points[n] * sample.features.get(n, 0.0) for n in points)
        return max(0.0, min(base, base - lost)) * 100 / base

    fitted: dict[str, Any] = {
        "date": _dt.date.today().isoformat(),
        "method": METHOD.format(false_fail=max_false_fail),
        "articles": {
            "machine": int(y.sum()),
            "human": int((~y).sum()),
            "human_reference": len(reference),
            "seeds": len(seeds),
        },
        "cv_auc": round(cv[best_l2], 4),
        "cv_auc_by_l2": {str(k): round(v, 4) for k, v in cv.items()},
        "l2": best_l2,
        "train_auc": round(train_auc, 4),
        "coefficients": {name: round(float(c), 4) for name, c in pairs},
        "intercept": round(b, 4),
        "scale": round(scale, 4),
        **info,
        "fixed": dict(fixed),
        "not_fitted_no_signal": list(kept_points),
        "reference_below_fail_under": round(
            sum(score(s) < fail_under for s in reference) / len(reference), 4
        )
        if reference
        else None,
        "seed_scores": [round(score(s), 1) for s in seeds],
    }
    return FitResult(points, fitted)


def fit_numeric(
    samples: Sequence[Sample],
    scorers: Sequence[str],
    *,
    fixed: Mapping[str, float],
    base: float,
    kept: Mapping[str, float] | None = None,
) -> FitResult:
    """Weights in points by non-negative least squares of the points lost on the features.

    A label is a score on the 0-100 scale, so an article labelled ``q`` lost
    ``points_lost_at(q, base)`` points. As in ``fit_classes``, a scorer whose feature is the
    same on every article cannot be weighed by this data: it keeps its ``kept`` points (the
    template's) instead of the 0 least squares would give a column of zeros."""
    from scipy.optimize import nnls

    labelled = [s for s in samples if s.quality is not None]
    if len(labelled) < 2:
        raise InputError(
            "training on numeric quality labels needs at least two labelled articles "
            f"(got {len(labelled)})"
        )
    # scipy's nnls crashes the interpreter (a double free) on a matrix without columns.
    x, fitted_scorers, kept_points = _varying_features(labelled, _free(scorers, fixed), kept)
    charged = np.array(
        [
            s.fixed_penalty
            + sum(points * s.features.get(name, 0.0) for name, points in kept_points.items())
            for s in labelled
        ]
    )
    truth = np.array([float(s.quality or 0.0) for s in labelled])
    coef, _ = nnls(x, points_lost_at(truth, base) - charged)
    points = {n: round(float(c), 2) for n, c in zip(fitted_scorers, coef, strict=True)}
    rounded = np.array([points[n] for n in fitted_scorers])
    # Scored as the pipeline scores, clipped and on the 0-100 scale, with the points written.
    predicted = np.clip(base - x @ rounded - charged, 0.0, base) * SCORE_SCALE / base
    fitted = {
        "date": _dt.date.today().isoformat(),
        "method": "non-negative least squares of points lost (base - quality label) "
        "on 1 - sub_score",
        "articles": {"labelled": len(labelled)},
        "mean_absolute_error": round(float(np.abs(predicted - truth).mean()), 3),
        "fixed": dict(fixed),
        "not_fitted_no_signal": list(kept_points),
    }
    return FitResult(points, fitted)


def points_lost_at(score: Any, base: float) -> Any:
    """Points an article loses to score ``score``: scores (labels, fail-under) are on the
    0-100 scale whatever ``base`` is, and the pipeline scores ``(base - lost) * 100 / base``."""
    return base * (1.0 - score / SCORE_SCALE)


def weights_document(result: FitResult, template: Weights, *, data: str) -> dict[str, Any]:
    """The weights file content: the template's grades and fail-under, fitted weights."""
    weights = result.to_weights(template)
    document = weights.to_dict()
    document["schema"] = SCHEMA
    document["description"] = (
        "Fitted weights: the points each scorer can take off a perfect 100. See docs/evaluation.md."
    )
    document["fitted"] = {"data": data, **result.fitted}
    Weights.from_dict(document, source="<fitted weights>")  # what we write must load
    return document
