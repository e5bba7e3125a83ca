"""HTML pages at the edges: nested deeper than the parser reads, or holding only labels."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quality
from quality.cli import main
from quality.errors import EmptyPageError, InputError
from quality.inputs.webpage import extract_page

SENTENCE = (
    "The harbour board approved the dredging contract on Monday after a year of delays, "
    "and work is due to start in the spring."
)
PARAGRAPH = f"<p>{SENTENCE}</p>"
NAV = '<header><a href="/">Home</a> <a href="/news">News</a></header>'


def page(body: str, *, title: str = "Harbour Times") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


# --------------------------------------------------------------------------- nested too deeply


def nested(depth: int, *, before: str = PARAGRAPH * 3) -> str:
    inner = "<div>" * depth + PARAGRAPH * 4 + "</div>" * depth
    return page(f"<article>{before}{inner}{PARAGRAPH}</article>")


def test_a_page_with_text_before_the_parsers_depth_limit_is_refused_not_scored_in_part():
    with pytest.raises(EmptyPageError) as raised:
        extract_page(nested(300))
    message = str(raised.value)
    assert "nested more than 256 deep" in message
    assert "at most the start of the page" in message
    assert isinstance(raised.value, InputError)


def test_tags_left_open_on_every_line_nest_a_page_too_deeply():
    lines = "".join(f"<font face='Arial'>{SENTENCE}<br>" for _ in range(300))
    with pytest.raises(EmptyPageError, match="nested more than 256 deep"):
        quality.score(page(lines))


def test_a_page_just_under_the_limit_is_read_whole():
    lines = "".join(f"<font face='Arial'>Line {n} of the notice.<br>" for n in range(240))
    text = extract_page(page(f"<article>{PARAGRAPH}{lines}</article>")).text
    assert "Line 239 of the notice." in text


def test_batch_scoring_reports_the_deep_page_and_scores_the_others(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    records = [
        {"id": "deep", "html": nested(400)},
        {"id": "good", "html": page(f"<article>{PARAGRAPH * 5}</article>")},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out)]) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["id"] == "deep" and "nested more than 256 deep" in rows[0]["error"]["message"]
    assert rows[1]["id"] == "good" and "score" in rows[1]


# --------------------------------------------------------------------------- only labels


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (f"{NAV}<div class='logo'>ACME</div>", "'ACME'"),
        (f"{NAV}<div>Page not found</div>", "'Page not found'"),
        (f"{NAV}<div>Loading...</div>", "'Loading...'"),
    ],
)
def test_a_page_whose_only_text_besides_links_is_a_label_is_empty(body: str, shown: str):
    with pytest.raises(EmptyPageError) as raised:
        quality.score(page(body, title="Untitled"))
    message = str(raised.value)
    assert message.startswith("no article text could be extracted from the page")
    assert shown in message


@pytest.mark.parametrize(
    "body",
    [
        # One short sentence is an article, however short.
        f"{NAV}<article><p>The bridge reopened on Friday.</p></article>",
        # A sentence closed inside the German quotation marks.
        f"{NAV}<article><p>„Wir machen weiter“, sagte sie, „bis alles fertig ist.“</p></article>",
        # Japanese: no spaces between words, its own full stop.
        f"{NAV}<article><p>港の浚渫工事が月曜日に承認された。</p></article>",
        # Thai marks no sentence end at all.
        f"{NAV}<article><p>คณะกรรมการท่าเรืออนุมัติสัญญาขุดลอกเมื่อวันจันทร์</p></article>",
        # A list of headlines: several lines of text, none a sentence, none a link.
        f"{NAV}<article><ul><li>Harbour board approves the dredging contract</li>"
        "<li>Work on the north quay to start in the spring</li></ul></article>",
    ],
)
def test_text_with_a_sentence_or_several_lines_is_an_article(body: str):
    assert extract_page(page(body)).text.strip()


# --------------------------------------------------------------------------- cost


def test_a_long_paragraph_that_is_all_link_costs_no_more_than_its_length():
    # Checking whether a line is made of link texts tried every span up to the longest
    # link's length at every word: minutes for a paragraph of 30,000 words inside a link.
    words = " ".join([SENTENCE] * 1500)
    html = page(f"<article><p><a href='/story'>{words}</a></p>{PARAGRAPH}</article>")
    started = time.perf_counter()
    text = extract_page(html).text
    assert time.perf_counter() - started < 10
    assert SENTENCE in text


@given(
    st.text(alphabet="ab ", max_size=60),
    st.sets(st.text(alphabet="ab ", min_size=1, max_size=4), max_size=6),
)
def test_lines_are_counted_in_the_kept_text_as_str_count_counts(text: str, lines: set[str]) -> None:
    from quality.inputs.webpage import _counts_in

    assert _counts_in(text, lines) == {line: text.count(line) for line in lines}


def test_stripped_lines_of_a_page_of_many_paragraphs_take_one_pass_over_the_text() -> None:
    # A str.count per paragraph over the kept text took 15 s for these 40,000 paragraphs
    # (and grew with the square of the page); one pass takes about a second.
    import lxml.html

    from quality.inputs.webpage import _stripped_blocks

    paragraphs = [f"Paragraph {i} says the council met on day {i} to talk." for i in range(40_000)]
    tree = lxml.html.fromstring(f"<html><body><p>{'</p><p>'.join(paragraphs)}</p></body></html>")
    started = time.perf_counter()
    stripped = _stripped_blocks(tree, "\n".join(paragraphs[::2]))
    assert time.perf_counter() - started < 7
    assert stripped == tuple(paragraphs[1::2])
