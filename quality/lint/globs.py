"""Path globs as ruff and .gitignore read them, for ``--exclude`` and ``per-file-ignores``.

A pattern without a slash matches a file or folder name in any folder; one with a slash
matches the path relative to where the search started (or to the configuration's folder).
"""

from __future__ import annotations

from fnmatch import fnmatchcase


def glob_matches(pattern: str, relative: str, name: str) -> bool:
    """Whether ``pattern`` matches the path ``relative`` (POSIX form) whose last part is
    ``name``. A trailing slash is allowed (``old/``, a folder)."""
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        return fnmatchcase(name, pattern)
    return any(fnmatchcase(relative, form) for form in _forms(pattern))


def _forms(pattern: str) -> set[str]:
    """``pattern`` as fnmatch reads it, in every form it may take: a leading ``./`` means
    this folder, and ``**/`` also matches no folder at all (``**/wire/*.md`` matches
    ``wire/a.md``, ``desk/**/a.md`` matches ``desk/a.md``), as in ruff and .gitignore."""
    while pattern.startswith("./"):
        pattern = pattern[2:]
    forms = {pattern}
    pending = [pattern]
    while pending:
        current = pending.pop()
        start = current.find("**/")
        while start != -1:
            if start == 0 or current[start - 1] == "/":
                shorter = current[:start] + current[start + 3 :]
                if shorter not in forms:
                    forms.add(shorter)
                    pending.append(shorter)
            start = current.find("**/", start + 1)
    return forms
