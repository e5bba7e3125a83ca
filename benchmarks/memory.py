"""Peak memory of ``quality score`` on a long stream: it should stay flat as input grows.

    python benchmarks/memory.py [--data DIR] [--lines N] [--jobs J] [--every K]
    python benchmarks/memory.py --feed ENTRIES [--feed-input bytes|file] [--data DIR] [--jobs J]

Streams news-human-vs-ai.dev.jsonl (from DIR, default ../shared/data beside the repository)
over and over into ``quality score - -o /dev/null --jobs J`` until N lines have been sent
(default 300,000), and every K lines records the resident memory (RSS) of the command and its
worker processes, summed, and the peak so far. Nothing is written to disk.

With ``--feed``, writes an RSS 2.0 feed of that many entries (the same articles as
``content:encoded`` HTML, with titles, links, authors and dates) to a temporary file and
measures, for reading alone (``feed_entries`` in a process of its own: peak RSS, time to the
first entry, time to the last) and for ``quality score FEED --jobs J`` (peak RSS of the
command and its workers, time to the first output line, time to the last). ``--feed-input``
says what reading alone is handed: the file's bytes, as ``quality score`` hands them
(default), or the open file.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape

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


class PeakSampler:
    """The highest resident memory of a process and its children, sampled every 50 ms on a
    thread of its own until ``stop``."""

    def __init__(self, process: psutil.Process):
        self.peak = 0
        self._process = process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, tree_rss(self._process))
            except psutil.NoSuchProcess:
                return
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def write_feed(path: Path, texts: list[str], entries: int) -> None:
    """An RSS 2.0 feed of ``entries`` items cycling through ``texts``, each written as
    ``content:encoded`` HTML in CDATA, one paragraph a sentence."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            "<title>Archive</title>\n<link>https://news.example/</link>\n"
            "<language>en</language>\n<description>Every story</description>\n"
        )
        for number, text in zip(range(entries), itertools.cycle(texts)):
            paragraphs = "".join(f"<p>{escape(part)}.</p>" for part in text.split(". "))
            out.write(
                f"<item>\n<title>Story {number}</title>\n"
                f"<link>https://news.example/{number}</link>\n"
                f"<guid>https://news.example/{number}</guid>\n"
                f"<dc:creator>Writer {number % 50}</dc:creator>\n"
                f"<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>\n"
                f"<description>{escape(text[:200])}</description>\n"
                f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>\n</item>\n"
            )
        out.write("</channel>\n</rss>\n")


#: Run in a process of its own so that its peak RSS is reading's alone.
_READ_FEED = """
import json, resource, sys, time
from pathlib import Path
from quality.inputs.feeds import feed_entries
path, how = Path(sys.argv[1]), sys.argv[2]
started = time.perf_counter()
first = None
count = 0
with path.open("rb") as stream:
    data = stream.read() if how == "bytes" else stream
    for _ in feed_entries(data, path.name):
        count += 1
        if first is None:
            first = time.perf_counter() - started
print(json.dumps({"entries": count, "first": first, "total": time.perf_counter() - started,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def measure_feed(args: argparse.Namespace, texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.rss"
        write_feed(path, texts, args.feed)
        size = path.stat().st_size
        print(f"feed: {args.feed:,} entries, {size / 1e6:.0f} MB")
        done = subprocess.run(
            [sys.executable, "-c", _READ_FEED, str(path), args.feed_input],
            capture_output=True,
            check=True,
            cwd=ROOT,
        )
        read = json.loads(done.stdout)
        print(
            f"reading alone ({args.feed_input}): {read['entries']:,} entries, "
            f"first after {read['first']:.2f} s, all after {read['total']:.1f} s, "
            f"peak RSS {read['peak'] / 1e6:.0f} MB"
        )
        command = [sys.executable, "-m", "quality", "score", str(path), "--jobs", str(args.jobs)]
        started = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        sampler = PeakSampler(psutil.Process(proc.pid))
        assert proc.stdout is not None
        proc.stdout.readline()
        first = time.perf_counter() - started
        lines = 1 + sum(1 for _ in proc.stdout)
        proc.wait()
        total = time.perf_counter() - started
        peak = sampler.stop()
        print(
            f"quality score --jobs {args.jobs}: {lines:,} lines, first after {first:.1f} s, "
            f"all after {total:.0f} s, peak RSS of command and workers {peak / 1e6:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--every", type=int, default=25_000)
    parser.add_argument("--feed", type=int, default=0, metavar="ENTRIES")
    parser.add_argument("--feed-input", choices=("bytes", "file"), default="bytes")
    args = parser.parse_args()
    if args.feed:
        texts = [
            json.loads(line)["text"]
            for line in (args.data / "news-human-vs-ai.dev.jsonl").read_bytes().splitlines()
            if line.strip()
        ]
        measure_feed(args, texts)
        return
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
    sampler = PeakSampler(watched)
    started = time.perf_counter()
    assert proc.stdin is not None
    print(f"{'lines sent':>10} {'RSS now (MB)':>13} {'peak so far (MB)':>17} {'elapsed (s)':>12}")
    for sent, line in enumerate(itertools.islice(itertools.cycle(lines), args.lines), start=1):
        proc.stdin.write(line + b"\n")
        if sent % args.every == 0:
            now = tree_rss(watched)
            print(
                f"{sent:>10,} {now / 1e6:>13.0f} {max(sampler.peak, now) / 1e6:>17.0f} "
                f"{time.perf_counter() - started:>12.0f}",
                flush=True,
            )
    _, stderr = proc.communicate()  # closes stdin: the command finishes the stream
    peak = sampler.stop()
    print(stderr.decode().strip())
    print(f"peak RSS of command and workers: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
