"""``quality lint``: findings per file, as a linter reports them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quality.errors import QualityError

DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories")
    parser.add_argument("--fail-under", type=float, default=None, help="fail when a file scores below this")


def iter_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DEFAULT_EXTENSIONS))
        else:
            files.append(path)
    return files


def run(args: argparse.Namespace) -> int:
    from quality.inputs import decode, format_for_path, load_article
    from quality.pipeline import default_pipeline

    pipeline = default_pipeline()
    fail_under = args.fail_under if args.fail_under is not None else pipeline.weights.fail_under
    failed = errored = False
    for path in iter_files(args.paths):
        try:
            article = load_article(decode(path.read_bytes(), name=str(path)), format=format_for_path(str(path)))
        except OSError as exc:
            print(f"{path}: error: cannot read file: {exc.strerror or exc}", file=sys.stderr)
            errored = True
            continue
        except QualityError as exc:
            print(f"{path}: error: {exc}", file=sys.stderr)
            errored = True
            continue
        report = pipeline.score_article(article)
        for f in report.findings:
            print(f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}")
        print(f"{path}: score {report.score:.0f}/100, grade {report.grade}")
        if report.score < fail_under or any(f.severity.rank >= 2 for f in report.findings):
            failed = True
    return 2 if errored else 1 if failed else 0
