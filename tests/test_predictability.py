"""The predictability scorer (PRD001): opt-in, refused clearly without its model, and with
the model (the extra quality[lm], which CI installs) a real measure on real text."""

from __future__ import annotations

import json
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quality
from quality import language_model
from quality.cli import main
from quality.errors import ScorerError
from quality.ruleset import RuleBook
from quality.scorers.base import Scorer, ScorerResult
from quality.scorers.predictability import PredictabilityScorer, _as_typed
from tests.conftest import WELL_SOURCED, seed_text

NEEDS_MODEL = pytest.mark.skipif(
    language_model.unavailable_reason() is not None,
    reason="the extra quality[lm] is not installed",
)

#: Copy that says nothing a reader could not have guessed, word after word.
BLAND = (
    "The city council met on Tuesday to discuss the new budget. The meeting was attended by "
    "many members of the community, who came to share their thoughts and concerns about the "
    "future of the city. The council members listened carefully to the residents and "
    "promised to take their views into account. The new budget is expected to have a "
    "significant impact on the city and its residents. It will provide funding for important "
    "services such as education, health care and public safety. The council will vote on the "
    "budget next month, and many residents are hoping that it will be approved."
)


@pytest.fixture
def without_model(monkeypatch: pytest.MonkeyPatch) -> str:
    reason = "it needs llama-cpp-python, which is not installed; install the extra"
    monkeypatch.setattr(language_model, "unavailable_reason", lambda: reason)
    return reason


def test_the_default_pipeline_leaves_the_opt_in_scorer_out():
    pipeline = quality.Pipeline()
    assert "predictability" not in pipeline.scorer_ids
    report = pipeline.score(BLAND, language="en")
    assert "predictability" not in report.scorers
    assert not [f for f in report.findings if f.rule.startswith("PRD")]


@pytest.mark.parametrize(
    "arguments",
    [
        {"scorers": ["predictability", "filler"]},
        {"extend_select": ["PRD"]},
        {"select": ["PRD001"]},
    ],
)
def test_asking_for_it_without_the_model_is_refused_saying_what_to_install(
    without_model, arguments
):
    with pytest.raises(ScorerError) as refused:
        quality.Pipeline(**arguments)
    assert str(refused.value) == f"scorer 'predictability' cannot run here: {without_model}"


def test_a_scorer_built_by_hand_without_the_model_is_refused_when_the_pipeline_is_built(
    without_model,
):
    built = PredictabilityScorer(RuleBook.load().for_scorer("predictability"))
    with pytest.raises(ScorerError) as refused:
        quality.Pipeline([built, "filler"])
    assert str(refused.value) == f"scorer 'predictability' cannot run here: {without_model}"
    # Switched off, it need not run.
    assert (
        "predictability"
        not in quality.Pipeline([built, "filler"], disable=["predictability"]).scorer_ids
    )


def test_without_the_model_the_default_pipeline_still_builds_and_scores(without_model):
    pipeline = quality.Pipeline(select=["ALL"], disable=["predictability"])
    assert pipeline.score(WELL_SOURCED).score > 80
    assert quality.Pipeline(ignore=["PRD"]).scorer_ids == quality.Pipeline().scorer_ids


def test_lint_asking_for_it_without_the_model_exits_2_with_one_line(
    without_model, tmp_path, capsys
):
    path = tmp_path / "a.txt"
    path.write_text(BLAND, encoding="utf-8")
    code = main(["lint", "--extend-select", "PRD", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "scorer 'predictability' cannot run here" in err
    assert "quality[lm]" not in err or "pip install" in err
    assert "Traceback" not in err


class _Optional(Scorer):
    id = "optional-test"
    version = "1"
    needs_language_rules = False
    reason: ClassVar[object] = "it needs the package frobnicate"

    @classmethod
    def unavailable_reason(cls) -> str | None:
        return cls.reason  # type: ignore[return-value]

    def score(self, doc):
        return ScorerResult(1.0)


def test_a_plug_in_that_cannot_run_is_left_out_of_the_default_pipeline(registered):
    registered(_Optional)
    pipeline = quality.Pipeline()
    assert "optional-test" not in pipeline.scorer_ids
    assert pipeline.unavailable == {"optional-test": "it needs the package frobnicate"}
    with pytest.raises(ScorerError, match="cannot run here: it needs the package frobnicate"):
        quality.Pipeline(["optional-test"])


@pytest.mark.parametrize(
    ("reason", "problem"),
    [(3, "unavailable_reason() returned int, not a str"), (ZeroDivisionError("x"), "x")],
)
def test_a_plug_in_whose_availability_check_breaks_is_named(
    registered, monkeypatch, reason, problem
):
    registered(_Optional)

    def broken(cls):
        if isinstance(reason, Exception):
            raise reason
        return reason

    monkeypatch.setattr(_Optional, "unavailable_reason", classmethod(broken))
    with pytest.raises(ScorerError) as refused:
        quality.Pipeline()
    assert "scorer 'optional-test' 1" in str(refused.value)
    assert problem in str(refused.value)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é\n\t\u00a0.\r")), max_size=200))
def test_the_text_shown_to_the_model_maps_back_onto_the_article(text):
    prose, origin = _as_typed(text, max_tokens=512)
    assert len(origin) == len(prose) + 1
    assert origin[-1] == len(text)
    assert np.all(np.diff(origin) >= 0)
    for index, char in enumerate(prose):
        source = text[origin[index]]
        assert char == source or (char in " \n" and source.isspace())
    assert "  " not in prose and "\n\n\n" not in prose and "\t" not in prose


def test_markup_blanked_to_spaces_is_shown_as_one_space_and_paragraphs_kept():
    prose, origin = _as_typed("One    two.\n\n\n\nThree\t four   , five .", max_tokens=512)
    assert prose == "One two.\n\nThree four, five ."
    assert origin[prose.index("Three")] == 15


def test_blanks_before_the_text_are_not_shown_to_the_model():
    # Front matter blanked out leaves blank lines before the first word, which the writer
    # never typed: shown, they changed how the model read the opening.
    prose, origin = _as_typed("   \n      \n\nThe council met.", max_tokens=512)
    assert prose == "The council met."
    assert origin[0] == 12 and origin[len(prose)] == 28


def test_normalisers_and_entropies_are_those_of_the_softmax_of_each_row():
    # More rows than are computed at a time, with logits far from 0 as a model's can be.
    rng = np.random.default_rng(7)
    logits = (rng.normal(size=(75, 300)) * 4 + 40).astype(np.float32)
    logits[3] = 0.0  # a uniform row: entropy log(300)
    normaliser, entropy = language_model._log_normaliser_and_entropy(logits)
    wide = logits.astype(np.float64)
    expected_normaliser = np.log(np.exp(wide - 40).sum(axis=1)) + 40
    probabilities = np.exp(wide - expected_normaliser[:, None])
    expected_entropy = -(probabilities * np.log(probabilities)).sum(axis=1)
    assert np.allclose(normaliser, expected_normaliser, atol=1e-9)
    assert np.allclose(entropy, expected_entropy, atol=1e-9)
    assert entropy[3] == pytest.approx(np.log(300))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_byte_offsets_map_to_whole_characters(text):
    before = language_model.characters_before_each_byte(text, len(text.encode("utf-8")))
    offset = 0
    for count, char in enumerate(text):
        assert before[offset] == count
        offset += len(char.encode("utf-8"))
    assert before[offset] == len(text)


@NEEDS_MODEL
def test_token_offsets_cover_the_text_and_probabilities_are_probabilities():
    model = language_model.shared_model()
    text = "Café owners in Zürich said the rent rose 12% — “too much”, one said.\n\nNext line."
    surprise = model.surprise(text)
    assert surprise.starts[0] == 0 and surprise.ends[-1] == len(text)
    assert np.all(surprise.starts[1:] == surprise.ends[:-1])
    assert np.all(surprise.log_probs <= 0) and np.all(np.isfinite(surprise.log_probs))
    # An entropy lies between 0 (certain) and the log of the vocabulary's size (49,152).
    assert len(surprise.entropies) == len(surprise.log_probs)
    assert np.all(surprise.entropies >= 0) and np.all(surprise.entropies <= np.log(49_152))
    again = model.surprise(text)
    assert np.array_equal(again.log_probs, surprise.log_probs)
    assert np.array_equal(again.entropies, surprise.entropies)


@NEEDS_MODEL
def test_the_model_reads_at_most_its_window():
    model = language_model.shared_model()
    surprise = model.surprise("word " * 5000)
    assert len(surprise.log_probs) == model.context - 1


@pytest.fixture(scope="module")
def with_predictability() -> quality.Pipeline:
    return quality.Pipeline(extend_select=["PRD"])


@NEEDS_MODEL
def test_bland_copy_fires_and_loses_points(with_predictability):
    report = with_predictability.score(BLAND, language="en")
    summary = report.scorers["predictability"]
    assert summary.score is not None and summary.score < 0.5
    assert summary.metrics["excess_surprise_spread"] < 1.0
    assert summary.metrics["excess_surprise_spread"] == pytest.approx(
        summary.metrics["surprise_spread"] - summary.metrics["uncertainty_spread"], abs=0.002
    )
    (finding,) = [f for f in report.findings if f.rule == "PRD001"]
    # The passage measured: after the first sentence, to the end of the text.
    assert finding.start == BLAND.index("The meeting") - 1 or finding.start == BLAND.index(
        "The meeting"
    )
    assert finding.end == len(BLAND)
    assert "The wording is predictable" in finding.message
    assert (
        "more than its uncertainty" in finding.message
        and "(expected at least 0.90)" in finding.message
    )


@NEEDS_MODEL
def test_a_well_sourced_article_keeps_its_points(with_predictability):
    report = with_predictability.score(WELL_SOURCED)
    summary = report.scorers["predictability"]
    assert summary.metrics["excess_surprise_spread"] > 1.3
    assert summary.score == 1.0
    assert report.score == quality.Pipeline().score(WELL_SOURCED).score


@NEEDS_MODEL
def test_a_short_text_is_not_judged(with_predictability):
    summary = with_predictability.score(
        "The council met on Tuesday. It approved the budget."
    ).scorers["predictability"]
    assert summary.score == 1.0 and "surprise_spread" not in summary.metrics


@NEEDS_MODEL
def test_text_that_never_ends_a_sentence_is_measured_whole(with_predictability):
    # A transcript or scraped caption run: with no sentence end, all of it is "the first
    # sentence", which the measure otherwise skips.
    run_on = " ".join(sentence.rstrip(".") for sentence in BLAND.split(". "))
    whole = with_predictability.score(run_on, language="en").scorers["predictability"]
    after_first = with_predictability.score(BLAND, language="en").scorers["predictability"]
    assert whole.metrics["tokens_measured"] > after_first.metrics["tokens_measured"]
    assert "excess_surprise_spread" in whole.metrics


@NEEDS_MODEL
def test_markdown_markup_does_not_change_the_measure(with_predictability):
    plain = with_predictability.score(BLAND, language="en").scorers["predictability"]
    marked = BLAND.replace("The council members", "**The council members**").replace(
        "education", "[education](https://example.org/education)"
    )
    markdown = with_predictability.score(
        "---\ntitle: Budget\n---\n" + marked, language="en"
    ).scorers["predictability"]
    for measure in ("surprise_spread", "uncertainty_spread", "excess_surprise_spread"):
        assert markdown.metrics[measure] == pytest.approx(plain.metrics[measure], abs=0.05)


@NEEDS_MODEL
def test_the_seeds_score_lower_with_it_and_workers_agree_with_this_process(with_predictability):
    seed = seed_text("000")
    alone = with_predictability.score(seed)
    assert alone.score <= quality.Pipeline().score(seed).score
    results = list(with_predictability.score_many([seed, BLAND, WELL_SOURCED], workers=2))
    assert all(r.ok for r in results)
    assert results[0].report is not None
    assert results[0].report.to_dict() == alone.to_dict()


@NEEDS_MODEL
def test_a_non_english_article_is_not_charged(with_predictability):
    german = (
        "Der Stadtrat hat am Dienstag den Haushalt beschlossen. Die Opposition stimmte dagegen "
        "und kündigte eine Klage an. Bürgermeisterin Anna Weber sagte, die Stadt müsse sparen."
    )
    report = with_predictability.score(german, language="de")
    summary = report.scorers["predictability"]
    assert summary.score is None and summary.contribution == 0


@pytest.mark.parametrize("command", ["score", "sources", "eval"])
def test_the_batch_commands_take_extend_select_and_refuse_prd_without_the_model(
    without_model, tmp_path, capsys, command
):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "The council met.", "label": "human"}\n', encoding="utf-8")
    target = ["--file", str(path), "--kind", "news"] if command == "eval" else [str(path)]
    assert main([command, *target, "--extend-select", "PRD"]) == 2
    err = capsys.readouterr().err
    assert "scorer 'predictability' cannot run here" in err and "Traceback" not in err


@NEEDS_MODEL
def test_quality_score_with_extend_select_reports_the_measure(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "bland", "text": BLAND}) + "\n", encoding="utf-8")
    assert main(["score", str(path), "--extend-select", "PRD", "--jobs", "1"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["scorers"]["predictability"]["score"] < 0.5
    assert any(f["rule"] == "PRD001" for f in record["findings"])


@pytest.mark.parametrize("threads", [0, -2])
def test_threads_below_one_are_refused_naming_the_option(threads):
    from quality.errors import OptionError
    from quality.scorers.predictability import PredictabilityScorer
    from tests.conftest import shipped_rules

    with pytest.raises(OptionError, match="option 'threads' must be at least 1"):
        PredictabilityScorer(shipped_rules().for_scorer("predictability"), {"threads": threads})


@NEEDS_MODEL
@pytest.mark.parametrize("window", [8, 100_000])
def test_a_window_out_of_bounds_is_a_rule_error_naming_file_and_rule(tmp_path, window):
    from quality.errors import RuleError
    from quality.ruleset import RuleBook, default_rules_dir

    shipped = (default_rules_dir() / "en" / "predictability.toml").read_text(encoding="utf-8")
    path = tmp_path / "predictability.toml"
    path.write_text(shipped.replace("max_tokens = 512", f"max_tokens = {window}"), "utf-8")
    pipeline = quality.Pipeline(["predictability"], rules=RuleBook.load(tmp_path))
    with pytest.raises(RuleError) as refused:
        pipeline.score(BLAND, language="en")
    message = str(refused.value)
    assert "predictability.toml" in message and "PRD001" in message
    assert f"'max_tokens' must be from 64 to 8192, got {window}" in message


def test_lint_names_the_configuration_key_of_threads_below_one(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.quality.scorers.predictability]\nthreads = 0\n", encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(BLAND, encoding="utf-8")
    assert main(["lint", str(tmp_path / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert "key 'tool.quality.scorers.predictability.threads' must be an integer of at least 1" in (
        err
    )
    assert "got integer 0" in err


_WORDS = st.sampled_from(
    [
        "the",
        "council",
        "said",
        "Leeds",
        "£4.2m",
        "on",
        "Tuesday",
        "“cuts”",
        ".",
        ",",
        "\n\n",
        "é",
        "🙂",
    ]
)


@NEEDS_MODEL
@settings(max_examples=15, deadline=None)
@given(st.lists(_WORDS, min_size=0, max_size=400).map(" ".join))
def test_any_text_gets_a_sub_score_in_range_spans_inside_it_and_the_same_result_twice(text):
    pipeline = quality.Pipeline(["predictability"])
    first = pipeline.score(text, language="en")
    summary = first.scorers["predictability"]
    assert summary.score is None or 0.0 <= summary.score <= 1.0
    for finding in first.findings:
        assert 0 <= finding.start <= finding.end <= len(first.article.text)
        assert finding.excerpt == first.article.text[finding.start : finding.end]
    assert pipeline.score(text, language="en").to_dict() == first.to_dict()
