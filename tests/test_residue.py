"""Reader comments without comment furniture: threads found by their headers, and the
article shapes that look like headers but are not (bylines, live-blog times, citations,
letters, lists)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quality
from tests.conftest import comments_start

ARTICLE = (
    "Harbour Works Begin\n\n"
    "By Ana Lopes\n\n"
    "The council approved the harbour plan on Tuesday after two years of delays, and the "
    "first barges arrived the next morning to start dredging the old fishing basin.\n\n"
    "Engineers expect the work to last eighteen months. The budget was raised twice during "
    "the planning, mostly because the sea wall needs more repair than first thought.\n\n"
    "Fishermen will keep their moorings on the north quay while the south side is closed, "
    "and the ferry timetable stays as it is until the spring.\n\n"
    "The next public meeting on the project is planned for March, the council said.\n"
)


def test_name_and_date_headers_start_the_section_at_the_first_header(residue):
    thread = (
        "\nmarta_k - October 26, 2012\n\n    Good to see this finally moving.\n"
        "Dave Pritchard - October 26, 2012\n\n    Dredging will wreck the basin for a year.\n"
        "Old Salt - October 27, 2012\n\n    About time!\n"
    )
    text = ARTICLE + thread
    assert comments_start(residue, text) == text.index("marta_k")


def test_name_over_date_pairs_and_three_line_headers(residue):
    thread = (
        "\nFabio\nJul 23 2012\nWill the ferry still stop at the south quay?\n"
        "reset\nJul 23 2012\n2:13 pm\nNo, it moves north.\n"
    )
    text = ARTICLE + thread
    assert comments_start(residue, text) == text.index("Fabio")


def test_lone_header_with_a_time_of_day_at_the_end(residue):
    text = (
        ARTICLE + "\nLisa November 7, 2012 at 4:42 PM\n    I live by the harbour and I am glad.\n"
    )
    assert comments_start(residue, text) == text.index("Lisa November")


def test_said_headers(residue):
    thread = (
        "\nfirefighter jeff said,\nGood job, the quay needed it.\n"
        "Paula said,\nI hope they keep the old crane.\n"
    )
    text = ARTICLE + thread
    assert comments_start(residue, text) == text.index("firefighter jeff")


def test_bare_names_over_indented_comments_when_a_name_comes_back(residue):
    thread = (
        "\nlineholder\n    I am worried about the fishermen, they lose half the quay for months.\n"
        "Ann_W\n    The council should publish the full budget before the meeting.\n"
        "    lineholder\n    They did, it is on the website since Monday.\n"
    )
    text = ARTICLE + thread
    assert comments_start(residue, text) == text.index("lineholder")


def test_subheadings_over_indented_text_are_not_a_thread(residue):
    sections = (
        "\nThe budget\n    The plan now costs more than the first estimate, the council said.\n"
        "The schedule\n    Work on the north side starts after the summer season ends.\n"
    )
    assert comments_start(residue, ARTICLE + sections) is None


def test_byline_with_date_and_time_at_the_top_is_not_a_comment(residue):
    text = (
        "Harbour Works Begin\n\nBy Ana Lopes\nJuly 24, 2012 4:00 AM PDT\n\n"
        + ARTICLE.split("\n\n", 2)[2]
    )
    assert comments_start(residue, text) is None


def test_live_blog_times_are_not_comments(residue):
    entries = "".join(
        f"\n{time}\n\nThe mayor spoke to reporters at the quay about the dredging, "
        "saying the work was on schedule and within the revised budget.\n"
        for time in ("2:00 p.m.", "2:45 p.m.", "3:10 p.m.")
    )
    assert comments_start(residue, ARTICLE + entries) is None


def test_source_citations_in_a_digest_are_not_comment_headers(residue):
    digest = (
        "\nAna Lopes, The Harbour Gazette, 08/06/12 01:49 PM ET\n"
        "The council has approved the dredging plan after a long debate on its cost.\n"
        "Tom Reyes, Coast Daily, Aug 6, 2012 at 5:40 pm\n"
        "Fishermen say the closure of the south quay will cost them the season.\n"
    )
    assert comments_start(residue, ARTICLE + digest) is None


def test_a_letter_with_sender_date_and_addressee_is_not_a_comment(residue):
    letter = (
        "\nTranscript\n\n    Mayor Ines Costa\n    November 1, 2012\n    Miss Rita Gomes\n"
        "    Dear Rita,\n    Thank you for your letter about the harbour and its boats.\n"
    )
    assert comments_start(residue, ARTICLE + letter) is None


def test_a_list_of_dated_titles_is_not_a_thread(residue):
    listing = "".join(
        f"\n{n}. {title} ({date})\nA short summary of the post and what it argued at the time.\n"
        for n, title, date in (
            (1, "An Apology", "Feb. 22, 2007"),
            (2, "Contempt for Congress", "Mar. 9, 2007"),
            (3, "Partisan Rant?", "June 6, 2007"),
        )
    )
    assert comments_start(residue, ARTICLE + listing) is None


def test_trackbacks_are_not_reader_comments(residue):
    trackbacks = (
        "\nTracked on Mar 21, 2007 11:15:37 PM\n» Harbour plans compared from Coast Notes\n"
        "Tracked on Mar 22, 2007 10:28:31 AM\n» Dredging and its critics from Quay Watch\n"
    )
    assert comments_start(residue, ARTICLE + trackbacks) is None


def test_the_byline_of_a_short_article_does_not_open_its_thread(residue):
    article = ARTICLE.replace("By Ana Lopes\n", "by Ana Lopes on July 22, 2012\n")
    thread = (
        "\nphpguy 07.22.12 at 8:33 pm\n    Good news for the quay.\n"
        "marta_k 07.23.12 at 9:02 am\n    Not for the fishermen.\n"
    )
    text = article + thread
    assert comments_start(residue, text) == text.index("phpguy")


def test_bylines_in_a_list_of_other_stories_are_not_comment_headers(residue):
    teasers = "".join(
        f"\n{headline}\nBlog entry by Ana Lopes | {date}\n{teaser}\n"
        for headline, date, teaser in (
            (
                "Ferry company promises new boats",
                "28 April, 2012",
                "The company said two new ferries will join the fleet next year.",
            ),
            (
                "Fishermen ask for a second quay",
                "21 February, 2012",
                "The cooperative wrote to the council about the lack of moorings.",
            ),
            (
                "Storm damage repaired on the sea wall",
                "3 January, 2012",
                "Crews finished the work a week ahead of schedule.",
            ),
        )
    )
    assert comments_start(residue, ARTICLE + "\nThe latest updates\n" + teasers) is None


PAGE = """<html><head><title>Budget passes</title></head><body><article>
<h1>Budget passes</h1>
<p>The city council passed the budget on Tuesday by a vote of 7 to 2, the clerk, Ann Lee,
said. The plan raises spending on schools by 4 percent and cuts the parks budget.</p>
<p>"We had to make hard choices," said Mayor Tom Reed, who proposed the plan in March.</p>
</article></body></html>"""


def test_a_web_page_heading_restating_its_title_is_not_a_repeated_headline():
    report = quality.score(PAGE)
    assert report.article.origins["title"] == "html"
    assert "RES107" not in {f.rule for f in report.findings}
    # The same headline pasted again into the body still is.
    pasted = PAGE.replace('<p>"We', '<p>Budget passes</p>\n<p>"We')
    assert "RES107" in {f.rule for f in quality.score(pasted).findings}


def test_garbled_characters_are_found_with_their_repair(residue):
    text = (
        "Sales rose to â‚¬34.2bn on Monday, the firmâ€™s chief said. The mayor of SÃ£o Paulo"
        " and the firmâ€™s staff welcomed it."
    )
    report = residue.score(text, language="en")
    damaged = [f for f in report.findings if f.rule == "RES109"]
    assert [(text[f.start : f.end], f.message.rsplit("“", 1)[1]) for f in damaged] == [
        ("â‚¬34.2bn", "€34.2bn”"),
        ("firmâ€™s", "firm’s”"),
        ("SÃ£o", "São”"),
        ("firmâ€™s", "firm’s”"),
    ]
    # Reported, not charged: the delivery garbled the text, not the reporter.
    assert report.scorers["residue"].score == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The café… stayed open, said Renée “Dédé” Dubois of Zürich.",
        "Prices in Ørsted’s home market rose by 3½ percent, per année.",
        "The Ã character alone, or Â, is not damage.",
        "Привет, сказал он. 東京で会議が開かれた。",
    ],
)
def test_accented_and_foreign_text_is_not_garbled(residue, text):
    report = residue.score(text, language="en")
    assert "RES109" not in {f.rule for f in report.findings}


def test_text_without_spaces_is_searched_in_bounded_pieces():
    from quality.scorers._mojibake import find_mojibake

    text = "x" * 5000 + "Ã©" * 2000
    found = find_mojibake(text)
    assert found and all(end - start <= 2 + 2 * 40 for start, end, _ in found)
    assert found[-1][1] == len(text)


GARBLE_ALPHABET = "aé ÃÂâÐ€™©£\u00a0\u0153\u201c\n.’"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=GARBLE_ALPHABET, max_size=300))
def test_garbled_words_are_in_order_inside_the_text_and_really_change(text):
    from quality.scorers._mojibake import find_mojibake

    previous_end = 0
    for start, end, repaired in find_mojibake(text):
        assert previous_end <= start < end <= len(text)
        assert repaired != text[start:end]
        previous_end = end
