"""HTML and XML bytes in the charset they declare: the library, ``quality lint`` and
``quality score`` read them; undeclared bytes that are not UTF-8 are still refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quality
from quality.batch import ArticleFile
from quality.cli import main
from quality.errors import InvalidTextError
from quality.inputs import decode
from quality.inputs.charset import Declared, declared_charset

PARAGRAPHS = (
    "<p>\u201cCaf\u00e9\u201d owners said the new rules would hurt small businesses across "
    "the city, according to a statement released on Monday by the association.</p>\n"
    "<p>It is important to note that the council voted 7\u20132 in favour, officials said.</p>\n"
)


def page(head: str, body: str = PARAGRAPHS, title: str = "Caf\u00e9 owners protest") -> str:
    return (
        f"<!DOCTYPE html>\n<html><head>{head}\n<title>{title}</title></head>\n"
        f"<body><article>\n{body}</article></body></html>\n"
    )


WINDOWS_1252_PAGE = page('<meta charset="windows-1252">')
JAPANESE_PAGE = page(
    '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
    "<p>\u6771\u4eac\u90fd\u306f\u6708\u66dc\u65e5\u3001\u65b0\u3057\u3044\u898f\u5247\u3092"
    "\u767a\u8868\u3057\u305f\u3002 It is important to note that officials said so.</p>\n",
    title="\u6771\u4eac\u306e\u30cb\u30e5\u30fc\u30b9",
)


# Reading the declaration.


def test_a_windows_1252_page_is_scored_with_its_own_characters() -> None:
    data = WINDOWS_1252_PAGE.encode("cp1252")
    report = quality.score(data)
    assert report.article.title == "Caf\u00e9 owners protest"
    assert report.article.text.startswith("\u201cCaf\u00e9\u201d owners said")
    assert "7\u20132" in report.article.text


def test_iso_8859_1_is_read_as_windows_1252_as_browsers_do() -> None:
    # 0x93 and 0x94 are C1 controls in ISO-8859-1 but curly quotes in windows-1252; the
    # bytes windows-1252 leaves undefined (0x81) are the control of the same number.
    html = '<html><head><meta http-equiv="content-type" content="text/html;charset=ISO-8859-1">'
    data = html.encode() + b"</head><p>\x93Caf\xe9\x94 \x81</p></html>"
    assert decode(data).endswith("<p>\u201cCaf\u00e9\u201d \x81</p></html>")


def test_a_shift_jis_page_declared_in_http_equiv() -> None:
    report = quality.score(JAPANESE_PAGE.encode("shift_jis"))
    assert report.article.title == "\u6771\u4eac\u306e\u30cb\u30e5\u30fc\u30b9"
    assert report.article.text.startswith("\u6771\u4eac\u90fd\u306f\u6708\u66dc\u65e5")


def test_an_xml_declaration_names_the_encoding() -> None:
    text = '<?xml version="1.0" encoding="koi8-r"?>\n<html><body><p>\u041c\u043e\u0441\u043a\u0432\u0430</p></body></html>'
    assert decode(text.encode("koi8_r")) == text


def test_the_first_usable_declaration_wins_and_comments_are_skipped() -> None:
    head = b'<html><head><!-- <meta charset="koi8-r"> --><meta charset="utf-8"><meta charset=l1>'
    assert declared_charset(head + b"</head><p>caf\xe9</p>") == Declared("l1", "windows-1252")
    assert decode(head + b"</head><p>caf\xe9</p>").endswith("caf\u00e9</p>")


def test_a_utf8_page_declaring_another_charset_stays_utf8() -> None:
    data = page('<meta charset="iso-8859-1">').encode("utf-8")
    assert decode(data) == data.decode("utf-8")
    assert quality.score(data).article.title == "Caf\u00e9 owners protest"


# What is refused, and how it is said.


def test_undeclared_bytes_that_are_not_utf8_are_still_refused() -> None:
    for data in (b"<html><body><p>Caf\xe9</p></body></html>", b"Line one.\nCaf\xe9 owners"):
        with pytest.raises(InvalidTextError, match=r"^input is not valid UTF-8 \(byte \d+, line"):
            decode(data)


def test_a_page_declaring_utf8_or_utf16_that_is_not_utf8_is_refused_as_not_utf8() -> None:
    for label in ("utf-8", "UTF-16"):
        data = f'<html><head><meta charset="{label}"></head><p>'.encode() + b"Caf\xe9</p>"
        expected = f"input is not valid UTF-8 (byte {data.index(0xE9)}, line 1: b'\\xe9')"
        with pytest.raises(InvalidTextError) as caught:
            decode(data)
        assert str(caught.value) == expected


def test_a_byte_order_mark_says_utf8_whatever_the_page_declares() -> None:
    data = b'\xef\xbb\xbf<html><head><meta charset="latin1"></head>\n<p>Caf\xe9</p>'
    with pytest.raises(InvalidTextError) as caught:
        decode(data)
    # The byte is counted from the start of the file, byte-order mark included.
    assert (
        str(caught.value) == f"input is not valid UTF-8 (byte {data.index(0xE9)}, line 2: b'\\xe9')"
    )


@pytest.mark.parametrize("label", ["x-klingon", "rot13", "unicode_escape"])
def test_an_unknown_charset_is_named(label: str) -> None:
    data = f'<html><head><meta charset="{label}"></head><p>'.encode() + b"Caf\xe9</p>"
    with pytest.raises(InvalidTextError) as caught:
        quality.score(data)
    assert str(caught.value) == (
        f"input is declared as charset {label!r}, which is not a known encoding"
    )


def test_bytes_not_valid_in_the_declared_charset_are_named_with_their_position() -> None:
    data = b'<html><head><meta charset="Shift_JIS"></head>\n<p>\x81\xff</p>'
    with pytest.raises(InvalidTextError) as caught:
        decode(data, name="file")
    assert str(caught.value) == (
        f"file is not valid Shift_JIS, the charset it declares (byte {data.index(0x81)}, "
        "line 2: b'\\x81')"
    )


# Through the command line.


def test_lint_reads_a_declared_page_and_places_findings_in_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text, encoding in (
        ("west.html", WINDOWS_1252_PAGE, "cp1252"),
        ("japan.html", JAPANESE_PAGE, "shift_jis"),
    ):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        code = main(["lint", "--format", "json", str(path)])
        output = json.loads(capsys.readouterr().out)
        assert code in (0, 1) and output["errors"] == []
        (result,) = output["files"]
        lines = text.splitlines()
        placed = [f for f in result["findings"] if f["excerpt"] and f["line"] > 1]
        assert any(f["excerpt"] == "It is important to note" for f in placed)
        for finding in placed:
            line = lines[finding["line"] - 1]
            start, end = finding["column"] - 1, finding["end_column"] - 1
            assert line[start:end] == finding["excerpt"], finding


def test_lint_says_which_declared_charset_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = tmp_path / "unknown.html"
    unknown.write_bytes(b'<html><head><meta charset="x-klingon"></head><p>Caf\xe9</p></html>')
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes(b"<html><head></head>\n<p>Caf\xe9</p></html>")  # byte 26
    assert main(["lint", str(unknown), str(undeclared)]) == 2
    err = capsys.readouterr().err
    assert (
        f"{unknown}: error: declared as charset 'x-klingon', which is not a known encoding; "
        "save the file as UTF-8"
    ) in err
    assert f"{undeclared}: error: not valid UTF-8 (byte 26, line 2: b'\\xe9')" in err


def test_score_reads_declared_pages_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(WINDOWS_1252_PAGE.encode("cp1252"))
    (folder / "b.htm").write_bytes(JAPANESE_PAGE.encode("shift_jis"))
    (folder / "c.html").write_bytes(b'<html><head><meta charset="x-klingon"></head><p>\xe9</p>')
    (folder / "d.html").write_bytes(b"<html><body><p>Caf\xe9 owners said</p></body></html>")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(folder), "-o", str(out)]) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(row["id"]).name for row in rows] == ["a.html", "b.htm", "c.html", "d.html"]
    assert rows[0]["article"]["title"] == "Caf\u00e9 owners protest"
    assert "error" not in rows[1] and isinstance(rows[1]["score"], float)
    assert rows[2]["error"] == {
        "type": "InvalidUTF8",
        "message": "file is declared as charset 'x-klingon', which is not a known encoding",
    }
    assert rows[3]["error"]["message"] == "file is not valid UTF-8 (byte 18, line 1: b'\\xe9')"


def test_score_many_reads_declared_bytes_and_files(
    tmp_path: Path, pipeline: quality.Pipeline
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(WINDOWS_1252_PAGE.encode("cp1252"))
    items = [ArticleFile(str(path)), JAPANESE_PAGE.encode("shift_jis")]
    results = list(pipeline.score_many(items))
    assert [r.error for r in results] == [None, None]
    assert results[0].report is not None
    assert results[0].report.article.title == "Caf\u00e9 owners protest"
