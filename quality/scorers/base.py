"""The scorer contract: an id, a version, and one method from a document to a result."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from quality.analysis import Document
from quality.errors import OptionError, RuleError
from quality.findings import Finding, one_line
from quality.matching import Automaton, Match
from quality.ruleset import LanguageRules, Rule, ScorerRules


@dataclass
class ScorerResult:
    """What one scorer says of one article: a sub-score in [0, 1] (1 = nothing wrong),
    its findings, and the measurements behind the sub-score."""

    score: float
    findings: list[Finding] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    #: What cost points that no finding shows: a measure of the whole text past the point
    #: where it starts to cost, but short of the rule's threshold for a finding (see
    #: ``loss_note``). Without it, such points would be lost with no reason given.
    notes: list[str] = field(default_factory=list)


class Scorer(ABC):
    """Base class for scorers.

    Subclasses set ``id`` and ``version`` and implement ``score``. Rules come from the rule
    files whose ``scorer`` key equals ``id``; ``options`` from the user's configuration.
    """

    id: ClassVar[str]
    version: ClassVar[str]
    description: ClassVar[str] = ""
    #: True for a scorer left out of the default pipeline unless the rule selection names
    #: one of its rules (``extend-select = ["PRD"]``): one too slow to run on every article
    #: by default. Naming it in ``scorers`` runs it too.
    opt_in: ClassVar[bool] = False
    #: False for scorers that work whatever the article's language (e.g. metadata checks)
    needs_language_rules: ClassVar[bool] = True
    #: option name -> (type, default); unknown options are rejected with a clear error
    option_types: ClassVar[Mapping[str, tuple[type, Any]]] = {}
    #: Rule options that hold regular expressions: compiled when the scorer is built, so that
    #: a broken one is reported with its rule file and rule, not by the first article that
    #: reaches it.
    pattern_options: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, rules: ScorerRules, options: Mapping[str, Any] | None = None):
        self.rules = rules
        self.options: dict[str, Any] = {
            name: default for name, (_, default) in self.option_types.items()
        }
        for name, value in (options or {}).items():
            key = name.replace("-", "_")
            if key not in self.option_types:
                known = tuple(sorted(self.option_types))
                raise self._option_error(
                    name,
                    f"has no option '{name}' (options: {', '.join(known) or 'none'})",
                    expected=None,
                    value=value,
                    known=known,
                )
            expected = self.option_types[key][0]
            if not isinstance(value, expected):
                raise self._option_error(
                    name,
                    f"option '{name}' must be {expected.__name__}, got {type(value).__name__}",
                    expected=expected,
                    value=value,
                )
            if isinstance(value, list):
                # Every list option is a list of phrases: a blank one would match everywhere,
                # and a number would fail inside the scorer on every article.
                for item in value:
                    if not (isinstance(item, str) and item.strip()):
                        raise self._option_error(
                            name,
                            f"option '{name}' must be a list of non-empty strings, "
                            f"got {item!r} in it",
                            expected=expected,
                            value=item,
                            in_list=True,
                        )
                # Spaces around a phrase would be matched as text: " game changer" would
                # start its finding on the space, "game changer " never match at a full stop.
                value = [item.strip() for item in value]
            self.options[key] = value
        self._check_pattern_options()

    def _check_pattern_options(self) -> None:
        if self.rules is None or not self.pattern_options:  # a scorer built without rules
            return
        for rule in self.rules.rules:
            for name in sorted(self.pattern_options & rule.options.keys()):
                problem = _regex_problem(rule.options[name])
                if problem is not None:
                    raise RuleError(
                        f"option '{name}' must be a regular expression: {problem}",
                        path=rule.path,
                        rule=rule.code,
                    )

    def _option_error(self, name: str, problem: str, **details: Any) -> OptionError:
        return OptionError(f"scorer '{self.id}' {problem}", scorer=self.id, option=name, **details)

    @classmethod
    def unavailable_reason(cls) -> str | None:
        """Why this scorer cannot run in this installation (an optional package it needs is
        missing), or None when it can. The default pipeline leaves such a scorer out; asking
        for it by name is refused with this reason."""
        return None

    def can_score(self, language: str) -> bool:
        return not self.needs_language_rules or self.rules.has_language_rules(language)

    @abstractmethod
    def score(self, doc: Document) -> ScorerResult:
        """Findings and sub-score for one article."""

    # Helpers shared by scorers.

    def language_rules(self, doc: Document) -> LanguageRules:
        return self.rules.for_language(doc.language)

    def finding(
        self,
        doc: Document,
        rule: Rule,
        start: int,
        end: int,
        *,
        value: float | None = None,
        threshold: float | None = None,
        detail: str = "",
    ) -> Finding:
        """A finding for ``rule`` at ``doc.text[start:end]``, located and worded."""
        text = doc.text
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        excerpt = text[start:end]
        line, column, end_line, end_column = doc.line_index.span(start, end)
        message = rule.message
        if "{" in message:  # most messages are fixed text
            message = rule.format_message(
                match=shown_excerpt(excerpt) if "{match}" in message else "",
                value=value_beside_limit(value, threshold),
                threshold=_number(threshold),
                detail=detail,
            )
        return Finding(
            rule.code,
            self.id,
            rule.severity,
            message,
            start,
            end,
            line,
            column,
            end_line,
            end_column,
            excerpt,
            rule.suggestion,
            value,
            threshold,
        )

    def match_findings(self, doc: Document, matches: list[Match]) -> list[Finding]:
        return [self.finding(doc, m.rule, m.start, m.end) for m in matches]

    def automata(self, language: str) -> list[Automaton | None]:
        """The automata this scorer runs over ``Document.lower`` for an article in
        ``language``, so that a pipeline can run them all in one pass (``SharedScan``).
        A scorer that runs an automaton of its own adds it here and takes its hits from
        ``Document.hits``."""
        # A scorer that sets itself up without rules (and so without matchers) has none.
        rules: ScorerRules | None = getattr(self, "rules", None)
        if rules is None or not self.can_score(language):
            return []
        return [*rules.for_language(language).matcher.automata]

    def matches(self, doc: Document) -> list[Match]:
        """Phrase and pattern matches, without those inside quotations where the rule says so."""
        found = self.language_rules(doc).matcher.find(doc.text, doc.lower, doc.hits)
        return [m for m in found if not (m.rule.exempt_quotes and doc.in_quote(m.start, m.end))]


#: The most characters of a matched excerpt that a message quotes.
_EXCERPT_CHARS = 80


def shown_excerpt(excerpt: str) -> str:
    """``excerpt`` as a message quotes it: on one line, without the comma or space a match
    may start or end with (", leading to" is quoted as "leading to"), and cut after a whole
    word with "…" when longer than ``_EXCERPT_CHARS``."""
    flat = " ".join(excerpt.split())
    return one_line(flat.strip(" ,") or flat, _EXCERPT_CHARS)


def value_beside_limit(value: float | None, threshold: float | None) -> str:
    """``value`` as a message shows it beside ``threshold``: with as many decimals as it
    takes (up to four) not to round onto the threshold, since "47% (expected at most 47%)"
    reads as no breach at all."""
    shown = _number(value)
    if value is None or threshold is None or value == threshold:
        return shown
    return apart_from_limit(value, shown, _number(threshold), most_decimals=4)


def apart_from_limit(value: float, shown: str, limit: str, *, most_decimals: int) -> str:
    """``shown`` (``value`` as first written) with one more decimal at a time, up to
    ``most_decimals``, while it reads as the same number as ``limit`` (the limit as written).
    A figure past a limit that reads as the limit itself denies the breach it reports."""
    decimals = len(shown.partition(".")[2])
    while float(shown) == float(limit) and decimals < most_decimals:
        decimals += 1
        shown = f"{value:.{decimals}f}"
    return shown


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return (
        f"{value:.0f}"
        if float(value).is_integer()
        else f"{value:.1f}"
        if abs(value) >= 1
        else f"{value:.2f}"
    )


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` with the noun that agrees with it: "1 phrase", "2 phrases"."""
    noun = singular if count == 1 else plural_form or singular + "s"
    return f"{count} {noun}"


def _regex_problem(value: Any) -> str | None:
    """Why ``value`` is no regular expression, or None when it is one."""
    if not isinstance(value, str):
        return f"it is {type(value).__name__}, not a string"
    try:
        re.compile(value)
    except re.error as exc:
        return str(exc)
    return None
