"""The repetition scorer: narrow vocabulary and phrases used again, located exactly."""

from __future__ import annotations

import pytest

import quality
from quality.scorers.base import Scorer
from tests.conftest import WELL_SOURCED as CAREFUL
from tests.conftest import by_rule, shipped_scorer
from tests.conftest import score_alone as score

LOOP = "The ferry was cancelled because of high winds on the Solent crossing this morning."
LOOPING = (
    "Passengers waited at Portsmouth harbour for several hours on Friday. "
    + LOOP
    + " Staff handed out hot drinks and blankets to families in the terminal. "
    + LOOP
    + " A spokesman for the operator apologised for the delay. "
    + LOOP
    + " Services are expected to resume on Saturday if the weather improves."
)

NARROW = (
    "The man said that the man was at the shop and the man said that the shop was shut. "
    "He said that it was the shop that he went to and that it was shut when he was there. "
    "The man was sad that the shop was shut, and he said that he was sad that it was shut. "
    "It was the day that he went to the shop, and it was the day that the shop was shut. "
    "He said he was at the shop on the day and that the man at the shop said it was shut."
)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return shipped_scorer("repetition")


def test_careful_article_keeps_full_marks(scorer):
    result = score(scorer, CAREFUL)
    assert result.findings == []
    assert result.score == pytest.approx(1.0)
    assert result.metrics["distinct_words_per_50"] > 42


def test_loop_is_flagged_at_each_repeat_and_not_at_the_first_use(scorer):
    result = score(scorer, LOOPING)
    repeats = by_rule(result, "REP002")
    first = LOOPING.index(LOOP)
    later = [LOOPING.index(LOOP, first + 1), LOOPING.rindex(LOOP)]
    assert [f.start for f in repeats] == later
    for finding in repeats:
        assert finding.excerpt == LOOP
        assert "first at line 1" in finding.message
    density = by_rule(result, "REP003")
    assert len(density) == 1
    assert density[0].severity.value == "warning"
    assert density[0].value == pytest.approx(
        100 * 2 * len(LOOP.split()) / len(LOOPING.split()), abs=0.1
    )
    assert density[0].threshold == 15
    assert result.score < 0.8


def test_narrow_vocabulary_is_reported_with_value_threshold_and_words(scorer):
    result = score(scorer, NARROW)
    variety = by_rule(result, "REP001")
    assert len(variety) == 1
    finding = variety[0]
    assert finding.value is not None and finding.threshold is not None
    assert finding.value < finding.threshold
    assert "most repeated in this stretch: the (" in finding.message
    # The finding covers one 50-word stretch, starting at a word.
    assert len(finding.excerpt.split()) == 50
    assert NARROW[finding.start - 1 : finding.start] in ("", " ")
    assert result.score < 0.2


def test_repeats_inside_quotations_are_the_speakers(scorer):
    text = (
        "The club confirmed the signing on Friday afternoon. "
        '"He joins from Leeds on a three-year deal," the manager said. '
        '"He joins from Leeds on a three-year deal," the chairman repeated.'
    )
    assert by_rule(score(scorer, text), "REP002") == []


def test_a_repeat_in_the_writers_own_words_after_a_quote_is_reported(scorer):
    text = (
        "The striker joins from Leeds on a three-year deal. The fee was not disclosed. "
        "The striker joins from Leeds on a three-year deal, the club said on Friday."
    )
    repeats = by_rule(score(scorer, text), "REP002")
    assert len(repeats) == 1
    assert repeats[0].excerpt.startswith("The striker joins from Leeds")
    assert repeats[0].start == text.rindex("The striker")


def test_phrases_do_not_run_across_sentences(scorer):
    # "the vote. The" repeats, but only as the end of one sentence and the start of another.
    text = (
        "Members met on Monday to prepare for the vote. The chair opened the session. "
        "Members met on Monday to prepare for the vote. The result is due next week."
    )
    repeats = by_rule(score(scorer, text), "REP002")
    assert [f.excerpt for f in repeats] == ["Members met on Monday to prepare for the vote."]


def test_grammar_words_alone_are_not_a_phrase(scorer):
    text = (
        "It was one of the best days of the year for the town, said the mayor, Ann Cole. "
        "Crowds lined the river for the regatta. It was one of the best days of the season "
        "for the rowing club too, its captain said."
    )
    repeats = by_rule(score(scorer, text), "REP002")
    # "It was one of the best days of the" repeats and names days: two content words.
    assert [f.excerpt for f in repeats] == ["It was one of the best days of the"]
    only_grammar = (
        "It was not that it was too late. The council met. "
        "It was not that it was too early either, he said."
    )
    assert by_rule(score(scorer, only_grammar), "REP002") == []


def test_short_texts_are_not_judged_for_variety(scorer):
    result = score(scorer, "The council met on Monday. It approved the budget.")
    assert "distinct_words_per_50" not in result.metrics
    assert result.score == pytest.approx(1.0)


def test_pipeline_reports_the_loop_with_a_lower_score():
    pipeline = quality.Pipeline(["repetition"])
    clean = pipeline.score(CAREFUL)
    looping = pipeline.score(LOOPING)
    assert looping.score < clean.score
    assert {"REP002", "REP003"} <= {f.rule for f in looping.findings}


def test_on_a_web_page_the_first_use_is_named_by_paragraph_not_by_extracted_line():
    # Lines of the text extracted from a page are not lines of the page an editor opens.
    paragraphs = LOOPING.split(". ")
    body = "".join(f"<p>{p}.</p>\n" for p in paragraphs)
    page = f"<html><head><title>Ferry</title></head><body><article>{body}</article></body></html>"
    report = quality.score(page)
    repeats = [f for f in report.findings if f.rule == "REP002"]
    assert repeats and all("first in paragraph 2" in f.message for f in repeats)


def test_an_interviewee_repeating_themselves_in_a_transcript_is_not_reported(scorer):
    answer = "We did not have enough beds to move people out of the emergency department."
    text = (
        "The new chief executive spoke to our health correspondent on Friday.\n\n"
        "Q: What went wrong last winter?\n\n"
        f"A: {answer} That backs up everything behind it.\n\n"
        "Q: And the winter before?\n\n"
        f"A: The same. {answer} Nothing has changed since then.\n\n"
        "Q: What now?\n\n"
        f"A: {answer} So we are opening 48 beds at Eastfield in November.\n"
    )
    assert by_rule(score(scorer, text), "REP002") == []
    reporter = text.replace("A: ", "The chief executive said. ")
    assert by_rule(score(scorer, reporter), "REP002") != []


def test_repeated_phrases_cost_points_when_only_their_own_rule_is_selected():
    # REP003 sums up the REP002 phrases: switching its finding off must not make them free.
    everything = quality.Pipeline(["repetition"]).score(LOOPING)
    without_density = quality.Pipeline(["repetition"], ignore=["REP003"]).score(LOOPING)
    assert "REP003" not in {f.rule for f in without_density.findings}
    assert without_density.score == pytest.approx(everything.score)
    phrases_only = quality.Pipeline(["repetition"], select=["REP002"]).score(LOOPING)
    assert {f.rule for f in phrases_only.findings} == {"REP002"}
    assert phrases_only.score < 90


UPDATE = (
    "Bernie Sanders is thanking supporters at a victory rally in his home state of Vermont. "
    "He told the crowd that the campaign would go on to the convention."
)


@pytest.mark.parametrize("separator", ["___", "* * *", "----", "7:30 p.m."])
def test_each_update_of_a_live_blog_may_repeat_what_the_last_one_said(separator):
    # Updates are written to be read alone; the same phrase in two of them is no loop.
    blog = f"\n\n{separator}\n\n".join(
        f"{UPDATE} Update {n} came after {n * 3} more precincts reported." for n in range(1, 5)
    )
    report = quality.Pipeline(["repetition"]).score(blog)
    assert "REP002" not in {f.rule for f in report.findings}
    joined = quality.Pipeline(["repetition"]).score(blog.replace(separator, "More."))
    assert "REP002" in {f.rule for f in joined.findings}


def test_a_phrase_used_again_pages_later_is_not_reported():
    filler = " ".join(f"Item {n}: {n + 3} vans, {n * 7} cars." for n in range(80))
    text = f"{LOOP} {filler} {LOOP} {LOOP}"
    report = quality.Pipeline(["repetition"]).score(text, language="en")
    repeats = [f for f in report.findings if f.rule == "REP002"]
    # The far copy starts afresh; only the one right after it repeats it.
    assert [f.start for f in repeats] == [text.rindex(LOOP)]
