"""HTML pages: main text, title and author extracted with trafilatura; the date is found by
quality.inputs.pagedates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quality.errors import InputError
from quality.inputs.pagedates import find_published_date

__all__ = ["ExtractedPage", "extract_page", "find_published_date", "looks_like_html"]

# Lines shorter than this are rarely content; they are left out of the stripped sample.
_MIN_STRIPPED_LINE = 2
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta"})


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    fields: dict[str, str]
    stripped: tuple[str, ...]


def looks_like_html(text: str) -> bool:
    # A page read with open().read() keeps its byte-order mark.
    head = text[:1000].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower():
        return True
    return head.startswith("<") and _BLOCK_TAG.search(text) is not None


#: A tag that only HTML has, with or without attributes ("<p class=lead>").
_BLOCK_TAG = re.compile(r"<(?:p|div|body|article|section|main|h[1-6]|br)[\s/>]", re.IGNORECASE)


def extract_page(html: str, *, url: str | None = None) -> ExtractedPage:
    """Extract the article from a page; what the extractor drops is kept in ``stripped``."""
    import trafilatura

    tree = _parse(html)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    data: dict[str, Any] = {}
    if document is not None:
        data = document if isinstance(document, dict) else document.as_dict()
    text = data.get("text") or ""
    fields: dict[str, str] = {}
    for source_key, target in (
        ("title", "title"),
        ("author", "byline"),
        ("sitename", "publisher"),
        ("url", "url"),
        ("language", "language"),
    ):
        value = data.get(source_key)
        if isinstance(value, str) and value.strip():
            fields[target] = value.strip()
    pristine = _parse(html)
    stripped = _stripped_blocks(pristine, text)
    published = find_published_date(pristine, url=url, text=text)
    if published:
        fields["published"] = published
    return ExtractedPage(text=text, fields=fields, stripped=stripped)


def _parse(html: str) -> Any:
    """The page's tree. trafilatura refuses a fragment with no ``<html>`` and a single
    block (``<p>...</p>``, as an aggregator's ``html`` field often holds), so a fragment is
    parsed as the body of a page."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise InputError("HTML could not be parsed")
    return tree


def _stripped_blocks(tree: Any, kept_text: str) -> tuple[str, ...]:
    """Visible text of the page that did not make it into the extracted article."""
    kept = " ".join(kept_text.split())
    stripped: list[str] = []
    seen: set[str] = set()
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in _INVISIBLE:
            continue
        for piece in (node.text, node.tail if node.getparent() is not None else None):
            if not piece:
                continue
            line = " ".join(piece.split())
            if len(line) >= _MIN_STRIPPED_LINE and line not in seen and line not in kept:
                seen.add(line)
                stripped.append(line)
    return tuple(stripped)
