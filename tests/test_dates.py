"""The dates scorer on plain text: a missing date is charged once, relative times are shown."""

from __future__ import annotations

import pytest

import quality
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


@pytest.mark.parametrize(
    ("sentence", "relative"),
    [
        ("Sales fell last year, the company said.", "last year"),
        ("The council cut this year's budget.", "this year"),
        ("The plant will reopen next year.", "next year"),
        # One finding for the whole phrase, not a second one for the "this year" inside it.
        ("The plant closed earlier this year.", "earlier this year"),
    ],
)
def test_last_year_and_this_year_are_relative_times(dates, sentence, relative):
    undated = score(dates, sentence)
    assert [f.excerpt.lower() for f in undated.findings if f.rule == "DAT103"] == [relative]
    # A publication date anchors them, as it does "last week".
    assert score(dates, sentence, published="2024-03-12").findings == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Funding for the last year of the programme rose.",
        "He hosted the party in 2008, his last year in office.",
        "Turnout peaked in the last week of October.",
    ],
)
def test_a_last_year_that_is_an_ordinal_is_not_a_relative_time(dates, sentence):
    assert "DAT103" not in {f.rule for f in score(dates, sentence).findings}


def test_a_sentence_that_starts_with_a_date_is_no_leaked_field(dates):
    prose = "Created 12/03/2023 by the team, the tool helps farmers plan their planting."
    assert "DAT102" not in {f.rule for f in score(dates, prose).findings}


@pytest.mark.parametrize(
    "text",
    [
        " date 2023-11-07 Amid ongoing tensions, officials met.",
        "Posted on 12/03/2023 by admin The tool helps farmers plan their planting.",
        "Posted on 07/28/2012 by Michael Busch The council met to plan the budget.",
        "Created 12/03/2023 The tool helps farmers plan their planting.",
    ],
)
def test_a_date_field_glued_to_the_first_sentence_is_a_leak(dates, text):
    leaks = [f for f in score(dates, text).findings if f.rule == "DAT102"]
    assert len(leaks) == 1
    assert leaks[0].start <= 1 and text[leaks[0].end :].split()[0] in {"Amid", "by", "The"}


def test_missing_date_message_says_where_a_date_was_looked_for() -> None:
    text = "The council approved the budget on Tuesday, the mayor said."
    (from_text,) = [f for f in quality.score(text).findings if f.rule == "DAT101"]
    assert from_text.message.endswith(
        "none given with the article (its date field, front matter or a dateline)"
    )
    # A page whose date is only in markup no reader sees was told it gave none at all.
    page = (
        '<html><head><meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        f"</head><body><article><h1>Budget</h1><p>{text} Forty staff will move.</p>"
        "</article></body></html>"
    )
    (from_page,) = [f for f in quality.score(html=page).findings if f.rule == "DAT101"]
    assert "a date kept only in its hidden metadata does not count" in from_page.message
    assert "given with the article" not in from_page.message
