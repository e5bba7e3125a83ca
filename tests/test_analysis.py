"""The shared analysis: fast paths must find what the plain regex scans find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quality.analysis import _SENTENCE_END, Document, Span, _add_sentence
from quality.article import Article

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
