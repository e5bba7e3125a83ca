"""Lint configuration: ``[tool.quality]`` in pyproject.toml, or quality.toml / .quality.toml.

A file's configuration is the closest one found walking up from its directory. In one
directory ``.quality.toml`` wins over ``quality.toml``, which wins over ``pyproject.toml``;
a pyproject.toml without a ``[tool.quality]`` table is passed over. Every problem is a
ConfigError naming the file, the key and what was expected.
"""

from __future__ import annotations

import difflib
import json
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, NamedTuple

from quality.errors import ConfigError, OptionError
from quality.lint.globs import glob_matches

CONFIG_NAMES = (".quality.toml", "quality.toml", "pyproject.toml")
SEVERITIES = ("info", "warning", "error")


class LintConfig(NamedTuple):
    """One configuration file's settings (or the defaults, when ``source`` is None).

    ``root`` is the directory relative paths in the file (per-file-ignores globs,
    weights-file) are read against.
    """

    root: Path
    source: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_under: float | None = None
    fail_on: str | None = None
    min_severity: str | None = None
    max_file_size: float | None = None
    weights: Mapping[str, float] = MappingProxyType({})
    scorers: Mapping[str, Mapping[str, Any]] = MappingProxyType({})
    allow: tuple[str, ...] = ()
    weights_file: Path | None = None
    #: a newsroom's own rule files or folders, read beside the shipped rules
    rules: tuple[Path, ...] = ()
    #: whether folder walks pass over what git ignores; None: as by default (yes)
    respect_gitignore: bool | None = None
    #: the table the settings were read from ("tool.quality" in pyproject.toml), for messages
    table: str | None = None

    @property
    def label(self) -> str:
        return self.source or "default configuration"

    def key(self, name: str) -> str:
        return f"{self.table}.{name}" if self.table else name

    def option_error(self, error: OptionError) -> ConfigError:
        """A scorer's option error re-worded to name the key it came from here."""
        key = self.key(f"scorers.{error.scorer}.{error.option}")
        if error.expected is None:
            known = ", ".join(o.replace("_", "-") for o in error.known) or "none"
            return ConfigError(
                f"{self.label}: key '{key}': scorer '{error.scorer}' has no such option "
                f"(options: {known})"
            )
        if error.in_list:
            return ConfigError(
                f"{self.label}: key '{key}' must be an array of non-empty strings, "
                f"got {_describe(error.value)} in it"
            )
        expected = _TYPE_NAMES.get(error.expected, f"a {error.expected.__name__}")
        if error.requirement:
            expected += f" {error.requirement}"
        return ConfigError(
            f"{self.label}: key '{key}' must be {expected}, got {_describe(error.value)}"
        )

    def ignores_for(self, path: Path) -> tuple[str, ...]:
        """Codes the per-file-ignores globs switch off for ``path``: those of each glob that
        matches the file or a folder it is in (``"wire"`` or ``"desk/wire"`` takes in
        ``desk/wire/a.md``), as ``exclude`` prunes a folder with everything in it."""
        if not self.per_file_ignores:
            return ()
        inside = self._relative_inside(path)
        places = [(inside if inside is not None else path.as_posix(), path.name)]
        if inside is not None:
            # The folders between the configuration and the file; never those above it,
            # which the configuration's globs do not describe.
            folders = PurePosixPath(inside).parents
            places += [(folder.as_posix(), folder.name) for folder in folders if folder.name]
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            if any(glob_matches(pattern, where, name) for where, name in places):
                codes.extend(pattern_codes)
        return tuple(codes)

    def excludes(self, path: Path) -> bool:
        """Whether the ``exclude`` globs prune ``path`` (a file or folder) from a walk."""
        if not self.exclude:
            return False
        relative = self._relative(path)
        return any(glob_matches(pattern, relative, path.name) for pattern in self.exclude)

    def _relative(self, path: Path) -> str:
        """``path`` relative to the directory of this configuration, as globs read it."""
        relative = self._relative_inside(path)
        return relative if relative is not None else path.as_posix()

    def _relative_inside(self, path: Path) -> str | None:
        """``path`` relative to the directory of this configuration; None when it is not
        under that directory (a file linted with ``--config`` from elsewhere)."""
        # The path as named first: a symlink is governed by the folder it sits in. The
        # resolved pair is the fallback for a root reached through another route.
        for named, root in ((absolute(path), self.root), (path.resolve(), self.root.resolve())):
            try:
                return named.relative_to(root).as_posix()
            except ValueError:
                continue
        return None


#: Python types as a TOML file calls them, for option errors.
_TYPE_NAMES = {
    list: "an array",
    dict: "a table",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
}


def absolute(path: Path) -> Path:
    """``path`` made absolute with ``..`` removed but symlinks kept.

    Configuration is looked up from the folder a file is named in (a symlinked article
    follows the settings of the folder holding the link, not of its target), so paths are
    never resolved for that.
    """
    return Path(os.path.abspath(path))


def _describe(value: Any) -> str:
    names = {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "array",
        dict: "table",
    }
    return f"{names.get(type(value), type(value).__name__)} {value!r}"[:120]


class _Reader:
    """Validates one configuration table, naming the file and key in every error."""

    def __init__(self, source: str, table: str | None, root: Path):
        self.source = source
        self.table = table
        self.root = root

    def key(self, name: str) -> str:
        return f"{self.table}.{name}" if self.table else name

    def fail(self, name: str, expected: str, value: Any) -> ConfigError:
        return ConfigError(
            f"{self.source}: key '{self.key(name)}' must be {expected}, got {_describe(value)}"
        )

    def codes(self, name: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, "an array of rule codes or prefixes (strings)", value)
        return tuple(v.strip().upper() for v in value)

    def globs(self, name: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, "an array of path globs (non-empty strings)", value)
        return tuple(v.strip() for v in value)

    def strings(self, name: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "an array of strings", value)
        return tuple(value)

    def number(
        self, name: str, value: Any, *, low: float = 0.0, high: float | None = None
    ) -> float:
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                number = float(value)  # a TOML integer may be too large for a float
            except OverflowError:
                number = None
        # nan and inf are TOML numbers, but no threshold, weight or size: nan compares
        # false with everything, so it would slip through the range check below.
        if (
            number is None
            or not math.isfinite(number)
            or number < low
            or (high is not None and number > high)
        ):
            limits = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
            raise self.fail(name, f"a number {limits}", value)
        return number

    def boolean(self, name: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(name, "true or false", value)
        return value

    def severity(self, name: str, value: Any) -> str:
        if not isinstance(value, str) or value.lower() not in SEVERITIES:
            raise self.fail(name, "one of " + ", ".join(f'"{s}"' for s in SEVERITIES), value)
        return value.lower()

    def path(self, name: str, value: Any) -> Path:
        if not isinstance(value, str) or not value:
            raise self.fail(name, "a path to a weights JSON file (string)", value)
        return (self.root / value).resolve()

    def rule_places(self, name: str, value: Any) -> tuple[Path, ...]:
        """Rule folders or files, relative to this file's folder; each must exist, so a
        misspelt folder is reported here rather than silently adding no rule."""
        if isinstance(value, str):
            value = [value]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.fail(name, "an array of rule folders or files (non-empty strings)", value)
        places = []
        for entry in value:
            place = (self.root / entry.strip()).resolve()
            if not place.exists():
                raise ConfigError(
                    f"{self.source}: key '{self.key(name)}': {entry!r} not found "
                    f"(looked for {place})"
                )
            places.append(place)
        return tuple(places)

    def table_of(self, name: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(name, "a table", value)
        return value


def _per_file_ignores(reader: _Reader, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = reader.table_of("per-file-ignores", value)
    return tuple(
        (pattern, reader.codes(f'per-file-ignores."{pattern}"', codes))
        for pattern, codes in table.items()
    )


def _weights(reader: _Reader, value: Any) -> dict[str, float]:
    table = reader.table_of("weights", value)
    return {scorer: reader.number(f"weights.{scorer}", weight) for scorer, weight in table.items()}


def _scorers(reader: _Reader, value: Any) -> dict[str, dict[str, Any]]:
    table = reader.table_of("scorers", value)
    return {
        scorer: reader.table_of(f"scorers.{scorer}", options) for scorer, options in table.items()
    }


_KEYS: dict[str, tuple[str, Callable[[_Reader, Any], Any]]] = {
    "select": ("select", lambda r, v: r.codes("select", v)),
    "ignore": ("ignore", lambda r, v: r.codes("ignore", v)),
    "extend-select": ("extend_select", lambda r, v: r.codes("extend-select", v)),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "exclude": ("exclude", lambda r, v: r.globs("exclude", v)),
    "fail-under": ("fail_under", lambda r, v: r.number("fail-under", v, high=100)),
    "fail-on": ("fail_on", lambda r, v: r.severity("fail-on", v)),
    "min-severity": ("min_severity", lambda r, v: r.severity("min-severity", v)),
    "max-file-size": ("max_file_size", lambda r, v: r.number("max-file-size", v)),
    "weights": ("weights", _weights),
    "scorers": ("scorers", _scorers),
    "allow": ("allow", lambda r, v: r.strings("allow", v)),
    "weights-file": ("weights_file", lambda r, v: r.path("weights-file", v)),
    "rules": ("rules", lambda r, v: r.rule_places("rules", v)),
    "respect-gitignore": ("respect_gitignore", lambda r, v: r.boolean("respect-gitignore", v)),
}


def parse_config(
    data: Mapping[str, Any], *, source: str, root: Path, table: str | None
) -> LintConfig:
    """A LintConfig from the settings table of one file, validated key by key."""
    reader = _Reader(source, table, root)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            close = difflib.get_close_matches(key, list(_KEYS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(
                f"{source}: unknown key '{reader.key(key)}'{hint}; "
                f"expected one of: {', '.join(_KEYS)}"
            )
        attribute, convert = _KEYS[key]
        values[attribute] = convert(reader, value)
    return LintConfig(root=root, source=source, table=table, **values)


def load_config_file(path: Path) -> LintConfig | None:
    """The settings in one file; None for a pyproject.toml without ``[tool.quality]``."""
    from quality._toml import tomllib

    source = str(path)
    try:
        # utf-8-sig: an editor that saves UTF-8 with a byte-order mark (Windows Notepad)
        # must not turn a correct file into "invalid TOML at line 1, column 1".
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"{source}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        # An OSError's own text repeats the path the message already starts with.
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"{source}: cannot read configuration file: {reason}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: invalid TOML: {exc}") from exc
    root = absolute(path).parent
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "quality" not in tool:
            return None
        table = tool["quality"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: 'tool.quality' must be a table, got {_describe(table)}")
        return parse_config(table, source=source, root=root, table="tool.quality")
    return parse_config(data, source=source, root=root, table=None)


class ConfigFinder:
    """The closest configuration for each directory, each directory looked at once.

    An invalid file is remembered as its error, so it is reported once and every file it
    governs is skipped with the same message.
    """

    def __init__(self, default_root: Path):
        self.default = LintConfig(root=default_root)
        self._by_directory: dict[Path, LintConfig | ConfigError] = {}

    def for_file(self, path: Path) -> LintConfig:
        full = absolute(path)
        found = self._lookup(full.parent if path.name else full)
        if isinstance(found, ConfigError):
            raise found
        return found

    def _lookup(self, directory: Path) -> LintConfig | ConfigError:
        pending: list[Path] = []
        result: LintConfig | ConfigError | None = None
        for current in (directory, *directory.parents):
            cached = self._by_directory.get(current)
            if cached is not None:
                result = cached
                break
            pending.append(current)
            try:
                found = self._in_directory(current)
            except ConfigError as exc:
                result = exc
                break
            if found is not None:
                result = found
                break
        if result is None:
            result = self.default
        for visited in pending:
            self._by_directory[visited] = result
        return result

    @staticmethod
    def _in_directory(directory: Path) -> LintConfig | None:
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                found = load_config_file(candidate)
                if found is not None:
                    return found
        return None


def pipeline_key(config: LintConfig, extra_ignore: tuple[str, ...]) -> str:
    """Equal for two configurations that build the same Pipeline."""
    return json.dumps(
        {
            "select": config.select,
            "ignore": sorted(config.ignore + extra_ignore),
            "extend_select": sorted(config.extend_select),
            "weights": dict(sorted(config.weights.items())),
            "scorers": config.scorers,
            "allow": sorted(config.allow),
            "weights_file": str(config.weights_file) if config.weights_file else None,
        },
        sort_keys=True,
        default=str,
    )
