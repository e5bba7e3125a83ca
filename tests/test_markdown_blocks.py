"""Markdown blocks that are not prose: indented code and link reference definitions."""

from __future__ import annotations

from pathlib import Path

import pytest

import quality
from quality.cli import main
from quality.inputs import load_article
from quality.inputs.markdown import code_and_definition_spans, fenced_code_spans, mask_markdown
from tests.conftest import assert_linear

FRONT = "---\ntitle: Fees\n---\n"
PHRASE = "It is important to note"


def signposts(text: str) -> list[tuple[int, int]]:
    """(line, column) of each FIL104 finding (signposting such as "it is important to note")."""
    report = quality.score(text)
    return [(f.line, f.column) for f in report.findings if f.rule == "FIL104"]


def test_an_indented_code_block_is_not_scored() -> None:
    text = (
        FRONT
        + "The council published the script it used.\n"
        + "\n"
        + "    note = 'It is important to note'\n"
        + "\tprint(note)\n"
        + "\n"
        + "    run(note)\n"
        + "\n"
        + "The council met on Tuesday, Mayor Ana Ruiz said.\n"
    )
    article = load_article(text)
    assert len(article.text) == len(text)
    assert "important" not in article.text and "print" not in article.text
    assert "run(note)" not in article.text
    assert "The council met on Tuesday" in article.text
    assert signposts(text) == []


def test_code_after_a_heading_or_in_a_list_item_or_quote_is_not_scored() -> None:
    text = (
        FRONT
        + "# Method\n"
        + f"    {PHRASE} = 1\n"
        + "\n"
        + "- The script:\n"
        + "\n"
        + f"      {PHRASE} = 2\n"
        + "\n"
        + f">     {PHRASE} = 3\n"
    )
    assert "important" not in load_article(text).text
    assert signposts(text) == []


def test_an_indented_line_that_continues_a_paragraph_is_prose() -> None:
    text = (
        FRONT
        + "The council met on Tuesday and voted on the plan, and\n"
        + f"    {PHRASE.lower()} that fees rose, Mayor Ana Ruiz said.\n"
    )
    assert signposts(text) == [(5, 5)]


@pytest.mark.parametrize(
    "body, position",
    [
        # A list item's second paragraph, indented to the item's content and beyond.
        (f"- The council met on Tuesday.\n\n    {PHRASE} that fees rose.\n", (6, 5)),
        (f"1. The council met on Tuesday.\n\n    {PHRASE} that fees rose.\n", (6, 5)),
        # A nested list written with four spaces, and its content.
        (f"- The council met.\n    - {PHRASE} that fees rose.\n", (5, 7)),
        (f"- The council met.\n    - Fees rose.\n\n      {PHRASE} that it met.\n", (7, 7)),
        # A list item's hard-wrapped line, and a lazy line in a quote.
        (f"- The council met on Tuesday.\n        {PHRASE} that fees rose.\n", (5, 9)),
        (f"> The council met on Tuesday.\n    {PHRASE} that fees rose.\n", (5, 5)),
    ],
    ids=["bullet", "ordered", "nested-item", "nested-content", "item-wrap", "lazy-quote"],
)
def test_list_and_quote_content_indented_four_spaces_is_prose(
    body: str, position: tuple[int, int]
) -> None:
    assert signposts(FRONT + body) == [position]


@pytest.mark.parametrize(
    "line",
    [
        f"[Update]: {PHRASE} that the minister later said the vote was close.",
        f"[Editor's note]: {PHRASE.lower()} that this story was corrected.",
        f"[Correction]:{PHRASE} that an earlier version misnamed the mayor.",
    ],
)
def test_a_bracketed_label_before_prose_is_not_a_link_definition(line: str) -> None:
    text = FRONT + "The council met on Tuesday.\n\n" + line + "\n"
    assert line in load_article(text).text
    assert len(signposts(text)) == 1


def test_a_link_definition_after_a_paragraph_line_is_prose() -> None:
    # A definition cannot interrupt a paragraph: CommonMark shows this line as text.
    text = FRONT + "The council met on Tuesday.\n[1]: https://example.org/it-is-important\n"
    assert "[1]: https://example.org/it-is-important" in load_article(text).text


@pytest.mark.parametrize(
    "definitions",
    [
        '[1]: https://example.org/report "It is important to note"\n',
        "[report]: <https://example.org/a report> 'It is important to note'\n",
        "  [Report 2]:/reports/2.pdf (It is important to note)\n",
        '[report]: https://example.org/report\n   "It is important to note"\n',
        '[report]:\n  https://example.org/report\n  "It is important to note"\n',
        '- [report]: https://example.org/report "It is important to note"\n',
        '> [1]: https://example.org/a\n> [2]: https://example.org/b "It is important to note"\n',
    ],
    ids=["title", "angle", "parens", "title-next-line", "split", "in-list", "in-quote"],
)
def test_link_definitions_are_blanked(definitions: str) -> None:
    text = FRONT + "See [the report][1], Mayor Ana Ruiz said.\n\n" + definitions
    masked = load_article(text).text
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "example.org" not in masked and "important" not in masked
    assert "report" not in masked.split("\n", 4)[-1]
    assert signposts(text) == []


def test_text_after_masked_blocks_keeps_its_line_and_column(tmp_path: Path, capsys) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        FRONT
        + "The council published its model.\n"
        + "\n"
        + f"    {PHRASE} = True\n"
        + "\tprint('\u00e9t\u00e9', 'It is important to note')\n"
        + "\n"
        + '[1]: https://example.org/model "It is important to note"\n'
        + "[Update]: The minister later said the vote was close.\n"
        + "\n"
        + f"Mayor Ana Ruiz said on Tuesday: {PHRASE.lower()} that fees rose.\n",
        encoding="utf-8",
    )
    main(["lint", str(path), "--fail-under", "0"])
    out = capsys.readouterr().out
    assert f"{path}:12:33: FIL104" in out
    assert out.count("FIL104") == 1


def test_masking_keeps_offsets_and_line_ends() -> None:
    source = (
        "Intro.\r\n\r\n    code = 1\r\n\r\n[a]: /url 'T'\r\n\r\n- item\r\n\r\n    more prose\r\n"
    )
    masked = mask_markdown(source)
    assert masked == (
        "Intro.\r\n\r\n            \r\n\r\n             \r\n\r\n  item\r\n\r\n    more prose\r\n"
    )


def test_code_and_definitions_are_found_where_commonmark_finds_them() -> None:
    text = (
        "Para\n"  # 0
        "===\n"  # 5: a heading's underline ends the paragraph
        "    code\n"  # 9
        "<div>\n"  # 18: an HTML block goes on to a blank line
        "    <p>x</p>\n"
        "\n"
        "-\n"  # 38: a list item begins with one blank line at most
        "\n"
        "    code\n"  # 41
        "[a]:\n"  # 50: a label alone needs a destination on the next line
        "Not a destination\n"
    )
    code, definitions = code_and_definition_spans(text)
    assert code == [(9, 17), (41, 49)]
    assert definitions == []
    code, definitions = code_and_definition_spans("[a]: /u\n[b]:\n  /v\n  'T'\n\n[c]: /w\n")
    assert code == [] and definitions == [(0, 7), (8, 23), (25, 32)]


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "- " * (n // 2) + "x\n" + "\n" * n,  # deep nesting, then blank lines
        lambda n: ("> " * 50 + "x\n") * (n // 100),  # a deep quote on every line
        lambda n: "- a\n" + "  \n" * n,  # an item going on over blank lines
        lambda n: "[a]: /u\n" * (n // 8),  # definitions
        lambda n: "<pre>\n" + "    x\n" * (n // 6),  # an HTML block never closed
        lambda n: ("\n    code\n" + "- " * 20 + "x\n") * (n // 60),
        lambda n: "```\n" + "x\n" * (n // 2),  # a fence never closed
        lambda n: "> " * 20 + "```\n" + ("> " * 20 + "x\n") * (n // 42),  # a fence in quotes
        lambda n: "- ```\n  x\n\n  ```\n" * (n // 16),  # fences in list items
        lambda n: "Para\n" + ("`" * 40 + "x\n") * (n // 42),  # backtick runs that open none
    ],
    ids=[
        "nested-lists",
        "nested-quotes",
        "blank-item",
        "definitions",
        "html",
        "mixed",
        "open-fence",
        "quoted-fence",
        "item-fences",
        "not-fences",
    ],
)
def test_block_scanning_is_linear(make) -> None:
    assert_linear(fenced_code_spans, make, 30_000, 90_000)


def test_windows_line_ends_mask_exactly_as_unix_ones():
    unix = (
        "# Head #\n\nIntro line.\n\n```\ncode here\n```\n\n***\n\n"
        "    indented code\n\nIt is important to note that only time will tell.\n"
    )
    windows = unix.replace("\n", "\r\n")
    assert mask_markdown(windows) == mask_markdown(unix).replace("\n", "\r\n")
    assert "only time will tell" in mask_markdown(windows)


def code_lines(text: str) -> set[int]:
    """The numbers (from 0) of the lines that fenced or indented code blocks take."""
    code, _ = code_and_definition_spans(text)
    return {
        line
        for start, end in fenced_code_spans(text) + code
        for line in range(text.count("\n", 0, start), text.count("\n", 0, max(start, end - 1)) + 1)
    }


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # Indented four spaces, a fence is a line of indented code and opens nothing.
        ("    ```\n    x = 1\n\nThe council met.\n", {0, 1}),
        ("```\nx = 1\n    ```\ny = 2\n```\nThe council met.\n", {0, 1, 2, 3, 4}),
        # In a quote or a list item, a fence ends where the quote or item does.
        ("> ```\n> x = 1\n> ```\n", {0, 1, 2}),
        ("> ```\n> x = 1\nThe council met.\n", {0, 1}),
        ("> > ```\n> > x\n> The council met.\n", {0, 1}),
        ("- ```\n  x = 1\n\n  y = 2\n  ```\nThe council met.\n", {0, 1, 2, 3, 4}),
        ("- ```\n  x = 1\nThe council met.\n", {0, 1}),
        ("1.  ```\n    x\n   The council met.\n", {0, 1}),
        # A fence interrupts a paragraph, also a quoted one whose quote it ends.
        ("The council met.\n```\nx = 1\n```\n", {1, 2, 3}),
        ("> The council met.\n```\nx\n```\n", {1, 2, 3}),
        # No fence: backticks in the info string, or inside an HTML block.
        ("```a`b\nThe council met.\n", set()),
        ("<div>\n```\nThe council met.\n", set()),
        # Only a fence of the same character, at least as long, closes one.
        ("~~~\n```\nx\n~~~\nThe council met.\n", {0, 1, 2, 3}),
        ("````\nx\n```\ny\n````\nThe council met.\n", {0, 1, 2, 3, 4}),
    ],
)
def test_fenced_code_is_found_where_cmark_finds_it(text: str, lines: set[int]) -> None:
    # Each expectation is what cmark 0.29 (GitHub's cmark-gfm) renders as code.
    assert code_lines(text) == lines


def test_prose_after_a_fence_that_its_quote_ended_is_scored() -> None:
    text = (
        FRONT
        + "> ```\n"
        + f"> {PHRASE} = 1\n"
        + f"{PHRASE} that fees rose, Mayor Ana Ruiz said.\n"
        + "\n"
        + f"    ```\n    {PHRASE} = 2\n"
        + "\n"
        + f"Mayor Ana Ruiz said on Tuesday: {PHRASE.lower()} that the plan works.\n"
    )
    assert signposts(text) == [(6, 1), (11, 33)]
