"""Properties that hold for any input: no crash, spans inside the text, scores in range,
deterministic output."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quality
from quality.batch import json_line

PIPELINE = quality.Pipeline()
PHRASES = [
    "a glimmer of hope",
    "It is important to note",
    "experts say",
    "Many question",
    "0 Comments",
    "Comment:",
    "Share this:",
    "earlier this week",
    " date 2023-11-07 ",
    "As an AI language model",
    "[insert date]",
    "“quoted text”",
    '"',
    "\u201c",
    "\n\n",
    "Mr. Smith said.",
    "Prospects for Peace",
    "\u202e",
    "\u0130",
    "ß",
    "🙂",
    "\r\n",
    "\x00",
    "\ufeff",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=30)), max_size=40).map("".join),
    st.sampled_from(["", " ", "\n" * 50, "\t \n", "٠١٢ مرحبا بالعالم", "😀" * 300]),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


def check_report(text: str, report: quality.Report) -> None:
    # A carriage return alone ends a line: the article's text holds a line feed in its place.
    text = re.sub(r"\r(?!\n)", "\n", text)
    assert 0 <= report.score <= 100
    for summary in report.scorers.values():
        assert summary.score is None or 0 <= summary.score <= 1
        assert summary.contribution <= 0
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.excerpt == text[finding.start : finding.end]
        assert finding.line == text.count("\n", 0, finding.start) + 1
        assert finding.column >= 1 and finding.end_line >= finding.line
    json.dumps(report.to_dict(), allow_nan=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_scores_without_error(text):
    check_report(text, PIPELINE.score(text, format="text"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_builtin_scorers_keep_the_scorer_contract(text):
    # The pipeline checks only third-party scorers' results on every article (spans in the
    # text, sub-scores from 0 to 1, finite metrics); its own are held to the same contract here.
    from quality.analysis import Document
    from quality.language import detect_language
    from quality.pipeline import _checked_result

    article = quality.load_article(text, format="text")
    language = article.language or detect_language(article.text)
    plan = PIPELINE._plans.get(language) or PIPELINE._plan(language)
    doc = Document(article, language, plan.scan)
    for scorer, _, skipped, builtin in plan.steps:
        assert builtin
        if skipped is None:
            _checked_result(scorer, scorer.score(doc), doc)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_scoring_is_deterministic(text):
    first = PIPELINE.score(text, format="text").to_dict()
    second = quality.Pipeline().score(text, format="text").to_dict()
    assert first == second


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.text(max_size=60))
def test_markdown_keeps_offsets_into_the_original(body, title):
    source = "---\ntitle: x\n---\n" + body
    report = PIPELINE.score(source, format="markdown")
    assert len(report.article.text) == len(source)
    for finding in report.findings:
        assert finding.end <= len(source)


@given(st.text(st.characters(exclude_categories=()), max_size=200))
def test_a_string_with_lone_surrogates_scores_or_is_refused_as_not_unicode(text):
    try:
        report = PIPELINE.score(text)
    except quality.InvalidTextError:
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        return
    check_report(report.article.text, report)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "text", "title", "published", "html", "byline", "x"]),
        st.one_of(
            st.none(),
            st.integers(),
            st.text(max_size=50),
            # Any code point, lone surrogates included (a JSON "\\ud800" escape gives one).
            st.text(st.characters(exclude_categories=()), max_size=50),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_any_record_scores_or_raises_a_quality_error(record):
    try:
        report = PIPELINE.score(record)
    except quality.QualityError:
        return
    check_report(report.article.text, report)


def test_huge_text_scores(pipeline):
    text = "Officials said the talks would resume. A glimmer of hope remains. " * 20000
    report = pipeline.score(text)
    check_report(text, report)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_the_shared_scan_finds_what_each_scorer_finds_alone(text):
    # The pipeline runs every scorer's automata in one pass; each scorer on a document
    # without that pass runs its own. Both must give the same findings.
    from quality.analysis import Document
    from quality.inputs import with_text_metadata

    try:
        article = with_text_metadata(quality.load_article(text))
    except quality.QualityError:  # text that looks like unparseable HTML: another test's case
        return
    report = PIPELINE.score_article(article)
    if report.language != "en":
        return
    for scorer in PIPELINE.scorers:
        alone = scorer.score(Document(article, "en"))
        shared = [f for f in report.findings if f.scorer == scorer.id]
        assert sorted(alone.findings, key=lambda f: f.sort_key) == shared, scorer.id


any_string = st.text(st.characters(exclude_categories=()), max_size=40)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_string,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_string, inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(any_string, json_values, max_size=6))
def test_an_output_line_is_always_one_line_of_valid_utf8_json(record):
    line = json_line(record)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line.decode("utf-8")) == record
