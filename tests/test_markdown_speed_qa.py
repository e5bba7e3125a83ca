"""Markdown masking, made faster, masks exactly as before: byte for byte on a varied corpus,
and in time proportional to the text on long runs of unclosed markup.

The masking as it was before (each pass joined a list of characters into a new string, and
blanked character by character) is kept below verbatim, as the reference; only its entry
point is renamed. The block scanner and the helpers that did not change are shared.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quality.inputs.markdown import (
    _EMPHASIS_DEPTH,
    _ENTITY,
    _ESCAPE,
    _HIDDEN_CHARACTER,
    _HTML_TAG,
    _MDX_ESM,
    _PARAGRAPH_BREAK,
    _PARAGRAPH_LINE_END,
    _RULE_LINE,
    _SETEXT_EQUALS,
    _decoded_entity,
    _html_comment_spans,
    _is_marker_or_word,
    _matching,
    _spans_between,
    _table_rows,
    code_and_definition_spans,
    fenced_code_spans,
    mask_markdown,
    parse_front_matter,
)
from tests.conftest import assert_linear

FIXTURES = Path(__file__).parent / "fixtures" / "articles"

# The reference: quality/inputs/markdown.py's masking before it was made faster.

_LINE_MARKERS = re.compile(
    r"^(?P<mark>[ \t]*(?:(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)[ \t]*)*(?:#{1,6}[ \t]+)?)"
    r"(?:(?P<box>\[[ xX]\])(?=[ \t])|(?P<callout>\[![\w-]{1,40}\][+-]?)"
    r"|(?P<footnote>\[\^[^\]\s]{1,100}\]:))?",
    re.MULTILINE,
)

_BACKTICKS = re.compile(r"`+")

_BRACKETS_AND_BREAKS = re.compile(r"[\[\]]|\n[ \t]*(?=\n)")
_PARENS_AND_BREAKS = re.compile(r"[()]|\n[ \t]*(?=\n)")

_HEADING_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$", re.MULTILINE)

_EMPHASIS_OPENER = re.compile(r"(?<![\w*_])(?:\*{1,3}|_{1,3})(?=\S)")
_EMPHASIS_RUN = re.compile(r"\*+|_+")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def reference_mask_markdown(text: str, body_start: int = 0) -> str:
    """The text with front matter and Markdown markup replaced by spaces.

    Newlines are kept, so line and column numbers are those of the original file. Besides
    CommonMark, the markup of GitHub (tables, task lists, footnotes, strikethrough), of
    Obsidian notes (wikilinks, embeds, callouts, ``%%`` comments, ``==`` highlights) and of
    MDX (``import``/``export`` lines, JSX tags and ``{/* */}`` comments) is blanked; an HTML
    entity is replaced by the character it stands for, then spaces.
    """
    chars = list(text)
    # The patterns read lines as ending in "\n": with Windows line ends a closing fence, a
    # rule or a heading's closing hashes would never end where "$" looks. A space in place of
    # each "\r" keeps every offset.
    body = text.replace("\r\n", " \n") if "\r" in text else text
    # From the block scan on, the patterns read ``work``: the text as masked so far, so that
    # nothing in a code block or the front matter opens or closes markup outside it.
    mask = _Mask(chars, list(body))
    mask.blank(0, body_start)
    for start, end in fenced_code_spans(body, body_start):
        mask.blank(start, end)
    code, definitions = code_and_definition_spans(body, body_start)
    for start, end in (*code, *definitions):
        mask.blank(start, end)
    mask_block_markup(mask, body_start)
    mask_inline_markup(mask, body_start)
    return "".join(chars)


class _Mask:
    """The masked text (``chars``) and the copy the patterns read (``work``), where an
    escaped character is hidden so that it opens or closes no markup."""

    def __init__(self, chars: list[str], work: list[str]):
        self.chars = chars
        self.work = work

    def text(self) -> str:
        return "".join(self.work)

    def blank(self, start: int, end: int) -> None:
        _blank(self.chars, start, end)
        _blank(self.work, start, end)


def mask_block_markup(mask: _Mask, start: int) -> None:
    """Comments, and the markup that stands at the start or end of a line or fills it."""
    work = mask.text()
    comments = [
        *_html_comment_spans(work, start),
        *_script_and_style_spans(work, start),
        *_spans_between(work, start, "{/*", "*/}"),  # MDX
    ]
    for opened, closed in comments:
        mask.blank(opened, closed)
    work = mask.text()
    for opened, closed in _spans_between(work, start, "%%", "%%"):  # Obsidian
        mask.blank(opened, closed)
    work = mask.text()
    for m in _RULE_LINE.finditer(work, start):
        mask.blank(m.start(), m.end())
    for m in _SETEXT_EQUALS.finditer(work, start):
        mask.blank(m.start(), m.end())
    for m in _MDX_ESM.finditer(work, start):
        mask.blank(m.start(), m.end())
    for m in _LINE_MARKERS.finditer(work, start):
        mark = m.group("mark")
        if mark:
            mask.blank(m.start("mark"), m.end("mark"))
        opened_by = mark.rstrip(" \t")[-1:]
        # A task list's check box, which reads "[x]" like a placeholder, opens a list item's
        # content; a callout's type opens a block quote's.
        box = m.group("box") and opened_by in ("-", "*", "+", ".", ")")
        callout = m.group("callout") and opened_by == ">"
        for group in ("footnote", "box" if box else "", "callout" if callout else ""):
            if group and m.group(group):
                mask.blank(m.start(group), m.end(group))
    for m in _HEADING_CLOSE.finditer(work, start):
        mask.blank(m.start(), m.end())


def mask_inline_markup(mask: _Mask, start: int) -> None:
    """Code spans, escapes, tags, links and images, emphasis, table pipes, entities."""
    tables = _table_rows(mask.text(), start)  # before a delimiter row is blanked as a rule
    for row_start, row_end, delimiter in tables:
        if delimiter:
            mask.blank(row_start, row_end)
    work = mask.text()
    for opened, closed in _inline_code_spans(work, start):
        mask.blank(opened, closed)
    work = mask.text()
    for m in _ESCAPE.finditer(work, start):
        mask.chars[m.start()] = " "
        mask.work[m.start()] = " "
        if m.end() - m.start() == 2 and work[m.start() + 1] != "\n":
            mask.work[m.start() + 1] = _HIDDEN_CHARACTER
    work = mask.text()
    for m in _HTML_TAG.finditer(work, start):
        if m.group("close"):
            mask.blank(m.start(), m.end())
    work = mask.text()
    for blank_start, blank_end in _bracket_markup(work, start):
        mask.blank(blank_start, blank_end)
    for pairs in (_pair_runs(mask.text(), start, "~"), _pair_runs(mask.text(), start, "=")):
        for blank_start, blank_end in pairs:
            mask.blank(blank_start, blank_end)
    # Emphasis may run over lines of its paragraph, and hold other emphasis; each pass pairs
    # the outermost markers left.
    for _ in range(_EMPHASIS_DEPTH):
        joined = _PARAGRAPH_LINE_END.sub(" ", mask.text())
        spans = _emphasis_spans(joined, start)
        if not spans:
            break
        for opened, closed, marker in spans:
            mask.blank(opened, opened + marker)
            mask.blank(closed - marker, closed)
    work = mask.text()
    for row_start, row_end, delimiter in tables:
        if not delimiter:
            for at in range(row_start, row_end):
                if work[at] == "|":
                    mask.blank(at, at + 1)
    for m in _ENTITY.finditer(mask.text(), start):
        decoded = _decoded_entity(m.group())
        if decoded is not None:
            mask.blank(m.start(), m.end())
            mask.chars[m.start() : m.start() + len(decoded)] = list(decoded)


def _inline_code_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each code span: a run of backticks through the next run of the same
    length in its paragraph (CommonMark 6.1); a run after a backslash opens none."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start)]
    if len(runs) < 2:
        return []
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text, start)]
    by_length: dict[int, list[int]] = {}
    for index, (run_start, run_end) in enumerate(runs):
        by_length.setdefault(run_end - run_start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        run_start, run_end = runs[index]
        same = by_length[run_end - run_start]
        following = bisect_left(same, index + 1)
        escaped = run_start > start and text[run_start - 1] == "\\"
        if following < len(same) and not escaped:
            closing_start, closing_end = runs[same[following]]
            paragraph_end = bisect_left(breaks, run_end)
            if paragraph_end == len(breaks) or breaks[paragraph_end] > closing_start:
                spans.append((run_start, closing_end))
                index = same[following] + 1
                continue
        index += 1
    return spans


def _bracket_markup(text: str, start: int) -> list[tuple[int, int]]:
    """The spans to blank for links and images (inline and by reference), footnote
    references and Obsidian wikilinks and embeds. A link keeps its label; an image, a
    footnote reference and an embed are blanked whole; a wikilink keeps its label, or its
    page's name when it has none."""
    if "[" not in text:
        return []
    closing = _matching(text, start, _BRACKETS_AND_BREAKS, "[")
    parens = _matching(text, start, _PARENS_AND_BREAKS, "(") if "(" in text else {}
    spans: list[tuple[int, int]] = []
    skipped_until = start  # inside an image, a destination or a wikilink already blanked
    for opened in sorted(closing):
        if opened < skipped_until:
            continue
        closed = closing[opened]
        image = opened > start and text[opened - 1] == "!"
        after = closed + 1
        if text.startswith("[", opened + 1) and closing.get(opened + 1) == closed - 1:
            if image:
                spans.append((opened - 1, after))
            else:
                label = text.find("|", opened + 2, closed - 1)
                spans.append((opened, opened + 2 if label < 0 else label + 1))
                spans.append((closed - 1, after))
            skipped_until = after
        elif text.startswith("^", opened + 1):
            spans.append((opened, after))
            skipped_until = after
        elif after in parens or (after < len(text) and text[after] == "[" and after in closing):
            end = (parens[after] if after in parens else closing[after]) + 1
            if image:
                spans.append((opened - 1, end))
                skipped_until = end
            else:
                spans.append((opened, opened + 1))
                spans.append((closed, end))
    # A destination's brackets or an inner label's come later in the list than their link;
    # blanking them twice is harmless.
    return spans


def _pair_runs(text: str, start: int, mark: str) -> list[tuple[int, int]]:
    """The markers of each ``~~struck~~`` or ``==highlighted==`` stretch on a line: a run of
    exactly two ``mark`` before a non-space, paired with the next such run after one."""
    double = mark * 2
    if double not in text:
        return []
    spans: list[tuple[int, int]] = []
    runs = re.finditer(rf"(?<!{re.escape(mark)}){re.escape(double)}(?!{re.escape(mark)})", text)
    opened: int | None = None
    for m in runs:
        at = m.start()
        if at < start:
            continue
        if opened is not None and text.find("\n", opened, at) >= 0:
            opened = None  # a stretch does not go past its line
        if opened is not None and not text[at - 1].isspace():
            spans.extend([(opened, opened + 2), (at, at + 2)])
            opened = None
        elif at + 2 < len(text) and not text[at + 2].isspace():
            opened = at
    return spans


def _script_and_style_spans(text: str, start: int) -> list[tuple[int, int]]:
    """<script> and <style> elements in the Markdown, whose content is code, not prose."""
    from quality.matching import fold

    lowered = fold(text)  # lower case of the same length ("İ".lower() is two characters)
    return [
        *_spans_between(lowered, start, "<script", "</script>"),
        *_spans_between(lowered, start, "<style", "</style>"),
    ]


def _emphasis_spans(text: str, start: int = 0) -> list[tuple[int, int, int]]:
    """(start, end, marker length) of each emphasised span, left to right, without overlap.

    The pairs the regex in the comment on _EMPHASIS_OPENER would find: an opener of one to
    three ``*`` or ``_`` (not after a word character or another marker, before a non-space)
    closes at the nearest same marker on its line that follows a non-space and is not
    followed by a word character or marker; a three-character opener that finds no closer
    tries two, then one. The closers of each marker are listed once per line and found by
    bisection, so a line costs O(n log n) whatever it holds.
    """
    spans: list[tuple[int, int, int]] = []
    line_start = start
    length = len(text)
    while line_start <= length:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = length
        if "*" in text[line_start:line_end] or "_" in text[line_start:line_end]:
            spans.extend(_line_emphasis(text, line_start, line_end))
        line_start = line_end + 1
    return spans


def _line_emphasis(text: str, line_start: int, line_end: int) -> list[tuple[int, int, int]]:
    closers: dict[str, list[int]] = {}
    for run in _EMPHASIS_RUN.finditer(text, line_start, line_end):
        mark = run.group()[0]
        for size in range(1, min(3, len(run.group())) + 1):
            marker = mark * size
            # Every place the marker fits in the run: "**" closes at either pair of "***".
            for at in range(run.start(), run.end() - size + 1):
                if (
                    at > line_start
                    and not text[at - 1].isspace()
                    and not _is_marker_or_word(text, at + size, line_end)
                ):
                    closers.setdefault(marker, []).append(at)
    spans: list[tuple[int, int, int]] = []
    position = line_start
    while True:
        opener = _EMPHASIS_OPENER.search(text, position, line_end)
        if opener is None:
            return spans
        found = None
        for size in range(len(opener.group()), 0, -1):
            after = opener.start() + size
            if after >= line_end or text[after].isspace():
                continue
            candidates = closers.get(opener.group()[0] * size, [])
            # At least one character of text between the markers.
            index = bisect_left(candidates, after + 1)
            if index < len(candidates):
                found = (opener.start(), candidates[index] + size, size)
                break
        if found is None:
            position = opener.start() + 1
        else:
            spans.append(found)
            position = found[1]


# The corpus.

FRONT = "---\ntitle: Harbour plan\nauthor: Ana Ruiz\ndate: 2024-03-05\n---\n"

#: Prose, every kind of markup the masking knows, half-open and unclosed markup, line ends
#: of each kind, and characters whose case or digit class the patterns may read.
PIECES = [
    *("Officials", "say", "the", "plan", "works.", "a_b", "snake_case", "2024", "٣", "İ", "ſ"),
    *("*", "**", "***", "_", "__", "___", "*a*", "**b**", "_c_", "*x", "y*", "a*b", "* ", " *"),
    *("[", "]", "(", ")", "[a](u)", "[a][r]", "![i](p.png)", "[^1]", "[[w|L]]", "![[e]]", "[a]:"),
    *("`", "``", "`c`", "```", "~~~", "~", "~~", "~~s~~", "=", "==", "==h==", "%%", "%%c%%"),
    *("<", ">", "<b>", "</b>", "<a href='u'", "<!--", "-->", "<script>", "</SCRIPT>", "<style>"),
    *("&", "&amp;", "&#x41;", "&#10;", "&nbsp;", "&nosuch;", "{/*", "*/}"),
    *("\\", "\\*", "\\[", "\\\\", "\\\n"),
    *("|", "| a | b |", "|---|---|", "| --- | :-: |", "#", " #", "# ", "## H ##", "=====", "---"),
    *("> ", ">", "> > ", "- ", "+ ", "1. ", "2) ", "- [x] ", "> [!note]", "[^n]: ", "    "),
    *("import X from 'y'", "export const a = 1", "<Chart", "  data={[1]}", "/>", "\t"),
    *("\n", "\n", "\n\n", "\r\n", "\r", "  \n", "\\\n", " ", " ", "é", "東京", "🎉"),
]

#: The characters markup is made of, for texts drawn character by character.
MARKUP = "*_~=#`[]()<>!|\\&;-:^%{}/.x1a \t\n\r"


def assert_masks_as_before(text: str, body_start: int = 0) -> None:
    assert mask_markdown(text, body_start) == reference_mask_markdown(text, body_start)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.booleans(), st.sampled_from(["", " "]))
def test_drafts_of_markup_pieces_mask_as_before(
    pieces: list[str], front: bool, separator: str
) -> None:
    body = separator.join(pieces)
    text = FRONT + body if front else body
    assert_masks_as_before(text, len(FRONT) if front else 0)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=MARKUP, max_size=200))
def test_texts_of_markup_characters_mask_as_before(text: str) -> None:
    assert_masks_as_before(text)
    assert_masks_as_before(FRONT + text, len(FRONT))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MARKUP, max_size=100), st.integers(min_value=0))
def test_masking_from_any_start_masks_as_before(text: str, start: int) -> None:
    assert_masks_as_before(text, start % (len(text) + 1))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_any_text_masks_as_before(text: str) -> None:
    assert_masks_as_before(text)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda path: path.name)
@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_the_markdown_fixtures_mask_as_before(path: Path, line_end: str) -> None:
    text = path.read_text(encoding="utf-8").replace("\n", line_end)
    assert_masks_as_before(text, parse_front_matter(text)[1])


def test_a_long_draft_with_every_kind_of_markup_masks_as_before() -> None:
    paragraph = (
        "The council voted **7-2** on Tuesday to approve a *€40 million* [plan](https://e.org/p "
        '"Plan") for the harbour, a move that __officials__ say offers ~~hope~~ ==relief== to '
        "the district's `12,000` residents[^1] &mdash; the first since 2019\\*.\n"
    )
    blocks = [
        "## The vote ##\n",
        "| Item | Cost |\n| --- | ---: |\n| Dredging | €12m |\n| Quay walls | €28m |\n",
        "- [x] Dredging\n- [ ] Quay *walls*\n  1. nested\n",
        "> Residents said:\n>\n> > the plan came *too late*.\n",
        "```python\nprint('*not emphasis*')\n```\n",
        "    indented code\n",
        '<!-- an editor\'s note -->\n<div class="note">An HTML block.</div>\n',
        "%% an Obsidian comment %%\n> [!warning] Take care\n[[Harbour|the harbour]]\n",
        "import { Chart } from './chart';\n<Chart\n  data={[12, 28]}\n/>\n{/* note */}\n",
        "Setext\n======\n\n***\n",
        '[1]: https://example.org/step "Step"\n[^1]: The council\'s figures.\n',
    ]
    body = "\n".join(paragraph + "\n" + blocks[n % len(blocks)] for n in range(200))
    assert_masks_as_before(FRONT + body, len(FRONT))
    windows = (FRONT + body).replace("\n", "\r\n")
    assert_masks_as_before(windows, parse_front_matter(windows)[1])


# Time in proportion to the text.

#: Texts of one piece repeated: each opener without its closer, unclosed and nested markup.
REPEATED = [
    *("[", "*", "_", "`", "<", "&", "==", "%%", "~~", "\\", "#", " #", "|", "(", "![", "[["),
    *("{/*", "<!--", "<script", "&amp", "*a ", "`a ", "~~a ", "==a ", "[^", "- [x] ", "*\n"),
]


def nested_quotes(size: int) -> str:
    return ("> " * 50 + "x\n") * (size // 102)


@pytest.mark.parametrize(
    "make",
    [
        *(lambda size, piece=piece: piece * (size // len(piece)) for piece in REPEATED),
        nested_quotes,
    ],
    ids=[*(repr(piece) for piece in REPEATED), "nested-quotes"],
)
def test_masking_takes_time_in_proportion_to_the_text(make) -> None:
    assert_linear(
        lambda text: mask_markdown(text, len(FRONT)),
        lambda size: FRONT + make(size),
        30_000,
        120_000,
    )
