"""Near-duplicate articles: the same text published more than once, lightly edited.

MinHash signatures of word shingles, bucketed with LSH (datasketch), then clustered by
linking every pair whose estimated Jaccard similarity reaches ``threshold``. Shingles of
three words catch copies with a changed headline, a reworded sentence or an added footer.
They do not join independent rewrites of one story: five outlets' own takes on the same
event share under 2% of their word triples (see docs/batch.md).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quality.language import UNSPACED_CHARS

# Chinese and Japanese are written without spaces, so a run of their characters is a clause,
# not a word: one changed character would change the whole "word" and every shingle holding
# it. Each of their characters is a word instead, as a character stands for about one word.
_WORD = re.compile(f"[{UNSPACED_CHARS}]|[^\\W{UNSPACED_CHARS}]+")

DEFAULT_SHINGLE = 3
DEFAULT_THRESHOLD = 0.5
DEFAULT_NUM_PERM = 128


@dataclass(frozen=True, slots=True)
class DuplicateCluster:
    """Positions (into the input) of articles that are near-duplicates of each other."""

    members: tuple[int, ...]

    def to_dict(self, ids: Sequence[Any] | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"members": list(self.members)}
        if ids is not None:
            data["ids"] = [ids[i] for i in self.members]
        return data


def shingles(text: str, size: int = DEFAULT_SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def find_near_duplicates(
    texts: Sequence[str],
    *,
    shingle: int = DEFAULT_SHINGLE,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    seed: int = 1,
) -> list[DuplicateCluster]:
    """Clusters of two or more near-duplicate texts, each sorted, ordered by first member."""
    from datasketch import MinHash

    # Zero-word shingles are all the same empty string, and a threshold of 0 or NaN is no
    # threshold: either would cluster unrelated texts, or none, without a word.
    if shingle < 1:
        raise ValueError(f"shingle must be at least 1 word, got {shingle!r}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be above 0 and at most 1, got {threshold!r}")

    lsh = _lsh(threshold, num_perm)
    # Every signature uses the same permutations: copies of one empty signature share them,
    # where drawing them anew for each text took about as long as hashing its shingles.
    empty = MinHash(num_perm=num_perm, seed=seed)
    hashes: dict[int, MinHash] = {}
    for index, text in enumerate(texts):
        grams = shingles(text, shingle)
        if not grams:
            continue
        signature = empty.copy()
        signature.update_batch([g.encode("utf-8") for g in grams])
        hashes[index] = signature
        lsh.insert(index, signature)
    parent = {index: index for index in hashes}

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for index, signature in hashes.items():
        for other in lsh.query(signature):
            # LSH gives candidates; keep only pairs whose estimate reaches the threshold.
            if other != index and signature.jaccard(hashes[other]) >= threshold:
                parent[root(other)] = root(index)
    groups: dict[int, list[int]] = {}
    for index in hashes:
        groups.setdefault(root(index), []).append(index)
    clusters = [DuplicateCluster(tuple(sorted(g))) for g in groups.values() if len(g) > 1]
    return sorted(clusters, key=lambda c: c.members)


def _lsh(threshold: float, num_perm: int) -> Any:
    """An LSH index for ``threshold``, which may be anything in (0, 1]."""
    from datasketch import MinHashLSH

    with contextlib.suppress(ValueError):
        return MinHashLSH(threshold=threshold, num_perm=num_perm)
    # From a threshold of about 0.98 up, datasketch's optimal banding is a single band, which
    # it refuses. Two bands of half the signature each are what it picks just below that
    # threshold; identical signatures (copies) always share a band, and every candidate is
    # checked against the threshold anyway, so the extra band costs only a few comparisons.
    return MinHashLSH(threshold=threshold, num_perm=num_perm, params=(2, num_perm // 2))
