"""Scorer notes in batch output: each ``quality score`` line says, per scorer, what cost points
that no finding shows, and readers of those lines take them with notes and without."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import quality
from quality.batch import report_record
from quality.cli import main
from quality.scorers.base import Scorer, ScorerResult
from tests.test_clean_articles import ARTICLES
from tests.test_explained_points import prose

#: A column that loses points to wordiness and specificity without any finding: only the
#: notes say why (see tests/test_explained_points.py).
COLUMN_TEXT, COLUMN_TITLE = ARTICLES["opinion"]
COLUMN = {
    "id": "column",
    "title": COLUMN_TITLE,
    "text": COLUMN_TEXT,
    "published": "2024-03-01",
    "byline": "Jane Doe",
    "publisher": "Gazette",
}
#: An article that loses nothing, so that no scorer has a note.
PLAIN_TEXT, PLAIN_TITLE = ARTICLES["court"]
PLAIN = {**COLUMN, "id": "plain", "title": PLAIN_TITLE, "text": PLAIN_TEXT}
SCORER_KEYS = {"score", "weight", "contribution"}


def noted_scorers(record: dict[str, Any]) -> dict[str, list[str]]:
    return {sid: entry["notes"] for sid, entry in record["scorers"].items() if "notes" in entry}


def test_a_line_carries_the_notes_of_each_scorer_that_has_some(
    pipeline: quality.Pipeline,
) -> None:
    (result,) = pipeline.score_many([COLUMN])
    assert result.report is not None
    record = result.to_dict()
    expected = {
        sid: list(summary.notes) for sid, summary in result.report.scorers.items() if summary.notes
    }
    assert set(expected) == {"specificity", "wordiness"}
    assert noted_scorers(record) == expected
    assert record["scorers"]["wordiness"]["notes"][0].startswith(
        "WRD001 function words, share of all words:"
    )
    # A scorer without notes keeps the shape lines had before notes were added.
    for sid, entry in record["scorers"].items():
        assert set(entry) == (SCORER_KEYS | {"notes"} if sid in expected else SCORER_KEYS)


def test_notes_survive_worker_processes_and_the_json_line(pipeline: quality.Pipeline) -> None:
    records = [COLUMN, PLAIN] * 3
    single = [r.to_dict() for r in pipeline.score_many(records, workers=1)]
    parallel = [
        json.loads(r.to_json_line()) for r in pipeline.score_many(records, workers=2, chunksize=2)
    ]
    assert parallel == single
    assert [bool(noted_scorers(r)) for r in parallel] == [True, False] * 3


class _Explaining(Scorer):
    """A third-party scorer that explains the points it takes with a note."""

    id = "test-explaining"
    version = "1"
    needs_language_rules = False

    def score(self, doc: Any) -> ScorerResult:
        return ScorerResult(0.5, [], {}, [f"half the points: {len(doc.words)} words"])


def test_a_third_party_scorer_s_notes_are_in_its_entry() -> None:
    pipeline = quality.Pipeline([_Explaining(None)], weights={"test-explaining": 10})
    report = pipeline.score("The council met on Monday.")
    entry = report_record(report, "x")["scorers"]["test-explaining"]
    assert entry == {
        "score": 0.5,
        "weight": 10.0,
        "contribution": -5.0,
        "notes": ["half the points: 5 words"],
    }


#: Built once for the property below: a pipeline per example would dominate its time.
_PIPELINE = quality.Pipeline()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose)
def test_an_entry_has_notes_exactly_when_its_scorer_has_them(text: str) -> None:
    report = _PIPELINE.score(text, format="text")
    scorers = report_record(report, None)["scorers"]
    assert list(scorers) == list(report.scorers)
    for sid, summary in report.scorers.items():
        entry = scorers[sid]
        assert entry.get("notes") == (list(summary.notes) if summary.notes else None)
        assert set(entry) - {"notes"} == SCORER_KEYS


def test_quality_score_writes_notes_and_quality_sources_reads_old_and_new_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(COLUMN) + "\n", encoding="utf-8")
    scored = tmp_path / "scored.jsonl"
    assert main(["score", str(articles), "-o", str(scored), "-j", "1"]) == 0
    (line,) = [json.loads(text) for text in scored.read_text("utf-8").splitlines()]
    assert set(noted_scorers(line)) == {"specificity", "wordiness"}
    # The same line as written before scorers had notes, from another publisher.
    old = json.loads(json.dumps(line))
    old["id"], old["article"]["publisher"] = "old", "Herald"
    for entry in old["scorers"].values():
        entry.pop("notes", None)
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(line) + "\n" + json.dumps(old) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["sources", str(mixed), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    report = json.loads(captured.out)
    assert report["errors"] == 0 and report["articles"] == 2
    figures = {s["source"]: (s["articles"], s["mean_score"]) for s in report["sources"]}
    assert figures == {"Gazette": (1, line["score"]), "Herald": (1, line["score"])}


def test_dask_bag_records_carry_the_notes(pipeline: quality.Pipeline) -> None:
    pytest.importorskip("dask", reason="the dask extra is not installed")
    import dask.bag as db

    from quality.distributed.dask import score_bag

    records = [COLUMN, PLAIN]
    bag = db.from_sequence(records, npartitions=2)
    scored = score_bag(bag).compute(scheduler="synchronous")
    assert scored == [r.to_dict() for r in pipeline.score_many(records)]
    assert set(noted_scorers(scored[0])) == {"specificity", "wordiness"}
    assert noted_scorers(scored[1]) == {}
