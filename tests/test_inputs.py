"""Reading articles: plain text, Markdown with front matter, HTML, mappings, bytes."""

from __future__ import annotations

import datetime as dt

import pytest

import quality
from quality.inputs import load_article
from quality.inputs.markdown import mask_markdown, parse_front_matter

BODY = "Officials met in Cairo on Monday, the ministry said.\n"


def test_plain_text_is_used_as_is():
    article = load_article(BODY)
    assert article.text == BODY
    assert article.source_format == "text"


def test_yaml_front_matter_feeds_metadata_and_keeps_offsets():
    source = f"---\ntitle: Talks resume\ndate: 2024-03-01\nauthor: [Ana Ruiz, Ben Ode]\n---\n{BODY}"
    article = load_article(source, format="markdown")
    assert article.title == "Talks resume"
    assert article.published == "2024-03-01"
    assert article.byline == "Ana Ruiz, Ben Ode"
    assert article.origins["published"] == "front-matter"
    assert len(article.text) == len(source)
    start = source.index("Officials")
    assert article.text[start : start + 9] == "Officials"
    assert article.text[: source.index("Officials")].strip() == ""


def test_toml_front_matter_is_sniffed_without_a_format():
    source = f'+++\ntitle = "Talks resume"\ndate = 2024-03-01\n+++\n{BODY}'
    article = load_article(source)
    assert article.source_format == "markdown"
    assert article.published == "2024-03-01"


def test_invalid_front_matter_is_a_clear_error():
    with pytest.raises(quality.InputError, match="front matter is not valid YAML"):
        load_article("---\ntitle: [unclosed\n---\ntext\n", format="markdown")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "The council met \ud800 on Monday."}, "text"),
        ({"text": "The council met.", "byline": "By Ana \udce9"}, "byline"),
        ({"text": "The council met.", "id": "\udfff"}, "id"),
    ],
)
def test_half_a_surrogate_pair_is_a_clear_error_not_a_scorer_failure(fields, field):
    with pytest.raises(quality.InvalidTextError, match=f"'{field}' is not valid Unicode"):
        quality.score(**fields)


def test_impossible_front_matter_date_is_a_clear_error():
    # YAML reads 2024-02-30 as a date and fails building it: an input error, not a crash.
    with pytest.raises(quality.InputError, match=r"impossible date.*day is out of range"):
        load_article("---\ntitle: T\ndate: 2024-02-30\n---\ntext\n", format="markdown")


@pytest.mark.parametrize("value", ["2024", "1", "March 2024", "5 March", "2024-03", "Feb 29"])
def test_a_date_without_year_month_and_day_is_refused_not_completed_from_today(value):
    with pytest.raises(quality.InputError, match=rf"'published': '{value}' is not a full date"):
        load_article({"text": BODY, "published": value})
    with pytest.raises(quality.InputError, match=rf"'date': '{value}' is not a full date"):
        load_article(f"---\ntitle: T\ndate: '{value}'\n---\n{BODY}", format="markdown")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("---\ndate: 20240301\n---\n", "2024-03-01"),
        ("+++\ndate = 20240301\n+++\n", "2024-03-01"),
        ("---\ndate: '20240301'\n---\n", "2024-03-01"),
        ("---\ndate: 1 March 2024\n---\n", "2024-03-01"),
    ],
)
def test_an_eight_digit_front_matter_date_is_read_as_yyyymmdd(source, expected):
    assert load_article(source + BODY, format="markdown").published == expected
    assert load_article(text=BODY, published=20240301).published == "2024-03-01"


@pytest.mark.parametrize("stamp", [1709251200, 1709251200.25, 1709251200000])
def test_unix_timestamps_in_seconds_or_milliseconds_are_dates_in_utc(stamp):
    assert load_article(text=BODY, published=stamp).published == "2024-03-01"
    assert load_article({"text": BODY, "published": stamp - 1}).published == "2024-02-29"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (2024, "'date': 2024 is a bare number, not a date"),
        (500_000_000_000, "'date': 500000000000 is a bare number, not a date"),
        (20241301, "'date': 20241301 is not a valid YYYYMMDD date"),
    ],
)
def test_other_bare_number_dates_are_refused(value, message):
    with pytest.raises(quality.InputError, match=message):
        load_article(f"---\ndate: {value}\n---\n{BODY}", format="markdown")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("---\nlanguage: 5\n---\n", "front matter 'language' must be a language code"),
        ("---\nlang: no\n---\n", "front matter 'lang' must be .* got bool False"),
        ("---\nlanguage: [en, fr]\n---\n", "front matter 'language' .* got list"),
        ("+++\nlanguage = 5\n+++\n", "front matter 'language' .* got int 5"),
    ],
)
def test_front_matter_language_that_is_not_a_string_is_an_input_error(front, message):
    with pytest.raises(quality.InputError, match=message):
        load_article(front + BODY, format="markdown")


def test_lint_names_the_file_whose_front_matter_language_is_not_a_string(tmp_path, capsys):
    from quality.cli import main

    path = tmp_path / "story.md"
    path.write_text(f"---\ntitle: T\nlanguage: 5\n---\n{BODY}", encoding="utf-8")
    assert main(["lint", str(path)]) == 2
    assert f"{path}: error: front matter 'language' must be" in capsys.readouterr().err


def test_markdown_markup_is_blanked_not_removed():
    source = "## Heading here\n\nSee [the report](https://example.org/x) and `code`.\n\n```\nit is important to note\n```\n"
    masked = mask_markdown(source)
    assert len(masked) == len(source)
    assert masked.count("\n") == source.count("\n")
    assert "##" not in masked and "https" not in masked and "code" not in masked
    assert "the report" in masked
    assert "important" not in masked


def test_front_matter_maps_known_keys_only():
    fields, body_start = parse_front_matter("---\ntitle: T\ntags: [a]\n---\nx")
    assert fields == {"title": "T"}
    assert body_start == len("---\ntitle: T\ntags: [a]\n---\n")


def test_mapping_with_metadata_and_origins():
    article = load_article(
        {"id": 7, "text": BODY, "title": "T", "published": "2024-03-01T10:00:00Z", "extra": 1}
    )
    assert article.id == "7"
    assert article.published == "2024-03-01"
    assert article.origins == {"title": "metadata", "published": "metadata"}


def test_a_record_with_text_and_html_keeps_both_and_reads_the_text_as_plain_text():
    html = "<html><body><p>Page</p></body></html>"
    article = load_article(
        {"text": "# Not a heading\rSecond line.", "html": html, "byline": "Ana Ruiz"}
    )
    # A lone carriage return ends a line; the text is not read as Markdown or HTML.
    assert article.text == "# Not a heading\nSecond line."
    assert article.source_format == "text"
    assert article.html == html
    assert article.byline == "Ana Ruiz"
    assert article.origins == {"byline": "metadata"}


@pytest.mark.parametrize(
    ("source", "fields"),
    [
        ({"text": BODY, "published": "  ", "title": "T"}, {}),
        (BODY, {"published": "", "title": "T"}),
        (BODY, {"published": " \t", "title": "T"}),
        ('---\ndate: " "\ntitle: T\n---\n' + BODY, {}),
    ],
)
def test_a_blank_date_is_no_date_and_has_no_origin(source, fields):
    # "" was read as no date but "  " refused as unreadable, and either left an origin
    # ("published": "metadata") for a date the report shows as null.
    article = load_article(source, **fields)
    assert article.published is None
    assert "published" not in article.origins and "title" in article.origins


def test_keyword_fields_and_date_objects():
    article = load_article(text=BODY, published=dt.date(2024, 3, 1), byline="Ana Ruiz")
    assert article.published == "2024-03-01"
    assert article.byline == "Ana Ruiz"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"title": "no text"}, "neither 'text' nor 'html'"),
        ({"text": 42}, "'text' must be a string, got number"),
        ({"text": BODY, "published": "not a date"}, "cannot read 'not a date' as a date"),
        ({"text": BODY, "title": ["a"]}, "'title' must be a string, got array"),
        (3.5, "got float"),
        (b"caf\xe9 bad", "not valid UTF-8"),
        ("The bytes said it was UTF-16.".encode("utf-16"), "UTF-16 text, not UTF-8"),
        ("\ufeffThe bytes said it was UTF-32.".encode("utf-32-be"), "UTF-32 text, not UTF-8"),
    ],
)
def test_bad_input_raises_a_specific_input_error(source, message):
    with pytest.raises(quality.InputError, match=message):
        load_article(source)


def test_unknown_keyword_field_is_rejected():
    with pytest.raises(quality.InputError, match="unknown article field"):
        load_article(BODY, headline="x")


PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Talks resume in Cairo | Example News</title>
<meta property="og:title" content="Talks resume in Cairo">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-03-01T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Talks resume in Cairo</h1>
<p class="byline">By Ana Ruiz, 1 March 2024</p>
<p>Negotiators met in Cairo on Friday for a third round of talks on a ceasefire, Egypt's foreign
ministry said in a statement, adding that delegations from both sides had arrived overnight.</p>
<p>"We expect the talks to last three days," the ministry's spokesman, Ahmed Fahmy, told
reporters outside the venue. He said mediators from Qatar would join on Saturday.</p>
<p>The previous round ended on 12 February without agreement after two days of meetings.</p>
</article>
<div class="share">Share this: Facebook Twitter Email</div>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"""


def test_html_page_yields_main_text_metadata_and_stripped_boilerplate():
    article = load_article(PAGE)
    assert article.source_format == "html"
    assert "third round of talks" in article.text
    assert "Facebook Twitter" not in article.text
    assert article.title == "Talks resume in Cairo"
    assert article.byline == "Ana Ruiz"
    assert article.published == "2024-03-01"
    assert article.origins["published"] == "html"
    stripped = " ".join(article.stripped)
    assert "Share this" in stripped
    meta = quality.score(article).to_dict()["article"]
    assert meta["stripped"]["blocks"] >= 1


def test_html_in_a_record_is_extracted():
    article = load_article({"id": "p1", "html": PAGE, "url": "https://example.org/a"})
    assert article.id == "p1"
    assert "third round of talks" in article.text
    # A scraper's empty "text" field beside the page does not make an empty article.
    blank = load_article({"id": "p1", "text": " \n", "html": PAGE})
    assert "third round of talks" in blank.text and blank.source_format == article.source_format


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>Negotiators met in Cairo on Friday, Egypt's foreign ministry said.</p>",
        "Negotiators met in Cairo on <b>Friday</b>, Egypt's foreign ministry said.",
    ],
)
def test_html_fragment_in_a_record_is_read_not_refused(fragment):
    # trafilatura refuses a one-block fragment with no <html>; a record's html often is one.
    article = load_article({"id": "f1", "html": fragment})
    assert "Negotiators met in Cairo" in article.text


def test_an_article_built_directly_gets_the_same_date_reading() -> None:
    assert quality.Article(text=BODY, published="1 March 2024").published == "2024-03-01"
    from_date = quality.Article(text=BODY, published=dt.date(2024, 3, 1))  # type: ignore[arg-type]
    assert from_date.published == "2024-03-01"
    for bad in ("2024", "2024-13-45"):
        with pytest.raises(quality.InputError, match="'published'"):
            quality.Article(text=BODY, published=bad)


def test_a_carriage_return_alone_ends_a_line_and_offsets_still_index_the_file():
    raw = "Intro line.\rExperts say it is a glimmer of hope.\r\nLast line.\r"
    article = load_article(raw)
    assert article.text == "Intro line.\nExperts say it is a glimmer of hope.\r\nLast line.\n"
    report = quality.score(raw)
    cliche = next(f for f in report.findings if f.rule == "FIL101")
    assert (cliche.line, cliche.column) == (2, 19)
    assert raw[cliche.start : cliche.end] == "a glimmer of hope"


def test_a_page_with_a_byte_order_mark_or_a_fragment_with_attributes_is_html():
    page = (
        "\ufeff<!DOCTYPE html><html><head><title>Fees rise</title></head><body><article>"
        "<p>The council voted on Tuesday to raise fees, Mayor Ana Ruiz said.</p>"
        "</article></body></html>"
    )
    assert load_article(page).title == "Fees rise"
    fragment = '<p class="lead">The council voted on Tuesday to raise fees, Ruiz said.</p>'
    assert load_article(fragment).text.startswith("The council voted")


def test_the_url_given_beside_a_page_reaches_the_extractor(monkeypatch):
    from quality.inputs import webpage

    seen = []
    real = webpage.extract_page

    def spy(html, *, url=None):
        seen.append(url)
        return real(html, url=url)

    monkeypatch.setattr(webpage, "extract_page", spy)
    load_article(PAGE, url="https://example.org/2024/03/05/fees")
    assert seen == ["https://example.org/2024/03/05/fees"]


def test_front_matter_author_as_a_mapping_and_an_empty_date():
    article = load_article(
        "---\ntitle: Fees\nauthor: [{name: Jane Doe}]\ndate: ''\n---\nThe council met.\n"
    )
    assert article.byline == "Jane Doe"
    assert article.published is None and "published" not in article.origins


@pytest.mark.parametrize(
    "body",
    [
        "````\n```\nIt is important to note that only time will tell.\n```\n````\n",
        "<script>var x = 'it is important to note';</script>\n<STYLE>p{}</STYLE>\n",
    ],
    ids=["shorter-fence-inside-a-longer-one", "script-and-style"],
)
def test_code_in_markdown_is_not_scored(body):
    text = "---\ntitle: Fees\n---\n" + body + "The council met on Tuesday, Mayor Ana Ruiz said.\n"
    article = load_article(text)
    assert "important" not in article.text and "var x" not in article.text
    assert "The council met" in article.text and len(article.text) == len(text)


def test_script_masking_keeps_offsets_after_letters_that_lower_case_to_two():
    text = "---\ntitle: T\n---\nİstanbul İzmir <SCRIPT>var x;</SCRIPT> The council met.\n"
    article = load_article(text)
    assert len(article.text) == len(text) and "var x" not in article.text
    assert article.text.index("The council met") == text.index("The council met")
