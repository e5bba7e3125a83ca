"""Language detection: English settled by its common words, the rest by langdetect."""

from __future__ import annotations

import pytest

from quality import language
from tests.conftest import WELL_SOURCED

FRENCH = (
    "Le conseil municipal a approuvé mardi une baisse de 4,2 millions d'euros du budget des "
    "bibliothèques, par 31 voix contre 12. La maire a déclaré que la ville n'avait pas le choix."
)


def test_english_prose_is_settled_without_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(sample: str) -> str:
        raise AssertionError("langdetect should not be needed")

    monkeypatch.setattr(language, "_langdetect", fail)
    assert language.detect_language(WELL_SOURCED) == "en"


def test_other_languages_go_to_langdetect_and_get_its_answer() -> None:
    assert language.detect_language(FRENCH) == "fr"
    assert language.detect_language(FRENCH) == "fr"  # seeded: the same answer every time


def test_text_with_few_common_words_is_left_to_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(language, "_langdetect", lambda sample: asked.append(sample) or "en")
    results = "Brighton 1-0 Huddersfield\nDerby 0-1 Ipswich\nFulham 1-1 Burton\n" * 3
    assert language.detect_language(results) == "en"
    assert asked


@pytest.mark.parametrize("text", ["", "   ", "12 34 56 -- !!", "🙂" * 40])
def test_text_without_enough_letters_is_unknown(text: str) -> None:
    assert language.detect_language(text) == language.UNKNOWN


def test_blanks_before_the_words_do_not_hide_the_language() -> None:
    # A Markdown file's front matter and code blocks are blanked with spaces before the
    # article is read; the words after them tell its language.
    from quality.language import detect_language

    english = (
        "The council approved the budget on Tuesday after a long debate about the "
        "libraries, and the mayor said that the plan would go ahead in the spring."
    )
    german = (
        "Der Stadtrat hat am Dienstag nach einer langen Debatte über die Bibliotheken den "
        "Haushalt beschlossen, und der Bürgermeister sagte, der Plan werde im Frühjahr umgesetzt."
    )
    for blanks in (" " * 3_000, "          \n" * 300):
        assert detect_language(blanks + english) == "en"
        assert detect_language(blanks + german) == "de"
