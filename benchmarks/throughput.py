"""Articles per second for plain-text articles, one worker and every core.

    python benchmarks/throughput.py [--data DIR] [--file NAME] [--articles N] [--repeats R]

Reads NAME (default news-human-vs-ai.dev.jsonl, texts of about 170 words; human-news.dev.jsonl
holds full-length articles) from DIR (default: ../shared/data beside the repository),
cycles it to N articles, and scores them with ``Pipeline.score_many`` at 1 worker and at
``os.cpu_count()`` workers. Prints the median of R runs for each and the scaling ratio.
The pipeline is warmed first (rules compiled, language profiles loaded) so the figures are
steady-state throughput; worker start-up is included in the multi-worker figure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import statistics
import time
from pathlib import Path
from typing import Any

import quality

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def load(path: Path, count: int) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    cycled = itertools.islice(itertools.cycle(records), count)
    return [{"id": f"{r['id']}#{i}", "text": r["text"]} for i, r in enumerate(cycled)]


def rate(pipeline: quality.Pipeline, records: list[dict[str, Any]], workers: int) -> float:
    started = time.perf_counter()
    done = sum(1 for result in pipeline.score_many(records, workers=workers) if result.ok)
    elapsed = time.perf_counter() - started
    assert done == len(records), f"{len(records) - done} articles failed"
    return len(records) / elapsed


def independent_rate(
    pipeline: quality.Pipeline, records: list[dict[str, Any]], processes: int
) -> float:
    """Articles per second when ``processes`` forked copies of the warm pipeline each score
    their share of ``records`` on their own, with nothing passed between processes: what
    the machine itself allows, against which ``score_many``'s scaling is judged. They start
    together at a barrier; the time is until the last one finishes."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes + 1)
    finished = context.Queue()
    shares = [records[i::processes] for i in range(processes)]

    def score_share(share: list[dict[str, Any]]) -> None:
        articles = [quality.load_article(record["text"]) for record in share]
        barrier.wait()
        for article in articles:
            pipeline.score_article(article)
        finished.put(time.perf_counter())

    workers = [context.Process(target=score_share, args=(share,)) for share in shares]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    ends = [finished.get() for _ in workers]
    for worker in workers:
        worker.join()
    return len(records) / (max(ends) - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--file", default="news-human-vs-ai.dev.jsonl")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    records = load(args.data / args.file, args.articles)
    mean_chars = statistics.fmean(len(r["text"]) for r in records)
    pipeline = quality.Pipeline()
    # Warm-up over the distinct articles: matchers compile lazily and langdetect loads its
    # profiles on the first text that needs it.
    distinct = len({record["id"].rsplit("#", 1)[0] for record in records})
    list(pipeline.score_many(records[:distinct]))
    cores = os.cpu_count() or 1
    results: dict[int, float] = {}
    for workers in sorted({1, cores}):
        runs = [rate(pipeline, records, workers) for _ in range(args.repeats)]
        results[workers] = statistics.median(runs)
        print(
            f"workers={workers}: median {results[workers]:.0f} articles/s "
            f"(runs: {', '.join(f'{r:.0f}' for r in runs)})"
        )
    print(f"{len(records)} articles, mean {mean_chars:.0f} characters")
    if cores > 1:
        scaling = results[cores] / results[1]
        print(f"scaling {cores} workers / 1 worker: {scaling:.2f}x")
        alone = [independent_rate(pipeline, records, 1) for _ in range(args.repeats)]
        together = [independent_rate(pipeline, records, cores) for _ in range(args.repeats)]
        ceiling = statistics.median(together) / statistics.median(alone)
        print(
            f"machine ceiling: {cores} independent processes / 1: {ceiling:.2f}x "
            f"(medians {statistics.median(together):.0f} / {statistics.median(alone):.0f} "
            f"articles/s); score_many reaches {scaling / ceiling:.0%} of it"
        )


if __name__ == "__main__":
    main()
