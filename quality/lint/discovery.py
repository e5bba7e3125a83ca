"""Which files a lint run reads: named files as given, directories walked for article files.

As in ruff, a file named on the command line is always linted; ``--exclude`` and the
default exclusions only prune what a directory walk finds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".json")

#: Directories never worth walking into: version control, environments, caches, builds.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    ".ipynb_checkpoints",
)

STDIN = "-"


class Target(NamedTuple):
    """One thing to lint: a path on disk, or standard input shown under ``display``."""

    display: str
    path: Path | None


class MissingPath(NamedTuple):
    display: str
    reason: str


def _matches(relative: str, name: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            if fnmatchcase(relative, pattern) or fnmatchcase(relative, pattern.lstrip("./")):
                return True
        elif fnmatchcase(name, pattern):
            return True
    return False


def discover(
    paths: Iterable[str],
    *,
    extend_include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    stdin_filename: str | None = None,
) -> Iterator[Target | MissingPath]:
    """Targets in command-line order; each directory's files sorted, each file once."""
    include = tuple(extend_include)
    excluded = DEFAULT_EXCLUDE + tuple(exclude)
    seen: set[Path] = set()
    for raw in paths:
        if raw == STDIN:
            yield Target(stdin_filename or STDIN, None)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, include, excluded):
                key = found.resolve()
                if key not in seen:
                    seen.add(key)
                    yield Target(str(found), found)
        elif path.exists():
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield Target(raw, path)
        else:
            yield MissingPath(raw, "no such file or directory")


def _walk(root: Path, include: tuple[str, ...], excluded: tuple[str, ...]) -> Iterator[Path]:
    # os.walk with scandir is several times faster than Path.rglob on large trees.
    for directory, dirnames, filenames in os.walk(root):
        base = Path(directory)
        relative_dir = os.path.relpath(directory, root)
        relative_dir = "" if relative_dir == "." else relative_dir.replace(os.sep, "/") + "/"
        dirnames[:] = sorted(d for d in dirnames if not _matches(relative_dir + d, d, excluded))
        for name in sorted(filenames):
            relative = relative_dir + name
            if _matches(relative, name, excluded):
                continue
            if name.lower().endswith(DEFAULT_EXTENSIONS) or _matches(relative, name, include):
                yield base / name
