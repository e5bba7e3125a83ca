"""Findings an editor would overrule on clean reporting, one construction at a time: each
case is a sentence of ordinary professional copy that a rule used to misread, next to the
padded or unsourced sentence the rule must still catch."""

from __future__ import annotations

import pytest

from tests.conftest import by_rule, score_alone, shipped_scorer

ATTRIBUTION = shipped_scorer("attribution")
FILLER = shipped_scorer("filler")


def _claims_and_named(text: str) -> tuple[float, float]:
    metrics = score_alone(ATTRIBUTION, text).metrics
    return metrics["claim_sentences"], metrics["named_sentences"]


@pytest.mark.parametrize(
    "sentence",
    [
        # the name as an appositive after the role, the commonest attribution in news
        "Its chief executive, Tom Aldridge, said the costs would be passed on.",
        "Castlebrook's manager, Nathan Jonas, said his side had switched off.",
        # an organisation with its abbreviation
        "The Office for National Statistics (ONS) said prices rose 3.2% in March.",
        # a named speaker in a relative clause
        "Hayes, who said he had campaigned since 2020, called it a real step.",
        # a body or document described with a capitalised or possessive word
        "The RMT union said it had agreed to the changes.",
        "The inspectors' report said there were not enough staff at night.",
        "Bergman was also charged with a firearms offence, the affidavit says.",
        # an adverb between the source and its verb
        "Japan has long said that the 1965 treaty settled every claim.",
    ],
)
def test_a_source_named_in_the_usual_ways_counts_as_named(sentence: str) -> None:
    assert _claims_and_named(sentence) == (1.0, 1.0)


@pytest.mark.parametrize(
    "sentence",
    [
        # a date or place closing a clause is not the speaker
        "The plant will close in June, said a spokesman.",
        "Prices will rise, officials said.",
    ],
)
def test_a_clause_ending_in_a_name_does_not_name_the_speaker(sentence: str) -> None:
    assert _claims_and_named(sentence) == (1.0, 0.0)


@pytest.mark.parametrize(
    "sentence",
    [
        # claims for money, and the claims trade
        "Under the old rules, passengers could claim £520 after a delay of four hours.",
        "Airlines have 28 days from receiving a claim to pay it.",
        "You do not need to use a claims company.",
        # a hope and a cause, not a report
        "There is no reason to take aspirin in the hope of preventing dementia.",
        "The difference was small enough to be explained by chance.",
        # a question reports nothing
        "What do the airlines say?",
        # a cue inside quotation marks is the speaker's own word
        '"We believe the trial answers the question."',
    ],
)
def test_a_cue_word_that_reports_nobody_makes_no_claim(sentence: str) -> None:
    assert _claims_and_named(sentence) == (0.0, 0.0)


@pytest.mark.parametrize(
    "sentence",
    [
        "The critics' claim that the scheme is illegal was rejected.",
        "Passengers claim the airline ignored them.",
        "Some hope the talks will resume.",
    ],
)
def test_the_reporting_senses_of_those_words_are_still_claims(sentence: str) -> None:
    assert _claims_and_named(sentence)[0] == 1.0


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts had expected $4.48 billion.",
        "Analysts had expected revenue of $4.48 billion, according to LSEG data.",
        "Economists had forecast a rise of 0.3% in the month.",
    ],
)
def test_a_consensus_forecast_figure_is_not_a_vague_source(sentence: str) -> None:
    assert by_rule(score_alone(ATTRIBUTION, sentence), "ATT101") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts had expected growth across the board.",
        "Analysts believe the company is well placed.",
        "Experts predicted 10,000 deaths.",
        "Economists expect the economy to slow.",
    ],
)
def test_an_unnamed_group_giving_a_view_is_still_vague(sentence: str) -> None:
    assert by_rule(score_alone(ATTRIBUTION, sentence), "ATT101") != []


def test_a_consequence_the_sentence_attributes_is_not_tacked_on() -> None:
    sourced = (
        "Prices rose 3%, reflecting higher energy costs, the Office for National Statistics said."
    )
    assert by_rule(score_alone(FILLER, sourced), "FIL109") == []
    also = "Prices rose, reflecting higher energy costs, according to the ONS."
    assert by_rule(score_alone(FILLER, also), "FIL109") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge closed, leading to long delays.",
        "The bridge closed, leading to delays for the 40,000 drivers who use it.",
        "Sales fell, reflecting weak demand, and the shares dropped.",
    ],
)
def test_an_unsourced_consequence_is_still_tacked_on(sentence: str) -> None:
    assert by_rule(score_alone(FILLER, sentence), "FIL109") != []


@pytest.mark.parametrize(
    "sentence",
    [
        # "it" is the outcome, not an impersonal "it is known that"
        "Talks resume on Friday; we will report the outcome as soon as it is known.",
        # an action, not a view
        "Some operators have cut evening services, while others have raised fares.",
    ],
)
def test_a_thing_known_or_a_price_raised_is_no_vague_source(sentence: str) -> None:
    assert by_rule(score_alone(ATTRIBUTION, sentence), "ATT101") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "It is believed that the ministers met in secret.",
        "The men, it is believed, fled to Spain.",
        "Others have raised concerns about the plan.",
        "Many have raised questions about the cost.",
    ],
)
def test_an_impersonal_or_unnamed_view_is_still_vague(sentence: str) -> None:
    assert by_rule(score_alone(ATTRIBUTION, sentence), "ATT101") != []


def test_attribution_coverage_says_how_many_claims_name_their_source() -> None:
    import quality

    text = (
        "Many analysts say the plan will fail. Experts note the risks are high. Critics "
        "argue the cost is too great. Some observers claim the vote was rigged. Officials "
        "said the talks were over."
    )
    (finding,) = [f for f in quality.score(text).findings if f.rule == "ATT001"]
    assert finding.message == (
        "None of 5 claim sentences name their source (expected at least 50%)"
    )
    assert (finding.value, finding.threshold) == (0, 50)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("After the flood, many things were considered by the council.", False),
        ("After the flood, many homes were told to boil their water.", False),
        ("After the flood, many residents say the council was too slow.", True),
        ("After the flood, many have said the defences failed.", True),
    ],
)
def test_a_quantified_group_in_the_passive_is_no_source(text: str, flagged: bool) -> None:
    import quality

    rules = {f.rule for f in quality.score(text).findings}
    assert ("ATT101" in rules) is flagged
