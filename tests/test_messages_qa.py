"""What users read: finding messages, scorer notes and the plain-text account, worded so
that an editor can act on them (numbers that agree with their limits, nouns that agree
with their counts, excerpts cut between words)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quality
from quality.analysis import Document
from quality.article import Article
from quality.ruleset import RuleBook
from quality.scorers._wording import loss_note
from quality.scorers.base import shown_excerpt, value_beside_limit

from .conftest import by_rule, score_alone, shipped_scorer

RULEBOOK = RuleBook.load()
RULES = {rule.code: rule for rule in RULEBOOK}
PIPELINE = quality.Pipeline()

# Six sentences of reporting with no name, quote or figure in them.
NAMELESS = (
    "The council approved the budget after a long debate. Several members opposed the plan, "
    "arguing it cut too deeply into local services. The vote followed months of consultation "
    "with residents and businesses across the county. Officials expect the changes to take "
    "effect next spring, once the final figures are agreed. Opponents plan to raise the matter "
    "again at the next meeting of the full council, when the spending plans for the coming year "
    "will be reviewed in detail. Residents who attended the meeting were divided over the "
    "decision, with some welcoming the savings and others worried about the closure of "
    "libraries and youth clubs."
)


# Numbers beside their limits.


@given(
    threshold=st.integers(0, 200).map(lambda n: n / 2),
    offset=st.floats(0.0001, 5.0),
    above=st.booleans(),
)
def test_a_value_is_never_shown_as_its_own_threshold(threshold, offset, above):
    value = threshold + offset if above else max(0.0, threshold - offset)
    if value == threshold:
        return
    shown = float(value_beside_limit(value, threshold))
    limit = float(value_beside_limit(threshold, None))
    assert shown != limit
    assert (shown > limit) == (value > threshold)


def test_a_finding_just_past_its_threshold_says_by_how_much():
    rule = RULES["WRD001"]
    scorer = shipped_scorer("wordiness")
    doc = Document(Article(text="It was what it was."), "en")
    finding = scorer.finding(doc, rule, 0, 5, value=47.02, threshold=47.0)
    assert finding.message.startswith("47.02% of the words are function words")
    assert "(expected at most 47%)" in finding.message
    # Away from the threshold one decimal is enough.
    assert scorer.finding(doc, rule, 0, 5, value=63.5, threshold=47.0).message.startswith("63.5%")


@pytest.mark.parametrize(
    ("code", "value", "allowance", "full", "unit", "shown"),
    [
        ("SPC001", 0.46, 0.5, 0.0, "", ": 0.46;"),
        ("SPC004", 2.496, 2.5, 0.0, "", ": 2.496;"),
        ("WRD001", 41.04, 41.0, 60.0, "%", ": 41.04%;"),
        ("WRD002", 0.52, 0.5, 3.0, "", ": 0.52;"),
        ("WRD001", 46.6, 41.0, 60.0, "%", ": 46.6%;"),
    ],
)
def test_a_note_never_shows_its_value_on_the_point_where_points_start(
    code, value, allowance, full, unit, shown
):
    note = loss_note(RULES[code], "measure", value, allowance, full, unit)
    assert shown in note


# Counts and their nouns.


def test_an_article_without_reported_speech_is_told_so_in_words():
    result = score_alone(shipped_scorer("specificity"), NAMELESS)
    words = len(NAMELESS.split())
    (reporting,) = by_rule(result, "SPC002")
    assert reporting.message == (
        f"Too few reported statements (said, told, according to): none in {words} words"
    )
    (figures,) = by_rule(result, "SPC004")
    assert figures.message == f"Too few figures: none in {words} words"
    assert "more than 0" not in reporting.message + figures.message
    assert (reporting.value, reporting.threshold) == (0, 0)


def test_a_shortage_above_zero_gives_the_count_and_the_rate():
    text = NAMELESS.replace("across the county", "across Kent")
    words = len(text.split())
    (names,) = by_rule(score_alone(shipped_scorer("specificity"), text), "SPC003")
    rate = value_beside_limit(round(100 / words, 2), 1.0)
    assert names.message == (
        "Too few names of people, places or organisations: "
        f"1 in {words} words, {rate} per 100 words (expected more than 1)"
    )


def test_filler_density_counts_its_phrases_and_says_when_a_short_text_counts_as_100_words():
    report = quality.Pipeline(["filler"]).score("Prospects for Peace\n\nTalks resumed on Monday.")
    (density,) = [f for f in report.findings if f.rule == "FIL001"]
    assert density.message == (
        "Filler density 2 per 100 words (limit 1): 1 filler phrase weighing 2 in 7 words "
        "(counted as 100)"
    )


def test_filler_density_on_a_long_text_gives_its_length_plainly():
    text = NAMELESS + " It is important to note that only time will tell, a glimmer of hope."
    (density,) = [
        f for f in quality.Pipeline(["filler"]).score(text).findings if f.rule == "FIL001"
    ]
    assert density.message.endswith(f": 3 filler phrases weighing 4 in {len(text.split())} words")


_SINGULAR_NOUN_AFTER_ONE = re.compile(
    r"(?<![\d.,])\b1 (?:words|phrases|filler phrases|digits|names|sentences|blocks|characters)\b"
)


def _example_reports():
    for rule in RULEBOOK:
        for text in rule.examples_fire:
            yield rule, PIPELINE.score(text, language="en")


@pytest.mark.parametrize(("rule", "report"), list(_example_reports()), ids=lambda x: "")
def test_messages_on_the_rule_examples_are_filled_in_and_agree(rule, report):
    for finding in report.findings:
        message = finding.message
        assert "{" not in message and "}" not in message, message
        assert not _SINGULAR_NOUN_AFTER_ONE.search(message), message
        assert "“”" not in message, message
        # A quoted match starts and ends on a word, not on the comma around it.
        for quoted in re.findall("\u201c([^\u201d]*)\u201d", message):
            assert quoted == quoted.strip(" ,"), message


# Excerpts.


def test_a_long_excerpt_is_cut_after_a_whole_word():
    excerpt = (
        "The delegate lead for Hillary Clinton continues to grow thanks to a big win in Nevada"
    )
    shown = shown_excerpt(excerpt)
    assert (
        shown == "The delegate lead for Hillary Clinton continues to grow thanks to a big win in…"
    )
    assert len(shown) <= 80


def test_an_excerpt_loses_the_comma_it_was_matched_with():
    assert shown_excerpt(",\n  leading to") == "leading to"
    assert shown_excerpt("Moreover,") == "Moreover"
    assert shown_excerpt("x" * 100) == "x" * 79 + "…"


def test_a_trailing_clause_is_quoted_without_its_comma():
    report = quality.Pipeline(["filler"]).score("The bridge closed, leading to long delays.")
    (finding,) = [f for f in report.findings if f.rule == "FIL109"]
    assert finding.message == "Trailing consequence clause: “leading to”"
    assert finding.excerpt.startswith(", leading to")  # the span itself is unchanged


# The plain-text account.


def test_explain_does_not_quote_again_what_the_message_already_quotes():
    report = quality.Pipeline(["filler"]).score("The bridge closed, leading to long delays.")
    account = report.explain()
    assert "Trailing consequence clause: “leading to”" in account
    assert "“, leading to”" not in account


def test_explain_does_not_quote_a_long_repeat_twice():
    phrase = (
        "The delegate lead for Hillary Clinton continues to grow thanks to a big win in "
        "Nevada on Saturday night"
    )
    text = f"{phrase}. Voters turned out early.\n\n{phrase}. Turnout was high."
    report = quality.Pipeline(["repetition"]).score(text)
    repeats = [f for f in report.findings if f.rule == "REP002"]
    assert repeats
    lines = report.explain().splitlines()
    for at, line in enumerate(lines):
        if " REP002 " in line:
            assert lines[at + 1].lstrip().startswith("fix:"), "\n".join(lines[at : at + 2])


def test_explain_cuts_a_quoted_opening_after_a_whole_word():
    # Document-level findings point at the opening sentence, here longer than a quote.
    text = NAMELESS.replace(
        "after a long debate", "after a long and bitter debate on an unusually wet evening"
    )
    report = quality.Pipeline(["specificity"]).score(text)
    quoted = [line.strip() for line in report.explain().splitlines() if line.startswith("      “")]
    cuts = [line.strip("“”").removesuffix("...") for line in quoted if line.endswith("...”")]
    assert cuts
    for cut in cuts:
        assert text.startswith(cut)
        assert text[len(cut)] == " ", f"cut inside a word: {cut}"


@pytest.mark.parametrize(("blocks", "wording"), [(1, "1 block"), (3, "3 blocks")])
def test_explain_counts_removed_boilerplate_with_the_right_noun(blocks, wording):
    article = Article(text=NAMELESS, stripped=tuple(f"Share this {n}" for n in range(blocks)))
    account = quality.Pipeline(["filler"]).score(article).explain()
    assert account.endswith(f"HTML boilerplate removed before scoring: {wording}")


# Rule pages: every rule a user can meet without configuring anything shows an example of
# each kind, and they hold (tests/test_rules.py runs every example).


def test_every_rule_that_fires_unconfigured_has_examples_both_ways():
    # The house list is empty until a newsroom fills it, so it has nothing to fire on.
    configured_only = {"FIL100"}
    missing = [
        rule.code
        for rule in RULEBOOK
        if rule.code not in configured_only and not (rule.examples_fire and rule.examples_pass)
    ]
    assert not missing, f"rules whose page shows no example of one kind: {missing}"


@pytest.mark.parametrize(
    ("code", "text", "message"),
    [
        ("BOT102", "Here is the rewritten article:", "Chatbot reply left in the text"),
        ("ATT103", "The senator allegedly kept a second account.", "Reported, but not by whom"),
    ],
)
def test_a_message_names_what_its_rule_found(code, text, message):
    report = quality.Pipeline([RULES[code].scorer]).score(text, language="en")
    (finding,) = [f for f in report.findings if f.rule == code]
    assert finding.message.startswith(message)


def test_a_filler_density_just_past_its_limit_does_not_read_as_the_limit() -> None:
    # Rounded to two decimals before it was shown, 1.0033 read "1 per 100 words (limit 1)".
    base = "The council met on Tuesday and the mayor said the budget would pass without changes. "
    clichés = (
        "Residents waited with bated breath. The plan offers a glimmer of hope. It is paving "
        "the way for more. "
    )
    text = clichés + base * 18 + "The vote was close and the hall was full tonight."
    (density,) = [
        f for f in quality.Pipeline(["filler"]).score(text).findings if f.rule == "FIL001"
    ]
    assert density.message.startswith("Filler density 1.003 per 100 words (limit 1)")


def test_filler_density_says_what_its_phrases_weigh_when_some_weigh_more_than_one() -> None:
    text = (
        "It is important to note the plan. Only time will tell. The road ahead is long. "
        "A glimmer of hope remains."
    )
    (density,) = [
        f for f in quality.Pipeline(["filler"]).score(text).findings if f.rule == "FIL001"
    ]
    assert density.message == (
        "Filler density 5.5 per 100 words (limit 1): 4 filler phrases weighing 5.5 in 21 words "
        "(counted as 100)"
    )
