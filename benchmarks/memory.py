"""Peak memory of ``quality score`` on a long stream: it should stay flat as input grows.

    python benchmarks/memory.py [--data DIR] [--lines N] [--jobs J] [--every K]

Streams news-human-vs-ai.dev.jsonl (from DIR, default ../shared/data beside the repository)
over and over into ``quality score - -o /dev/null --jobs J`` until N lines have been sent
(default 300,000), and every K lines records the resident memory (RSS) of the command and its
worker processes, summed, and the peak so far. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--every", type=int, default=25_000)
    args = parser.parse_args()
    lines = [
        line
        for line in (args.data / "news-human-vs-ai.dev.jsonl").read_bytes().splitlines()
        if line.strip()
    ]
    command = [
        sys.executable,
        "-m",
        "quality",
        "score",
        "-",
        "-o",
        "/dev/null",
        "--jobs",
        str(args.jobs),
    ]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    watched = psutil.Process(proc.pid)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                peak = max(peak, tree_rss(watched))
            except psutil.NoSuchProcess:
                return
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    assert proc.stdin is not None
    print(f"{'lines sent':>10} {'RSS now (MB)':>13} {'peak so far (MB)':>17} {'elapsed (s)':>12}")
    for sent, line in enumerate(itertools.islice(itertools.cycle(lines), args.lines), start=1):
        proc.stdin.write(line + b"\n")
        if sent % args.every == 0:
            now = tree_rss(watched)
            print(
                f"{sent:>10,} {now / 1e6:>13.0f} {max(peak, now) / 1e6:>17.0f} "
                f"{time.perf_counter() - started:>12.0f}",
                flush=True,
            )
    _, stderr = proc.communicate()  # closes stdin: the command finishes the stream
    stop.set()
    print(stderr.decode().strip())
    print(f"peak RSS of command and workers: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
