"""The pipeline: scorer registry and entry points, weights, options, rule selection, languages."""

from __future__ import annotations

import sys
import textwrap

import pytest

import quality
from quality import registry
from quality.scorers.base import Scorer, ScorerResult
from tests.conftest import seed_text

CLEAN = (
    "The council voted 9 to 3 on Wednesday to fund the flood wall, council leader Martin Oduya said. "
    "The Environment Agency will pay £2.9m of the £4.2m cost, a spokesperson for the agency confirmed."
)


def test_builtin_scorers_are_found_through_the_registry():
    assert {"filler", "chatbot-leak", "attribution", "dates", "residue"} <= set(
        registry.available()
    )


def test_a_third_party_scorer_is_found_through_its_entry_point(tmp_path, monkeypatch):
    package = tmp_path / "shouty_scorer.py"
    package.write_text(
        textwrap.dedent("""
        from quality.scorers.base import Scorer, ScorerResult

        class ShoutyScorer(Scorer):
            id = "shouty"
            version = "0.1"
            needs_language_rules = False

            def score(self, doc):
                loud = sum(1 for w in doc.words if len(w) > 3 and w.isupper())
                return ScorerResult(1.0 if loud == 0 else 0.5, [], {"loud_words": float(loud)})
    """)
    )
    dist = tmp_path / "shouty_scorer-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shouty-scorer\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[quality.scorers]\nshouty = shouty_scorer:ShoutyScorer\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.available.cache_clear()
    try:
        assert "shouty" in registry.available()
        pipeline = quality.Pipeline(weights={"shouty": 10})
        report = pipeline.score(CLEAN + " THIS IS HUGE NEWS.")
        assert report.scorers["shouty"].score == 0.5
        assert report.scorers["shouty"].contribution == pytest.approx(-5.0)
    finally:
        registry.available.cache_clear()
        sys.modules.pop("shouty_scorer", None)


def test_register_decorator_adds_a_scorer():
    class LengthScorer(Scorer):
        id = "test-length"
        version = "1"
        needs_language_rules = False

        def score(self, doc):
            return ScorerResult(min(1.0, doc.word_count / 100), [])

    registry.register(LengthScorer)
    try:
        report = quality.Pipeline(["test-length"], weights={"test-length": 50}).score(
            "Short text here."
        )
        assert report.score == pytest.approx(100 - 50 * (1 - 3 / 100), abs=0.1)
    finally:
        registry._registered.pop("test-length")
        registry.available.cache_clear()


def test_unknown_scorer_and_bad_options_are_clear_errors():
    with pytest.raises(quality.ScorerError, match="unknown scorer 'nope'"):
        quality.Pipeline(["nope"])
    with pytest.raises(quality.ConfigError, match="scorer 'filler' has no option 'colour'"):
        quality.Pipeline(options={"filler": {"colour": "red"}})
    with pytest.raises(quality.ConfigError, match="must be list"):
        quality.Pipeline(options={"filler": {"extra-phrases": "synergy"}})


def test_a_failing_scorer_is_named():
    class Broken(Scorer):
        id = "broken"
        version = "9"
        needs_language_rules = False

        def score(self, doc):
            raise ZeroDivisionError("oops")

    pipeline = quality.Pipeline([Broken(quality.Pipeline().rulebook.for_scorer("broken"))])
    with pytest.raises(quality.ScorerError, match=r"scorer 'broken' 9 failed.*ZeroDivisionError"):
        pipeline.score(CLEAN)


def test_weights_change_the_score_and_disable_removes_a_scorer():
    text = seed_text("004")
    default = quality.Pipeline().score(text)
    heavier = quality.Pipeline(weights={"residue": 70}).score(text)
    assert heavier.score < default.score
    without = quality.Pipeline(disable=["residue"]).score(text)
    assert "residue" not in without.scorers
    assert not any(f.scorer == "residue" for f in without.findings)


def test_ignore_switches_rules_off_and_select_keeps_only_some():
    text = seed_text("001")
    ignored = quality.Pipeline(ignore=["FIL1"]).score(text)
    assert not any(f.rule.startswith("FIL1") for f in ignored.findings)
    selected = quality.Pipeline(select=["ATT"]).score(text)
    assert {f.rule[:3] for f in selected.findings} == {"ATT"}


def test_a_scorer_whose_rules_are_all_deselected_is_switched_off_not_charged():
    # Charged as "could not run", a clean article would fall below fail-under.
    only_filler = quality.Pipeline(select=["FIL"])
    assert only_filler.scorer_ids == ["filler"]
    assert only_filler.score(CLEAN).score == 100
    without_filler = quality.Pipeline(ignore=["FIL"])
    assert "filler" not in without_filler.scorer_ids
    assert all(s.ran for s in without_filler.score(CLEAN).scorers.values())


def test_one_name_may_be_given_as_a_string():
    assert "dates" not in quality.Pipeline(disable="dates").scorer_ids
    assert quality.Pipeline(scorers="filler").scorer_ids == ["filler"]
    assert quality.Pipeline(select="FIL").scorer_ids == ["filler"]


def test_a_scorer_given_twice_is_refused():
    # Run twice, it would take its points off twice while explain() shows them once.
    with pytest.raises(quality.ScorerError, match="'filler' given more than once"):
        quality.Pipeline(scorers=["filler", "dates", "filler"])


@pytest.mark.parametrize("tag", ["en-US", "EN", "en_GB", " en "])
def test_a_language_tag_with_a_region_or_capitals_is_read_as_its_language(tag):
    report = quality.score(CLEAN, language=tag)
    assert report.language == "en" and report.article.language == "en"
    assert report.complete and report.score == quality.score(CLEAN).score


@pytest.mark.parametrize("tag", ["123", "../../etc", "x" * 10_000, "ß", "e"])
def test_a_language_that_is_no_language_tag_is_refused(tag):
    with pytest.raises(quality.InputError, match="must be a language tag such as 'en'"):
        quality.score(CLEAN, language=tag)


def test_a_feed_language_that_is_a_name_is_left_to_detection():
    from quality.inputs.feeds import _language

    assert _language("en-us") == "en" and _language("English") is None
    assert _language("123") is None


def test_allow_list_and_extra_phrases():
    text = "Officials met on Monday. The deal offers a glimmer of hope. We must leverage synergies."
    allowed = quality.Pipeline(allow=["a glimmer of hope"]).score(text)
    assert "FIL101" not in {f.rule for f in allowed.findings}
    house = quality.Pipeline(options={"filler": {"extra-phrases": ["leverage synergies"]}}).score(
        text
    )
    assert any(f.rule == "FIL100" and f.excerpt == "leverage synergies" for f in house.findings)


def test_unsupported_language_is_not_scored_as_clean():
    french = (
        "Le gouvernement a annoncé mardi une nouvelle réforme des retraites. Les syndicats ont "
        "appelé à la grève dans tout le pays, selon un communiqué du ministère du Travail publié "
        "dans la soirée."
    )
    report = quality.score(french)
    assert report.language == "fr"
    assert not report.complete
    skipped = [s for s in report.scorers.values() if not s.ran]
    assert skipped and all("no rules for language 'fr'" in (s.reason or "") for s in skipped)
    # Not vouched for (below fail-under), and not scored as the worst article either.
    fail_under = quality.Pipeline().weights.fail_under
    assert fail_under - 15 < report.score < fail_under
    assert "not run" in report.explain()
    # Rare, near-certain evidence is charged only a small share when it cannot be checked.
    leak = report.scorers["chatbot-leak"]
    assert -0.1 * leak.weight <= leak.contribution < 0


def test_given_language_is_used_without_detection():
    assert quality.score(CLEAN, language="en").language == "en"


def test_same_input_same_output():
    text = seed_text("003")
    assert quality.Pipeline().score(text).to_dict() == quality.Pipeline().score(text).to_dict()


def test_custom_weights_file_is_validated(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(
        '{"schema": "quality-weights/1", "weights": {"filler": -3}, "grades": [{"min": 0, "grade": "F"}]}'
    )
    with pytest.raises(
        quality.ConfigError, match="weight of 'filler' must be a non-negative number"
    ):
        quality.Pipeline(weights=path)
    path.write_text("not json")
    with pytest.raises(quality.ConfigError, match="not valid JSON"):
        quality.Pipeline(weights=path)
    path.write_text(
        '{"schema": "quality-weights/1", "weights": {"filler": 80}, "grades": [{"min": 50, "grade": "ok"}, {"min": 0, "grade": "bad"}], "fail_under": 50}'
    )
    report = quality.Pipeline(weights=path).score(seed_text("001"))
    assert report.grade == "bad"


def test_weights_file_that_is_not_utf8_is_a_config_error_naming_it(tmp_path, capsys):
    from quality.cli import main

    path = tmp_path / "bad.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(quality.ConfigError, match=r"bad\.json: weights file is not valid UTF-8"):
        quality.Pipeline(weights=path)
    # The command prints it as an error and exits 2.
    output = str(tmp_path / "out.json")
    assert (
        main(["train", str(tmp_path / "labelled.jsonl"), "-o", output, "--weights", str(path)]) == 2
    )
    err = capsys.readouterr().err
    assert f"quality train: error: {path}: weights file is not valid UTF-8" in err


def test_a_used_pipeline_scores_the_same_after_pickling() -> None:
    # What a worker process started with "spawn" receives: a pipeline that has already
    # scored articles, with its shared automaton pass built.
    import pickle

    from tests.conftest import SEEDS, WELL_SOURCED

    pipeline = quality.Pipeline()
    texts = [WELL_SOURCED] + [path.read_text(encoding="utf-8") for path in SEEDS]
    before = [pipeline.score(text).to_dict() for text in texts]
    copy = pickle.loads(pickle.dumps(pipeline))
    assert [copy.score(text).to_dict() for text in texts] == before
    # The copy's matchers still take their hits from its shared pass, not from own passes.
    scan = copy._plans["en"].scan
    assert all(scan.slot(a) is not None for s in copy.scorers for a in s.automata("en"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"disable": ["nosuch"]}, "disable: unknown scorer(s) 'nosuch'"),
        ({"weights": {"nosuch": 5}}, "weights: unknown scorer(s) 'nosuch'"),
        ({"weights": {"filler": -5}}, "weights: weight of 'filler' must be a non-negative number"),
        ({"weights": {"filler": float("nan")}}, "weight of 'filler' must be a non-negative"),
        ({"weights": {"filler": float("inf")}}, "weight of 'filler' must be a non-negative"),
        ({"select": ["XYZ"]}, "select: unknown rule code or prefix 'XYZ'"),
        ({"ignore": iter(["FIL101", "FIL9"])}, "ignore: unknown rule code or prefix 'FIL9'"),
    ],
)
def test_misspelt_scorers_and_bad_weights_are_named(arguments, message):
    with pytest.raises(quality.QualityError) as caught:
        quality.Pipeline(**arguments)
    assert message in str(caught.value)


def test_a_weights_file_or_object_naming_an_unknown_scorer_is_refused(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(
        '{"schema": "quality-weights/1", "weights": {"fillr": 40},'
        ' "grades": [{"min": 0, "grade": "F"}]}'
    )
    with pytest.raises(quality.ConfigError, match=r"unknown scorer.*'fillr'"):
        quality.Pipeline(weights=path)
    with pytest.raises(quality.ConfigError, match=r"unknown scorer.*'fillr'"):
        quality.Pipeline(weights=str(path))
    from quality.weights import Weights

    with pytest.raises(quality.ConfigError, match=r"unknown scorer.*'fillr'"):
        quality.Pipeline(weights=Weights.load(path))


@pytest.mark.parametrize("weights", [123, ["filler"], b"w.json", 1.5])
def test_weights_of_a_kind_the_pipeline_cannot_read_are_named(weights):
    with pytest.raises(
        quality.ConfigError, match=rf"weights must be .* got {type(weights).__name__}"
    ):
        quality.Pipeline(weights=weights)


def test_selection_by_prefix_any_case_or_all_is_accepted():
    assert quality.Pipeline(select=["fil", "ALL"], ignore=iter(["FIL101"])).score(CLEAN)


def test_weights_on_another_base_are_explained_with_their_scaling(tmp_path):
    import json

    data = quality.Pipeline().weights.to_dict()
    data["base"] = 50
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))
    report = quality.Pipeline(weights=path).score(seed_text("002"))
    arithmetic = report.explain().splitlines()[1]
    assert arithmetic.startswith("  score = (50 - ") and ") x 100/50 = " in arithmetic
    lost = sum(-s.contribution for s in report.scorers.values())
    assert report.score == pytest.approx(max(0.0, (50 - lost) * 2), abs=0.05)
    data["base"] = 0
    path.write_text(json.dumps(data))
    with pytest.raises(quality.ConfigError, match="base must be more than 0"):
        quality.Pipeline(weights=path)
