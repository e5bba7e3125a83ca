"""HTML pages: repeated paragraphs, what is reported as stripped, pages with no article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quality
from quality.cli import main
from quality.errors import EmptyPageError, InputError
from quality.inputs import load_article
from quality.inputs.webpage import extract_page

LEAD = (
    "The city council voted on Tuesday to approve the new budget for the coming fiscal "
    "year, after months of debate among members."
)
PARAGRAPHS = [
    "Officials said the plan would add funding for schools, parks and road repairs across "
    "several districts of the city.",
    "Critics argued that the spending increases were not matched by new revenue and would "
    "strain the city's reserves within two years.",
    '"We listened to residents and this budget reflects what they asked for," the council '
    "leader, Amira Hassan, told reporters after the vote.",
    "The mayor is expected to sign the measure next week, according to a spokesperson for "
    "the administration.",
]
NAV = '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
FOOTER = "<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>"


def page(body: str, *, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Council approves budget | Example News</title>"
        f"{head}</head><body>{NAV}<main><article>{body}</article></main>{FOOTER}</body></html>"
    )


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def count(text: str, paragraph: str) -> int:
    return text.split("\n").count(paragraph)


# --------------------------------------------------------------------------- repeated paragraphs


def test_a_paragraph_repeated_verbatim_is_kept_twice():
    html = page(paragraphs(LEAD, LEAD, *PARAGRAPHS))
    extracted = extract_page(html)
    assert count(extracted.text, LEAD) == 2
    for paragraph in PARAGRAPHS:
        assert count(extracted.text, paragraph) == 1


def test_three_copies_and_copies_with_a_block_between_are_all_kept():
    html = page(paragraphs(LEAD, LEAD, LEAD, *PARAGRAPHS[:2], PARAGRAPHS[0], *PARAGRAPHS[2:]))
    text = extract_page(html).text
    assert count(text, LEAD) == 3
    assert count(text, PARAGRAPHS[0]) == 2


def test_copies_with_inline_markup_are_kept_and_no_mark_is_left():
    marked_up = (
        '<p>Officials said the plan would add <a href="/f">funding</a> for schools, '
        "<em>parks</em> and road repairs across several districts of the city.</p>"
    )
    html = page(paragraphs(LEAD) + marked_up * 2 + paragraphs(*PARAGRAPHS[1:]))
    extracted = extract_page(html)
    assert count(extracted.text, PARAGRAPHS[0]) == 2
    assert "\u2bd1" not in extracted.text and "\u2e4e" not in extracted.text
    assert all("\u2bd1" not in value for value in extracted.fields.values())


def test_a_repeated_headline_leaves_no_mark_in_the_title():
    headline = "Council approves the new city budget after months of debate among members"
    body = f"<header><h1>{headline}</h1><h1>{headline}</h1></header>" + paragraphs(
        LEAD, *PARAGRAPHS
    )
    html = page(body).replace("<title>Council approves budget | Example News</title>", "")
    extracted = extract_page(html)
    assert "\u2bd1" not in extracted.text
    assert extracted.fields["title"] == headline


def test_a_page_that_uses_the_mark_character_still_keeps_its_repeats():
    lead = LEAD + " \u2bd1"
    html = page(paragraphs(lead, lead, *PARAGRAPHS))
    text = extract_page(html).text
    assert count(text, lead) == 2


def test_the_repetition_scorer_sees_a_repeated_paragraph_of_a_page():
    html = page(paragraphs(LEAD, *PARAGRAPHS[:2], PARAGRAPHS[1], *PARAGRAPHS[2:]))
    report = quality.score(html)
    text_report = quality.score(extract_page(html).text)
    assert any(f.rule == "REP002" for f in report.findings)
    assert [f.rule for f in report.findings if f.rule.startswith("REP")] == [
        f.rule for f in text_report.findings if f.rule.startswith("REP")
    ]


def test_copies_for_another_screen_size_are_not_restored_but_reported_as_stripped():
    promo = (
        "From our morning news briefing to a weekly newsletter, get the best of Example "
        "News delivered directly to your inbox."
    )
    body = (
        paragraphs(LEAD, *PARAGRAPHS[:2])
        + (
            f'<div class="promo"><p class="promo-text-desktop">{promo}</p>'
            f'<p class="promo-text-mobile">{promo}</p></div>'
        )
        + paragraphs(*PARAGRAPHS[2:])
    )
    extracted = extract_page(page(body))
    assert count(extracted.text, promo) <= 1
    if count(extracted.text, promo) == 1:
        # The copy the extractor dropped is not lost silently.
        assert promo in extracted.stripped


def test_a_pull_quote_repeating_a_paragraph_is_not_restored():
    quote = PARAGRAPHS[2]
    body = paragraphs(LEAD, *PARAGRAPHS) + f'<aside class="pullquote"><p>{quote}</p></aside>'
    extracted = extract_page(page(body))
    assert count(extracted.text, quote) == 1


def test_repeated_boilerplate_does_not_come_back():
    notice = (
        "This article is available to subscribers only; sign in or subscribe today to "
        "keep reading the rest of the story."
    )
    footer = f'<footer><div class="legal"><p>{notice}</p><p>{notice}</p></div></footer>'
    html = page(paragraphs(LEAD, *PARAGRAPHS)).replace(FOOTER, footer)
    extracted = extract_page(html)
    assert notice not in extracted.text
    assert notice in extracted.stripped


def test_a_repeat_in_a_sidebar_is_reported_as_stripped():
    html = page(paragraphs(LEAD, *PARAGRAPHS)).replace(
        "</main>", f'</main><div class="related"><a href="/b"><p>{LEAD}</p></a></div>'
    )
    extracted = extract_page(html)
    assert count(extracted.text, LEAD) == 1
    assert LEAD in extracted.stripped


# --------------------------------------------------------------------------- title and byline


HEADER = (
    '<header class="entry-header"><a class="kicker" href="/city">City</a>'
    '<h1 class="entry-title">Council approves budget for the coming year</h1>'
    '<div class="entry-meta"><span class="byline">By <a rel="author" href="/jane">Jane Roe'
    "</a></span></div></header>"
)


def header_page() -> str:
    body = HEADER + f'<div class="entry-content">{paragraphs(LEAD, *PARAGRAPHS)}</div>'
    return page(body, head='<meta name="author" content="Jane Roe">')


def test_the_headline_and_byline_of_the_header_are_not_listed_as_stripped():
    extracted = extract_page(header_page())
    assert extracted.fields["title"].startswith("Council approves budget")
    assert extracted.fields["byline"] == "Jane Roe"
    for used in ("Council approves budget for the coming year", "By", "Jane Roe"):
        assert used not in extracted.stripped
    # Navigation and the footer still are.
    assert "Home" in extracted.stripped
    assert "Copyright 2024 Example News. All rights reserved." in extracted.stripped


def test_report_sample_of_stripped_blocks_leaves_out_the_headline():
    meta = quality.score(header_page()).to_dict()["article"]
    sample = meta["stripped"]["sample"]
    assert not any(line.startswith("Council approves budget") for line in sample)
    assert "Jane Roe" not in sample


def test_a_byline_shown_with_other_words_is_metadata_but_other_header_lines_are_not():
    body = (
        '<header class="entry-header"><h1 class="entry-title">Council approves budget for '
        'the coming year</h1><p class="author">Jane Roe, City Hall reporter</p>'
        '<p class="note">Updated with figures from the city treasury</p></header>'
        f'<div class="entry-content">{paragraphs(LEAD, *PARAGRAPHS)}</div>'
    )
    extracted = extract_page(page(body, head='<meta name="author" content="Jane Roe">'))
    assert "Jane Roe, City Hall reporter" not in extracted.text
    assert extracted.fields["byline"] == "Jane Roe"
    assert "Jane Roe, City Hall reporter" not in extracted.stripped
    assert "Council approves budget for the coming year" not in extracted.stripped
    assert "Updated with figures from the city treasury" in extracted.stripped


def test_a_byline_line_with_its_date_is_metadata():
    body = (
        '<header class="entry-header"><h1 class="entry-title">Council approves budget for '
        'the coming year</h1><p class="meta">By Jane Roe | Updated March 1, 2024, 10:30 am</p>'
        '<p class="note">Jane Roe also covers the schools board and the port</p></header>'
        f'<div class="entry-content">{paragraphs(LEAD, *PARAGRAPHS)}</div>'
    )
    extracted = extract_page(page(body, head='<meta name="author" content="Jane Roe">'))
    assert extracted.fields["byline"] == "Jane Roe"
    assert "By Jane Roe | Updated March 1, 2024, 10:30 am" not in extracted.stripped
    # A sentence about the author is no byline, date words or not.
    assert "Jane Roe also covers the schools board and the port" in extracted.stripped


def test_a_single_word_byline_inside_a_sentence_is_still_stripped():
    body = (
        '<header class="entry-header"><h1 class="entry-title">Council approves budget for '
        'the coming year</h1><p class="author">By Robert</p></header>'
        f'<div class="entry-content">{paragraphs(LEAD, *PARAGRAPHS)}</div>'
        '<div class="comments"><p>Thanks Robert, great report</p></div>'
    )
    extracted = extract_page(page(body, head='<meta name="author" content="Robert">'))
    assert extracted.fields["byline"] == "Robert"
    assert "By Robert" not in extracted.stripped
    assert "Thanks Robert, great report" in extracted.stripped


# --------------------------------------------------------------------------- no article text


EMPTY_BODY = "<html><head><title>Nothing</title></head><body></body></html>"
ONLY_NAVIGATION = (
    "<html><head><title>Example News</title></head><body>"
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
    '<li><a href="/sport">Sport</a></li></ul></nav></body></html>'
)
MESSAGE = "no article text could be extracted from the page"


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        (EMPTY_BODY, "it shows no text"),
        ("<html><body><div>  </div><script>var x = 1;</script></body></html>", "no text"),
        (ONLY_NAVIGATION, "'Home', 'World', 'Sport'"),
        # Links side by side on one line, with separators between them.
        (
            "<html><body><nav><a href='/'>Home</a> | <a href='/w'>World News</a> · "
            "<a href='/s'>Sport</a></nav></body></html>",
            "'Home'",
        ),
    ],
)
def test_the_library_raises_a_specific_error_for_a_page_with_no_article(html, detail):
    with pytest.raises(EmptyPageError) as raised:
        quality.score(html)
    assert isinstance(raised.value, InputError)
    assert MESSAGE in str(raised.value) and detail in str(raised.value)
    with pytest.raises(EmptyPageError):
        load_article({"id": "x", "html": html})
    with pytest.raises(EmptyPageError):
        quality.score(html=html)


def test_empty_plain_text_keeps_its_own_convention():
    # Not a page: an empty draft is scored, its scorers reported as not run.
    report = quality.score("")
    assert not all(summary.ran for summary in report.scorers.values())


def test_a_short_article_with_links_is_not_taken_for_navigation():
    html = (
        "<html><body><article><p>The council approved the budget on Tuesday, "
        '<a href="/vote">by 31 votes to 12</a>, after a long debate.</p></article></body></html>'
    )
    assert "approved the budget" in quality.load_article(html).text


def test_lint_reports_a_page_with_no_article_as_an_error(capsys, tmp_path: Path):
    empty = tmp_path / "empty.html"
    empty.write_text(EMPTY_BODY, encoding="utf-8")
    menus = tmp_path / "menus.html"
    menus.write_text(ONLY_NAVIGATION, encoding="utf-8")
    code = main(["lint", str(empty), str(menus)])
    captured = capsys.readouterr()
    assert code == 2
    assert f"{empty}: error: {MESSAGE}: it shows no text" in captured.err
    assert f"{menus}: error: {MESSAGE}" in captured.err
    assert "score" not in captured.out.split("Found")[0]
    code = main(["lint", "--format", "json", str(menus)])
    report = json.loads(capsys.readouterr().out)
    assert code == 2 and report["files"] == []
    assert report["errors"][0]["message"].startswith(MESSAGE)


def test_score_gives_an_error_line_for_a_page_with_no_article(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    records = [
        {"id": "empty", "html": EMPTY_BODY},
        {"id": "menus", "text": "", "html": ONLY_NAVIGATION},
        {"id": "good", "html": page(paragraphs(LEAD, *PARAGRAPHS))},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "menus.html").write_text(ONLY_NAVIGATION, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), str(folder), "-o", str(out)]) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = {Path(row["id"]).name: row for row in rows if "error" in row}
    assert set(errors) == {"empty", "menus", "menus.html"}
    for row in errors.values():
        assert set(row) >= {"id", "line", "error"}
        assert row["error"]["type"] == "EmptyArticle"
        assert row["error"]["message"].startswith(MESSAGE)
    assert errors["empty"]["line"] == 1 and errors["menus"]["line"] == 2
    assert "'Home'" in errors["menus.html"]["error"]["message"]
    assert [row["id"] for row in rows if "score" in row] == ["good"]
