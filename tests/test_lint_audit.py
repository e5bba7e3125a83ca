"""The lint audit's findings: directive comments read to their first ``-->``, MDX comment
directives, what a folder walk passes over (git's ignored files, editor folders, other
tools' JSON), files that could not be linted in ``--statistics``, Markdown excerpts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quality
from quality.cli import main
from quality.lint import suppression
from quality.lint.discovery import Target, discover
from quality.lint.runner import _dated_by_file_name
from tests.conftest import write
from tests.test_suppression import FRONT, findings, rules_at

#: line 7 of a file that starts with FRONT and one line of directives
EXPERTS = "Experts say the plan offers a glimmer of hope for the town and region.\n"
STORY = "Mayor Ana Ruiz said on 5 March 2024 that the council had approved the plan.\n"


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["lint", "--format", "json", "--fail-under", "0", *args])
    return code, json.loads(capsys.readouterr().out)


def messages(result: dict, rule: str) -> list[str]:
    return [f["message"] for f in result["findings"] if f["rule"] == rule]


# Directive comments end at their first "-->".


def test_two_directives_on_one_line_are_both_obeyed(capsys, tmp_path):
    directives = "<!-- quality: ignore FIL101 --> <!-- quality: ignore ATT101 -- quoted -->\n"
    path = write(tmp_path, "a.md", FRONT + directives + EXPERTS)
    result = findings(capsys, path, "--select", "FIL101,ATT101,SUP")
    assert rules_at(result) == [] and result["suppressed"] == 2


def test_text_after_the_first_closing_keeps_a_directive_from_being_obeyed(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT + "<!-- quality: disable ATT101 --> visible words <!-- x -->\n" + EXPERTS,
    )
    result = findings(capsys, path, "--select", "ATT101,SUP")
    assert rules_at(result) == [("SUP002", 7), ("ATT101", 8)]
    (message,) = messages(result, "SUP002")
    assert "text after the comment ('visible words <!-- x -->')" in message


def test_a_second_closing_is_text_after_the_comment_not_its_reason(capsys, tmp_path):
    path = write(tmp_path, "a.md", FRONT + "<!-- quality: ignore ATT101 -- a --> b -->\n" + EXPERTS)
    result = findings(capsys, path, "--select", "ATT101,SUP")
    assert rules_at(result) == [("SUP002", 7), ("ATT101", 8)]
    (message,) = messages(result, "SUP002")
    assert "('b -->'), which ends at its first '-->'" in message


@pytest.mark.parametrize("ending", ["--->", "---->", " --->"])
def test_a_comment_that_ends_with_more_dashes_is_obeyed(capsys, tmp_path, ending):
    path = write(
        tmp_path, "a.md", FRONT + f"<!-- quality: ignore FIL101,ATT101{ending}\n" + EXPERTS
    )
    result = findings(capsys, path, "--select", "FIL101,ATT101,SUP")
    assert rules_at(result) == [] and result["suppressed"] == 2


def test_several_directives_on_a_line_share_its_next_line_in_every_style():
    line = "<!-- quality: ignore FIL101 -->  <!-- quality: disable ATT -- why -->\nA line.\n"
    for style in (suppression.TEXT_STYLE, suppression.MARKDOWN_STYLE, suppression.HTML_STYLE):
        found = suppression.scan(line, style)
        assert found.problems == []
        assert [(d.kind, d.codes, d.reason, d.line) for d in found.directives] == [
            ("ignore", ("FIL101",), None, 1),
            ("disable", ("ATT",), "why", 1),
        ]


# MDX comments.


def test_mdx_comment_directives_are_obeyed(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.mdx",
        FRONT
        + "{/* quality: file-ignore REP -- three takes of one line */}\n"  # 7
        + "{/* quality: ignore FIL101 */}\n"  # 8
        + EXPERTS  # 9: FIL101 silenced, ATT101 not
        + "\n"
        + "{ /* quality: disable ATT101 -- quoted */ }\n"  # 11
        + EXPERTS  # 12
        + "> {/*quality:enable ATT101*/}\n"  # 13
        + EXPERTS,  # 14
    )
    result = findings(capsys, path, "--select", "FIL101,ATT101,REP,SUP")
    assert rules_at(result) == [("ATT101", 9), ("FIL101", 12), ("ATT101", 14), ("FIL101", 14)]
    # FIL101 on line 9, ATT101 on line 12, and the REP findings of lines 12 and 14
    assert result["suppressed"] == 5


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("{/* quality: ignroe ATT101 */}", "unknown directive 'ignroe'"),
        ("{/* quality: ignore ATT101 */} said the mayor", "text after the comment"),
        ("{/* quality: ignore ATT101 */ + 1}", "text after the comment"),
        ("{/* quality: ignore ATT101", "the comment does not end on this line"),
        ("{/* quality: ignore ATT101 */", "the comment does not end on this line"),
        ("{/* quality: ignore */}", "'ignore' needs at least one rule code"),
    ],
)
def test_a_malformed_mdx_directive_is_sup002(capsys, tmp_path, line, detail):
    path = write(tmp_path, "a.mdx", FRONT + line + "\n}\n\n" + EXPERTS)
    result = findings(capsys, path, "--select", "ATT101,SUP")
    assert [rule for rule, _ in rules_at(result)] == ["SUP002", "ATT101"]
    (message,) = messages(result, "SUP002")
    assert detail in message


def test_an_mdx_directive_in_a_code_fence_is_an_example():
    text = "```mdx\n{/* quality: disable ALL */}\n```\nA line.\n"
    assert suppression.scan(text, suppression.MARKDOWN_STYLE) == suppression.Scan([], [], [])


# What a folder walk passes over.


def walked(root: Path, **options: bool) -> list[str]:
    found = list(discover([str(root)], **options))
    assert all(isinstance(target, Target) for target in found), found
    return [Path(target.display).relative_to(root).as_posix() for target in found]


@pytest.fixture
def work_tree(tmp_path: Path) -> Path:
    """A git work tree (a folder with .git is one, to git and to ruff) with ignored files."""
    root = tmp_path / "site"
    (root / ".git" / "info").mkdir(parents=True)
    (root / ".git" / "info" / "exclude").write_text("scratch.md\n", encoding="utf-8")
    for name in (
        "articles/a.md",
        "articles/b.draft.md",
        "articles/keep.draft.md",
        "build/out.md",
        "_site/page.html",
        "scratch.md",
        "desk/build/kept.md",
        "desk/notes.md",
    ):
        write_file(root / name, STORY)
    (root / ".gitignore").write_text(
        "# build output\nbuild/\n/_site\n*.draft.md\n!keep.draft.md\n", encoding="utf-8"
    )
    # A closer .gitignore decides over the top one: its negation brings desk/build back.
    (root / "desk" / ".gitignore").write_text("!build/\nnotes.md\n", encoding="utf-8")
    return root


def write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_walk_passes_over_what_git_ignores(work_tree):
    assert walked(work_tree) == [
        "articles/a.md",
        "articles/keep.draft.md",
        "desk/build/kept.md",
    ]


def test_git_ignores_patterns_from_above_the_folder_walked(work_tree):
    assert walked(work_tree / "articles") == ["a.md", "keep.draft.md"]


def test_a_folder_git_ignores_is_walked_when_named(work_tree):
    assert walked(work_tree / "build") == ["out.md"]


def test_respect_gitignore_can_be_switched_off(work_tree):
    assert len(walked(work_tree, respect_gitignore=False)) == 8


def test_gitignore_counts_only_in_a_git_work_tree(work_tree):
    (work_tree / ".git" / "info" / "exclude").unlink()
    (work_tree / ".git" / "info").rmdir()
    (work_tree / ".git").rmdir()
    assert len(walked(work_tree)) == 8


def test_a_repository_nested_in_the_walk_follows_its_own_gitignore(work_tree):
    nested = work_tree / "articles" / "vendor"
    (nested / ".git").mkdir(parents=True)
    write_file(nested / "x.draft.md", STORY)
    assert "articles/vendor/x.draft.md" in walked(work_tree)


def test_respect_gitignore_on_the_command_line_and_in_the_configuration(
    capsys, work_tree, monkeypatch
):
    monkeypatch.chdir(work_tree)

    def linted(*args: str) -> int:
        code, document = report(capsys, *args, ".")
        assert code == 0, document
        return len(document["files"])

    assert linted() == 3
    assert linted("--no-respect-gitignore") == 8
    (work_tree / "quality.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert linted() == 8
    assert linted("--respect-gitignore") == 3
    # An ignored file named on the command line is linted, as in ruff.
    code, document = report(capsys, "build/out.md")
    assert code == 0 and [f["path"] for f in document["files"]] == ["build/out.md"]


def test_a_respect_gitignore_that_is_not_a_boolean_is_a_configuration_error(
    capsys, tmp_path, monkeypatch
):
    write(tmp_path, "quality.toml", 'respect-gitignore = "yes"\n')
    write(tmp_path, "a.md", STORY)
    monkeypatch.chdir(tmp_path)
    code = main(["lint", "a.md"])
    err = capsys.readouterr().err
    assert code == 2 and "key 'respect-gitignore' must be true or false" in err


def test_editor_folders_are_not_walked(tmp_path):
    write_file(tmp_path / "a.md", STORY)
    write_file(tmp_path / ".vscode" / "settings.json", '{"editor.tabSize": 2}\n')
    write_file(tmp_path / ".vscode" / "notes.md", STORY)
    write_file(tmp_path / ".idea" / "notes.md", STORY)
    assert walked(tmp_path) == ["a.md"]


def test_other_tools_json_files_in_a_walk_are_not_articles(capsys, tmp_path):
    write_file(tmp_path / "story.md", STORY)
    write_file(tmp_path / "package.json", '{"name": "site", "author": "Jane Doe"}\n')
    write_file(tmp_path / "package-lock.json", '{"lockfileVersion": 3}\n')
    write_file(tmp_path / "composer.json", '{"name": "news/site"}\n')
    # Comments: not JSON at all, read only by TypeScript.
    write_file(tmp_path / "tsconfig.json", '{\n  // strict\n  "compilerOptions": {}\n}\n')
    write_file(tmp_path / "tsconfig.app.json", "{ /* app */ }\n")
    write_file(tmp_path / "data" / "authors.json", '{"jane": {"name": "Jane Doe"}}\n')
    write_file(tmp_path / "data" / "tags.json", '["budget", "council"]\n')
    write_file(tmp_path / "story.json", json.dumps({"text": STORY}) + "\n")
    code, document = report(capsys, str(tmp_path))
    assert code == 0 and document["errors"] == []
    assert sorted(Path(f["path"]).name for f in document["files"]) == ["story.json", "story.md"]


def test_json_files_named_on_the_command_line_must_be_articles(capsys, tmp_path):
    package = write(tmp_path, "package.json", '{"name": "site"}\n')
    data = write(tmp_path, "data.json", '{"title": "Budget vote"}\n')
    code, document = report(capsys, str(package), str(data))
    assert code == 2
    assert [e["message"] for e in document["errors"]] == [
        "article has neither 'text' nor 'html'"
    ] * 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "invalid JSON"),
        (
            '{"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": []}',
            "it is a JSON Feed",
        ),
    ],
)
def test_a_walk_still_reports_json_that_may_be_a_broken_article_or_a_feed(
    capsys, tmp_path, content, reason
):
    write_file(tmp_path / "story.json", content)
    code, document = report(capsys, str(tmp_path))
    assert code == 2
    (error,) = document["errors"]
    assert reason in error["message"]


# --statistics names the files that could not be linted.


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_statistics_in_json_name_the_files_that_could_not_be_linted(capsys, tmp_path, fmt):
    story = write(tmp_path, "story.md", FRONT + EXPERTS)
    bad = write(tmp_path, "bad.json", "5\n")
    code = main(["lint", "--statistics", "--format", fmt, str(story), str(bad)])
    out = capsys.readouterr().out
    rows = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert any(row.get("code") == "ATT101" for row in rows)
    assert set(rows[-1]) == {"path", "error"} and rows[-1]["path"] == str(bad)
    assert "a .json file must hold one article object" in rows[-1]["error"]


def test_a_statistics_table_written_to_a_file_names_the_files_that_could_not_be_linted(
    capsys, tmp_path
):
    story = write(tmp_path, "story.md", FRONT + EXPERTS)
    bad = write(tmp_path, "bad.json", "5\n")
    assert main(["lint", "--statistics", str(story), str(bad)]) == 2
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"{bad}: error: a .json file must hold one article object")


# Markdown excerpts read as the text does.


def test_markdown_excerpts_have_the_blanked_markup_made_one_space(capsys, tmp_path):
    path = write(
        tmp_path,
        "a.md",
        FRONT
        + "The plan offers a **glimmer** of hope, as [experts](https://example.org/a/b) say.\n"
        + "> Analysts note that the vote\n> was close; it offers a glimmer of\n> hope.\n",
    )
    result = findings(capsys, path, "--select", "FIL101,ATT101")
    excerpts = [(f["rule"], f["line"], f["excerpt"]) for f in result["findings"]]
    assert excerpts == [
        ("FIL101", 7, "a glimmer of hope"),
        ("ATT101", 7, "experts say"),
        ("ATT101", 8, "Analysts note"),
        ("FIL101", 9, "a glimmer of\nhope"),
    ]
    # The positions still point into the file, markup and all.
    first = result["findings"][0]
    assert (
        path.read_text(encoding="utf-8")
        .splitlines()[6][first["column"] - 1 :]
        .startswith("a **glimmer** of hope")
    )


# A post's date where site generators keep it.

BODY = "Mayor Ana Ruiz told the council on Tuesday that the plan had been approved.\n"


def dated(capsys: pytest.CaptureFixture[str], path: Path) -> bool:
    return "DAT101" not in {f["rule"] for f in findings(capsys, path)["findings"]}


@pytest.mark.parametrize("key", ["published_at", "datePublished", "publish_date", "pubDate"])
def test_the_date_keys_of_common_site_generators_date_a_post(capsys, tmp_path, key):
    post = write(tmp_path, "post.md", f"---\ntitle: Vote\n{key}: 2024-03-05\n---\n\n{BODY}")
    assert dated(capsys, post)
    assert quality.score(post.read_bytes()).article.published == "2024-03-05"


def test_a_post_named_with_its_date_is_dated_by_its_file_name(capsys, tmp_path):
    assert dated(capsys, write(tmp_path, "2024-03-05-council-vote.md", f"# Vote\n\n{BODY}"))
    for name in ("2024-13-45-notes.md", "20240305-vote.md", "vote-2024-03-05.md"):
        assert not dated(capsys, write(tmp_path, name, f"# Vote\n\n{BODY}"))


def test_a_date_from_the_file_name_is_marked_as_such_and_must_be_a_real_day():
    undated = quality.load_article(f"# Vote\n\n{BODY}", format="markdown")
    article = _dated_by_file_name(undated, "posts/2024-03-05-council-vote.md")
    assert article.published == "2024-03-05" and article.origins["published"] == "file-name"
    assert _dated_by_file_name(undated, "posts/2024-02-30-vote.md").published is None


@pytest.mark.parametrize("dash", ["--", "\u2014", "\u2013", " \u2014 "])
def test_a_reason_may_follow_the_dash_smart_punctuation_makes(capsys, tmp_path, dash):
    story = write(
        tmp_path,
        "story.md",
        f"{FRONT}<!-- quality: ignore ATT101 {dash} the column names them below -->\n{EXPERTS}",
    )
    result = findings(capsys, story)
    assert not {"ATT101", "SUP002"} & {f["rule"] for f in result["findings"]}
    assert result["suppressed"] == 1
