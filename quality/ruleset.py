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

import os
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from quality._toml import tomllib
from quality.article import normalise_language, shown_value
from quality.errors import InputError, RuleError
from quality.findings import Severity
from quality.inputs import utf8_problem
from quality.matching import Matcher, fold, parse_pattern, sre_constants

CODE_PATTERN = re.compile(r"^[A-Z]{3}\d{3}$")
ANY_LANGUAGE = "*"
T = TypeVar("T")
#: A finding's penalty past 1 already takes most sub-scores to 0; far larger ones add up
#: to infinity, which no report can hold.
MAX_PENALTY = 100
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
_RULES_HEADER = re.compile(r"^\s*\[\[\s*(?:rules|\"rules\"|'rules')\s*\]\]")
_QUOTES = frozenset("'\"")
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
    #: the line of its file where the rule begins, when known
    line: int | None = field(default=None, compare=False)

    @property
    def where(self) -> str:
        """Its file, and the line there when known."""
        return self.path if self.line is None else f"{self.path}, line {self.line}"

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
    #: this scorer's rules for the language that the rule selection switched off
    switched_off: list[Rule] = field(default_factory=list)
    _derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def by_name(self) -> dict[str, Rule]:
        return {rule.name: rule for rule in self.rules}

    @cached_property
    def _switched_off_by_name(self) -> dict[str, Rule]:
        return {rule.name: rule for rule in self.switched_off}

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher([r for r in self.rules if r.kind != "metric"], self.allow)

    def get(self, name: str) -> Rule | None:
        return self.by_name.get(name)

    def settings(self, name: str) -> Rule | None:
        """The rule called ``name``, switched on or off: a rule that sums up others (a
        density of phrase hits) keeps its options for them when its own finding is off."""
        return self.by_name.get(name) or self._switched_off_by_name.get(name)

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
    #: the scorer's rules that the rule selection switched off, kept for their options
    switched_off: list[Rule] = field(default_factory=list)
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

            def applying(rules: list[Rule]) -> list[Rule]:
                return [r for r in rules if language in r.languages or ANY_LANGUAGE in r.languages]

            cached = LanguageRules(applying(self.rules), self.allow, applying(self.switched_off))
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
        #: (scorer, folded phrase) -> the rules holding it: a scorer's phrases go into one
        #: automaton, where the first rule to list a phrase takes every match of it.
        by_phrase: dict[tuple[str, str], list[Rule]] = {}
        for rule in self.rules:
            other = self.by_code.get(rule.code)
            if other is not None:
                raise _rule_error(
                    rule,
                    f"duplicate rule code, also defined in {other.where}; a rule cannot be "
                    f'redefined: switch it off (ignore = ["{rule.code}"]) and give the new '
                    "one a code of its own",
                )
            self.by_code[rule.code] = rule
            for language in rule.languages:
                other = by_name.setdefault((rule.scorer, language, rule.name), rule)
                if other is not rule:
                    raise _rule_error(
                        rule,
                        f"rule name {rule.name!r} is taken by {other.code} ({other.where}) "
                        f"for scorer '{rule.scorer}'",
                    )
            for phrase in dict.fromkeys(fold(p) for p in rule.phrases):
                holders = by_phrase.setdefault((rule.scorer, phrase), [])
                for other in holders:
                    if _share_a_language(rule, other):
                        raise _rule_error(
                            rule,
                            f"phrase {phrase!r} is also in {other.code} ({other.where}), "
                            "which would take every match of it",
                        )
                holders.append(rule)

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules, key=lambda r: r.code))

    def check_code_prefixes(self) -> None:
        """Rules are selected and ignored by code prefix, so a prefix shared by two scorers
        (an ``ATT901`` among the filler rules) would switch both off at once. Checked once
        the scorers are known to exist, so that a misspelt ``scorer`` is reported as that."""
        #: code prefix -> the first rule to use it, the shipped rules being read first
        by_prefix: dict[str, Rule] = {}
        for rule in self.rules:
            owner = by_prefix.setdefault(rule.code[:3], rule)
            if owner.scorer != rule.scorer:
                raise _rule_error(
                    rule,
                    f"code prefix {rule.code[:3]} belongs to the {owner.scorer} scorer's rules "
                    f"({owner.code}, {owner.where}), so selecting or ignoring "
                    f"{rule.code[:3]} would take this {rule.scorer} rule with them; give it "
                    "the prefix of its own scorer's rules or a new one",
                )

    def __len__(self) -> int:
        return len(self.rules)

    def unknown_prefixes(self, prefixes: Iterable[str]) -> list[str]:
        """The rule codes or code prefixes, as given, that name no rule here."""
        return unknown_prefixes(prefixes, self.by_code)

    def for_scorer(
        self, scorer: str, *, selection: RuleSelection | None = None, allow: Iterable[str] = ()
    ) -> ScorerRules:
        own = [r for r in self.rules if r.scorer == scorer]
        if selection is None:
            return ScorerRules(scorer, own, tuple(allow))
        chosen = [r for r in own if selection.enabled(r.code)]
        switched_off = [r for r in own if not selection.enabled(r.code)]
        return ScorerRules(scorer, chosen, tuple(allow), switched_off)

    def scorers_without_rules(self, selection: RuleSelection) -> set[str]:
        """The scorers that have rules here but none that ``selection`` leaves on."""
        enabled: dict[str, bool] = {}
        for rule in self.rules:
            enabled[rule.scorer] = enabled.get(rule.scorer, False) or selection.enabled(rule.code)
        return {scorer for scorer, on in enabled.items() if not on}

    @classmethod
    def load(cls, directories: Iterable[Path | str] | Path | str | None = None) -> RuleBook:
        """The rules in ``directories`` (each searched for ``*.toml`` files at any depth, or
        a rule file itself; one may be given alone); by default the packaged rules."""
        if directories is None:
            places = [default_rules_dir()]
        elif isinstance(directories, (str, os.PathLike)):
            places = [Path(directories)]  # iterating a str would give its letters
        else:
            places = [Path(d) for d in directories]
        rules: list[Rule] = []
        # A directory given twice, or inside another given, is read once: its rules would
        # otherwise clash with themselves as duplicates.
        seen: set[Path] = set()
        for place in places:
            if place.is_file():
                files = [place]
            elif place.is_dir():
                files = sorted(place.rglob("*.toml"))
            else:
                raise RuleError("rules directory not found", path=str(place))
            for path in files:
                if path.resolve() not in seen:
                    seen.add(path.resolve())
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


def shipped_and(extra: Iterable[str | Path] = ()) -> RuleBook:
    """The shipped rules, plus those in ``extra`` (folders searched for ``*.toml`` files, or
    rule files): a newsroom's own rules beside the package's."""
    extra = tuple(extra)
    return RuleBook.load([default_rules_dir(), *extra]) if extra else RuleBook.load()


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
    text = _read_text(path)
    try:
        data = tomllib.loads(text)
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
    for language in languages:
        _check_language(language, where)
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RuleError("'rules' must be an array of tables ([[rules]])", path=where)
    starts = _rule_lines(text, len(entries))
    rules = [
        _build_rule(entry, scorer, tuple(languages), where, index, starts[index])
        for index, entry in enumerate(entries)
    ]
    names: dict[str, Rule] = {}
    for rule in rules:
        other = names.setdefault(rule.name, rule)
        if other is not rule:
            raise _rule_error(
                rule,
                f"duplicate rule name {rule.name!r}, also the name of {other.code} ({other.where})",
            )
    return rules


def _rule_lines(text: str, count: int) -> list[int | None]:
    """The line each ``[[rules]]`` entry begins on; None for each when the headers cannot be
    told apart from the entries (rules written as an inline array, a header in a string)."""
    starts = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if _RULES_HEADER.match(line)
    ]
    return list(starts) if len(starts) == count else [None] * count


def _rule_error(rule: Rule, message: str) -> RuleError:
    """A problem with a loaded rule, named with its file, code and line."""
    at_line = "" if rule.line is None else f" (line {rule.line})"
    return RuleError(message + at_line, path=rule.path, rule=rule.code)


def _build_rule(
    entry: dict[str, Any],
    scorer: str,
    languages: tuple[str, ...],
    where: str,
    index: int,
    line: int | None = None,
) -> Rule:
    code = entry.get("code")
    label = code if isinstance(code, str) else f"#{index + 1}"
    at_line = "" if line is None else f" (line {line})"

    def fail(message: str) -> RuleError:
        return RuleError(message + at_line, path=where, rule=label)

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
    # Compared, not passed to math.isfinite, which fails on an int too large for a float;
    # NaN fails every comparison.
    if (
        isinstance(penalty, bool)
        or not isinstance(penalty, (int, float))
        or not 0 <= penalty <= MAX_PENALTY
    ):
        raise fail(
            f"'penalty' must be a number from 0 to {MAX_PENALTY}, got {shown_value(penalty)}"
        )
    for key in ("case_sensitive", "exempt_quotes"):
        if key in entry and not isinstance(entry[key], bool):
            raise fail(f"'{key}' must be true or false")
    case_sensitive = entry.get("case_sensitive", False)
    exempt_quotes = entry.get("exempt_quotes", True)
    phrases = tuple(
        _checked_phrase(phrase, fail, exempt_quotes=exempt_quotes)
        for phrase in _string_list(entry, "phrases", fail)
    )
    patterns = _string_list(entry, "patterns", fail)
    if any(not pattern for pattern in patterns):
        raise fail("empty pattern")
    if case_sensitive and phrases:
        raise fail(
            "phrases always match whatever their case; put the text to match "
            "case-sensitively in 'patterns'"
        )
    for pattern in patterns:
        _check_pattern(pattern, fail, case_sensitive=case_sensitive)
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
        case_sensitive=case_sensitive,
        exempt_quotes=exempt_quotes,
        options=options,
        examples_fire=_string_list(examples, "fires", fail),
        examples_pass=_string_list(examples, "passes", fail),
        languages=languages,
        path=where,
        line=line,
    )


def _checked_phrase(phrase: str, fail: Any, *, exempt_quotes: bool) -> str:
    """The phrase as the text spells it: composed accents (a phrase typed with a combining
    accent matched no text written with the accented letter) and single spaces (one written
    with a tab, a double or an em space, or with spaces around it, matched nothing, or
    text plus the spaces around it). Phrases that could never work as written fail."""
    cleaned = " ".join(unicodedata.normalize("NFC", phrase).split())
    if not cleaned:
        raise fail("empty phrase")
    if not any(char.isalnum() for char in cleaned):
        # Phrases are folded like the text, so "—" found every hyphen and "’" every
        # apostrophe; patterns can tell them apart.
        raise fail(
            f"phrase {phrase!r} holds no letter or digit; phrases are matched as words, with "
            "quotes and dashes folded to ' \" -, so put punctuation in 'patterns' "
            "(with case_sensitive = true to tell curly quotes or dashes from straight ones)"
        )
    folded = fold(cleaned)
    if exempt_quotes and len(folded) > 1 and folded[0] in _QUOTES and folded[-1] in _QUOTES:
        # Every match of it is a quotation, and matches inside quotations are dropped.
        raise fail(
            f"phrase {phrase!r} is in quotation marks, so every match of it is inside a "
            "quotation, where this rule does not look (exempt_quotes is on by default); "
            "set exempt_quotes = false"
        )
    return cleaned


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


def _check_pattern(pattern: str, fail: Any, *, case_sensitive: bool) -> None:
    try:
        # Parsed, not compiled: the matcher compiles a pattern when an article first needs it,
        # from the same cached parse.
        parsed = parse_pattern(pattern)
    except re.error as exc:
        raise fail(f"invalid pattern {pattern!r}: {exc}") from None
    if parsed.state.groupdict:
        raise fail(f"pattern {pattern!r} uses named groups; use (?:...) instead")
    if parsed.getwidth()[0] == 0:
        # An empty match marks no text: a finding with nothing to show, at every place
        # the pattern matches empty (for ^ or x*, every line or every character).
        raise fail(f"pattern {pattern!r} can match the empty string; every match must hold text")
    nodes = list(_nodes(parsed))
    if any(op is sre_constants.GROUPREF_EXISTS for op, _, _ in nodes):
        raise fail(
            f"pattern {pattern!r} uses a conditional group (?(1)...), which rules cannot use"
        )
    if not case_sensitive:
        unmatchable = _unmatchable_text(nodes)
        if unmatchable:
            raise fail(
                f"pattern {pattern!r} holds {unmatchable!r}, which never occurs in the text it "
                "is matched against: a rule that is not case_sensitive matches the text "
                "lower-cased, with curly quotes and dashes as ' \" -; write "
                f"{fold(unmatchable)!r}, or set case_sensitive = true"
            )
    # The matcher joins patterns into alternations, where group numbers shift (which breaks
    # backreferences and conditional groups) and global flags are not allowed.
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


def _nodes(parsed: Any, ignore_case: bool = False) -> Iterator[tuple[Any, Any, bool]]:
    """Every node of a parsed pattern at any depth, as (op, argument, whether a scoped
    ``(?i:...)`` flag makes it match either case)."""
    repeats = tuple(
        getattr(sre_constants, name)
        for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
        if hasattr(sre_constants, name)
    )
    for op, arg in parsed:
        yield op, arg, ignore_case
        if op is sre_constants.SUBPATTERN:
            _, add_flags, del_flags, body = arg
            scoped = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (
                del_flags & re.IGNORECASE
            )
            yield from _nodes(body, scoped)
        elif op is sre_constants.BRANCH:
            for branch in arg[1]:
                yield from _nodes(branch, ignore_case)
        elif op in repeats:
            yield from _nodes(arg[2], ignore_case)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            yield from _nodes(arg[1], ignore_case)
        elif op is sre_constants.GROUPREF_EXISTS:
            for branch in arg[1:]:
                if branch is not None:
                    yield from _nodes(branch, ignore_case)
        elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
            yield from _nodes(arg, ignore_case)


def _unmatchable_text(nodes: list[tuple[Any, Any, bool]]) -> str:
    """A literal character, or a set of them, that folded text never holds (a capital,
    a curly quote); "" when there is none. A set is unmatchable only when all of it is:
    ['’] is a harmless spelling of '."""
    for op, arg, ignore_case in nodes:
        if ignore_case:
            continue
        if op is sre_constants.LITERAL and _folds_away(chr(arg)):
            return chr(arg)
        if op is sre_constants.IN and arg and all(_unmatchable_item(*item) for item in arg):
            return "".join(_shown_item(*item) for item in arg)
    return ""


def _unmatchable_item(op: Any, arg: Any) -> bool:
    if op is sre_constants.LITERAL:
        return _folds_away(chr(arg))
    if op is sre_constants.RANGE:
        # Stops at the first character that can occur, so a wide range costs nothing.
        return all(_folds_away(chr(code)) for code in range(arg[0], arg[1] + 1))
    return False  # a category (\\w), a negation: something can occur


def _shown_item(op: Any, arg: Any) -> str:
    return chr(arg) if op is sre_constants.LITERAL else f"{chr(arg[0])}-{chr(arg[1])}"


def _folds_away(char: str) -> bool:
    return fold(char) != char


def _share_a_language(rule: Rule, other: Rule) -> bool:
    return bool(
        set(rule.languages) & set(other.languages)
        or ANY_LANGUAGE in rule.languages
        or ANY_LANGUAGE in other.languages
    )


def _read_text(path: Path) -> str:
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror or exc}", path=where) from exc
    try:
        # A byte order mark is how some editors mark UTF-8; it is not part of the TOML.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(
            f"rule file is {utf8_problem(raw, exc)}; save it as UTF-8", path=where
        ) from None


def _check_language(language: str, where: str) -> None:
    """A rule's language as the pipeline names an article's (``en``): rules for ``en-US``
    or ``EN`` would apply to no article at all."""
    if language == ANY_LANGUAGE:
        return
    try:
        code = normalise_language(language)
    except InputError:
        code = None
    if code != language:
        hint = f"; write '{code}'" if code else ""
        raise RuleError(
            f"'languages' holds {language!r}, which is not a lower-case language code such as "
            f"'en' (rules are written per language, not per region){hint}",
            path=where,
        )
