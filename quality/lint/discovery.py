"""Which files a lint run reads: named files as given, directories walked for article files.

As in ruff, a file named on the command line is always linted; ``--exclude`` and the
default exclusions only prune what a directory walk finds.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from quality.inputs import ARTICLE_EXTENSIONS
from quality.lint.globs import glob_matches

DEFAULT_EXTENSIONS = ARTICLE_EXTENSIONS

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
    """A path that cannot be linted (missing, unreadable, a folder that cannot be listed),
    reported as an error by ``display`` with ``reason``."""

    display: str
    reason: str


def _stat_problem(exc: OSError, path: str | Path) -> str:
    if isinstance(exc, FileNotFoundError):
        # The name is there (ls shows it); what is missing is what it points to.
        target = _link_target(path)
        if target is not None:
            return f"broken symbolic link: its target {target!r} does not exist"
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


def _link_target(path: str | Path) -> str | None:
    """Where ``path`` points, when it is a symbolic link; None otherwise."""
    try:
        return os.fsdecode(os.readlink(path))
    except (OSError, ValueError):
        return None


def _matches(relative: str, name: str, patterns: Iterable[str]) -> bool:
    return any(glob_matches(pattern, relative, name) for pattern in patterns)


def discover(
    paths: Iterable[str],
    *,
    extend_include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    excluded_by_config: Callable[[Path], bool] | None = None,
    stdin_filename: str | None = None,
) -> Iterator[Target | MissingPath]:
    """Targets in command-line order; each directory's files sorted, each file once.

    ``exclude`` globs are read against the directory being walked; ``excluded_by_config``
    says whether the configuration governing a path's folder prunes it (its ``exclude``
    globs are read against that configuration's own directory).

    A path that cannot be looked at is a MissingPath, never an exception: the other paths
    are still linted and the run exits 2.
    """
    include = tuple(extend_include)
    excluded = DEFAULT_EXCLUDE + tuple(exclude)
    seen: set[Path] = set()

    def first_time(path: Path) -> bool:
        # A file (or a problem with one) reached twice, named twice or as a link and its
        # target, is reported once.
        key = _identity(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    stdin_seen = False
    for raw in paths:
        if raw == STDIN:
            # Standard input can be read once; a second "-" would lint an empty text.
            if not stdin_seen:
                stdin_seen = True
                yield Target(stdin_filename or STDIN, None)
            continue
        path = Path(raw)
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if first_time(path):
                yield MissingPath(raw, _stat_problem(exc, path))
            continue
        if stat.S_ISDIR(mode):
            for found in _walk(path, include, excluded, excluded_by_config):
                if isinstance(found, MissingPath):
                    if first_time(Path(found.display)):
                        yield found
                elif first_time(found):
                    yield Target(str(found), found)
        elif first_time(path):
            # A file named explicitly is read whatever its type, so a FIFO or a process
            # substitution (`quality lint <(git show HEAD:story.md)`) works as with cat.
            yield Target(raw, path)


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the path itself is identity enough
        return path.absolute()


def _walk(
    root: Path,
    include: tuple[str, ...],
    excluded: tuple[str, ...],
    excluded_by_config: Callable[[Path], bool] | None,
) -> Iterator[Path | MissingPath]:
    # os.walk with scandir is several times faster than Path.rglob on large trees. Without
    # onerror it would skip a folder it cannot list without a word.
    unlisted: list[OSError] = []
    for directory, dirnames, filenames in os.walk(root, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        base = Path(directory)
        relative_dir = os.path.relpath(directory, root)
        relative_dir = "" if relative_dir == "." else relative_dir.replace(os.sep, "/") + "/"
        pruned = _Pruner(base, relative_dir, excluded, excluded_by_config)
        dirnames[:] = sorted(d for d in dirnames if not pruned(d))
        for name in sorted(filenames):
            relative = relative_dir + name
            if pruned(name):
                continue
            if name.lower().endswith(DEFAULT_EXTENSIONS) or _matches(relative, name, include):
                found = base / name
                try:
                    mode = os.stat(found).st_mode
                except OSError as exc:
                    yield MissingPath(str(found), _stat_problem(exc, found))
                    continue
                # A FIFO, socket or device named like an article would block the run or
                # read forever; only files named on the command line are read whatever
                # they are.
                if stat.S_ISREG(mode):
                    yield found
    yield from _unlisted(unlisted)


class _Pruner(NamedTuple):
    """Whether an entry of one walked folder is excluded, by the command line's globs or
    by the configuration that governs the folder."""

    base: Path
    relative_dir: str
    excluded: tuple[str, ...]
    excluded_by_config: Callable[[Path], bool] | None

    def __call__(self, name: str) -> bool:
        if _matches(self.relative_dir + name, name, self.excluded):
            return True
        return self.excluded_by_config is not None and self.excluded_by_config(self.base / name)


def _unlisted(errors: list[OSError]) -> Iterator[MissingPath]:
    for exc in errors:
        name = exc.filename if exc.filename is not None else "?"
        yield MissingPath(os.fsdecode(name), f"cannot list directory: {exc.strerror or exc}")
    errors.clear()
