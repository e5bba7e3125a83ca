"""Language detection: a cheap check for English, then langdetect on a bounded prefix.

langdetect costs milliseconds per call, which would dominate scoring, so text whose
common words are plainly English is settled without it. langdetect is seeded, so the same
text always gets the same answer.
"""

from __future__ import annotations

import re
import threading

#: Ranges of a regex character class holding the scripts written without spaces between
#: words (kana, CJK ideographs and their extensions, halfwidth katakana), where a character
#: stands for about one word.
UNSPACED_CHARS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)

#: Characters of text handed to langdetect; enough for a stable answer on prose.
DETECTION_PREFIX = 2000
UNKNOWN = "unknown"
#: The language of an article with no text: no scorer has anything to read.
NO_TEXT = "none"

_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "it",
        "as",
        "was",
        "with",
        "be",
        "by",
        "on",
        "not",
        "he",
        "she",
        "this",
        "are",
        "or",
        "his",
        "from",
        "at",
        "which",
        "but",
        "have",
        "an",
        "they",
        "has",
        "had",
        "were",
        "their",
        "been",
        "its",
        "who",
        "will",
        "would",
        "there",
        "said",
        "after",
        "than",
        "more",
        "about",
        "into",
        "also",
        "up",
        "out",
        "over",
        "when",
        "what",
        "can",
    ]
)
#: Characters of text whose words are checked for English: about 120 words of prose.
_SAMPLE_CHARS = 700
#: Share of those words on the list above that settles a text as English. English news runs
#: from about 0.19 (lists, headlines) to 0.5; other languages score near 0, so text in
#: between goes to langdetect.
_ENGLISH_SHARE = 0.15
_MIN_WORDS = 12

_lock = threading.Lock()
_seeded = False


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "unknown" when it cannot be told."""
    # Whitespace-split words, punctuation attached: splitting is several times cheaper than
    # a word regex or a per-word filter, and the words it spoils ("said,") lower the share
    # of every text alike, which the threshold allows for.
    words = text[:_SAMPLE_CHARS].lower().split()
    if len(words) < _MIN_WORDS and len(text) > _SAMPLE_CHARS:
        # Blanks before the words (a Markdown file's blanked front matter or code block,
        # lines of spaces) would leave nothing to read in the first characters.
        words = _words_from_start(text, _SAMPLE_CHARS).lower().split()
    if len(words) >= _MIN_WORDS:
        common = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words))
        if common >= _ENGLISH_SHARE * len(words):
            return "en"
    sample = text[:DETECTION_PREFIX]
    if sum(c.isalpha() for c in sample) < 20:
        sample = _words_from_start(text, DETECTION_PREFIX)
        if sum(c.isalpha() for c in sample) < 20:
            return UNKNOWN
    return _langdetect(sample)


_NON_BLANK = re.compile(r"\S+")


def _words_from_start(text: str, size: int) -> str:
    """About ``size`` characters of ``text``'s words from its start, one space between each."""
    words: list[str] = []
    length = 0
    for word in _NON_BLANK.finditer(text):
        words.append(word.group())
        length += len(words[-1]) + 1
        if length >= size:
            break
    return " ".join(words)


def _langdetect(sample: str) -> str:
    global _seeded
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        if not _seeded:
            DetectorFactory.seed = 0
            _seeded = True
        try:
            code = str(detect(sample))
        except LangDetectException:
            return UNKNOWN
    return code.split("-")[0]
