"""The filler scorer and its phrase lists: density, quotation exemption, rule examples."""

from __future__ import annotations

import pytest

from quality.ruleset import RuleBook
from quality.scorers.base import Scorer
from tests.conftest import rule_codes, shipped_rules, shipped_scorer
from tests.conftest import score_alone as run

SCORERS = ("filler", "specificity")

# Phrases that careful journalism uses routinely (in 3% or more of long US political
# articles); listing them would flag good reporting.
COMMON_IN_JOURNALISM = (
    "noted that",
    "ultimately",
    "clear that",
    "the nation",
    "interview with",
    "to continue",
    "issue of",
    "in the united",
    "most of the",
    "on the other",
    "the face of",
    "commitment to",
    "crucial",
    "in the wake of",
    "amid",
)

BODY = (
    "The council met on Tuesday to vote on the budget for the coming year, and members spoke "
    "for and against the plan for several hours before the final vote was taken. "
)


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return shipped_rules()


@pytest.fixture(scope="module")
def filler() -> Scorer:
    return shipped_scorer("filler")


def example_cases(book: RuleBook):
    for scorer_id in SCORERS:
        for rule in book.for_scorer(scorer_id).rules:
            for text in rule.examples_fire:
                yield pytest.param(scorer_id, rule.code, text, True, id=f"{rule.code}-fires")
            for text in rule.examples_pass:
                yield pytest.param(scorer_id, rule.code, text, False, id=f"{rule.code}-passes")


@pytest.mark.parametrize(
    ("scorer_id", "code", "text", "fires"), list(example_cases(shipped_rules()))
)
def test_rule_examples_hold(scorer_id, code, text, fires):
    assert (code in rule_codes(run(shipped_scorer(scorer_id), text))) is fires


def test_one_stock_phrase_in_a_long_article_costs_little_and_raises_no_warning(filler):
    one_hit = "The vote underscores the importance of the budget. "
    result = run(filler, BODY * 3 + one_hit + BODY * 3)
    assert rule_codes(result) == {"FIL102"}
    assert result.score > 0.8


def test_dense_filler_raises_the_density_warning_and_sinks_the_sub_score(filler):
    text = (
        "The move marks a significant shift. Officials emphasized that it is crucial to act. "
        "Additionally, critics remain divided, leading to mixed reactions within the community. "
        "Only time will tell whether this serves as a stark reminder of the challenges ahead."
    )
    result = run(filler, text)
    density = next(f for f in result.findings if f.rule == "FIL001")
    assert density.value is not None and density.threshold is not None
    assert density.value > density.threshold
    families = {"FIL101", "FIL102", "FIL103", "FIL104", "FIL106", "FIL108", "FIL109"}
    assert families <= rule_codes(result)
    assert result.score < 0.1


def test_ornate_vocabulary_sinks_a_short_piece_but_one_word_in_a_long_one_costs_little(filler):
    ornate = (
        "The festival showcased the town's vibrant arts scene. Organisers embarked on a "
        "meticulous plan, a testament to their dedication, and the bustling streets were a "
        "remarkable sight."
    )
    result = run(filler, ornate)
    assert len([f for f in result.findings if f.rule == "FIL110"]) >= 5
    assert "FIL001" in rule_codes(result)
    assert result.score < 0.1
    one_word = run(filler, BODY * 3 + "The streets were bustling by noon. " + BODY * 3)
    assert rule_codes(one_word) == {"FIL110"}
    assert one_word.score > 0.8


def test_phrases_inside_quotations_are_exempt(filler):
    text = BODY + '"This marks a significant shift and it is crucial," the mayor said.'
    assert run(filler, text).findings == []


def test_longest_phrase_wins_over_its_prefix(filler):
    result = run(filler, BODY + "She emphasized the importance of the vote.")
    assert [f.excerpt for f in result.findings] == ["emphasized the importance of"]


@pytest.mark.parametrize("phrase", COMMON_IN_JOURNALISM)
def test_phrases_common_in_careful_journalism_are_not_listed(book, phrase):
    listed = {p.lower() for r in book.for_scorer("filler").rules for p in r.phrases}
    assert phrase not in listed


def test_no_phrase_is_listed_twice(book):
    phrases = [p.lower() for r in book.for_scorer("filler").rules for p in r.phrases]
    duplicates = {p for p in phrases if phrases.count(p) > 1}
    assert not duplicates


@pytest.mark.parametrize(
    "gap",
    ["\n", "\r\n", "  ", "\t", " \n   "],
    ids=["wrapped", "crlf", "double-space", "tab", "indented"],
)
def test_a_phrase_across_a_wrapped_line_or_a_wide_gap_is_found(filler, gap):
    text = f"The talks offer a glimmer{gap}of hope, the minister said on Tuesday."
    findings = [f for f in run(filler, text).findings if f.rule == "FIL101"]
    assert [(f.excerpt, f.line, f.column) for f in findings] == [(f"a glimmer{gap}of hope", 1, 17)]
    assert findings[0].message == "Cliché: “a glimmer of hope”"


def test_a_phrase_found_once_where_gaps_are_near_it(filler):
    text = "Only time\nwill tell. The talks offer a glimmer of hope,\nthe minister said."
    found = [(f.excerpt, f.start) for f in run(filler, text).findings if f.rule != "FIL001"]
    assert found == [("Only time\nwill tell", 0), ("a glimmer of hope", 37)]


def test_no_phrase_across_a_paragraph_break_or_the_end_of_a_sentence(filler):
    for text in (
        "The talks offer a glimmer\n\nof hope, the minister said.",
        "The talks offer a glimmer.\nOf hope, the minister said little.",
    ):
        assert "FIL101" not in {f.rule for f in run(filler, text).findings}


def test_markdown_emphasis_inside_a_phrase_does_not_hide_it():
    import quality

    report = quality.score("---\ntitle: Talks\n---\nThe talks offer a **glimmer** of hope.\n")
    assert [f.line for f in report.findings if f.rule == "FIL101"] == [4]


PADDED = (
    "The deal offers a glimmer of hope. It is a game changer. Officials vowed to leave no "
    "stone unturned. Only time will tell. At the end of the day, it is a double-edged sword. "
    "The council voted 7-2 on Tuesday."
)


@pytest.mark.parametrize("selection", [["FIL101"], ["FIL1"], ["ALL"]])
def test_selected_phrase_rules_cost_points_without_the_density_finding(selection):
    # FIL001 sums up the phrases; leaving its finding out of the selection must not make
    # the selected phrases free (a --fail-under gate on FIL101 alone would never fail).
    import quality

    everything = quality.Pipeline(["filler"]).score(PADDED, language="en")
    chosen = quality.Pipeline(["filler"], select=selection, ignore=["FIL001"]).score(
        PADDED, language="en"
    )
    assert "FIL001" not in {f.rule for f in chosen.findings}
    assert chosen.findings and chosen.score < 70
    if selection == ["ALL"]:
        assert chosen.score == pytest.approx(everything.score)


def test_the_density_rule_alone_has_no_phrases_to_count():
    import quality

    report = quality.Pipeline(["filler"], select=["FIL001"]).score(PADDED, language="en")
    assert report.score == 100 and not report.findings
