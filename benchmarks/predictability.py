"""What the opt-in predictability scorer (PRD001) costs: the model's load time, the seconds
per article and the process's peak memory, against the default scorers alone.

Needs the extra ``lm`` (``pip install -e '.[lm]'``). Scores ``--limit`` evenly spaced
articles of ``news-human-vs-ai.dev.jsonl`` in this process, first with the default
pipeline, then with ``extend_select=["PRD"]``, and prints medians::

    python benchmarks/predictability.py [--data ../shared/data] [--limit 60]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quality import Pipeline, language_model  # noqa: E402  (the checkout, not an installed copy)
from quality.evaluation.datasets import default_data_dir, read_kind  # noqa: E402


def seconds_per_article(pipeline: Pipeline, texts: list[str]) -> list[float]:
    timings = []
    for text in texts:
        started = time.perf_counter()
        pipeline.score(text)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    missing = language_model.unavailable_reason()
    if missing:
        sys.exit(f"predictability: the scorer cannot run: {missing}")
    records = read_kind("news", args.data / "news-human-vs-ai.dev.jsonl", args.limit)
    texts = [record.text for record in records]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    language_model.shared_model()
    loaded = time.perf_counter() - started
    default = seconds_per_article(Pipeline(), texts)
    with_model = seconds_per_article(Pipeline(extend_select=["PRD"]), texts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{len(texts)} articles, median {statistics.median(len(t) for t in texts)} characters")
    print(f"model load: {loaded:.2f} s; peak memory +{(peak - before) / 1024:.0f} MB")
    print(f"default scorers: median {statistics.median(default) * 1000:.1f} ms/article")
    print(
        f"with PRD:        median {statistics.median(with_model) * 1000:.0f} ms/article "
        f"({statistics.median(with_model) / statistics.median(default):.0f}x)"
    )


if __name__ == "__main__":
    main()
