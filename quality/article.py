"""The article: text plus the metadata a scorer may need, and where each field came from."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from quality.errors import InputError

#: Metadata fields an article may carry besides its text.
METADATA_FIELDS = ("title", "byline", "url", "published", "publisher", "language")

#: Where a metadata field's value was found.
ORIGINS = ("metadata", "front-matter", "html", "text")


@dataclass(frozen=True)
class Article:
    """One news article.

    ``text`` is what the scorers read. For Markdown input, front matter and markup are
    blanked out with spaces rather than removed, so every offset into ``text`` is also an
    offset into the original file.
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
        for name in (*METADATA_FIELDS, "html", "id"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(
                    f"article field '{name}' must be a string or null, got {type(value).__name__}"
                )

    def with_fields(self, origin: str = "metadata", **fields: Any) -> Article:
        """A copy with some fields replaced, recording ``origin`` as where they came from."""
        origins = dict(self.origins)
        for name, value in fields.items():
            if name in METADATA_FIELDS and value is not None:
                origins[name] = origin
        if "published" in fields:
            fields["published"] = normalise_date(fields["published"], field_name="published")
        return replace(self, origins=origins, **fields)

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


def normalise_date(value: object, *, field_name: str = "published") -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a date, datetime, timestamp or date string."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"'{field_name}' must be a date string, got {type(value).__name__}")
    if isinstance(value, (int, float)):
        try:
            return _dt.datetime.fromtimestamp(value, tz=_dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError) as exc:
            raise InputError(f"'{field_name}': {value!r} is not a valid timestamp") from exc
    text = value.strip()
    try:
        return _dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(text, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError) as exc:
        raise InputError(f"'{field_name}': cannot read {value!r} as a date") from exc
