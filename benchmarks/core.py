"""Single-core scoring speed of the core library, and its peak memory.

    python benchmarks/core.py [--data ../shared/data] [--runs 5]

Scores every article of news-human-vs-ai.dev.jsonl, then the five seeds (repeated to 2,000
articles), with one Pipeline in this process warmed by an untimed pass, and prints the
median articles/second over the runs and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import quality  # noqa: E402


def rate(pipeline: quality.Pipeline, articles: list[quality.Article], runs: int) -> list[float]:
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for article in articles:
            pipeline.score_article(article)
        rates.append(len(articles) / (time.perf_counter() - started))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pipeline = quality.Pipeline()
    news_path = args.data / "news-human-vs-ai.dev.jsonl"
    with news_path.open(encoding="utf-8") as handle:
        news = [quality.load_article(json.loads(line)["text"]) for line in handle]
    seeds = [quality.load_article(p.read_text()) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    seeds = seeds * 400
    # One untimed pass: matchers compile lazily and langdetect loads its profiles (about
    # 0.5 s) on the first text that needs it, which would fall in the first timed run.
    for article in news:
        pipeline.score_article(article)
    for name, articles in (("news-human-vs-ai.dev.jsonl", news), ("seeds x400", seeds)):
        rates = rate(pipeline, articles, args.runs)
        words = statistics.mean(len(a.text.split()) for a in articles)
        print(
            f"{name}: {len(articles)} articles, mean {words:.0f} words, "
            f"median {statistics.median(rates):.0f} articles/s "
            f"(runs: {', '.join(f'{r:.0f}' for r in rates)})"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
