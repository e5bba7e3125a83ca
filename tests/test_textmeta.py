"""Datelines and bylines stated at the top of a plain-text article."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quality.inputs import textmeta
from quality.inputs.textmeta import _years, find_byline, find_dateline


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("LONDON, March 3, 2024 - Ministers met on Tuesday.", "2024-03-03"),
        ("Updated 2023-11-07 14:02\n\nThe council voted.", "2023-11-07"),
        ("By Ana Ruiz\n3rd of March 2024\n\nThe council voted.", "2024-03-03"),
        ("The 1999 plan (see page 2020) was dropped.", None),
        ("Line one\nLine two\nLine three\nLine four\nPublished March 3, 2024", None),
    ],
)
def test_a_full_date_near_the_top_is_the_dateline(text: str, iso: str | None) -> None:
    found = find_dateline(text)
    assert (found.iso if found else None) == iso
    if found:
        assert re.search(r"\d", text[found.start : found.end])


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("By Ana Ruiz\n\nThe council voted.", "Ana Ruiz"),
        ("Headline\n  Written by Ben Ode, Health Editor\n\nText.", "Ben Ode"),
        ("The bill passed by 31 votes to 12.\n\nText.", None),
        ("by the way, nobody signed this.", None),
        # A sentence that opens with a time is no byline; a name may start with a month.
        ("By Monday, the council had voted.\n\nText.", None),
        ("By Friday afternoon, talks had stalled.", None),
        ("By March, prices had doubled.", None),
        ("By Sept. 5 the works must end, the mayor said.", None),
        ("By May Chen\n\nText.", "May Chen"),
        ("By Tuesday, nothing had changed.\nBy Ana Ruiz\n\nText.", "Ana Ruiz"),
        # A sentence that opens with "By" and a capitalised word is no byline either.
        ("By Christmas, the shops had sold out.\n\nText.", None),
        ("By Noon the queue had grown.\n\nText.", None),
        ("By Ana Ruiz, staff writer\n\nText.", "Ana Ruiz"),
        ("By Ana de la Cruz and Ben Ode | Reuters\n\nText.", "Ana de la Cruz and Ben Ode"),
    ],
)
def test_a_by_line_near_the_top_is_the_byline(text: str, byline: str | None) -> None:
    assert find_byline(text) == byline


@settings(max_examples=500)
@given(st.text(alphabet="0129 \u0662\u00b2x\n", max_size=40))
def test_years_are_found_as_a_regex_scan_would(text: str) -> None:
    assert _years(text) == [m.start() for m in re.finditer(r"(?:19|20)\d\d", text)]


def _plain_dateline(text: str) -> tuple[str, int, int] | None:
    """find_dateline without its shortcut: every date pattern tried in every year's window."""
    head = textmeta._head(text)
    best: tuple[str, int, int] | None = None
    for year in _years(head):
        window_start = max(0, year - textmeta._BEFORE_YEAR)
        window_end = year + 4 + textmeta._AFTER_YEAR
        for pattern in textmeta._DATE_PATTERNS:
            for m in pattern.finditer(head, window_start, window_end):
                iso = textmeta._to_iso(m) if m.end() < window_end else None
                if iso and not textmeta._on_a_date_line(head, m.start(), m.end(), iso):
                    continue
                if iso and (best is None or m.start() < best[1]):
                    best = (iso, m.start(), m.end())
                    break
        if best is not None and best[1] < year:
            break
    return best


DATE_PARTS = [
    "2024",
    "2019-05-06",
    "2021-3-4",
    "March",
    "MAR.",
    "\u017fept",
    "3rd",
    "of",
    "12",
    "30",
    ",",
    "-",
    "at",
    "Sept.",
    "dec",
    "Jun",
    "1999",
    "on",
    "news",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_PARTS), max_size=14))
def test_the_dateline_shortcut_finds_what_trying_every_pattern_finds(parts: list[str]) -> None:
    text = " ".join(parts) + " The council met."
    found = find_dateline(text)
    assert (None if found is None else (found.iso, found.start, found.end)) == _plain_dateline(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The council, which was founded on March 5, 1990, voted 6-3 on Tuesday to raise the "
            "fees it charges for parking downtown.",
            None,
        ),
        (
            "WASHINGTON, March 5, 2024 — The council voted on Tuesday to raise fees, Mayor Ana "
            "Ruiz said in a long statement to reporters.",
            "2024-03-05",
        ),
        (
            " date 2023-11-07 Amid ongoing tensions, a senior official expressed openness to talks "
            "over a possible truce, emphasizing the group's aims.",
            "2023-11-07",
        ),
        ("Fees rise\nPublished: 2024-03-05\nThe council voted on Tuesday.", "2024-03-05"),
        ("March 5, 2091\nThe council voted on Tuesday.", None),
        (
            "Lifestyle Home The star's husband, Steve, turned 42 on Nov. 2 By Lizzy Rosenberg "
            "Published on November 2, 2023 11:44AM EDT Photo: Instagram",
            "2023-11-02",
        ),
    ],
)
def test_a_date_counts_on_a_date_line_not_inside_a_sentence_nor_in_the_future(text, expected):
    found = find_dateline(text)
    assert (None if found is None else found.iso) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The council met on March 5, 2024.\n\nIt voted to raise fees.",
        "She was born on 5 March 1990.\nThe council met.",
        "Fees rose on 2024-03-05 after the vote.\nThe council met.",
        "On March 5, 2024, the council met.\nIt voted.",
        "On Tuesday, March 5, 2024, the council voted to raise fees.",
        "Published on March 5, 2024, the report found that fees rose.",
        # A label in lower case is a verb of the sentence, not a page's label.
        "The plan, dated 2023-11-07 and signed by all members, was released.",
        "The memo was posted 2023-11-07 and shared widely among staff.",
    ],
)
def test_a_sentence_that_mentions_a_date_is_no_date_line_however_short(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 5, 2024\nThe council met.", "2024-03-05"),
        ("Tuesday, March 5, 2024\nThe council met.", "2024-03-05"),
        ("Mar 5, 2024 10:02 AM ET\nThe council met.", "2024-03-05"),
        ("March 5, 2024 at 10:02 am\nThe council met.", "2024-03-05"),
        ("Published: March 5, 2024\nThe council met.", "2024-03-05"),
        ("posted on 2023-11-07 by admin\nThe council met.", "2023-11-07"),
        ("Posted on March 5, 2024 in News by admin\nThe council met.", "2024-03-05"),
        ("By Ana Ruiz and Ben Ode, March 5, 2024\nThe council met.", "2024-03-05"),
        ("LONDON, March 5, 2024 (Reuters) - The council met.", "2024-03-05"),
        ("March 5, 2024 — the council met on Tuesday.", "2024-03-05"),
        ("5 March 2024 The council met on Tuesday to raise the fees.", "2024-03-05"),
    ],
)
def test_a_date_line_at_the_top_is_the_dateline(text: str, iso: str) -> None:
    found = find_dateline(text)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize(
    "text",
    [
        "Updated March 6, 2024 | Published March 5, 2024\nThe council met.",
        "Last updated on March 6, 2024 | First published on March 5, 2024",
        "Updated: 2024-03-06\nPublished: 2024-03-05\nThe council met.",
        "Published March 5, 2024, updated March 6, 2024\nThe council met.",
    ],
)
def test_the_publication_date_wins_over_an_update_in_either_order(text: str) -> None:
    found = find_dateline(text)
    assert found is not None and found.iso == "2024-03-05"


def test_an_update_date_alone_still_dates_the_article() -> None:
    found = find_dateline("Updated: March 6, 2024\nThe council met.")
    assert found is not None and found.iso == "2024-03-06"
