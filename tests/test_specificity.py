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


# An interview printed as questions and answers: every answer is the interviewee's own words.
TRANSCRIPT = (
    "Dr Amara Okafor became chief executive of Northgate hospitals in January. She spoke to "
    "Rachel Lowe about waiting times and staffing.\n\n"
    "Q: Your A&E had one of the longest waits in England last winter. What went wrong?\n\n"
    "A: We did not have enough beds to move people out of A&E once they had been seen. On a "
    "bad day we had 60 patients who were well enough to go home but had nowhere to go.\n\n"
    "Q: What is different this winter?\n\n"
    "A: We have opened 48 beds in a step-down unit at the old Eastfield site, and a social "
    "worker will be in the hospital seven days a week, not five.\n\n"
    "Q: What would you count as success by next spring?\n\n"
    "A: No patient waiting more than 12 hours in A&E. We had 1,900 such waits last winter, "
    "and I would rather be judged on that number than on anything I say today.\n"
)


def test_answers_of_a_transcript_count_as_quotes_and_reported_statements(scorer):
    result = score(scorer, TRANSCRIPT)
    assert rule_codes(result) & {"SPC001", "SPC002"} == set()
    words = len(TRANSCRIPT.split())
    assert result.metrics["quotes_per_100_words"] == round(3 * 100 / words, 3)
    assert result.metrics["reported_statements_per_100_words"] == round(3 * 100 / words, 3)


@pytest.mark.parametrize(
    "text",
    [
        # One question and one answer are not yet a transcript.
        TRANSCRIPT.split("Q: What is different")[0] + "The unit opens on Monday. " * 12,
        # A line opening with an initial is a name, not an answer.
        "A. J. Cole runs the unit. " * 10 + "\nA. J. Cole opened it in May. " * 3,
    ],
)
def test_lines_that_only_look_like_answers_are_not_counted(scorer, text):
    assert score(scorer, text).metrics["quotes_per_100_words"] == 0.0
