"""When a web page was published: its metadata, checked against the dates the page shows.

A publication date is reported only with evidence a reader could check, in this order:

1. a date from the page's metadata that the page shows on a date line next to the headline
   or the start of the article text (metadata: an ``article:published_time``-style meta tag,
   the ``datePublished`` of an article in JSON-LD, a ``<time>`` marked as the publication
   time, a date in the page's URL, or htmldate's search of the markup);
2. otherwise the date line nearest the headline or the article start: a date on a short line
   of its own, or at the start of a line ("BERLIN, 3. Mai 2022 -", "Published on ...");
3. otherwise a metadata date that the page shows anywhere;
4. otherwise a date on which two kinds of the page's own metadata agree (a meta tag, the
   article's JSON-LD, a marked ``<time>``), for pages that render their dates with scripts.

A numeric date that reads either way round ("3/8/2019") is read in the order the page's
other dates show ("3/14/2019"), else month first on a page in US English, else day first.

Everything else is no reliable date: a copyright year, a date inside the sentences of the
text, timestamps in sidebars that list other posts, the CMS creation date that SEO plugins
stamp on every page (JSON-LD ``WebPage.datePublished``), a date given only by the URL or
by one metadata field that the page never shows.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: No web page was published before the web; older dates are history told in the text.
EARLIEST = _dt.date(1995, 1, 1)
#: A shown date this close (in characters of visible text) to the headline or to the start
#: of the article text is read as the article's date line.
HEAD_WINDOW = 400
#: A date line is short: a date, a name, a place. Longer lines are sentences that mention a
#: date, unless the date opens the line (a dateline before the first sentence).
DATELINE_MAX = 200
DATELINE_OPENING = 40
#: Beyond this many shown dates the page is a listing or an archive; later ones are ignored.
MAX_MENTIONS = 500

#: Meta tag names and properties that give the publication date (lower case).
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "article:published",
        "article:published_date",
        "article:post_date",
        "article.published",
        "article:publicationdate",
        "og:published_time",
        "og:article:published_time",
        "og:pubdate",
        "og:publish_date",
        "datepublished",
        "datecreated",
        "date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dc.date.publication",
        "dc:date",
        "dc.created",
        "dc:created",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "citation_publication_date",
        "citation_date",
        "parsely-pub-date",
        "sailthru.date",
        "publishdate",
        "publish-date",
        "publish_date",
        "published_date",
        "published-date",
        "published_time",
        "publication_date",
        "pubdate",
        "rnews:datepublished",
        "originalpublicationdate",
        "article_date_original",
        "cxenseparse:recs:publishtime",
        "shareaholic:article_published_time",
    }
)
#: JSON-LD types whose ``datePublished`` is the date of the article itself. A ``WebPage``
#: or ``WebSite`` date is when the page entry was created in the CMS, found on every page.
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|SocialMediaPosting|Report)$")

_MONTH_NAMES = {
    1: "january jan januar jänner janvier janv enero ene gennaio gen janeiro januari "
    "stycznia января янв leden ledna január ocak ianuarie січня",
    2: "february feb februar feber février févr fevrier fevr fév fev febrero febbraio "
    "fevereiro februari lutego февраля фев únor února február şubat subat februarie лютого",
    3: "march mar märz mär mrz maerz mars marzo março marco maart mrt marca марта březen "
    "března március marts maret mart martie березня",
    4: "april apr avril avr abril abr aprile kwietnia апреля апр duben dubna április nisan "
    "aprilie квітня",
    5: "may mai mayo maggio mag maio mei maja мая květen května május maj mayıs mayis травня",
    6: "june jun juni juin junio giugno giu junho czerwca июня июн červen června június "
    "haziran iunie червня",
    7: "july jul juli juillet juil julio luglio lug julho lipca июля июл červenec července "
    "július temmuz iulie липня",
    8: "august aug août aout agosto ago augustus augusti agustus sierpnia августа авг srpen "
    "srpna augusztus ağustos agustos серпня",
    9: "september sep sept septembre settembre set setembro septiembre setiembre września "
    "сентября сен září szeptember eylül eylul septembrie вересня",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out października "
    "октября окт říjen října október ekim octombrie жовтня",
    11: "november nov novembre noviembre novembro listopada ноября ноя listopad listopadu "
    "kasım kasim noiembrie листопада",
    12: "december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro "
    "grudnia декабря дек prosinec prosince desember aralık aralik decembrie грудня",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}

_Y4 = r"(?P<y>(?:19|20)\d\d)"
_D = r"(?P<d>[0-3]?\d)"
_MON = r"(?P<mon>[^\W\d_]{3,12})\.?"
#: Shown dates: numeric (ISO, European D.M.Y, D/M/Y or M/D/Y) and with a month name
#: ("3. Mai 2022", "1er novembre 2023", "4 de mayo de 2022", "March 3, 2022", "14 Feb '20").
_YEAR_END = r"(?:(?!\d)|(?=[0-2]\d:[0-5]\d))"  # a time may follow with no space: "202221:25"
_SHOWN_PATTERNS = (
    re.compile(rf"(?<![\d.]){_Y4}(?P<s>[-/.])(?P<m>[01]?\d)(?P=s){_D}(?!\d)"),
    # The second number may be a day: "12/30/2019" is month first, and only that way.
    re.compile(
        rf"(?<![\d.]){_D}(?P<s>[./-])(?P<m>[0-3]?\d)(?P=s)(?:{_Y4}|(?P<yy>\d\d)){_YEAR_END}(?!\.\d)"
    ),
    re.compile(rf"(?<![\d.]){_D} ?(?P<s>[./|]) (?P<m>[0-3]?\d) ?(?P=s) ?{_Y4}{_YEAR_END}"),
    re.compile(
        rf"(?<![\d.]){_D}(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+|of\s+)?{_MON},?\s*"
        rf"(?:de\s+|del\s+)?(?:{_Y4}|['’](?P<yy>\d\d)){_YEAR_END}"
    ),
    re.compile(
        rf"(?<![^\W\d_]){_MON}\s+{_D}(?:st|nd|rd|th)?,?\s+(?:{_Y4}|['’](?P<yy>\d\d)){_YEAR_END}"
    ),
    # Chinese and Japanese "2023年4月1日", Korean "2023년 4월 1일".
    re.compile(rf"(?<!\d){_Y4}\s?[年년]\s?(?P<m>[01]?\d)\s?[月월]\s?{_D}\s?[日일]"),
)
_SLASHED = 1  # the pattern whose day and month may be either way round
_ISO_PREFIX = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
_URL_DATE = re.compile(r"\D((?:19|20)\d\d)[/_-]([01]?\d)[/_-]([0-3]?\d)(?:\D|$)")
_SPACE = re.compile(r"\s+")
_TABLE_BAR = re.compile(r"(?<!\\)\|")
_DIGITS = re.compile(r"\d+")
#: How far a shown date reaches before its year ("miércoles 4 de septiembre de ") and after.
_BEFORE_YEAR = 40
_AFTER_YEAR = 16  # "2023 年 12 月 31 日"
_RANGE_END = re.compile(r"(?:\d\.?\s?[-–—]\s?|\b(?:bis|to|until|till|au|al|through)\s)$", re.I)

_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "svg", "textarea",
     "select", "option", "button", "iframe", "object"}
)  # fmt: skip
_BLOCK = frozenset(
    {"p", "div", "li", "td", "th", "dd", "dt", "section", "article", "header", "footer",
     "aside", "nav", "main", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
     "figure", "ul", "ol", "dl", "table", "tr", "form", "address", "pre", "br", "hr", "body"}
)  # fmt: skip
_TIME_CLASS_CUES = ("publish", "entry-date", "post-date", "posted-on")

#: Words that label a shown date ("Published on", "Erschienen am", "Letzte Änderung:"): as
#: the publication date, or as a later revision that is not the original date.
_DATE_LABEL = re.compile(
    r"\b(?:(?P<published>published|posted|publication date|date published|erschienen"
    r"|veröffentlicht|publiziert|erstellt|publié|publie|mis en ligne|publicado|publicada"
    r"|pubblicato|pubblicata|gepubliceerd|geplaatst|opublikowano|publikováno|опубликовано"
    r"|publicerad|publiceret|publisert|yayınlanma)"
    r"|(?P<modified>updated|last modified|modified|last edited|edited|revised|reviewed"
    r"|aktualisiert|geändert|änderung|stand|mis à jour|modifié|actualizado|actualizada"
    r"|actualización|aggiornato|aggiornamento|bijgewerkt|gewijzigd|zaktualizowano"
    r"|aktualizováno|обновлено|uppdaterad|opdateret|oppdatert|güncellendi|güncelleme))\b",
    re.IGNORECASE,
)
#: A bare "Date:" label names the page's date; "Date of the event" or "Release date" do not.
_BARE_DATE_LABEL = re.compile(r"\W*(?:date|datum|dátum|fecha|data|dato)\W*", re.IGNORECASE)
_LABEL_RANK = {"published": 0, None: 1, "modified": 2}
#: How far before a date its label may begin; a label on a line of its own above the date
#: ("Datum" / "12.01.2017") is at most this long.
_LABEL_REACH = 40


@dataclass(frozen=True)
class ShownDate:
    """A date in the visible text of the page."""

    iso: str
    start: int
    line_length: int
    #: Characters between the start of its line and the date.
    column: int
    #: For a date whose day and month are both numbers that may come either way round
    #: ("3/8/2019"): whether this reading takes the first number for the month.
    month_first: bool | None = None
    #: "published" or "modified" when the words before the date say which it is.
    label: str | None = None

    @property
    def on_date_line(self) -> bool:
        return self.line_length <= DATELINE_MAX or self.column <= DATELINE_OPENING


@dataclass
class PageDates:
    """What the page says about its date, before any of it is trusted."""

    #: (source, date) from metadata: "meta", "json-ld", "time", "url", in that order.
    metadata: list[tuple[str, str]] = field(default_factory=list)
    #: Dates from a source that names several: item lists, reviews, comments.
    listed: set[str] = field(default_factory=set)
    #: htmldate's search of the markup (date-classed elements, headings, text patterns).
    markup: str | None = None
    shown: list[ShownDate] = field(default_factory=list)
    #: Offsets in the visible text of the headline and of the start of the article text.
    anchors: tuple[int, ...] = ()
    #: Whether the page writes numeric dates month first ("3/13/2019"), as in the US.
    month_first: bool = False

    def shown_dates(self) -> set[str]:
        return {mention.iso for mention in self.shown}

    def date_lines(self) -> list[ShownDate]:
        """Shown dates on date lines near the headline or the article start, nearest first;
        those labelled as the publication date ("Published:") come before the others, and
        those labelled as revisions ("Updated:") after them."""
        if not self.anchors:
            return []
        near = []
        for mention in self.shown:
            if mention.on_date_line:
                distance = min(abs(mention.start - anchor) for anchor in self.anchors)
                if distance <= HEAD_WINDOW:
                    # Of the two readings of "3/8/2019", the page's own order comes first.
                    other_order = mention.month_first not in (None, self.month_first)
                    rank = _LABEL_RANK[mention.label]
                    near.append((rank, distance, mention.start, other_order, mention))
        return [mention for *_, mention in sorted(near, key=lambda item: item[:4])]

    def labelled_published(self, candidates: list[str]) -> str | None:
        """A date line anywhere on the page labelled as the publication date ("Erschienen
        am: 01.11.2023" under the article): the one a candidate confirms, else the only one.
        Several such dates that no candidate confirms are a listing of other posts."""
        labelled = [m for m in self.shown if m.label == "published" and m.on_date_line]
        confirmed = self._confirmed(labelled)
        for iso in candidates:
            if iso in confirmed:
                return iso
        dates = {mention.iso for mention in labelled}
        return dates.pop() if len(dates) == 1 else None

    def candidates(self) -> list[str]:
        """Metadata dates, then htmldate's, unless it took one of several item dates."""
        found = [iso for _, iso in self.metadata]
        if self.markup is not None and self.markup not in self.listed:
            found.append(self.markup)
        return found

    def published(self) -> str | None:
        candidates = self.candidates()
        lines = self.date_lines()
        # Metadata often gives the revision date too: where the page labels its publication
        # date, only that line is confirmed.
        labelled = [mention for mention in lines if mention.label == "published"]
        on_lines = self._confirmed(labelled or lines)
        for iso in candidates:
            if iso in on_lines:
                return iso
        if lines:
            return lines[0].iso
        labelled_anywhere = self.labelled_published(candidates)
        if labelled_anywhere:
            return labelled_anywhere
        shown = self._confirmed(self.shown)
        for iso in candidates:
            if iso in shown:
                return iso
        return self._agreed()

    def _confirmed(self, mentions: list[ShownDate]) -> set[str]:
        """The dates of ``mentions`` that a candidate matching them confirms. htmldate reads
        the page's text too, and takes "3/8/2019" day first whatever the page's order, so its
        date confirms only the reading in the page's order; metadata confirms either."""
        from_metadata = {iso for _, iso in self.metadata}
        return {
            mention.iso
            for mention in mentions
            if mention.month_first in (None, self.month_first) or mention.iso in from_metadata
        }

    def _agreed(self) -> str | None:
        # The URL is left out: it repeats the CMS's post date that the meta tags give, so it
        # is no second opinion, and themes that hide the date keep it in the address.
        sources: dict[str, set[str]] = {}
        for source, iso in self.metadata:
            if source != "url":
                sources.setdefault(iso, set()).add(source)
        for _, iso in self.metadata:
            if len(sources.get(iso, ())) >= 2:
                return iso
        return None


def find_published_date(tree: Any, url: str | None = None, text: str = "") -> str | None:
    """The page's publication date as ``YYYY-MM-DD``, or None when it gives no reliable date.

    ``tree`` is the parsed page (lxml, left unmodified) or its HTML; ``text`` is the extracted
    article text, used to find where the article starts on the page.
    """
    if isinstance(tree, (str, bytes)):
        from htmldate.utils import load_html

        tree = load_html(tree)
        if tree is None:
            return None
    return collect(tree, url=url, text=text).published()


def collect(tree: Any, url: str | None = None, text: str = "") -> PageDates:
    """Every date the page offers, with where it comes from."""
    page = PageDates()
    page.metadata, page.listed = _metadata(tree, url)
    page.markup = _markup_date(tree, url)
    visible = _visible_text(tree)
    shown = list(_shown_dates(visible.text))
    # A <time> marked as the publication time shows its date even when it reads "2 days ago".
    shown.extend(_shown_at(visible.text, start, iso) for start, iso in visible.marked)
    anchors = (visible.headline, _article_start(visible.text, text))
    page.anchors = tuple(anchor for anchor in anchors if anchor is not None)
    page.shown = _without_listings(shown, visible.asides, page.anchors)
    page.month_first = _writes_month_first(tree, shown)
    return page


#: Languages and regions that write numeric dates month first (lower case, "_" as "-").
_MONTH_FIRST_LOCALES = ("en-us", "en-ph", "en-fm", "en-pw", "en-mh")


def _writes_month_first(tree: Any, shown: list[ShownDate]) -> bool:
    """Whether the page writes numeric dates month first: as its dates that can be read only
    one way show ("3/13/2019", "13/3/2019"), else as its language tag's region is known to
    (``<html lang="en-US">``, ``og:locale``); day first otherwise."""
    readings: dict[int, list[bool | None]] = {}
    for mention in shown:
        readings.setdefault(mention.start, []).append(mention.month_first)
    orders = [found[0] for found in readings.values() if len(found) == 1 and found[0] is not None]
    month_first = orders.count(True)
    day_first = len(orders) - month_first
    if month_first != day_first:
        return month_first > day_first
    tags = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    tags.extend(meta_property(tree, "og:locale"))
    return any(
        isinstance(tag, str) and tag.strip().lower().replace("_", "-") in _MONTH_FIRST_LOCALES
        for tag in tags
    )


def _without_listings(
    shown: list[ShownDate], asides: list[tuple[int, int]], anchors: tuple[int, ...]
) -> list[ShownDate]:
    """Drop the dates of ``<aside>`` blocks that list several dates ("Recent posts"): they
    date other pages. An aside holding the headline or the article start is a wrapper."""
    listings = []
    for begin, end in asides:
        if any(begin <= anchor < end for anchor in anchors):
            continue
        if len({m.iso for m in shown if begin <= m.start < end}) >= 2:
            listings.append((begin, end))
    if not listings:
        return shown
    return [m for m in shown if not any(begin <= m.start < end for begin, end in listings)]


def parse_date(value: str | None) -> str | None:
    """A ``YYYY-MM-DD`` date from an ISO timestamp or a single shown date; None otherwise."""
    if not value:
        return None
    m = _ISO_PREFIX.search(value)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    found = {mention.iso for mention in _shown_dates(value)}
    return found.pop() if len(found) == 1 else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        date = _dt.date(year, month, day)
    except ValueError:
        return None
    if date < EARLIEST or date > _dt.date.today() + _dt.timedelta(days=1):
        return None
    return date.isoformat()


# --- metadata -------------------------------------------------------------------------------


def _metadata(tree: Any, url: str | None) -> tuple[list[tuple[str, str]], set[str]]:
    found: list[tuple[str, list[str]]] = [
        ("meta", _meta_dates(tree)),
        ("json-ld", _jsonld_dates(tree)),
        ("time", _time_dates(tree)),
    ]
    url_date = _url_date(url or _canonical_url(tree))
    found.append(("url", [url_date] if url_date else []))
    result: list[tuple[str, str]] = []
    listed: set[str] = set()
    for source, dates in found:
        # One source naming several dates is describing several items, not the page.
        if len(set(dates)) == 1:
            result.append((source, dates[0]))
        else:
            listed.update(dates)
    return result, listed


def meta_property(tree: Any, name: str) -> list[str]:
    """The ``content`` of each ``<meta property="name">`` of the page (Open Graph's
    ``og:title``, ``og:locale``), in order."""
    return [
        meta.get("content") or ""
        for meta in tree.iter("meta")
        if (meta.get("property") or "").strip().lower() == name
    ]


def _meta_dates(tree: Any) -> list[str]:
    dates = []
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key.lower() in PUBLISHED_META:
            iso = parse_date(meta.get("content") or meta.get("datetime"))
            if iso:
                dates.append(iso)
    return dates


def jsonld_blocks(tree: Any, needle: str) -> Iterator[Any]:
    """The data of each JSON-LD block of the page whose text holds ``needle`` (a key the
    caller looks for: the other blocks are not parsed); blocks that are not JSON are passed
    over."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        content = script.text or ""
        if needle not in content:
            continue
        try:
            # strict=False: CMSs write raw line breaks inside JSON-LD strings, which strict
            # JSON refuses, and the whole block would be lost over one description.
            yield json.loads(content, strict=False)
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
            continue


def json_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in the data, with nesting limited (pages embed whole feeds)."""
    if depth > 6:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from json_objects(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from json_objects(value, depth + 1)


def _jsonld_dates(tree: Any) -> list[str]:
    dates: list[str] = []
    for data in jsonld_blocks(tree, "datePublished"):
        dates.extend(_article_dates(data))
    return dates


def _article_dates(data: Any, depth: int = 0) -> Iterator[str]:
    """The ``datePublished`` of each article in JSON-LD data. What an article holds is not
    looked into once it has a date: the updates of a live blog, the parts of a series or
    the works an article cites are dated on their own, and would make the page look like a
    listing of several articles."""
    if depth > 6:  # pages embed whole feeds
        return
    if isinstance(data, list):
        for value in data:
            yield from _article_dates(value, depth + 1)
        return
    if not isinstance(data, dict):
        return
    types = data.get("@type")
    names = types if isinstance(types, list) else [types]
    if any(isinstance(name, str) and _ARTICLE_TYPE.search(name) for name in names):
        value = data.get("datePublished")
        iso = parse_date(value) if isinstance(value, str) else None
        if iso:
            yield iso
            return
    for value in data.values():
        if isinstance(value, (dict, list)):
            yield from _article_dates(value, depth + 1)


def _time_dates(tree: Any) -> list[str]:
    return [iso for iso in map(_marked_time, tree.iter("time")) if iso]


def _marked_time(time: Any) -> str | None:
    """The date of a ``<time>`` element marked as the publication time, else None."""
    marked = (
        time.get("pubdate") is not None
        or (time.get("itemprop") or "").lower() in ("datepublished", "datecreated")
        or any(cue in (time.get("class") or "").lower() for cue in _TIME_CLASS_CUES)
    )
    if not marked:
        return None
    return parse_date(time.get("datetime")) or parse_date(time.text_content()[:100])


def _shows_a_date(time: Any) -> bool:
    """Whether a ``<time>`` element's text is a date the page shows ("November 8, 2023").
    Its ``datetime`` is then no second shown date: given in UTC, it falls on the next day
    for an evening post west of Greenwich, and the reader sees the local date."""
    shown = _SPACE.sub(" ", time.text_content()[:100])
    return any(_shown_dates(shown))


def _canonical_url(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical":
            return str(link.get("href") or "") or None
    return None


def _url_date(url: str | None) -> str | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None


def _markup_date(tree: Any, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(
            tree, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError):
        return None
    return _iso(*map(int, found.split("-"))) if found else None


# --- what the page shows --------------------------------------------------------------------


@dataclass
class _Visible:
    text: str = ""
    #: Offset of the first ``<h1>``.
    headline: int | None = None
    #: Offsets and dates of ``<time>`` elements marked as the publication time.
    marked: list[tuple[int, str]] = field(default_factory=list)
    #: Start and end offsets of ``<aside>`` elements.
    asides: list[tuple[int, int]] = field(default_factory=list)


def _visible_text(tree: Any) -> _Visible:
    """The page's visible text, one line per block."""
    from lxml import etree

    body = tree.find(".//body")
    root = body if body is not None else tree
    parts: list[str] = []
    append = parts.append
    length = 0
    after_word = False  # whether the text so far ends with a letter or digit
    visible = _Visible()
    open_asides: list[tuple[Any, int]] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            if not isinstance(tag, str):  # comments and processing instructions
                continue
            if tag in _INVISIBLE or element.get("hidden") is not None:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                append("\n")
                length += 1
                after_word = False
            if tag == "h1":
                if visible.headline is None:
                    visible.headline = length
            elif tag == "time":
                iso = _marked_time(element)
                if iso and not _shows_a_date(element):
                    visible.marked.append((length, iso))
            elif tag == "aside":
                open_asides.append((element, length))
            piece = element.text
        else:
            if isinstance(tag, str):
                if tag in _BLOCK:
                    append("\n")
                    length += 1
                    after_word = False
                if open_asides and open_asides[-1][0] is element:
                    visible.asides.append((open_asides.pop()[1], length))
            piece = element.tail
        if piece:
            piece = " " if piece.isspace() else _SPACE.sub(" ", piece)
            # Separate elements render apart: "<span>Apr 04</span><span>2013</span>".
            if after_word and piece[0].isalnum():
                append(" ")
                length += 1
            append(piece)
            length += len(piece)
            after_word = piece[-1].isalnum()
    visible.text = "".join(parts)
    return visible


def _shown_dates(text: str) -> Iterator[ShownDate]:
    seen: set[tuple[int, str]] = set()
    # Every date has a year, so the patterns are tried only around the years in the text;
    # running them over whole pages would cost more than the rest of the date search.
    for year_start in _year_starts(text):
        low = max(0, year_start - _BEFORE_YEAR)
        high = min(len(text), year_start + _AFTER_YEAR)
        for index, pattern in enumerate(_SHOWN_PATTERNS):
            for m in pattern.finditer(text, low, high):
                if _year_of(m) != year_start:
                    continue
                if _RANGE_END.search(text, max(0, m.start() - 6), m.start()):
                    # "9-23 Feb 2017", "vom 9. bis 23. Februar": the end of a period
                    continue
                for iso, month_first in _match_dates(index, m):
                    if (m.start(), iso) not in seen:
                        seen.add((m.start(), iso))
                        yield _shown_at(text, m.start(), iso, month_first)
                        if len(seen) >= MAX_MENTIONS:
                            return


def _year_of(m: re.Match[str]) -> int:
    # Only the patterns that have a two-digit year leave the four-digit one unmatched.
    start = m.start("y")
    return start if start >= 0 else m.start("yy")


def _year_starts(text: str) -> Iterator[int]:
    """Where a year may begin: four digits 19xx/20xx, or two digits after a date separator."""
    for m in _DIGITS.finditer(text):
        run, start = m.group(), m.start()
        if run[:2] in ("19", "20") and (
            len(run) == 4 or (len(run) == 6 and text.startswith(":", m.end()))
        ):
            yield start  # the second case is a year run into a time: "202221:25"
        elif len(run) == 2 and start and text[start - 1] in "./-'’":
            yield start


def _shown_at(text: str, start: int, iso: str, month_first: bool | None = None) -> ShownDate:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    before = text[line_start:start].lstrip()
    label = _label(text, start, before)
    return ShownDate(iso, start, len(line), len(before), month_first, label)


def _label(text: str, start: int, before: str) -> str | None:
    """Whether the words just before a shown date call it the publication date or a
    revision: on its line, or on a short line of its own above a date that opens its line."""
    context = before[-_LABEL_REACH:]
    if not context.strip():
        # The last piece is the date's own line, blank before the date.
        above = text[max(0, start - 4 * _LABEL_REACH) : start].split("\n")[:-1]
        above = [line for line in above if line.strip()]
        context = above[-1] if above and len(above[-1].strip()) <= _LABEL_REACH else ""
    if _BARE_DATE_LABEL.fullmatch(context):
        return "published"
    label = None
    for m in _DATE_LABEL.finditer(context):
        label = "published" if m["published"] else "modified"
    return label


def _match_dates(index: int, m: re.Match[str]) -> Iterable[tuple[str, bool | None]]:
    """The dates ``m`` may be, each with whether it reads the first number as the month
    (None when the date is written so that it cannot be read the other way round)."""
    groups = m.groupdict()
    year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
    if groups.get("mon") is not None:
        month = MONTHS.get(groups["mon"].lower())
        iso = _iso(year, month, int(groups["d"])) if month else None
        return [(iso, None)] if iso else []
    month, day = int(groups["m"]), int(groups["d"])
    day_first = _iso(year, month, day)
    if index != _SLASHED or groups["s"] not in "/-":
        return [(day_first, None)] if day_first else []
    month_first = _iso(year, day, month)
    if day_first == month_first:  # "3/3/2019"
        return [(day_first, None)] if day_first else []
    readings = [(day_first, False), (month_first, True)]
    return [(iso, order) for iso, order in readings if iso]


def _article_start(visible: str, text: str) -> int | None:
    """Where the extracted article text begins in the visible text, if it can be found."""
    tried = 0
    for line in text.splitlines():
        # The extractor writes a table row as "| cell | cell |", with "\|" for a bar in a
        # cell; the page shows each cell as a block of its own.
        cells = _TABLE_BAR.split(line) if line.lstrip().startswith("|") else [line]
        for cell in cells:
            cell = " ".join(cell.replace("\\|", "|").split())
            if len(cell) < 30:
                continue
            found = visible.find(cell[:40])
            if found >= 0:
                return found
            tried += 1
            if tried >= 5:
                return None
    return None
