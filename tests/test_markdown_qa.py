"""Markdown drafts as newsrooms write them: what the scorers read and where findings point.

Each draft is linted as an editor would (``quality lint story.md --format json``, ``github``,
``full``); every finding must point at its phrase in the file, and the scorers must read the
article's words without the markup around them (GitHub tables and task lists, footnotes,
Obsidian notes, MDX components).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quality.cli import main
from quality.inputs import load_article

FRONT = (
    "---\n"
    'title: "Council approves the harbour plan"\n'
    "date: 2024-03-05T09:30:00+01:00\n"
    "author:\n"
    "  name: Ana Ruiz\n"
    "tags: [council, harbour]\n"
    "summary: |\n"
    "  Two lines\n"
    "  of summary.\n"
    "---\n"
)


def masked(body: str) -> str:
    text = FRONT + body
    article = load_article(text, format="markdown", max_chars=None)
    assert len(article.text) == len(text)
    assert article.text.count("\n") == text.count("\n")
    return article.text[len(FRONT) :]


def words(text: str) -> list[str]:
    return text.split()


def lint_json(capsys, path: Path) -> dict:
    main(["lint", str(path), "--format", "json", "--exit-zero"])
    return json.loads(capsys.readouterr().out)["files"][0]


# What the scorers read.


def test_a_table_is_read_as_its_cells_words_without_pipes_or_delimiter_row() -> None:
    body = (
        "| Item | Cost |\n"
        "| :--- | ---: |\n"
        "| Dredging | €12m |\n"
        "| Quay walls \\| piers | €28m |\n"
        "\n"
        "A pipe | in prose stays.\n"
    )
    text = masked(body)
    lines = text.split("\n")
    assert lines[0].split() == ["Item", "Cost"]
    assert not lines[1].strip()
    assert lines[2].split() == ["Dredging", "€12m"]
    assert lines[3].split() == ["Quay", "walls", "|", "piers", "€28m"]  # an escaped pipe is text
    assert lines[5] == "A pipe | in prose stays."


def test_a_table_does_not_make_the_pipe_the_most_repeated_word(tmp_path, capsys) -> None:
    rows = "".join(f"| Quay {n} | €{n}m | open |\n" for n in range(12))
    path = tmp_path / "story.md"
    path.write_text(
        FRONT
        + "The council voted 7-2 on Tuesday to fund the quays, Mayor Ana Ruiz said.\n\n"
        + "| Quay | Cost | State |\n| --- | --- | --- |\n"
        + rows,
        encoding="utf-8",
    )
    found = lint_json(capsys, path)
    assert not any("| (" in f["message"] for f in found["findings"]), found["findings"]


def test_a_task_list_check_box_is_no_template_placeholder(tmp_path, capsys) -> None:
    body = "Checks before publication:\n\n- [ ] call the mayor\n- [x] check the figures\n"
    assert masked(body).split() == ["Checks", "before", "publication:", "call", "the", "mayor",
                                    "check", "the", "figures"]  # fmt: skip
    path = tmp_path / "story.md"
    path.write_text(FRONT + "The council met on Tuesday.\n\n" + body, encoding="utf-8")
    rules = [f["rule"] for f in lint_json(capsys, path)["findings"]]
    assert "BOT103" not in rules
    # Outside a list item the brackets are the text's own.
    assert masked("[x] marks the spot.\n").split() == ["[x]", "marks", "the", "spot."]


def test_footnote_references_and_labels_are_blanked_and_the_note_is_read() -> None:
    text = masked("The figure rose[^1] again[^note].\n\n[^1]: From the council's budget.\n")
    assert text.split() == ["The", "figure", "rose", "again", ".", "From", "the",
                            "council's", "budget."]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("Some **bold *nested* here** text.", "Some bold nested here text."),
        ("The plan is *a glimmer\nof hope* for all.", "The plan is a glimmer of hope for all."),
        ("Run ``a `tick` inside`` and `code\nacross` here.", "Run and here."),
        ("An escaped \\*star\\* and a hard\\\nbreak.", "An escaped *star * and a hard break."),
        ("A line  \nbreak with two spaces.", "A line break with two spaces."),
        ("See [Foo](https://w.org/wiki/Foo_(bar)) now.", "See Foo now."),
        ("See [a [nested] label](https://x.org) now.", "See a [nested] label now."),
        ('A map ![the map](m.png "Harbour (2024) map") here.', "A map here."),
        ("A [badge ![b](b.svg)](https://x.org) link.", "A badge link."),
        ("The [full\nreport](https://x.org) came out.", "The full report came out."),
        ("The [report][1] came out.\n\n[1]: https://x.org", "The report came out."),
        ("Heading text\n===\n\nBody.", "Heading text Body."),
        ("> - quoted *item*\n> 2. second", "quoted item second"),
        ("~~struck~~ and ==marked== words.", "struck and marked words."),
        ("Fish &amp; chips &mdash; &#8212; ok&nbsp;now.", "Fish & chips — — ok now."),
        ("Code ~~~ is text\n\n~~~\nhidden\n~~~\nshown", "Code ~~~ is text shown"),
        ("<!--\na note\n-->\nText.", "Text."),
    ],
)
def test_commonmark_and_github_markup_is_blanked_and_words_kept(body: str, words: str) -> None:
    assert masked(body).split() == words.split()


def test_obsidian_note_markup_is_blanked() -> None:
    body = (
        "Linked to [[Council meetings]] and [[Budget 2024|the budget]].\n\n"
        "> [!note]- Editor's note\n> Officials said so.\n\n"
        "![[map.png]]\n\n"
        "%% a private comment\nover lines %%\n\n"
        "The end.\n"
    )
    expected = (
        "Linked to Council meetings and the budget . Editor's note Officials said so. The end."
    )
    assert masked(body).split() == words(expected)


def test_mdx_imports_exports_components_and_comments_are_blanked() -> None:
    body = (
        "import Chart from '../../components/Chart.astro';\n"
        'import { Callout } from "@/components/Callout";\n'
        "export const budget = 40;\n"
        "\n"
        "The council voted on Tuesday.\n"
        "\n"
        "<Chart\n"
        '  title="Harbour spending"\n'
        "  data={[12, 28]}\n"
        "/>\n"
        "\n"
        '<Callout type="info">\n'
        "The plan is sound, Ruiz said.\n"
        "</Callout>\n"
        "\n"
        "It costs 40 million {/* a glimmer of hope */} euros.\n"
        "\n"
        "Import duties rose, and export figures fell.\n"
    )
    assert masked(body).split() == words(
        "The council voted on Tuesday. The plan is sound, Ruiz said. It costs 40 million euros. "
        "Import duties rose, and export figures fell."
    )


def markdown_it_words(source: str) -> list[str]:
    """The words of ``source`` as a CommonMark renderer (with GitHub tables and
    strikethrough) shows them; code and images shown as nothing, as the scorers read them."""
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    page = rendered.render(source)
    page = re.sub(r"<pre><code.*?</code></pre>|<code>.*?</code>|<img[^>]*>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page)).split()


DRAFT = """\
Council approves the harbour plan
=================================

The council voted **7-2** on Tuesday to approve a *€40 million* plan
for the harbour, a move that officials say offers __a glimmer of hope__
for the district.\\
Experts say the plan is a ***game changer***.
It remains to be seen whether the [works](https://example.org/works "Works (2024)")
start on time.

> Residents said:
>
> - the plan came *too late*;
> - it is, at the end of the day, a [big step][1] forward.
>   1. nested point
>   2. another

Read the [full
report](https://example.org/report) and see ![the map](map.png "Map") below.

| Item | Cost |
| --- | ---: |
| Dredging | `€12m` |
| Quay walls | €28m |

Setext two
----------

<div class="note">
An HTML block the reader sees.
</div>

<!--
An editor's note that spans
several lines.
-->

~~~python
print("a glimmer of hope")
~~~

```js
const x = 1;
```

    indented code

Fish &amp; chips cost ~~£5~~ £6 now &mdash; up 20%.

[1]: https://example.org/step "Step"
"""


def test_a_draft_reads_as_a_commonmark_renderer_shows_it() -> None:
    assert masked(DRAFT).split() == markdown_it_words(DRAFT)


#: Words, markup, line ends, blanks and characters beyond ASCII, to be joined at random.
PIECES = [
    *("Officials", "say", "*a", "glimmer*", "**of", "hope**", "[the", "report](u)", "`code`"),
    *("| cell |", "\n", "\n\n", "> ", "- ", "1. ", "![img](i.png)", "~~x~~", "\\*", "&amp;"),
    *("[^1]", "<b>", "</b>", "é", "東京", "🎉", "\t", "  \n", "a\u0301", "|---|", "[[a|b]]"),
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_masking_keeps_every_offset_and_only_blanks_or_decodes(pieces: list[str]) -> None:
    source = FRONT + " ".join(pieces)
    text = load_article(source, format="markdown", max_chars=None).text
    assert len(text) == len(source)
    for index, (shown, original) in enumerate(zip(text, source, strict=True)):
        if original in "\r\n" or shown == original or shown == " ":
            assert (shown in "\r\n") == (original in "\r\n")
            continue
        # An entity's first character becomes the character it stands for.
        assert source.rfind("&", 0, index + 1) == index, (index, shown, original)


# Where findings point.

STORY = (
    FRONT
    + "東京 🎉 Café\u0301 owners\tsaid the plan offers *a glimmer of hope*, officials say.\n"
    + "\n"
    + "| Quay | Note |\n| --- | --- |\n| North | a game changer |\n"
    + "\n"
    + "- [x] It remains to be seen whether the works start.\n"
    + "\n"
    + "<!-- quality: ignore ATT101 -- the agency does not name them -->\n"
    + "> Experts say the harbour will grow[^1].\n"
    + "\n"
    + "[^1]: At the end of the day, the figures are the council's."
)


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_finding_points_at_its_phrase_in_every_format(tmp_path, capsys, line_end) -> None:
    path = tmp_path / "story.md"
    path.write_bytes(STORY.replace("\n", line_end).encode("utf-8"))
    source_lines = STORY.split("\n")
    found = lint_json(capsys, path)
    source = STORY.replace("\n", "\r\n" if line_end == "\r\n" else "\n")
    expected = [
        ("FIL101", "a glimmer of hope", 11, 41),
        ("FIL101", "a game changer", 15, 11),
        ("FIL103", "It remains to be seen", 17, 7),
        ("FIL101", "At the end of the day", 22, 7),
    ]
    for rule, phrase, line, column in expected:
        [finding] = [f for f in found["findings"] if f["rule"] == rule and f["line"] == line]
        assert (finding["column"], finding["end_line"]) == (column, line), (rule, phrase)
        assert source_lines[line - 1][column - 1 : finding["end_column"] - 1] == phrase
        assert source[finding["start"] : finding["end"]] == phrase
        assert finding["excerpt"] == phrase
    phrases = {f["rule"]: f for f in found["findings"] if f["line"] == 11}
    rules = [f["rule"] for f in found["findings"]]
    assert "ATT101" in rules  # "officials say" on the first line
    assert [f["line"] for f in found["findings"] if f["rule"] == "ATT101"] == [11]
    assert "BOT103" not in rules and found["suppressed"] >= 1

    main(["lint", str(path), "--format", "github", "--exit-zero"])
    github = capsys.readouterr().out
    glimmer = phrases["FIL101"]
    assert (
        f"line={glimmer['line']},col={glimmer['column']},endLine={glimmer['end_line']},"
        f"endColumn={glimmer['end_column']},title=FIL101::" in github
    )

    main(["lint", str(path), "--format", "full", "--exit-zero"])
    full = capsys.readouterr().out
    block = full[full.index(f"{path}:{glimmer['line']}:{glimmer['column']}: FIL101") :]
    source_line, caret_line = block.split("\n")[2:4]
    # The caret stands under the phrase as a terminal shows it (wide characters take two
    # columns, a tab is shown as one space).
    from rich.cells import cell_len

    shown = source_line.split(" | ", 1)[1]
    caret = caret_line.split(" | ", 1)[1]
    assert caret.strip() == "^" * len("a glimmer of hope")
    assert cell_len(shown[: shown.index("a glimmer")]) == len(caret) - len(caret.lstrip())


def test_mdx_files_are_found_in_folders_and_read_as_markdown(tmp_path, capsys) -> None:
    from quality.cli import main
    from quality.inputs import ARTICLE_EXTENSIONS, format_for_path

    assert format_for_path("story.mdx") == "mdx"
    (tmp_path / "story.mdx").write_text(
        "import Chart from './chart'\n\nThe plan offers a glimmer of hope, the mayor said.\n"
    )
    main(["lint", "--select", "FIL101", str(tmp_path)])
    assert f"{tmp_path / 'story.mdx'}:3:17: FIL101" in capsys.readouterr().out
    documented = " ".join((Path(__file__).parents[1] / "docs" / "lint.md").read_text().split())
    for extension in ARTICLE_EXTENSIONS:
        assert f"`{extension}`" in documented
