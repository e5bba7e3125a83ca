"""Precision of the rules as an editor reads them: wording that good news copy uses for a
reason (a counted crowd, a named example, a poll named by its pollster, the legal hedge on an
accusation, a plain connective) is not flagged, while the padding each rule is for still is.
"""

from __future__ import annotations

import pytest

from tests.conftest import by_rule, score_alone, shipped_scorer

ATTRIBUTION = shipped_scorer("attribution")
FILLER = shipped_scorer("filler")
WORDINESS = shipped_scorer("wordiness")
SPECIFICITY = shipped_scorer("specificity")
READABILITY = shipped_scorer("readability")


def _excerpts(scorer_id: str, code: str, text: str) -> list[str]:
    scorer = {
        "attribution": ATTRIBUTION,
        "filler": FILLER,
        "wordiness": WORDINESS,
        "specificity": SPECIFICITY,
    }[scorer_id]
    return [f.excerpt for f in by_rule(score_alone(scorer, text), code)]


# ATT101: a vague source is somebody's claim with nobody named.


@pytest.mark.parametrize(
    "sentence",
    [
        # A crowd that is counted, not quoted.
        "If the plan fails, millions of people could lose their insurance.",
        "The new line will serve the many residents who commute to the city.",
        "The council did not say how many people had applied for the grant.",
        "The organisers wanted to give as many people as possible a chance to attend.",
        # "Some" before a number means "about"; the figure belongs to the poll.
        "Some 40 percent said they would vote for the measure, the survey found.",
        "Some two dozen lawmakers said they would oppose the bill.",
        # A group shown by its named members.
        "Critics like Reed say the scheme is too costly.",
        "Some critics, such as Tom Reed, say the scheme is too costly.",
        "Other senior Republicans, such as Anne Marsh and Paul Byrne, have also said they will "
        "not attend.",
        "Several party leaders, including Sen. Maria Lopez, have denounced the remarks.",
        # A named person with the group.
        "Ms Ortiz and her supporters argue the count was flawed.",
        "The vote was on Monday. Reed and other lawmakers said the count was flawed.",
        # A poll or report named by who made it.
        "A Gallup poll found 61 percent backed the plan.",
        "A recent Ipsos survey shows support falling.",
        # A standard term, not a claim.
        "The firm reported a loss under generally accepted accounting principles.",
    ],
)
def test_att101_leaves_counted_crowds_named_members_and_named_polls_alone(sentence: str) -> None:
    assert _excerpts("attribution", "ATT101", sentence) == []


@pytest.mark.parametrize(
    ("sentence", "excerpt"),
    [
        ("Critics say the scheme is too costly.", "Critics say"),
        ("A recent poll found support falling.", "A recent poll found"),
        ("A June poll found support falling.", "A June poll found"),
        ("Many experts say countries like Norway have shown the way.", "Many experts say"),
        ("Democrats and other critics say the count was flawed.", "other critics say"),
        ("As many experts have noted, the scheme is costly.", "many experts have noted"),
        ("Some voters, including Clinton's advisers, are wary of the plan.", "Some voters"),
        # The same unnamed source in the other word order.
        (
            "The plan was approved, according to a senior campaign adviser.",
            "according to a senior campaign adviser",
        ),
        (
            "\u201cWe will win,\u201d said one senior campaign aide.",
            "said one senior campaign aide",
        ),
    ],
)
def test_att101_still_flags_unnamed_sources(sentence: str, excerpt: str) -> None:
    assert excerpt in _excerpts("attribution", "ATT101", sentence)


# ATT102: a purpose clause after the grant of anonymity is the reason for it.


def test_att102_takes_a_purpose_after_the_grant_as_the_reason() -> None:
    given = (
        "A campaign adviser, who requested anonymity to share internal polling, said it was close."
    )
    assert _excerpts("attribution", "ATT102", given) == []
    bare = "A campaign adviser, who requested anonymity, said the race was close."
    assert _excerpts("attribution", "ATT102", bare) == ["who requested anonymity"]


# ATT103: "allegedly" beside the charge or court that makes the accusation is the legal hedge.


@pytest.mark.parametrize(
    "text",
    [
        "He was charged with fraud on Monday for allegedly selling fake tickets.",
        "The driver allegedly ran a red light. Police are appealing for witnesses.",
        "The jury heard that she had allegedly hidden the money in a second account.",
    ],
)
def test_att103_leaves_the_legal_hedge_alone(text: str) -> None:
    assert _excerpts("attribution", "ATT103", text) == []


def test_att103_still_flags_an_allegation_nobody_makes() -> None:
    assert _excerpts("attribution", "ATT103", "The senator allegedly kept a second account.") == [
        "allegedly"
    ]
    assert _excerpts("attribution", "ATT103", "He was reportedly charged on Monday.") == [
        "reportedly"
    ]


# Filler: plain connectives and plain words are not padding.


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("FIL104", "In other words, the scheme costs more than it saves."),
        ("FIL104", "On the other hand, the council kept two libraries open."),
        ("FIL110", "The mayor was notably absent from the meeting."),
        ("FIL102", "The striker played a key role in both goals."),
        ("FIL102", "She plays a key role in the negotiations."),
        ("FIL106", "The minister's stated goal is a balanced budget."),
        ("FIL106", "The party dropped its oft-stated promise of lower fares."),
        ("FIL106", "Their stated policy is to settle out of court."),
        # A sentence adverb after the verb it qualifies is an adverb of degree.
        ("FIL104", "Prices rose significantly, the Office for National Statistics said."),
        ("FIL104", "Secondary school enrolment has declined significantly, while primary grew."),
        # A document states; a person "stating" is the inflated verb.
        ("FIL106", "She received a letter stating that her benefit would stop in May."),
        ("FIL106", "Forbes shot back in an article stating that New York had 79 billionaires."),
        # Foster care, a landmark building, the ordinary possessive, a plain contrast and a
        # police appeal's reference are not padding.
        ("FIL107", "She spent 30 years fostering children in Bolton."),
        ("FIL102", "The bridge, a landmark since 1890, will close for repairs."),
        ("FIL108", "Police appealed for the public's help to find the driver."),
        (
            "FIL108",
            "Some courses sought bankruptcy protection, while others slipped into foreclosure.",
        ),
        ("FIL108", "Anyone with information about this incident should call 101, police said."),
        # The investigation as the reason for a delay is news, not an empty ending.
        ("FIL103", "The sheriff would not release the video while the investigation is ongoing."),
    ],
)
def test_filler_leaves_plain_english_alone(code: str, text: str) -> None:
    assert _excerpts("filler", code, text) == []


@pytest.mark.parametrize(
    ("code", "text", "excerpt"),
    [
        ("FIL104", "Notably, the vote was close.", "Notably,"),
        ("FIL106", "The minister stated that the plan was sound.", "stated that"),
        ("FIL106", "He stated the plan was sound.", "stated"),
        (
            "FIL102",
            "The vote underscores the importance of the alliance.",
            "underscores the importance",
        ),
        ("FIL104", "The plan, crucially, leaves out the libraries.", "crucially,"),
        ("FIL104", "More importantly, the vote was close.", "importantly,"),
        ("FIL106", "The minister spoke on Monday, stating that the plan was sound.", "stating"),
        ("FIL107", "The scheme is fostering a culture of openness.", "fostering"),
        ("FIL102", "The two sides signed a landmark deal.", "a landmark"),
        (
            "FIL108",
            "Some welcomed the plan, while others expressed concern.",
            "while others expressed",
        ),
        ("FIL108", "This incident has raised questions about safety.", "This incident"),
        (
            "FIL103",
            "Two men were arrested. The investigation is ongoing.",
            "The investigation is ongoing",
        ),
    ],
)
def test_filler_still_flags_padding(code: str, text: str, excerpt: str) -> None:
    assert _excerpts("filler", code, text) == [excerpt]


# WRD002: a capitalised word ending in -ing after a comma is a name, not a participle.


def test_wrd002_does_not_take_names_for_participles() -> None:
    text = (
        "Trade talks resumed on Monday, Beijing said, after a week of delays. The American "
        "team flew in from Washington, Reading and Boston. Its leader, Channing Ross, met the "
        "vice-premier for two hours on Tuesday. Officials from the two sides will meet again "
        "in June, Beijing added, and a deal on tariffs could follow by the autumn."
    )
    result = score_alone(WORDINESS, text)
    assert by_rule(result, "WRD002") == []
    assert result.metrics["tack_ons_per_100_words"] == 0.0


def test_wrd002_does_not_take_a_list_of_ing_nouns_for_participles() -> None:
    text = (
        "The cuts fall on housing, policing, nursing and schools, the council said. Spending "
        "on roads, lighting, recycling and parks will also fall. Jobs in retail, "
        "manufacturing, engineering and farming fell in the year. The firm makes flooring, "
        "roofing, decking and guttering for builders in the north of England, and employs 400 "
        "people at sites in Leeds, Hull and York, according to its annual report."
    )
    result = score_alone(WORDINESS, text)
    assert by_rule(result, "WRD002") == []
    assert result.metrics["tack_ons_per_100_words"] == 0.0


def test_wrd002_still_counts_lower_case_participles() -> None:
    text = (
        "The storm hit the coast on Monday, leaving thousands without power. Rivers burst "
        "their banks, flooding hundreds of homes, and roads were closed, prompting calls for "
        "more help. Schools stayed shut, forcing parents to stay at home, and the council "
        "opened three rest centres, raising hopes of a quick recovery for the town."
    )
    assert len(by_rule(score_alone(WORDINESS, text), "WRD002")) == 5


# SPC002: a statement posted online and attributed ("the minister tweeted") is reported.


def test_spc002_counts_a_tweeted_statement_as_reported() -> None:
    text = (
        "The transport minister tweeted on Monday that the new timetable would start in May, "
        "a month later than planned. The rail operator tweeted an apology to passengers on the "
        "northern line, where services were cut by half during the works. The works cost "
        "£12m and closed four stations for six weeks. Passengers' groups tweeted that the "
        "delay would hit commuters in Leeds and York hardest, and asked for refunds on "
        "season tickets bought before the closure was announced in January."
    )
    result = score_alone(SPECIFICITY, text)
    assert by_rule(result, "SPC002") == []
    assert result.metrics["reported_statements_per_100_words"] > 0


# RDB001: the sentence pointed at is one the writer can split, not a speaker's quotation.


def test_rdb001_points_at_the_writers_longest_sentence_not_a_quotation() -> None:
    own = [
        "The council, which has been under pressure from residents and businesses in the town "
        "centre for several years, approved the plan on Tuesday evening after a long debate.",
        "The scheme, which will cost an estimated four million pounds and take at least two "
        "years to build, includes new cycle lanes and a pedestrian zone near the station.",
        "Opposition councillors, who argued throughout the debate that the money would be "
        "better spent on roads, said they would campaign against the plan next spring.",
    ]
    quoted = (
        "\u201cWe have listened to everyone who wrote to us, we have changed the scheme three "
        "times to meet their concerns, and we are now sure that the town centre will be better "
        "for it in every way that matters to the people who live and work there,\u201d the "
        "leader said."
    )
    longest = max(own, key=lambda sentence: len(sentence.split()))
    assert len(quoted.split()) > len(longest.split())
    [finding] = by_rule(score_alone(READABILITY, " ".join([own[0], quoted, *own[1:]])), "RDB001")
    assert finding.excerpt == longest
    words = len(longest.split())
    assert f"the longest outside quotations, here, has {words} words" in finding.message
