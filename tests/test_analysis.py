"""The shared analysis: fast paths must find what the plain regex scans find."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quality.analysis import _SENTENCE_END, Document, Span, _add_sentence
from quality.article import Article
from quality.scorers.readability import complete_sentence_lengths

sentence_text = st.text(alphabet="ab A1.!?\u2026\"')\u201d \n\u00c9", max_size=120)


def _plain_sentences(doc: Document) -> list[tuple[int, int, str]]:
    """Sentences the plain way: the end pattern scanned over each line."""
    text = doc.text
    found: list[Span] = []
    for line in doc.nonblank_lines:
        cursor = line.start
        for m in _SENTENCE_END.finditer(text, line.start, line.end):
            end = m.end()
            if end - m.start() == 1 and text[end - 1] == "." and doc._is_abbreviation(end - 1):
                continue
            _add_sentence(found, text, cursor, end)
            cursor = end
        _add_sentence(found, text, cursor, line.end)
    return [(s.start, s.end, s.text) for s in found]


@settings(max_examples=500)
@given(sentence_text)
def test_sentences_are_what_scanning_each_line_finds(text: str) -> None:
    doc = Document(Article(text=text))
    assert [(s.start, s.end, s.text) for s in doc.sentences] == _plain_sentences(doc)


def test_sentences_split_after_terminators_but_not_after_abbreviations() -> None:
    doc = Document(
        Article(text='Mr. Smith said nothing. "Why?" she asked... Then 3 left!\nNext line')
    )
    assert [s.text for s in doc.sentences] == [
        "Mr. Smith said nothing.",
        '"Why?" she asked...',
        "Then 3 left!",
        "Next line",
    ]


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in Document(Article(text=text)).quotes]


def test_quotations_in_typewriter_and_mixed_marks_are_quotes():
    assert quoted("He said ''we don't know yet'' and left.") == ["''we don't know yet''"]
    assert quoted("``It works,'' she said.") == ["``It works,''"]
    assert quoted('He said "we will win\u201d on Friday.') == ['"we will win\u201d']
    # Apostrophes are not quotation marks.
    assert quoted("It''s the voters' choice and Tom's, not Ann's.") == []


def test_a_typewriter_quote_counts_as_a_direct_quote():
    import quality

    speech = "''We will rebuild the bridge by June,'' the mayor, Ann Lee, said on Monday."
    report = quality.Pipeline(["specificity"]).score(speech + " " + speech.replace("June", "May"))
    assert report.scorers["specificity"].metrics["quotes_per_100_words"] > 0


def sentences(text: str) -> list[str]:
    return [s.text for s in Document(Article(text=text)).sentences]


def test_a_dotted_abbreviation_ends_a_sentence_before_a_word_that_opens_one() -> None:
    assert sentences(
        "He lives in the U.S. The president spoke at 5 p.m. Then he left. "
        "Mr. Smith met J. Jones at 10 a.m. Monday. The U.S. Senate voted."
    ) == [
        "He lives in the U.S.",
        "The president spoke at 5 p.m.",
        "Then he left.",
        "Mr. Smith met J. Jones at 10 a.m. Monday.",
        "The U.S. Senate voted.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares of Acme Inc. The company fell.", ["Shares of Acme Inc.", "The company fell."]),
        ("Apples, pears, etc. But not plums.", ["Apples, pears, etc.", "But not plums."]),
        (
            "He met Martin Luther King Jr. It's true.",
            ["He met Martin Luther King Jr.", "It's true."],
        ),
        (
            "They flew to Washington, D.C. However, it rained.",
            ["They flew to Washington, D.C.", "However, it rained."],
        ),
        (
            'Talks began in the U.K. "We will win," he said.',
            ["Talks began in the U.K.", '"We will win," he said.'],
        ),
        (
            "It began in World War I. In 1918 it ended.",
            ["It began in World War I.", "In 1918 it ended."],
        ),
        ("The answer was no. But he came.", ["The answer was no.", "But he came."]),
    ],
)
def test_an_abbreviation_that_can_end_a_sentence_ends_it_before_an_opening_word(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "President George H.W. Bush spoke.",
        "The D.C. Circuit ruled on Friday.",
        "The U.S. Under Secretary of State arrived.",
        "They met at 5 p.m. Monday in St. Louis at No. 10 with Acme Inc. President Ann Lee.",
        "The U.S. A-10 fleet and the U.S. A.I. policy were discussed.",
        "Gov. Brown and Dr. A. Patel spoke with Sen. The Honourable Lee.",
    ],
)
def test_no_sentence_ends_before_a_name_or_after_a_title(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He spoke at his home in Bedminster, N.J. Roger Ailes listened.",
            ["He spoke at his home in Bedminster, N.J.", "Roger Ailes listened."],
        ),
        (
            "The rally was in Lodi, N.J. Harmony was the theme.",
            ["The rally was in Lodi, N.J.", "Harmony was the theme."],
        ),
        # News style closes a place that goes on in the sentence with a second comma.
        ("A Newark, N.J., man was held. He spoke.", ["A Newark, N.J., man was held.", "He spoke."]),
    ],
)
def test_a_state_after_a_town_and_its_comma_ends_the_sentence_before_a_name(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Initials in a list of names, and a dotted country before a name, are no state.
        "Bergeron, D.J. Bettencourt and Smith met.",
        "The Army, U.S. Air Force and NASA joined.",
        # A state with no town and comma before it goes on into the name after it.
        "The N.J. Transit trains stopped.",
        "He went to New York, N.Y. and stayed.",
    ],
)
def test_dotted_letters_that_close_no_place_keep_the_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Obama Wants 10,000 Syrian Americans To Enter U.S. As Refugees.",
        "Oil Prices Take Their Light From The U.S. And Iran.",
    ],
)
def test_a_title_case_headline_is_one_sentence_across_a_dotted_abbreviation(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A capitalised small word that opens a sentence is no sign of title case.
        (
            "Talks ended. In the U.S. The President spoke.",
            ["Talks ended.", "In the U.S.", "The President spoke."],
        ),
        (
            "He lives in the U.S. The President spoke.",
            ["He lives in the U.S.", "The President spoke."],
        ),
    ],
)
def test_capitalised_words_after_the_opener_alone_do_not_make_a_headline(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_sentences_after_a_dotted_abbreviation_are_measured_apart() -> None:
    doc = Document(
        Article(text="The talks were held in the U.S. The president spoke at 5 p.m. Then he left.")
    )
    assert [words for words, _ in complete_sentence_lengths(doc)] == [7, 6, 3]
