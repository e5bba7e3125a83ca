"""Plain measures over lists of numbers: ROC AUC, shares and percentiles."""

from __future__ import annotations

import math
from collections.abc import Sequence


def roc_auc(scores: Sequence[float], positive: Sequence[bool]) -> float | None:
    """ROC AUC of ``scores`` for ``positive`` (higher score = more likely positive).

    None when one class is absent: the measure is undefined there, not 0.5.
    """
    n_pos = sum(1 for p in positive if p)
    if n_pos == 0 or n_pos == len(positive):
        return None
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([1 if p else 0 for p in positive], list(scores)))


def share(count: int, total: int) -> float | None:
    return count / total if total else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation, None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def median(values: Sequence[float]) -> float | None:
    return percentile(values, 50.0)
