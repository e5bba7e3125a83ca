"""Third-party scorers on a cluster and in the registry: a finding the pipeline lets through
but that cannot be written, a package whose entry points file is broken, and a scorer class
an entry point names where its package re-exports it."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, ClassVar

import pytest

import quality
from quality import registry
from quality.analysis import Document
from quality.findings import Finding, Severity
from quality.ruleset import ScorerRules
from quality.scorers.base import Scorer, ScorerResult

pd = pytest.importorskip("pandas", reason="the dask or spark extra is not installed")

from quality.distributed import score_frame  # noqa: E402

TEXT = "The council voted 6-3 on Tuesday to raise parking fees, the mayor said."


class SloppyScorer(Scorer):
    """Flags 'BAD' with a finding built by hand, its severity and message of the wrong type:
    within the spans the pipeline checks, but no finding a report can hold."""

    id = "test-sloppy"
    version = "0.1"
    needs_language_rules = False
    wrong: ClassVar[dict[str, Any]] = {"severity": "warning"}

    def score(self, doc: Document) -> ScorerResult:
        if "BAD" not in doc.text:
            return ScorerResult(1.0)
        fields: dict[str, Any] = {"severity": Severity.WARNING, "message": "bad", **self.wrong}
        start = doc.text.index("BAD")
        finding = Finding(
            "SLP001",
            self.id,
            fields["severity"],
            fields["message"],
            start,
            start + 3,
            1,
            start + 1,
            1,
            start + 4,
            "BAD",
        )
        return ScorerResult(0.5, [finding])


class ObjectMessageScorer(SloppyScorer):
    id = "test-object-message"
    wrong: ClassVar[dict[str, Any]] = {"message": object()}


def pipeline_with(scorer: type[Scorer]) -> quality.Pipeline:
    return quality.Pipeline(["filler", scorer(ScorerRules(scorer.id))])


@pytest.mark.parametrize(
    ("scorer", "problem"),
    [
        (SloppyScorer, "whose severity is 'warning', not a quality.Severity"),
        (ObjectMessageScorer, "whose message is object, not a string"),
    ],
)
def test_a_finding_that_cannot_be_written_fails_its_row_not_the_partition(
    scorer: type[Scorer], problem: str
) -> None:
    # The exception escaped score_frame (and so failed the Spark or Dask task, every row of
    # the partition with it) and named no scorer.
    pipeline = pipeline_with(scorer)
    frame = pd.DataFrame({"id": ["a", "b", "c"], "text": [TEXT, TEXT + " BAD", TEXT]})
    scored = score_frame(frame, pipeline_options=pipeline)
    expected = pipeline.score(TEXT).score
    assert scored["score"].tolist()[::2] == [expected, expected]
    assert scored["error"].tolist()[::2] == [None, None]
    assert pd.isna(scored["score"][1]) and scored["grade"][1] is None
    error = scored["error"][1]
    assert error.startswith(f"ScorerError: scorer '{scorer.id}' 0.1 returned a finding ('SLP001')")
    assert problem in error


def test_score_many_reports_the_scorer_of_a_finding_that_cannot_be_written() -> None:
    # The pipeline checks a finding's fields, so no output (a `quality score` line, a
    # report's JSON) meets one it cannot write, and the other articles are still scored.
    pipeline = pipeline_with(SloppyScorer)
    first, second, third = pipeline.score_many([TEXT, TEXT + " BAD", TEXT])
    assert first.ok and third.ok
    assert second.error is not None and second.error.type == "ScorerError"
    assert "scorer 'test-sloppy' 0.1 returned a finding ('SLP001')" in second.error.message
    assert json.loads(second.to_json_line())["error"]["type"] == "ScorerError"


def test_a_bag_record_with_a_finding_that_cannot_be_written_is_an_error_record() -> None:
    pytest.importorskip("dask", reason="the dask extra is not installed")
    from quality.distributed.dask import score_partition

    pipeline = pipeline_with(SloppyScorer)
    records = score_partition(
        [{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT + " BAD"}], pipeline
    )
    assert records[0]["score"] == pipeline.score(TEXT).score
    assert records[1]["id"] == "b"
    assert records[1]["error"]["type"] == "ScorerError"
    assert "scorer 'test-sloppy' 0.1 returned a finding" in records[1]["error"]["message"]


def test_a_dask_frame_scores_past_a_finding_that_cannot_be_written(registered: Any) -> None:
    dask = pytest.importorskip("dask", reason="the dask extra is not installed")
    import dask.dataframe as dd

    from quality.distributed.dask import score_dataframe

    registered(SloppyScorer)
    frame = pd.DataFrame({"text": [TEXT, TEXT + " BAD", TEXT, TEXT]})
    with dask.config.set(scheduler="synchronous"):
        scored = score_dataframe(dd.from_pandas(frame, npartitions=2)).compute()
    assert scored["score"].notna().tolist() == [True, False, True, True]
    assert "scorer 'test-sloppy' 0.1" in scored["error"][1]


def install(site: Path, distribution: str, entry_points: str) -> None:
    info = site / f"{distribution.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)


def test_a_package_with_a_broken_entry_points_file_does_not_stop_the_others(site: Path) -> None:
    # A line without '=' made every pipeline, built-in scorers only included, fail with
    # "TypeError: Pair.__new__() missing 1 required positional argument", naming no package.
    install(site, "fake-garbled", "[quality.scorers]\nthis line has no equals sign\n")
    with pytest.warns(RuntimeWarning, match=r"could not be read.*fake-garbled 1\.0"):
        report = quality.Pipeline().score(TEXT)
    # Every built-in scorer but the opt-in predictability, which the default pipeline runs
    # only when its rules are selected.
    assert set(report.scorers) == set(registry._BUILTIN) - {"predictability"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(quality.ScorerError, match=r"unknown scorer 'garbled'.*fake-garbled"):
            quality.Pipeline(["garbled"])


def test_a_package_declaring_no_scorer_is_not_parsed(site: Path) -> None:
    # A package declaring no scorer is not parsed, and not named, whatever its file holds.
    install(site, "fake-tool", "[console_scripts]\nno equals here\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert "filler" in registry.available()


def test_registering_the_class_an_entry_point_names_by_a_re_export_is_no_clash(
    site: Path, registered: Any
) -> None:
    package = site / "fake_reexport"
    package.mkdir()
    (package / "scoring.py").write_text(
        "from tests.notebook_scorer import ShoutingScorer as _Base\n\n"
        "class LoudScorer(_Base):\n    id = 'test-loud'\n"
    )
    (package / "__init__.py").write_text("from fake_reexport.scoring import LoudScorer\n")
    install(site, "fake-reexport", "[quality.scorers]\ntest-loud = fake_reexport:LoudScorer\n")
    from fake_reexport import LoudScorer  # type: ignore[import-not-found]

    # Refused as "already taken by fake_reexport:LoudScorer": the very same class.
    registered(LoudScorer)
    assert quality.Pipeline(["test-loud"]).scorer_ids == ["test-loud"]

    class Impostor(LoudScorer):
        pass

    with pytest.raises(quality.ScorerError, match="already taken by"):
        registered(Impostor)


class RaisesInputError(Scorer):
    """A plug-in that raises the library's own InputError while scoring."""

    id = "test-raises-input-error"
    version = "0.2"
    needs_language_rules = False

    def score(self, doc: Document) -> ScorerResult:
        raise quality.InputError("lookup table missing")


def test_a_plug_in_raising_a_library_error_is_named_rather_than_blaming_the_article() -> None:
    pipeline = pipeline_with(RaisesInputError)
    (result,) = pipeline.score_many([TEXT])
    assert result.error is not None and result.error.type == "ScorerError"
    assert result.error.message.startswith(
        "scorer 'test-raises-input-error' 0.2 failed on this article: InputError"
    )
