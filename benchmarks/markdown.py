"""What reading Markdown costs: masking the markup, scoring a Markdown draft, linting a folder.

    python benchmarks/markdown.py [--data ../shared/data] [--root CHECKOUT] [--runs 7]
    python benchmarks/markdown.py --mask-only [--root CHECKOUT]   # masking alone, quicker

Drafts are built here from the paragraphs of ``human-news.dev.jsonl`` (read at run time, never
stored) with the markup newsrooms write: YAML front matter, headings, links, emphasis, a GitHub
table, lists, a quote, an image and a footnote. Three inputs: a 1,000-word news draft, a
20,000-word long read, and a folder of 200 small drafts (about 300 words each) beside the same
drafts as plain text. Printed, as medians of ``--runs`` runs in this process:

- ``mask_markdown`` alone on each draft, and its share of loading and scoring the draft
  (``quality.load_article`` then ``Pipeline.score_article``, as ``quality.score`` does);
- ``quality lint`` over each folder in a fresh process (start-up included), Markdown and plain
  text, so that the difference is what Markdown costs a linting run.

``--root`` measures another checkout (e.g. a ``git worktree`` of an earlier commit) with the
same drafts, so two versions compare back to back.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

FRONT_MATTER = """\
---
title: "{title}"
date: 2024-03-{day:02d}T09:30:00+01:00
author:
  name: Ana Ruiz
tags: [council, harbour, budget]
summary: |
  {summary}
draft: true
---
"""


def paragraphs(data: Path) -> list[str]:
    """Prose paragraphs of real reporting, or the seed articles' if the data is missing."""
    path = data / "human-news.dev.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    found = [" ".join(p.split()) for text in texts for p in text.split("\n\n")]
    # Whole sentences of some length: headlines and datelines make no paragraphs to mark up.
    return [p for p in found if len(p.split()) >= 25 and p[-1] in ".\"'”?!"]


def marked_up(paragraph: str, rng: random.Random) -> str:
    """A paragraph with the inline markup of a draft: a link, emphasis, sometimes code, a
    footnote reference, an entity or an escaped character."""
    words = paragraph.split(" ")
    spots = sorted(rng.sample(range(1, len(words) - 3), 3))
    a, b, c = spots
    words[a] = f'[{words[a]}](https://example.org/{rng.randrange(10_000)} "Source")'
    words[b] = f"*{words[b]}*" if rng.random() < 0.5 else f"**{words[b]}**"
    roll = rng.random()
    if roll < 0.15:
        words[c] = f"`{words[c]}`"
    elif roll < 0.3:
        words[c] = f"{words[c]}[^{rng.randrange(1, 9)}]"
    elif roll < 0.4:
        words[c] = f"{words[c]} &mdash;"
    elif roll < 0.5:
        words[c] = f"~~{words[c]}~~"
    elif roll < 0.6:
        words[c] = f"{words[c]}\\*"
    return " ".join(words)


def table(rng: random.Random) -> str:
    rows = "".join(
        f"| {name} | €{rng.randrange(2, 90)}m | {rng.randrange(2024, 2031)} |\n"
        for name in ("Dredging", "Quay walls", "Flood gates", "Cycle path", "Lighting")
    )
    return "| Item | Cost | Done by |\n| --- | ---: | :---: |\n" + rows


def draft(source: list[str], words: int, rng: random.Random, day: int = 5) -> str:
    """A Markdown draft of about ``words`` words of prose with a newsroom's markup."""
    picked: list[str] = []
    count = 0
    while count < words:
        paragraph = rng.choice(source)
        picked.append(paragraph)
        count += len(paragraph.split())
    title = " ".join(picked[0].split()[:8])
    parts = [FRONT_MATTER.format(title=title.replace('"', "'"), day=day, summary=title), ""]
    parts.append(f"# {title}\n")
    for index, paragraph in enumerate(picked):
        parts.append(marked_up(paragraph, rng) + "\n")
        if index % 5 == 2:
            parts.append(f"## {' '.join(paragraph.split()[:5])}\n")
        if index % 12 == 4:
            parts.append(table(rng))
        if index % 12 == 7:
            items = rng.sample(source, 3)
            parts.append("".join(f"- {' '.join(i.split()[:12])}\n" for i in items))
        if index % 12 == 9:
            parts.append(f"> {' '.join(rng.choice(source).split()[:30])}\n>\n> — a resident\n")
        if index % 12 == 11:
            parts.append(f'![Harbour at dusk](img/{index}.jpg "The harbour")\n')
    parts.append("[^1]: From the council's published budget, p. 12.\n")
    return "\n".join(parts)


def plain(markdown: str) -> str:
    """The draft's prose without front matter or markup, as a plain-text draft would be."""
    body = markdown.split("\n---\n", 1)[1]
    for mark in ("**", "*", "`", "~~", "> ", "# ", "## ", "- ", "&mdash;", "\\"):
        body = body.replace(mark, "")
    return body


# Run in a fresh process with the measured checkout first on the path: the drafts, which
# function to time and the number of runs come in as JSON; medians in seconds go out.
_MEASURE = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
import quality
from quality.inputs import markdown
from quality.inputs.markdown import mask_markdown, parse_front_matter
# The block scan is cached for lint's suppression check, which asks for it again; each timed
# mask must scan, as the first one of a text does.
forget = getattr(getattr(markdown, "_scan_blocks", None), "cache_clear", lambda: None)
job = json.load(sys.stdin)
pipeline = quality.Pipeline()
results = {}
for name, text in job["drafts"].items():
    body_start = parse_front_matter(text)[1]
    pipeline.score_article(quality.load_article(text, format="markdown", max_chars=None))
    mask, whole = [], []
    for _ in range(job["runs"]):
        started = time.perf_counter()
        for _ in range(job["repeat"][name]):
            forget()
            mask_markdown(text, body_start)
        mask.append((time.perf_counter() - started) / job["repeat"][name])
        if job["mask_only"]:
            continue
        started = time.perf_counter()
        for _ in range(job["repeat"][name]):
            forget()
            pipeline.score_article(quality.load_article(text, format="markdown", max_chars=None))
        whole.append((time.perf_counter() - started) / job["repeat"][name])
    results[name] = {"mask": statistics.median(mask), "score": statistics.median(whole or [0])}
print(json.dumps(results))
"""


def in_process(root: Path, drafts: dict[str, str], runs: int, mask_only: bool) -> dict[str, Any]:
    job = {
        "drafts": drafts,
        "runs": runs,
        "mask_only": mask_only,
        # Enough repeats that each timed run lasts tens of milliseconds.
        "repeat": {name: max(1, 200_000 // len(text)) for name, text in drafts.items()},
    }
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(root)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise SystemExit(f"measuring {root} failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def lint_times(root: Path, folder: Path, runs: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    argv = [sys.executable, "-m", "quality", "lint", str(folder), "--fail-under", "0"]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def describe(times: list[float]) -> str:
    return f"median {statistics.median(times):.3f} s (runs {min(times):.3f}-{max(times):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mask-only", action="store_true", help="time mask_markdown alone")
    args = parser.parse_args()
    root = args.root.resolve()
    source = paragraphs(args.data)
    rng = random.Random(2024)
    drafts = {"news (1,000 words)": draft(source, 1_000, rng)}
    drafts["long read (20,000 words)"] = draft(source, 20_000, rng)
    small = [draft(source, 300, rng, day=1 + n % 28) for n in range(200)]
    drafts["small draft (300 words)"] = small[0]
    print(f"checkout: {root}")
    measured = in_process(root, drafts, args.runs, args.mask_only)
    for name, text in drafts.items():
        mask, whole = measured[name]["mask"], measured[name]["score"]
        line = f"{name}, {len(text):,} chars: mask_markdown {mask * 1e3:.2f} ms"
        if whole:
            line += f", load + score {whole * 1e3:.2f} ms (masking {mask / whole:.1%} of it)"
        print(line)
    if args.mask_only:
        return
    with tempfile.TemporaryDirectory() as scratch:
        folders: dict[str, Callable[[str], str]] = {".md": lambda t: t, ".txt": plain}
        for suffix, convert in folders.items():
            folder = Path(scratch) / suffix.lstrip(".")
            folder.mkdir()
            for number, text in enumerate(small):
                (folder / f"draft{number:03d}{suffix}").write_text(convert(text), "utf-8")
            print(f"quality lint, 200 {suffix} drafts: {describe(lint_times(root, folder, 5))}")
        news = Path(scratch) / "news.md"
        news.write_text(drafts["news (1,000 words)"], encoding="utf-8")
        print(f"quality lint, news draft (.md): {describe(lint_times(root, news, args.runs))}")


if __name__ == "__main__":
    main()
