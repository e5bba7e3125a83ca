"""The library as a Python caller meets it, continued: front matter as it is written (empty,
typed scalars, empty lists), bytes in wide Unicode encodings, pipeline arguments of the wrong
type, HTML fragments of inline markup, bylines in other scripts, and spans that hold for
Markdown with front matter."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quality
from quality.inputs import decode, load_article
from quality.inputs.textmeta import find_byline
from quality.inputs.webpage import looks_like_html
from quality.positions import LineIndex

BODY = "Officials met in Cairo on Monday, the ministry said.\n"
STORY = (
    "The council voted on Tuesday to approve the budget, Mayor Ana Ruiz said. She said the "
    "plan would cost $4 million over five years."
)


# --------------------------------------------------------------------------- front matter


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_front_matter_with_no_fields_is_still_front_matter(fence: str) -> None:
    # Jekyll's and Hugo's way to mark a page with no variables: read as plain text, the
    # fences and the Markdown (a link's address, a heading's "#") were scored as prose.
    document = f"{fence}\n{fence}\n# Budget\n\nSee [the plan](https://example.org/p). {BODY}"
    article = load_article(document)
    assert article.source_format == "markdown"
    assert len(article.text) == len(document)
    assert fence not in article.text and "https" not in article.text and "#" not in article.text
    assert "the plan" in article.text


@pytest.mark.parametrize(
    "written",
    [
        "3.10",
        "No",
        "yes",
        "Off",
        "010",
        "0x1F",
        "1:30",
        "1_000",
        "+1",
        ".inf",
        "2024-03-01T10:00:00Z",
    ],
)
@pytest.mark.parametrize(("key", "field"), [("title", "title"), ("author", "byline")])
def test_a_front_matter_title_or_author_is_the_text_as_written(
    written: str, key: str, field: str
) -> None:
    # YAML 1.1 reads these as numbers, booleans or timestamps: "3.10" became "3.1", "No"
    # "False", "010" (octal) "8", "1:30" (base 60) "90".
    article = load_article(f"---\n{key}: {written}\n---\n{BODY}")
    assert getattr(article, field) == written
    assert type(getattr(article, field)) is str


def test_authors_in_a_list_or_mapping_are_kept_as_written() -> None:
    front = "---\nauthors: [Yes, 3.10, {name: No}]\npublisher: 2024\n---\n"
    article = load_article(front + BODY)
    assert article.byline == "Yes, 3.10, No"
    assert article.publisher == "2024"


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date: 2024-03-01", "2024-03-01"),
        ("date: 2024-03-01 23:30:00 -5", "2024-03-01"),
        ("date: 20240301", "2024-03-01"),
        ("date: 1709251200", "2024-03-01"),
        ("date: [2024-03-01]", "2024-03-01"),
        ("published: false\ndate: 2024-03-01", "2024-03-01"),
    ],
)
def test_front_matter_dates_are_still_read_as_yaml_types_them(front: str, expected: str) -> None:
    assert load_article(f"---\n{front}\n---\n{BODY}").published == expected


@st.composite
def typed_scalars(draw: st.DrawFn) -> str:
    """Plain YAML scalars that YAML 1.1 reads as something other than a string."""
    number = draw(st.integers(0, 10**12))
    return draw(
        st.sampled_from(
            [
                str(number),
                f"0{number}",  # octal to YAML 1.1 when its digits are all under 8
                f"{number}.{draw(st.integers(0, 99))}0",  # the trailing zero is lost as a float
                f"{number % 60}:{number % 60:02d}",  # base 60
                f"-{number}",
                hex(number),
                draw(st.sampled_from(["yes", "No", "ON", "off", "True", "n", "y", ".NaN"])),
                draw(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))).isoformat(),
            ]
        )
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed_scalars())
def test_any_typed_scalar_is_a_title_as_written(written: str) -> None:
    article = load_article(f"---\ntitle: {written}\nauthor: [{written}]\n---\n{BODY}")
    assert article.title == written
    assert article.byline == written


@pytest.mark.parametrize("front", ["authors: []", "author: ''", "author: [' ']", "title: []"])
def test_an_empty_author_list_leaves_the_byline_to_the_text(front: str) -> None:
    # Templates leave `authors: []`; kept as a blank byline, it stopped the "By ..." line of
    # the text from giving one.
    article = load_article(f"---\n{front}\n---\nBy Jane Roe\n\n{BODY}")
    assert article.byline is None and article.title is None
    report = quality.score(f"---\n{front}\n---\nBy Jane Roe\n\n{BODY}")
    assert report.article.byline == "Jane Roe"
    assert report.to_dict()["article"]["origins"]["byline"] == "text"


def test_a_date_key_after_the_one_used_is_not_read() -> None:
    # Only the first key for a field is used; a later one (Hugo's publishDate) that no one
    # reads cannot make the file an error.
    article = load_article(f"---\ndate: 2024-03-01\npublishdate: March 2024\n---\n{BODY}")
    assert article.published == "2024-03-01"


@pytest.mark.parametrize(
    "source",
    [
        "---\nlanguage: '-'\n---\n" + BODY,
        {"text": BODY, "language": " "},
    ],
    ids=["front-matter", "record"],
)
def test_a_language_tag_that_gives_no_language_records_no_origin(source: object) -> None:
    article = load_article(source)
    assert article.language is None
    assert "language" not in article.metadata()["origins"]
    assert "language" not in load_article(BODY, language="").metadata()["origins"]


def test_a_front_matter_language_that_is_no_tag_names_its_key() -> None:
    with pytest.raises(quality.InputError, match="front matter 'lang' must be a language tag"):
        load_article(f"---\nlang: '123'\n---\n{BODY}")


# --------------------------------------------------------------------------- bytes


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
@pytest.mark.parametrize(
    "text", [STORY, f"<html><head><meta charset='utf-16'></head><body><p>{STORY}</p></body></html>"]
)
def test_wide_unicode_bytes_without_a_byte_order_mark_are_refused(
    encoding: str, name: str, text: str
) -> None:
    # Valid UTF-8 (a NUL between every two letters), so they were scored as unreadable text.
    with pytest.raises(quality.InvalidTextError, match=f"input is {name} text without a byte"):
        quality.score(text.encode(encoding))
    results = list(quality.default_pipeline().score_many([text.encode(encoding)]))
    assert results[0].error is not None and name in results[0].error.message


def test_text_with_a_few_nul_bytes_is_still_text() -> None:
    assert decode(b"Officials met\x00 on Monday, the ministry said.") == (
        "Officials met\x00 on Monday, the ministry said."
    )


@pytest.mark.parametrize("charset", ["cp037", "cp500", "cp1140"])
def test_a_page_declaring_an_ebcdic_code_page_is_refused_not_garbled(charset: str) -> None:
    # The page's own markup is ASCII; read as EBCDIC it came out as other letters.
    page = f"<html><head><meta charset='{charset}'></head><body><p>Caf\xe9 {STORY}</p></body>"
    with pytest.raises(quality.InvalidTextError, match=charset):
        quality.score(page.encode("latin-1"))


# --------------------------------------------------------------------------- HTML fragments


@pytest.mark.parametrize(
    "fragment",
    [
        f"<span>{STORY}</span>",
        f"<strong>Breaking:</strong> {STORY}",
        f"<ul><li>{STORY}</li></ul>",
        f"<blockquote>{STORY}</blockquote>",
        f"<a href='https://example.org/x'>Council</a> {STORY}",
    ],
)
def test_a_fragment_of_inline_markup_is_read_as_html(fragment: str) -> None:
    article = load_article(fragment)
    assert article.source_format == "html"
    assert "<" not in article.text and "href" not in article.text
    assert "Mayor Ana Ruiz said" in article.text


@pytest.mark.parametrize(
    "text", ["<Reuters> " + STORY, "<b> is the bold tag. " + STORY, "<3 " + STORY]
)
def test_text_that_only_starts_with_a_bracket_stays_text(text: str) -> None:
    assert not looks_like_html(text)
    assert load_article(text).source_format == "text"


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("By Émile Zola", "Émile Zola"),
        ("By Łukasz Nowak, staff writer", "Łukasz Nowak"),
        ("By Ångström Öberg | Reuters", "Ångström Öberg"),
        ("By Ana Ruiz and Émile Zola", "Ana Ruiz and Émile Zola"),
    ],
)
def test_a_byline_whose_name_starts_with_a_capital_outside_a_to_z_is_found(
    head: str, name: str
) -> None:
    assert find_byline(f"{head}\n\n{BODY}") == name
    assert quality.score(f"{head}\n\n{STORY}").article.byline == name


@pytest.mark.parametrize(
    "before",
    [
        "---\ntitle: Budget vote\ndescription: " + "A long summary. " * 50 + "\n---\n",
        "+++\ntags = [" + ", ".join(f"'tag{n}'" for n in range(100)) + "]\n+++\n",
        "\n" * 700,
    ],
    ids=["yaml", "toml", "blank-lines"],
)
def test_a_dateline_and_byline_after_long_front_matter_are_found(before: str) -> None:
    # The front matter is blanked with spaces; its length used to count against the few
    # hundred characters at the top where a dateline and byline are looked for.
    report = quality.score(f"{before}By Jane Roe\nMarch 5, 2024\n\n{STORY}\n")
    assert report.article.byline == "Jane Roe"
    assert report.article.published == "2024-03-05"
    assert report.to_dict()["article"]["origins"]["published"] == "text"


@pytest.mark.parametrize("head", ["by émile zola", "By de la Cruz", "By ßtraße"])
def test_a_by_line_that_starts_in_lower_case_is_no_byline(head: str) -> None:
    assert find_byline(f"{head}\n\n{BODY}") is None


# --------------------------------------------------------------------------- entry points


@pytest.mark.parametrize("given", ["text", {"text": BODY}, None, 5])
def test_score_article_refuses_what_is_not_an_article(given: object) -> None:
    with pytest.raises(quality.InputError, match="score_article takes an Article"):
        quality.default_pipeline().score_article(given)  # type: ignore[arg-type]


def test_score_article_scores_a_loaded_article() -> None:
    article = load_article(STORY, title="Budget")
    assert quality.default_pipeline().score_article(article).to_dict() == (
        quality.score(STORY, title="Budget").to_dict()
    )


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"author": "Jane Roe"}, r"author \(use byline=\)"),
        ({"date": "2024-03-01"}, r"date \(use published=\)"),
        ({"Title": "T"}, r"Title \(use title=\)"),
        ({"source": "Reuters"}, "unknown article field.*source; the keywords are text="),
    ],
)
def test_a_keyword_that_names_no_field_says_which_to_use(keywords: dict, message: str) -> None:
    # "source" was taken for load_article's first parameter: a TypeError, not an InputError.
    with pytest.raises(quality.InputError, match=message):
        quality.score(STORY, **keywords)
    with pytest.raises(quality.InputError, match=message):
        load_article(STORY, **keywords)


def test_with_fields_names_a_field_that_does_not_exist() -> None:
    with pytest.raises(quality.InputError, match=r"unknown article field.*author"):
        load_article(STORY).with_fields(author="Jane Roe")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"select": [5]}, "select: expected rule codes or prefixes as strings, got int 5"),
        ({"select": [["FIL"]]}, "select: expected rule codes .* got list"),
        ({"extend_select": [b"FIL"]}, "extend_select: expected .* got bytes"),
        ({"ignore": 5}, "ignore: expected a list of names, got int"),
        ({"disable": [None]}, "disable: expected scorer ids as strings, got NoneType"),
        ({"allow": [5]}, "allow: expected phrases as strings, got int 5"),
        ({"scorers": 5}, "scorers: expected a list of names, got int"),
        ({"options": 5}, "options must map scorer ids to their options"),
        ({"options": [("filler", {})]}, "options must map scorer ids"),
        ({"options": {"filler": 5}}, "options for 'filler' must map option names to values"),
        ({"options": {5: {}}}, "options: keys are scorer ids, got int 5"),
        ({"rules": 5}, "rules must be a RuleBook"),
        ({"rule_dirs": [5]}, "rule_dirs: expected directories or rule files as paths, got int"),
    ],
)
def test_pipeline_arguments_of_the_wrong_type_are_config_errors(
    options: dict, message: str
) -> None:
    # These failed as AttributeError or TypeError from deep inside, or (allow) only when the
    # first article was scored, as a scorer that "could not prepare".
    with pytest.raises(quality.ConfigError, match=message):
        quality.Pipeline(**options)


def test_none_for_a_list_argument_lists_nothing() -> None:
    pipeline = quality.Pipeline(disable=None, ignore=None, extend_select=None, allow=None)
    assert pipeline.scorer_ids == quality.default_pipeline().scorer_ids
    assert pipeline.score(STORY).score == quality.score(STORY).score


def test_rule_dirs_as_paths_still_load(tmp_path: Path) -> None:
    from quality.ruleset import default_rules_dir

    pipeline = quality.Pipeline(rule_dirs=(path for path in [default_rules_dir()]))
    assert pipeline.score(STORY).score == quality.score(STORY).score


# --------------------------------------------------------------------------- spans


pieces = st.sampled_from(
    [
        "It is important to note that ",
        "experts say ",
        "a glimmer of hope",
        "Mayor Ana Ruiz said. ",
        "**bold** ",
        "[a link](https://example.org) ",
        "`code` ",
        "😀",
        "e\u0301",
        "\t",
        "\n",
        "\r\n",
        "\n\n## Heading\n\n",
        "> quoted ",
        "Only time will tell.",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.sampled_from(["3.10", "No", "Budget 😀", "''"]),
    body=st.lists(pieces, min_size=1, max_size=40).map("".join),
    line_end=st.sampled_from(["\n", "\r\n"]),
)
def test_markdown_with_front_matter_keeps_spans_lines_and_columns(
    title: str, body: str, line_end: str
) -> None:
    document = f"---{line_end}title: {title}{line_end}---{line_end}{body}"
    report = quality.score(document)
    text = report.article.text
    assert len(text) == len(document)
    index = LineIndex(document)
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.excerpt
        assert document[finding.start : finding.end] == finding.excerpt
        assert index.span(finding.start, finding.end) == (
            finding.line,
            finding.column,
            finding.end_line,
            finding.end_column,
        )
    data = report.to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("1709251200", "2024-03-01"),  # a timestamp sent as a string
        ("1709251200123", "2024-03-01"),
        ("01.03.2024", "2024-03-01"),  # dotted: day first
        ("31.12.2024 10:00", "2024-12-31"),
        ("03/01/2024", "2024-03-01"),  # slashed: month first, as before
    ],
)
def test_dates_as_exports_and_european_pages_write_them(given: str, expected: str) -> None:
    assert load_article(BODY, published=given).published == expected


@pytest.mark.parametrize("name", ["English", "english", "Deutsch", "ENGLISH-US"])
def test_a_language_given_by_name_is_detected_rather_than_scored_without_rules(name: str) -> None:
    report = quality.score(BODY, language=name)
    assert report.language == "en" and report.complete
    assert "language" not in report.article.metadata()["origins"]


def test_a_report_can_be_written_as_ascii_json() -> None:
    report = quality.score(BODY, title="Caf\u00e9 reopens")
    text = report.to_json(ensure_ascii=True)
    assert text.isascii() and json.loads(text)["article"]["title"] == "Caf\u00e9 reopens"
    assert "Caf\u00e9" in report.to_json()  # as written by default


def test_a_front_matter_time_is_named_as_written_not_as_yaml_counts_it() -> None:
    # YAML 1.1 reads 10:00 as 600 (base 60); the error must quote what the file says.
    with pytest.raises(quality.InputError, match=r"'10:00' is not a full date"):
        load_article("---\ndate: 10:00\n---\n" + BODY, format="markdown")
    assert load_article("---\ndate: 20240301\n---\n" + BODY, format="markdown").published == (
        "2024-03-01"
    )
