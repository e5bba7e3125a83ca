"""Attribution coverage: which claim sentences count as naming their source."""

from __future__ import annotations

import pytest

from tests.conftest import WELL_SOURCED, by_rule, score_alone, shipped_scorer

SCORER = shipped_scorer("attribution")


def _named_share(sentence: str) -> tuple[float, float]:
    metrics = score_alone(SCORER, sentence).metrics
    return metrics["claim_sentences"], metrics["named_sentences"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Smith said the ruling was wrong.",
        "The ruling was wrong, Jane Smith said on Monday.",
        "Jane Smith, a lawyer for the family of the victim, said the ruling was wrong.",
        "The ruling was wrong, according to Reuters.",
        "The company told the BBC the ruling was wrong.",
        "In a statement, the Secretary of State for Foreign and Commonwealth Affairs has said "
        "the ruling was wrong.",
        "The ruling was wrong, the deputy prime minister said.",
        "The ruling was wrong, she said.",
        "Police have said the ruling was wrong.",
        "The Pentagon said the ruling was wrong.",
    ],
)
def test_a_claim_that_names_its_source_counts_as_named(sentence: str) -> None:
    assert _named_share(sentence) == (1.0, 1.0)


@pytest.mark.parametrize(
    "sentence",
    [
        # The cue belongs to the vague subject; the name after it is who the claim is about.
        "Analysts say that Ms Murillo already shares decision-making with Mr Ortega.",
        "Many fear Trump will feed insecurity in the region.",
        "Experts believe the ruling was wrong.",
        "It is widely believed the ruling was wrong.",
    ],
)
def test_a_claim_with_a_vague_or_no_source_does_not(sentence: str) -> None:
    claims, named = _named_share(sentence)
    assert claims == 1.0 and named == 0.0


def test_low_coverage_is_reported_with_the_share_and_the_limit() -> None:
    text = (
        "Experts believe the plan will fail. Many fear costs will rise. Critics argue the "
        "council moved too fast. Observers hope for a compromise. The mayor said the plan "
        "would go ahead."
    )
    result = score_alone(SCORER, text)
    (finding,) = by_rule(result, "ATT001")
    assert finding.value == pytest.approx(0.2) and finding.threshold == 0.5
    assert "0.2" in finding.message


def test_a_well_sourced_story_is_fully_covered() -> None:
    result = score_alone(SCORER, WELL_SOURCED)
    assert result.metrics["claim_sentences"] >= 6
    assert result.metrics["coverage"] == 1.0
    assert not result.findings
