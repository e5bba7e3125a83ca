"""Readers for the labelled JSON Lines files, one record type per kind.

Each reader checks the fields a measure needs and names the file and line of any record
that lacks them, so a malformed user file fails with a message instead of a traceback.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quality.errors import InputError
from quality.inputs import MAPPING_KEYS
from quality.inputs.jsonl import JSONProblem, read_json

#: kind -> file name in the data directory
DEFAULT_FILES: dict[str, str] = {
    "news": "news-human-vs-ai.dev.jsonl",
    "human-news": "human-news.dev.jsonl",
    "attribution": "attribution.dev.jsonl",
    "comments": "comments.dev.jsonl",
    "dates": "dates.dev.jsonl.gz",
}
KINDS = tuple(DEFAULT_FILES)
NEWS_LABELS = ("human", "ai")
#: How a news label may be written, in any case: "AI", "Human", "machine".
_NEWS_LABEL_SPELLINGS = {"human": "human", "ai": "ai", "machine": "ai"}
ATTRIBUTION_LABELS = ("named", "vague", "no_source")


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent.parent


def default_data_dir() -> Path:
    """``../shared/data`` beside the repository, where the development split lives."""
    return repo_root().parent / "shared" / "data"


@dataclass(frozen=True)
class NewsRecord:
    id: str
    text: str
    label: str
    dataset: str
    model: str | None
    where: str = ""  # "file:line", so a record the pipeline rejects can be located
    #: the record's article fields (text or html, and any metadata: published, title, ...),
    #: scored as ``quality train`` and ``quality score`` score the same record
    article: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class HumanNewsRecord:
    id: str
    text: str
    publisher: str | None
    date: str | None
    where: str = ""


@dataclass(frozen=True)
class AttributionRecord:
    id: str
    text: str
    label: str
    where: str = ""


@dataclass(frozen=True)
class CommentsRecord:
    id: str
    text: str
    has_comments: bool
    article_end: int | None
    where: str = ""


@dataclass(frozen=True)
class DatesRecord:
    id: str
    html: str
    url: str | None
    date: str | None
    dataset: str
    where: str = ""


Record = NewsRecord | HumanNewsRecord | AttributionRecord | CommentsRecord | DatesRecord


def iter_json_lines(path: Path, limit: int | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; gzip when the name ends in .gz.

    A leading UTF-8 byte order mark is skipped, as ``quality score`` does: editors on Windows
    write one."""
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    count = 0
    try:
        with opener(path, "rb") as handle:
            # Read as bytes and decoded a line at a time, so that a byte that is not UTF-8
            # is reported on its line, not at an offset into the decoder's buffer.
            for number, raw in enumerate(handle, 1):
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise InputError(
                        f"{path}:{number}: not valid UTF-8 (byte {exc.start + 1} of the line); "
                        "save the file as UTF-8"
                    ) from None
                if not line.strip():
                    continue
                if limit is not None and count >= limit:
                    return
                try:
                    data = read_json(line)
                except JSONProblem as exc:
                    raise InputError(f"{path}:{number}: not valid JSON: {exc}") from None
                if not isinstance(data, dict):
                    raise InputError(f"{path}:{number}: each line must be a JSON object")
                count += 1
                yield number, data
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"{path}: cannot decode: {exc}") from exc


def read_kind(kind: str, path: Path, limit: int | None = None) -> list[Any]:
    """Every record of one kind from ``path`` (``limit`` of them, evenly spaced, when given)."""
    if kind not in _READERS:
        raise InputError(f"unknown data kind {kind!r}; expected one of {', '.join(KINDS)}")
    reader = _READERS[kind]
    records = [reader(data, _Where(path, number)) for number, data in iter_json_lines(path)]
    if not records:
        # Measured on nothing, every figure would be "n/a" and the run would still pass.
        raise InputError(f"{path}: no records (the file is empty or holds only blank lines)")
    return spread(records, limit)


def spread(records: list[Any], limit: int | None) -> list[Any]:
    """``limit`` records evenly spaced through the file: files are often sorted by label or
    source, so the first N would be one class only."""
    if limit is None or limit >= len(records):
        return records
    step = len(records) / limit
    return [records[int(i * step)] for i in range(limit)]


@dataclass(frozen=True)
class _Where:
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    def error(self, message: str) -> InputError:
        return InputError(f"{self}: {message}")


def _string(data: dict[str, Any], key: str, where: _Where, *, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise where.error(f"missing field '{key}'")
        return None
    if not isinstance(value, str):
        raise where.error(f"field '{key}' must be a string, got {type(value).__name__}")
    return value


def _id(data: dict[str, Any], where: _Where) -> str:
    value = data.get("id")
    return str(value) if value is not None else f"{where.path.name}:{where.line}"


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], where: _Where) -> str:
    value = _string(data, key, where)
    if value not in choices:
        raise where.error(f"field '{key}' must be one of {', '.join(choices)}, got {value!r}")
    return value


def news_label(value: Any) -> str | None:
    """``human`` or ``ai`` for a class label however it is capitalised (``machine`` is
    ``ai``), None for anything else: ``quality train`` and ``quality eval`` read the same
    files, so they must agree on what a label is."""
    return _NEWS_LABEL_SPELLINGS.get(value.lower()) if isinstance(value, str) else None


def _news(data: dict[str, Any], where: _Where) -> NewsRecord:
    if "label" not in data or data["label"] is None:
        raise where.error("missing field 'label'")
    label = news_label(data["label"])
    if label is None:
        # A 0-100 quality label is what ``quality train`` also takes; eval measures classes.
        raise where.error(
            f"field 'label' must be one of {', '.join(NEWS_LABELS)}, got {data['label']!r}"
        )
    page = _string(data, "html", where, required=False)
    return NewsRecord(
        id=_id(data, where),
        text=_string(data, "text", where, required=page is None) or "",
        label=label,
        dataset=_string(data, "dataset", where, required=False) or "all",
        model=_string(data, "model", where, required=False),
        where=str(where),
        article={key: value for key, value in data.items() if key in MAPPING_KEYS},
    )


def _human_news(data: dict[str, Any], where: _Where) -> HumanNewsRecord:
    # Every human-news article is human-written, so it carries no label; a record that has
    # one belongs to a labelled kind, and counting machine texts as human news would be wrong
    # without a word.
    for name, kind in (("label", "news or attribution"), ("has_comments", "comments")):
        if name in data:
            raise where.error(
                f"has a '{name}' field, which human-news records do not have: "
                f"is this a {kind} file? (--kind)"
            )
    return HumanNewsRecord(
        id=_id(data, where),
        text=_string(data, "text", where) or "",
        publisher=_string(data, "publisher", where, required=False),
        date=_string(data, "date", where, required=False),
        where=str(where),
    )


def _attribution(data: dict[str, Any], where: _Where) -> AttributionRecord:
    return AttributionRecord(
        id=_id(data, where),
        text=_string(data, "text", where) or "",
        label=_choice(data, "label", ATTRIBUTION_LABELS, where),
        where=str(where),
    )


def _comments(data: dict[str, Any], where: _Where) -> CommentsRecord:
    text = _string(data, "text", where) or ""
    has_comments = data.get("has_comments")
    if not isinstance(has_comments, bool):
        raise where.error("field 'has_comments' must be true or false")
    end = data.get("article_end")
    if end is not None and (
        isinstance(end, bool) or not isinstance(end, int) or not 0 <= end <= len(text)
    ):
        raise where.error(
            f"field 'article_end' must be null or an offset into the text, got {end!r}"
        )
    if has_comments and end is None:
        raise where.error("a record with has_comments=true needs 'article_end'")
    if not has_comments and end is not None:
        # One of the two is a slip, and which one decides whether the page counts as having
        # comments: guessing would measure the wrong thing without a word.
        raise where.error(
            f"a record with has_comments=false has 'article_end' {end}; "
            "give null, or has_comments=true"
        )
    return CommentsRecord(
        _id(data, where), text, has_comments, end if has_comments else None, where=str(where)
    )


def _dates(data: dict[str, Any], where: _Where) -> DatesRecord:
    return DatesRecord(
        id=_id(data, where),
        html=_string(data, "html", where) or "",
        url=_string(data, "url", where, required=False),
        date=_gold_date(data, where),
        dataset=_string(data, "dataset", where, required=False) or "all",
        where=str(where),
    )


def _gold_date(data: dict[str, Any], where: _Where) -> str | None:
    """The annotated date, checked: a gold date the extractor can never match ("yesterday")
    would otherwise count as a dated page it got wrong. A date-shaped value that is no
    calendar date ("2022-25-10") is an annotation slip, not a malformed file: it is kept, and
    the dates measure counts it as a miss and names it."""
    value = _string(data, "date", where, required=False)
    if value is None:
        return None
    # fromisoformat also takes "20240105"; the extractor reports YYYY-MM-DD, so insist on it.
    if not _DATE_SHAPE.fullmatch(value):
        raise where.error(f"field 'date' must be a date YYYY-MM-DD or null, got {value!r}")
    return value


_DATE_SHAPE = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)


_READERS = {
    "news": _news,
    "human-news": _human_news,
    "attribution": _attribution,
    "comments": _comments,
    "dates": _dates,
}
