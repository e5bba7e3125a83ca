"""Comment sections as blog and news pages leave them (WordPress, Disqus, Blogger, TypePad,
SB Nation), and clean articles whose endings look like one: bios, related lists, letters,
Q&A, subheadings, bylines with comment counters."""

from __future__ import annotations

import pytest

import quality
from tests.conftest import comments_start

POST = (
    "Why the Ferry Timetable Changed\n\n"
    "By Ana Lopes\n\n"
    "The harbour board moved the first crossing of the day to half past six on Monday, after "
    "a summer in which the early boat ran almost empty and the late one left people behind.\n\n"
    "Commuters had asked for the change for two years. The board's survey found that most "
    "of them start work after eight, and that the last boat back was the one they missed.\n\n"
    "The new timetable runs until the spring, when the board will count passengers again "
    "and decide whether to keep it, the chair said at Tuesday's meeting.\n"
)


def comment_reports(pipeline: quality.Pipeline, text: str) -> list[str]:
    findings = pipeline.score(text, language="en").findings
    return [f.rule for f in findings if f.rule in ("RES101", "RES106")]


@pytest.mark.parametrize(
    ("thread", "opening"),
    [
        pytest.param(
            "\nDaveMart\n\nThe early boat was never going to fill up at that hour.\n\n"
            "Torgo\n\nWatch, they will move it back again next year.\n\n"
            "Lena Ruiz\n\nMy bus gets in at 6:40, so this is worse for me.\n",
            "DaveMart",
            id="disqus-user-names-over-unindented-comments",
        ),
        pytest.param(
            "\nNovember 12, 2012  01:17 PM ET\n\nA late hit, and worth a suspension.\n\n"
            "November 12, 2012  01:42 PM ET\n\nFines do not stop anybody.\n",
            "November 12",
            id="timestamps-padded-with-extra-spaces",
        ),
        pytest.param(
            "\n3 Comments\n\njsmith says:\nJuly 24, 2012 at 3:15 pm\n\nGreat piece.\n\n"
            "Ann K says:\nJuly 24, 2012 at 4:02 pm\n\nAgreed, about time.\n",
            "3 Comments",
            id="comment-heading-over-the-thread",
        ),
        pytest.param(
            "\nAnonymous said...\n\nThe 6:30 boat suits me fine.\n\n"
            "October 3, 2012 at 7:14 AM\n\n"
            "Harbour Watcher said...\n\nThey should have asked the night shift.\n\n"
            "October 3, 2012 at 9:40 AM\n",
            "Anonymous said",
            id="blogger-comments",
        ),
    ],
)
def test_comment_thread_under_the_post_is_found_where_it_opens(residue, thread, opening):
    text = POST + thread
    assert comments_start(residue, text) == text.index(opening)


def test_subheadings_over_prose_are_not_user_names(residue):
    # Subheadings name what the article is about, so their words come up in the text above.
    text = (
        POST + "\nCommuters\n\nMost of them start work after eight, the survey found.\n\n"
        "Timetable\n\nThe timetable runs until the spring, the board said.\n"
    )
    assert comment_reports(residue, text) == []


def test_section_headings_without_handles_are_not_a_thread(residue):
    text = (
        POST + "\nWhat comes next\n\nThe board meets again in March to look at fares.\n\n"
        "Final thoughts\n\nNobody at the meeting argued for the old times.\n"
    )
    assert comment_reports(residue, text) == []


def test_timestamp_over_name_on_a_short_page(residue):
    # A short post has few lines: its bottom half is past the head whatever the line count.
    text = (
        "Paint Your Nails for the Election\n\n"
        "It is a little late in the year for holiday looks, but the election is close, and a "
        "painted flag on each nail is a simple way to show whom you back at the polls.\n\n"
        "5 hours ago\nJennifer H.\n\nI do not really see how it helps at the polls..\n"
    )
    assert comments_start(residue, text) == text.index("5 hours ago")


def test_a_comment_counter_by_the_byline_does_not_open_the_section(residue):
    # The counter under the byline is far above the thread; the thread starts at its header.
    body = "".join(
        f"Paragraph {n} of the long analysis goes on about the guards' numbers in detail, "
        "with shooting splits, turnovers and the minutes each of them played this season.\n\n"
        for n in range(40)
    )
    thread = (
        "by Leiland Tanner on Aug 8, 2012 9:37 AM MST\n\nGreat work, thanks.\n\n"
        "by sun-arc on Aug 8, 2012 12:39 PM MST\n\nBring on the youth brigade!\n"
    )
    # The page opens with the site's list of other stories, so the byline is well down.
    latest = "".join(f"Team notes, part {n}: the summer league roster\n\n" for n in range(60))
    text = "Latest\n\n" + latest + "Point Guard Analysis\n\nby Omaha Sun\n\n52 comments\n\n"
    text += body + thread
    assert text.index("52 comments") > len(text) * 0.25
    assert comments_start(residue, text) == text.index("by Leiland Tanner")


def test_post_footer_above_trackbacks_is_not_the_first_comment(residue):
    text = (
        POST
        + "\nPosted by Ana on March 21, 2007\n\n"
        + "Listed below are links to weblogs that reference this post:\n\n"
        + "» Ferries again from Harbour Notes\nMore on the timetable.\n\n"
        + "Tracked on Mar 23, 2007 1:33:50 PM\n\n"
        + "I take the early boat and it was always empty.\n\n"
        + "Posted by: Lulaine | March 23, 2007 at 10:59 AM\n\n"
        + "The late boat is the one that matters.\n\n"
        + "Posted by: Jim | March 24, 2007 at 8:15 AM\n"
    )
    start = comments_start(residue, text)
    assert start is not None
    assert start > text.index("Tracked on")


@pytest.mark.parametrize(
    "ending",
    [
        # A news article ending with the reporter's bio.
        "\nAna Lopes\n\nAna Lopes covers transport and the harbour for the paper. She joined "
        "in 2009 from the regional desk.\n",
        # A "Related" list of other stories with their dates.
        "\nRelated\n\nFerry fares to rise in April\nMarch 3, 2012\n\n"
        "Harbour board names new chair\nFebruary 20, 2012\n",
        # A letters page: each letter signed by its sender.
        "\nLetters\n\nThe new timetable ignores the night shift.\n\n"
        "Maria Santos\nNorth Quay\n\n"
        "The early boat was a waste of fuel; the board was right to move it.\n\n"
        "Tom Hale\nEast Bay\n",
        # A Q&A with the names of who speaks.
        "\nQ&A with the chair\n\nJane Roe\n\nWe listened to the commuters.\n\n"
        "Tom Hale\n\nWill the late boat stay?\n\nJane Roe\n\nUntil the spring, yes.\n",
        # The article's own sign-off with its date.
        "\nAna Lopes\nOctober 3, 2012\n",
        # An update note with a time.
        "\nUpdated: October 3, 2012 at 4:15 pm: the board confirmed the change.\n",
    ],
)
def test_clean_articles_with_comment_like_endings(residue, ending):
    assert comment_reports(residue, POST + ending) == []
