"""Rules as data: loading, validating and compiling the TOML files in ``rules/``.

A rule file belongs to one scorer and declares the languages it covers::

    scorer = "filler"
    languages = ["en"]

    [[rules]]
    code = "FIL101"
    name = "cliche"
    severity = "warning"
    message = "Cliché: “{match}”"
    phrases = ["a glimmer of hope", ...]

Every problem found on load raises RuleError naming the file and the rule.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from quality._toml import tomllib
from quality.errors import RuleError
from quality.findings import Severity
from quality.matching import Matcher, parse_pattern, sre_constants

CODE_PATTERN = re.compile(r"^[A-Z]{3}\d{3}$")
ANY_LANGUAGE = "*"
T = TypeVar("T")
MESSAGE_FIELDS = frozenset({"match", "value", "threshold", "detail"})
_FILE_KEYS = frozenset({"scorer", "languages", "description", "rules"})
_RULE_KEYS = frozenset(
    {
        "code",
        "name",
        "severity",
        "message",
        "rationale",
        "suggestion",
        "penalty",
        "phrases",
        "patterns",
        "case_sensitive",
        "exempt_quotes",
        "options",
        "examples",
    }
)
# A group repeated without bound that contains a repeat: the classic shape of a
# catastrophically backtracking pattern, e.g. (a+)+ or (\w*\s?)*. Bounded outer repeats
# such as (?:\s+\w+){0,3} stay linear enough and are allowed.
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_BACKREFERENCE = re.compile(r"(?<!\\)(?:\\\\)*\\[1-9]")


class _MessageFields(dict[str, Any]):
    """The values for a message, with an empty string for a field not given."""

    def __missing__(self, name: str) -> str:
        return ""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    scorer: str
    severity: Severity
    message: str
    rationale: str
    suggestion: str | None
    penalty: float
    phrases: tuple[str, ...]
    patterns: tuple[str, ...]
    case_sensitive: bool
    exempt_quotes: bool
    options: Mapping[str, Any]
    examples_fire: tuple[str, ...]
    examples_pass: tuple[str, ...]
    languages: tuple[str, ...]
    path: str

    @property
    def kind(self) -> str:
        return "phrase" if self.phrases else "pattern" if self.patterns else "metric"

    def format_message(self, **values: Any) -> str:
        if "{" not in self.message:
            return self.message
        return self.message.format_map(_MessageFields(values))

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


@dataclass
class LanguageRules:
    """The rules of one scorer that apply to one language."""

    rules: list[Rule]
    allow: tuple[str, ...] = ()
    _derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def by_name(self) -> dict[str, Rule]:
        return {rule.name: rule for rule in self.rules}

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher([r for r in self.rules if r.kind != "metric"], self.allow)

    def get(self, name: str) -> Rule | None:
        return self.by_name.get(name)

    def derived(self, build: Callable[[LanguageRules], T]) -> T:
        """What ``build`` makes of these rules (a scorer's settings read from its rules'
        options), made once and kept for as long as the rules."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return cast(T, self._derived[build])


@dataclass
class ScorerRules:
    """All rules of one scorer, by language."""

    scorer: str
    rules: list[Rule] = field(default_factory=list)
    allow: tuple[str, ...] = ()
    _by_language: dict[str, LanguageRules] = field(default_factory=dict, repr=False)

    @cached_property
    def languages(self) -> set[str]:
        return {language for rule in self.rules for language in rule.languages}

    def has_language_rules(self, language: str) -> bool:
        """Whether rules written for this very language exist (not only language-neutral ones)."""
        return language in self.languages

    def for_language(self, language: str) -> LanguageRules:
        cached = self._by_language.get(language)
        if cached is None:
            selected = [
                r for r in self.rules if language in r.languages or ANY_LANGUAGE in r.languages
            ]
            cached = LanguageRules(selected, self.allow)
            self._by_language[language] = cached
        return cached


class RuleBook:
    """Every loaded rule, indexed by code and by scorer."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules: list[Rule] = list(rules)
        self.by_code: dict[str, Rule] = {}
        #: (scorer, language, name) -> rule: scorers look their rules up by name, language by
        #: language, so a second rule of that name would silently take the first one's place.
        by_name: dict[tuple[str, str, str], Rule] = {}
        for rule in self.rules:
            other = self.by_code.get(rule.code)
            if other is not None:
                raise RuleError(
                    f"duplicate rule code, also defined in {other.path}",
                    path=rule.path,
                    rule=rule.code,
                )
            self.by_code[rule.code] = rule
            for language in rule.languages:
                other = by_name.setdefault((rule.scorer, language, rule.name), rule)
                if other is not rule:
                    raise RuleError(
                        f"rule name {rule.name!r} is taken by {other.code} ({other.path}) "
                        f"for scorer '{rule.scorer}'",
                        path=rule.path,
                        rule=rule.code,
                    )

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules, key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)

    def unknown_prefixes(self, prefixes: Iterable[str]) -> list[str]:
        """The rule codes or code prefixes, as given, that name no rule here."""
        return unknown_prefixes(prefixes, self.by_code)

    def for_scorer(
        self, scorer: str, *, selection: RuleSelection | None = None, allow: Iterable[str] = ()
    ) -> ScorerRules:
        chosen = [
            r
            for r in self.rules
            if r.scorer == scorer and (selection is None or selection.enabled(r.code))
        ]
        return ScorerRules(scorer, chosen, tuple(allow))

    def scorers_without_rules(self, selection: RuleSelection) -> set[str]:
        """The scorers that have rules here but none that ``selection`` leaves on."""
        enabled: dict[str, bool] = {}
        for rule in self.rules:
            enabled[rule.scorer] = enabled.get(rule.scorer, False) or selection.enabled(rule.code)
        return {scorer for scorer, on in enabled.items() if not on}

    @classmethod
    def load(cls, directories: Iterable[Path | str] | None = None) -> RuleBook:
        dirs = [Path(d) for d in directories] if directories is not None else [default_rules_dir()]
        rules: list[Rule] = []
        for directory in dirs:
            if not directory.is_dir():
                raise RuleError("rules directory not found", path=str(directory))
            for path in sorted(directory.rglob("*.toml")):
                rules.extend(load_rule_file(path))
        return cls(rules)


@dataclass(frozen=True)
class RuleSelection:
    """Which rule codes are on, by code or code prefix, like ruff's select/ignore.

    The most specific matching prefix wins; on a tie, ignore wins.
    """

    select: tuple[str, ...] = ("",)
    ignore: tuple[str, ...] = ()

    @classmethod
    def build(
        cls,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
    ) -> RuleSelection:
        chosen = tuple(_normalise_prefix(s) for s in select) if select is not None else ("",)
        return cls(
            chosen + tuple(_normalise_prefix(s) for s in extend_select),
            tuple(_normalise_prefix(s) for s in ignore),
        )

    def enabled(self, code: str) -> bool:
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_select > best_ignore


def unknown_prefixes(prefixes: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The rule codes or code prefixes, as given, that begin none of ``codes`` ("ALL"
    begins them all)."""
    codes = list(codes)
    return [
        prefix
        for prefix in prefixes
        if not any(code.startswith(_normalise_prefix(prefix)) for code in codes)
    ]


def _normalise_prefix(prefix: str) -> str:
    prefix = prefix.strip().upper()
    return "" if prefix == "ALL" else prefix


def default_rules_dir() -> Path:
    """The rules shipped with the package (in a wheel) or beside it (in a source checkout)."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "rules", package_dir.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(
        "the packaged rules directory is missing; reinstall quality",
        path=str(package_dir / "rules"),
    )


def load_rule_file(path: Path) -> list[Rule]:
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", path=where) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"invalid TOML: {exc}", path=where) from exc
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise RuleError(
            f"unknown key(s) {', '.join(sorted(unknown))}; "
            f"expected {', '.join(sorted(_FILE_KEYS))}",
            path=where,
        )
    scorer = data.get("scorer")
    if not isinstance(scorer, str) or not scorer:
        raise RuleError("'scorer' must be a non-empty string", path=where)
    languages = data.get("languages")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(x, str) and x for x in languages)
    ):
        raise RuleError(
            "'languages' must be a non-empty list of language codes (or \"*\")", path=where
        )
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RuleError("'rules' must be an array of tables ([[rules]])", path=where)
    rules = [
        _build_rule(entry, scorer, tuple(languages), where, index)
        for index, entry in enumerate(entries)
    ]
    names = set()
    for rule in rules:
        if rule.name in names:
            raise RuleError(f"duplicate rule name {rule.name!r}", path=where, rule=rule.code)
        names.add(rule.name)
    return rules


def _build_rule(
    entry: dict[str, Any], scorer: str, languages: tuple[str, ...], where: str, index: int
) -> Rule:
    code = entry.get("code")
    label = code if isinstance(code, str) else f"#{index + 1}"

    def fail(message: str) -> RuleError:
        return RuleError(message, path=where, rule=label)

    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}")
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise fail("'code' must be three capital letters and three digits, like FIL101")
    for key in ("name", "message"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"'{key}' must be a non-empty string")
    for key in ("rationale", "suggestion"):
        if key in entry and not isinstance(entry[key], str):
            raise fail(f"'{key}' must be a string")
    severity_name = entry.get("severity", "warning")
    if not isinstance(severity_name, str):
        raise fail("'severity' must be one of info, warning, error")
    try:
        severity = Severity.parse(severity_name)
    except ValueError as exc:
        raise fail(str(exc)) from None
    _check_message(entry["message"], fail)
    penalty = entry.get("penalty", 1.0)
    if (
        isinstance(penalty, bool)
        or not isinstance(penalty, (int, float))
        or not math.isfinite(penalty)
        or penalty < 0
    ):
        raise fail("'penalty' must be a non-negative number")
    phrases = _string_list(entry, "phrases", fail)
    patterns = _string_list(entry, "patterns", fail)
    for phrase in phrases:
        if not phrase.strip():
            raise fail("empty phrase")
    if any(not pattern for pattern in patterns):
        raise fail("empty pattern")
    for pattern in patterns:
        _check_pattern(pattern, fail)
    for key in ("case_sensitive", "exempt_quotes"):
        if key in entry and not isinstance(entry[key], bool):
            raise fail(f"'{key}' must be true or false")
    options = entry.get("options", {})
    if not isinstance(options, dict):
        raise fail("'options' must be a table")
    examples = entry.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"fires", "passes"}:
        raise fail("'examples' must be a table with 'fires' and/or 'passes' lists")
    return Rule(
        code=code,
        name=entry["name"],
        scorer=scorer,
        severity=severity,
        message=entry["message"],
        rationale=entry.get("rationale", ""),
        suggestion=entry.get("suggestion"),
        penalty=float(penalty),
        phrases=phrases,
        patterns=patterns,
        case_sensitive=entry.get("case_sensitive", False),
        exempt_quotes=entry.get("exempt_quotes", True),
        options=options,
        examples_fire=_string_list(examples, "fires", fail),
        examples_pass=_string_list(examples, "passes", fail),
        languages=languages,
        path=where,
    )


def _check_message(message: str, fail: Any) -> None:
    """Every placeholder a plain field name that findings fill in: a format spec ("{value:d}"),
    a conversion or an attribute or index ("{match.upper}") would fail or print nonsense
    when a finding is worded, long after the file was loaded."""
    try:
        parts = list(string.Formatter().parse(message))
    except ValueError as exc:  # "m {oops": an unclosed brace
        raise fail(f"message is not a valid template: {exc}") from None
    for _, placeholder, spec, conversion in parts:
        if placeholder is None:
            continue
        if placeholder not in MESSAGE_FIELDS or spec or conversion:
            raise fail(
                f"message placeholder {{{placeholder}}} must be one of "
                f"{', '.join('{' + name + '}' for name in sorted(MESSAGE_FIELDS))}, "
                "with nothing added"
            )


def _string_list(entry: Mapping[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"'{key}' must be a list of strings")
    return tuple(value)


def _check_pattern(pattern: str, fail: Any) -> None:
    try:
        # Parsed, not compiled: the matcher compiles a pattern when an article first needs it,
        # from the same cached parse.
        parsed = parse_pattern(pattern)
    except re.error as exc:
        raise fail(f"invalid pattern {pattern!r}: {exc}") from None
    if parsed.state.groupdict:
        raise fail(f"pattern {pattern!r} uses named groups; use (?:...) instead")
    # The matcher joins patterns into alternations, where group numbers shift and global
    # flags are not allowed.
    if _BACKREFERENCE.search(pattern):
        raise fail(f"pattern {pattern!r} uses a numbered backreference, which rules cannot use")
    if _GLOBAL_FLAGS.match(pattern):
        raise fail(
            f"pattern {pattern!r} sets flags for the whole pattern, which rules cannot do; "
            "scope them, as in (?i:...)"
        )
    if _nests_repeats(parsed):
        raise fail(
            f"pattern {pattern!r} nests a repeat or an alternation inside an unbounded repeat "
            "and may backtrack catastrophically"
        )


def _nests_repeats(parsed: Any) -> bool:
    """Whether an unbounded repeat holds something that can match in more than one way
    (a variable repeat or an alternation), at any depth: ``(\\w+\\s?)+:`` or ``(a|aa)+b``
    try exponentially many splits of a text that almost matches."""
    for op, arg in parsed:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            _, high, body = arg
            if high == sre_constants.MAXREPEAT and _varies(body):
                return True
            if _nests_repeats(body):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _nests_repeats(arg[-1]):
                return True
        elif op is sre_constants.BRANCH:
            if any(_nests_repeats(branch) for branch in arg[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _nests_repeats(arg[1]):
            return True
    return False


def _varies(body: Any) -> bool:
    for op, arg in body:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] != arg[1]:
            return True
        if op is sre_constants.BRANCH:
            return True
        if op is sre_constants.SUBPATTERN and _varies(arg[-1]):
            return True
    return False
