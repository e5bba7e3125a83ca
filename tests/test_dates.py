"""The dates scorer on plain text: a missing date is charged once, relative times are shown."""

from __future__ import annotations

import pytest

from quality.analysis import Document
from quality.article import Article
from quality.ruleset import RuleBook
from quality.scorers.dates import DatesScorer

UNDATED = "The council approved the budget by 31 votes to 12, its leader said."
RELATIVE = (
    "The council approved the budget earlier this week, and the opposition will table an "
    "amendment next Tuesday. Residents were told about the plan recently."
)


@pytest.fixture(scope="module")
def dates() -> DatesScorer:
    return DatesScorer(RuleBook.load().for_scorer("dates"))


def score(scorer: DatesScorer, text: str, published: str | None = None):
    return scorer.score(Document(Article(text=text, published=published), "en"))


def test_relative_times_in_an_undated_article_are_reported_but_not_charged_again(dates):
    plain = score(dates, UNDATED)
    relative = score(dates, RELATIVE)
    assert [f.rule for f in plain.findings] == ["DAT101"]
    codes = [f.rule for f in relative.findings]
    assert codes[0] == "DAT101"
    assert codes.count("DAT103") == 3
    assert relative.metrics["relative_times"] == 3
    # The missing date is the one omission; publishing with a date fixes both findings.
    assert relative.score == pytest.approx(plain.score)
    assert plain.score < 1.0


def test_a_dated_article_may_say_earlier_this_week(dates):
    result = score(dates, RELATIVE, published="2024-03-12")
    assert result.findings == []
    assert result.score == 1.0
