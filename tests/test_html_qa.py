"""HTML pages as the web serves them: what is read from them (text, title, byline, date) and
how a page with no article of its own is refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quality.errors import EmptyPageError
from quality.inputs import load_article
from quality.inputs.pagedates import collect
from quality.inputs.webpage import _parse

STORY = """
<p>The island ferry returned to service on Friday after two weeks of repairs to its engine,
the port authority said in a statement issued in the morning.</p>
<p>Passengers had been using a smaller boat that made fewer trips, which led to long lines at
both terminals during the morning rush and to missed connections on the mainland.</p>
<p>The authority said the engine had been rebuilt by a yard on the mainland and tested at sea
for two days before the ferry was cleared to carry passengers again.</p>
"""


def page(body: str, *, head: str = "", lang: str = "en", headline: str = "Ferry is back") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{headline} | Harbour News</title>{head}
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<main><article><h1>{headline}</h1>
{body}
{STORY}
</article></main>
<footer>Harbour News</footer>
</body></html>"""


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --------------------------------------------------------------------------- unrendered content


def test_template_content_is_not_article_text() -> None:
    html = page(
        "<template><p>A template paragraph that scripts copy into the page, never shown as it"
        " is written here.</p></template>"
    )
    article = load_article(html)
    assert "template paragraph" not in article.text
    assert "ferry returned to service" in article.text
    assert not any("template paragraph" in line for line in article.stripped)


def test_declarative_shadow_root_template_is_shown() -> None:
    html = page(
        '<div><template shadowrootmode="open"><p>The shadow root holds this paragraph, which'
        " the browser shows in place of the element's children.</p></template></div>"
    )
    assert "shadow root holds this paragraph" in load_article(html).text


def test_hidden_elements_are_not_article_text() -> None:
    html = page(
        "<div hidden><p>This hidden paragraph is never shown to a reader of the page in any"
        " browser at all.</p></div>"
        '<p>Tickets cost the same as before <span hidden="hidden">(secret)</span> and can be'
        " bought on board, the operator said on its website.</p>"
    )
    article = load_article(html)
    assert "hidden paragraph" not in article.text
    assert "secret" not in article.text
    # The text after a hidden element is kept.
    assert "and can be bought on board" in " ".join(article.text.split())


def test_until_found_content_is_kept() -> None:
    html = page(
        '<div hidden="until-found"><p>A reader finds this paragraph with the browser search,'
        " which opens the section it sits in.</p></div>"
    )
    assert "finds this paragraph" in load_article(html).text


def test_hidden_content_still_dates_the_page() -> None:
    # The date search reads the page as parsed: a hidden machine-readable date line counts as
    # much as before, and the metadata date shown on the page is found.
    html = page(
        '<p class="dateline">March 3, 2022</p><div hidden><p>Hidden teaser text that is long'
        " enough to be a paragraph of its own on the page.</p></div>",
        head='<meta property="article:published_time" content="2022-03-03T08:00:00+01:00">',
    )
    assert load_article(html).published == "2022-03-03"


# --------------------------------------------------------------------------- pages in frames


def test_page_of_an_iframe_only_names_the_framed_page() -> None:
    html = (
        "<html><body><iframe src='https://video.example/embed/123' width='560'></iframe>"
        "</body></html>"
    )
    with pytest.raises(EmptyPageError, match=r"only other pages in frames.*video\.example"):
        load_article(html)


def test_frameset_names_its_frames() -> None:
    html = (
        '<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>'
    )
    with pytest.raises(EmptyPageError, match=r"'a\.html', 'b\.html'"):
        load_article(html)


def test_empty_page_still_says_it_shows_no_text() -> None:
    with pytest.raises(EmptyPageError, match=r"it shows no text$"):
        load_article("<html><body></body></html>")


# --------------------------------------------------------------------------- live blogs

LIVE_BLOG = {
    "@context": "https://schema.org",
    "@type": "LiveBlogPosting",
    "headline": "Election night live: results as they come in",
    "datePublished": "2024-07-04T21:00:00+01:00",
    "liveBlogUpdate": [
        {"@type": "BlogPosting", "headline": "Turnout estimate", "datePublished": "2024-07-05"},
        {"@type": "BlogPosting", "headline": "First result", "datePublished": "2024-07-04"},
    ],
}


def test_live_blog_is_titled_with_its_own_headline() -> None:
    html = page("", head=jsonld(LIVE_BLOG), headline="Election night live")
    assert load_article(html).title == "Election night live: results as they come in"


def test_live_blog_without_headline_is_titled_from_the_page() -> None:
    data = {key: value for key, value in LIVE_BLOG.items() if key != "headline"}
    html = page("", head=jsonld(data), headline="Election night live")
    assert load_article(html).title == "Election night live"


def test_live_blog_updates_do_not_hide_its_date() -> None:
    html = page("", head=jsonld(LIVE_BLOG))
    assert ("json-ld", "2024-07-04") in collect(_parse(html)).metadata


def test_articles_listed_in_json_ld_still_have_no_single_date() -> None:
    listing = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "NewsArticle", "datePublished": "2024-07-01"},
            {"@type": "NewsArticle", "datePublished": "2024-07-02"},
        ],
    }
    page_dates = collect(_parse(page("", head=jsonld(listing))))
    assert not [source for source, _ in page_dates.metadata if source == "json-ld"]
    assert page_dates.listed == {"2024-07-01", "2024-07-02"}


# --------------------------------------------------------------------------- shown dates


@pytest.mark.parametrize(
    "shown", ["2023年4月1日", "公開日：2023年4月1日 10:00", "2023 年 4 月 1 日", "2023년 4월 1일"]
)
def test_east_asian_date_line(shown: str) -> None:
    html = page(f'<p class="date">{shown}</p>')
    assert load_article(html).published == "2023-04-01"


def test_shift_jis_page_with_its_date_line() -> None:
    html = page("<p>2023年4月1日</p>", headline="新しい図書館が開館").replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
    )
    article = load_article(html.encode("cp932"))
    assert article.title == "新しい図書館が開館"
    assert article.published == "2023-04-01"


def test_numeric_date_read_in_a_us_page_order() -> None:
    html = page('<p class="meta">Posted on 3/8/2019 by Kim Novak</p>', lang="en-US")
    assert load_article(html).published == "2019-03-08"


def test_numeric_date_read_in_the_order_the_page_shows_elsewhere() -> None:
    html = page(
        '<p class="meta">Posted on 3/8/2019</p>'
        "<aside><p>Comment posted on 3/14/2019 by a reader of the site.</p></aside>"
    )
    assert load_article(html).published == "2019-03-08"


def test_numeric_date_is_day_first_by_default() -> None:
    html = page('<p class="meta">Posted on 3/8/2019</p>', lang="en-GB")
    assert load_article(html).published == "2019-08-03"


def test_metadata_still_picks_the_reading_of_a_numeric_date() -> None:
    html = page(
        '<p class="meta">Posted on 3/8/2019</p>',
        head='<meta property="article:published_time" content="2019-03-08T10:00:00Z">',
    )
    assert load_article(html).published == "2019-03-08"


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('By <a href="/author/dana">Dana Whitfield</a>, Staff Writer', "Dana Whitfield"),
        ("Dana Whitfield | Senior Political Correspondent", "Dana Whitfield"),
        ("By Dana Whitfield and Sam Ortiz", "Dana Whitfield; Sam Ortiz"),
    ],
)
def test_byline_job_title_is_no_author(byline: str, expected: str) -> None:
    html = page(f'<p class="byline">{byline}</p>')
    assert load_article(html).byline == expected


def test_json_ld_author_string_with_job_title() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "author": "By Helen Zhou, Staff Reporter",
    }
    assert load_article(page("", head=jsonld(data))).byline == "Helen Zhou"


def test_byline_of_a_single_word_author_is_kept() -> None:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "author": "Editor"}
    assert load_article(page("", head=jsonld(data))).byline == "Editor"


# --------------------------------------------------------------------------- the tree kept

_PIECES = st.sampled_from(
    [
        "text ",
        "<p>para</p>",
        "<span hidden>gone</span>",
        "<div hidden><p>inner <b hidden>deeper</b></p></div>",
        "<template><p>kept for scripts</p></template>",
        '<p hidden="until-found">found</p>',
        " tail ",
        "<i>x</i>",
    ]
)


@given(st.lists(_PIECES, min_size=1, max_size=12))
def test_unrendered_content_is_put_back_as_parsed(pieces: list[str]) -> None:
    from lxml import etree

    from quality.inputs.webpage import _detach_unrendered

    tree = _parse("<html><body><div>" + "".join(pieces) + "</div></body></html>")
    before = etree.tostring(tree)
    detached = _detach_unrendered(tree)
    shown = "".join(tree.itertext())
    assert "gone" not in shown and "deeper" not in shown and "kept for scripts" not in shown
    assert shown.count("tail") == "".join(pieces).count("tail")
    detached.restore()
    assert etree.tostring(tree) == before
