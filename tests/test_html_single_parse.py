"""An HTML page is parsed once, and what is extracted from it is what separate parses gave."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

import quality
from quality.errors import EmptyPageError
from quality.inputs import load_article, webpage
from quality.inputs.webpage import extract_page

HEADLINE = "Old shipping channel to reopen"
LEAD = (
    "The harbour authority approved a plan on Monday to dredge the old shipping channel, "
    "reopening it to cargo vessels for the first time in thirty years."
)
PARAGRAPHS = (
    "Engineers said the work would take two summers and remove about 400,000 cubic metres of "
    "silt, most of it to be used to rebuild the eroded dunes north of the port.",
    "Fishing crews, who had asked for the channel to stay closed, said the dredging would "
    "drive away the cod that spawn near the breakwater every spring.",
    '"We have weighed every objection, and the channel will be watched the whole time," the '
    "authority's director, Ines Varga, told a public meeting on Monday evening.",
)
#: Repeated verbatim in the same place, so the page is marked before extraction and the
#: marks must be out of the tree again for the stripped lines and the date.
CALLOUT = (
    "Readers can comment on the dredging plan at the harbour office until the end of the "
    "month, or by writing to the authority."
)
#: No doctype: trafilatura hands the page's HTML to lxml as it is, so a parse of it can be
#: told from a parse of something else.
PAGE = (
    f'<html lang="en"><head><title>{HEADLINE} | Coast Courier</title>'
    '<meta property="article:published_time" content="2023-05-08T10:00:00Z">'
    '<meta name="author" content="Tomas Berg"></head><body>'
    '<nav><a href="/">Home</a> | <a href="/harbour">Harbour</a> | <a href="/sport">Sport</a></nav>'
    f"<main><article><h1>{HEADLINE}</h1>"
    '<p class="byline">By Tomas Berg | 8 May 2023</p>'
    f"<p>{LEAD}</p>{''.join(f'<p>{paragraph}</p>' for paragraph in PARAGRAPHS)}"
    f'<p class="note">{CALLOUT}</p><p class="note">{CALLOUT}</p></article>'
    '<aside><h2>Most read</h2><ul><li><a href="/a">Ferry timetable changes for summer</a></li>'
    '<li><a href="/b">Lighthouse open to visitors again</a></li></ul></aside></main>'
    "<footer><p>Copyright 2023 Coast Courier. All rights reserved.</p></footer>"
    "</body></html>"
)
TEXT = "\n".join((HEADLINE, LEAD, *PARAGRAPHS, CALLOUT, CALLOUT))
STRIPPED = (
    "Home",
    "Harbour",
    "Sport",
    "Most read",
    "Ferry timetable changes for summer",
    "Lighthouse open to visitors again",
    "Copyright 2023 Coast Courier. All rights reserved.",
)


def test_the_page_is_marked_for_its_repeat():
    tree = webpage._parse(PAGE)
    assert webpage._mark_repeats(tree) is not None


def test_text_title_byline_date_and_stripped_lines_are_those_of_separate_parses():
    article = load_article(PAGE, format="html")
    assert article.text == TEXT
    assert article.title == HEADLINE
    assert article.byline == "Tomas Berg"
    assert article.published == "2023-05-08"
    # A mark left in the tree would make the second callout a stripped line of its own.
    assert article.stripped == STRIPPED


def test_scoring_the_page_reports_the_same_article():
    report = quality.Pipeline().score(PAGE)
    assert report.article.text == TEXT
    assert (report.article.title, report.article.byline) == (HEADLINE, "Tomas Berg")
    assert report.article.published == "2023-05-08"
    assert "DAT101" not in {finding.rule for finding in report.findings}


def test_the_page_is_parsed_once(monkeypatch: pytest.MonkeyPatch):
    parsed: list[Any] = []
    parse = etree.fromstring

    def counting_parse(text: Any, *args: Any, **kwargs: Any) -> Any:
        # trafilatura parses a serialised copy of its own cleaned tree too; only parses of
        # the page itself are counted.
        if text in (PAGE, PAGE.encode()):
            parsed.append(text)
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(etree, "fromstring", counting_parse)
    assert load_article(PAGE, format="html").text == TEXT
    assert len(parsed) == 1


def test_trafilatura_leaves_the_tree_it_is_given_as_it_was():
    import trafilatura

    tree = webpage._parse(PAGE)
    before = etree.tostring(tree, encoding="unicode")
    trafilatura.bare_extraction(tree, with_metadata=True, include_tables=True, deduplicate=False)
    assert etree.tostring(tree, encoding="unicode") == before


def test_no_extensive_date_search_is_run(monkeypatch: pytest.MonkeyPatch):
    import htmldate
    import trafilatura.metadata

    searches: list[bool] = []

    def spy(search: Any) -> Any:
        def find_date(*args: Any, **kwargs: Any) -> Any:
            searches.append(kwargs.get("extensive_search", True))
            return search(*args, **kwargs)

        return find_date

    monkeypatch.setattr(htmldate, "find_date", spy(htmldate.find_date))
    monkeypatch.setattr(trafilatura.metadata, "find_date", spy(trafilatura.metadata.find_date))
    assert extract_page(PAGE).fields["published"] == "2023-05-08"
    assert searches and not any(searches)


def nested(depth: int) -> str:
    return (
        f"<html><body><p>{LEAD}</p>{'<div>' * depth}<p>{PARAGRAPHS[0]}</p>{'</div>' * depth}"
        f"<p>{PARAGRAPHS[1]}</p></body></html>"
    )


@pytest.mark.parametrize("depth", [120, 126, 127, 200, 252, 253, 254, 255, 300])
def test_a_page_is_refused_for_its_depth_exactly_when_the_parser_stopped(depth: int):
    """A page is parsed a second time, to read the parser's errors, only when it is deep;
    whatever the depth, it is refused when and only when the parser stopped at its limit."""
    html = nested(depth)
    if webpage._depth_limit_reached(html) is not None:
        with pytest.raises(EmptyPageError, match="nested more than 256 deep"):
            extract_page(html)
    else:
        assert PARAGRAPHS[1] in extract_page(html).text
