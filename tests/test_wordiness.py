"""The wordiness scorer: function-word share and participle clauses tacked on."""

from __future__ import annotations

import pytest

from quality.scorers.base import Scorer
from tests.conftest import WELL_SOURCED as CAREFUL
from tests.conftest import by_rule, shipped_scorer
from tests.conftest import score_alone as score

WORDIEST = "It was not that it was what it was, and it is what it is, and that is that."
WORDY = (
    "The harbour wall in Lyme Regis was damaged by waves on Sunday night, the council said. "
    + WORDIEST
    + " They said that it was the only way that it could be done, and that there was no "
    "other way for them to do it at the time. He said that it is what it is and that they "
    "would have to see what it was that they could do about it when they were able to. "
    "There was a lot of it to do, and some of it was not what they had thought it would be."
)

TACKED = (
    "Storm Ciara hit the coast of Cornwall on Sunday, leaving 9,000 homes without power. "
    "The River Fowey burst its banks, flooding 60 homes in Lostwithiel, and the A38 was "
    "closed, forcing drivers onto side roads. Cornwall Council opened two rest centres, "
    "highlighting the scale of the damage. Engineers from Western Power worked overnight, "
    "restoring supplies to most homes by Monday, and the Environment Agency kept three flood "
    "warnings in place, prompting calls for new defences."
)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return shipped_scorer("wordiness")


def test_careful_article_keeps_full_marks(scorer):
    result = score(scorer, CAREFUL)
    assert result.findings == []
    assert result.score == pytest.approx(1.0)
    assert result.metrics["function_word_percent"] < 41


def test_wordy_prose_is_reported_at_its_wordiest_sentence(scorer):
    result = score(scorer, WORDY)
    findings = by_rule(result, "WRD001")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.excerpt == WORDIEST
    assert finding.threshold == 47
    assert finding.value == pytest.approx(result.metrics["function_word_percent"], abs=0.1)
    assert finding.value > 55
    assert result.score < 0.4


def test_tacked_on_participles_are_each_shown_with_the_density(scorer):
    result = score(scorer, TACKED)
    findings = by_rule(result, "WRD002")
    assert [f.excerpt for f in findings] == [
        "leaving 9,000 homes without power",
        "flooding 60 homes in Lostwithiel",
        "forcing drivers onto side roads",
        "highlighting the scale of the damage",
        "restoring supplies to most homes by Monday",
        "prompting calls for new defences",
    ]
    density = 100 * 6 / len(TACKED.split())
    assert all(f.value == pytest.approx(density, abs=0.1) for f in findings)
    assert all(f.threshold == 1.5 for f in findings)
    assert result.score < 0.6


def test_attribution_prepositions_and_quotes_are_not_tack_ons(scorer):
    text = (
        "Cornwall Council opened two rest centres on Sunday, including one in Bodmin, "
        "according to its website. A spokesman said the roads were clear, adding that the "
        'last flood warning had been lifted. Residents spoke of the storm: "It hit the '
        'roof, ripping off tiles, smashing windows, soaking everything," said Ann Cole. '
        "Engineers restored power to the last 300 homes in Liskeard on Monday evening, and "
        "the council said schools in the county would open as normal on Tuesday."
    )
    result = score(scorer, text)
    assert by_rule(result, "WRD002") == []
    assert result.metrics["tack_ons_per_100_words"] == 0


def test_one_tack_on_in_a_long_report_costs_nothing(scorer):
    text = (
        CAREFUL
        + " The vote came after a long debate, ending a year of consultation. Library users "
        "in Armley collected 1,200 signatures against the closures in February and handed "
        "them to the council leader at a meeting in the civic hall. The council will publish "
        "the final list of sites and opening hours on its website in March."
    )
    result = score(scorer, text)
    assert by_rule(result, "WRD002") == []
    assert 0 < result.metrics["tack_ons_per_100_words"] <= 0.5
    assert result.score == pytest.approx(1.0)


def test_short_texts_are_not_judged(scorer):
    result = score(scorer, "It was what it was, and it is what it is, he said.")
    assert result.findings == []
    assert result.score == pytest.approx(1.0)


def test_the_wordiest_sentence_is_the_writers_not_an_interviewees_answer(scorer):
    answer = (
        "A: It was one of the things that we had to do, and it was not the first time that "
        "we had been there, so it was what it was and that is all there is to it.\n\n"
    )
    text = (
        "The chief executive of the trust, who took over in January, spoke to us about the "
        "winter.\n\n"
        "Q: What went wrong?\n\n" + answer + "Q: Would you do it again?\n\n" + answer * 2
    )
    [finding] = by_rule(score(scorer, text), "WRD001")
    assert finding.excerpt.startswith("The chief executive of the trust")
