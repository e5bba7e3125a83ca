"""Extending quality with hostile or careless extensions: third-party scorers that break
the scorer contract, clashing scorer ids, and rule files that would load but never work."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import quality
from quality import registry
from quality.analysis import Document
from quality.cli import main
from quality.findings import Finding, Severity
from quality.ruleset import RuleBook, ScorerRules, default_rules_dir, load_rule_file
from quality.scorers.base import Scorer, ScorerResult

TEXT = (
    "The council voted 9 to 3 on Wednesday to fund the flood wall, council leader Martin "
    "Oduya said. The Environment Agency will pay £2.9m of the £4.2m cost, a spokesperson "
    "for the agency confirmed on Thursday."
)
NO_RULES = ScorerRules("test")


def scorer_returning(make: Callable[[Document], Any]) -> Scorer:
    """A rule-less scorer whose ``score`` returns whatever ``make`` builds."""

    class Returning(Scorer):
        id = "test-returning"
        version = "2"
        needs_language_rules = False

        def score(self, doc: Document) -> Any:
            return make(doc)

    return Returning(NO_RULES)


def finding_at(start: Any, end: Any) -> Finding:
    return Finding("TST001", "test-returning", Severity.INFO, "m", start, end, 1, 1, 1, 1, "")


def located(doc: Document, start: int, end: int, **changed: Any) -> Finding:
    """A finding at ``start``-``end`` with its line, column and excerpt, as Scorer.finding
    makes it, then ``changed``."""
    place = doc.line_index.span(start, end)
    made = Finding(
        "TST001", "test-returning", Severity.INFO, "m", start, end, *place, doc.text[start:end]
    )
    return replace(made, **changed)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda doc: ScorerResult(1.5), "sub-score 1.5, which must be a number from 0 to 1"),
        (lambda doc: ScorerResult(-2), "sub-score -2"),
        (lambda doc: ScorerResult(float("nan")), "sub-score nan"),
        (lambda doc: ScorerResult(None), "sub-score None"),
        (lambda doc: ScorerResult("0.5"), "sub-score '0.5'"),
        (lambda doc: ScorerResult(True), "sub-score True"),
        (lambda doc: None, "returned NoneType, not a ScorerResult"),
        (lambda doc: 0.5, "returned float, not a ScorerResult"),
        (lambda doc: ScorerResult(1.0, None), "findings as NoneType, not a list"),
        (lambda doc: ScorerResult(1.0, [{"rule": "X"}]), "a finding that is dict, not a Finding"),
        (lambda doc: ScorerResult(1.0, [finding_at(10, 5000)]), "(TST001) at 10-5000"),
        (lambda doc: ScorerResult(1.0, [finding_at(10, 5)]), "(TST001) at 10-5"),
        (lambda doc: ScorerResult(1.0, [finding_at(-1, 5)]), "(TST001) at -1-5"),
        (lambda doc: ScorerResult(1.0, [finding_at("0", 5)]), "(TST001) at '0'-5"),
        (lambda doc: ScorerResult(1.0, [], {"x": float("inf")}), "metric 'x' = inf"),
        (lambda doc: ScorerResult(1.0, [], {"x": "many"}), "metric 'x' = 'many'"),
        (lambda doc: ScorerResult(1.0, [], {3: 1.0}), "metric 3 = 1.0"),
        (lambda doc: ScorerResult(1.0, [], None), "metrics as NoneType, not a dict"),
        # A finding whose code, scorer or place the report would print as given, wrongly.
        (lambda doc: ScorerResult(1.0, [located(doc, 4, 11, rule="shout")]), "no rule code"),
        (
            lambda doc: ScorerResult(1.0, [located(doc, 4, 11, scorer="filler")]),
            "scorer is 'filler', not the id",
        ),
        (
            lambda doc: ScorerResult(1.0, [located(doc, 4, 11, line=7, column=99)]),
            "line and column 7:99-1:12 are not where its span 4-11 is (1:5-1:12)",
        ),
        (
            lambda doc: ScorerResult(1.0, [located(doc, 4, 11, excerpt="x")]),
            "excerpt is not the text of its span 4-11",
        ),
    ],
)
def test_a_result_that_breaks_the_scorer_contract_is_a_scorer_error(make, message):
    # Before, these were clipped to a score silently, or failed far downstream (sorting the
    # findings, writing the report's JSON) with a traceback that named no scorer.
    pipeline = quality.Pipeline([scorer_returning(make)])
    with pytest.raises(quality.ScorerError) as caught:
        pipeline.score(TEXT)
    assert "scorer 'test-returning' 2 returned" in str(caught.value)
    assert message in str(caught.value)


def test_a_result_that_keeps_the_contract_is_scored():
    # A sub-score a rounding error past 1, int metrics and findings on the text's edges.
    size = len(TEXT)
    make = lambda doc: ScorerResult(  # noqa: E731
        1 + 1e-12, [located(doc, 0, 0), located(doc, size, size)], {"n": 3, "big": 10**30}
    )
    report = quality.Pipeline([scorer_returning(make)]).score(TEXT)
    assert report.scorers["test-returning"].score == 1.0
    assert report.score == 100


def test_a_scorer_that_breaks_the_contract_on_one_article_fails_that_article_only():
    make = lambda doc: ScorerResult(float("nan") if "BREAK" in doc.text else 1.0)  # noqa: E731
    pipeline = quality.Pipeline([scorer_returning(make)])
    records = [{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT + " BREAK"}, TEXT]
    results = list(pipeline.score_many(records))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error is not None and results[1].error.type == "ScorerError"
    assert "sub-score nan" in results[1].error.message


class NoVersion(Scorer):
    id = "test-no-version"
    needs_language_rules = False

    def score(self, doc: Document) -> ScorerResult:
        return ScorerResult(1.0)


class BlankId(NoVersion):
    id = " "
    version = "1"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (NoVersion(NO_RULES), "NoVersion must define a non-empty string class attribute 'version'"),
        (BlankId(NO_RULES), "BlankId must define a non-empty string class attribute 'id'"),
        (NoVersion, "NoVersion is a class; give an instance, or register it"),
        (3, "expected a scorer id or a Scorer, got 3"),
        (None, "expected a scorer id or a Scorer, got None"),
    ],
)
def test_what_is_not_a_runnable_scorer_is_refused_when_the_pipeline_is_built(item, message):
    # A scorer with no version failed with AttributeError once an article was scored (the
    # report names every scorer's version); a class was reported as an unknown scorer id
    # '<class ...>', and a number as a traceback.
    with pytest.raises(quality.ScorerError, match=message):
        quality.Pipeline(["dates", item])


def test_options_for_a_scorer_given_as_an_instance_are_refused_not_dropped():
    instance = quality.Pipeline(["readability"]).scorers[0]
    with pytest.raises(quality.ScorerError, match="'readability', which are given as instances"):
        quality.Pipeline([instance], options={"readability": {"anything": 1}})


class FailsToStart(Scorer):
    id = "test-fails-to-start"
    version = "3"
    needs_language_rules = False

    def __init__(self, rules: ScorerRules, options: Any = None):
        raise RuntimeError("no licence key")

    def score(self, doc: Document) -> ScorerResult:
        return ScorerResult(1.0)


def test_a_scorer_whose_constructor_fails_is_named(registered):
    registered(FailsToStart)
    with pytest.raises(
        quality.ScorerError,
        match="scorer 'test-fails-to-start' 3 could not be set up: RuntimeError: no licence key",
    ):
        quality.Pipeline(["test-fails-to-start"])


def test_a_scorer_whose_can_score_fails_is_named():
    class CannotTell(NoVersion):
        id = "test-cannot-tell"
        version = "4"

        def can_score(self, language: str) -> bool:
            raise LookupError("no table for " + language)

    pipeline = quality.Pipeline([CannotTell(NO_RULES)])
    with pytest.raises(
        quality.ScorerError,
        match=r"scorer 'test-cannot-tell' 4 could not prepare .* LookupError: no table for en",
    ):
        pipeline.score(TEXT)


def test_register_refuses_an_id_taken_by_another_scorer(registered):
    class Impostor(NoVersion):
        id = "filler"
        version = "1"

    # It used to replace the built-in filler scorer silently, changing every score.
    with pytest.raises(quality.ScorerError, match=r"'filler' .* already taken by quality\.scorers"):
        registry.register(Impostor)
    assert quality.Pipeline(["filler"]).scorers[0].version != "1"

    class Mine(NoVersion):
        id = "test-mine"
        version = "1"

    registered(Mine)
    registered(Mine)  # again, as a re-run notebook cell would: the same class is fine

    class Other(NoVersion):
        id = "test-mine"
        version = "1"

    with pytest.raises(quality.ScorerError, match=r"'test-mine' .* already taken"):
        registry.register(Other)


def test_register_refuses_what_is_not_a_scorer_class():
    with pytest.raises(quality.ScorerError, match=r"is not a quality\.Scorer subclass"):
        registry.register(dict)  # type: ignore[arg-type]
    with pytest.raises(quality.ScorerError, match=r"is not a quality\.Scorer subclass"):
        registry.register(NoVersion(NO_RULES))  # type: ignore[arg-type]


def install(tmp_path: Path, distribution: str, entry_points: str, module: str = "") -> None:
    """A fake installed distribution declaring ``entry_points`` in quality.scorers."""
    # Named as pip names it: a dash in the name would end it ("fake-one" read as "fake").
    info = tmp_path / f"{distribution.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[quality.scorers]\n{entry_points}\n")
    if module:
        (tmp_path / f"{distribution.replace('-', '_')}.py").write_text(textwrap.dedent(module))


SCORER_MODULE = """
    from quality.scorers.base import Scorer, ScorerResult

    class Dupe(Scorer):
        id = "test-dupe"
        version = "1"
        needs_language_rules = False

        def score(self, doc):
            return ScorerResult(1.0)
"""


def test_two_packages_declaring_one_scorer_id_are_an_error_not_a_silent_choice(site):
    # Which one was used depended on the order the packages were found in.
    install(site, "fake-one", "test-dupe = fake_one:Dupe", SCORER_MODULE)
    install(site, "fake-two", "test-dupe = fake_two:Dupe", SCORER_MODULE)
    with pytest.raises(quality.ScorerError) as caught:
        quality.Pipeline(["test-dupe"])
    assert "'test-dupe' is declared by more than one installed package" in str(caught.value)
    assert "fake_one:Dupe" in str(caught.value) and "fake_two:Dupe" in str(caught.value)
    # The other scorers still work.
    assert quality.Pipeline(["dates"]).scorer_ids == ["dates"]


def test_a_package_declaring_a_builtin_scorer_id_is_an_error(site):
    install(site, "fake-filler", "filler = fake_filler:Dupe", SCORER_MODULE)
    with pytest.raises(quality.ScorerError, match="'filler' is declared by more than one"):
        quality.Pipeline(["filler"])


@pytest.mark.parametrize(
    ("module", "error"),
    [
        ("raise RuntimeError('needs a GPU')", "RuntimeError: needs a GPU"),
        ("def broken(:\n    pass", "SyntaxError"),
        ("x = 1", "AttributeError"),
    ],
)
def test_a_scorer_module_that_fails_to_import_is_named(site, module, error):
    install(site, "fake-broken", "test-broken = fake_broken:Broken", module)
    with pytest.raises(quality.ScorerError) as caught:
        quality.Pipeline(["test-broken"])
    message = str(caught.value)
    assert isinstance(caught.value, quality.ScorerLoadError)
    assert "scorer 'test-broken' could not be loaded from fake_broken:Broken" in message
    assert error in message
    assert "(package fake-broken 1.0)" in message and "fix or uninstall that package" in message


def test_lint_blames_a_broken_scorer_package_not_the_configuration(site, tmp_path, capsys):
    install(site, "fake-broken", "test-broken = fake_broken:Broken", "raise ImportError('x')")
    article = tmp_path / "draft.md"
    article.write_text("The council met on Tuesday.\n", encoding="utf-8")
    code = main(["lint", str(article)])
    out = capsys.readouterr().out
    assert code == 2
    assert "draft.md: error: scorer 'test-broken' could not be loaded" in out
    assert "package fake-broken 1.0" in out and "configuration" not in out


# Rule files.

HEAD = 'scorer = "filler"\nlanguages = ["en"]\n'
RULE = '[[rules]]\ncode = "FIL901"\nname = "house"\nmessage = "House style: {match}"\n'


def rule_file(tmp_path: Path, body: str, name: str = "house.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # Patterns that can match nothing at all mark no text (and ^ or x* match everywhere).
        *(
            (RULE + f"patterns = ['{pattern}']\n", "can match the empty string")
            for pattern in ("x*", r"\b", "^", "(?:)", "(?=council)", "(?:a|)")
        ),
        # The matcher joins patterns into one alternation, renumbering their groups.
        (RULE + "patterns = ['(m)?(?(1)onday|ay)']\n", "conditional group"),
        # Rules that are not case-sensitive match lower-cased, folded text.
        (RULE + "patterns = ['^The council']\n", "holds 'T', which never occurs"),
        (RULE + "patterns = ['(?:an|The) council']\n", "holds 'T'"),
        (RULE + "patterns = ['council[A-Z]']\n", "holds 'A-Z'"),
        (RULE + "patterns = ['council’s']\n", "holds '’'"),
        (RULE + "patterns = ['(?i:a(?-i:X))']\n", "holds 'X'"),
        (RULE + "case_sensitive = true\nphrases = ['Council']\n", "phrases always match"),
        (RULE + "penalty = 1e308\n", "'penalty' must be a number from 0 to 100, got 1e+308"),
        (RULE + "penalty = 1" + "0" * 400 + "\n", "got a number of about"),
    ],
)
def test_rules_that_would_load_but_never_work_are_refused(tmp_path, body, message):
    path = rule_file(tmp_path, HEAD + body)
    with pytest.raises(quality.RuleError) as caught:
        load_rule_file(path)
    assert f"{path} [rule FIL901]: " in str(caught.value)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "pattern",
    ["(?i:The) council", "(?i:(?-i:x)?council)", "council[’x]s", r"(?:the|a) council\b"],
)
def test_patterns_that_can_match_folded_text_are_accepted(tmp_path, pattern):
    path = rule_file(tmp_path, HEAD + RULE + f"patterns = ['{pattern}']\n")
    assert load_rule_file(path)[0].patterns == (pattern,)


def test_a_case_sensitive_pattern_keeps_its_capitals_and_matches_them(tmp_path):
    rule_file(tmp_path, HEAD + RULE + "case_sensitive = true\npatterns = ['Council']\n")
    pipeline = quality.Pipeline(rule_dirs=[default_rules_dir(), tmp_path])
    found = [f.excerpt for f in pipeline.score(TEXT + " The Council met.").findings]
    assert "Council" in found and "council" not in found


@pytest.mark.parametrize("language", ["EN", "en-US", "en_GB", "english language", "1"])
def test_a_rule_language_must_be_written_as_the_pipeline_names_languages(tmp_path, language):
    # Rules for 'en-US' or 'EN' applied to no article: articles' languages are read as 'en'.
    path = rule_file(tmp_path, f'scorer = "filler"\nlanguages = ["{language}"]\n')
    with pytest.raises(quality.RuleError, match=f"'languages' holds '{language}'"):
        load_rule_file(path)


def test_a_rule_file_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "house.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + RULE + "phrases = ['flood wall']\n").encode())
    assert load_rule_file(path)[0].phrases == ("flood wall",)


def test_a_rule_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "house.toml"
    path.write_bytes((HEAD + RULE + "phrases = ['café']\n").encode("latin-1"))
    with pytest.raises(
        quality.RuleError, match=r"house\.toml: rule file is not valid UTF-8 .*line 7"
    ):
        load_rule_file(path)


def test_a_phrase_already_in_a_rule_of_the_scorer_is_refused(tmp_path):
    # The scorer's automaton gives every match of a phrase to the first rule holding it,
    # so the house rule never fired.
    path = rule_file(tmp_path, HEAD + RULE + "phrases = ['A Glimmer of Hope']\n")
    with pytest.raises(quality.RuleError) as caught:
        RuleBook.load([default_rules_dir(), tmp_path])
    assert f"{path} [rule FIL901]: phrase 'a glimmer of hope' is also in FIL101" in str(
        caught.value
    )


def test_the_same_phrase_for_another_scorer_or_language_is_allowed(tmp_path):
    rule_file(
        tmp_path,
        'scorer = "residue"\nlanguages = ["en"]\n'
        + RULE.replace("FIL901", "RES901")
        + "phrases = ['a glimmer of hope']\n",
    )
    rule_file(
        tmp_path,
        'scorer = "filler"\nlanguages = ["de"]\n' + RULE + "phrases = ['a glimmer of hope']\n",
        "de.toml",
    )
    assert len(RuleBook.load([default_rules_dir(), tmp_path])) == len(RuleBook.load()) + 2


def test_rules_for_a_scorer_that_is_not_installed_are_refused(tmp_path):
    # A misspelt scorer switched the file's rules off without a word.
    path = rule_file(tmp_path, 'scorer = "filer"\nlanguages = ["en"]\n' + RULE)
    with pytest.raises(quality.RuleError) as caught:
        quality.Pipeline(rule_dirs=[default_rules_dir(), tmp_path])
    assert f"{path} [rule FIL901]: rules for unknown scorer 'filer' (known: " in str(caught.value)


def test_rules_for_a_scorer_given_as_an_instance_are_accepted(tmp_path):
    rule_file(
        tmp_path, 'scorer = "test-returning"\nlanguages = ["en"]\n' + RULE.replace("FIL", "TST")
    )
    scorer = scorer_returning(lambda doc: ScorerResult(1.0))
    assert quality.Pipeline([scorer], rule_dirs=[tmp_path]).scorer_ids == ["test-returning"]


def test_rule_dirs_may_be_one_path_a_file_or_a_directory_given_twice(tmp_path):
    path = rule_file(tmp_path, HEAD + RULE + "phrases = ['flood wall']\n")
    shipped = len(RuleBook.load())
    # A str was iterated letter by letter ("rules directory not found: /"), a Path failed
    # with a TypeError, a file was "not found", and a directory given twice clashed with
    # itself as duplicate rule codes.
    assert [r.code for r in RuleBook.load(str(tmp_path))] == ["FIL901"]
    assert [r.code for r in RuleBook.load(tmp_path)] == ["FIL901"]
    assert [r.code for r in RuleBook.load([path])] == ["FIL901"]
    assert len(RuleBook.load([default_rules_dir(), tmp_path, tmp_path, path])) == shipped + 1
    pipeline = quality.Pipeline(rule_dirs=[default_rules_dir(), path])
    assert "FIL901" in {f.rule for f in pipeline.score(TEXT).findings}


def test_quality_score_runs_a_scorer_registered_after_its_first_use(registered):
    class Late(Scorer):
        id = "late-registered"
        version = "1"
        needs_language_rules = False

        def score(self, doc: Document) -> ScorerResult:
            return ScorerResult(0.5)

    text = "The council met on Tuesday, Mayor Ana Ruiz said."
    assert "late-registered" not in quality.score(text).scorers
    registered(Late)
    assert "late-registered" in quality.score(text).scorers
