"""``quality eval``: measure the scorers on labelled data (see docs/evaluation.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quality.commands import add_jobs_argument, refuse_empty_paths, workers_for
from quality.commands.score import add_pipeline_arguments, pipeline_from
from quality.errors import InputError

EPILOG = """\
examples:
  quality eval --limit 200                     quick run: 200 records of each file
  quality eval --only attribution --json -     one kind of data, as JSON on standard output
  quality eval --file my.jsonl --kind news     a labelled file of your own
  quality eval --check --json eval.json        a gate in CI: fail when a target is missed

exit status: 0 measured (with --check: every target measured is met); 1 with --check, a
target measured is missed (each one named on standard error); 2 the command could not run
(bad option, missing or invalid data, unwritable --json file); 130 interrupted.
"""

#: The options naming a file or folder: given empty (an unset variable in a script), each
#: would quietly fall back to its default, or write no JSON at all.
PATH_OPTIONS = ("data", "file", "weights", "seeds", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from quality.evaluation.datasets import KINDS

    parser.epilog = EPILOG
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="directory of the labelled files (default: ../shared/data beside the project)",
    )
    parser.add_argument(
        "--file", metavar="PATH", help="evaluate one labelled file instead of the directory"
    )
    parser.add_argument("--kind", choices=KINDS, help="what --file holds")
    parser.add_argument(
        "--only",
        action="append",
        choices=KINDS,
        metavar="KIND",
        help=f"evaluate only these kinds of the directory (repeatable; {', '.join(KINDS)})",
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="use N records of each file, evenly spaced"
    )
    add_jobs_argument(parser, default=1, scored="the news articles")
    add_pipeline_arguments(parser)
    parser.add_argument(
        "--seeds",
        metavar="DIR",
        help="seed articles to check against fail-under (default: seeds/ of the project)",
    )
    parser.add_argument(
        "--json",
        metavar="FILE",
        help="also write the results as JSON ('-': to standard output, instead of the tables)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a target is missed, naming each on standard error (a target whose "
        "data was not given, or could not be measured on it, does not count)",
    )
    parser.add_argument(
        "--top-rules",
        type=int,
        default=None,
        metavar="N",
        help="show only the N most frequent rules (at least 1)",
    )


def run(args: argparse.Namespace) -> int:
    from quality.evaluation.datasets import DEFAULT_FILES, default_data_dir, read_kind, repo_root
    from quality.evaluation.measures import evaluate, kinds_without_their_scorer
    from quality.evaluation.report import (
        check_output,
        render_markdown,
        target_checks,
        to_json,
        write_json,
    )

    refuse_empty_paths(args, PATH_OPTIONS)
    if args.limit is not None and args.limit < 1:
        raise InputError(f"--limit must be at least 1, got {args.limit}")
    if args.top_rules is not None and args.top_rules < 1:
        raise InputError(f"--top-rules must be at least 1, got {args.top_rules}")
    # "--json -" puts the JSON on standard output in place of the tables, for a pipe.
    json_to_stdout = args.json == "-"
    if args.json and not json_to_stdout:
        check_output(Path(args.json), "--json")
    data: dict[str, list] = {}
    if args.file:
        if not args.kind:
            raise InputError(
                "--file needs --kind (news, human-news, attribution, comments or dates)"
            )
        _refuse_overwriting(args.json, Path(args.file), "the labelled data")
        data[args.kind] = read_kind(args.kind, Path(args.file), args.limit)
    else:
        directory = Path(args.data) if args.data else default_data_dir()
        if not directory.is_dir():
            raise InputError(f"{directory}: data directory not found (give one with --data DIR)")
        kinds = args.only or list(DEFAULT_FILES)
        for kind in kinds:
            path = directory / DEFAULT_FILES[kind]
            _refuse_overwriting(args.json, path, "the labelled data")
            if path.exists():
                data[kind] = read_kind(kind, path, args.limit)
            else:
                print(f"quality eval: warning: {path} not found, skipping {kind}", file=sys.stderr)
        if not data:
            raise InputError(f"{directory}: none of {', '.join(DEFAULT_FILES.values())} found")
    # A seeds directory the user named must exist; the default one may be absent (an
    # installed copy has no seeds/ beside it), and then the seed check is just left out.
    default_seeds = repo_root() / "seeds"
    seeds_dir = (
        Path(args.seeds) if args.seeds else default_seeds if default_seeds.is_dir() else None
    )
    if args.weights:
        _refuse_overwriting(args.json, Path(args.weights), "the weights file")
    pipeline = pipeline_from(args)
    for kind, scorer in kinds_without_their_scorer(data, pipeline).items():
        if args.file:
            raise InputError(
                f"--kind {kind} measures the {scorer} scorer, which the rule selection "
                "(--select, --ignore) leaves out"
            )
        print(
            f"quality eval: warning: skipping {kind}: the rule selection leaves out the "
            f"{scorer} scorer it measures",
            file=sys.stderr,
        )
        del data[kind]
    if not data:
        raise InputError(
            "nothing left to measure: the rule selection leaves out every scorer measured"
        )
    evaluation = evaluate(
        data, pipeline=pipeline, seeds_dir=seeds_dir, workers=workers_for(args.jobs)
    )
    evaluation.settings["data"] = args.file or str(args.data or default_data_dir())
    evaluation.settings["limit"] = args.limit
    if json_to_stdout:
        sys.stdout.write(to_json(evaluation))
    else:
        sys.stdout.write(render_markdown(evaluation, top_rules=args.top_rules))
        if args.json:
            write_json(evaluation, Path(args.json))
    if not args.check:
        return 0
    checks = [check for check in target_checks(evaluation) if check.met is not None]
    if not checks:
        # A gate that checked nothing passes; say so, or a run on the wrong data looks green.
        print("quality eval: warning: no target could be measured on this data", file=sys.stderr)
    missed = [check for check in checks if not check.met]
    for check in missed:
        print(
            f"quality eval: target missed: {check.measure}: {check.shown_value} "
            f"(target {check.shown_target})",
            file=sys.stderr,
        )
    return 1 if missed else 0


def _refuse_overwriting(json_target: str | None, path: Path, what: str) -> None:
    """The results must not replace a file the evaluation reads: a labelled file or weights
    written over by ``--json`` are lost for good, and the run would even succeed."""
    from quality.commands.score import same_file

    if json_target and json_target != "-" and same_file(json_target, str(path)):
        raise InputError(f"--json {json_target}: is {what} {path}; refusing to overwrite it")
