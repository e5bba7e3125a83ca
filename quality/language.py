"""Language detection: a cheap check for English, then langdetect on a bounded prefix.

langdetect costs milliseconds per call, which would dominate scoring, so text whose
common words are plainly English is settled without it. langdetect is seeded, so the same
text always gets the same answer.
"""

from __future__ import annotations

import threading

#: Characters of text handed to langdetect; enough for a stable answer on prose.
DETECTION_PREFIX = 2000
UNKNOWN = "unknown"

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
_SAMPLE_WORDS = 120
_SAMPLE_CHARS = 1000
_ENGLISH_SHARE = 0.22
_MIN_WORDS = 12

_lock = threading.Lock()
_seeded = False


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "unknown" when it cannot be told."""
    words = _sample_words(text)
    if len(words) >= _MIN_WORDS:
        share = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words)) / len(words)
        if share >= _ENGLISH_SHARE:
            return "en"
    sample = text[:DETECTION_PREFIX]
    if sum(c.isalpha() for c in sample) < 20:
        return UNKNOWN
    return _langdetect(sample)


def _sample_words(text: str) -> list[str]:
    """Up to _SAMPLE_WORDS lower-case words from the start of the text. Whitespace-split
    tokens that are all letters: splitting is several times cheaper than a word regex, and
    the tokens it drops (numbers, words with punctuation attached) are a small, even share."""
    words = [t for t in text[:_SAMPLE_CHARS].lower().split() if t.isalpha()]
    if len(words) < _SAMPLE_WORDS and len(text) > _SAMPLE_CHARS:
        words = [t for t in text[:DETECTION_PREFIX].lower().split() if t.isalpha()]
    return words[:_SAMPLE_WORDS]


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
