"""HTML pages: main text, title and author extracted with trafilatura; the date is found by
quality.inputs.pagedates."""

from __future__ import annotations

import contextlib
import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quality.errors import EmptyPageError, InputError
from quality.inputs.pagedates import (
    find_published_date,
    json_objects,
    jsonld_blocks,
    meta_property,
)
from quality.inputs.textmeta import MONTH_PATTERN
from quality.language import UNSPACED_CHARS
from quality.matching import substring_automaton

__all__ = ["ExtractedPage", "extract_page", "find_published_date", "looks_like_html"]

# Lines shorter than this are rarely content; they are left out of the stripped sample.
_MIN_STRIPPED_LINE = 2
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta"})

#: Elements that hold a block of text of their own (a paragraph, a heading, a list item, a
#: cell) or group such blocks.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip

#: trafilatura deletes a block of more than 50 characters whose text equals the block before
#: it in the extracted body, whatever its ``deduplicate`` option says (meant for one element
#: taken twice), and its fallback for pages it finds little in drops every such repeat; its
#: cache of text seen before (``duplicate_test``) is used only with ``deduplicate=True``.
#: So the copy of a paragraph that a page repeats verbatim would never reach the scorers of
#: repetition. Before extraction, a repeated block this long that sits in the same kind of
#: place as the copy before it (``_same_place``) gets marks that count the earlier copies,
#: which makes the copies differ; the marks are taken out of the result. Shorter repeats are
#: kept anyway.
_MIN_MARKED_REPEAT = 50
#: Characters no page is expected to contain; the first two the page does not contain are
#: the digits the copies are counted in (in binary: a count in one mark, repeated, made a
#: page of thousands of copies of one paragraph take time in the square of their number).
#: trafilatura drops characters that are not printable, so zero-width ones would not survive
#: the extraction.
_REPEAT_MARKS = ("\u2bd1", "\u2e4e", "\u2bd2", "\u2e4f")

#: trafilatura's metadata holds htmldate's date for the page, which is not used (the date
#: is found by quality.inputs.pagedates). Its quick search costs half as much as the
#: extensive one trafilatura asks for by default, and never loads dateparser, which takes
#: over a second at the first page that needs it.
_UNUSED_DATE_SEARCH: dict[str, Any] = {"original_date": True, "extensive_search": False}

#: A line that holds the title or byline with at most this many other words ("By", "Staff
#: writer") was used as metadata, not stripped.
_METADATA_EXTRA_WORDS = 3
_WORD = re.compile(r"\w+")
#: A sentence's end after a word (closing quotes or brackets may come between): a full stop,
#: question or exclamation mark or ellipsis before a space or the end of the line ("3.5",
#: "example.com" end nothing), or a mark of a script that has its own (CJK, Arabic, Urdu,
#: Devanagari, Armenian, Myanmar, Ethiopic, Khmer). Thai and Lao mark no sentence end, so
#: the end of a line of them is one.
_CLOSING = "[\"'“”‘’«»‹›)\\]]"
_SENTENCE_END = re.compile(
    rf"\w{_CLOSING}*(?:[.!?…]+{_CLOSING}*(?:\s|$)|[。！？｡؟۔।॥։။።។])"
    r"|[\u0e00-\u0eff]\s*$"
)
#: Characters of the scripts written without spaces between words: those of
#: ``UNSPACED_CHARS``, and Thai and Lao (which also have no mark that ends a sentence).
_UNSPACED = re.compile(f"[{UNSPACED_CHARS}\u0e00-\u0eff]")
_DATE_WORD = re.compile(
    rf"\d{{1,4}}(?:st|nd|rd|th)?|{MONTH_PATTERN}"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|updated|published|am|pm"
)


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
    if not head.startswith("<"):
        return False
    if _BLOCK_TAG.search(text) is not None:
        return True
    # A fragment of inline markup or of a list or quote, as an aggregator's field may hold
    # ("<span>...</span>", "<strong>Breaking:</strong> ..."): an element of HTML opened at
    # the start and closed later. Read as plain text, its tags would be scored as words.
    opening = _FRAGMENT_START.match(head)
    return opening is not None and (
        re.search(rf"</{opening['name']}\s*>", text, re.IGNORECASE) is not None
    )


#: A tag that only HTML has, with or without attributes ("<p class=lead>").
_BLOCK_TAG = re.compile(r"<(?:p|div|body|article|section|main|h[1-6]|br)[\s/>]", re.IGNORECASE)
#: The other elements of HTML that hold text, opening a fragment (matched in lower case).
_FRAGMENT_START = re.compile(
    r"<(?P<name>a|abbr|address|aside|b|bdi|bdo|big|blockquote|center|cite|code|dd|del|details|"
    r"dfn|dl|dt|em|figcaption|figure|font|footer|header|i|ins|kbd|label|li|mark|nav|ol|pre|q|s|"
    r"samp|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|time|tr|tt|u|ul|"
    r"var)[\s>]"
)


def extract_page(html: str, *, url: str | None = None) -> ExtractedPage:
    """Extract the article from a page; what the extractor drops is kept in ``stripped``.

    An ``EmptyPageError`` says that the page holds no article text: nothing was extracted,
    or only the text of links (a page of menus).
    """
    import trafilatura

    # The page is parsed once: trafilatura extracts from a copy of the tree it is given, so
    # the tree, once the marks of repeats are taken out again, serves every later step.
    tree = _parse(html)
    # lxml makes a Python object for an element each time a walk reaches it unless one is
    # alive, and for this parser's elements that runs a Python class lookup; the walks below
    # reuse these.
    elements = list(tree.getroottree().iter())
    # Checked before any work is done on it: a page cut short by the parser is refused.
    _refuse_deep_nesting(html, tree)
    unrendered = _detach_unrendered(tree)
    marks = _mark_repeats(tree)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            date_extraction_params=_UNUSED_DATE_SEARCH,
        )
    finally:
        if marks is not None:
            marks.restore()
    data: dict[str, Any] = {}
    if document is not None:
        data = document if isinstance(document, dict) else document.as_dict()
    text = data.get("text") or ""
    if marks is not None:
        text = marks.removed_from(text)
    fields: dict[str, str] = {}
    for source_key, target in (
        ("title", "title"),
        ("author", "byline"),
        ("sitename", "publisher"),
        ("url", "url"),
        ("language", "language"),
    ):
        value = data.get(source_key)
        if isinstance(value, str) and marks is not None:
            value = marks.removed_from(value)
        if isinstance(value, str) and value.strip():
            fields[target] = value.strip()
    if "byline" in fields:
        fields["byline"] = _without_job_titles(fields["byline"])
    if "title" in fields:
        headline = _live_blog_headline(tree, fields["title"])
        if headline:
            fields["title"] = headline
        elif headline is not None:
            del fields["title"]
    if not _holds_article_text(text, tree):
        # With nothing else to take, trafilatura falls back on the whole page: its menus, its
        # logo, a "Page not found". None of that is an article.
        text = ""
    stripped = _stripped_blocks(tree, text, fields)
    # The date search reads the page as parsed: it skips what is not shown itself, and
    # htmldate's search of the markup takes hidden machine-readable dates.
    unrendered.restore()
    if not text.strip():
        raise EmptyPageError(_no_text_message(stripped, tree))
    published = find_published_date(tree, url=url, text=text)
    if published:
        fields["published"] = published
    del elements
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
    if tree.tag != "html":
        # For a fragment lxml hands back its element (or a <div> around its elements), not
        # the page. htmldate, which trafilatura runs, removes elements such as <svg>,
        # <label> or <frameset> from their parent, and one with none failed an assertion.
        root = tree.getroottree().getroot()
        if root is not None and root.tag == "html":
            tree = root
    return tree


#: The last word of a job title that follows a name in a byline ("By Jane Roe, Staff Writer").
_JOB_NOUNS = frozenset(
    {"writer", "reporter", "correspondent", "editor", "columnist", "contributor", "journalist",
     "photographer", "producer", "intern", "critic", "analyst"}
)  # fmt: skip
#: Words that go before such a noun in a job title ("Senior Political Correspondent").
_JOB_QUALIFIERS = frozenset(
    {"staff", "senior", "chief", "contributing", "political", "business", "sports", "science",
     "health", "foreign", "freelance", "associate", "assistant", "managing", "deputy", "news",
     "investigative", "data", "national", "local", "features", "opinion", "digital", "tech",
     "technology", "culture", "food", "travel", "economics", "legal", "education", "special",
     "general", "guest", "lead", "executive", "video", "audio", "photo", "social", "media"}
)  # fmt: skip


def _without_job_titles(byline: str) -> str:
    """``byline`` without the job titles trafilatura takes for authors of their own: it
    splits "By Jane Roe, Staff Writer" at the comma into "Jane Roe; Staff Writer"."""
    authors = [author.strip() for author in byline.split(";")]
    kept = [author for author in authors if not _is_job_title(author)]
    return "; ".join(kept) if kept and len(kept) < len(authors) else byline


def _is_job_title(words_of_author: str) -> bool:
    words = _WORD.findall(words_of_author.casefold())
    return (
        bool(words)
        and words[-1] in _JOB_NOUNS
        and all(word in _JOB_QUALIFIERS for word in words[:-1])
    )


def _live_blog_headline(tree: Any, title: str) -> str | None:
    """The headline of the live blog whose update's headline ``title`` is; "" when the page
    gives none; None when ``title`` is no update's headline.

    trafilatura reads the JSON-LD of a live blog (``LiveBlogPosting``) from its updates
    (``liveBlogUpdate``), not from the blog itself, so it titles the page with the headline
    of one update. The blog's own headline is the title, or else the page's ``og:title`` or
    first ``<h1>``.
    """
    wanted = " ".join(title.split())
    for data in jsonld_blocks(tree, "liveBlogUpdate"):
        for item in json_objects(data):
            types = item.get("@type")
            names = types if isinstance(types, list) else [types]
            if not any(
                isinstance(name, str) and name.endswith("LiveBlogPosting") for name in names
            ):
                continue
            own = [
                " ".join(value.split())
                for value in (item.get("headline"), item.get("name"))
                if isinstance(value, str) and value.strip()
            ]
            if wanted in own:
                return None
            updates = item.get("liveBlogUpdate")
            headlines = {
                " ".join(value.split())
                for update in (updates if isinstance(updates, list) else [updates])
                if isinstance(update, dict)
                for value in (update.get("headline"), update.get("name"))
                if isinstance(value, str)
            }
            if wanted in headlines:
                return own[0] if own else _shown_headline(tree)
    return None


def _shown_headline(tree: Any) -> str:
    """The page's ``og:title``, or else the text of its first ``<h1>``; "" when it has neither."""
    for content in meta_property(tree, "og:title"):
        shown = " ".join(content.split())
        if shown:
            return shown
    for heading in tree.iter("h1"):
        text = " ".join(_block_text(heading).split())
        if text:
            return text
    return ""


def _refuse_deep_nesting(html: str, tree: Any) -> None:
    """An EmptyPageError when the HTML parser (libxml2, under lxml) stopped at its depth
    limit: it drops everything nested deeper and everything after it, so the article would
    be the part of the page before that point, or nothing, and no one would know. Unclosed
    tags (a ``<font>`` or ``<div>`` opened on every line) are what nests a page that deep;
    real pages stay under 50 levels.

    The page is refused rather than read with lxml's ``huge_tree``: that only moves the limit
    to 2048 levels, and trafilatura takes seconds per page on trees that deep.

    Only the parser's error log tells a page cut at the limit from one nested just as deep,
    and reading it costs a parse; a parser that stops there has built ``tree`` (the page
    parsed) as deep as the limit, so a page not ``_SUSPECT_DEPTH`` deep is spared that parse.
    """
    if not _reaches_suspect_depth()(tree.getroottree()):
        return
    limit = _depth_limit_reached(html)
    if limit is not None:
        raise EmptyPageError(
            "no article text could be extracted from the page: its elements are nested more "
            f"than {limit} deep (tags left open, often), and the HTML parser reads nothing "
            "past that depth: what it could read is at most the start of the page"
        )


#: libxml2's report of its depth limit ("Excessive depth in document: 256, use ...").
_DEPTH_LIMIT = re.compile(r"depth in document: (\d+)")
#: Half libxml2's depth limit (256 elements), and far deeper than real pages go.
_SUSPECT_DEPTH = 128


@functools.cache
def _reaches_suspect_depth() -> Any:
    """An XPath that tells whether a document holds an element ``_SUSPECT_DEPTH`` deep: one
    step per level is a walk over the tree in C, where counting each element's ancestors
    costs its depth."""
    from lxml import etree

    return etree.XPath("boolean(/" + "/".join(["*"] * _SUSPECT_DEPTH) + ")")


def _depth_limit_reached(html: str) -> int | None:
    """The parser's depth limit when ``html`` reaches it, else None."""
    from lxml import etree

    parser = etree.HTMLParser(encoding="utf-8")
    with contextlib.suppress(etree.LxmlError):  # the errors are in the log all the same
        etree.fromstring(html.encode("utf-8", "replace"), parser)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" and "depth" in error.message:
            found = _DEPTH_LIMIT.search(error.message)
            return int(found[1]) if found else 256
    return None


def _no_text_message(stripped: Sequence[str], tree: Any) -> str:
    message = "no article text could be extracted from the page"
    if not stripped:
        framed = _framed_pages(tree)
        if framed:
            # An embed or a frameset: what it shows is another page, which is not read.
            shown = ", ".join(repr(source[:80]) for source in framed[:3])
            more = ", ..." if len(framed) > 3 else ""
            return (
                f"{message}: it shows no text of its own, only other pages in frames "
                f"({shown}{more}); score the framed page instead"
            )
        return f"{message}: it shows no text"
    sample = ", ".join(repr(line[:40]) for line in stripped[:3])
    more = ", ..." if len(stripped) > 3 else ""
    return f"{message}: what it shows is navigation or other boilerplate ({sample}{more})"


# --------------------------------------------------------------------------- unrendered content


@dataclass(frozen=True)
class _Detached:
    """Elements taken out of the page, with what is needed to put each back: (parent, index,
    element, the node whose text or tail took the element's tail, "text" or "tail", that
    slot's value before)."""

    removed: list[tuple[Any, int, Any, Any, str, str | None]]

    def restore(self) -> None:
        """Put the elements back: the tree is as parsed again."""
        for parent, index, element, holder, slot, value in reversed(self.removed):
            setattr(holder, slot, value)
            parent.insert(index, element)


def _detach_unrendered(tree: Any) -> _Detached:
    """Take out of the page what a browser never shows, which trafilatura would extract as
    text: the content of a ``<template>`` (markup kept for scripts to copy; one that declares
    a shadow root is shown) and elements marked ``hidden`` (a ``hidden="until-found"`` one
    is shown when searched for, as a closed ``<details>`` is). The ``<html>`` and ``<body>``
    of a page that scripts reveal are kept."""
    removed: list[tuple[Any, int, Any, Any, str, str | None]] = []
    root = tree.getroottree().getroot()
    for element in _unrendered_elements()(tree):
        parent = element.getparent()
        if (
            parent is None
            or element.tag in ("html", "body")
            or not never_shown(element.tag, element.attrib)
        ):
            continue
        if _top(element) is not root:
            continue  # inside an element already taken out
        previous = element.getprevious()
        holder, slot = (previous, "tail") if previous is not None else (parent, "text")
        value = getattr(holder, slot)
        if element.tail:
            # lxml removes an element's tail with it; the text after the element stays.
            setattr(holder, slot, (value or "") + element.tail)
        removed.append((parent, parent.index(element), element, holder, slot, value))
        parent.remove(element)
    return _Detached(removed)


def never_shown(name: str, attributes: Mapping[str, str]) -> bool:
    """Whether an element a browser never shows opens with this tag (its lower-case name and
    attributes): a ``<template>`` that declares no shadow root, or an element marked
    ``hidden`` but not ``hidden="until-found"``."""
    if name == "template":
        return "shadowrootmode" not in attributes and "shadowroot" not in attributes
    hidden = attributes.get("hidden")
    return hidden is not None and hidden.strip().lower() != "until-found"


def _top(element: Any) -> Any:
    ancestors = list(element.iterancestors())
    return ancestors[-1] if ancestors else element


@functools.cache
def _unrendered_elements() -> Any:
    """``<template>`` and ``hidden`` elements, in document order (an XPath: one walk in C over
    the page, where most pages have none)."""
    from lxml import etree

    return etree.XPath("//template | //*[@hidden]")


def _framed_pages(tree: Any) -> list[str]:
    """The addresses of the pages the page shows in an ``<iframe>`` or ``<frame>``."""
    sources = (frame.get("src") for frame in tree.iter("iframe", "frame"))
    return list(dict.fromkeys(source.strip() for source in sources if source and source.strip()))


# --------------------------------------------------------------------------- repeated blocks


@dataclass(frozen=True)
class _RepeatMarks:
    """The two marks written into the page's repeated blocks, and the text each marked
    place of the tree held before (element, "text" or "tail", value)."""

    digits: str
    unmarked: list[tuple[Any, str, str]]

    def removed_from(self, text: str) -> str:
        for mark in self.digits:
            text = text.replace(mark, "")
        return text

    def restore(self) -> None:
        """Take the marks out of the tree: it is as parsed again."""
        for node, slot, value in reversed(self.unmarked):
            setattr(node, slot, value)


def _mark_repeats(tree: Any) -> _RepeatMarks | None:
    """Mark each block that repeats the block before it with the same text, in the same
    kind of place (see ``_MIN_MARKED_REPEAT`` and ``_same_place``) with the number of copies
    before it, written in binary in two marks: no copy's marks are those of another, nor the
    start of a later copy's (trafilatura's fallback drops a paragraph found inside the text
    before it). The marks used and what they replaced, or None when no block was marked."""
    blocks = _leaf_blocks(tree)
    texts = [" ".join(_block_text(block).split()) for block in blocks]
    counts = Counter(text for text in texts if len(text) > _MIN_MARKED_REPEAT)
    if not any(count > 1 for count in counts.values()):
        return None
    page_text = "".join(tree.itertext())
    digits = "".join(m for m in _REPEAT_MARKS if m not in page_text)[:2]
    if len(digits) < 2:
        return None
    earlier: dict[str, tuple[Any, int]] = {}
    unmarked: list[tuple[Any, str, str]] = []
    for block, text in zip(blocks, texts, strict=True):
        if counts[text] < 2:
            continue
        previous, copies = earlier.get(text, (None, 0))
        if previous is not None and _same_place(previous, block):
            held = [(node, slot, getattr(node, slot)) for node, slot in _text_slots(block)]
            _append(block, "".join(digits[int(bit)] for bit in f"{copies:b}"))
            unmarked.extend(place for place in held if getattr(place[0], place[1]) != place[2])
        earlier[text] = block, copies + 1
    return _RepeatMarks(digits, unmarked) if unmarked else None


def _same_place(first: Any, second: Any) -> bool:
    """Whether two blocks sit in the same kind of place: the same elements (tag, class,
    style) lead to each from the nearest element holding both. Copies made for another
    screen size (``...-desktop`` and ``...-mobile``), a pull quote or a teaser in a list of
    links sit elsewhere; trafilatura is left to drop those."""
    above_first = {ancestor: depth for depth, ancestor in enumerate(first.iterancestors())}
    path_second = [_signature(second)]
    for ancestor in second.iterancestors():
        if ancestor in above_first:
            depth = above_first[ancestor]
            break
        path_second.append(_signature(ancestor))
    else:
        return False
    path_first = [_signature(first)]
    path_first.extend(_signature(a) for a in list(first.iterancestors())[:depth])
    return path_first == path_second


def _signature(element: Any) -> tuple[str, ...]:
    return (
        element.tag,
        " ".join((element.get("class") or "").split()),
        element.get("style") or "",
        "hidden" if element.get("hidden") is not None else "",
        element.get("aria-hidden") or "",
    )


def _leaf_blocks(tree: Any) -> list[Any]:
    """The blocks of the page that hold no other block (paragraphs, headings, list items,
    cells, and divisions of bare text), in document order."""
    blocks: list[Any] = []
    containers: set[Any] = set()
    # Filtered by lxml: no Python object is made for the other elements.
    for node in tree.iter(*_BLOCK_TAGS):
        blocks.append(node)
        for ancestor in node.iterancestors():
            if ancestor in containers:
                break
            containers.add(ancestor)
    return [block for block in blocks if block not in containers]


def _text_slots(element: Any) -> Iterator[tuple[Any, str]]:
    """Where the visible text inside ``element`` is held, in document order: (node, "text")
    or (node, "tail"); the text of comments, scripts and styles is left out (their tails
    are kept)."""
    if not isinstance(element.tag, str):
        return
    if not len(element):
        # Most links and many paragraphs: quicker than setting up a walk.
        if element.tag not in _INVISIBLE:
            yield element, "text"
        return
    from lxml import etree

    # A walk, not a recursion: a recursive generator passes each slot up through one frame
    # per level above it.
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if isinstance(node.tag, str) and node.tag not in _INVISIBLE:
                yield node, "text"
        elif node is not element:
            yield node, "tail"


def _block_text(element: Any) -> str:
    return "".join(getattr(node, slot) or "" for node, slot in _text_slots(element))


def _append(block: Any, marks: str) -> None:
    """Put ``marks`` right after the last visible character of ``block``."""
    last = None
    for node, slot in _text_slots(block):
        value = getattr(node, slot)
        if value and not value.isspace():
            last = node, slot
    if last is None:
        return
    node, slot = last
    value = getattr(node, slot)
    end = len(value.rstrip())
    setattr(node, slot, value[:end] + marks + value[end:])


# --------------------------------------------------------------------------- what was dropped


def _holds_article_text(text: str, tree: Any) -> bool:
    """Whether ``text`` is more than labels: outside the texts of the page's links ("Home |
    News | Sport"), it holds a sentence (two words or more closed by the mark that ends a
    sentence) or several lines (a list, a listing of headlines). What trafilatura takes from
    a page with no article, besides its menus, is a single line of that kind: a logo, the
    site's name, "Page not found"."""
    links: _LinkTrie | None = None
    lines = 0
    for line in text.splitlines():
        words = _word_tuple(line)
        if not words:
            continue
        if links is None:
            links = _link_trie(tree)
        if _made_of(words, links):
            continue
        lines += 1
        if lines > 1 or (_word_count(line, words) > 1 and _SENTENCE_END.search(line)):
            return True
    return False


def _word_count(line: str, words: tuple[str, ...]) -> int:
    """The words of ``line``: each character of a script written without spaces between
    words (Chinese, Japanese, Thai) counts as one, since a run of them is a whole clause."""
    return len(words) + len(_UNSPACED.findall(line))


def _word_tuple(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


#: The words of the page's link texts, one level of the dict per word; a level holding the
#: key "" (no word is empty) ends a link text.
_LinkTrie = dict[str, Any]


def _link_trie(tree: Any) -> _LinkTrie:
    trie: _LinkTrie = {}
    for link in tree.iter("a"):
        words = _word_tuple(_block_text(link))
        if words:
            level = trie
            for word in words:
                level = level.setdefault(word, {})
            level[""] = True
    return trie


def _made_of(words: tuple[str, ...], links: _LinkTrie) -> bool:
    """Whether ``words`` is a run of link texts, one after another (punctuation between
    them, such as "|", is not a word and so is passed over). Link texts are followed word by
    word from each place a link text ends, so a line costs its length times the link texts
    that fit there, not the square of the longest link's length (a paragraph that is all
    link made a page take minutes)."""
    # reachable[i]: the first i words are whole link texts.
    reachable = [True] + [False] * len(words)
    for start in range(len(words)):
        if not reachable[start]:
            continue
        level = links
        for end in range(start, len(words)):
            following = level.get(words[end])
            if following is None:
                break
            level = following
            if "" in level:
                reachable[end + 1] = True
    return reachable[-1]


def _stripped_blocks(
    tree: Any, kept_text: str, fields: dict[str, str] | None = None
) -> tuple[str, ...]:
    """Visible text of the page that did not make it into the extracted article: each line
    once, in page order. A line the page shows more often than the article text holds it (a
    paragraph repeated in a sidebar) is stripped too; a line that gave the title or byline
    (the headline, "By Jane Roe") is not."""
    kept = " ".join(kept_text.split())
    metadata = _metadata_values(fields or {})
    # Room for the longest value, a few words around it and the spaces of the markup.
    limit = 2 * max(map(len, metadata), default=0) + 200
    stripped: list[str] = []
    listed: set[str] = set()
    on_page: Counter[str] = Counter()
    blocks: dict[Any, str] = {}
    lines: list[tuple[Any, str]] = []
    for node, slot in _text_slots(tree):
        piece = getattr(node, slot)
        if not piece:
            continue
        line = " ".join(piece.split())
        if len(line) >= _MIN_STRIPPED_LINE:
            lines.append((node if slot == "text" else node.getparent(), line))
    in_kept = _counts_in(kept, {line for _, line in lines})
    for owner, line in lines:
        on_page[line] += 1
        if line in listed or in_kept[line] >= on_page[line]:
            continue
        if metadata and (
            _used_as_metadata(line, metadata)
            or _used_as_metadata(_enclosing_block_text(owner, blocks, limit), metadata)
        ):
            continue
        listed.add(line)
        stripped.append(line)
    return tuple(stripped)


def _counts_in(text: str, lines: set[str]) -> dict[str, int]:
    """How often each of ``lines`` occurs in ``text``, counted as ``str.count`` counts
    (occurrences that do not overlap, leftmost first), in one pass over ``text``: a
    ``str.count`` per line reads the text once per line, minutes on a page of many."""
    counts = dict.fromkeys(lines, 0)
    automaton = substring_automaton(counts) if text else None
    if automaton is None:
        return counts
    patterns = list(counts)
    ends = [0] * len(patterns)
    # Every occurrence is reported, and one line's come in text order, so taking each that
    # starts after the last one taken ends is str.count's count.
    for index, start, end in automaton.occurrences(text):
        if start >= ends[index]:
            counts[patterns[index]] += 1
            ends[index] = end
    return counts


def _enclosing_block_text(element: Any, cache: dict[Any, str], limit: int) -> str:
    """The text of the block ``element`` sits in, or "" when it is longer than ``limit``
    characters (the whole article, say, which is no byline)."""
    block = element
    while block is not None and block.tag not in _BLOCK_TAGS:
        block = block.getparent()
    if block is None:
        return ""
    if block not in cache:
        pieces: list[str] = []
        size = 0
        for node, slot in _text_slots(block):
            piece = getattr(node, slot)
            if piece:
                pieces.append(piece)
                size += len(piece)
                if size > limit:
                    pieces = []
                    break
        cache[block] = " ".join("".join(pieces).split())
    return cache[block]


def _metadata_values(fields: dict[str, str]) -> list[str]:
    """The words of the title and byline (and of each author of a byline that names
    several), folded, longest first."""
    values: list[str] = []
    for name in ("title", "byline"):
        value = fields.get(name)
        if not value:
            continue
        parts = [value, *value.split(";")] if name == "byline" else [value]
        for part in parts:
            words = _words(part)
            if words and words not in values:
                values.append(words)
    return sorted(values, key=len, reverse=True)


def _used_as_metadata(line: str, values: Sequence[str]) -> bool:
    """Whether ``line`` shows the title or byline: most of one of ``values`` (an ``<h1>``
    that the page title extends with the site's name), or them with a few words around
    ("By Jane Roe", "Jane Roe | Staff writer"). Words are compared, not punctuation."""
    words = _words(line)
    if not words:
        return False
    rest = f" {words} "
    for value in values:
        if f" {words} " in f" {value} " and 2 * len(words) >= len(value):
            return True
        rest = rest.replace(f" {value} ", " ")
    left = rest.split()
    removed = words.count(" ") + 1 - len(left)
    # A date beside the byline ("By Jane Roe | March 1, 2024") is part of the same line of
    # metadata, not words of its own.
    undated = [word for word in left if not _DATE_WORD.fullmatch(word)]
    # One word of a byline ("Roe") among others is a mention, not the byline.
    return (
        removed > 0 and len(undated) <= _METADATA_EXTRA_WORDS and (removed > 1 or len(undated) < 2)
    )


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))
