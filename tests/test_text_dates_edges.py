"""Edge cases of dates read from plain text and Markdown front matter, seen through the
dates scorer."""

from __future__ import annotations

import pytest

import quality
from quality.inputs import load_article

STORY = (
    "The city council voted on Tuesday to raise parking fees downtown, Mayor Ana Ruiz said, "
    "and the opposition will table an amendment next week."
)


def date_rules(text: str) -> list[str]:
    return [f.rule for f in quality.score(text).findings if f.rule.startswith("DAT")]


def test_a_story_whose_first_sentence_names_a_date_is_still_undated() -> None:
    # The date of a meeting told in the story is not when the story was published.
    text = "The council met on March 5, 2024.\n\n" + STORY
    assert quality.score(text).article.published is None
    assert date_rules(text) == ["DAT101", "DAT103", "DAT103"]


def test_a_date_line_above_the_story_anchors_its_relative_times() -> None:
    text = "March 5, 2024\n\n" + STORY
    report = quality.score(text)
    assert report.article.published == "2024-03-05"
    assert report.to_dict()["article"]["origins"]["published"] == "text"
    assert date_rules(text) == []


@pytest.mark.parametrize(
    "front",
    [
        "published: false\ndate: 2024-03-05\n",  # Jekyll's draft flag, then the date
        "published: true\ndate: 2024-03-05\n",
        "date: [2024-03-05]\n",
    ],
)
def test_front_matter_dates_of_other_shapes(front: str) -> None:
    article = load_article(f"---\n{front}---\n{STORY}\n", format="markdown")
    assert article.published == "2024-03-05"


def test_jekylls_published_flag_alone_is_no_date() -> None:
    article = load_article(f"---\npublished: true\n---\n{STORY}\n", format="markdown")
    assert article.published is None


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("date: [2024-03-05, 2024-03-06]", r"front matter 'date' holds 2 values; give the one"),
        ("pubdate: {on: 2024-03-05}", r"front matter 'pubdate' must be a date, got a mapping"),
        ("pubdate: 2024", r"front matter 'pubdate': 2024 is a bare number"),
        ("date: true", r"front matter 'date' must be a date string, got boolean"),
    ],
)
def test_a_front_matter_date_that_is_no_date_names_its_key(front: str, message: str) -> None:
    with pytest.raises(quality.InputError, match=message):
        load_article(f"---\n{front}\n---\n{STORY}\n", format="markdown")
