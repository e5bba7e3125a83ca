"""A pipeline left with no scorer is refused, since it would grade anything A; `quality lint`
with a selection of only its own rules checks files without scoring them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import quality
from quality.cli import main
from quality.errors import ConfigError
from quality.pipeline import NoScorersError

ROOT = Path(__file__).resolve().parent.parent
EVERY_SCORER = quality.Pipeline().scorer_ids
FILLER = "Experts say the plan offers a glimmer of hope for the town and region.\n"


@pytest.mark.parametrize(
    ("arguments", "cause"),
    [
        ({"scorers": []}, "'scorers' is empty"),
        ({"disable": EVERY_SCORER}, "'disable' switches off every scorer"),
        ({"select": []}, "the rule selection (select []) leaves no rule of any scorer on"),
        ({"ignore": ["ALL"]}, "the rule selection (ignore ['ALL']) leaves no rule"),
        (
            {"scorers": ["filler", "residue"], "disable": ["filler"], "ignore": ["RES"]},
            "'disable' switches off 'filler'; the rule selection (ignore ['RES']) leaves no "
            "rule of 'residue' on",
        ),
    ],
)
def test_a_pipeline_without_scorers_is_refused_naming_why(
    arguments: dict[str, Any], cause: str
) -> None:
    with pytest.raises(NoScorersError) as refused:
        quality.Pipeline(**arguments)
    assert isinstance(refused.value, ConfigError)
    message = str(refused.value)
    assert message.startswith("no scorer left to run: ")
    assert cause in message
    assert "\n" not in message


def test_one_scorer_with_one_rule_left_is_enough() -> None:
    pipeline = quality.Pipeline(scorers=["filler"], select=["FIL101"])
    assert pipeline.scorer_ids == ["filler"]
    assert [f.rule for f in pipeline.score(FILLER).findings] == ["FIL101"]


def test_the_dask_adapter_refuses_at_the_call() -> None:
    pytest.importorskip("dask", reason="the dask extra is not installed")
    import dask.bag as db

    from quality.distributed.dask import score_bag

    with pytest.raises(NoScorersError):
        score_bag(db.from_sequence([{"text": FILLER}]), select=[])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def lint_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    status = main(["lint", "--format", "json", *args])
    return status, json.loads(capsys.readouterr().out)


def test_lint_selecting_only_suppression_rules_checks_without_scoring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.md", "<!-- quality: ignore FIL999 -->\n" + FILLER)
    status, document = lint_json(capsys, "--select", "SUP", str(path))
    (result,) = document["files"]
    assert (result["score"], result["grade"]) == (None, None)
    assert [f["rule"] for f in result["findings"]] == ["SUP001"]
    schema = json.loads((ROOT / "docs" / "lint-output.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    # SUP001 is a warning: under the default failing severity the file passes on findings,
    # and, not scored, it cannot fail on its score.
    assert result["passed"] is True and status == 0
    main(["lint", "--select", "SUP", str(path)])
    out = capsys.readouterr().out
    assert f"{path}: not scored (no scorer rule selected): pass" in out
    assert "score 100" not in out


def test_lint_with_every_rule_ignored_in_the_configuration_is_not_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "pyproject.toml", '[tool.quality]\nignore = ["ALL"]\n')
    write(tmp_path, "a.txt", FILLER)
    monkeypatch.chdir(tmp_path)
    status, document = lint_json(capsys, "a.txt")
    (result,) = document["files"]
    assert result["score"] is None and result["findings"] == []
    assert "error" not in result or not result["error"]
    assert status == 0


def test_lint_narrow_selection_of_scorer_rules_still_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.txt", FILLER)
    _, document = lint_json(capsys, "--select", "FIL101", "--fail-under", "0", str(path))
    (result,) = document["files"]
    assert isinstance(result["score"], (int, float)) and result["grade"] is not None
    assert [f["rule"] for f in result["findings"]] == ["FIL101"]
