"""The article: text plus the metadata a scorer may need, and where each field came from."""

from __future__ import annotations

import datetime as _dt
import math
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from quality.errors import InputError, InvalidTextError

#: Metadata fields an article may carry besides its text.
METADATA_FIELDS = ("title", "byline", "url", "published", "publisher", "language")

#: Where a metadata field's value was found.
ORIGINS = ("metadata", "front-matter", "file-name", "html", "text")


@dataclass(frozen=True)
class Article:
    """One news article.

    ``text`` is what the scorers read. For Markdown input, front matter and markup are
    blanked out with spaces rather than removed, so every offset into ``text`` is also an
    offset into the original file. ``published`` is kept as ``YYYY-MM-DD``: a date given in
    another form is read by ``normalise_date`` (an ``InputError`` if it is not a full date).
    """

    text: str
    title: str | None = None
    byline: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    language: str | None = None
    html: str | None = None
    id: str | None = None
    #: field name -> one of ORIGINS
    origins: Mapping[str, str] = field(default_factory=dict)
    #: text the HTML extractor removed as boilerplate (navigation, share bars, comments)
    stripped: tuple[str, ...] = ()
    #: "text", "markdown", "html" or "json"
    source_format: str = "text"

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InputError(f"article text must be a string, got {type(self.text).__name__}")
        check_unicode("text", self.text)
        published = self.published
        if published is not None and not _is_normalised(published):
            # Built directly rather than through load_article or with_fields: the date is
            # read the same way, so reports always carry an ISO date.
            object.__setattr__(self, "published", normalise_date(published))
        language = _language_tag(self.language)
        if language is not self.language:
            object.__setattr__(self, "language", language)
        for name in (*METADATA_FIELDS, "html", "id"):
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise InputError(
                    f"article field '{name}' must be a string or null, got {type(value).__name__}"
                )
            check_unicode(name, value)

    def with_fields(self, origin: str = "metadata", **fields: Any) -> Article:
        """A copy with some fields replaced, recording ``origin`` as where they came from."""
        unknown = fields.keys() - _REPLACEABLE
        if unknown:
            # dataclasses.replace would say only that __init__ got an unexpected argument.
            raise InputError(
                f"unknown article field(s): {', '.join(sorted(unknown))}; fields are "
                f"{', '.join(sorted(_REPLACEABLE))}"
            )
        return replace(self, **with_origins(fields, origin, self.origins))

    def metadata(self) -> dict[str, Any]:
        """The metadata used for scoring, JSON-serialisable, with each field's origin."""
        data: dict[str, Any] = {"id": self.id}
        for name in METADATA_FIELDS:
            data[name] = getattr(self, name)
        data["origins"] = {k: self.origins[k] for k in METADATA_FIELDS if k in self.origins}
        data["format"] = self.source_format
        data["characters"] = len(self.text)
        if self.stripped:
            data["stripped"] = {
                "blocks": len(self.stripped),
                "characters": sum(len(block) for block in self.stripped),
                "sample": [block[:120] for block in self.stripped[:5]],
            }
        return data


#: The fields ``Article.with_fields`` may replace (origins are its own to record).
_REPLACEABLE = frozenset({"text", "html", "id", "stripped", "source_format", *METADATA_FIELDS})


def check_unicode(name: str, value: str) -> None:
    # A JSON escape like "\ud800" decodes to half a surrogate pair: a string Python holds
    # but not Unicode text, which neither the matchers nor a UTF-8 writer can take. Every
    # article is built more than once on its way in, so the check is the UTF-8 encoder's
    # (several times faster than a regex scan), which fails on exactly those characters.
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidTextError(
            f"article field '{name}' is not valid Unicode: an unpaired surrogate "
            f"({value[exc.start]!r}) at character {exc.start}"
        ) from None


_LANGUAGE_SUBTAG = re.compile(r"[a-z]{2,8}")
#: A language code in use (ISO 639): two or three letters.
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def normalise_language(code: str) -> str | None:
    """The language part of a language tag, lower-cased: ``en-US``, ``en_GB`` and ``EN`` are
    all ``en``, since rules are written per language, not per region; None for a blank tag.
    A tag whose language part is not 2 to 8 letters (BCP 47) is refused: "123", a path or a
    sentence is no language, and each distinct language costs the pipeline a plan. A name
    ("English", "Deutsch") gives None, so the language is detected: every language in use has
    a code of two or three letters, and taken as a code the name would be a language that no
    rules are written for, scored without them."""
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    if not primary:
        return None
    if not _LANGUAGE_SUBTAG.fullmatch(primary):
        raise InputError(
            f"'language' must be a language tag such as 'en' or 'en-US', got {shown_value(code)}"
        )
    return primary if _LANGUAGE_CODE.fullmatch(primary) else None


def _language_tag(language: Any) -> Any:
    """``language`` as an article holds it: a language code as it is (nearly always), any
    other string read by ``normalise_language``, anything else as it is, for the type check
    every metadata field gets."""
    if isinstance(language, str) and not _LANGUAGE_CODE.fullmatch(language):
        return normalise_language(language)
    return language


def with_origins(
    fields: dict[str, Any], origin: str, origins: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Article fields with their ``origins``: those already known plus ``origin`` for each
    metadata field given a value. The date and language are read first: a blank one is none,
    and no origin is recorded for it."""
    result = dict(fields)
    if "published" in result:
        result["published"] = normalise_date(result["published"])
    if "language" in result:
        # Read here for the same reason: a blank tag or a name is no language, and has no
        # origin.
        result["language"] = _language_tag(result["language"])
    known = dict(origins) if origins else {}
    for name, value in result.items():
        if name in METADATA_FIELDS and value is not None:
            known[name] = origin
    result["origins"] = known
    return result


def plain_value(value: Any) -> Any:
    """A field's value as plain Python: numpy's scalars (a DataFrame row's cells) as the
    numbers and dates they hold, and the missing-value markers of numpy and pandas (NaN,
    NaT) as None, which is what they mean in a record."""
    kind = type(value)
    if kind.__module__ == "numpy":
        if kind.__name__ == "datetime64":
            # At its own precision a nanosecond datetime64 gives an int, not a datetime.
            value = value.astype("datetime64[us]")
        value = value.item()
    elif kind.__name__ == "NaTType":
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def normalise_date(value: object, *, field_name: str = "published") -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a date, datetime, ``YYYYMMDD`` number or date string.

    A date must give its year, month and day: "2024", "March 2024" or "5 March" is refused
    rather than completed from today's date. A number is an 8-digit ``YYYYMMDD`` or a Unix
    timestamp in seconds or milliseconds since 2001 (feeds and databases send those), read
    in UTC; any other number (a year, a typo) is refused.
    """
    value = plain_value(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        # A blank field (a scraper's "" or " ") says no more than a missing one.
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        from quality.inputs.jsonl import json_type  # quality.inputs imports this module

        raise InputError(f"'{field_name}' must be a date string, got {json_type(value)}")
    if isinstance(value, (int, float)):
        if isinstance(value, int) and 10_000_000 <= value <= 99_999_999:
            try:
                return _dt.date(value // 10_000, value // 100 % 100, value % 100).isoformat()
            except ValueError as exc:
                raise InputError(
                    f"'{field_name}': {shown_value(value)} is not a valid YYYYMMDD date ({exc})"
                ) from exc
        for low, high, per_second in _TIMESTAMPS:
            if low <= value < high:
                moment = _dt.datetime.fromtimestamp(value / per_second, tz=_dt.timezone.utc)
                return moment.date().isoformat()
        raise InputError(
            f"'{field_name}': {shown_value(value)} is a bare number, not a date; give a full "
            'date such as "2024-03-01" (a number is read as YYYYMMDD, e.g. 20240301, or as a '
            "Unix timestamp in seconds or milliseconds)"
        )
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) > 8:
        # A timestamp sent as a string ("1709251200"), as some exports quote every value.
        return normalise_date(int(text), field_name=field_name)
    if _ISO_DATE.match(text):
        try:
            return _dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            pass
    if len(text) > _MAX_DATE_CHARS:
        # No date is written this long, and dateutil would take seconds to say so.
        raise InputError(
            f"'{field_name}': {shown_value(value)} is {len(text):,} characters long, too long "
            "to be a date"
        )
    from dateutil import parser as date_parser

    try:
        with warnings.catch_warnings():
            # Zone names such as "EST" (common in RSS dates) are unknown to dateutil; the
            # date as written does not depend on the zone, so the warning is only noise.
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            # Parsed twice with different defaults: a part the text lacks takes the default,
            # so the two results differ exactly when the year, month or day is missing.
            first, second = (
                date_parser.parse(
                    text, default=default, fuzzy=False, dayfirst=bool(_DOTTED_DATE.match(text))
                ).date()
                for default in _PARSE_DEFAULTS
            )
    except (ValueError, OverflowError) as exc:
        raise InputError(f"'{field_name}': cannot read {shown_value(value)} as a date") from exc
    if first != second:
        raise InputError(
            f"'{field_name}': {shown_value(value)} is not a full date; give the year, month "
            'and day (e.g. "2024-03-01")'
        )
    return first.isoformat()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)")
#: A date written with dots, day first wherever it is written so ("01.03.2024" is 1 March).
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)")
#: Unix timestamps taken for dates: seconds, then milliseconds, from September 2001 (ten
#: digits) to the year 5138; smaller numbers are more likely years or typos.
_TIMESTAMPS = ((1_000_000_000, 1e11, 1), (1_000_000_000_000, 1e14, 1000))
#: The longest date string read: the longest date written out in words, a weekday, a time
#: and a zone name is well under this.
_MAX_DATE_CHARS = 200
#: Two leap years, so that "29 February" without a year reads under both and is refused as
#: incomplete rather than as unreadable.
_PARSE_DEFAULTS = (_dt.datetime(2000, 1, 1), _dt.datetime(2004, 2, 2))


def shown_value(value: object, limit: int = 60) -> str:
    """``value`` as an error message shows it: its repr, cut short when long (a number too
    long to write out in decimal is described instead)."""
    if isinstance(value, int) and value.bit_length() > 4 * limit:
        return f"a number of about {round(value.bit_length() * math.log10(2)):,} digits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_normalised(value: object) -> bool:
    """Whether ``value`` is a real date already written as ``YYYY-MM-DD``."""
    try:
        return isinstance(value, str) and _dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
