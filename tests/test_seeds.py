"""Each seed article is flagged for what a careful editor would see wrong with it."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS, seed_text


def rules_of(report) -> set[str]:
    return {f.rule for f in report.findings}


def excerpts(report, rule: str) -> list[str]:
    return [f.excerpt.strip() for f in report.findings if f.rule == rule]


def test_five_seeds_are_shipped():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_seed_fails_the_default_threshold(pipeline, path):
    report = pipeline.score(path.read_text(encoding="utf-8"))
    assert report.score < pipeline.weights.fail_under
    assert "FIL001" in rules_of(report), "filler density is the common thread of the seeds"


def test_seed_000_leaked_date_line_and_signposting(pipeline):
    report = pipeline.score(seed_text("000"))
    assert excerpts(report, "DAT102") == ["date 2023-11-07"]
    assert report.article.published == "2023-11-07"
    assert "It is important to note" in excerpts(report, "FIL104")


def test_seed_001_clichés_template_headings_and_vague_sources(pipeline):
    report = pipeline.score(seed_text("001"))
    assert "a glimmer of hope" in excerpts(report, "FIL101")
    assert "In a shocking turn of events" in excerpts(report, "FIL104")
    assert "Many question" in excerpts(report, "ATT101")
    assert "The Need for Diplomatic Solutions and International Mediation" in excerpts(
        report, "FIL105"
    )
    assert "Hamas Claiming Progress in Truce Negotiations" in excerpts(report, "RES107")


def test_seed_002_trailing_comment_box_and_no_date(pipeline):
    report = pipeline.score(seed_text("002"))
    assert excerpts(report, "RES101") == ["Comment:"]
    assert "DAT101" in rules_of(report)
    assert "earlier this week" in excerpts(report, "DAT103")
    assert "a glimmer of hope" in excerpts(report, "FIL101")


def test_seed_003_anonymity_analysts_observers_and_template_headings(pipeline):
    report = pipeline.score(seed_text("003"))
    assert any("condition of anonymity" in e for e in excerpts(report, "ATT102"))
    vague = excerpts(report, "ATT101")
    assert any("Analysts note" in e for e in vague)
    assert any("Observers hope" in e for e in vague)
    assert "Prospects for Peace" in excerpts(report, "FIL105")


def test_seed_004_zero_comments_and_reports_suggest(pipeline):
    report = pipeline.score(seed_text("004"))
    assert excerpts(report, "RES101") == ["0 Comments"]
    assert "Reports suggest" in excerpts(report, "ATT101")
    assert "DAT101" in rules_of(report)
