"""CPU instructions per article, a measure of scoring cost that host load does not move.

    python benchmarks/instructions.py [--data DIR] [--articles N] [--root CHECKOUT]

Timings on a shared machine swing by 2x within minutes; instruction counts do not. This runs
the scoring loop twice under valgrind's cachegrind (needs `valgrind` on the PATH), once
scoring nothing and once scoring N articles after the same warm-up, and prints the
difference per article. ``--root`` measures another checkout (e.g. a `git worktree` of the
previous release) with this script, so two versions can be compared exactly. Each run takes
about 30 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in the measured process: warm a pipeline on part of the data (matchers compile lazily,
# language profiles load on first use), then score the requested number of other articles.
_LOOP = """
import json, sys
sys.path.insert(0, sys.argv[1])
import quality
pipeline = quality.Pipeline()
with open(sys.argv[2], encoding="utf-8") as handle:
    articles = [quality.load_article(json.loads(line)["text"]) for line in handle]
for article in articles[1000:]:
    pipeline.score_article(article)
for article in articles[100 : 100 + int(sys.argv[3])]:
    pipeline.score_article(article)
"""


def instructions(root: Path, data: Path, count: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "loop.py"
        script.write_text(_LOOP, encoding="utf-8")
        completed = subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                f"--cachegrind-out-file={Path(scratch) / 'out'}",
                # The real interpreter, not a launcher script that valgrind would measure.
                os.path.realpath(sys.executable),
                str(script),
                str(root),
                str(data),
                str(count),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            check=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", completed.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{completed.stderr}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    data = args.data / "news-human-vs-ai.dev.jsonl"
    baseline = instructions(args.root.resolve(), data, 0)
    scored = instructions(args.root.resolve(), data, args.articles)
    per_article = (scored - baseline) / args.articles
    print(f"{args.root}: {per_article:,.0f} instructions per article ({args.articles} articles)")


if __name__ == "__main__":
    main()
