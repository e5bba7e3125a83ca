"""ANSI colour for the human formats, switched off wholesale when not wanted, and the text
they show made safe for a terminal."""

from __future__ import annotations

import unicodedata

from quality.findings import Severity

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
}
SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
#: Columns a tab is shown as in a source line, as ruff shows them.
TAB_WIDTH = 4


class Style:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, *names: str) -> str:
        if not self.enabled or not names:
            return text
        codes = ";".join(_CODES[name] for name in names)
        return f"\033[{codes}m{text}\033[0m"

    def severity(self, severity: Severity) -> str:
        return self(f"[{severity.value}]", SEVERITY_COLOURS[severity])


def _control_picture(character: str) -> str:
    """The visible stand-in of a control character: its Unicode control picture (``␛`` for
    escape, ``␊`` for a line feed), or the replacement character for the C1 controls, which
    have none."""
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


_VISIBLE = {
    code: _control_picture(chr(code))
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if unicodedata.category(chr(code)) == "Cc"
}
_VISIBLE[ord("\t")] = " " * TAB_WIDTH
# A line separator or a bidirectional override would move or reorder what follows it on
# the terminal, so that a caret no longer sits under its text.
_VISIBLE.update(
    {code: _control_picture("\x80") for code in (0x2028, 0x2029, *range(0x202A, 0x202F))}
)
_VISIBLE.update({code: _control_picture("\x80") for code in range(0x2066, 0x206A)})


def visible(text: str) -> str:
    """``text`` as a terminal can show it, one stand-in for each character that would act
    instead of showing: an escape in an article (or a file name) must not recolour or clear
    the report, a line feed in a file name must not split its finding line, and a tab is
    shown as spaces. Bytes of a file name that are not UTF-8 are left alone: the output
    stream writes them as the bytes they are, as ls does."""
    return text.translate(_VISIBLE)
