"""Suppression comments: each form, prefixes and ALL, unused and malformed directives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quality.cli import main
from quality.lint import suppression
from tests.conftest import write

FRONT = "---\ntitle: Budget vote\ndate: 2024-03-05\nauthor: Jane Doe\n---\n\n"


def findings(capsys, path: Path, *args: str) -> dict:
    main(["lint", "--format", "json", "--fail-under", "0", *args, str(path)])
    document = json.loads(capsys.readouterr().out)
    return document["files"][0]


def rules_at(result: dict) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in result["findings"]]


def test_ignore_applies_to_the_next_non_blank_line_only(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: ignore FIL101 -- the mayor's words -->\n"
            "\n"
            "The plan offers a glimmer of hope, Mayor Ana Ruiz said on Monday.\n"
            "Officials said the deal offers a glimmer of hope for the town.\n"
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,SUP")
    assert rules_at(result) == [("FIL101", 10)]
    assert result["suppressed"] == 1


def test_ignore_takes_several_codes_and_prefixes(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: ignore FIL1, ATT101 -- quoted -->\n"
            "Experts say the plan offers a glimmer of hope for the town and region.\n"
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,ATT101,SUP")
    assert rules_at(result) == []
    assert result["suppressed"] == 2


def test_stacked_directives_both_apply_to_the_text_line(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: ignore FIL101 -->\n"
            "<!-- quality: ignore ATT101 -->\n"
            "Experts say the plan offers a glimmer of hope for the town and region.\n"
        ),
    )
    assert rules_at(findings(capsys, path, "--select", "FIL101,ATT101,SUP")) == []


def test_disable_enable_block(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "A glimmer of hope, said the mayor, Ana Ruiz.\n"  # 7
            "<!-- quality: disable FIL101 -->\n"  # 8
            "A glimmer of hope, said the mayor, Ana Ruiz.\n"  # 9
            "\n"
            "Only a glimmer of hope, said the mayor, Ana Ruiz.\n"  # 11
            "<!-- quality: enable FIL101 -->\n"  # 12
            "A glimmer of hope, said the mayor, Ana Ruiz.\n"  # 13
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,SUP")
    assert rules_at(result) == [("FIL101", 7), ("FIL101", 13)]
    assert result["suppressed"] == 2


def test_disable_without_enable_runs_to_the_end(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: disable ALL -->\n"
            "Experts say it offers a glimmer of hope.\n"
            "As an AI language model, I cannot comment.\n"
        ),
    )
    main(["lint", str(path)])
    out = capsys.readouterr().out
    assert "BOT101" not in out and "FIL101" not in out


def test_file_ignore(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "The plan offers a glimmer of hope, the mayor said.\n\n"
            "<!-- quality: file-ignore FIL101 -- wire copy -->\n\n"
            "A glimmer of hope, the mayor said again.\n"
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,SUP")
    assert rules_at(result) == [] and result["suppressed"] == 2


def test_hash_directives_in_text_files_are_obeyed_and_not_scored_as_prose(capsys, tmp_path):
    directive = "# quality: ignore FIL101 -- quoting the mayor, Experts say"
    path = write(
        tmp_path,
        "a.txt",
        (
            "The council met on 5 March 2024 and voted to approve the budget.\n"
            f"{directive}\n"
            "The plan offers a glimmer of hope, Mayor Ana Ruiz said.\n"
        ),
    )
    result = findings(capsys, path)
    codes = [code for code, _ in rules_at(result)]
    assert "FIL101" not in codes
    assert "ATT101" not in codes  # "Experts say" inside the directive is not linted
    assert result["suppressed"] == 1


def test_hash_directives_are_not_directives_in_markdown(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + ("# quality: ignore FIL101\nThe plan offers a glimmer of hope, Mayor Ana Ruiz said.\n"),
    )
    assert ("FIL101", 8) in rules_at(findings(capsys, path, "--select", "FIL101,SUP"))


def test_html_comment_directives_in_html_pages(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.html",
        (
            "<html><head><title>Budget</title></head><body><article>\n"
            "<p>The council met on 5 March 2024, Mayor Ana Ruiz said.</p>\n"
            "<!-- quality: ignore FIL101 -->\n"
            "<p>The deal offers a glimmer of hope, said Ruiz.</p>\n"
            "<p>Another glimmer of hope, said Ruiz.</p>\n"
            "</article></body></html>\n"
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,SUP")
    assert rules_at(result) == [("FIL101", 5)]


def test_json_article_directives_live_in_the_text_field(capsys, tmp_path):
    text = "# quality: ignore FIL101\nThe plan offers a glimmer of hope, Mayor Ana Ruiz said.\n"
    path = write(tmp_path, "a.json", json.dumps({"text": text, "published": "2024-03-05"}))
    assert rules_at(findings(capsys, path, "--select", "FIL101,SUP")) == []


def test_unused_suppressions_are_reported_as_sup001(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: ignore FIL101 -- stale -->\n"  # 7: nothing to silence on line 8
            "The council met on Monday, Mayor Ana Ruiz said.\n"
            "<!-- quality: ignore ZZZ9 -->\n"  # 9: unknown code
            "The vote was seven to two.\n"
            "<!-- quality: file-ignore RES -->\n"  # 11
            "<!-- quality: ignore FIL101, ATT101 -->\n"  # 12: FIL101 used, ATT101 not
            "The plan offers a glimmer of hope, Ruiz said.\n"
        ),
    )
    result = findings(capsys, path)
    unused = [(f["line"], f["message"]) for f in result["findings"] if f["rule"] == "SUP001"]
    assert [line for line, _ in unused] == [7, 9, 11, 12]
    assert "silenced no finding on line 8" in unused[0][1]
    assert "unknown rule code 'ZZZ9'" in unused[1][1]
    assert "in this file" in unused[2][1]
    assert "'ignore ATT101'" in unused[3][1]
    assert "FIL101" not in {f["rule"] for f in result["findings"]}


def test_suppressed_findings_do_not_fail_but_still_cost_score(capsys, tmp_path):
    body = "As an AI language model, I cannot comment on the vote on 5 March 2024.\n"
    plain = write(tmp_path, "plain.md", FRONT + body)
    silenced = write(tmp_path, "silenced.md", FRONT + "<!-- quality: ignore BOT101 -->\n" + body)
    main(["lint", "--fail-under", "0", str(plain)])
    capsys.readouterr()
    assert main(["lint", "--fail-under", "0", str(plain)]) == 1
    assert main(["lint", "--fail-under", "0", str(silenced)]) == 0
    capsys.readouterr()
    assert findings(capsys, silenced)["score"] == findings(capsys, plain)["score"]
    # ...whereas ignoring the rule by selection takes it out of the score too
    assert findings(capsys, plain, "--ignore", "BOT")["score"] > findings(capsys, plain)["score"]


def test_sup_rules_follow_selection(capsys, tmp_path):
    path = write(tmp_path, "a.md", FRONT + "<!-- quality: ignore FIL101 -->\nPlain text here.\n")
    assert "SUP001" not in {
        f["rule"] for f in findings(capsys, path, "--ignore", "SUP")["findings"]
    }


@pytest.mark.parametrize(
    ("comment", "detail"),
    [
        ("<!-- quality: ignroe FIL101 -->", "unknown directive 'ignroe'"),
        ("<!-- quality: ignore -->", "needs at least one rule code"),
        ("<!-- quality: ignore fil-101 -->", "is not a rule code or prefix"),
        ("<!-- quality: enable FIL101 -->", "has no earlier 'disable FIL101'"),
    ],
)
def test_malformed_directives_are_reported_as_sup002(capsys, tmp_path, comment, detail):
    path = write(
        tmp_path, "a.md", FRONT + comment + "\nThe vote was seven to two, Ana Ruiz said.\n"
    )
    messages = [f["message"] for f in findings(capsys, path)["findings"] if f["rule"] == "SUP002"]
    assert len(messages) == 1 and detail in messages[0]


def test_blank_keeps_offsets():
    text = "one\n# quality: ignore X\nthree\n"
    scan = suppression.scan(text, suppression.TEXT_STYLE)
    blanked = suppression.blank(text, scan.spans)
    assert len(blanked) == len(text)
    assert blanked.splitlines()[1].strip() == "" and blanked.endswith("three\n")


@pytest.mark.parametrize("doc", ["README.md", "docs/lint.md"])
def test_the_documented_ignore_example_silences_its_finding_and_is_not_unused(
    capsys, tmp_path, doc
):
    text = (Path(__file__).resolve().parent.parent / doc).read_text(encoding="utf-8")
    start = text.index("<!-- quality: ignore FIL101")
    example = "\n".join(text[start:].splitlines()[:2]) + "\n"
    result = findings(capsys, write(tmp_path, "example.md", FRONT + example))
    codes = {f["rule"] for f in result["findings"]}
    assert result["suppressed"] == 1 and not codes & {"FIL101", "SUP001"}, result["findings"]


# Blocks per code.

GLIMMER = "Experts say the plan offers a glimmer of hope for the town and region.\n"


def test_enable_ends_only_its_own_codes_block(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: disable FIL101, ATT101 -->\n"  # 7
            + GLIMMER  # 8: both silenced
            + "<!-- quality: enable FIL101 -->\n"  # 9
            + GLIMMER  # 10: FIL101 back, ATT101 still disabled
            + "<!-- quality: enable ATT101 -->\n"  # 11
            + GLIMMER  # 12: both back
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,ATT101,SUP")
    assert rules_at(result) == [("FIL101", 10), ("ATT101", 12), ("FIL101", 12)]
    assert result["suppressed"] == 3


def test_a_second_disable_does_not_outlast_the_enable(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: disable FIL101 -->\n"  # 7
            + GLIMMER  # 8
            + "<!-- quality: disable FIL101 -->\n"  # 9
            + GLIMMER  # 10
            + "<!-- quality: enable FIL101 -->\n"  # 11
            + GLIMMER  # 12: enabled again
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,SUP")
    assert rules_at(result) == [("FIL101", 12)]
    assert result["suppressed"] == 2


@pytest.mark.parametrize(
    "text",
    [
        "<!-- quality: disable FIL101 -->\n<!-- quality: enable FIL101 -->\n" + GLIMMER,
        GLIMMER + "<!-- quality: disable FIL101 -->",  # the last line, no line after it
    ],
)
def test_an_empty_block_never_shows_an_inverted_range(capsys, tmp_path, text):
    path = write(tmp_path, "a.md", FRONT + text)
    messages = [
        f["message"]
        for f in findings(capsys, path, "--select", "FIL101,SUP")["findings"]
        if f["rule"] == "SUP001"
    ]
    assert len(messages) == 1 and "'disable FIL101' covers no line" in messages[0]
    assert not re.search(r"lines (\d+)-(\d+)", messages[0])


def test_an_unused_block_names_its_own_lines(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + (
            "<!-- quality: disable FIL101, ATT101 -->\n"  # 7
            "The vote was seven to two, Ana Ruiz said.\n"  # 8
            "<!-- quality: enable ATT101 -->\n"  # 9
            "The vote was seven to two, Ana Ruiz said.\n"  # 10
            "<!-- quality: enable FIL101 -->\n"  # 11
        ),
    )
    messages = sorted(
        f["message"]
        for f in findings(capsys, path, "--select", "FIL101,ATT101,SUP")["findings"]
        if f["rule"] == "SUP001"
    )
    assert "silenced no finding on line 8" in messages[0] and "ATT101" in messages[0]
    assert "silenced no finding in lines 8-10" in messages[1] and "FIL101" in messages[1]


# Fenced code in Markdown.


@pytest.mark.parametrize("fence", ["```", "~~~", "```markdown"])
def test_directives_in_a_fenced_code_block_are_examples_not_directives(capsys, tmp_path, fence):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + "To silence a cliché, write:\n"  # 7
        + f"{fence}\n"  # 8
        + "<!-- quality: disable ALL -->\n"  # 9
        + "<!-- quality: enable FIL101 -->\n"  # 10
        + f"{fence[:3]}\n"  # 11
        + GLIMMER,  # 12
    )
    result = findings(capsys, path, "--select", "FIL101,ATT101,SUP")
    assert rules_at(result) == [("ATT101", 12), ("FIL101", 12)]
    assert result["suppressed"] == 0


def test_fences_only_hide_directives_in_markdown():
    text = "```\n<!-- quality: ignore FIL101 -->\n```\nA line.\n"
    assert suppression.scan(text, suppression.MARKDOWN_STYLE).directives == []
    assert len(suppression.scan(text, suppression.HTML_STYLE).directives) == 1


def test_directives_in_an_indented_code_block_are_examples_not_directives():
    text = "To silence a cliché, write:\n\n    <!-- quality: disable ALL -->\n\nA line.\n"
    assert suppression.scan(text, suppression.MARKDOWN_STYLE).directives == []
    # Indented as the continuation of a paragraph, it is a directive.
    wrapped = "A paragraph goes on\n    <!-- quality: ignore FIL101 -->\nA line.\n"
    assert len(suppression.scan(wrapped, suppression.MARKDOWN_STYLE).directives) == 1


# Case: directives written in another case are obeyed; other comments are left alone.


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- Quality: ignore FIL101 -- the mayor's words -->",
        "<!-- QUALITY: IGNORE fil101 -->",
        "<!--Quality:Ignore FIL1-->",
        "<!-- quality: Ignore FIL101 -->",
        "> <!-- QuAlItY: ignore FIL101 -->",
    ],
)
def test_a_directive_in_another_case_is_obeyed(capsys, tmp_path, directive):
    text = "The plan offers a glimmer of hope, Mayor Ana Ruiz said on Monday.\n"
    if directive.startswith(">"):
        text = "> " + text
    path = write(tmp_path, "a.md", FRONT + directive + "\n" + text)
    result = findings(capsys, path, "--select", "FIL101,SUP")
    assert rules_at(result) == [] and result["suppressed"] == 1


def test_disable_and_file_ignore_in_another_case_are_obeyed_in_text_files(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.txt",
        (
            "# QUALITY: FILE-IGNORE ATT101 -- wire copy\n"
            "# Quality: Disable FIL101\n" + GLIMMER + "# quality: ENABLE FIL101\n" + GLIMMER
        ),
    )
    result = findings(capsys, path, "--select", "FIL101,ATT101,SUP")
    assert rules_at(result) == [("FIL101", 5)]
    assert result["suppressed"] == 3


@pytest.mark.parametrize(
    ("style", "text"),
    [
        (suppression.MARKDOWN_STYLE, "Quality: good, the editor wrote.\n"),
        (suppression.MARKDOWN_STYLE, "Quality: ignore FIL101, the editor wrote.\n"),
        (suppression.MARKDOWN_STYLE, "<!-- Quality: checked by the desk -->\n"),
        (suppression.MARKDOWN_STYLE, "<!-- QUALITY: good --> and more\n<!-- Quality: goes on\n"),
        (suppression.HTML_STYLE, "<p>Quality: good</p>\n<!-- Quality: good -->\n"),
        (suppression.TEXT_STYLE, "# Quality: what readers expect\nQuality: good\n"),
        # A heading that starts with a directive's name, followed by words, not codes.
        (suppression.TEXT_STYLE, "# Quality: Ignore the hype\n"),
        (suppression.TEXT_STYLE, "# Quality: Enable your readers -- a guide\n"),
        (suppression.MARKDOWN_STYLE, "<!-- Quality: disable the noise -->\n"),
        # Only ASCII letters spell "quality": the dotless i is another letter.
        (suppression.MARKDOWN_STYLE, "<!-- qual\u0131ty: ignore FIL101 -->\n"),
    ],
)
def test_other_text_that_mentions_quality_is_not_a_directive(style, text):
    found = suppression.scan(text, style)
    assert (found.directives, found.problems, found.spans) == ([], [], [])


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("# Quality: Ignore fil101", ("FIL101",)),
        ("# Quality: Ignore FIL, att1 -- quoted", ("FIL", "ATT1")),
        ("# QUALITY: IGNORE ALL", ("ALL",)),
    ],
)
def test_codes_written_as_codes_make_a_directive_in_another_case(line, codes):
    found = suppression.scan(line + "\nThe council met.\n", suppression.TEXT_STYLE)
    assert [d.codes for d in found.directives] == [codes]


def test_a_text_file_heading_that_reads_like_a_directive_is_a_heading(capsys, tmp_path):
    path = write(tmp_path, "a.txt", "# Quality: Ignore the hype\n\n" + GLIMMER)
    result = findings(capsys, path, "--select", "FIL101,SUP")
    assert rules_at(result) == [("FIL101", 3)]
    assert result["suppressed"] == 0


def test_prose_and_comments_that_mention_quality_raise_no_sup002(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT + "<!-- Quality: checked by the desk -->\nQuality: good, Mayor Ana Ruiz said.\n",
    )
    assert rules_at(findings(capsys, path, "--select", "SUP")) == []


@pytest.mark.parametrize(
    ("comment", "detail"),
    [
        ("<!-- Quality: ignroe FIL101 -->", "unknown directive 'ignroe'"),
        ("<!-- QUALITY: IGNORE -->", "'ignore' needs at least one rule code"),
        ("<!-- Quality: ignore FIL101 --> said the mayor", "text after the comment"),
        ("<!-- Quality: ignore FIL101", "the comment does not end on this line"),
    ],
)
def test_a_malformed_directive_in_another_case_is_reported_as_sup002(
    capsys, tmp_path, comment, detail
):
    path = write(tmp_path, "a.md", FRONT + comment + "\n" + GLIMMER)
    messages = [f["message"] for f in findings(capsys, path)["findings"] if f["rule"] == "SUP002"]
    assert len(messages) == 1 and detail in messages[0]
