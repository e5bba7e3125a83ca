"""The readability scorer: the median length of complete sentences."""

from __future__ import annotations

import pytest

from quality.scorers.base import Scorer
from tests.conftest import WELL_SOURCED as CAREFUL
from tests.conftest import by_rule, shipped_scorer
from tests.conftest import score_alone as score

LONGEST = (
    "Opposition councillors, who had argued throughout the debate that the money would be "
    "better spent on repairing potholes and reopening the library in the old town hall, said "
    "they would go on campaigning against the plan until the next election."
)
LONG_WINDED = (
    "The council, which has been under pressure from residents and businesses in the town "
    "centre for several years, approved the plan on Tuesday evening after a debate that lasted "
    "more than four hours and ended in a narrow vote. "
    "The scheme, which will cost an estimated £4.2m and take at least two years to complete, "
    "includes new cycle lanes, wider pavements and a pedestrian zone around the market square "
    "and the station. " + LONGEST
)
SHORT = (
    "The council approved the plan on Tuesday by 31 votes to 12. "
    "The scheme will cost £4.2m and take two years. "
    "It includes new cycle lanes and wider pavements. "
)


def words(text: str) -> int:
    return len(text.split())


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return shipped_scorer("readability")


def test_careful_article_keeps_full_marks(scorer):
    result = score(scorer, CAREFUL)
    assert result.findings == []
    assert result.score == pytest.approx(1.0)
    assert result.metrics["median_sentence_words"] <= 28


def test_long_sentences_are_reported_at_the_longest_with_the_median(scorer):
    result = score(scorer, LONG_WINDED)
    [finding] = by_rule(result, "RDB001")
    assert finding.excerpt == LONGEST
    assert finding.threshold == 28
    lengths = sorted(words(s) for s in LONG_WINDED.split(". "))
    assert finding.value == result.metrics["median_sentence_words"] == lengths[1]
    assert f"has {words(LONGEST)} words" in finding.message
    # Past the allowance of 28 towards full loss at 40: (34 - 28) / 12 of the sub-score.
    assert result.score == pytest.approx(1 - (lengths[1] - 28) / 12)


def test_the_sub_score_falls_as_the_median_grows(scorer):
    padded = LONG_WINDED.replace("four hours", "four long and very tiring hours for everyone")
    assert score(scorer, padded).score < score(scorer, LONG_WINDED).score < 1.0


def test_one_long_sentence_among_short_ones_costs_nothing(scorer):
    result = score(scorer, SHORT + LONGEST + " " + SHORT)
    assert result.findings == []
    assert result.score == 1.0


def test_quoted_sentences_are_the_speakers_not_the_writers(scorer):
    quoted = " ".join(f'"{sentence}"' for sentence in LONG_WINDED.split(". "))
    result = score(scorer, quoted + "\nShe said so on Tuesday. He agreed with her. They left.")
    assert result.findings == []


def test_headings_and_unfinished_sentences_are_not_sentences(scorer):
    heading = (
        "Council approves the town centre plan after four hours of debate and a narrow vote "
        "with cycle lanes wider pavements and a pedestrian zone for the market square\n"
    )
    cut_off = " The council will publish the full list of changes to the town centre plan and"
    result = score(scorer, heading + SHORT + cut_off + " " + LONGEST[:-1])
    assert result.metrics["median_sentence_words"] < 10
    assert result.findings == []


def test_too_few_complete_sentences_are_not_measured(scorer):
    result = score(scorer, LONGEST + " " + LONGEST)
    assert result.findings == []
    assert "median_sentence_words" not in result.metrics
    assert result.score == 1.0
