"""Start-up time of ``quality lint`` on one small file: the wall time an editor or a
pre-commit hook waits for.

Runs the real command in a fresh subprocess N times and prints the median (and min, max),
next to the bare interpreter's start-up for reference. Also lists which heavy libraries the
command imported (``python -X importtime``): none should be, for a text or Markdown file.

    python benchmarks/startup.py [--runs 21] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("sklearn", "trafilatura", "feedparser", "dask", "pandas", "numpy", "pyspark", "lxml")

ARTICLE = """\
---
title: Council approves flood defence plan
date: 2024-03-05
author: Jane Doe
---

Riverside District Council voted 31 to 9 on Monday to spend £4.2m on flood walls along
the River Ouse, after floods damaged 240 homes last winter.

"This money builds 1.8 kilometres of wall by 2026," council leader Amira Hassan said.
"""


def time_runs(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return times


def heavy_imports(path: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quality", "lint", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()}
    return sorted(name for name in HEAVY if name in imported)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per measurement (default 21)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "article.md"
        article.write_text(ARTICLE, encoding="utf-8")
        lint = time_runs([sys.executable, "-m", "quality", "lint", str(article)], args.runs)
        # The installed script too: a version manager's shim (pyenv) can add its own cost.
        script = shutil.which("quality")
        via_script = time_runs([script, "lint", str(article)], args.runs) if script else []
        bare = time_runs([sys.executable, "-c", "pass"], args.runs)
        heavy = heavy_imports(article)
    results = {
        "runs": args.runs,
        "lint_median_s": round(statistics.median(lint), 3),
        "lint_min_s": round(min(lint), 3),
        "lint_max_s": round(max(lint), 3),
        "script_median_s": round(statistics.median(via_script), 3) if via_script else None,
        "script": script,
        "python_startup_median_s": round(statistics.median(bare), 3),
        "heavy_modules_imported": heavy,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"python -m quality lint, one small Markdown file ({args.runs} runs):")
        print(
            f"  median {results['lint_median_s']:.3f} s  (min {results['lint_min_s']:.3f}, "
            f"max {results['lint_max_s']:.3f})"
        )
        if via_script:
            print(f"  via {script}: median {results['script_median_s']:.3f} s")
        print(f"  bare interpreter start-up: median {results['python_startup_median_s']:.3f} s")
        print(f"  heavy modules imported: {', '.join(heavy) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
