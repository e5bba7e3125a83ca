"""Every point a scorer takes off has a reason the reader can see: a finding at a place in
the text, or a note naming the measure of the whole text that cost it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quality
from quality.scorers.base import Scorer, ScorerResult
from tests.test_clean_articles import ARTICLES

PIPELINE = quality.Pipeline()
SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

# Sentences of the kinds that move the whole-text measures: wordy, plain, quoted, named,
# numbered, reported, repeated.
SENTENCES = [
    "It was one of the things that they had to do, and it was what it was.",
    "There is a lot of it that is not what it seems to be at all.",
    "The council approved the £4.2m budget on Tuesday by 31 votes to 12.",
    '"We had no choice but to cut spending this year," said Councillor Jane Ellis.',
    "Bob Hart, who leads the opposition group, told BBC Radio Leeds the cuts were too deep.",
    "Residents were divided over the decision, with many worried about the libraries.",
    "The plan takes effect on 1 April, when the new financial year begins.",
    "Officials expect the changes to take effect next spring, once the figures are agreed.",
    "The vote followed months of consultation with residents and businesses, leaving many unhappy.",
    "It is important to note that only time will tell what happens next.",
    "Some of them said that it was the only way that it could have been done by them.",
    "the matter will be raised again at the next meeting of the full council.",
]
prose = st.lists(st.sampled_from(SENTENCES), min_size=8, max_size=60).map(" ".join)


def unexplained(report: quality.Report) -> list[str]:
    """The scorers that took points off with neither a finding nor a note."""
    found = {finding.scorer for finding in report.findings}
    return [
        summary.id
        for summary in report.scorers.values()
        if summary.ran
        and summary.contribution < -0.05
        and summary.id not in found
        and not summary.notes
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose)
def test_every_point_lost_on_prose_is_explained(text):
    assert unexplained(PIPELINE.score(text, format="text")) == []


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_every_point_lost_on_the_clean_articles_is_explained(name):
    text, title = ARTICLES[name]
    report = PIPELINE.score(text=text, title=title, published="2024-03-01", byline="Jane Doe")
    assert unexplained(report) == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_every_point_lost_on_the_seeds_is_explained(seed):
    assert unexplained(PIPELINE.score(seed.read_text(encoding="utf-8"))) == []


def test_a_column_thick_with_function_words_is_told_why_it_lost_points():
    # The column scores B with no finding: its function words and its few quotes and names
    # cost points before any of them is worth a finding.
    text, title = ARTICLES["opinion"]
    report = PIPELINE.score(text=text, title=title, published="2024-03-01", byline="Jane Doe")
    wordiness = report.scorers["wordiness"]
    assert wordiness.contribution < -5
    assert not [f for f in report.findings if f.rule == "WRD001"]
    (note,) = wordiness.notes
    share = wordiness.metrics["function_word_percent"]
    assert note.startswith(f"WRD001 function words, share of all words: {share:.1f}%;")
    assert "points are lost above 41%, all of the rule's share at 60%" in note
    codes = [note.split()[0] for note in report.scorers["specificity"].notes]
    assert codes == ["SPC001", "SPC002", "SPC003"]
    account = report.explain()
    assert f"\n  {note}\n" in account + "\n"
    assert report.to_dict()["scorers"]["wordiness"]["notes"] == [note]


def test_a_measure_reported_as_a_finding_has_no_note_as_well():
    # The finding says it already, at a place in the text.
    wordy = " ".join([SENTENCES[0], SENTENCES[1], SENTENCES[10]] * 6)
    report = PIPELINE.score(wordy, format="text")
    assert [f.rule for f in report.findings if f.rule == "WRD001"] == ["WRD001"]
    assert not [n for n in report.scorers["wordiness"].notes if n.startswith("WRD001")]


def test_an_article_that_loses_nothing_has_no_notes():
    text, title = ARTICLES["court"]
    report = PIPELINE.score(text=text, title=title, published="2024-03-01", byline="Jane Doe")
    assert report.score == 100
    assert all(summary.notes == () for summary in report.scorers.values())


class _Noting(Scorer):
    id = "test-noting"
    version = "1"
    needs_language_rules = False
    notes: object = ["half the points: the test says so"]

    def score(self, doc):
        return ScorerResult(0.5, [], {}, self.notes)  # type: ignore[arg-type]


def test_a_third_party_scorer_explains_its_points_with_notes():
    report = quality.Pipeline([_Noting(None)], weights={"test-noting": 10}).score(SENTENCES[2])
    assert report.scorers["test-noting"].notes == ("half the points: the test says so",)
    assert "  half the points: the test says so" in report.explain()


@pytest.mark.parametrize("notes", ["one string", [1.5], None])
def test_notes_that_are_not_a_list_of_strings_break_the_scorer_contract(notes):
    class Broken(_Noting):
        pass

    Broken.notes = notes
    with pytest.raises(quality.ScorerError, match="returned notes as"):
        quality.Pipeline([Broken(None)]).score(SENTENCES[2])


def test_lint_full_says_where_the_points_of_a_file_went(tmp_path, capsys):
    from quality.cli import main

    text, title = ARTICLES["opinion"]
    column = tmp_path / "column.md"
    column.write_text(
        f"---\ntitle: {title}\ndate: 2024-03-01\nauthor: Jane Doe\n---\n{text}", encoding="utf-8"
    )
    assert main(["lint", "--format", "full", "--no-color", str(column)]) == 0
    out = capsys.readouterr().out
    score_line, wordiness, note = out.splitlines()[:3]
    assert score_line.endswith("score 73/100, grade B: pass")
    assert wordiness == "  -15.0 wordiness"
    assert note.startswith("    = note: WRD001 function words, share of all words: 46.6%;")
    assert "  -11.9 specificity\n    = note: SPC001 direct quotations" in out
