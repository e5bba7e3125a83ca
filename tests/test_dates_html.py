"""Publication dates of HTML pages: metadata is trusted when the page shows the date too."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

import quality
from quality.inputs import load_article
from quality.inputs.pagedates import collect, find_published_date, parse_date

PARAGRAPHS = """
<p>The city council voted on Tuesday evening to extend the night bus network to the northern
suburbs, after a two-year campaign by residents who said the last train left them stranded.</p>
<p>Councillors approved the plan by eleven votes to four. The first routes will run from the
spring, and the transport office said fares would stay at the current level for a year.</p>
<p>Opponents argued that the money would be better spent on cycle lanes, and asked for a
review of passenger numbers once the service has run for twelve months.</p>
<p>The council's transport chair, Marta Lind, said the vote was a relief for shift workers
who had been paying for taxis home. She thanked the residents' group for its petitions.</p>
"""


def page(
    body: str, *, head: str = "", headline: str = "Night buses reach the suburbs", after: str = ""
) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>{headline} | Town Post</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<main><article><h1>{headline}</h1>
{body}
{PARAGRAPHS}
</article>{after}</main>
<footer>Copyright 2021 Town Post. All rights reserved.</footer>
</body></html>"""


def published(html: str, url: str | None = None) -> str | None:
    return load_article({"html": html, "url": url}).published


PUBLISHED_META = '<meta property="article:published_time" content="2024-03-01T09:30:00Z">'


def test_copyright_year_alone_is_no_date():
    assert published(page("")) is None


def test_missing_date_is_reported_by_the_dates_scorer():
    report = quality.score(page(""))
    assert report.article.published is None
    assert "DAT101" in {finding.rule for finding in report.findings}


def test_published_time_shown_in_the_byline_is_the_date():
    html = page('<p class="byline">By Marta Lind | March 1, 2024</p>', head=PUBLISHED_META)
    assert published(html) == "2024-03-01"
    report = quality.score(html)
    assert "DAT101" not in {finding.rule for finding in report.findings}


def test_published_time_the_page_never_shows_is_not_trusted_alone():
    # Evergreen pages carry the CMS's creation date in their meta tags too.
    assert published(page("", head=PUBLISHED_META)) is None


def test_meta_tag_and_article_json_ld_agreeing_date_the_page():
    json_ld = """<script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Night buses",
     "datePublished": "2024-03-01T09:30:00+01:00"}</script>"""
    assert published(page("", head=PUBLISHED_META + json_ld)) == "2024-03-01"


def test_web_page_json_ld_date_is_not_an_article_date():
    json_ld = """<script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage", "datePublished": "2019-11-14T13:51:06+00:00"},
      {"@type": "WebSite", "name": "Town Post"}]}</script>"""
    html = page("", head=PUBLISHED_META + json_ld)
    assert published(html) is None


def test_dateline_under_the_headline_dates_a_page_without_metadata():
    html = page("<p>Veröffentlicht am 3. Mai 2022 von Marta Lind</p>")
    assert published(html) == "2022-05-03"


def test_shown_date_line_wins_over_a_utc_timestamp_a_day_later():
    head = '<meta property="article:published_time" content="2023-11-09T04:15:00Z">'
    html = page("<p>November 8, 2023, 11:15 PM</p>", head=head)
    assert published(html) == "2023-11-08"


def test_date_inside_a_paragraph_is_no_date():
    body = PARAGRAPHS.replace(
        "by eleven votes to four.",
        "by eleven votes to four, after a first plan failed on 12 May 2019.",
    )
    assert published(page(body)) is None


def test_date_in_a_short_paragraph_far_below_the_headline_is_no_date():
    body = PARAGRAPHS + "<p>The old plan was dropped on 12 May 2019.</p>"
    assert published(page(body)) is None


def test_history_before_the_web_is_no_publication_date():
    assert published(page("<p>21 August 1948</p>")) is None


def test_end_of_a_period_is_no_date_line():
    assert published(page("<p>Exhibition 9-23 Feb 2017</p>")) is None


def test_recent_posts_sidebar_dates_other_pages():
    sidebar = """<aside><h3>Recent posts</h3><ul>
    <li><a href="/a">Winter timetable</a> October 30, 2020</li>
    <li><a href="/b">Ferry fares</a> October 28, 2020</li></ul></aside>"""
    html = page("", after=sidebar)
    assert published(html) is None


def test_one_date_in_an_aside_next_to_the_article_is_its_date():
    meta_block = '<aside class="post-meta">Posted February 4, 2022</aside>'
    assert published(page(meta_block)) == "2022-02-04"


def test_review_dates_are_not_the_page_date():
    reviews = """<div itemprop="review"><meta itemprop="datePublished" content="2018-05-23">
    <p>Review by Kim, 23.05.2018: lovely house.</p></div>
    <div itemprop="review"><meta itemprop="datePublished" content="2017-10-17">
    <p>Review by Ola, 17.10.2017: quiet and clean.</p></div>"""
    html = page("", after=f"<section>{reviews}</section>")
    assert published(html) is None


def test_time_marked_as_published_counts_as_shown():
    body = '<p>By Marta Lind <time datetime="2024-03-01T09:30" pubdate>2 days ago</time></p>'
    assert published(page(body, head=PUBLISHED_META)) == "2024-03-01"


def test_url_date_alone_is_not_shown_to_readers():
    url = "https://news.example.org/2021/05/04/night-buses/"
    assert published(page(""), url=url) is None
    assert published(page("<p>4 May 2021</p>"), url=url) == "2021-05-04"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-01T09:30:00Z", "2024-03-01"),
        ("3. Mai 2022", "2022-05-03"),
        ("publié le 1er novembre 2023 à 16h28", "2023-11-01"),
        ("4 de mayo de 2022", "2022-05-04"),
        ("March 3rd, 2022", "2022-03-03"),
        ("veröffentlicht am 14 Feb ’20", "2020-02-14"),
        ("26.01.2022", "2022-01-26"),
        ("3 de mayo de 202221:25", "2022-05-03"),
        ("15 августа 2016, 13:43", "2016-08-15"),
    ],
)
def test_shown_date_formats(text, iso):
    assert parse_date(text) == iso


def test_ambiguous_or_impossible_dates_are_not_parsed():
    assert parse_date("05/04/2022") is None  # 5 April or May 4
    assert parse_date("31.02.2022") is None
    assert parse_date("Copyright 2021") is None


def test_inline_elements_are_read_apart():
    html = page('<p class="meta"><span>Apr 04</span><span>2013</span></p>')
    tree = load_html(html)
    assert "2013-04-04" in collect(tree).shown_dates()


def test_html_text_is_accepted_too():
    assert find_published_date(page("<p>4 May 2021</p>")) == "2021-05-04"
    assert find_published_date(page("")) is None


def test_the_parsed_tree_is_left_untouched():
    html = page("<p>4 May 2021</p>")
    tree = load_html(html)
    before = len(list(tree.iter()))
    assert find_published_date(tree) == "2021-05-04"
    assert len(list(tree.iter())) == before


def test_json_ld_with_a_raw_line_break_in_a_string_is_still_read():
    import lxml.html

    from quality.inputs.pagedates import _jsonld_dates

    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"description": "Two lines\nof text", "datePublished": "2024-03-05T09:00:00Z"}'
        "</script></head><body><p>Text.</p></body></html>"
    )
    assert [d[:10] for d in _jsonld_dates(lxml.html.fromstring(page))] == ["2024-03-05"]
