"""Site boilerplate: text a source repeats across many of its articles (footers, share bars,
"About the author" boxes, a stock closing paragraph).

One article alone cannot tell its own closing paragraph from the site's; a batch can. A line
is boilerplate for a source when, after normalising case, digits and spacing, it occurs in at
least ``min_share`` of that source's articles and in at least ``min_articles`` of them,
articles whose text is the same (after that normalising) counting once. Repeated paragraphs
are found line by line and adjacent boilerplate lines merged into one span.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quality.article import Article
from quality.sources.grouping import record_source, source_key

_DIGITS = re.compile(r"\d+")
# A line ends at "\n", "\r\n" or a lone "\r" (text given to the library as it was read).
_LINE = re.compile(r"[^\r\n]+")

#: Lines shorter than this (after normalising) are too common to mean anything ("-", "A").
MIN_LINE_CHARS = 4


@dataclass(frozen=True, slots=True)
class BoilerplateSpan:
    """``text[start:end]`` of one article is boilerplate its source repeats in ``articles``
    articles (the fewest of any line in the span)."""

    start: int
    end: int
    text: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "articles": self.articles}


def normalise_line(line: str) -> str:
    return " ".join(_DIGITS.sub("0", line.lower()).split())


def article_source_and_text(article: Article | Mapping[str, Any]) -> tuple[str, str]:
    if isinstance(article, Article):
        return source_key(article.publisher, article.url), article.text
    text = article.get("text")
    return record_source(article), text if isinstance(text, str) else ""


def find_boilerplate(
    articles: Sequence[Article | Mapping[str, Any]],
    *,
    min_share: float = 0.5,
    min_articles: int = 3,
) -> list[list[BoilerplateSpan]]:
    """For each article, in order, the spans of its text that are its source's boilerplate.

    ``articles`` are Articles or records with ``text`` and a ``publisher`` or ``url`` (at the
    top level or under ``article``, as in ``quality score --include-text`` output).
    """
    # Out of range, the limits would pass lines no other article repeats, or no line at all,
    # without a word.
    if min_articles < 1:
        raise ValueError(f"min_articles must be at least 1, got {min_articles!r}")
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be above 0 and at most 1, got {min_share!r}")
    sources_and_texts = [article_source_and_text(a) for a in articles]
    # Copies of one story are counted once to decide what is boilerplate: three copies would
    # otherwise make the whole story "repeated in 3 articles", and removing it as boilerplate
    # would hide the copies from near-duplicate detection. The figure reported is still how
    # many articles (copies included) carry the line.
    distinct: dict[str, Counter[str]] = defaultdict(Counter)
    carried: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for source, text in sources_and_texts:
        lines = [normalise_line(m.group()) for m in _LINE.finditer(text)]
        unique = set(lines) - {""}
        carried[source].update(unique)
        identity = tuple(line for line in lines if line)
        if identity not in seen[source]:
            seen[source].add(identity)
            distinct[source].update(unique)
    repeated: dict[str, dict[str, int]] = {}
    for source, counter in distinct.items():
        texts = len(seen[source])
        # n / texts, not ceil(min_share * texts): 0.28 * 25 is 7.000000000000001 in floating
        # point, and its ceiling would ask for 8 of 25 articles where 7 are 28%.
        repeated[source] = {
            line: carried[source][line]
            for line, n in counter.items()
            if n >= min_articles and n / texts >= min_share and len(line) >= MIN_LINE_CHARS
        }
    return [_spans(text, repeated[source]) for source, text in sources_and_texts]


def boilerplate_lines(
    articles: Sequence[Article | Mapping[str, Any]],
    *,
    min_share: float = 0.5,
    min_articles: int = 3,
) -> dict[str, list[tuple[str, int]]]:
    """Per source, its boilerplate passages (as first seen) and how many articles carry each."""
    found: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    spans = find_boilerplate(articles, min_share=min_share, min_articles=min_articles)
    for article, article_spans in zip(articles, spans, strict=True):
        source, _ = article_source_and_text(article)
        for span in article_spans:
            found[source].setdefault(normalise_line(span.text), (span.text, span.articles))
    return {source: list(passages.values()) for source, passages in found.items()}


def _spans(text: str, repeated: Mapping[str, int]) -> list[BoilerplateSpan]:
    if not repeated:
        return []
    spans: list[list[int]] = []  # [start, end, articles]
    for match in _LINE.finditer(text):
        shared = repeated.get(normalise_line(match.group()))
        if shared is None:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        end = match.start() + len(match.group().rstrip())
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1][1] = end
            spans[-1][2] = min(spans[-1][2], shared)
        else:
            spans.append([start, end, shared])
    return [BoilerplateSpan(s, e, text[s:e], n) for s, e, n in spans]
