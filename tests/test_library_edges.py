"""The library as a Python caller meets it: odd but legal inputs, wrong inputs, the size
limit, and reports whose spans, positions and JSON hold for every kind of input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import quality
from quality.batch import DEFAULT_MAX_CHARS as BATCH_MAX_CHARS
from quality.inputs import DEFAULT_MAX_CHARS, load_article
from tests.conftest import ROOT, WELL_SOURCED

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())

PADDED = (
    "It is important to note that experts say a glimmer of hope remains. "
    "Only time will tell, leaving many to wonder.\n"
)
PAGE = (
    "<html><head><title>Council cuts library budget</title></head><body><article>"
    f"<h1>Council cuts library budget</h1><p>{WELL_SOURCED}</p><p>{PADDED}</p>"
    "</article></body></html>"
)


# --------------------------------------------------------------------------- size limit


def test_the_library_limit_is_the_batch_limit() -> None:
    assert DEFAULT_MAX_CHARS == BATCH_MAX_CHARS == 5_000_000


def test_text_over_the_default_limit_is_refused_before_scoring() -> None:
    # Scoring this would take about half a minute; the refusal is immediate.
    text = "x" * (DEFAULT_MAX_CHARS + 1)
    with pytest.raises(quality.ArticleTooLargeError) as caught:
        quality.score(text)
    error = caught.value
    assert (error.field, error.size, error.limit) == ("text", DEFAULT_MAX_CHARS + 1, 5_000_000)
    assert "'text' is 5,000,001 characters, over the limit of 5,000,000" in str(error)
    assert "max_chars=None" in str(error)
    assert isinstance(error, quality.InputError)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda **limit: quality.score(PADDED * 3, **limit), "text"),
        (lambda **limit: quality.score((PADDED * 3).encode(), **limit), "text"),
        (lambda **limit: quality.score({"text": PADDED * 3, "title": "T"}, **limit), "text"),
        (lambda **limit: quality.score({"html": PAGE}, **limit), "html"),
        (lambda **limit: quality.score(text=PADDED * 3, title="T", **limit), "text"),
        (lambda **limit: quality.score(html=PAGE, **limit), "html"),
        (lambda **limit: quality.score(quality.Article(text=PADDED * 3), **limit), "text"),
        (lambda **limit: quality.Pipeline().score(PADDED * 3, **limit), "text"),
        (lambda **limit: load_article(PADDED * 3, **limit), "text"),
    ],
    ids=[
        "str",
        "bytes",
        "record",
        "record-html",
        "keywords",
        "html-keyword",
        "article",
        "pipeline",
        "load_article",
    ],
)
def test_every_way_in_is_held_to_max_chars_and_none_lifts_it(call, field) -> None:
    with pytest.raises(quality.ArticleTooLargeError, match=f"'{field}' is [0-9,]+ characters"):
        call(max_chars=100)
    assert call(max_chars=None) is not None
    assert call(max_chars=len(PAGE)) is not None


@pytest.mark.parametrize("max_chars", [0, -1, 2.5, "100", True])
def test_a_max_chars_that_is_no_positive_whole_number_is_refused(max_chars) -> None:
    with pytest.raises(quality.InputError, match="max_chars must be a whole number"):
        quality.score(PADDED, max_chars=max_chars)


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("source", "keywords"),
    [
        (PADDED, {"text": WELL_SOURCED}),
        (PADDED, {"html": PAGE}),
        ({"text": PADDED}, {"text": WELL_SOURCED}),
        (quality.Article(text=PADDED), {"text": WELL_SOURCED}),
    ],
    ids=["str-text", "str-html", "record-text", "article-text"],
)
def test_an_article_given_twice_is_refused_not_half_replaced(source, keywords) -> None:
    # The keyword text used to replace the argument's silently (and skip the reading of
    # line ends and Markdown); html= beside a text kept the text and the unrelated page.
    with pytest.raises(quality.InputError, match="the article is given twice"):
        quality.score(source, **keywords)


def test_keyword_metadata_beside_an_argument_still_works() -> None:
    report = quality.score({"text": WELL_SOURCED, "title": "From the record"}, title="Keyword")
    assert report.article.title == "Keyword"
    assert report.article.origins["title"] == "metadata"


@pytest.mark.parametrize("source", [WELL_SOURCED, {"text": WELL_SOURCED}], ids=["str", "record"])
def test_a_numeric_id_is_read_as_in_a_record(source) -> None:
    # {"id": 42} was accepted and id=42 refused ("must be a string or null, got int").
    assert quality.score(source, id=42).article.id == "42"
    assert quality.score({"text": WELL_SOURCED, "id": 42}).article.id == "42"
    with pytest.raises(quality.InputError, match="'id' must be a string or number"):
        quality.score(source, id=[1])


def test_a_path_object_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(WELL_SOURCED, encoding="utf-8")
    with pytest.raises(quality.InputError, match=r"got \w*Path; read the file first"):
        quality.score(path)
    assert quality.score(path.read_bytes()).score == quality.score(WELL_SOURCED).score


# --------------------------------------------------------------------------- front matter


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "---\ntitle: Hello\nauthor: [Jane\n---\nBody.\n",
            r"not valid YAML: while parsing a flow sequence: .* \(at line 3, column 14\)$",
        ),
        (
            "---\ntitle: !custom x\n---\nBody.\n",
            r"not valid YAML: could not determine a constructor .* \(at line 2, column 8\)$",
        ),
        (
            "\ufeff---\r\n\r\ntitle: a: b\r\n---\r\nBody.\r\n",
            r"not valid YAML: mapping values are not allowed here \(at line 3, column 9\)$",
        ),
        (
            '+++\ntitle = "Hello"\nauthor = [Jane\n+++\nBody.\n',
            r"not valid TOML: .* \(at line 3, column \d+\)$",
        ),
    ],
    ids=["yaml-unclosed", "yaml-tag", "yaml-bom-crlf", "toml"],
)
def test_a_front_matter_error_names_the_line_of_the_file_on_one_line(source, message) -> None:
    # The parsers count lines from the front matter's first, one above the file's; PyYAML's
    # message ran over several lines and called the file "<unicode string>".
    with pytest.raises(quality.InputError, match=message) as caught:
        load_article(source)
    assert "\n" not in str(caught.value) and "<unicode string>" not in str(caught.value)


# --------------------------------------------------------------------------- the report


def test_explain_keeps_a_title_with_line_breaks_on_its_first_line() -> None:
    report = quality.score(WELL_SOURCED, title="Council\ncuts   budget\n")
    assert report.explain().splitlines()[0].startswith("Council cuts budget: ")
    long_title = quality.score(WELL_SOURCED, title="Budget " * 100).explain().splitlines()[0]
    assert len(long_title) < 130 and "...:" in long_title
    blank = quality.score(WELL_SOURCED, title=" \n ", id="row 7").explain()
    assert blank.startswith("row 7: ")


def test_explain_does_not_say_a_scorer_without_weight_was_charged() -> None:
    # An article no scorer can read: each is charged a share of its weight, which for a
    # scorer weighted 0 is nothing.
    pipeline = quality.Pipeline(weights={"attribution": 0, "dates": 15})
    lines = pipeline.score("").explain().splitlines()
    attribution = next(line for line in lines if line.startswith("attribution:"))
    dates = next(line for line in lines if line.startswith("dates:"))
    assert attribution == "attribution: 0.0 points, not run (the article has no text)"
    assert dates.endswith("charged because nothing is known either way")


LINE_ENDS = "Officials said.\r\nIt is important to note.\rExperts say so.\n"
ODD_TEXT = (
    "Cafe\u0301 owners said a glimmer of hope remains 🙂👩‍👩‍👧. "
    "It is important to note\x00 that experts say\x0b\u2028 it works.\r"
    "0 Comments\rShare this:\r\n" + PADDED
)


@pytest.mark.parametrize(
    "source",
    [
        PADDED,
        ODD_TEXT,
        LINE_ENDS * 5,
        "---\ntitle: Front\ndate: 2024-03-01\nauthor: {name: Jane Roe}\n---\n" + ODD_TEXT,
        '+++\ntitle = "Front"\ndate = 2024-03-01T10:00:00Z\n+++\n' + PADDED,
        PAGE,
        PAGE.encode("utf-8"),
        {"text": ODD_TEXT, "title": "T", "published": 20240301, "id": 7, "extra": [1]},
        {"html": PAGE, "url": "https://example.org/news/2024/03/01/cuts"},
    ],
    ids=["text", "odd", "line-ends", "yaml", "toml", "html", "html-bytes", "record", "page"],
)
def test_findings_slice_the_text_and_the_report_matches_its_schema(source) -> None:
    report = quality.score(source)
    text = report.article.text
    assert report.findings
    for finding in report.findings:
        # Offsets are str indices (code points) into report.article.text; lines end at "\n".
        assert finding.excerpt == text[finding.start : finding.end]
        before = text[: finding.start]
        assert finding.line == before.count("\n") + 1
        assert finding.column == len(before) - (before.rfind("\n") + 1) + 1
        upto = text[: finding.end]
        assert finding.end_line == upto.count("\n") + 1
        assert finding.end_column == len(upto) - (upto.rfind("\n") + 1) + 1
    data = json.loads(report.to_json())
    assert data == json.loads(json.dumps(report.to_dict()))
    jsonschema.validate(data, SCHEMA)
    assert report.explain()


@pytest.mark.parametrize("fields", [{}, {"language": "en"}, {"title": "Budget", "language": "de"}])
def test_an_article_with_no_text_is_not_graded_clean_whatever_its_language(fields) -> None:
    # With a language given, the scorers used to run on nothing and grade it A.
    report = quality.score(" \n\t", **fields)
    assert report.score < quality.Pipeline().weights.fail_under
    assert not report.findings
    assert {s.reason for s in report.scorers.values()} == {"the article has no text"}
    assert report.language == "unknown"


@pytest.mark.parametrize(
    "error",
    [
        quality.errors.RuleError("bad option", path="rules/en/x.toml", rule="XYZ001"),
        quality.errors.ArticleTooLargeError("text", 10, 5),
        quality.errors.OptionError("o", scorer="s", option="x", expected=int, value=0),
        quality.errors.InputError("a.jsonl:2: bad"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_errors_survive_the_trip_back_from_a_worker_process(error):
    import pickle

    returned = pickle.loads(pickle.dumps(error))
    assert type(returned) is type(error)
    assert str(returned) == str(error)
    assert returned.__dict__ == error.__dict__


# --------------------------------------------------------------------------- DataFrame rows

STORY = "The council voted 7-2 on Tuesday to close the branch, its leader said."


def test_numpy_values_are_read_as_the_numbers_and_dates_they_hold():
    np = pytest.importorskip("numpy")
    report = quality.score(STORY, id=np.int64(5), published=np.datetime64("2024-03-01"))
    assert report.article.id == "5" and report.article.published == "2024-03-01"
    # A nanosecond datetime64 (pandas' own) gives an int at its precision, not a date.
    late = np.datetime64("2024-03-01T23:00:00.000000000")
    assert quality.score(STORY, published=late).article.published == "2024-03-01"
    assert quality.score(STORY, published=np.int64(20240301)).article.published == "2024-03-01"


def test_missing_value_markers_of_a_data_frame_are_missing_fields():
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(
        {
            "id": [1, 2],
            "text": [STORY, STORY],
            "title": ["Branch to close", None],
            "published": pandas.to_datetime(["2024-03-01", None]),
            "byline": ["Jane Roe", float("nan")],
        }
    )
    first, second = (quality.score(row).article for row in frame.to_dict("records"))
    assert (first.id, first.title, first.published, first.byline) == (
        "1",
        "Branch to close",
        "2024-03-01",
        "Jane Roe",
    )
    assert (second.id, second.title, second.published, second.byline) == ("2", None, None, None)
    assert quality.score(STORY, published=pandas.NaT).article.published is None


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_byline_or_title_is_no_byline_or_title(blank):
    article = quality.score({"text": STORY, "byline": blank}, title=blank).to_dict()["article"]
    assert article["byline"] is None and article["title"] is None
    assert "byline" not in article["origins"] and "title" not in article["origins"]


@pytest.mark.parametrize("value", [float("inf"), float("-inf")])
def test_an_id_that_is_no_finite_number_is_refused(value):
    with pytest.raises(quality.InputError, match="'id' must be a finite number"):
        quality.score(STORY, id=value)


def test_options_for_a_disabled_scorer_are_refused():
    with pytest.raises(quality.ScorerError, match="disabled: filler"):
        quality.Pipeline(options={"filler": {"extra_phrases": ["synergy"]}}, disable=["filler"])


@pytest.mark.parametrize("phrase", ["  game changer  ", " game changer", "game changer "])
def test_house_phrases_are_matched_without_the_spaces_around_them(phrase):
    text = "The plan was a total game changer. For the city, it was."
    pipeline = quality.Pipeline(["filler"], options={"filler": {"extra_phrases": [phrase]}})
    excerpts = {f.excerpt for f in pipeline.score(text, language="en").findings}
    assert excerpts == {"game changer"}


def test_a_whole_weights_document_is_taken_as_a_weights_file():
    from quality.weights import DEFAULT_PATH

    document = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    document["weights"]["filler"] = 0
    report = quality.Pipeline(weights=document).score(PADDED)
    assert report.scorers["filler"].weight == 0
    document["schema"] = "quality-weights/0"
    with pytest.raises(quality.ConfigError, match="'schema' must be"):
        quality.Pipeline(weights=document)
