"""The specificity scorer: quotes, reported statements, names and digits per 100 words."""

from __future__ import annotations

import pytest

import quality
from quality.scorers.base import Scorer
from tests.conftest import WELL_SOURCED, rule_codes, shipped_scorer
from tests.conftest import score_alone as score

GENERIC = (
    "The decision has sparked a heated debate across the community. Many residents believe the "
    "plan goes too far, while others argue that difficult choices are necessary in challenging "
    "times. The move reflects wider pressures facing local services, and it highlights the "
    "importance of careful planning. Officials have expressed hope that the changes will lead to "
    "a more sustainable future for everyone involved. As the situation continues to unfold, the "
    "community remains divided over the best way forward, and it remains unclear how the "
    "changes will affect those who rely on these services every day. Only careful dialogue and "
    "cooperation can ensure that the needs of all are met in the months and years to come."
)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return shipped_scorer("specificity")


def test_well_sourced_article_keeps_full_marks(scorer):
    result = score(scorer, WELL_SOURCED)
    assert result.score == pytest.approx(1.0)
    assert result.findings == []
    assert result.metrics["quotes_per_100_words"] > 1
    assert result.metrics["reported_statements_per_100_words"] > 2


def test_generic_copy_loses_most_of_its_sub_score_and_says_why(scorer):
    result = score(scorer, GENERIC)
    assert result.score < 0.4
    assert {"SPC001", "SPC002", "SPC004"} <= rule_codes(result)
    finding = next(f for f in result.findings if f.rule == "SPC002")
    assert finding.value == 0 and finding.threshold == 0
    assert "reported statements" in finding.message
    assert GENERIC.startswith(finding.excerpt), "document-level findings point at the opening"


def test_reporting_verbs_inside_quotes_are_the_speakers_not_the_writers(scorer):
    quoted = GENERIC + ' "He said it, she said it, they told us," ran the slogan.'
    assert score(scorer, quoted).metrics["reported_statements_per_100_words"] == 0


def test_short_pieces_are_not_judged(scorer):
    result = score(scorer, "Storms closed the coast road overnight. More rain is expected.")
    assert result.score == 1.0
    assert result.findings == []


def test_paragraph_breaks_do_not_change_the_names_count(scorer):
    one_block = score(scorer, WELL_SOURCED).metrics["names_per_100_words"]
    paragraphs = WELL_SOURCED.replace(". ", ".\n\n")
    assert score(scorer, paragraphs).metrics["names_per_100_words"] == pytest.approx(one_block)


def test_sentence_openers_are_not_counted_as_names(scorer):
    text = " ".join(["The talks went on. They ended late. It rained."] * 10)
    assert score(scorer, text).metrics["names_per_100_words"] == 0


def test_well_sourced_dated_article_scores_high_in_the_pipeline():
    report = quality.Pipeline().score(
        text=WELL_SOURCED,
        title="Leeds approves library cuts",
        published="2024-03-05",
        byline="Jane Doe",
    )
    assert report.scorers["specificity"].score == pytest.approx(1.0)
    mine = [f for f in report.findings if f.scorer in ("specificity", "filler")]
    assert mine == []


def test_specificity_is_registered_with_a_weight():
    pipeline = quality.Pipeline()
    assert "specificity" in pipeline.scorer_ids
    assert pipeline.weights.weight("specificity") > 0
