"""HTML pages: main text, title, author and date extracted with trafilatura and htmldate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quality.errors import InputError

# Lines shorter than this are rarely content; they are left out of the stripped sample.
_MIN_STRIPPED_LINE = 2
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta"})


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    fields: dict[str, str]
    stripped: tuple[str, ...]


def looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower():
        return True
    return head.startswith("<") and ("<body" in text.lower() or "<p>" in text.lower())


def find_published_date(tree_or_html: Any, url: str | None = None, text: str = "") -> str | None:
    """The page's original publication date, or None when the page gives none.

    htmldate's fast search (markup, meta tags, URL) is tried first, then a dateline at the
    top of the extracted text, and only then htmldate's extensive search, whose result is
    refused when it is a bare January 1st: that is how it reports a year with no day (often
    a copyright line), and on undated pages it is the commonest false date.
    """
    from quality.inputs.textmeta import find_dateline

    found = _htmldate(tree_or_html, url, extensive=False)
    if found:
        return found
    dateline = find_dateline(text) if text else None
    if dateline is not None:
        return dateline.iso
    found = _htmldate(tree_or_html, url, extensive=True)
    if found and found.endswith("-01-01"):
        return None
    return found


def _htmldate(tree_or_html: Any, url: str | None, *, extensive: bool) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(
            tree_or_html,
            url=url,
            original_date=True,
            extensive_search=extensive,
            outputformat="%Y-%m-%d",
        )
    except (ValueError, TypeError):
        return None
    return found or None


def extract_page(html: str, *, url: str | None = None) -> ExtractedPage:
    """Extract the article from a page; what the extractor drops is kept in ``stripped``."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise InputError("HTML could not be parsed")
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
    pristine = load_html(html)
    stripped = _stripped_blocks(pristine, text)
    published = find_published_date(pristine, url=url, text=text)
    if published:
        fields["published"] = published
    return ExtractedPage(text=text, fields=fields, stripped=stripped)


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
