"""The dates scorer on plain text: a missing date is charged once, relative times are shown."""

from __future__ import annotations

import pytest

from quality.scorers.base import Scorer
from tests.conftest import score_alone as score
from tests.conftest import shipped_scorer

UNDATED = "The council approved the budget by 31 votes to 12, its leader said."
RELATIVE = (
    "The council approved the budget earlier this week, and the opposition will table an "
    "amendment next Tuesday. Residents were told about the plan recently."
)


@pytest.fixture(scope="module")
def dates() -> Scorer:
    return shipped_scorer("dates")


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
