"""The fast matcher finds exactly what trying every pattern at every position would find."""

from __future__ import annotations

import pickle
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quality.matching import (
    FOLD,
    WHITESPACE,
    Automaton,
    Match,
    Matcher,
    SharedScan,
    _shape,
    fold,
    phrase_automaton,
)
from quality.ruleset import Rule, RuleBook

BOOK = RuleBook.load()
SCORERS = sorted({rule.scorer for rule in BOOK if rule.patterns})


def _pattern_rules(scorer: str) -> list[Rule]:
    return [replace(rule, phrases=()) for rule in BOOK if rule.scorer == scorer and rule.patterns]


def _reference(rules: list[Rule], text: str) -> list[tuple[str, int, int]]:
    """Every pattern tried at every position: line patterns at each line start, the others
    left to right without overlaps, the first rule in order winning at a position."""
    lower = fold(text)
    found: list[tuple[str, int, int]] = []
    for case_sensitive in (False, True):
        subject = text if case_sensitive else lower
        entries = [
            (rule, re.compile(pattern, re.MULTILINE))
            for rule in rules
            if rule.case_sensitive == case_sensitive
            for pattern in rule.patterns
        ]
        lines = [(r, c) for r, c in entries if c.pattern.startswith("^")]
        others = [(r, c) for r, c in entries if not c.pattern.startswith("^")]
        line_starts = [0] + [i + 1 for i, char in enumerate(subject) if char == "\n"]
        for start in line_starts:
            if not subject[start:].split("\n", 1)[0].strip(" \t"):
                continue
            for rule, compiled in lines:
                hit = compiled.match(subject, start)
                if hit is not None and hit.end() > start:
                    found.append((rule.code, start, hit.end()))
                    break
        last_end = 0
        for start in range(len(subject) + 1):
            if start < last_end:
                continue
            for rule, compiled in others:
                hit = compiled.match(subject, start)
                if hit is not None and hit.end() > start:
                    found.append((rule.code, start, hit.end()))
                    last_end = hit.end()
                    break
    return sorted(found, key=lambda f: (f[1], f[2], f[0]))


def _found(matches: list[Match]) -> list[tuple[str, int, int]]:
    return sorted(
        ((m.rule.code, m.start, m.end) for m in matches), key=lambda f: (f[1], f[2], f[0])
    )


def _example_texts() -> list[str]:
    texts = []
    for rule in BOOK:
        texts.extend(rule.examples_fire)
        texts.extend(rule.examples_pass)
    return texts


VOCABULARY = sorted({word for text in _example_texts() for word in text.split()})
SEPARATORS = [" ", "  ", "\n", "\n\n", "\t", ", ", ". ", "\u2003", "\u00a0", ": ", " \u201c"]


@pytest.mark.parametrize("scorer", SCORERS)
def test_rule_examples_match_as_an_exhaustive_search_would(scorer: str) -> None:
    rules = _pattern_rules(scorer)
    matcher = Matcher(rules)
    for text in _example_texts():
        assert _found(matcher.find(text, fold(text))) == _reference(rules, text), text


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(SCORERS),
    st.lists(
        st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)),
        min_size=1,
        max_size=40,
    ),
)
def test_any_text_matches_as_an_exhaustive_search_would(
    scorer: str, words: list[tuple[str, str]]
) -> None:
    text = "".join(word + separator for word, separator in words)
    rules = _pattern_rules(scorer)
    assert _found(Matcher(rules).find(text, fold(text))) == _reference(rules, text)


def test_no_shipped_pattern_is_left_to_a_full_scan() -> None:
    """A pattern that is neither dispatched from its literal beginnings nor anchored at
    line starts is tried at every position of every article: keep them out of the rules."""
    slow = [p for rule in BOOK for p in rule.patterns if _shape(p).kind == "any"]
    assert slow == []


def test_every_shipped_whole_line_pattern_has_a_longest_line() -> None:
    """A pattern that must match a whole line but has no longest line is tried on every
    paragraph of every article; one with a bound is skipped on longer lines."""
    unbounded = [
        p
        for rule in BOOK
        for p in rule.patterns
        if p.startswith("^") and p.endswith("$") and _shape(p).max_line is None
    ]
    assert unbounded == []


def test_runs_of_blanks_inside_groups_do_not_count_towards_the_longest_line() -> None:
    assert (
        _shape(r"^[ \t]*(?:share|tweet)(?:[ \t]*[|,][ \t]*|[ \t]+)(?:email)[ \t]*$").max_line == 11
    )
    assert _shape(r"^(?:a[ \t]+)+$").max_line is None  # repeated without bound


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "  ", " \t "]), min_size=3, max_size=3))
def test_lines_padded_with_blanks_still_match_a_bounded_pattern(gaps: list[str]) -> None:
    rule = replace(
        next(iter(BOOK)),
        phrases=(),
        patterns=(r"^[ \t]*(?:share|tweet)(?:[ \t]*[|,][ \t]*|[ \t]+)email[ \t]*$",),
    )
    text = f"Intro.\n{gaps[0]}share{gaps[1]},{gaps[2]}email{gaps[0]}\nEnd."
    assert _found(Matcher([rule]).find(text, fold(text))) == _reference([rule], text) != []


def test_lookbehind_before_the_beginning_still_dispatches() -> None:
    shape = _shape(r"(?:(?<!\w[ \t])|(?<=\band\s))\b(?:some|many) critics\b")
    assert shape.kind == "literal"
    assert shape.word_start
    assert shape.prefixes == {"some cri", "many cri"}


def test_lookarounds_after_an_optional_beginning_still_dispatch() -> None:
    # A lookbehind consumes nothing, so a match without "the " begins with "investigation".
    pattern = r"(?:\bthe\s+)?(?<!\bwhile\s)(?<!\bwhile\sthe\s)\binvestigation\s+is\s+ongoing\b"
    shape = _shape(pattern)
    assert shape.kind == "literal"
    assert "investig" in shape.prefixes


@pytest.mark.parametrize("space", list(WHITESPACE))
def test_any_whitespace_after_a_short_beginning_is_found(space: str) -> None:
    rule = replace(next(iter(BOOK)), phrases=(), patterns=(r"\ban?\s+spokesman said\b",))
    text = f"Later, a{space}spokesman said so."
    matches = Matcher([rule]).find(text, fold(text))
    assert [(m.start, m.end) for m in matches] == [(7, 23)]


def test_whitespace_list_is_what_backslash_s_matches() -> None:
    every = {chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))}
    assert set(WHITESPACE) == every


@given(
    st.text(
        alphabet=st.sampled_from(
            "aB ,.'\"-\n\u2018\u2019\u201c\u201d\u2013\u2014\u00a0\u0130\u00c9"
        )
    )
)
def test_fold_lowers_and_folds_quotes_and_dashes_keeping_offsets(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert not set(folded) & {chr(code) for code in FOLD}
    expected = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).translate(FOLD)
    assert folded == expected


def test_patterns_with_common_beginnings_wait_for_their_anchor() -> None:
    pattern = r"\ban?\s+(?:\w+\s+)?spokes(?:man|woman)\s+said\b"
    shape = _shape(pattern)
    assert shape.anchors == {"spokesma", "spokeswo"}
    rule = replace(next(iter(BOOK)), phrases=(), patterns=(pattern,))
    text = "A spokesman said no. Then a spokeswoman said yes, a man said."
    found = [(m.start, m.end) for m in Matcher([rule]).find(text, fold(text))]
    assert found == [(0, 16), (26, 44)]
    assert _reference([rule], text) == [(rule.code, 0, 16), (rule.code, 26, 44)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=12))
def test_line_patterns_match_whatever_the_line_length(lengths: list[int]) -> None:
    """Line patterns are grouped by the longest line they can match; each still matches every
    line it would match alone, at every length."""
    base = next(iter(BOOK))
    rules = [
        replace(base, code=f"TST{limit}", phrases=(), patterns=(rf"^x[a-z ]{{0,{limit}}}$",))
        for limit in (10, 30, 47, 48, 49, 100, 250, 330)
    ] + [replace(base, code="TST999", phrases=(), patterns=(r"^x[a-z ]*q",))]
    text = "\n".join(
        "x" + ("ab " * 200)[:length] + ("q" if length % 3 == 0 else "") for length in lengths
    )
    assert _found(Matcher(rules).find(text, fold(text))) == _reference(rules, text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="ab c", min_size=1, max_size=4), min_size=1, max_size=6),
        min_size=1,
        max_size=4,
    ),
    st.text(alphabet="ab c", max_size=60),
)
def test_a_shared_scan_gives_each_automaton_its_own_hits(
    word_lists: list[list[str]], text: str
) -> None:
    automata = [phrase_automaton((w, (i, w)) for w in words) for i, words in enumerate(word_lists)]
    scan = SharedScan([*automata, automata[0]])  # an automaton given twice is scanned once
    hits = scan.run(text)
    for automaton in automata:
        slot = scan.slot(automaton)
        if automaton is None:
            assert slot is None
            continue
        assert slot is not None
        assert hits[slot] == list(automaton.iter(text))
    assert len(hits) == len({id(a) for a in automata if a is not None})
    assert scan.slot(phrase_automaton([("zz", None)])) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab é€", min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet="ab é€\n", max_size=40),
)
def test_an_automaton_finds_every_occurrence_at_character_offsets(
    words: list[str], text: str
) -> None:
    # ASCII text is searched as bytes and other text as str; both must give character
    # offsets, every overlapping occurrence, by end and, at one end, longest first.
    automaton = Automaton({word: word.upper() for word in words})
    distinct = list(dict.fromkeys(words))
    expected = sorted(
        (
            (index, start, start + len(word))
            for index, word in enumerate(distinct)
            for start in range(len(text) - len(word) + 1)
            if text.startswith(word, start)
        ),
        key=lambda hit: (hit[2], hit[1]),
    )
    assert automaton.occurrences(text) == expected
    assert automaton.iter(text) == [(end - 1, distinct[i].upper()) for i, _, end in expected]
    assert pickle.loads(pickle.dumps(automaton)).occurrences(text) == expected


def test_a_phrase_near_the_line_start_is_tried_only_where_it_occurs() -> None:
    base = next(iter(BOOK))
    near = replace(
        base, code="TST001", phrases=(), patterns=(r"^[^\n]{0,10}\bcookies\b[^\n]{0,20}$",)
    )
    anywhere = replace(base, code="TST002", phrases=(), patterns=(r"^[ \t]*share\b[^\n]{0,20}$",))
    # A phrase whose beginning ends in a space may run on past the line break.
    across = replace(base, code="TST003", phrases=(), patterns=(r"^[^\n]{0,10}\bsign up\s+now\b",))
    matcher = Matcher([near, anywhere, across])
    assert matcher.automata, "the cookie phrase should be gated by an automaton"
    text = (
        "We use cookies here\n"
        + "x" * 15
        + " cookies too far in\nShare this\nno phrase at all\nour cookies, again\nplease sign up\nnow"
    )
    found = _found(matcher.find(text, fold(text)))
    assert found == _reference([near, anywhere, across], text)
    assert [code for code, _, _ in found] == ["TST001", "TST002", "TST001", "TST003"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("troops left the u.s. on monday", ["u.s."]),
        ("the u.s.a. team won", []),
        ("it was in the u.s.", ["u.s."]),
        ("an anti-vaccine group", ["anti-"]),
    ],
)
def test_a_phrase_ending_in_a_full_stop_is_not_found_inside_a_longer_abbreviation(
    text: str, found: list[str]
) -> None:
    from quality.matching import phrase_matches

    automaton = phrase_automaton([("u.s.", "u.s."), ("anti-", "anti-")])
    assert [value for value, _start, _end in phrase_matches(automaton, text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a glimmer of hope for them", True),
        # A combining accent is part of the letter before it: "hopé" is another word.
        ("a glimmer of hope\u0301 for them", False),
        ("a\u0301 glimmer of hope for them", False),
        ("café\u0301, a glimmer of hope", True),
    ],
)
def test_a_phrase_does_not_end_or_begin_inside_an_accented_letter(text: str, found: bool) -> None:
    import quality

    report = quality.Pipeline(["filler"]).score(text, language="en")
    assert any(f.excerpt == "a glimmer of hope" for f in report.findings) is found
