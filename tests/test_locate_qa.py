"""Findings placed back in HTML pages: the copy of a line that belongs to the article, not
a promo, breadcrumb, hidden teaser or template; findings across table rows; JSON articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quality.cli import main
from quality.findings import Finding, Severity
from quality.lint.locate import PageText, relocate
from quality.positions import LineIndex

HEADLINE = "Council approves riverside housing plan despite flood fears"
FIRST = (
    "The borough council on Thursday approved 240 homes on the former gasworks site, a"
    " glimmer of hope for families on the waiting list."
)
SECOND = "Councillors voted seven to two in favour after a three-hour meeting."


def _finding(extracted: str, phrase: str, after: int = 0) -> Finding:
    start = extracted.index(phrase, after)
    return Finding(
        "FIL101", "filler", Severity.INFO, "Cliche", start, start + len(phrase), 1, 1, 1, 1, phrase
    )


def _placed(page: str, extracted: str, finding: Finding) -> Finding:
    return relocate([finding], extracted, page, LineIndex(page))[0]


def _page(body: str) -> str:
    return f'<!DOCTYPE html>\n<html lang="en">\n<head><title>{HEADLINE}</title></head>\n<body>\n{body}\n</body>\n</html>\n'


ARTICLE = f'<article>\n<h1 class="entry-title">{HEADLINE}</h1>\n<p>{FIRST}</p>\n<p>{SECOND}</p>\n</article>'


def test_headline_in_a_trending_bar_and_a_breadcrumb_is_placed_at_the_article_heading() -> None:
    page = _page(
        f'<div class="trending"><a href="/council-approves/">{HEADLINE}</a></div>\n'
        f'<nav class="breadcrumbs"><a href="/">Home</a> &raquo; <span>{HEADLINE}</span></nav>\n'
        + ARTICLE
    )
    extracted = f"{HEADLINE}\n{FIRST}\n{SECOND}"
    placed = _placed(page, extracted, _finding(extracted, HEADLINE))
    assert placed.start == page.index(f">{HEADLINE}</h1>") + 1
    assert page[placed.start : placed.end] == HEADLINE


def test_a_paragraph_repeated_in_a_sidebar_before_the_article_is_placed_in_the_article() -> None:
    page = _page(f'<aside class="most-read"><p>{FIRST}</p></aside>\n' + ARTICLE)
    extracted = f"{FIRST}\n{SECOND}"
    placed = _placed(page, extracted, _finding(extracted, "glimmer of hope"))
    assert placed.start == page.index("glimmer of hope", page.index("<article>"))


def test_a_line_matched_far_ahead_does_not_unseat_the_lines_after_it() -> None:
    # The extractor wrote "Share this story" where the page has a button; the same words in
    # the footer must not carry the search for the later lines past their place.
    page = _page(
        '<div class="promo"><p>A glimmer of hope: subscribe today.</p></div>\n'
        f"<article>\n<p>{SECOND}</p>\n<button>Share</button>\n<p>{FIRST}</p>\n</article>\n"
        "<footer><p>Share this story</p></footer>"
    )
    extracted = f"{SECOND}\nShare this story\n{FIRST}"
    placed = _placed(page, extracted, _finding(extracted, "glimmer of hope"))
    assert placed.start == page.index("glimmer of hope", page.index("<article>"))


def test_a_heading_also_inside_the_paragraph_before_it_is_placed_at_the_heading() -> None:
    heading = "Key Challenges"
    # The extractor changed the paragraph's quotes, so it is not found and does not hold
    # the heading's search back.
    page = _page(
        "<article>\n<p>&#8220;Key Challenges remain,&#8221; the report says.</p>\n"
        f"<h2>{heading}</h2>\n<p>{SECOND}</p>\n</article>"
    )
    extracted = f'"Key Challenges remain," the report says.\n{heading}\n{SECOND}'
    placed = _placed(page, extracted, _finding(extracted, heading, after=10))
    assert placed.start == page.index(f"<h2>{heading}") + 4


TABLE = (
    "<table>\n<tr><th>Service</th><th>Old time</th></tr>\n"
    "<tr><td>Westbury to Leeds</td><td>07:12</td></tr>\n"
    "<tr><td>Leeds to York</td><td>08:05</td></tr>\n</table>"
)
ROWS = (
    "| Service | Old time | \n|---|---|\n| Westbury to Leeds | 07:12 | \n| Leeds to York | 08:05 | "
)


@pytest.mark.parametrize(
    ("phrase", "starts_at", "ends_with"),
    [
        # One row: placed in its cells.
        ("| Leeds to York | 08:05 |", "Leeds to York</td>", "08:05"),
        # Across rows: spans them in the page.
        ("Leeds | 07:12 | \n| Leeds to York", "Leeds</td><td>07:12", "Leeds to York"),
    ],
    ids=["in-one-row", "across-rows"],
)
def test_a_finding_in_table_rows_is_placed_in_their_cells(
    phrase: str, starts_at: str, ends_with: str
) -> None:
    page = _page(f"<article>\n<p>{SECOND}</p>\n{TABLE}\n</article>")
    extracted = f"{SECOND}\n{ROWS}"
    placed = _placed(page, extracted, _finding(extracted, phrase))
    assert placed.start == page.index(starts_at)
    assert placed.end == page.index(ends_with) + len(ends_with)
    assert "not found" not in placed.message


def test_a_finding_whose_text_is_not_found_is_shown_at_the_start_of_its_paragraph() -> None:
    # The second line was rewritten by the extractor: the finding's end cannot be placed.
    page = _page(f"<article>\n<p>{FIRST}</p>\n<p>Councillors voted 7-2.</p>\n</article>")
    extracted = f"{FIRST}\n{SECOND}"
    finding = _finding(extracted, "waiting list.\nCouncillors voted seven")
    placed = _placed(page, extracted, finding)
    assert placed.start == page.index(FIRST[:20])
    assert placed.message.endswith(
        "(exact position in the page not found; shown at the start of its paragraph)"
    )


def test_a_finding_whose_paragraph_is_not_found_is_still_shown_at_the_top() -> None:
    page = _page("<article>\n<p>Something else entirely.</p>\n</article>")
    extracted = FIRST
    placed = _placed(page, extracted, _finding(extracted, "glimmer of hope"))
    assert (placed.line, placed.column) == (1, 1)
    assert placed.message.endswith("(position in the page not found; shown at the top)")


def test_hidden_elements_and_templates_never_hold_a_finding() -> None:
    page = _page(
        f'<div class="mobile-menu" hidden><div><p>{FIRST}</p></div><p>{SECOND}</p></div>\n'
        f'<template id="card"><template><p>{FIRST}</p></template><p>{FIRST}</p></template>\n'
        + ARTICLE
    )
    visible = PageText(page)
    assert visible.text.count("glimmer of hope") == 1
    extracted = f"{FIRST}\n{SECOND}"
    placed = _placed(page, extracted, _finding(extracted, "glimmer of hope"))
    assert placed.start == page.index("glimmer of hope", page.index("<article>"))
    # With the article's own copy gone, nothing hidden is chosen instead.
    alone = page.replace(f"<p>{FIRST}</p>\n<p>{SECOND}</p>\n</article>", "</article>")
    missing = _placed(alone, extracted, _finding(extracted, "glimmer of hope"))
    assert "not found" in missing.message


def test_what_a_browser_shows_is_still_searched() -> None:
    page = _page(
        '<details><div hidden="until-found"><p>A glimmer of hope in the appendix.</p></div>'
        '</details>\n<div><template shadowrootmode="open"><p>Shadow text is shown.</p>'
        '</template></div>\n<p hidden class="x">Hidden, with no end tag\n'
        "<div>Text after an unclosed hidden paragraph.</div>\n"
        '<p class="not hidden" data-hidden="1">Shown despite its class.</p>'
    )
    text = PageText(page).text
    assert "A glimmer of hope in the appendix." in text
    assert "Shadow text is shown." in text
    assert "Text after an unclosed hidden paragraph." in text
    assert "Shown despite its class." in text


def test_lint_places_a_finding_on_the_headline_at_the_article_heading(
    tmp_path: Path, capsys
) -> None:
    headline = "Riverside homes are a glimmer of hope for the waiting list"
    page = _page(
        f'<div class="trending"><a href="/riverside-homes/">{headline}</a></div>\n'
        '<main><article><div class="entry-content">\n'
        f"<h2>{headline}</h2>\n<p>{SECOND} Residents said the land floods most winters.</p>\n"
        "<p>The developer, Harcourt Homes, will pay for a flood wall along the towpath.</p>\n"
        "<p>Work is expected to start in the autumn, the council said on Friday.</p>\n"
        "</div></article></main>"
    )
    html_file = tmp_path / "story.html"
    html_file.write_text(page, encoding="utf-8")
    json_file = tmp_path / "story.json"
    json_file.write_text(json.dumps({"id": "a1", "html": page}, indent=2), encoding="utf-8")
    main(["lint", str(html_file), str(json_file), "--format", "json", "--select", "FIL101"])
    report = json.loads(capsys.readouterr().out)
    placed = {Path(entry["path"]).suffix: entry["findings"] for entry in report["files"]}

    def cliche_in_heading(text: str) -> tuple[int, int]:
        """The 1-based line and column of "a glimmer of hope" in the heading of ``text``."""
        at = text.index(f"<h2>{headline}") + len("<h2>Riverside homes are ")
        return text[:at].count("\n") + 1, at - text.rfind("\n", 0, at)

    in_page = cliche_in_heading(page)
    assert [(f["line"], f["column"]) for f in placed[".html"]] == [in_page]
    in_json = cliche_in_heading(json_file.read_text(encoding="utf-8"))
    assert [(f["line"], f["column"]) for f in placed[".json"]] == [in_json]
    main(["lint", str(html_file), "--format", "full", "--select", "FIL101"])
    full = capsys.readouterr().out
    assert f"story.html:{in_page[0]}:{in_page[1]}: FIL101" in full
