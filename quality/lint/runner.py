"""Linting files: read each, score it with the pipeline its configuration asks for, place
findings in the file, apply suppressions, and decide whether it passes."""

from __future__ import annotations

import dataclasses
import math
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from quality.errors import (
    ConfigError,
    InputError,
    InvalidTextError,
    OptionError,
    QualityError,
    RuleError,
    ScorerLoadError,
)
from quality.findings import Finding, Severity
from quality.inputs import decode, refuse_binary, with_line_feeds
from quality.lint import suppression
from quality.lint.config import ConfigFinder, LintConfig, load_config_file
from quality.lint.discovery import MissingPath, Target
from quality.lint.jsonpos import FieldPositions, string_field
from quality.lint.lint_rules import LINT_RULES, MALFORMED_SUPPRESSION, UNUSED_SUPPRESSION
from quality.lint.locate import move, relocate
from quality.positions import LineIndex
from quality.report import shown_score
from quality.ruleset import RuleSelection, unknown_prefixes

if TYPE_CHECKING:
    from quality.pipeline import Pipeline
    from quality.ruleset import Rule, RuleBook

#: Files larger than this many megabytes are refused unless the limit is raised; scoring
#: runs at roughly 3 s per MB, and no news article comes near the limit.
DEFAULT_MAX_FILE_SIZE_MB = 5.0
DEFAULT_FAIL_ON = "error"
DEFAULT_MIN_SEVERITY = "info"


class LintOptions(NamedTuple):
    """What the command line asked for; None means "as configured"."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_under: float | None = None
    fail_on: str | None = None
    min_severity: str | None = None
    max_file_size: float | None = None
    #: rule folders or files read beside the shipped rules (``--rules``)
    rule_paths: tuple[str, ...] = ()
    config: Path | None = None


@dataclass
class FileResult:
    path: str
    #: None for a file that could not be linted, and for one whose rule selection leaves no
    #: scorer rule on (``--select SUP``), which is checked but not scored
    score: float | None = None
    grade: str | None = None
    findings: list[Finding] = field(default_factory=list)
    suppressed: int = 0
    fail_under: float = 60.0
    fail_on: str = DEFAULT_FAIL_ON
    failed_by_score: bool = False
    failing_findings: int = 0
    error: str | None = None
    #: the text positions refer to (the file, or a JSON file's text field), for display
    source: str = ""
    config: str | None = None
    #: scorer id -> why it could not run (the pipeline still charges for it)
    not_run: dict[str, str] = field(default_factory=dict)
    #: (scorer id, points it took off, its notes) for each scorer that took points off,
    #: biggest first: where the score went, for the formats written for people
    losses: list[tuple[str, float, tuple[str, ...]]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.error is None and not self.failed_by_score and not self.failing_findings

    @property
    def score_failure(self) -> str | None:
        """What a file that fails on its score is told, with where the points went (no single
        finding explains that failure); None when its score passes."""
        if not self.failed_by_score:
            return None
        losses = ", ".join(f"{scorer} {points:.1f}" for scorer, points, _ in self.losses)
        return (
            f"Score {shown_score(self.score)}/100 (grade {self.grade}) "
            f"is under {self.fail_under:g}" + (f"; points lost: {losses}" if losses else "")
        )


@dataclass
class LintRun:
    files: list[FileResult]
    rules: dict[str, Rule]

    @property
    def linted(self) -> list[FileResult]:
        return [f for f in self.files if f.error is None]

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    def exit_code(self, *, exit_zero: bool = False) -> int:
        if self.errors:
            return 2
        if exit_zero:
            return 0
        return 0 if all(f.passed for f in self.files) else 1

    def summary(self) -> dict[str, Any]:
        linted = self.linted
        by_severity = {s.value: 0 for s in Severity}
        for result in linted:
            for finding in result.findings:
                by_severity[finding.severity.value] += 1
        scores = [r.score for r in linted if r.score is not None]
        return {
            "files": len(self.files),
            "linted": len(linted),
            "passed": sum(1 for r in linted if r.passed),
            "failed": sum(1 for r in linted if not r.passed),
            "errors": len(self.errors),
            "findings": sum(by_severity.values()),
            "by_severity": by_severity,
            "suppressed": sum(r.suppressed for r in linted),
            "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        }

    def statistics(self) -> list[dict[str, Any]]:
        """Findings per rule, most frequent first."""
        counts: dict[str, int] = {}
        for result in self.linted:
            for finding in result.findings:
                counts[finding.rule] = counts.get(finding.rule, 0) + 1
        rows = []
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            rule = self.rules.get(code)
            rows.append(
                {
                    "code": code,
                    "name": rule.name if rule else "",
                    "severity": rule.severity.value if rule else "",
                    "count": count,
                }
            )
        return rows


class _Rules(NamedTuple):
    """The rules one configuration lints with: the shipped rules, the command line's
    ``--rules`` and the configuration's own ``rules``."""

    book: RuleBook
    #: every rule by code, the scorers' and the linter's own
    by_code: dict[str, Rule]

    def scorer_prefixes(self, prefixes: Iterable[str]) -> tuple[str, ...]:
        """The codes or prefixes that name some scorer rule."""
        return tuple(p for p in prefixes if not self.book.unknown_prefixes([p]))


class _Settings(NamedTuple):
    """One file's effective settings: its configuration overlaid with the command line."""

    config: LintConfig
    rules: _Rules
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_under: float | None
    fail_on: str
    min_severity: str
    max_file_size: float

    @property
    def selection(self) -> RuleSelection:
        """Which rule codes are on for this file, the linter's own included."""
        return RuleSelection.build(self.select, self.ignore, self.extend_select)

    def pipeline_key(self) -> tuple[Any, ...]:
        import json

        c = self.config
        return (
            self.select,
            tuple(sorted(self.ignore)),
            tuple(sorted(self.extend_select)),
            json.dumps(dict(c.weights), sort_keys=True),
            json.dumps(c.scorers, sort_keys=True, default=str),
            tuple(sorted(c.allow)),
            str(c.weights_file),
            tuple(map(str, c.rules)),
            c.source,
        )


def _codes_under(prefixes: tuple[str, ...], rules: _Rules) -> tuple[str, ...]:
    """Every rule code that ``prefixes`` begin. Per-file ignores are passed on as whole
    codes so that they win over any select, however specific, as in ruff: the most
    specific prefix decides, and on a tie ignore wins."""
    if not prefixes:
        return ()
    covered = RuleSelection.build(select=prefixes)
    return tuple(code for code in rules.by_code if covered.enabled(code))


class _Scoring(NamedTuple):
    """How the files of one configuration are scored."""

    #: None when the rule selection leaves no scorer rule on (only the linter's own, such
    #: as SUP001, or none at all): such files are checked but not scored, since a pipeline
    #: without scorers would give every file 100 whatever it says.
    pipeline: Pipeline | None
    #: the score under which a file fails, unless the settings give one
    fail_under: float


#: The linter's own rules by code, which no rule file may take.
_LINT_CODES = {rule.code: rule.name for rule in LINT_RULES}


class Linter:
    """Lints targets one after another, reusing one Pipeline per distinct configuration."""

    def __init__(self, options: LintOptions, *, cwd: Path | None = None):
        self.options = options
        self.cwd = cwd or Path.cwd()
        self.fixed_config = load_config_file(options.config) if options.config else None
        if options.config and self.fixed_config is None:
            # A pyproject.toml named explicitly but without [tool.quality] is a mistake to report.
            raise ConfigError(f"{options.config}: no [tool.quality] table in this file")
        self.finder = ConfigFinder(self.cwd)
        self._rule_sets: dict[tuple[Path, ...], _Rules] = {}
        self.rulebook: RuleBook = self._rules_from(()).book
        self._scorings: dict[tuple[Any, ...], _Scoring] = {}
        self._reported_configs: set[str] = set()

    def _rules_from(self, config_places: tuple[Path, ...]) -> _Rules:
        """The shipped rules with the command line's and a configuration's own, loaded once
        for every configuration that names the same places."""
        from quality.ruleset import shipped_and

        loaded = self._rule_sets.get(config_places)
        if loaded is None:
            from quality.pipeline import check_rule_scorers
            from quality.registry import available

            book = shipped_and((*self.options.rule_paths, *config_places))
            # Checked here, once, rather than by every pipeline built from the book: a
            # mistake in a rule file is then one error of the run or of its configuration.
            check_rule_scorers(book, set(available()))
            for rule in book:
                if rule.code in _LINT_CODES:
                    # The linter's own rule would silently take the code's place in every
                    # output.
                    raise RuleError(
                        f"code {rule.code} belongs to the linter's own rule "
                        f"{_LINT_CODES[rule.code]}; give the rule a code of its own",
                        path=rule.path,
                        rule=rule.code,
                    )
            by_code = {rule.code: rule for rule in book}
            by_code.update({rule.code: rule for rule in LINT_RULES})
            loaded = self._rule_sets[config_places] = _Rules(book, by_code)
        return loaded

    def _rules_for(self, config: LintConfig) -> _Rules:
        """``config``'s rules; a mistake in its rule files is an error of that
        configuration, so only the files it governs go unlinted."""
        if not config.rules:
            return self._rules_from(())
        try:
            return self._rules_from(config.rules)
        except RuleError as exc:
            raise ConfigError(f"{config.label}: key '{config.key('rules')}': {exc}") from exc

    @property
    def rules(self) -> dict[str, Rule]:
        """Every rule by code that some file of the run was linted with (the scorers' and
        the linter's own), for the outputs that describe them."""
        rules: dict[str, Rule] = {}
        for loaded in self._rule_sets.values():
            rules.update(loaded.by_code)
        return rules

    def command_line_rules(self) -> dict[str, Rule]:
        """The rules a code on the command line may name: the shipped ones, ``--rules`` and
        those of the configuration that governs the working folder (or ``--config``), so
        that ``--select HOUSE`` works where the configuration brings the HOUSE rules."""
        rules = dict(self._rules_from(()).by_code)
        try:
            config = self.fixed_config or self.finder.for_file(self.cwd / "-")
            rules.update(self._rules_for(config).by_code)
        except ConfigError:
            pass  # reported with the files that configuration governs
        return rules

    def run(self, targets: Iterable[Target | MissingPath], read_stdin: Any = None) -> LintRun:
        return LintRun(list(self.iter_results(targets, read_stdin)), self.rules)

    def iter_results(
        self, targets: Iterable[Target | MissingPath], read_stdin: Any = None
    ) -> Iterator[FileResult]:
        for target in targets:
            if isinstance(target, MissingPath):
                yield FileResult(target.display, error=target.reason)
                continue
            result = self.lint(target, read_stdin)
            if result is not None:
                yield result

    def unknown_selectors(
        self, *groups: Iterable[str], rules: dict[str, Rule] | None = None
    ) -> list[str]:
        """The codes or prefixes among ``groups`` that name no rule (of ``rules``, by
        default those a code on the command line may name)."""
        known = self.command_line_rules() if rules is None else rules
        return unknown_prefixes(chain.from_iterable(groups), known)

    def _check_config_codes(self, config: LintConfig, rules: _Rules) -> None:
        from quality.registry import available

        scorers = available()
        for table, names in (("scorers", config.scorers), ("weights", config.weights)):
            for name in names:
                if name not in scorers:
                    raise ConfigError(
                        f"{config.label}: key '{config.key(table + '.' + name)}': unknown scorer "
                        f"(known: {', '.join(scorers)})"
                    )
        keys = [
            ("select", config.select or ()),
            ("ignore", config.ignore),
            ("extend-select", config.extend_select),
        ]
        keys += [(f'per-file-ignores."{glob}"', codes) for glob, codes in config.per_file_ignores]
        for key, codes in keys:
            unknown = self.unknown_selectors(codes, rules=rules.by_code)
            if unknown:
                raise ConfigError(
                    f"{config.label}: key '{config.key(key)}': unknown rule code or prefix "
                    f"{unknown[0]!r} "
                    "(see `quality rules`)"
                )

    # Settings and pipelines.

    def respect_gitignore(self, given: bool | None = None) -> bool:
        """Whether folder walks pass over what git ignores: ``given`` on the command line,
        else as ``--config`` or the configuration governing the working folder says, else
        yes. One setting for the whole run, as in ruff: which files exist to be linted is
        decided before any file's own configuration is read."""
        if given is not None:
            return given
        try:
            config = self.fixed_config or self.finder.for_file(self.cwd / "-")
        except ConfigError:
            return True  # reported with the files that configuration governs
        return config.respect_gitignore is not False

    def excluded_by_config(self, path: Path) -> bool:
        """Whether the configuration governing ``path``'s folder excludes it from walks."""
        try:
            config = self.fixed_config or self.finder.for_file(path)
        except ConfigError:
            return False  # the files it governs are reported with the error when linted
        return config.excludes(path)

    def settings_for(self, path: Path) -> _Settings:
        config = self.fixed_config or self.finder.for_file(path)
        rules = self._rules_for(config)
        o = self.options
        return _Settings(
            config=config,
            rules=rules,
            select=o.select if o.select is not None else config.select,
            extend_select=config.extend_select + o.extend_select,
            ignore=config.ignore + o.ignore + _codes_under(config.ignores_for(path), rules),
            fail_under=o.fail_under if o.fail_under is not None else config.fail_under,
            fail_on=o.fail_on or config.fail_on or DEFAULT_FAIL_ON,
            min_severity=o.min_severity or config.min_severity or DEFAULT_MIN_SEVERITY,
            max_file_size=(
                o.max_file_size
                if o.max_file_size is not None
                else config.max_file_size
                if config.max_file_size is not None
                else DEFAULT_MAX_FILE_SIZE_MB
            ),
        )

    def scoring_for(self, settings: _Settings) -> _Scoring:
        key = settings.pipeline_key()
        scoring = self._scorings.get(key)
        if scoring is None:
            scoring = self._build_scoring(settings)
            self._scorings[key] = scoring
        return scoring

    def _build_scoring(self, settings: _Settings) -> _Scoring:
        from quality.pipeline import NoScorersError, Pipeline
        from quality.weights import Weights

        config = settings.config
        self._check_config_codes(config, settings.rules)
        try:
            weights: Weights | None = (
                Weights.load(config.weights_file) if config.weights_file else None
            )
            if config.weights:
                weights = (weights or Weights.load()).with_overrides(config.weights)
            # The linter's own codes (SUP...) select nothing in the pipeline, which checks
            # that every code it is given names one of its rules.
            scored = settings.rules.scorer_prefixes
            # A scorer whose every rule is deselected is switched off by the pipeline, not
            # charged as "could not run": ignoring ATT takes attribution out of the score.
            try:
                pipeline = Pipeline(
                    rules=settings.rules.book,
                    select=None if settings.select is None else scored(settings.select),
                    ignore=scored(settings.ignore),
                    extend_select=scored(settings.extend_select),
                    weights=weights,
                    options=config.scorers,
                    allow=config.allow,
                )
            except NoScorersError:
                # Not a mistake here: `--select SUP` checks suppression comments alone, and
                # a per-file ignore of ALL exempts a file. Such files are not scored.
                return _Scoring(None, (weights or Weights.load()).fail_under)
            return _Scoring(pipeline, pipeline.weights.fail_under)
        except OptionError as exc:  # name the option's key in the configuration
            raise config.option_error(exc) from exc
        except ScorerLoadError:
            raise  # an installed package's fault, whatever the configuration says
        except QualityError as exc:
            # Name the configuration file unless the error already does (a weights file's).
            message = str(exc)
            raise ConfigError(
                message if config.label in message else f"{config.label}: {message}"
            ) from exc

    # One file.

    def lint(self, target: Target, read_stdin: Any = None) -> FileResult | None:
        """One file's result; a failure is that file's error and never stops the run. None
        for a JSON file found in a folder walk that holds no article (``package.json``)."""
        try:
            return self._lint(target, read_stdin)
        except Exception as exc:  # a bug met on one file: report it and lint the others
            return FileResult(
                target.display,
                error=(
                    f"internal error while linting this file: {type(exc).__name__}: {exc} "
                    "(this is a bug in quality; please report it with the file)"
                ),
            )

    def _lint(self, target: Target, read_stdin: Any) -> FileResult | None:
        display = target.display
        config_path = (
            target.path
            if target.path is not None
            else self.cwd / (display if display != "-" else "stdin")
        )
        try:
            settings = self.settings_for(config_path)
            scoring = self.scoring_for(settings)
        except ConfigError as exc:
            return FileResult(display, error=f"invalid configuration: {exc}", config=None)
        except ScorerLoadError as exc:
            return FileResult(display, error=str(exc), config=None)
        result = FileResult(
            display,
            fail_on=settings.fail_on,
            config=settings.config.source,
        )
        try:
            text = self._read(target, settings.max_file_size, read_stdin)
            self._lint_text(result, text, display, settings, scoring, target.walked)
        except _NotAnArticle:
            return None
        except InputError as exc:
            result.error = str(exc)
        except QualityError as exc:
            result.error = str(exc)
        return result

    @staticmethod
    def _read(target: Target, max_mb: float, read_stdin: Any) -> str:
        limit = byte_limit(max_mb)
        if target.path is None:
            # sys.stdin is None when standard input is closed (`quality lint - <&-`).
            stream = read_stdin if read_stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise InputError("cannot read standard input: it is closed")
            data = _read_bounded(stream, limit, max_mb)
        else:
            try:
                with target.path.open("rb") as handle:
                    info = os.fstat(handle.fileno())
                    if stat.S_ISDIR(info.st_mode):
                        raise IsADirectoryError
                    size = info.st_size
                    # A regular file is decided by its size alone, never read; a FIFO or
                    # device named on the command line has no size, so it is read up to the
                    # limit and no further.
                    if stat.S_ISREG(info.st_mode) and limit and size > limit:
                        raise _too_large(_size(size), max_mb)
                    data = _read_bounded(handle, limit, max_mb)
            except IsADirectoryError:
                raise InputError("is a directory") from None
            except OSError as exc:
                raise InputError(f"cannot read file: {exc.strerror or exc}") from None
        refuse_binary(data)
        try:
            # Line ends as every later step (suppression comments, positions) reads them.
            return with_line_feeds(decode(data, name=None))
        except InvalidTextError as exc:
            raise InputError(f"{exc}; save the file as UTF-8") from None

    def _lint_text(
        self,
        result: FileResult,
        text: str,
        display: str,
        settings: _Settings,
        scoring: _Scoring,
        walked: bool = False,
    ) -> None:
        from quality.inputs import load_article

        fmt = file_format(display, text)
        page: str | None = None  # set when findings must be placed back into HTML
        field: FieldPositions | None = None  # set when findings must be placed in a JSON file
        if fmt == "json":
            article, source, style, page = _json_article(text, walked=walked)
            field = string_field(text, "html" if page is not None else "text")
        elif fmt == "html":
            source, style, page = text, suppression.HTML_STYLE, text
            article = None
        else:
            source = text
            style = (
                suppression.MARKDOWN_STYLE if fmt in ("markdown", "mdx") else suppression.TEXT_STYLE
            )
            article = None
        found = suppression.scan(source, style)
        if article is None:
            # Directive comments are no prose, in whichever syntax: a page's are skipped by
            # the extractor.
            scored_text = source if fmt == "html" else suppression.blank(source, found.spans)
            article = load_article(scored_text, format=fmt, max_chars=None)
            if fmt in ("markdown", "mdx") and article.published is None:
                article = _dated_by_file_name(article, display)
        elif style == suppression.TEXT_STYLE and found.spans:
            article = _replace_text(article, suppression.blank(source, found.spans))
        # The article is read even when it is not scored, so that a file that cannot be
        # read as an article (a bad front-matter date) is an error whatever is selected.
        pipeline = scoring.pipeline
        report = pipeline.score_article(article) if pipeline is not None else None
        lines = LineIndex(source)
        if report is None:
            findings = []
        elif page is None:
            findings = report.findings
            if fmt in ("markdown", "mdx"):
                findings = [_as_read(f) for f in findings]
        else:
            findings = relocate(report.findings, article.text, page, lines)
        kept, result.suppressed = suppression.apply(findings, found.directives)
        own, own_suppressed = self._directive_findings(found, settings, lines)
        kept.extend(own)
        result.suppressed += own_suppressed
        minimum = Severity.parse(settings.min_severity).rank
        failing = Severity.parse(settings.fail_on).rank
        shown = [f for f in kept if f.severity.rank >= minimum]
        if field is not None:
            # Suppression above worked in the field's own lines; the file is what gets opened.
            file_lines = LineIndex(text)
            shown = [
                move(f, field.file_offset(f.start), field.file_offset(f.end), file_lines)
                for f in shown
            ]
            source = text
        result.findings = sorted(shown, key=lambda f: (f.line, f.column, f.rule))
        result.source = source
        result.fail_under = (
            settings.fail_under if settings.fail_under is not None else scoring.fail_under
        )
        if report is not None:  # else the file is not scored: score and grade stay None
            result.score = report.score
            result.not_run = {sid: s.reason or "" for sid, s in report.scorers.items() if not s.ran}
            result.grade = report.grade
            result.losses = [
                (summary.id, summary.contribution, summary.notes)
                for summary in sorted(report.scorers.values(), key=lambda s: (s.contribution, s.id))
                if summary.contribution <= -0.05
            ]
            result.failed_by_score = report.score < result.fail_under
        result.failing_findings = sum(1 for f in result.findings if f.severity.rank >= failing)

    def _directive_findings(
        self, found: suppression.Scan, settings: _Settings, lines: LineIndex
    ) -> tuple[list[Finding], int]:
        """The SUP002 and SUP001 findings the directives leave, and how many they silenced:
        a directive naming SUP001 or SUP002 (``file-ignore SUP``) silences them as it
        silences any rule's findings, and is then not unused itself."""
        # The linter's own selection: the pipeline's leaves out the linter's codes.
        selection = settings.selection
        known = list(settings.rules.by_code)
        enabled = [code for code in known if selection.enabled(code)]
        malformed = [
            _lint_finding(MALFORMED_SUPPRESSION, problem.start, problem.end, problem.detail, lines)
            for problem in found.problems
            if selection.enabled(MALFORMED_SUPPRESSION.code)
        ]
        kept, silenced = suppression.apply(malformed, found.directives)
        if not selection.enabled(UNUSED_SUPPRESSION.code):
            return kept, silenced

        def unused() -> list[Finding]:
            return [
                _lint_finding(UNUSED_SUPPRESSION, directive.start, directive.end, why, lines)
                for directive, _code, why in suppression.unused(found.directives, known, enabled)
            ]

        # The first pass credits the directives that silence SUP001 reports; the second
        # leaves those directives out of the report, and silences what is left as usual.
        suppression.apply(unused(), found.directives)
        reported, unused_silenced = suppression.apply(unused(), found.directives)
        return kept + reported, silenced + unused_silenced


def byte_limit(max_mb: float) -> int:
    """The size limit in bytes for ``max_mb`` megabytes; 0 for no limit.

    Rounded up, so a tiny limit such as 1e-9 MB is 1 byte rather than 0 (which would mean no
    limit at all), and capped where a read size must fit in a C integer.
    """
    if not max_mb > 0:
        return 0
    if not math.isfinite(max_mb):
        return 0
    return min(math.ceil(max_mb * 1_000_000), sys.maxsize - 1)


def _read_bounded(stream: Any, limit: int, max_mb: float) -> bytes:
    data: bytes = stream.read(limit + 1) if limit else stream.read()
    if limit and len(data) > limit:
        raise _too_large(f"more than {max_mb:g} MB", max_mb)
    return data


def _size(size: int) -> str:
    # A limit set below a tenth of a megabyte would otherwise read "0.0 MB, limit 0.01 MB".
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _too_large(size: str, max_mb: float) -> InputError:
    return InputError(
        f"file too large ({size}, limit {max_mb:g} MB); scoring runs at about 3 s per MB, so "
        "raise the limit with --max-file-size MB (or max-file-size in the configuration; "
        "0 means no limit) if you mean it"
    )


def _lint_finding(rule: Rule, start: int, end: int, detail: str, lines: LineIndex) -> Finding:
    line, column, end_line, end_column = lines.span(start, end)
    return Finding(
        rule=rule.code,
        scorer=rule.scorer,
        severity=rule.severity,
        message=rule.format_message(detail=detail),
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        excerpt=lines.text[start:end],
        suggestion=rule.suggestion,
    )


def file_format(name: str, text: str) -> str:
    """ "text", "markdown", "mdx", "html" or "json": by extension, else by sniffing the
    content."""
    from quality.inputs import format_for_path

    if name.lower().endswith(".json"):
        return "json"
    fmt = format_for_path(name)
    if fmt != "auto":
        return fmt
    from quality.inputs import markdown, webpage

    if markdown.looks_like_markdown(text):
        return "markdown"
    if webpage.looks_like_html(text):
        return "html"
    return "text"


#: A post's date at the start of its file name, as Jekyll names posts
#: (``_posts/2024-03-05-council-vote.md``) and Hugo and Eleventy can read them.
_FILE_NAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})-")


def _dated_by_file_name(article: Any, display: str) -> Any:
    """``article``, dated by its file name when that begins with a valid date (its front
    matter gave none): the site generator publishes it under that date."""
    import datetime

    found = _FILE_NAME_DATE.match(os.path.basename(display))
    if found is None:
        return article
    try:
        day = datetime.date(*(int(part) for part in found.groups()))
    except ValueError:  # 2024-13-45-notes.md: a number, not a date
        return article
    return article.with_fields(origin="file-name", published=day.isoformat())


class _NotAnArticle(Exception):
    """A JSON file found in a folder walk that holds no article: another tool's file."""


def _json_article(text: str, *, walked: bool = False) -> tuple[Any, str, str, str | None]:
    """(article, the field positions refer to, its comment style, the page if HTML).

    With ``walked`` (the file was found in a folder, not named), valid JSON that is not an
    article object raises _NotAnArticle: a folder of articles is also a project with its
    ``package.json``, data files and editor settings, which are not mistakes to report.
    A JSON Feed is still reported, with how to score its items.
    """
    from quality.inputs import load_article
    from quality.inputs.jsonfeed import is_json_feed
    from quality.inputs.jsonl import JSONProblem, json_type, read_json

    try:
        data = read_json(text)
    except JSONProblem as exc:
        raise InputError(f"invalid JSON: {exc}") from None
    if walked and not (
        isinstance(data, dict) and ("text" in data or "html" in data or is_json_feed(data))
    ):
        raise _NotAnArticle
    if not isinstance(data, dict):
        raise InputError(
            f"a .json file must hold one article object, got a JSON {json_type(data)}; "
            "fields: id, text or html, title, byline, url, published, publisher, language"
        )
    article = load_article(data, max_chars=None)
    # Line ends as the article's text has them (a lone carriage return is a line feed, one
    # character for one), so that directives and findings count the same lines.
    body = data.get("text")
    if isinstance(body, str):
        return article, with_line_feeds(body), suppression.TEXT_STYLE, None
    html = data.get("html")
    page = with_line_feeds(html) if isinstance(html, str) else ""
    return article, page, suppression.HTML_STYLE, page


#: Runs of blanks where Markdown markup was: two or more, or any beside a line break.
_BLANKED_MARKUP = re.compile(r"[ \t]+\n[ \t]*|\n[ \t]+|[ \t]{2,}")


def _as_read(finding: Finding) -> Finding:
    """A Markdown finding with its excerpt as a reader reads it. The scorers see the markup
    blanked with spaces, so that positions hold (``a **glimmer** of hope`` is scored as
    ``a   glimmer   of hope``); the message quotes the words with single spaces, and so
    must the excerpt, or a script comparing it with the message or the text finds neither."""
    tidied = _BLANKED_MARKUP.sub(_one_blank, finding.excerpt)
    return finding if tidied == finding.excerpt else dataclasses.replace(finding, excerpt=tidied)


def _one_blank(blanks: re.Match[str]) -> str:
    # A line break stays one; the blanked markers around it (a quote's ">", a list's
    # indent) go.
    return "\n" if "\n" in blanks.group() else " "


def _replace_text(article: Any, text: str) -> Any:
    return dataclasses.replace(article, text=text)
