"""Residue: page furniture left by scraping, judged line by line and by position.

Line patterns catch comment boxes, share bars, prompts and links. Reader comments are
found as a section, after which everything is the readers' text: a comment heading, a run
of comment furniture (reply links, "X says:", timestamps) near the end, or the headers of a
thread whose furniture the scraper dropped (a name with a date, a name over a date line,
user names over indented comments). Where each comment is signed after its text (a name
and a date under it), the section begins with the first comment's text, and signatures
ending the page count on their own when one is dated after the article. Only short lines
are looked at for headers, and only those with a digit are searched for dates, so a plain
article costs a few line checks.
"""

from __future__ import annotations

import re

from quality.analysis import Document, Line
from quality.article import normalise_date
from quality.errors import InputError
from quality.findings import Finding, in_text_order
from quality.inputs.textmeta import MONTH_PATTERN
from quality.matching import Match
from quality.ruleset import Rule
from quality.scorers._mojibake import find_mojibake
from quality.scorers.base import Scorer, ScorerResult

COMMENT_BOX = "comment-box"
READER_COMMENTS = "reader-comments"
REPEATED_HEADLINE = "repeated-headline"
ENCODING_DAMAGE = "encoding-damage"
_MAX_HEADLINE_WORDS = 16
_MAX_NAME_WORDS = 4
_MAX_NAME_CHARS = 40
_PUNCT = re.compile(r"[\W_]+")
# A time of day or a vote count: what a comment header has and a signed-off date does not.
_CLOCK_OR_VOTES = re.compile(r"\d:\d\d|\b\d+ (?:pts?|points|recs?)\b", re.I)


class ResidueScorer(Scorer):
    id = "residue"
    version = "1.0"
    description = (
        "Scraped page furniture: comment boxes, share bars, prompts, links, reader comments."
    )

    def score(self, doc: Document) -> ScorerResult:
        rules = self.language_rules(doc)
        matches = self.matches(doc)
        markers = [m for m in matches if m.rule.name == READER_COMMENTS]
        findings: list[Finding] = []
        penalty = 0.0
        for m in matches:
            if m.rule.name != READER_COMMENTS:
                findings.append(self.finding(doc, m.rule, m.start, m.end))
                penalty += m.rule.penalty
        metrics: dict[str, float] = {"residue_lines": float(len(findings))}
        comments_rule = rules.get(READER_COMMENTS)
        if comments_rule is not None:
            section = self._comment_section(doc, matches, markers, comments_rule)
            if section is not None:
                line = doc.line_of(section)
                remaining = len(doc.text) - line.start
                findings.append(
                    self.finding(doc, comments_rule, line.start, line.end, value=float(remaining))
                )
                penalty += comments_rule.penalty
                metrics["comments_start"] = float(line.start)
        headline_rule = rules.get(REPEATED_HEADLINE)
        if headline_rule is not None:
            repeat = _repeated_headline(doc)
            if repeat is not None:
                findings.append(self.finding(doc, headline_rule, *repeat))
                penalty += headline_rule.penalty
        damage_rule = rules.get(ENCODING_DAMAGE)
        if damage_rule is not None:
            damaged = find_mojibake(doc.text)
            for start, end, repaired in damaged:
                findings.append(self.finding(doc, damage_rule, start, end, detail=repaired))
            # One wrong decoding garbles every accented letter and curly quote alike: it is
            # charged (if the rule costs anything) once, however many words it reached.
            if damaged:
                penalty += damage_rule.penalty
        findings.sort(key=in_text_order)
        return ScorerResult(max(0.0, 1.0 - penalty), findings, metrics)

    @staticmethod
    def _comment_section(
        doc: Document, matches: list[Match], markers: list[Match], rule: Rule
    ) -> int | None:
        """Where appended reader comments begin, or None."""
        min_markers = int(rule.option("min_markers", 2))
        earliest = len(doc.text) * (1.0 - float(rule.option("bottom_share", 0.6)))
        headings = [m for m in matches if m.rule.name == COMMENT_BOX and m.start >= earliest]
        for heading in headings:
            # A heading over a thread has a comment's header within a comment's length; a
            # comment counter by the byline has the whole article under it.
            if any(
                heading.end < marker.start <= heading.end + _MAX_COMMENT_CHARS for marker in markers
            ):
                return heading.start
        bottom = [
            (marker, doc.line_of(marker.start)) for marker in markers if marker.start >= earliest
        ]
        marker_lines = {line.index for _, line in bottom}
        in_bottom: list[Match] = []
        counted: list[Line] = []
        for marker, line in bottom:
            text = doc.text[marker.start : line.end].strip()
            # A trackback is no comment; it marks the post's footer above it (_post_footers).
            if _TRACKBACK.match(text):
                continue
            if (
                line.from_top >= 3
                and _counts_as_marker(text)
                and not _dates_a_headline(doc, line, text, marker_lines)
            ):
                in_bottom.append(marker)
                counted.append(line)
        del in_bottom[: _post_footers(doc, counted)]
        found: list[int] = []
        if len(in_bottom) >= min_markers:
            found.append(_header_start(doc, in_bottom[0].start))
        else:
            for marker in in_bottom:
                line = doc.line_of(marker.start)
                if not _CLOCK_OR_VOTES.search(doc.text, line.start, line.end):
                    continue
                header = _header_start(doc, marker.start)
                if header != marker.start and _lone_header_fits(doc, doc.line_of(header), line):
                    found.append(header)
                    break
        furniture = {doc.line_of(m.start).index for m in matches if m.rule.name != READER_COMMENTS}
        thread = _thread_start(doc, furniture)
        if thread is not None:
            found.append(thread)
        # Reply links and the like end a comment as page furniture does.
        furniture |= {doc.line_of(m.start).index for m in markers}
        if not found:
            signed = _signed_thread(doc, furniture)
            if signed is None:
                return None
            found.append(signed)
        start = _signed_comment_start(doc, min(found), furniture)
        # A comment heading just above the first header is where the section begins; one
        # further up than a comment is long is a counter by the byline.
        above = [h for h in headings if start - _MAX_COMMENT_CHARS <= h.end <= start]
        return above[-1].start if above else start


def _counts_as_marker(text: str) -> bool:
    """Whether a marker line speaks for a comment: not a source citation or an update stamp."""
    return not _is_citation(text, _find_stamp(text))


def _dates_a_headline(doc: Document, line: Line, text: str, marker_lines: set[int]) -> bool:
    """Whether a date alone on its line stands under a headline, as in a list of other
    stories ("Ferry fares to rise in April" over "March 3, 2012"): a commenter's name over a
    date is a few words or a marker itself ("Jane from Leeds writes"), a headline is longer
    and ends without a full stop."""
    kind = _line_kind(text)
    if kind is None or kind[0] != _STAMP_ONLY:
        return False
    previous = _previous_nonblank(doc, line)
    if previous is None or previous.index in marker_lines:
        return False
    above = previous.stripped
    return len(above.split()) > _MAX_NAME_WORDS and above[-1] not in _SENTENCE_END


def _header_start(doc: Document, position: int) -> int:
    """Where a comment header begins: a marker line with digits (a timestamp, a vote count)
    directly under a short name-like line is one header, "Name" then "Oct 8, 2012 at 8:24 am".
    With a time of day, such a pair alone marks a comment; a lone date does not (datelines,
    signatures under letters)."""
    line = doc.line_of(position)
    if not any(ch.isdigit() for ch in doc.text[line.start : line.end]):
        return position
    previous = _previous_nonblank(doc, line)
    if previous is None:
        return position
    name = doc.text[previous.start : previous.end].strip()
    words = name.split()
    if (
        1 <= len(words) <= _MAX_NAME_WORDS
        and len(name) <= _MAX_NAME_CHARS
        and name[-1] not in '.!?:;,"”'
    ):
        return previous.start
    return position


def _previous_nonblank(doc: Document, line: Line) -> Line | None:
    """The non-blank line above, if at most one blank line stands between them."""
    if line.from_top <= 0:
        return None
    previous = doc.nonblank_lines[line.from_top - 1]
    return previous if previous.index >= line.index - 2 else None


def _repeated_headline(doc: Document) -> tuple[int, int] | None:
    """The span of a headline printed again: the title as first body line, or a short
    heading-like line that occurs twice."""
    lines = doc.nonblank_lines
    if not lines:
        return None
    title = doc.article.title
    # A Markdown draft's H1 restating its front-matter title is how such drafts are written,
    # and a web page's <h1> restating its <title> is how pages are built: the extracted text
    # opens with the page's own heading, not with a headline pasted in again.
    title_origin = doc.article.origins.get("title")
    heading_is_markup = title_origin == "html" or (
        doc.article.source_format == "markdown" and title_origin == "front-matter"
    )
    if title and not heading_is_markup and _key(lines[0].text) == _key(title):
        return lines[0].start, lines[0].end
    seen: dict[str, int] = {}
    for line in lines:
        text = line.stripped
        if (
            not text
            or text[-1] in ".!?:"
            # Splitting stops after the word that makes it too long: paragraphs are long.
            or len(text.split(None, _MAX_HEADLINE_WORDS)) > _MAX_HEADLINE_WORDS
        ):
            continue
        key = _key(text)
        if len(key) < 12:
            continue
        if key in seen:
            offset = line.text.find(text)
            return line.start + offset, line.start + offset + len(text)
        seen[key] = line.index
    return None


def _key(text: str) -> str:
    return _PUNCT.sub(" ", text.lower()).strip()


# Comment threads without furniture: what is left of a thread is its headers, a name and a
# date ("Jane Doe - October 26, 2012", "Fabio" over "Jul 23 2012", "Miles 12 days ago") or a
# bare user name over an indented comment, repeated down the bottom of the page.

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_STAMP = re.compile(
    rf"(?<![\w(])(?:(?:{_WEEKDAY},? )?(?:{MONTH_PATTERN} ?\d{{1,2}}{_ORDINAL}\b(?:,? ?\d{{4}})?"
    rf"|\d{{1,2}}{_ORDINAL} {MONTH_PATTERN},? \d{{4}})"
    r"|(?<![\d./-])(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d)(?![\d./-]?\d)"
    r"|(?:\d+|an?|one) (?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)"
    r" ago)"
    r"|(?<![\d:])\d{1,2}:\d\d(?::\d\d)? ?[ap]\.?m\b\.?",
    re.I,
)
_DIGIT = re.compile(r"\d")
_STRONG_STAMP = re.compile(r"\d:\d\d|\bago\b", re.I)
# What a header holds besides the name and the date: connectives, times, zones, counters,
# handles, links and punctuation.
_HEADER_FILLER = re.compile(
    rf"\b(?:on|at|by|posted|submitted|written|said|says|replied|commented|[ap]\.?m\.?|{_WEEKDAY}"
    r"|et|[ecmp][sd]t|utc|gmt|bst|cet|edited|updated|reply|permalink)\b"
    rf"|@\w+|https?://\S+|www\.\S+|#\d+|\b\d+{_ORDINAL}\b|[^\w\s]",
    re.I,
)
_HEADER_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_SAID_WORDS = ("says", "said", "commented", "replied")
_SAID = re.compile(r"\b(?:says|said|commented|replied)[ \t]*(?::|,|\.\.\.|\u2026)$", re.I)
_VOTES = re.compile(r"\b\d+ (?:pts?|points|likes?|votes?|recs?)$", re.I)
# Links from other blogs are not readers' comments.
_TRACKBACK = re.compile(r"(?:tracked on|trackback|pingback)\b", re.I)
_LINK_STARTS = ("http://", "https://", "www.")
_LINK_PREFIX = re.compile(r"^(?:https?://|www\.)\S+\s+")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_UPDATED = re.compile(r"\bupdated\b", re.I)
# A user handle rather than a person's name or a subheading: one word with a digit, in
# lower case throughout, or with a capital inside it after two small letters ("DaveMart";
# "iPhone" and "eBay" are brands).
_HANDLE = re.compile(r"(?=\w*[^\W\d_])(?:\w*\d\w*|[a-z_]{4,}\d*|\w*[a-z]{2}[A-Z]\w*)", re.ASCII)
_MAX_COMMENT_CHARS = 3000
_HEAD_LINES = 3
_LONG_HEAD_LINES = 6
_HEAD_SHARE = 0.2
_MAX_HEADER_CHARS = 110
_MAX_HEADER_LINES = 3
_MAX_HEADER_NAME_WORDS = 6
# A list item, a quotation or an aside mentions a date; it is no header.
_HEAD_START_EXCLUDED = frozenset("-\u2022*\u2013\u2014(\"\u201c'\u2018[|")
_NAME_START_EXCLUDED = _HEAD_START_EXCLUDED | frozenset("#>+")
_SENTENCE_END = frozenset(".!?:;)\"'\u201d\u2019\u2026")
_MIN_HEADLINE_WORDS = 4
_NAME_END_EXCLUDED = frozenset('.!?:;,"\u201d)]')

_HEAD, _STAMP_ONLY, _NAME = 1, 2, 3


def _line_kind(text: str) -> tuple[int, bool] | None:
    """A short line's part in a comment header: a name with a date, a date alone or a name
    alone, and whether it is strong enough to mark a comment by itself (a time of day, "ago",
    a vote count, "X on May 3, 2012 said:")."""
    if text[0] in _HEAD_START_EXCLUDED or _TRACKBACK.match(text):
        return None
    digits = _may_hold_stamp(text)
    stamp = _STAMP.search(text) if digits else None
    if stamp is not None and _is_citation(text, stamp):
        return None
    said = text[-1] in ":,.\u2026" and _ends_with_said(text)
    votes = digits and _VOTES.search(text) is not None
    if stamp is None and not votes:
        if said:
            # "Jane said," / "Jane says:" heads a comment; Blogger's "Jane said..." is its own.
            name = text[: text.rfind(" ")].strip() if " " in text else ""
            if name and _name_like(name):
                return _HEAD, text.endswith(("...", "\u2026"))
            return None
        return (_NAME, False) if _name_like(text) else None
    # A full stop ends a sentence, not a header, unless it ends a time or an initial
    # ("May 3, 2012 Mary K.").
    if (
        text[-1] in ".!?"
        and not text.lower().endswith(("m.", "said..."))
        and not _INITIAL_END.search(text)
    ):
        return None
    # "Update: May 3, 2012: ..." labels a paragraph; a header has no colon after its date.
    if (
        stamp is not None
        and text[stamp.end() :].lstrip().startswith(":")
        and not _STRONG_STAMP.search(text)
    ):
        return None
    # The name stands on one side of the date ("Jane Roe - May 3, 2012", "May 3 | jroe"); words
    # on both sides are a sentence or a listing that mentions a date.
    sides = [
        len(_HEADER_WORD.findall(_HEADER_FILLER.sub(" ", part))) for part in _STAMP.split(text)
    ]
    words = sum(sides)
    if words > _MAX_HEADER_NAME_WORDS or len(sides) - sides.count(0) > 1:
        return None
    strong = votes or (said and stamp is not None) or bool(_STRONG_STAMP.search(text))
    return (_HEAD if words else _STAMP_ONLY), strong


def _ends_with_said(text: str) -> bool:
    # Most short lines that end in a full stop are sentences: the last word rules them out
    # several times faster than the pattern, which is left for the few that end in "said".
    tail = text.lower().rstrip(":,.\u2026 \t")
    return tail.endswith(_SAID_WORDS) and _SAID.search(text) is not None


def _name_like(text: str) -> bool:
    if text.startswith(_LINK_STARTS):
        text = _LINK_PREFIX.sub("", text)
    if len(text) > _MAX_NAME_CHARS or text[0] in _NAME_START_EXCLUDED:
        return False
    if text[-1] in _NAME_END_EXCLUDED and not _INITIAL_END.search(text):
        return False
    return 1 <= len(text.split()) <= _MAX_NAME_WORDS and any(ch.isalpha() for ch in text)


def _is_prose(text: str) -> bool:
    """A sentence, not an item of a list: it ends like one, or most of its words are in
    lower case ("2 cups Flour, Sifted" is an ingredient, not a comment)."""
    words = text.split()
    if text.rstrip()[-1:] in ".!?":
        return True
    return len(words) >= 4 and sum(w[0].islower() for w in words) * 2 >= len(words)


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip(" \t"))


def _thread_start(doc: Document, furniture: set[int]) -> int | None:
    """Where a comment thread without furniture begins: two comment headers below the
    article's head, or one strong header in the bottom half; bare names count when their
    comments are indented under them and the thread shows it (a name again, a link)."""
    # Below the article's head: its first lines (title, byline, date) and, when they are
    # short, a few more in the top fifth.
    head_end = len(doc.text) * _HEAD_SHARE
    lines: list[Line] = []
    kinds: list[tuple[int, bool] | None] = []
    classified = False
    for line in doc.nonblank_lines:
        if _in_head(doc, line, head_end):
            continue
        kind = None
        if line.end - line.start <= _MAX_HEADER_CHARS and line.index not in furniture:
            kind = _line_kind(line.text.strip())
            classified = classified or kind is not None
        lines.append(line)
        kinds.append(kind)
    if not classified:
        return None
    count = len(lines)
    headers: list[tuple[int, int, bool]] = []
    named: list[int] = []
    bare: list[int] = []

    def is_body(j: int) -> bool:
        # A one-line comment may be as short as a name ("Thanks!" is not, "Thanko" is).
        return j < count and _kind_of(kinds[j]) in (None, _NAME)

    i = 0
    while i < count:
        kind = kinds[i]
        if kind is None:
            i += 1
            continue
        group = _header_group(kinds, i)
        if group is not None and is_body(group[0]):
            headers.append((i, group[0] - 1, group[1]))
            i = group[0]
            continue
        if (
            kind[0] == _NAME
            and i + 1 < count
            and kinds[i + 1] is None
            and _is_prose(lines[i + 1].text)
        ):
            if _indent(lines[i + 1]) >= max(2, _indent(lines[i])):
                named.append(i)
            else:
                bare.append(i)
        i += 1
    del headers[: _post_footers(doc, [lines[first] for first, _, _ in headers])]
    if len(headers) >= 2:
        headers = _thread_run(lines, headers)
        if _is_teaser_list(lines, headers):
            headers = []
    if len(headers) == 1:
        first, last, strong = headers[0]
        # Alone, a header needs a comment under it: text, or a last word; a name under a
        # sender's name and date is the addressee of a letter.
        if not (
            strong
            and (first == 0 or _kind_of(kinds[first - 1]) in (None, _NAME))
            and (kinds[last + 1] is None or last + 2 == count)
            and _lone_header_fits(doc, lines[first], lines[last])
        ):
            headers = []
    if headers:
        first = headers[0][0]
        if named and named[0] < first and _names_thread(lines, named):
            first = named[0]
        return lines[first].start
    if len(named) >= 2 and _names_thread(lines, named):
        return lines[named[0]].start
    if len(bare) >= 2:
        return _handles_thread(doc, lines, bare)
    return None


def _in_head(doc: Document, line: Line, head_end: float) -> bool:
    """Whether a line belongs to the article's head (title, byline, date): its first lines
    and, when they are short, a few more in the top fifth. A short page's bottom half is
    past its head however few lines come before."""
    if line.start >= len(doc.text) / 2:
        return False
    return line.from_top < _HEAD_LINES or (
        line.from_top < _LONG_HEAD_LINES and line.start < head_end
    )


def _handles_thread(doc: Document, lines: list[Line], bare: list[int]) -> int | None:
    """Where a thread of user names over unindented comments begins, or None. Such names
    look like subheadings; they are told apart by what a subheading lacks: at least one is
    a user handle ("DaveMart", "Alain41"), and none of them occurs in the article above,
    where a subheading's subject would be written about."""
    # The names of one thread follow each other at most a comment's length apart.
    first = len(bare) - 1
    while (
        first > 0 and lines[bare[first]].start - lines[bare[first - 1]].start <= _MAX_COMMENT_CHARS
    ):
        first -= 1
    run = bare[first:]
    start = lines[run[0]].start
    if start < len(doc.text) / 2:
        return None
    names = {lines[i].stripped for i in run}
    if len(names) < 2 or not any(_HANDLE.fullmatch(name) for name in names):
        return None
    above = doc.text[:start]
    if any(name in above for name in names):
        return None
    return start


def _post_footers(doc: Document, headers: list[Line]) -> int:
    """How many of the first comment headers or markers are the post's own footer ("Posted
    by Jane on May 3, 2012"): trackbacks, links from other blogs, follow the post and come
    before its comments, so a header with trackbacks between it and the next is the post's."""
    lines = doc.nonblank_lines
    footers = 0
    while footers + 1 < len(headers) and any(
        _TRACKBACK.match(line.stripped)
        for line in lines[headers[footers].from_top + 1 : headers[footers + 1].from_top]
    ):
        footers += 1
    return footers


def _kind_of(kind: tuple[int, bool] | None) -> int | None:
    return None if kind is None else kind[0]


def _header_group(kinds: list[tuple[int, bool] | None], i: int) -> tuple[int, bool] | None:
    """The shortest header starting at line ``i`` (a name with a date on one line, or a name
    line and date lines, up to three lines) that the next line could follow as a comment:
    where it ends, and whether it is strong enough alone."""
    names = stamps = heads = 0
    strong = False
    for j in range(i, min(i + _MAX_HEADER_LINES, len(kinds))):
        kind = kinds[j]
        if kind is None:
            return None
        if kind[0] == _NAME:
            if names:
                return None
            names += 1
        elif kind[0] == _HEAD:
            heads += 1
            strong = strong or kind[1]
        else:
            stamps += 1
            strong = strong or kind[1]
        if heads or (names and stamps):
            after = kinds[j + 1] if j + 1 < len(kinds) else None
            if after is None or after[0] == _NAME:
                # A name over a date is a header in itself, as strong as a time of day.
                return j + 1, strong or (names > 0 and stamps > 0)
    return None


def _thread_run(
    lines: list[Line], headers: list[tuple[int, int, bool]]
) -> list[tuple[int, int, bool]]:
    """The headers of the thread, without header-like lines of the article above it: a first
    header further from the next one than a comment is long belongs to the article."""
    first = 0
    while (
        first < len(headers) - 1
        and lines[headers[first + 1][0]].start - lines[headers[first][0]].start > _MAX_COMMENT_CHARS
    ):
        first += 1
    return headers[first:]


def _is_teaser_list(lines: list[Line], headers: list[tuple[int, int, bool]]) -> bool:
    """Whether the headers are bylines in a list of other stories (headline, "By Jane Roe |
    May 3, 2012", teaser): most stand under a headline, where a comment's header stands
    under the end of the comment before it."""
    under_headline = 0
    for first, _, _ in headers[1:]:
        above = lines[first - 1].text.strip()
        if len(above.split()) >= _MIN_HEADLINE_WORDS and above[-1] not in _SENTENCE_END:
            under_headline += 1
    return under_headline * 2 > len(headers) - 1


def _names_thread(lines: list[Line], named: list[int]) -> bool:
    """Whether bare names over indented text are a comment thread, not subheadings: there
    are several people, and a name comes back or one is given with its home page link."""
    names = [lines[i].text.strip() for i in named]
    distinct = set(names)
    return len(distinct) >= 2 and (
        len(distinct) < len(names) or any(_LINK_PREFIX.match(name) for name in names)
    )


def _lone_header_fits(doc: Document, first: Line, last: Line) -> bool:
    """Whether one header alone may open a comment: in the bottom half, which is below the
    article's head, with a comment under it (a post's own byline or sign-off has none)."""
    return first.start >= len(doc.text) / 2 and bool(doc.text[last.end :].strip())


def _may_hold_stamp(text: str) -> bool:
    # Every date or time has a digit, or says "ago"; most lines are ruled out by that, and
    # the two plain searches cost a third of one case-blind alternation.
    return _DIGIT.search(text) is not None or "ago" in text.lower()


def _find_stamp(text: str) -> re.Match[str] | None:
    return _STAMP.search(text) if _may_hold_stamp(text) else None


def _is_citation(text: str, stamp: re.Match[str] | None) -> bool:
    """A source line ("Jane Roe, The Paper, May 3, 2012") or an update stamp, not a comment
    header: the name before the date is a list, or the date says what was updated."""
    if stamp is None:
        return False
    return text.count(",", 0, stamp.start()) >= 2 or _UPDATED.search(text) is not None


# Comments signed after their text: the comment, then its writer's name and date on a line
# of their own ("Great piece.\nPosted by: Jane | May 3, 2012 at 4:12 pm"). A thread of them
# ends with a signature, where a thread with headers ends with a comment.


def _is_signature(text: str) -> bool:
    """Whether a short line can sign a comment: a date with or without a name, and not a
    header that introduces what follows ("Jane said:")."""
    # A dash before the name is how a signature is set off ("— Jane Roe, May 3, 2012").
    text = text.lstrip(_SIGN_OFF_DASHES)
    if not text:
        return False
    kind = _line_kind(text)
    return (
        kind is not None
        and kind[0] != _NAME
        and text[-1] != ":"
        and not _ends_with_said(text)
        and _find_stamp(text) is not None
    )


def _short_line_signs(line: Line) -> bool:
    return line.end - line.start <= _MAX_HEADER_CHARS and _is_signature(line.stripped)


def _last_text_line(doc: Document, furniture: set[int]) -> Line | None:
    """The last non-blank line that is not page furniture ("Reply", "Leave a comment"), or
    a signature among it ("Posted by: Jane | May 3, 2012")."""
    for line in reversed(doc.nonblank_lines):
        if line.index not in furniture or _short_line_signs(line):
            return line
    return None


def _signed_comment_start(doc: Document, start: int, furniture: set[int]) -> int:
    """Where the section begins when its comments are signed after their text: at the text
    above the first signature, which is the first comment. A signature opens the section
    found only when the thread ends with one printed the same way and no comment in it
    opens with "Jane said:"; a thread that ends with a comment has its headers above the
    comments, and a post's own footer ("Posted by Ana at 9:00 PM") is printed otherwise
    than the signatures of the comments under it."""
    line = doc.line_of(start)
    signature = _signature_at(doc, line)
    if signature is None:
        return start
    # Signed with the byline's name, it is the post's footer, under the post's own text.
    signer = _signer(signature.stripped)
    if signer is not None and _shares_a_name(signer, doc.article.byline):
        return start
    last = _last_text_line(doc, furniture)
    if (
        last is None
        or not _short_line_signs(last)
        or _signature_lead(last.stripped) != _signature_lead(signature.stripped)
    ):
        return start
    lines = doc.nonblank_lines
    if any(_introduces(lines[j]) for j in range(line.from_top, last.from_top)):
        return start
    return _comment_above(doc, line, furniture)


def _signature_at(doc: Document, line: Line) -> Line | None:
    """The signature line that ``line`` is or stands over: a name and date on one line, or
    the writer's name closing their text over a signature that names them too ("Michael"
    over "Posted by: Michael Unan | May 3, 2012"). A short line over a date alone may as well
    be the comment itself ("Love it" over "May 3, 2012 6:50 PM"), so it is no signature."""
    if line.from_top < 0:
        return None
    if _short_line_signs(line):
        return line
    lines = doc.nonblank_lines
    if line.from_top + 1 >= len(lines) or not _signs_off(line.stripped):
        return None
    following = lines[line.from_top + 1]
    if (
        following.index <= line.index + 2
        and _short_line_signs(following)
        and _signer(following.stripped) is not None
    ):
        return following
    return None


def _introduces(line: Line) -> bool:
    """Whether a line heads the comment under it: "Jane said...", "Jane Roe says:"."""
    if line.end - line.start > _MAX_HEADER_CHARS:
        return False
    text = line.stripped
    return _ends_with_said(text) and _line_kind(text) is not None


_SIGN_OFF_DASHES = "-~\u2013\u2014 \t"
# The words and marks a comment template prints before the writer's name or the date.
_SIGNATURE_LEAD = re.compile(r"(?:\s*(?:(?:posted|submitted|written|by|on|at)\b|[^\w\s]))*", re.I)


def _signature_lead(text: str) -> str:
    lead = _SIGNATURE_LEAD.match(text)
    return "" if lead is None else "".join(lead.group().lower().split())


def _comment_above(doc: Document, signature: Line, furniture: set[int]) -> int:
    """Where the comment signed by ``signature`` begins: the block of lines directly above
    it, back to a blank line. A name alone there is the writer signing their text, which is
    the block above it. A block longer than a comment, or one that reaches the article's
    head, is text with no blank lines between its paragraphs: only its last line is taken."""
    lines = doc.nonblank_lines
    head_end = len(doc.text) * _HEAD_SHARE
    nearest = signature.from_top - 1
    top: Line | None = None
    block_lines = 0
    signed_off = False
    for j in range(nearest, -1, -1):
        above = lines[j]
        if above.index in furniture or _short_line_signs(above):
            break
        if top is not None and above.index < top.index - 1:
            if signed_off or block_lines > 1 or not _signs_off(top.stripped):
                break
            signed_off = True
            block_lines = 0
        if _in_head(doc, above, head_end) or signature.start - above.start > _MAX_COMMENT_CHARS:
            return lines[nearest].start
        top = above
        block_lines += 1
    return signature.start if top is None else top.start


def _signs_off(text: str) -> bool:
    """Whether a line alone is a writer's sign-off under their text ("Michael", "--Steve")."""
    name = text.lstrip(_SIGN_OFF_DASHES)
    return bool(name) and _name_like(name)


def _signed_thread(doc: Document, furniture: set[int]) -> int | None:
    """Where comments signed after their text begin, if the page ends with them: text blocks
    each under a signature printed the same way (a name and a date, "Posted by: Jane | May
    3, 2012"), at least one dated after the article. The article's own sign-off looks the
    same ("Ana Lopes, March 3, 2012") but carries the day it came out, or the byline's name;
    a later date was written after it was published."""
    last = _last_text_line(doc, furniture)
    if last is None or last.start < len(doc.text) / 2 or not _short_line_signs(last):
        return None
    published = doc.article.published or _head_date(doc)
    if published is None:
        return None
    lead = _signature_lead(last.stripped)
    signatures = [last]
    lines = doc.nonblank_lines
    head_end = len(doc.text) * _HEAD_SHARE
    for j in range(last.from_top - 1, -1, -1):
        line = lines[j]
        if signatures[-1].start - line.start > _MAX_COMMENT_CHARS or _in_head(doc, line, head_end):
            break
        if _short_line_signs(line):
            # Two signatures with no text between them are a list, not a thread.
            if lines[j + 1] is signatures[-1] or _signature_lead(line.stripped) != lead:
                break
            signatures.append(line)
    later = False
    for signature in signatures:
        text = signature.stripped.lstrip(_SIGN_OFF_DASHES)
        signer = _signer(text)
        if signer is None or _shares_a_name(signer, doc.article.byline):
            return None
        signed = _full_date(text)
        if signed is None:
            continue
        # "Correction: March 5, 2012" labels a date; a signer's name has no colon before it.
        if text[: signed[1]].rstrip().endswith(":"):
            return None
        later = later or signed[0] > published
    if not later:
        return None
    first = signatures[-1]
    start = _comment_above(doc, first, furniture)
    return None if start == first.start else start


def _signer(text: str) -> list[str] | None:
    """The name on a signature line: a user name, or a few capitalised words (after the
    dash that may set a signature off)."""
    words = [
        word
        for part in _STAMP.split(text.lstrip(_SIGN_OFF_DASHES))
        for word in _HEADER_WORD.findall(_HEADER_FILLER.sub(" ", part))
    ]
    if not 1 <= len(words) <= _MAX_NAME_WORDS:
        return None
    if len(words) > 1 and not all(word[0].isupper() for word in words):
        return None
    return words


def _shares_a_name(signer: list[str], byline: str | None) -> bool:
    if not byline:
        return False
    names = {word.casefold() for word in _HEADER_WORD.findall(byline) if len(word) > 2}
    return any(word.casefold() in names for word in signer)


def _full_date(text: str) -> tuple[str, int] | None:
    """The first full date in ``text`` (year, month and day) as an ISO date, and where it
    starts."""
    for stamp in _STAMP.finditer(text):
        if not _DIGIT.search(stamp.group()):
            continue
        try:
            iso = normalise_date(stamp.group())
        except InputError:
            continue
        if iso is not None:
            return iso, stamp.start()
    return None


def _head_date(doc: Document) -> str | None:
    """The first full date in the article's head (its dateline or byline)."""
    head_end = len(doc.text) * _HEAD_SHARE
    for line in doc.nonblank_lines:
        if not _in_head(doc, line, head_end):
            return None
        if _may_hold_stamp(line.text):
            found = _full_date(line.text)
            if found is not None:
                return found[0]
    return None
