"""Rule files: every shipped rule loads, its examples hold, and bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

import quality
from quality.ruleset import RuleBook, RuleSelection, default_rules_dir, load_rule_file

RULEBOOK = RuleBook.load()


def test_rules_are_shipped_and_cover_every_builtin_scorer():
    scorers = {rule.scorer for rule in RULEBOOK}
    assert {"filler", "chatbot-leak", "attribution", "dates", "residue"} <= scorers
    assert default_rules_dir().is_dir()


def test_codes_are_unique_and_share_a_prefix_per_scorer():
    prefixes: dict[str, set[str]] = {}
    for rule in RULEBOOK:
        prefixes.setdefault(rule.scorer, set()).add(rule.code[:3])
    for scorer, found in prefixes.items():
        assert len(found) == 1, f"{scorer} uses several code prefixes: {found}"


def _example_cases():
    for rule in RULEBOOK:
        for text in rule.examples_fire:
            yield pytest.param(rule, text, True, id=f"{rule.code}-fires-{text[:30]}")
        for text in rule.examples_pass:
            yield pytest.param(rule, text, False, id=f"{rule.code}-passes-{text[:30]}")


@pytest.fixture(scope="module")
def single_scorer_pipelines():
    cache: dict[str, quality.Pipeline] = {}

    def get(scorer_id: str) -> quality.Pipeline:
        if scorer_id not in cache:
            cache[scorer_id] = quality.Pipeline([scorer_id], rules=RULEBOOK)
        return cache[scorer_id]

    return get


@pytest.mark.parametrize(("rule", "text", "fires"), list(_example_cases()))
def test_rule_examples(single_scorer_pipelines, rule, text, fires):
    language = rule.languages[0] if rule.languages[0] != "*" else "en"
    report = single_scorer_pipelines(rule.scorer).score(text, language=language)
    codes = {f.rule for f in report.findings}
    if fires:
        assert rule.code in codes, f"{rule.code} should fire on {text!r}; got {sorted(codes)}"
    else:
        assert rule.code not in codes, f"{rule.code} should not fire on {text!r}"


def test_every_phrase_or_pattern_rule_has_examples_both_ways():
    missing = [
        r.code
        for r in RULEBOOK
        if r.kind != "metric" and r.phrases and not (r.examples_fire and r.examples_pass)
    ]
    missing += [
        r.code
        for r in RULEBOOK
        if r.kind == "pattern" and not (r.examples_fire and r.examples_pass)
    ]
    assert not missing, f"rules without fires/passes examples: {missing}"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD_HEAD = 'scorer = "filler"\nlanguages = ["en"]\n'


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("scorer = ", "invalid TOML"),
        ('languages = ["en"]\n', "'scorer' must be a non-empty string"),
        ('scorer = "x"\nlanguages = []\n', "'languages' must be a non-empty list"),
        (GOOD_HEAD + "colour = 1\n", "unknown key(s) colour"),
        (
            GOOD_HEAD + '[[rules]]\ncode = "F1"\nname = "n"\nmessage = "m"\n',
            "three capital letters",
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\nseverity = "fatal"\n',
            "unknown severity",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "{oops}"\n',
            "placeholder {oops}",
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npatterns = ["(unclosed"]\n',
            "invalid pattern",
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npatterns = ["(a+)+b"]\n',
            "backtrack catastrophically",
        ),
        *(
            (
                GOOD_HEAD
                + f'[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npatterns = ["{p}"]\n',
                "backtrack catastrophically",
            )
            for p in ("(?:(?:\\\\w+\\\\s?))+:", "((a+))+b", "(a|aa)+b")
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npatterns = ["(?P<x>a)"]\n',
            "named groups",
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npatterns = ["(a)b\\\\1"]\n',
            "numbered backreference",
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npatterns = ["(?i)ab"]\n',
            "sets flags for the whole pattern",
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\nphrases = "a glimmer"\n',
            "'phrases' must be a list",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npenalty = -1\n',
            "must be a number from 0 to 100",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npenalty = nan\n',
            "must be a number from 0 to 100",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m {oops"\n',
            "not a valid template",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "{value:d}"\n',
            "with nothing added",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "{match.upper}"\n',
            "with nothing added",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\nseverity = 3\n',
            "'severity' must be one of",
        ),
        (
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\npatterns = [""]\n',
            "empty pattern",
        ),
        (
            GOOD_HEAD
            + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\n[[rules]]\ncode = "FIL902"\nname = "n"\nmessage = "m"\n',
            "duplicate rule name",
        ),
    ],
)
def test_invalid_rule_files_name_the_file_and_rule(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(quality.RuleError) as caught:
        load_rule_file(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
    if "FIL901" in body and "duplicate" not in message:
        assert "[rule FIL901]" in str(caught.value)


def test_duplicate_codes_across_files_are_rejected(tmp_path):
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(
            GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "n"\nmessage = "m"\n'
        )
    with pytest.raises(quality.RuleError, match="duplicate rule code"):
        RuleBook.load([tmp_path])


def test_a_pipeline_reports_a_broken_rules_directory(tmp_path):
    write(tmp_path, "scorer = ")
    with pytest.raises(quality.RuleError, match=r"bad\.toml"):
        quality.Pipeline(rule_dirs=[tmp_path])


@pytest.mark.parametrize(
    ("select", "ignore", "code", "enabled"),
    [
        (None, [], "FIL101", True),
        (None, ["FIL"], "FIL101", False),
        (["FIL"], ["FIL1"], "FIL101", False),
        (["FIL101"], ["FIL"], "FIL101", True),
        (["ATT"], [], "FIL101", False),
        (["ALL"], ["FIL101"], "FIL102", True),
    ],
)
def test_selection_prefers_the_most_specific_prefix(select, ignore, code, enabled):
    assert RuleSelection.build(select, ignore).enabled(code) is enabled


def test_rule_patterns_run_in_linear_time_on_hostile_input():
    import time

    pipeline = quality.Pipeline(rules=RULEBOOK)
    hostile = ("a " * 20000) + ("said " * 5000) + ("\n" * 2000) + ("x" * 30000)
    started = time.perf_counter()
    pipeline.score(hostile)
    # Generous bound: catastrophic backtracking takes minutes, not seconds.
    assert time.perf_counter() - started < 20


def test_a_rule_cannot_take_the_name_of_a_rule_in_another_file(tmp_path):
    (tmp_path / "house.toml").write_text(
        GOOD_HEAD + '[[rules]]\ncode = "FIL901"\nname = "filler-density"\nmessage = "m"\n'
    )
    with pytest.raises(quality.RuleError, match="rule name 'filler-density' is taken by FIL001"):
        RuleBook.load([default_rules_dir(), tmp_path])


@pytest.mark.parametrize(
    ("file", "option", "value", "problem"),
    [
        ("dates.toml", "runs_into", '"(?:[ \\\\t]+"', "missing ), unterminated subpattern"),
        ("attribution.toml", "refers_back", '"\\\\b(?:the"', "missing ), unterminated subpattern"),
        ("attribution.toml", "refers_back", "3", "it is int, not a string"),
    ],
)
def test_a_broken_pattern_option_is_named_with_its_file_and_rule_when_the_pipeline_is_built(
    tmp_path: Path, file: str, option: str, value: str, problem: str
) -> None:
    # Before, it failed on the first article that reached it, as a ScorerError.
    shipped = (default_rules_dir() / "en" / file).read_text(encoding="utf-8")
    start = shipped.index(f"{option} = ")
    end = shipped.index(", " if option == "refers_back" else " }", start)
    broken = shipped[:start] + f"{option} = {value}" + shipped[end:]
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / file).write_text(broken, encoding="utf-8")
    with pytest.raises(quality.RuleError) as caught:
        quality.Pipeline(rule_dirs=[tmp_path])
    message = str(caught.value)
    assert f"{file} [rule " in message
    assert f"option '{option}' must be a regular expression: {problem}" in message
