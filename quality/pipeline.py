"""The pipeline: rules compiled once, scorers run over each article, results combined."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, overload

from quality.analysis import Document
from quality.article import Article
from quality.errors import ConfigError, InputError, QualityError, RuleError, ScorerError
from quality.findings import Finding, Severity, in_text_order
from quality.inputs import load_article, with_text_metadata
from quality.language import NO_TEXT, UNKNOWN, detect_language
from quality.matching import Automaton, SharedScan
from quality.registry import available, check_scorer_class, scorer_class
from quality.report import Report, ScorerSummary
from quality.ruleset import CODE_PATTERN, RuleBook, RuleSelection, ScorerRules
from quality.scorers.base import Scorer, ScorerResult
from quality.weights import Weights

if TYPE_CHECKING:
    from quality.batch import BatchResult

T = TypeVar("T")


class Pipeline:
    """Scores articles. Build one and reuse it: rule files are read and compiled once.

    ``scorers`` picks scorers by id (default: every registered one) and ``disable`` drops
    some; ``weights`` overrides the points each may take off; ``options`` maps a scorer id
    to its options; ``select``/``ignore`` switch rules on and off by code prefix; ``allow``
    lists phrases never to flag. ``rule_dirs`` reads the rules from these directories (or
    rule files) instead of the packaged ones: list ``quality.ruleset.default_rules_dir()``
    too to add rules to them; ``rules`` gives them loaded. A scorer id, rule code or weight
    that names nothing known raises a ``QualityError`` that says which argument holds it,
    and arguments that leave no scorer to run (every one disabled, or a rule selection that
    leaves none of their rules on) raise a ``NoScorersError``, a ``ConfigError``. A list
    argument may be one name as a string, or None for none; an argument of the wrong type
    (a number among rule codes, options that are not a mapping) raises a ``ConfigError``
    that names it.
    """

    def __init__(
        self,
        scorers: Sequence[str | Scorer] | None = None,
        *,
        disable: Iterable[str] | None = (),
        weights: Weights | Mapping[str, float] | str | Path | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = (),
        extend_select: Iterable[str] | None = (),
        allow: Iterable[str] | None = (),
        rules: RuleBook | None = None,
        rule_dirs: Iterable[str | Path] | None = None,
    ):
        if rules is not None and not isinstance(rules, RuleBook):
            raise ConfigError(
                "rules must be a RuleBook (quality.ruleset.RuleBook.load(...)), got "
                f"{type(rules).__name__}; give rule directories or files as rule_dirs"
            )
        self.rulebook = rules if rules is not None else RuleBook.load(_rule_places(rule_dirs))
        codes = "rule codes or prefixes"
        select = None if select is None else _names(select, "select", codes)
        ignore = _names(ignore, "ignore", codes)
        extend_select = _names(extend_select, "extend_select", codes)
        _check_codes(self.rulebook, select=select or (), extend_select=extend_select, ignore=ignore)
        self.selection = RuleSelection.build(select, ignore, extend_select)
        self.allow = _names(allow, "allow", "phrases")
        options_by_scorer = _options(options)
        disabled = set(_names(disable, "disable", "scorer ids"))
        chosen = list(_names(scorers, "scorers")) if scorers is not None else list(available())
        for item in chosen:
            _check_scorer_item(item)
        chosen_ids = [s if isinstance(s, str) else s.id for s in chosen]
        repeated = sorted({i for i in chosen_ids if chosen_ids.count(i) > 1})
        if repeated:
            raise ScorerError(f"scorers: {', '.join(map(repr, repeated))} given more than once")
        instances = {s.id for s in chosen if isinstance(s, Scorer)}
        known = set(available()) | instances
        _check_known("disable", disabled, known)
        check_rule_scorers(self.rulebook, known)
        # A scorer whose every rule is deselected is switched off rather than charged as
        # "could not run": ignoring ATT takes attribution out of the score.
        deselected = self.rulebook.scorers_without_rules(self.selection)
        if isinstance(weights, Weights):
            self.weights = weights
            self.weights.check_scorers(known)
        elif isinstance(weights, (str, Path)):
            self.weights = Weights.load(weights)
            self.weights.check_scorers(known)
        elif isinstance(weights, Mapping) and "schema" in weights:
            # A whole weights document, as json.load gives a weights file.
            self.weights = Weights.from_dict(dict(weights), source="weights")
            self.weights.check_scorers(known)
        elif weights is None or isinstance(weights, Mapping):
            self.weights = Weights.load()
            if weights:
                _check_known("weights", weights, known)
                self.weights = self.weights.with_overrides(weights, source="weights")
        else:
            raise ConfigError(
                "weights must be a mapping of scorer id to points, a Weights object or the "
                f"path of a weights file, got {type(weights).__name__}"
            )
        disabled_options = set(options_by_scorer) & disabled
        if disabled_options:
            raise ScorerError(
                "options given for scorer(s) that are disabled: "
                + ", ".join(sorted(disabled_options))
            )
        unknown_options = set(options_by_scorer) - set(chosen_ids)
        if unknown_options:
            raise ScorerError(
                "options given for unknown or unselected scorer(s): "
                + ", ".join(sorted(unknown_options))
            )
        # A scorer given built has read its options already; these would be dropped unseen.
        built_options = set(options_by_scorer) & instances
        if built_options:
            raise ScorerError(
                f"options given for scorer(s) {', '.join(map(repr, sorted(built_options)))}, "
                "which are given as instances: pass the options to their constructor"
            )
        self.scorers: list[Scorer] = []
        #: the scorers left out because they cannot run in this installation, each with why
        self.unavailable: dict[str, str] = {}
        self._plans: dict[str, _Plan] = {}
        for item in chosen:
            if isinstance(item, Scorer):
                if item.id not in disabled:
                    # Built and handed over, it was asked for by name: it must be able to run.
                    reason = _unavailable_reason(type(item))
                    if reason is not None:
                        raise _cannot_run(item.id, reason)
                    self.scorers.append(item)
                continue
            if item in disabled or item in deselected:
                continue
            cls = scorer_class(item)
            named = scorers is not None
            if cls.opt_in and not named and not _asks_for(self.rulebook, self.selection, cls.id):
                if cls.id in options_by_scorer:
                    # Checked now, not first when the scorer is turned on.
                    _build(cls, self.rulebook.for_scorer(cls.id), options_by_scorer[cls.id])
                chosen_ids.remove(cls.id)  # not chosen: the error below must not name it
                continue
            reason = _unavailable_reason(cls)
            if reason is not None:
                if named or _asks_for(self.rulebook, self.selection, cls.id):
                    raise _cannot_run(cls.id, reason)
                # Left out, not charged as "could not run": an optional scorer that is not
                # installed says nothing about the article.
                self.unavailable[cls.id] = reason
                continue
            scorer_rules = self.rulebook.for_scorer(
                cls.id, selection=self.selection, allow=self.allow
            )
            self.scorers.append(_build(cls, scorer_rules, options_by_scorer.get(cls.id)))
        if not self.scorers:
            raise _no_scorer_left(chosen_ids, disabled, deselected, select, ignore, extend_select)

    @property
    def scorer_ids(self) -> list[str]:
        return [s.id for s in self.scorers]

    def score(self, article: Any = None, **fields: Any) -> Report:
        """Score one article: text, Markdown, HTML, a mapping, an Article, or keyword fields."""
        return self.score_article(load_article(article, **fields))

    def score_many(
        self,
        items: Iterable[Any],
        workers: int = 1,
        *,
        timeout: float | None = None,
        **options: Any,
    ) -> Iterator[BatchResult]:
        """One result per item, in input order, streaming; see ``quality.batch.score_many``.

        ``timeout`` (seconds) limits the time one article may take: one over it is a
        ``Timeout`` error result and the worker process scoring it is stopped (with a limit,
        even ``workers=1`` scores in a worker process). Default: no limit."""
        from quality.batch import score_many

        return score_many(self, items, workers=workers, timeout=timeout, **options)

    def score_article(self, article: Article) -> Report:
        """Score an ``Article`` (``quality.load_article`` makes one; ``score`` takes text,
        bytes, a mapping or keyword fields)."""
        if not isinstance(article, Article):
            raise InputError(
                f"score_article takes an Article, got {type(article).__name__}; "
                "Pipeline.score reads text, bytes, a mapping or keyword fields"
            )
        article = with_text_metadata(article)
        if not article.text or article.text.isspace():
            # Even with a language given, scorers that ran on nothing would grade it clean.
            language = NO_TEXT
        else:
            language = article.language or detect_language(article.text)
        plan = self._plans.get(language) or self._plan(language)
        doc = Document(article, language, plan.scan)
        findings: list[Finding] = []
        summaries: dict[str, ScorerSummary] = {}
        penalty = 0.0
        for scorer, weight, skipped, trusted in plan.steps:
            if skipped is not None:
                # Nothing is known about what this scorer checks, so it costs a share of
                # its weight: an article in an unsupported language is not scored as clean.
                charge = self.weights.unknown_penalty(scorer.id)
                penalty += charge
                summaries[scorer.id] = ScorerSummary(
                    scorer.id, scorer.version, None, weight, -charge, False, skipped
                )
                continue
            try:
                result = scorer.score(doc)
            except Exception as exc:
                if trusted and isinstance(exc, QualityError):
                    raise
                # A third-party scorer's own InputError would otherwise blame the article.
                raise _failure(scorer, "failed on this article", exc) from exc
            sub_score = _clamped(result.score) if trusted else _checked_result(scorer, result, doc)
            contribution = -weight * (1.0 - sub_score)
            penalty -= contribution
            notes = result.notes
            summaries[scorer.id] = ScorerSummary(
                scorer.id,
                scorer.version,
                sub_score,
                weight,
                contribution,
                True,
                None,
                result.metrics,
                tuple(notes) if notes else (),
            )
            findings.extend(result.findings)
        findings.sort(key=in_text_order)
        base = self.weights.base
        score = round(max(0.0, min(base, base - penalty)) * 100 / base, 1) if base else 0.0
        return Report(
            score=score,
            grade=self.weights.grade(score),
            findings=findings,
            scorers=summaries,
            article=article,
            # No text has no language either; reports name only codes and "unknown".
            language=UNKNOWN if language == NO_TEXT else language,
            base=base,
        )

    def _plan(self, language: str) -> _Plan:
        """What scoring an article in ``language`` takes, worked out on the first one: each
        scorer with its weight, or why it cannot run, and one pass for the automata of all."""
        steps = []
        automata: list[Automaton | None] = []
        for scorer in self.scorers:
            skipped: str | None = None
            if language == NO_TEXT:
                skipped = "the article has no text"
            elif not self._prepare(scorer, language, automata):
                skipped = (
                    "language could not be detected"
                    if language == UNKNOWN
                    else f"no rules for language '{language}'"
                )
            steps.append((scorer, self.weights.weight(scorer.id), skipped, _is_builtin(scorer)))
        plan = self._plans[language] = _Plan(SharedScan(automata), steps)
        return plan

    @staticmethod
    def _prepare(scorer: Scorer, language: str, automata: list[Automaton | None]) -> bool:
        """Whether ``scorer`` reads ``language``, adding the automata it scans with."""
        try:
            runs = scorer.can_score(language)
            automata.extend(scorer.automata(language))
        except QualityError:
            raise
        except Exception as exc:
            doing = f"could not prepare for an article in '{language}'"
            raise _failure(scorer, doing, exc) from exc
        return runs


class NoScorersError(ConfigError):
    """The arguments of a ``Pipeline`` leave it no scorer to run. Refused: an article that no
    scorer looks at would score 100, grade A, whatever it says. The message names the
    arguments that switched the scorers off."""


def _no_scorer_left(
    chosen_ids: list[str],
    disabled: set[str],
    deselected: set[str],
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
) -> NoScorersError:
    """The error for a pipeline left without scorers, naming what left it so."""
    if not chosen_ids:
        causes = ["'scorers' is empty"]
    else:
        off = [i for i in chosen_ids if i in disabled]
        unselected = [i for i in chosen_ids if i not in disabled and i in deselected]
        causes = []
        if off:
            causes.append(f"'disable' switches off {_listed(off, chosen_ids, 'every scorer')}")
        if unselected:
            given = [
                f"{name} {list(codes)!r}"
                for name, codes in (
                    ("select", select),
                    ("ignore", ignore),
                    ("extend_select", extend_select),
                )
                if codes is not None and (codes or name == "select")
            ]
            causes.append(
                f"the rule selection ({', '.join(given)}) leaves no rule of "
                f"{_listed(unselected, chosen_ids, 'any scorer')} on"
            )
    return NoScorersError(
        f"no scorer left to run: {'; '.join(causes)}. An article that no scorer looks at "
        "would score 100 whatever it says; keep at least one scorer and one of its rules"
    )


def _listed(scorer_ids: list[str], chosen_ids: list[str], all_of_them: str) -> str:
    """The scorers by id, or ``all_of_them`` when they are every scorer chosen."""
    if len(scorer_ids) == len(chosen_ids):
        return all_of_them
    return ", ".join(map(repr, scorer_ids))


class _Plan(NamedTuple):
    scan: SharedScan
    #: each scorer, its weight, why it cannot run (None when it can), and whether it is one
    #: of this package's own, whose results are not checked on every article
    steps: list[tuple[Scorer, float, str | None, bool]]


@overload
def _names(value: Iterable[str] | None, argument: str, what: str) -> tuple[str, ...]: ...


@overload
def _names(value: Iterable[T] | str | None, argument: str) -> tuple[T | str, ...]: ...


def _names(value: Any, argument: str, what: str | None = None) -> tuple[Any, ...]:
    """An argument that lists names, where one name alone may be given as a string
    (``disable="dates"``), which iterating would split into letters, and None lists none.
    With ``what``, every item must be a string (``what`` says of what), not a number or a
    nested list that would fail far from the argument that holds it."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
        raise ConfigError(f"{argument}: expected a list of names, got {type(value).__name__}")
    names = tuple(value)
    if what is not None:
        for name in names:
            if not isinstance(name, str):
                raise ConfigError(
                    f"{argument}: expected {what} as strings, got {type(name).__name__} {name!r}"
                )
    return names


def _rule_places(rule_dirs: Any) -> Any:
    """``rule_dirs`` for ``RuleBook.load``, each place known to be a path: a number or None
    among them would fail inside ``pathlib``."""
    if rule_dirs is None or isinstance(rule_dirs, (str, PathLike)):
        return rule_dirs
    places = _names(rule_dirs, "rule_dirs")
    for place in places:
        if not isinstance(place, (str, PathLike)):
            raise ConfigError(
                f"rule_dirs: expected directories or rule files as paths, got "
                f"{type(place).__name__} {place!r}"
            )
    return places


def _options(options: Any) -> dict[str, Mapping[str, Any] | None]:
    """``options`` as a dict, once it is known to map scorer ids to mappings of options."""
    if options is None:
        return {}
    if not isinstance(options, Mapping):
        raise ConfigError(
            "options must map scorer ids to their options (a dict of dicts), got "
            f"{type(options).__name__}"
        )
    for scorer_id, scorer_options in options.items():
        if not isinstance(scorer_id, str):
            raise ConfigError(
                f"options: keys are scorer ids, got {type(scorer_id).__name__} {scorer_id!r}"
            )
        if scorer_options is not None and not isinstance(scorer_options, Mapping):
            raise ConfigError(
                f"options for {scorer_id!r} must map option names to values, got "
                f"{type(scorer_options).__name__}"
            )
    return dict(options)


def _check_codes(rulebook: RuleBook, **arguments: tuple[str, ...]) -> None:
    for argument, prefixes in arguments.items():
        unknown = rulebook.unknown_prefixes(prefixes)
        if unknown:
            raise ConfigError(
                f"{argument}: unknown rule code or prefix {', '.join(map(repr, unknown))}; "
                "see `quality rules`"
            )


def _check_known(argument: str, scorer_ids: Iterable[str], known: set[str]) -> None:
    unknown = sorted(set(scorer_ids) - known)
    if unknown:
        raise ScorerError(
            f"{argument}: unknown scorer(s) {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(sorted(known))})"
        )


def _check_scorer_item(item: object) -> None:
    """A scorer is given by id or as a built instance; anything else (a class, a number)
    would otherwise be looked up as an id and reported as unknown."""
    if isinstance(item, Scorer):
        check_scorer_class(type(item))
    elif isinstance(item, type) and issubclass(item, Scorer):
        raise ScorerError(
            f"scorers: {item.__qualname__} is a class; give an instance, or register it "
            "with quality.register and give its id"
        )
    elif not isinstance(item, str):
        raise ScorerError(f"scorers: expected a scorer id or a Scorer, got {item!r}")


def check_rule_scorers(rulebook: RuleBook, known: set[str]) -> None:
    """Rules for a scorer that is not installed would never run, and a misspelt ``scorer``
    in a rule file would switch its rules off without a word; then each code prefix must
    belong to one scorer."""
    for rule in rulebook.rules:
        if rule.scorer not in known:
            raise RuleError(
                f"rules for unknown scorer '{rule.scorer}' (known: {', '.join(sorted(known))})",
                path=rule.path,
                rule=rule.code,
            )
    rulebook.check_code_prefixes()


def _cannot_run(scorer_id: str, reason: str) -> ScorerError:
    return ScorerError(f"scorer '{scorer_id}' cannot run here: {reason}")


def _unavailable_reason(cls: type[Scorer]) -> str | None:
    try:
        reason = cls.unavailable_reason()
    except Exception as exc:
        raise _failure(cls, "could not say whether it can run", exc) from exc
    if reason is not None and not isinstance(reason, str):
        raise _broken(cls, f"unavailable_reason() returned {type(reason).__name__}, not a str")
    return reason


def _asks_for(rulebook: RuleBook, selection: RuleSelection, scorer_id: str) -> bool:
    """Whether ``selection`` names a rule of ``scorer_id`` (by its code or a prefix of it,
    not by selecting everything)."""
    codes = [rule.code for rule in rulebook if rule.scorer == scorer_id]
    return any(
        prefix and code.startswith(prefix) and selection.enabled(code)
        for prefix in selection.select
        for code in codes
    )


def _build(cls: type[Scorer], rules: ScorerRules, options: Mapping[str, Any] | None) -> Scorer:
    """An instance of ``cls``; a third-party constructor that fails is named, not left as
    a traceback."""
    try:
        return cls(rules, options)
    except QualityError:
        raise
    except Exception as exc:
        raise _failure(cls, "could not be set up", exc) from exc


def _checked_result(scorer: Scorer, result: object, doc: Document) -> float:
    """The sub-score of a scorer's result, once the result is known to keep the scorer
    contract: a report, its JSON and every finding's place in the text rely on it, and a
    third-party scorer that breaks it is named here rather than failing far downstream.
    Run on every result of a third-party scorer, so the common case (floats in a dict) is
    tested first."""
    if not isinstance(result, ScorerResult):
        raise _broken(scorer, f"returned {type(result).__name__}, not a ScorerResult")
    sub_score = result.score
    if not (_is_number(sub_score) and -_SLACK <= sub_score <= 1 + _SLACK):
        raise _broken(
            scorer, f"returned the sub-score {sub_score!r}, which must be a number from 0 to 1"
        )
    findings = result.findings
    text_size = len(doc.text)
    if not isinstance(findings, list):
        raise _broken(scorer, f"returned findings as {type(findings).__name__}, not a list")
    for finding in findings:
        if not isinstance(finding, Finding):
            raise _broken(
                scorer, f"returned a finding that is {type(finding).__name__}, not a Finding"
            )
        start, end = finding.start, finding.end
        if not (_is_index(start) and _is_index(end) and 0 <= start <= end <= text_size):
            raise _broken(
                scorer,
                f"returned a finding ({finding.rule}) at {start!r}-{end!r}, "
                f"which is no span of the text (0-{text_size})",
            )
        problem = _finding_field_problem(finding) or _finding_place_problem(scorer, finding, doc)
        if problem is not None:
            raise _broken(scorer, f"returned a finding ({finding.rule!r}) whose {problem}")
    metrics = result.metrics
    if type(metrics) is not dict and not isinstance(metrics, Mapping):
        raise _broken(scorer, f"returned metrics as {type(metrics).__name__}, not a dict")
    for name, value in metrics.items():
        if not (isinstance(name, str) and _is_number(value)):
            raise _broken(
                scorer,
                f"returned the metric {name!r} = {value!r}; metrics map names to finite numbers",
            )
    notes = result.notes
    if not (isinstance(notes, list | tuple) and all(isinstance(note, str) for note in notes)):
        raise _broken(scorer, f"returned notes as {notes!r}; notes are a list of strings")
    return _clamped(sub_score)


def _finding_field_problem(finding: Finding) -> str | None:
    """What is wrong with a finding's fields, or None: sorting findings, writing them as
    JSON and every output format rely on their types (a severity given as the string
    "warning", a message that is not text, a NaN threshold would each fail, or write invalid
    JSON, far from the scorer that made them)."""
    for name in ("rule", "scorer", "message", "excerpt"):
        value = getattr(finding, name)
        if not isinstance(value, str):
            return f"{name} is {type(value).__name__}, not a string"
    if not isinstance(finding.severity, Severity):
        return f"severity is {finding.severity!r}, not a quality.Severity"
    if finding.suggestion is not None and not isinstance(finding.suggestion, str):
        return f"suggestion is {type(finding.suggestion).__name__}, not a string or None"
    for name in ("line", "column", "end_line", "end_column"):
        if not _is_index(getattr(finding, name)):
            return f"{name} is {getattr(finding, name)!r}, not a whole number"
    for name in ("value", "threshold"):
        value = getattr(finding, name)
        if value is not None and not _is_number(value):
            return f"{name} is {value!r}, not a finite number or None"
    return None


def _finding_place_problem(scorer: Scorer, finding: Finding, doc: Document) -> str | None:
    """What in a finding, whose fields have the right types, disagrees with its scorer or
    its span, or None: reports, suppression comments and every output format take the
    rule code, the scorer, the line and column and the excerpt as they are."""
    if not CODE_PATTERN.match(finding.rule):
        return "rule is no rule code (three capital letters and three digits, as FIL101)"
    if finding.scorer != scorer.id:
        return f"scorer is {finding.scorer!r}, not the id of the scorer that made it"
    start, end = finding.start, finding.end
    located = doc.line_index.span(start, end)
    given = (finding.line, finding.column, finding.end_line, finding.end_column)
    if given != located:
        return (
            "line and column {}:{}-{}:{} are not where its span {}-{} is ({}:{}-{}:{}); "
            "Scorer.finding() fills them in".format(*given, start, end, *located)
        )
    if finding.excerpt != doc.text[start:end]:
        return f"excerpt is not the text of its span {start}-{end}; Scorer.finding() fills it in"
    return None


def _clamped(sub_score: float) -> float:
    # Sums of floats may stray past 0 or 1 in the last digits.
    return 0.0 if sub_score < 0 else 1.0 if sub_score > 1 else float(sub_score)


def _is_builtin(scorer: Scorer) -> bool:
    """Whether ``scorer`` is one of this package's own scorers, which its tests hold to the
    scorer contract (spans in the text, scores in range: tests/test_properties.py), so that
    checking each result again would only cost time (about 2% of scoring)."""
    return type(scorer).__module__.startswith("quality.scorers.")


#: how far past 0 or 1 a sub-score may stray by rounding alone
_SLACK = 1e-9


def _is_number(value: object) -> bool:
    """A finite int or float (so that reports stay valid JSON), not a bool."""
    if type(value) is float:  # nearly always
        return math.isfinite(value)
    if isinstance(value, bool):
        return False
    # An int is finite however large (math.isfinite would overflow converting it).
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _is_index(value: object) -> bool:
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def _broken(scorer: Scorer | type[Scorer], problem: str) -> ScorerError:
    """The error that names a broken (third-party) scorer and what it did wrong."""
    return ScorerError(f"scorer '{scorer.id}' {scorer.version} {problem}")


def _failure(scorer: Scorer | type[Scorer], doing: str, exc: Exception) -> ScorerError:
    """``_broken`` for a scorer that raised, not hiding what went wrong."""
    return _broken(scorer, f"{doing}: {type(exc).__name__}: {exc}")


_default: Pipeline | None = None
_default_scorers: dict[str, str] | None = None


def default_pipeline() -> Pipeline:
    """The pipeline ``quality.score`` uses: built once, and again after a scorer is
    registered (``quality.register``), since the default pipeline runs every known scorer."""
    global _default, _default_scorers
    # available() is cached until a registration, which makes it a new dict.
    known = available()
    if _default is None or known is not _default_scorers:
        _default, _default_scorers = Pipeline(), known
    return _default


def score(article: Any = None, **fields: Any) -> Report:
    """Score one article with the default pipeline. See ``Pipeline.score``."""
    return default_pipeline().score(article, **fields)
