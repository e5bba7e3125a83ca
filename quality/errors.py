"""Exceptions raised by ``quality``: each names what was wrong and where."""

from __future__ import annotations

from typing import Any


class QualityError(Exception):
    """Base class for every error ``quality`` raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker process hands its errors back pickled, and the default would call the
        # constructor again with the finished message: RuleError would name its place twice,
        # and ArticleTooLargeError and OptionError, which take other arguments, would fail.
        return (_rebuilt, (type(self), str(self), self.__dict__))


def _rebuilt(cls: type[QualityError], message: str, state: dict[str, Any]) -> QualityError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class InputError(QualityError, ValueError):
    """An article could not be read: wrong type, missing text, undecodable bytes."""


class InvalidTextError(InputError):
    """Text that is not valid Unicode: bytes that are not UTF-8 (nor valid in the charset an
    HTML page declares, or in a declared charset that is unknown), or a string holding half of
    a surrogate pair (which a JSON escape such as ``"\\ud800"`` produces)."""


class EmptyPageError(InputError):
    """An HTML page from which no article text could be extracted: it shows no text, only
    navigation, headers, footers and other boilerplate, or a lone label (a logo, "Page not
    found"); or one its HTML parser cannot read whole (nested deeper than 256 levels).
    Scoring it would grade nothing, or only part of the page."""


class ArticleTooLargeError(InputError):
    """An article longer than the limit on what one article may hold (``max_chars``, by
    default ``quality.inputs.DEFAULT_MAX_CHARS``): scoring takes several seconds per million
    characters, so text this long is a dump or a bug, not an article. ``field`` names what was
    too long ("text" or "html"), ``size`` its length and ``limit`` the limit, in characters."""

    def __init__(self, field: str, size: int, limit: int):
        #: what is wrong, without the library's advice (a command has options of its own)
        self.problem = f"'{field}' is {size:,} characters, over the limit of {limit:,}"
        super().__init__(
            f"{self.problem}; pass a larger max_chars, or max_chars=None for no limit, to "
            "score it anyway"
        )
        self.field = field
        self.size = size
        self.limit = limit


class RuleError(QualityError):
    """A rule file is invalid. The message names the file and the rule."""

    def __init__(self, message: str, *, path: str | None = None, rule: str | None = None):
        where = path or "<rules>"
        if rule:
            where += f" [rule {rule}]"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.rule = rule


class ConfigError(QualityError):
    """A configuration file or option is invalid. The message names the file and key."""


class OptionError(ConfigError):
    """A scorer option that does not exist (``expected`` None, ``known`` the options there
    are) or has the wrong type. ``scorer``, ``option`` (as given), ``expected`` and ``value``
    let a caller that knows where the option came from (a configuration file's key) say so.
    With ``in_list``, the option is a list of phrases and ``value`` is an item of it that is
    not one (not a string, or blank). ``requirement`` says what a value of the right type
    must also be ("at least 1")."""

    def __init__(
        self,
        message: str,
        *,
        scorer: str,
        option: str,
        expected: type | None,
        value: object,
        known: tuple[str, ...] = (),
        in_list: bool = False,
        requirement: str | None = None,
    ):
        super().__init__(message)
        self.requirement = requirement
        self.scorer = scorer
        self.option = option
        self.expected = expected
        self.value = value
        self.known = known
        self.in_list = in_list


class ScorerError(QualityError):
    """A scorer could not be found, loaded or run."""


class ScorerLoadError(ScorerError):
    """An installed package declares a scorer that cannot be imported. Every pipeline that
    includes the scorer (the default one does) fails with it until the package is fixed or
    uninstalled; the message names the package."""
