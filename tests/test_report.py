"""Reports: schema, explanation arithmetic, and articles written well that must score well."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import jsonschema
import pytest

import quality
from quality.inputs import format_for_path, load_article
from tests.conftest import ROOT, SEEDS

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())
GOOD = sorted((Path(__file__).parent / "fixtures" / "articles").iterdir())


def load(path: Path) -> quality.Article:
    return load_article(path.read_text(encoding="utf-8"), format=format_for_path(str(path)))


@pytest.mark.parametrize("path", SEEDS + GOOD, ids=lambda p: p.name)
def test_report_matches_its_json_schema(pipeline, path):
    report = pipeline.score_article(load(path))
    data = json.loads(json.dumps(report.to_dict()))
    jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_well_sourced_dated_articles_score_high_without_warnings(pipeline, path):
    report = pipeline.score_article(load(path))
    assert report.score >= 85, report.explain()
    assert report.grade == "A"
    loud = [f for f in report.findings if f.severity.rank >= quality.Severity.WARNING.rank]
    assert not loud, report.explain()


def test_good_articles_outscore_every_seed(pipeline):
    worst_good = min(pipeline.score_article(load(p)).score for p in GOOD)
    best_seed = max(pipeline.score(p.read_text()).score for p in SEEDS)
    assert worst_good > best_seed + 25


def test_contributions_add_up_to_the_score(pipeline):
    report = pipeline.score(SEEDS[2].read_text())
    total = report.base + sum(s.contribution for s in report.scorers.values())
    assert report.score == pytest.approx(max(0.0, total), abs=0.06)
    for summary in report.scorers.values():
        assert summary.contribution == pytest.approx(-summary.weight * (1 - summary.score))


def test_explain_shows_arithmetic_and_quotes_the_text(pipeline):
    report = pipeline.score(SEEDS[2].read_text())
    text = report.explain()
    first, arithmetic = text.splitlines()[:2]
    assert f"{math.floor(report.score)}/100" in first
    assert arithmetic.strip().startswith("score = 100 -")
    assert "(filler)" in arithmetic
    assert "a glimmer of hope" in text
    assert "RES101" in text and "Comment:" in text
    # Biggest loss first.
    order = [
        s.id
        for s in sorted(report.scorers.values(), key=lambda s: s.contribution)
        if s.contribution < -0.05
    ]
    positions = [text.index(f"\n{sid}: -") for sid in order]
    assert positions == sorted(positions)


def test_explain_rounds_the_score_down_and_never_shows_minus_zero(pipeline):
    report = pipeline.score(SEEDS[2].read_text())
    filler = report.scorers["filler"]
    assert [f for f in report.findings if f.scorer == "filler"]
    scorers = dict(report.scorers)
    # A scorer with weight 0 (or no loss) still lists its findings, at 0.0 points.
    scorers["filler"] = dataclasses.replace(filler, weight=0.0, contribution=-0.0 * filler.weight)
    scorers["dates"] = dataclasses.replace(
        report.scorers["dates"], weight=0.0, contribution=-0.0, score=None, ran=False, reason="x"
    )
    text = dataclasses.replace(report, score=59.6, grade="D", scorers=scorers).explain()
    assert text.splitlines()[0].endswith(": 59/100, grade D")
    assert "\nfiller: 0.0 points (sub-score" in text
    assert "\ndates: 0.0 points, not run (x)" in text
    assert "-0.0" not in text


def test_json_shows_no_loss_as_zero_not_minus_zero(pipeline):
    from quality.batch import report_record
    from tests.conftest import WELL_SOURCED

    report = pipeline.score(WELL_SOURCED)
    # A sub-score of 1 loses -weight * 0.0 points, which is -0.0 until it is shown.
    assert any(s.contribution == 0 for s in report.scorers.values())
    for data in (report.to_dict(), report_record(report, "a1")):
        contributions = [s["contribution"] for s in data["scorers"].values()]
        assert all(c < 0 or math.copysign(1.0, c) == 1.0 for c in contributions)
        assert "-0.0" not in json.dumps(data)


def test_density_findings_carry_value_and_threshold(pipeline):
    report = pipeline.score(SEEDS[1].read_text())
    (density,) = [f for f in report.findings if f.rule == "FIL001"]
    assert density.value is not None and density.threshold is not None
    assert density.value > density.threshold
    assert f"{density.value:.1f}" in density.message


def test_findings_point_at_what_they_quote(pipeline):
    for path in SEEDS:
        text = path.read_text()
        report = pipeline.score(text)
        for finding in report.findings:
            assert text[finding.start : finding.end] == finding.excerpt
            line_start = text.rfind("\n", 0, finding.start) + 1
            assert finding.line == text.count("\n", 0, finding.start) + 1
            assert finding.column == finding.start - line_start + 1


def test_explain_adds_up_when_the_deductions_pass_zero(pipeline):
    report = pipeline.score(SEEDS[2].read_text())
    scorers = dict(report.scorers)
    scorers["filler"] = dataclasses.replace(scorers["filler"], contribution=-150.0)
    deducted = -sum(s.contribution for s in scorers.values())
    text = dataclasses.replace(report, score=0.0, grade="F", scorers=scorers).explain()
    assert text.splitlines()[1].endswith(f"= {100 - deducted:.1f}, which stops at 0.0")


@pytest.mark.parametrize("path", SEEDS[:2], ids=lambda p: p.name)
def test_a_report_comes_back_whole_from_a_worker_process(path: Path) -> None:
    # Workers send reports back pickled; findings and scorer summaries pickle as their
    # fields in order, so a field added to either must be added there too.
    import pickle

    report = quality.score(load(path))
    copy = pickle.loads(pickle.dumps(report))
    assert copy == report
    for original, restored in [
        *zip(report.findings, copy.findings, strict=True),
        *zip(report.scorers.values(), copy.scorers.values(), strict=True),
    ]:
        for field in dataclasses.fields(original):
            assert getattr(restored, field.name) == getattr(original, field.name), field.name
