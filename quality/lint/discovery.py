"""Which files a lint run reads: named files as given, directories walked for article files.

As in ruff, a file named on the command line is always linted; ``--exclude``, the default
exclusions and the files git ignores only prune what a directory walk finds.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from quality.inputs import ARTICLE_EXTENSIONS
from quality.lint.gitignore import GitIgnore
from quality.lint.globs import glob_matches

DEFAULT_EXTENSIONS = ARTICLE_EXTENSIONS

#: Directories never worth walking into: version control, environments, caches, editor
#: settings. Build output is left to .gitignore, which knows where a project puts it, rather
#: than guessed from a name; other hidden folders (.github) are walked, as in ruff.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    ".direnv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    ".ipynb_checkpoints",
    ".vscode",
    ".idea",
)

#: Other tools' files that share the ``.json`` extension with article records, passed over
#: by a walk without being read: several may be written with comments (not JSON at all) or
#: run past the size limit (a lock file). Any other JSON file a walk finds that holds no
#: article is passed over once read (see quality.lint.runner).
TOOL_JSON_FILES = frozenset(
    {
        "package.json",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "composer.json",
        "bower.json",
        "tsconfig.json",
        "jsconfig.json",
        "deno.json",
        "lerna.json",
        "nx.json",
        "angular.json",
        "turbo.json",
        "vercel.json",
        "firebase.json",
        "renovate.json",
        "biome.json",
        "tslint.json",
        "cspell.json",
        "devcontainer.json",
        ".devcontainer.json",
        "babel.config.json",
        ".babelrc.json",
        ".eslintrc.json",
        ".prettierrc.json",
        ".stylelintrc.json",
        ".markdownlint.json",
    }
)
#: tsconfig.base.json, jsconfig.app.json and the like
_TOOL_JSON_GLOBS = ("tsconfig.*.json", "jsconfig.*.json")

STDIN = "-"


class Target(NamedTuple):
    """One thing to lint: a path on disk, or standard input shown under ``display``."""

    display: str
    path: Path | None
    #: found in a folder walk rather than named: a JSON file that holds no article is then
    #: another tool's file, passed over, where a named one is an error
    walked: bool = False


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
    respect_gitignore: bool = True,
) -> Iterator[Target | MissingPath]:
    """Targets in command-line order; each directory's files sorted, each file once.

    ``exclude`` globs are read against the directory being walked; ``excluded_by_config``
    says whether the configuration governing a path's folder prunes it (its ``exclude``
    globs are read against that configuration's own directory). With ``respect_gitignore``
    a walk also passes over what git ignores (see quality.lint.gitignore).

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
            ignored = GitIgnore.for_root(Path(os.path.abspath(path))) if respect_gitignore else None
            for found in _walk(path, include, excluded, excluded_by_config, ignored):
                if isinstance(found, MissingPath):
                    if first_time(Path(found.display)):
                        yield found
                elif first_time(found):
                    yield Target(str(found), found, walked=True)
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
    ignored: GitIgnore | None,
) -> Iterator[Path | MissingPath]:
    # os.walk with scandir is several times faster than Path.rglob on large trees. Without
    # onerror it would skip a folder it cannot list without a word.
    unlisted: list[OSError] = []
    #: each folder still to be walked -> the git ignore patterns in force in it
    ignored_in = {os.fspath(root): ignored}
    for directory, dirnames, filenames in os.walk(root, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        base = Path(directory)
        relative_dir = os.path.relpath(directory, root)
        relative_dir = "" if relative_dir == "." else relative_dir.replace(os.sep, "/") + "/"
        git = ignored_in.pop(directory, None)
        pruned = _Pruner(
            base, relative_dir, excluded, excluded_by_config, git, Path(os.path.abspath(base))
        )
        dirnames[:] = sorted(d for d in dirnames if not pruned(d, is_dir=True))
        if git is not None:
            for name in dirnames:
                ignored_in[os.path.join(directory, name)] = git.entering(pruned.absolute / name)
        for name in sorted(filenames):
            relative = relative_dir + name
            if pruned(name, is_dir=False) or _is_tool_json(name):
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


def _is_tool_json(name: str) -> bool:
    lowered = name.lower()
    return lowered in TOOL_JSON_FILES or any(
        glob_matches(pattern, lowered, lowered) for pattern in _TOOL_JSON_GLOBS
    )


class _Pruner(NamedTuple):
    """Whether an entry of one walked folder is excluded, by the command line's globs, by
    the configuration that governs the folder, or by git."""

    base: Path
    relative_dir: str
    excluded: tuple[str, ...]
    excluded_by_config: Callable[[Path], bool] | None
    git: GitIgnore | None
    #: ``base`` as an absolute path, which git's patterns are matched against
    absolute: Path

    def __call__(self, name: str, *, is_dir: bool) -> bool:
        if _matches(self.relative_dir + name, name, self.excluded):
            return True
        if self.excluded_by_config is not None and self.excluded_by_config(self.base / name):
            return True
        return self.git is not None and self.git.ignores(self.absolute / name, is_dir=is_dir)


def _unlisted(errors: list[OSError]) -> Iterator[MissingPath]:
    for exc in errors:
        name = exc.filename if exc.filename is not None else "?"
        yield MissingPath(os.fsdecode(name), f"cannot list directory: {exc.strerror or exc}")
    errors.clear()
