"""Visible publication dates: numeric US dates, more month names, labelled date lines
(bylines, article footers, "Datum" labels), revision dates, time zones and table layouts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quality.inputs import load_article
from quality.inputs.pagedates import EARLIEST, parse_date

ARTICLE = """
<p>The regional rail operator will replace its oldest diesel trains on the coastal line with
battery units from next autumn, the transport authority confirmed after a board meeting.</p>
<p>The new trains charge under the overhead wires between the two largest stations and run on
battery power along the unelectrified stretch to the harbour towns further north.</p>
<p>Commuter groups welcomed the decision but asked for more frequent trains in the evening,
when the last departure from the city leaves well before the theatres close.</p>
<p>The authority said the timetable would be reviewed once the first units enter service,
and that ticket prices would not change as a result of the new rolling stock.</p>
<p>Engineers expect the battery units to cut fuel costs by a third and noise at the stations
by half, according to figures presented to the board by the operator's fleet manager.</p>
"""


def page(
    top: str = "", *, bottom: str = "", head: str = "", headline: str = "Battery trains"
) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>{headline} | Coast Courier</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/transport">Transport</a></nav>
<main><article><h1>{headline} for the coastal line</h1>
{top}
{ARTICLE}
{bottom}
</article></main>
<footer>Copyright 2023 Coast Courier</footer>
</body></html>"""


def published(html: str) -> str | None:
    return load_article({"html": html}).published


def test_us_date_whose_day_cannot_be_a_month_is_read_month_first():
    byline = '<p class="byline">By Dana Ruiz</p><p class="timestamp">12/30/2019 05:03 AM EST</p>'
    assert published(page(byline)) == "2019-12-30"


@given(st.dates(min_value=EARLIEST, max_value=dt.date(2024, 12, 31)).filter(lambda d: d.day > 12))
def test_any_month_first_numeric_date_with_a_late_day_is_read(date: dt.date):
    assert parse_date(f"{date.month}/{date.day}/{date.year}") == date.isoformat()


@pytest.mark.parametrize(
    ("shown", "iso"),
    [
        ("Aktualisiert am 06. Mär. 2023", "2023-03-06"),  # German short "Mär."
        ("12 de abr. de 2022", "2022-04-12"),  # Spanish, Portuguese "abr."
        ("3 fév. 2021", "2021-02-03"),  # French "fév."
        ("3 fev 2021", "2021-02-03"),  # Portuguese "fev"
        ("3 mrt 2021", "2021-03-03"),  # Dutch "mrt"
        ("5 maj 2020", "2020-05-05"),  # Swedish, Danish, Polish "maj"
        ("14 Şubat 2022", "2022-02-14"),  # Turkish
        ("1 martie 2022", "2022-03-01"),  # Romanian
        ("1 березня 2022", "2022-03-01"),  # Ukrainian
        ("17 Agustus 2021", "2021-08-17"),  # Indonesian
        ("15 setiembre 2021", "2021-09-15"),  # Spanish (Peru, Uruguay)
    ],
)
def test_more_month_names_are_read(shown: str, iso: str):
    assert parse_date(shown) == iso


def test_german_short_month_on_the_byline_dates_the_page():
    byline = '<p class="meta">Von Jana Berg · 06. Mär. 2023</p>'
    assert published(page(byline)) == "2023-03-06"


def test_date_labelled_published_under_the_article_dates_the_page():
    # Far from the headline, after a whole article: no date line near the top.
    footer = (
        '<div class="info"><p>Letzte Änderung: 31.10.2023 - 14:49:39</p>'
        "<p>Erschienen am: 01.11.2023</p><p>Lesungen: 61</p></div>"
    )
    assert published(page(bottom=footer)) == "2023-11-01"


def test_published_label_wins_over_an_update_label_on_the_same_line():
    footer = "<p>Veröffentlicht am 3. Mai 2022, aktualisiert am 9. Mai 2022</p>"
    assert published(page(bottom=footer)) == "2022-05-03"


def test_several_posted_dates_far_from_the_headline_are_a_listing():
    related = "".join(
        f'<div class="teaser"><p>Another story {day}</p><p>Posted on {day} May 2022</p></div>'
        for day in (3, 9, 17)
    )
    assert published(page(bottom=f"<section>{related}</section>")) is None


def test_bare_date_label_above_the_date_labels_it():
    facts = '<div class="facts"><p>Datum</p><p>12.01.2017</p><p>Kategorie</p><p>AutoCAD</p></div>'
    assert published(page(bottom=facts)) == "2017-01-12"


def test_publication_date_near_the_headline_wins_over_the_update_shown_first():
    byline = '<p class="meta">Updated: 9 May 2022</p><p class="meta">Published: 3 May 2022</p>'
    assert published(page(byline)) == "2022-05-03"


def test_update_date_alone_near_the_headline_still_dates_the_page():
    assert published(page('<p class="meta">Updated: 9 May 2022</p>')) == "2022-05-09"


def test_local_date_shown_in_a_time_element_wins_over_its_utc_timestamp():
    # 11:15 PM in New York is already the next day in UTC.
    head = '<meta property="article:published_time" content="2023-11-09T04:15:00Z">'
    byline = (
        '<p>By Tal Axel <time class="published" datetime="2023-11-09T04:15:00Z">'
        "November 8, 2023, 11:15 PM</time></p>"
    )
    assert published(page(byline, head=head)) == "2023-11-08"


def test_time_element_that_shows_no_date_still_gives_its_datetime():
    head = '<meta property="article:published_time" content="2023-11-09T04:15:00Z">'
    byline = '<p>By Tal Axel <time class="published" datetime="2023-11-09T04:15:00Z">2 days ago</time></p>'
    assert published(page(byline, head=head)) == "2023-11-09"


def test_article_laid_out_in_a_table_is_found_for_its_date_line():
    paragraphs = "".join(
        f"<p>{line.strip()}</p>" for line in ARTICLE.split("<p>") if line.strip()
    ).replace("</p></p>", "</p>")
    html = f"""<!DOCTYPE html><html><head><title>Word of the day</title></head><body>
<table><tr><td>Word.Of.The.Day</td><td>About | Media | Search | Contact</td></tr></table>
<table><tr><td><div style="text-align:right">Apr 7, 2009</div>
<b>This week's theme</b> Words coined after people</td></tr></table>
<table><tr><td>{paragraphs}</td></tr></table>
</body></html>"""
    assert published(html) == "2009-04-07"
