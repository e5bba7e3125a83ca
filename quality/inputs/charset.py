"""The character encoding an HTML or XML document declares for itself.

A page saved from the web is often in a legacy encoding (windows-1252, Shift_JIS, GBK...)
that it names in its first bytes: ``<meta charset="...">``, ``<meta http-equiv="Content-Type"
content="text/html; charset=...">`` or an XML declaration's ``encoding="..."``. Only what the
document declares is used; bytes that declare nothing are never guessed at. Labels are read
as browsers read them (the WHATWG Encoding Standard): ``iso-8859-1`` and ``us-ascii`` mean
windows-1252, ``shift_jis`` means Microsoft's code page 932, ``gb2312`` means GBK, and a
``utf-16`` label in a page whose markup is readable as ASCII means UTF-8.

Neither lxml nor trafilatura offers this: lxml reports no declared encoding for a page
it has decoded, and trafilatura's decoder guesses the encoding from the bytes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from quality.errors import InvalidTextError

__all__ = ["Declared", "declared_charset", "decode_declared"]

#: How much of a document is searched for its declaration.
SNIFF_BYTES = 8192

#: Labels whose meaning in a browser differs from Python's, or that Python does not know,
#: by the Python codec that decodes them (WHATWG Encoding Standard, section 4.2).
_LABELS_BY_CODEC: dict[str, tuple[str, ...]] = {
    "windows-1252": (
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1",
        "latin1", "us-ascii", "windows-1252", "x-cp1252",
    ),
    "cp1254": (
        "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
        "iso_8859-9:1989", "l5", "latin5", "x-cp1254",
    ),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp932": (
        "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
        "x-sjis",
    ),
    "cp949": (
        "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
        "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949",
    ),
    "gbk": (
        "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
        "iso-ir-58", "x-gbk",
    ),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso8859_8": ("csiso88598i", "iso-8859-8-i", "logical"),
    "koi8_r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8_u": ("koi8-ru", "koi8-u"),
    "mac_roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "mac_cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    "utf-8": (
        "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicode-1-1-utf-8",
        "unicode11utf8", "unicode20utf8", "unicodefeff", "unicodefffe", "utf-16", "utf-16be",
        "utf-16le", "x-unicode20utf8",
    ),
    **{f"cp{page}": (f"x-cp{page}",) for page in range(1250, 1259) if page not in (1252, 1254)},
}  # fmt: skip
_WHATWG_LABELS = {label: codec for codec, labels in _LABELS_BY_CODEC.items() for label in labels}

#: Python codecs that read as some other codec in a browser.
_SAME_AS = {"iso8859-1": "windows-1252", "ascii": "windows-1252", "cp1252": "windows-1252"}
#: Python codecs that are no character set a page can be written in: transformations
#: of text, or encodings browsers refuse.
_NOT_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7", "mbcs",
     "oem"}
)  # fmt: skip

#: Windows-1252 as browsers decode it: the five bytes the code page leaves undefined are
#: the C1 control characters of the same number, as in ISO-8859-1, so no byte is an error.
_CP1252_HIGH = {
    byte: char
    for byte in range(0x80, 0xA0)
    for char in [bytes([byte]).decode("cp1252", errors="ignore")]
    if char
}

_COMMENT = re.compile(rb"<!--(?:.*?-->|.*)", re.DOTALL)
_XML_DECLARATION = re.compile(
    rb"""<\?xml\s(?:[^>]*?\s)?encoding\s*=\s*(?:"([^"]{0,64})"|'([^']{0,64})')""", re.IGNORECASE
)
# No "<" inside a tag, even quoted, so that a tag left open costs a scan to the next "<".
_META = re.compile(rb"""<meta(?=[\s/])((?:[^<>"']|"[^"<>]*"|'[^'<>]*')*)>""", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_CONTENT_CHARSET = re.compile(
    rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.IGNORECASE
)
_LEADING = b" \t\r\n\f"


@dataclass(frozen=True, slots=True)
class Declared:
    """A charset a document declares: ``label`` as written, ``codec`` the Python codec that
    decodes it ("windows-1252" for the browsers' reading of that code page), or None when
    Python knows no such encoding."""

    label: str
    codec: str | None


def declared_charset(data: bytes) -> Declared | None:
    """The charset markup declares in its first few kilobytes, other than UTF-8 (which a
    caller has tried first), or None when it declares none or is not markup.

    The XML declaration is looked at first, then each ``<meta>`` in order; the first
    declaration of a known encoding wins. When every declaration names an encoding Python
    does not know, the first of them is returned, with ``codec`` None.
    """
    if data.startswith(codecs.BOM_UTF8):
        return None  # a byte-order mark says UTF-8, whatever the markup says
    head = data[:SNIFF_BYTES]
    if not head.lstrip(_LEADING).startswith(b"<"):
        return None
    unknown: Declared | None = None
    for label in _labels(head):
        declared = Declared(label, _codec_for(label))
        if declared.codec == "utf-8":
            continue
        if declared.codec is not None:
            return declared
        unknown = unknown or declared
    return unknown


def decode_declared(data: bytes, declared: Declared, *, name: str | None = "input") -> str:
    """``data`` decoded with the charset it declares; an InvalidTextError names the charset
    (and the first byte that is not valid in it, with its line), after ``name`` ("file is
    not valid Shift_JIS ...") when one is given."""
    if declared.codec is None:
        problem = f"declared as charset {declared.label!r}, which is not a known encoding"
        raise InvalidTextError(f"{name} is {problem}" if name else problem)
    if declared.codec == "windows-1252":
        return data.decode("latin-1").translate(_CP1252_HIGH)
    try:
        return data.decode(declared.codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : max(exc.end, exc.start + 1)][:4]
        where = f"byte {exc.start}, line {line}: {bad!r}"
        problem = f"not valid {_shown(declared.label)}, the charset it declares ({where})"
        raise InvalidTextError(f"{name} is {problem}" if name else problem) from exc
    except (UnicodeError, LookupError) as exc:  # a codec that fails without a position
        problem = f"not readable as {_shown(declared.label)}, the charset it declares: {exc}"
        raise InvalidTextError(f"{name} is {problem}" if name else problem) from exc


def _labels(head: bytes) -> list[str]:
    """Every charset label ``head`` declares, in the order a reader meets them."""
    found: list[bytes] = []
    xml = _XML_DECLARATION.match(head.lstrip(_LEADING))
    if xml is not None:
        found.append(xml.group(1) or xml.group(2) or b"")
    for meta in _META.finditer(_COMMENT.sub(b"", head)):
        attributes: dict[bytes, bytes] = {}
        for attribute in _ATTRIBUTE.finditer(meta.group(1)):
            value = attribute.group(2) or attribute.group(3) or attribute.group(4) or b""
            attributes.setdefault(attribute.group(1).lower(), value)
        if b"charset" in attributes:
            found.append(attributes[b"charset"])
        elif attributes.get(b"http-equiv", b"").strip().lower() == b"content-type":
            content = _CONTENT_CHARSET.search(attributes.get(b"content", b""))
            if content is not None:
                found.append(content.group(1) or content.group(2) or content.group(3) or b"")
    # No charset's name is long: a longer "label" is kept only to be named in an error.
    labels = (raw[:64].decode("latin-1").strip(" \t\r\n\f") for raw in found)
    return [label for label in labels if label]


def _codec_for(label: str) -> str | None:
    """The Python codec for a charset label, or None when there is none."""
    lowered = label.lower()
    codec = _WHATWG_LABELS.get(lowered)
    if codec is not None:
        return codec
    try:
        info = codecs.lookup(lowered)
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None
    name = info.name.replace("_", "-")
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_CHARSETS:
        return None
    if not _reads_markup(info):
        # An EBCDIC code page (cp037, cp500...) would read the page's own ASCII markup, the
        # declaration included, as other letters: the label cannot be the page's encoding,
        # and browsers do not know it.
        return None
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return "utf-8"
    return _SAME_AS.get(name, info.name)


#: Markup as every page has it, in ASCII: an encoding that a page can declare for itself
#: reads these bytes as the same characters.
_MARKUP_PROBE = b"""<!DOCTYPE html><meta charset="x"><p class='a-b_c'>Text 0123456789.</p>"""


def _reads_markup(info: codecs.CodecInfo) -> bool:
    try:
        return info.decode(_MARKUP_PROBE)[0] == _MARKUP_PROBE.decode("ascii")
    except (UnicodeError, ValueError, TypeError):
        return False


def _shown(label: str) -> str:
    """A label as an error message shows it: as written when it is a plain name."""
    return label if re.fullmatch(r"[\w.:+()-]{1,64}", label, re.ASCII) else repr(label)
