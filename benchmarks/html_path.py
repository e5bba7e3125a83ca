"""Articles per second for HTML pages (extraction plus scoring), one worker and every core.

    python benchmarks/html_path.py [--data DIR] [--repeats R]

Reads dates.dev.jsonl.gz (real web pages) from DIR (default ../shared/data beside the
repository) and scores each page's HTML with ``Pipeline.score_many``. Prints the median of
R runs per worker count, the scaling ratio and the mean page size.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import quality

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def load(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [{"id": r["id"], "html": r["html"], "url": r.get("url")} for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pages = load(args.data / "dates.dev.jsonl.gz")
    pipeline = quality.Pipeline()
    list(pipeline.score_many(pages[:10]))  # warm-up
    cores = os.cpu_count() or 1
    medians: dict[int, float] = {}
    for workers in sorted({1, cores}):
        runs = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            results = list(pipeline.score_many(pages, workers=workers, chunksize=4))
            runs.append(len(pages) / (time.perf_counter() - started))
        errors = sum(not r.ok for r in results)
        medians[workers] = statistics.median(runs)
        print(
            f"workers={workers}: median {medians[workers]:.1f} pages/s "
            f"(runs: {', '.join(f'{r:.1f}' for r in runs)}; {errors} pages not scored)"
        )
    mean_kb = statistics.fmean(len(p["html"]) for p in pages) / 1000
    print(f"{len(pages)} pages, mean {mean_kb:.0f} kB of HTML")
    if cores > 1:
        print(f"scaling {cores} workers / 1 worker: {medians[cores] / medians[1]:.2f}x")


if __name__ == "__main__":
    main()
