"""Comment sections as blog and news pages leave them (WordPress, Disqus, Blogger, TypePad,
SB Nation), and clean articles whose endings look like one: bios, related lists, letters,
Q&A, subheadings, bylines with comment counters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Comments signed after their text: the comment first, then its writer's name and date.

DATED_POST = POST.replace("By Ana Lopes\n", "By Ana Lopes\nMarch 2, 2012\n")
FIRST = "The early boat suited me, and now I will be late twice a week."
SECOND = "Ask the night shift before you change anything else, please."
THIRD = "Will the board publish the passenger counts it used?"


@pytest.mark.parametrize(
    "signatures",
    [
        pytest.param(["\u2014 Mary K., March 3, 2012 at 4:12 pm"], id="dash-name-date-time"),
        pytest.param(["Posted by: quaywatcher | March 5, 2012 at 10:14 AM"], id="posted-by"),
        pytest.param(["by Tom Hale on March 4, 2012 at 9:30 pm."], id="by-name-on-date"),
        pytest.param(["March 3, 2012 Mary Kline"], id="date-then-name"),
        pytest.param(
            ["\u2014 Mary K., March 2, 2012", "\u2014 Tom Hale, March 3, 2012"],
            id="two-dash-signatures-without-times",
        ),
        pytest.param(
            [
                "Posted by: Mary K. | March 2, 2012 at 10:14 AM",
                "Posted by: Tom Hale | March 2, 2012 at 11:02 AM",
                "Posted by: quaywatcher | March 3, 2012 at 8:40 AM",
            ],
            id="a-thread-of-posted-by-signatures",
        ),
        pytest.param(
            ["Jane Doe, March 2, 2012", "Tom Hale, March 3, 2012", "Ann Lee, March 3, 2012"],
            id="name-and-date",
        ),
    ],
)
def test_signed_comments_start_at_the_first_comments_text(residue, signatures):
    thread = "".join(
        f"\n{body}\n{signature}\n"
        for body, signature in zip((FIRST, SECOND, THIRD), signatures, strict=False)
    )
    text = DATED_POST + thread
    assert comments_start(residue, text) == text.index(FIRST)


SIGNATURE_FORMS = (
    "\u2014 {name}, {date} at {time}",
    "Posted by: {name} | {date} at {time}",
    "by {name} on {date} at {time}.",
    "{date} {name}",
    "{name}, {date}",
    "-- {name}, {date}",
)
COMMENTS = (
    FIRST,
    SECOND,
    THIRD,
    "Good riddance to the empty boat.",
    "My bus gets in at twenty to seven, so this is worse for me and my neighbours.",
)


@settings(max_examples=60, deadline=None)
@given(
    form=st.sampled_from(SIGNATURE_FORMS),
    signers=st.lists(
        st.tuples(
            st.sampled_from(("Mary K.", "Tom Hale", "quaywatcher", "Ann Lee", "J. Ortiz")),
            st.integers(min_value=3, max_value=28),
            st.sampled_from(("9:30 am", "4:12 pm", "11:02 PM")),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_any_signed_thread_starts_at_its_first_comment(residue, form, signers):
    thread = "".join(
        f"\n{body}\n" + form.format(name=name, date=f"March {day}, 2012", time=time) + "\n"
        for body, (name, day, time) in zip(COMMENTS, signers, strict=False)
    )
    text = DATED_POST + thread
    assert comments_start(residue, text) == text.index(FIRST)


def test_a_reply_link_under_the_last_signature_is_furniture(residue):
    text = DATED_POST + f"\n{FIRST}\n\u2014 Mary K., March 3, 2012\nReply\n"
    assert comments_start(residue, text) == text.index(FIRST)


def test_a_commenter_signing_their_text_above_the_signature(residue):
    # "Michael" closes the comment; the comment is the text above him.
    text = (
        DATED_POST
        + f"\n{FIRST}\n\nMichael\n\nPosted by: Michael Unan | March 3, 2012 at 12:42 PM\n"
        + f"\n{SECOND}\n\nPosted by: Ann Lee | March 3, 2012 at 1:05 PM\n"
    )
    assert comments_start(residue, text) == text.index(FIRST)


def test_post_footer_above_a_pingback_is_not_the_first_comment(residue):
    # A pingback without a date marks the footer above it as the post's, as a dated
    # trackback does; the signed comments begin with the first comment's text.
    text = (
        POST
        + "\nPosted by Ana at 9:12 AM\n\n"
        + "Pingback: Ferries again | Harbour Notes\n\n"
        + f"{FIRST}\n\nPosted by: Lulaine | March 23, 2007 at 10:59 AM\n\n"
        + f"{SECOND}\n\nPosted by: Jim | March 24, 2007 at 8:15 AM\n"
    )
    assert comments_start(residue, text) == text.index(FIRST)


def test_a_post_footer_printed_otherwise_than_the_signatures_stays_the_start(residue):
    # The post's "Posted by Cook at ..." is not signed like the comments ("Posted by:"), so
    # the text above it is the post's, not a first comment.
    text = (
        POST
        + "\nPosted by Crunchy Cook at 9:00 PM\n\n"
        + f"{FIRST}\n\nPosted by: Jim | March 24, 2012 at 8:15 AM\n\n"
        + f"{SECOND}\n\nPosted by: Lulaine | March 24, 2012 at 10:59 AM\n"
    )
    assert comments_start(residue, text) == text.index("Posted by Crunchy Cook")


def test_dated_lines_under_comments_that_open_with_said_are_no_signatures(residue):
    # Blogger prints "Jane said..." over the comment and its time under it.
    # The post's own time over them is printed like theirs, and stays where the section
    # begins: the text above it is the post's.
    text = (
        POST
        + "\nOctober 8, 2012 9:00 PM\n\n"
        + f"Emily said...\n\n    {FIRST}\n    October 9, 2012 3:04 PM\n"
        + f"Harbour Watcher said...\n\n    {SECOND}\n    October 9, 2012 5:40 PM\n"
    )
    assert comments_start(residue, text) == text.index("October 8, 2012")


def test_a_short_comment_over_a_date_alone_is_not_taken_for_a_name(residue):
    # "Love it" may be a name over its date or a whole comment: the section starts there,
    # not at the article's last paragraph above it.
    text = (
        DATED_POST
        + "\nThe board meets again in March.\n\nLove it\n\n  March 3, 2012 6:50 PM\n"
        + "\nhot\n\n  March 3, 2012 7:07 PM\n"
    )
    assert comments_start(residue, text) == text.index("Love it")


@pytest.mark.parametrize(
    "ending",
    [
        # The author's bio.
        "\nAna Lopes covers transport and the harbour for the paper. She joined in 2009.\n",
        # A letter quoted in full, signed and dated before the article.
        "\nThe letter reads:\n\nThe early boat serves the night shift, who were never asked "
        "about the change.\n\u2014 Maria Santos, February 20, 2012\n",
        # The article's own sign-off, dated the day it came out.
        "\nReporting by the harbour desk.\n\nHarbour Desk, March 2, 2012\n",
        # The author signing off days later: the byline's name.
        "\nThe board answered our questions in writing.\n\n\u2014 Ana Lopes, March 6, 2012\n",
        # A correction with its later date.
        "\nAn earlier version of this article gave the wrong time for the first crossing.\n"
        "Correction: March 5, 2012\n",
        # A list of dated names with no text between them.
        "\nBoard members who voted for the change:\n\nJane Roe, March 5, 2012\n"
        "Tom Hale, March 5, 2012\n",
    ],
)
def test_clean_dated_articles_with_signed_endings(residue, ending):
    assert comment_reports(residue, DATED_POST + ending) == []


def test_a_signed_comment_on_an_undated_article_is_left_alone(residue):
    # With no date for the article, a lone signature may be its author's sign-off.
    assert comment_reports(residue, POST + f"\n{FIRST}\n\u2014 Mary K., March 3, 2012\n") == []
