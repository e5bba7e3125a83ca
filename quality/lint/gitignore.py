"""The files git ignores, which a folder walk passes over (``respect-gitignore``, on by
default), as ruff does: build output, a site generator's ``_site/``, a scratch folder.

As in ruff, whose walker is ripgrep's, ``.gitignore`` files count only inside a git work tree
(a folder holding ``.git``, or a folder below one): a copy of the folder without ``.git``
(an unpacked archive) is walked whole. The patterns are read by pathspec as git reads them.
As in git, the closest ``.gitignore`` with a pattern matching a path decides (the last such
pattern in it, so that ``!keep.md`` brings a file back), then ``.git/info/exclude``; a folder
that is ignored is not entered, so nothing inside it can be brought back; and a repository
nested in the walk (a submodule) follows its own ``.gitignore`` files only. Git's global
excludes file (``core.excludesFile``) is not read: it is one person's settings, and a CI job
would lint what that person's run passes over.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


class _Patterns(NamedTuple):
    """The patterns of one ignore file, and the folder they are relative to."""

    base: Path
    spec: GitIgnoreSpec


class GitIgnore(NamedTuple):
    """The ignore patterns in force in one folder: ``.git/info/exclude`` first, then each
    ``.gitignore`` from the top of the work tree down to the folder."""

    layers: tuple[_Patterns, ...]

    @classmethod
    def for_root(cls, root: Path) -> GitIgnore | None:
        """The patterns in force in ``root``, a folder about to be walked (an absolute path);
        None when it is not in a git work tree."""
        top = next((folder for folder in (root, *root.parents) if _is_work_tree(folder)), None)
        if top is None:
            return None
        rules = cls(_present(_read(top / ".git" / "info" / "exclude", top)))
        for folder in (*reversed(root.relative_to(top).parents), root.relative_to(top)):
            here = top / folder
            if here != top and rules.ignores(here, is_dir=True):
                # Named on the command line although git ignores it: walked as named, as
                # ripgrep and ruff do, under its own .gitignore files only.
                rules = cls(())
            rules = rules.with_file(here)
        return rules

    def entering(self, folder: Path) -> GitIgnore:
        """The patterns in force in ``folder``, a subfolder of the one these are for."""
        if _is_work_tree(folder):
            # A repository of its own (a submodule): the outer one's patterns stop at it.
            return GitIgnore(_present(_read(folder / ".git" / "info" / "exclude", folder)))
        return self.with_file(folder)

    def with_file(self, folder: Path) -> GitIgnore:
        patterns = _read(folder / ".gitignore", folder)
        return self if patterns is None else GitIgnore((*self.layers, patterns))

    def ignores(self, path: Path, *, is_dir: bool) -> bool:
        """Whether git ignores ``path``, a file or folder (an absolute path) in the folder
        these patterns are for."""
        for layer in reversed(self.layers):
            relative = path.relative_to(layer.base).as_posix()
            verdict = layer.spec.check_file(relative + "/" if is_dir else relative).include
            if verdict is not None:
                return verdict
        return False


def _is_work_tree(folder: Path) -> bool:
    # A file rather than a folder in a linked work tree or a submodule ("gitdir: ...").
    return (folder / ".git").exists()


def _read(path: Path, base: Path) -> _Patterns | None:
    try:
        # Git reads the patterns as bytes; a name that is not UTF-8 cannot match one anyway.
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:  # no such file, mostly; an unreadable one ignores nothing, as in git
        return None
    from pathspec import GitIgnoreSpec

    spec = GitIgnoreSpec.from_lines(lines)
    # Comments and blank lines are patterns that match nothing.
    if not any(pattern.include is not None for pattern in spec.patterns):
        return None
    return _Patterns(base, spec)


def _present(patterns: _Patterns | None) -> tuple[_Patterns, ...]:
    return () if patterns is None else (patterns,)
