"""MDX drafts read as MDX reads them: ESM statements over several lines and ``{...}``
expressions are blanked, every offset stays true, and in Markdown a brace is text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quality.analysis import Document
from quality.article import Article
from quality.cli import main
from quality.inputs import format_for_path, load_article
from quality.inputs.markdown import mask_markdown, parse_front_matter
from quality.pipeline import default_pipeline
from tests.conftest import assert_linear

FRONT = "---\ntitle: Budget vote\nauthor: Ana Ruiz\ndate: 2024-03-05\n---\n"

ESM = (
    "export const meta = {\n"
    '  title: "Budget vote",\n'
    '  tags: ["council", "budget"],\n'
    "}\n"
    "import {\n"
    "  Chart,\n"
    "  Figure,\n"
    '} from "../components"\n'
    "export default function Layout({ children }) {\n"
    "  return <Page>{children}</Page>\n"
    "}\n"
)


def mdx(text: str, body_start: int = 0) -> str:
    masked = mask_markdown(text, body_start, mdx=True)
    assert_offsets_kept(text, masked)
    return masked


def assert_offsets_kept(text: str, masked: str) -> None:
    assert len(masked) == len(text)
    assert [m.start() for m in re.finditer("[\r\n]", masked)] == [
        m.start() for m in re.finditer("[\r\n]", text)
    ]


def blanked(masked: str, text: str, part: str) -> bool:
    start = text.index(part)
    return not masked[start : start + len(part)].strip()


def findings(text: str, rule: str) -> list[tuple[int, int, str]]:
    article = Article(text=mdx(text, parse_front_matter(text)[1]), source_format="markdown")
    report = default_pipeline().score_article(article)
    return [(f.line, f.column, f.excerpt) for f in report.findings if f.rule == rule]


# ESM.


def test_esm_over_several_lines_is_blanked_whole() -> None:
    text = FRONT + ESM + "\nThe council voted on Tuesday.\n"
    masked = mdx(text, len(FRONT))
    assert masked.split() == ["The", "council", "voted", "on", "Tuesday."]


def test_an_object_parted_by_a_blank_line_is_one_statement() -> None:
    text = 'export const meta = {\n  title: "Budget",\n\n  tags: [],\n}\n\nThe council voted.\n'
    assert mdx(text).split() == ["The", "council", "voted."]


def test_prose_straight_after_a_statement_is_read() -> None:
    text = "import Chart from './chart'\nexport const total = 40\nThe council voted.\n"
    assert mdx(text).split() == ["The", "council", "voted."]


def test_a_paragraph_that_begins_with_import_or_export_is_prose() -> None:
    text = "import duties rose, and\nexport figures fell.\n\nexport figures fell too.\n"
    assert mdx(text) == text


def test_a_statement_cannot_interrupt_a_paragraph() -> None:
    text = "The council said it would\nimport Chart, with\nits figures.\n"
    assert mdx(text) == text
    assert mdx("\n" + text[text.index("import") :]).split() == ["its", "figures."]


def test_strings_comments_and_jsx_in_esm_do_not_end_it_early() -> None:
    text = (
        "export const Note = () => (\n"
        "  <p>Don't {miss} it</p>\n"
        ")\n"
        "export const marks = {\n"
        "  brace: '}', // the council's {\n"
        "  pattern: `a ${'}'} b\n"
        "  c`, /* } */\n"
        "}\n"
        "\n"
        "The council voted.\n"
    )
    assert mdx(text).split() == ["The", "council", "voted."]


def test_an_unclosed_statement_is_left_as_text() -> None:
    text = (
        "export const meta = {\n  title: 'Budget',\n\nThe council voted on Tuesday.\n\n"
        "} the mayor added.\n"
    )
    # As Markdown reads it: only the first line, a one-line statement to that reading.
    assert mdx(text) == mask_markdown(text)
    assert mdx(text).split()[:3] == ["title:", "'Budget',", "The"]


def test_the_filler_after_a_multi_line_export_is_found_where_it_is() -> None:
    text = FRONT + ESM + "\nThe plan offers a glimmer of hope, the mayor said.\n"
    assert findings(text, "FIL101") == [(18, 17, "a glimmer of hope")]


def test_the_words_of_the_script_are_not_counted() -> None:
    text = ESM + "\nThe council voted {props.title} on Tuesday.\n"
    article = Article(text=mdx(text), source_format="markdown")
    assert Document(article).word_count == 5


# Expressions.


def test_expressions_in_running_text_are_blanked() -> None:
    text = "The {props.title} vote of {new Date().getFullYear()} passed.\n"
    masked = mdx(text)
    assert masked.split() == ["The", "vote", "of", "passed."]
    assert masked.index("vote") == text.index("vote")


def test_an_expression_block_over_lines_is_blanked() -> None:
    text = (
        "Before the list.\n"
        "\n"
        "{\n"
        "  items.map((item) => (\n"
        "    <li key={item.id}>Don't {item.name}</li>\n"
        "  ))\n"
        "}\n"
        "\n"
        "After the list.\n"
    )
    assert mdx(text).split() == ["Before", "the", "list.", "After", "the", "list."]


@pytest.mark.parametrize(
    "expression",
    ['{"}"}', "{'{'}", "{`${a}}`}", "{/* } */ a}", "{a < b ? 1 : 2}", "{x && <B c={1}>}</B>}"],
)
def test_strings_templates_comments_and_jsx_inside_do_not_close_it(expression: str) -> None:
    text = f"The council {expression} voted.\n"
    assert mdx(text).split() == ["The", "council", "voted."]


def test_an_attribute_expression_with_a_greater_than_sign_does_not_end_the_tag() -> None:
    text = "<Chart show={a > b} title='Budget' />\n\nThe council voted.\n"
    assert mdx(text).split() == ["The", "council", "voted."]


def test_an_unbalanced_brace_leaves_the_text_readable() -> None:
    text = (
        "The council { voted on Tuesday, the office said.\n"
        "\n"
        "The plan offers a glimmer of hope } she added.\n"
        "\n" + "Another paragraph of the story.\n\n" * 50
    )
    masked = mdx(text)
    assert masked == text
    assert findings(text, "FIL101") == [(3, 17, "a glimmer of hope")]


def test_an_escaped_brace_is_text() -> None:
    text = "Sets are written \\{a, b} here.\n"
    assert mdx(text).split() == ["Sets", "are", "written", "{a,", "b}", "here."]


def test_braces_in_code_are_not_expressions() -> None:
    text = (
        "Write `{` to open, then the council } voted.\n"
        "\n"
        "```js\n"
        "export const meta = {\n"
        "```\n"
        "\n"
        "    {\n"
        "\n"
        "The council } voted again.\n"
    )
    masked = mdx(text)
    assert masked.split() == [
        "Write",
        "to",
        "open,",
        "then",
        "the",
        "council",
        "}",
        "voted.",
        "The",
        "council",
        "}",
        "voted",
        "again.",
    ]


# Regular expressions.


@pytest.mark.parametrize(
    "expression",
    [
        '{text.replace(/[{]/g, "")}',
        '{text.replace(/}/g, "")}',
        "{name.split(/'/).length}",
        '{name.split(/"/).length}',
        "{/[}]/.test(name)}",
        r"{name.match(/\/}/)}",
        "{name.match(/[/}]/)}",
        "{ready ? /}/ : /{/}",
        "{(() => { return /}/i })()}",
        "{typeof /}/}",
        "{`${/}/.source}`}",
        "{/* a note */ /}/.source}",
        "{names.filter((n) => /^'/.test(n))}",
    ],
)
def test_a_regular_expression_inside_does_not_close_or_open_it(expression: str) -> None:
    text = f"The council {expression} voted {{total}}.\n"
    assert mdx(text).split() == ["The", "council", "voted", "."]


@pytest.mark.parametrize(
    "expression",
    [
        "{total / 2}",
        "{(a + b) / 2}",
        "{shares[0] / 2}",
        "{count++ / 2}",
        "{count ++ / 2}",
        "{total /* half */ / 2}",
        "{1.5 / rate}",
        "{'votes'.length / 2}",
        "{data.in / 2}",
    ],
)
def test_a_division_is_not_read_as_a_regular_expression(expression: str) -> None:
    # Read as a regular expression, "/ 2} voted {share /" would swallow the prose between.
    text = f"The council {expression} voted {{share / 3}} times.\n"
    assert mdx(text).split() == ["The", "council", "voted", "times."]


#: The pieces of a regular expression's body: characters ("/", "\\" and "[" aside, and "*"
#: that would begin a comment), escapes, and character classes, in which "/" is a character.
#: No backticks: Markdown reads a pair of them as a code span first.
REGEX_PIECES = st.one_of(
    st.sampled_from(list("{}()]'\"<>a ?+")),
    st.sampled_from(list("{}/[]'\"\\a")).map(lambda character: "\\" + character),
    st.text(alphabet="{}()/['\"<a*", max_size=5).map(lambda inside: f"[{inside}]"),
)


#: Where a regular expression may stand in an expression: what comes before and after it.
REGEX_PLACES = [("", ""), ("f(", ")"), ("[a, ", "]"), ("ok ? ", " : b"), ("a = ", ".source")]


@settings(max_examples=200, deadline=None)
@given(st.lists(REGEX_PIECES, min_size=1, max_size=12), st.sampled_from(REGEX_PLACES))
def test_any_regular_expression_is_read_whole(pieces: list[str], place: tuple[str, str]) -> None:
    before, after = place
    expression = f"{{{before}/{''.join(pieces)}/g{after}}}"
    text = f"The council {expression} voted {{total}}.\n"
    assert mdx(text).split() == ["The", "council", "voted", "."]


def test_a_regular_expression_in_an_export_does_not_break_the_statement() -> None:
    text = (
        "export const marks = {\n"
        '  quote: /"/,\n'
        "  brace: /[}]/g,\n"
        "  apostrophe: /'/,\n"
        "}\n"
        "\n"
        "The council voted.\n"
    )
    assert mdx(text).split() == ["The", "council", "voted."]


def test_slashes_in_prose_after_an_expression_are_prose() -> None:
    text = "The {total} votes / seats (and/or 1/2 of them) {a.split(/,/)} were cast.\n"
    assert mdx(text).split() == [
        *("The", "votes", "/", "seats", "(and/or", "1/2", "of", "them)", "were", "cast.")
    ]


# Blank lines in an expression.

#: A block expression with blank lines in its body, as MDX's documentation (what-is-mdx)
#: shows one.
IIFE = (
    "{(function () {\n"
    "  const share = votes / seats\n"
    "\n"
    "  if (share > 0.5) {\n"
    "    return <strong style={{color: 'green'}}>A majority.</strong>\n"
    "  }\n"
    "\n"
    "  return <em style={{color: 'gray'}}>No majority.</em>\n"
    "})()}\n"
)


def test_an_expression_alone_on_its_lines_goes_on_over_blank_lines() -> None:
    text = "Before the chart.\n\n" + IIFE + "\nAfter the chart.\n"
    assert mdx(text).split() == ["Before", "the", "chart.", "After", "the", "chart."]


def test_an_expression_alone_on_its_lines_interrupts_a_paragraph() -> None:
    text = "The mayor said:\n" + IIFE + "The council voted.\n"
    assert mdx(text).split() == ["The", "mayor", "said:", "The", "council", "voted."]


def test_an_expression_alone_on_its_lines_in_a_block_quote_goes_on_over_blank_lines() -> None:
    text = "> {[\n>   'a',\n>\n>   'b',\n> ]}\n\nThe council voted.\n"
    assert mdx(text).split() == ["The", "council", "voted."]


@pytest.mark.parametrize(
    "text",
    [
        "The council {voted\n\non} Tuesday.\n",
        # Its "{" opens a line, but text follows its "}": running text, ended by the blank line.
        "{voted\n\non} Tuesday.\n",
        "{voted\n\non Tuesday.\n",
    ],
)
def test_a_blank_line_ends_an_expression_in_running_text(text: str) -> None:
    assert mdx(text) == text


#: A draft whose JavaScript holds fillers of its own: in a regular expression, and in a
#: string past a blank line of an expression. Only the prose's are to be found.
SCRIPTED_DRAFT = (
    'The {text.replace(/[{]/g, "")} vote, it is important to note, passed.\n'
    "\n"
    "{(() => {\n"
    "  const note = 'a glimmer of hope'\n"
    "\n"
    "  return note.replace(/it is important to note|[{']/g, '')\n"
    "})()}\n"
    "\n"
    "The plan offers a glimmer of hope, the mayor said.\n"
)


def test_lint_finds_the_fillers_around_such_expressions_and_none_inside(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "story.mdx").write_text(SCRIPTED_DRAFT, encoding="utf-8")
    arguments = ["--select", "FIL101,FIL104", "--format", "json", "--exit-zero"]
    main(["lint", str(tmp_path / "story.mdx"), *arguments])
    found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert sorted((f["rule"], f["line"], f["column"]) for f in found) == [
        ("FIL101", 9, 17),
        ("FIL104", 1, 38),
    ]


# Markdown.


def test_markdown_reads_braces_and_multi_line_exports_as_text() -> None:
    text = FRONT + ESM + "\nThe {props.title} vote of {new Date().getFullYear()} passed.\n"
    article = load_article(text, format="markdown", max_chars=None)
    assert article.text == mask_markdown(text, len(FRONT))
    assert "{props.title}" in article.text
    assert "{new Date().getFullYear()}" in article.text
    assert 'title: "Budget vote",' in article.text


def test_a_markdown_file_is_linted_with_its_braces_as_text(tmp_path: Path, capsys) -> None:
    (tmp_path / "story.md").write_text(
        "The plan {offers a glimmer of hope}, the mayor said.\n", encoding="utf-8"
    )
    main(["lint", str(tmp_path / "story.md"), "--format", "json", "--exit-zero"])
    found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in found if f["rule"] == "FIL101"] == [
        ("FIL101", 1, 18)
    ]


# Linting an .mdx file.

MDX_DRAFT = (
    "export const meta = {\n"
    "  // offers a glimmer of hope\n"
    '  title: "Budget vote",\n'
    "}\n"
    "\n"
    "The plan offers a glimmer of hope, the mayor said.\n"
)


def lint_findings(path: Path, capsys) -> list[tuple[int, int]]:
    main(["lint", "--select", "FIL101", str(path), "--format", "json", "--exit-zero"])
    found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    return [(f["line"], f["column"]) for f in found]


def test_lint_finds_the_filler_after_a_multi_line_export_where_it_is(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "story.mdx").write_text(MDX_DRAFT, encoding="utf-8")
    assert (6, 17) in lint_findings(tmp_path / "story.mdx", capsys)


def test_lint_reads_an_mdx_file_as_mdx(tmp_path: Path, capsys) -> None:
    (tmp_path / "story.mdx").write_text(MDX_DRAFT, encoding="utf-8")
    assert lint_findings(tmp_path / "story.mdx", capsys) == [(6, 17)]


def test_score_and_the_library_read_an_mdx_file_as_mdx(tmp_path: Path) -> None:
    assert format_for_path("story.mdx") == "mdx"
    article = load_article(MDX_DRAFT, format="mdx")
    assert "title:" not in article.text and article.source_format == "markdown"
    assert load_article(MDX_DRAFT, format="markdown").text != article.text


# Properties and time.

#: The characters MDX and Markdown are made of, for texts drawn character by character.
CHARACTERS = "{}()[]<>/*`'\"$\\=&|;:,.!#-_ \t\n\rabcimportexp"
PIECES = [
    *("{", "}", "${", "{/*", "*/}", "//", "'", '"', "`", "<a>", "</a>", "<B c={1} />", "\\{"),
    *("import ", "export ", "export const a = {", "import { A } from 'a'", "from", "return"),
    *("```", "    ", "> ", "- ", "\n", "\n\n", "\r\n", " ", "word", "it's", "é", "🎉"),
    *("/", "/[}]/g", "a / 2", "= /", "[", "]", "++"),
]


def assert_masks_keeping_offsets(text: str, body_start: int = 0) -> None:
    assert_offsets_kept(text, mask_markdown(text, body_start, mdx=True))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CHARACTERS, max_size=200))
def test_any_text_of_mdx_characters_keeps_its_length_and_line_ends(text: str) -> None:
    assert_masks_keeping_offsets(text)
    assert_masks_keeping_offsets(FRONT + text, len(FRONT))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_any_draft_of_mdx_pieces_keeps_its_length_and_line_ends(pieces: list[str]) -> None:
    assert_masks_keeping_offsets("".join(pieces))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_keeps_its_length_and_line_ends(text: str) -> None:
    assert_masks_keeping_offsets(text)


#: Texts of one piece repeated: unclosed expressions and statements, strings, comments and
#: JSX in them, and statements that each close.
REPEATED = [
    *("{", "{a", "{'", '{"', "{`", "{/*", "{//\n", "{<a>", "{<a ", "{(", "{[", "${", "\\{"),
    *("{'{\"{`", "{ return <a>", "<a>{", "{a}", "{ \n", "{'\n"),
    *("export const a = {\n", "import {\n\n", "export const a = 1\n\n", "import {\n\n  a,\n"),
    # Regular expressions, divisions, and classes that do not close on their line.
    *("{/", "{(/", "{a/", "/", "{ /'/ ", "{[/[", "{//[\n", "export const a = /[\n"),
    # Expressions alone on their lines, read on over blank lines.
    *("{\n\n", "{'\n\n", "a {\n{\n\n", "{\n\n}x\n\n", "{`\n\n", "{\n\n}\n\n"),
]


@pytest.mark.parametrize("piece", REPEATED, ids=repr)
def test_mdx_masking_takes_time_in_proportion_to_the_text(piece: str) -> None:
    assert_linear(
        lambda text: mask_markdown(text, mdx=True),
        lambda size: piece * (size // len(piece)),
        20_000,
        80_000,
    )
