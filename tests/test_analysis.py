"""The shared analysis: fast paths must find what the plain regex scans find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quality.analysis import _SENTENCE_END, Document, _sentence_ends
from quality.article import Article

sentence_text = st.text(alphabet="ab A1.!?\u2026\"')\u201d \n\u00c9", max_size=80)


@settings(max_examples=500)
@given(sentence_text, st.integers(0, 80), st.integers(0, 80))
def test_sentence_ends_are_what_the_pattern_finds(text: str, start: int, end: int) -> None:
    expected = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text, start, end)]
    assert [(m.start(), m.end()) for m in _sentence_ends(text, start, end)] == expected


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
