"""House rules as a standards editor writes them: phrases in other scripts, phrases that
could never work as written, and errors that say where the problem is."""

from __future__ import annotations

from pathlib import Path

import pytest

import quality
from quality.matching import Matcher, fold
from quality.ruleset import RuleBook, default_rules_dir, load_rule_file

HEAD = 'scorer = "filler"\nlanguages = ["{language}"]\n'
RULE = '[[rules]]\ncode = "FIL901"\nname = "house"\nmessage = "House style: {{match}}"\n'
ENGLISH = "The council met on Tuesday and the mayor said the budget would be approved. "


def rule_file(tmp_path: Path, body: str, language: str = "en") -> Path:
    path = tmp_path / "house.toml"
    path.write_text(HEAD.format(language=language) + RULE.format() + body, encoding="utf-8")
    return path


def matched(path: Path, text: str) -> list[str]:
    matcher = Matcher(load_rule_file(path))
    return [text[m.start : m.end] for m in matcher.find(text, fold(text))]


@pytest.mark.parametrize(
    ("language", "phrase", "text", "expected"),
    [
        # Written without spaces between words, so a phrase sits between other letters.
        ("ja", "重要", "予算は重要であると述べた。", ["重要"]),
        ("zh", "非常重要", "预算非常重要。", ["非常重要"]),
        ("th", "สำคัญมาก", "งบประมาณสำคัญมากสำหรับเมือง", ["สำคัญมาก"]),
        # A Latin word run into Japanese is still a word of its own.
        ("ja", "gdp", "日本のGDPが伸びた。", ["GDP"]),
        # Scripts with spaces keep their word boundaries.
        ("en", "flood wall", "floodwalls and flood walls", []),
        ("ko", "예산", "예산안 예산", ["예산"]),
    ],
)
def test_phrases_in_scripts_without_spaces_match_inside_running_text(
    tmp_path, language, phrase, text, expected
):
    path = rule_file(tmp_path, f"phrases = ['{phrase}']\n", language)
    assert matched(path, text) == expected


def test_a_japanese_house_rule_fires_in_a_pipeline(tmp_path):
    rule_file(tmp_path, "phrases = ['重要']\n", "ja")
    text = "市長は火曜日に、予算は重要であると述べた。これは重要な問題だ。"
    findings = quality.Pipeline(rule_dirs=[tmp_path]).score(text).findings
    assert [f.excerpt for f in findings if f.rule == "FIL901"] == ["重要", "重要"]


@pytest.mark.parametrize(
    "phrase",
    ["flood  wall", "flood\\twall", " flood wall ", "flood\u2003wall", "flood\\nwall"],
)
def test_a_phrase_is_read_with_single_spaces(tmp_path, phrase):
    # Written with a double, tab or em space it matched only that spacing (or nothing);
    # with spaces around it, it matched them too, and never at a line start.
    path = rule_file(tmp_path, f'phrases = ["{phrase}"]\n')
    assert load_rule_file(path)[0].phrases == ("flood wall",)
    pipeline = quality.Pipeline(rule_dirs=[tmp_path])
    text = ENGLISH + "Flood wall works began. The flood  wall fell."
    excerpts = [f.excerpt for f in pipeline.score(text).findings if f.rule == "FIL901"]
    assert excerpts == ["Flood wall", "flood  wall"]


def test_a_phrase_typed_with_a_combining_accent_matches_the_accented_letter(tmp_path):
    path = rule_file(tmp_path, "phrases = ['cafe\u0301 society']\n")
    assert matched(path, "The Café society met.") == ["Café society"]


def test_the_same_phrase_composed_and_decomposed_is_one_phrase(tmp_path):
    (tmp_path / "other.toml").write_text(
        HEAD.format(language="en")
        + RULE.format().replace("FIL901", "FIL902").replace('"house"', '"other"')
        + "phrases = ['café society']\n",
        encoding="utf-8",
    )
    rule_file(tmp_path, "phrases = ['cafe\u0301 society']\n")
    with pytest.raises(quality.RuleError, match="phrase 'café society' is also in FIL90"):
        RuleBook.load(tmp_path)


@pytest.mark.parametrize("phrase", ["!!", "...", "—", "’", "--", "“”"])
def test_a_phrase_of_punctuation_alone_is_refused(tmp_path, phrase):
    # Folded like the text, '—' found every hyphen and '’' every apostrophe.
    path = rule_file(tmp_path, f"phrases = ['flood wall', '{phrase}']\n")
    with pytest.raises(quality.RuleError) as caught:
        load_rule_file(path)
    message = str(caught.value)
    assert f"{path} [rule FIL901]: phrase {phrase!r} holds no letter or digit" in message
    assert "'patterns'" in message and message.endswith("(line 3)")


def test_punctuation_is_matched_with_a_pattern_instead(tmp_path):
    path = rule_file(tmp_path, "case_sensitive = true\npatterns = ['—']\n")
    assert matched(path, "well-known — and well—known") == ["—", "—"]


@pytest.mark.parametrize(
    ("phrase", "quoted"),
    [
        ('\\"so-called\\"', "“so-called”"),
        ("“so-called”", '"so-called"'),
        ("‘so-called’", "‘so-called’"),
    ],
)
def test_a_quoted_phrase_needs_exempt_quotes_off(tmp_path, phrase, quoted):
    # Every match of it is a quotation, where the rule did not look: it never fired.
    path = rule_file(tmp_path, f'phrases = ["{phrase}"]\n')
    with pytest.raises(quality.RuleError, match="set exempt_quotes = false"):
        load_rule_file(path)
    rule_file(tmp_path, f'exempt_quotes = false\nphrases = ["{phrase}"]\n')
    pipeline = quality.Pipeline(rule_dirs=[tmp_path])
    text = ENGLISH + f"The {quoted} plan was dropped."
    assert [f.excerpt for f in pipeline.score(text).findings] == [quoted]


def test_a_phrase_with_an_apostrophe_at_one_end_is_not_a_quotation(tmp_path):
    path = rule_file(tmp_path, 'phrases = ["\'tis the season"]\n')
    assert matched(path, "‘Tis the season.") == ["‘Tis the season"]


def test_errors_name_the_line_where_the_rule_begins(tmp_path):
    path = tmp_path / "house.toml"
    path.write_text(
        HEAD.format(language="en")
        + "\n"
        + RULE.format()
        + "phrases = ['flood wall']\n\n"
        + '[[rules]]\ncode = "FIL902"\nname = "other"\nmessage = "m"\nseverity = "fatal"\n',
        encoding="utf-8",
    )
    with pytest.raises(quality.RuleError) as caught:
        load_rule_file(path)
    assert str(caught.value).startswith(f"{path} [rule FIL902]: unknown severity 'fatal'")
    assert str(caught.value).endswith("(line 10)")


def test_rules_written_as_an_inline_array_load_without_lines(tmp_path):
    path = tmp_path / "house.toml"
    path.write_text(
        HEAD.format(language="en") + "rules = [{code = 'FIL901', name = 'n', message = 'm'}]\n",
        encoding="utf-8",
    )
    assert load_rule_file(path)[0].line is None


def test_redefining_a_shipped_rule_says_where_it_is_and_what_to_do(tmp_path):
    path = rule_file(tmp_path, "phrases = ['flood wall']\n")
    path.write_text(path.read_text(encoding="utf-8").replace("FIL901", "FIL101"), "utf-8")
    with pytest.raises(quality.RuleError) as caught:
        RuleBook.load([default_rules_dir(), tmp_path])
    message = str(caught.value)
    assert message.startswith(f"{path} [rule FIL101]: duplicate rule code, also defined in ")
    assert "filler.toml, line " in message
    assert 'switch it off (ignore = ["FIL101"]) and give the new one a code of its own' in message
    assert message.endswith("(line 3)")


def test_a_name_used_twice_in_one_file_names_both_rules(tmp_path):
    path = rule_file(
        tmp_path,
        'phrases = [\'flood wall\']\n[[rules]]\ncode = "FIL902"\nname = "house"\nmessage = "m"\n',
    )
    with pytest.raises(quality.RuleError) as caught:
        load_rule_file(path)
    assert str(caught.value) == (
        f"{path} [rule FIL902]: duplicate rule name 'house', also the name of FIL901 "
        f"({path}, line 3) (line 8)"
    )


HOUSE_RULES = """\
scorer = "filler"
languages = ["en"]

[[rules]]
code = "FIL900"
name = "house-banned"
severity = "warning"
message = "House style bans this word"
rationale = "The desk does not use marketing words."
phrases = ["synergy"]
"""
HOUSE_TEXT = "The merger promised synergy, the chief executive said on Monday.\n"


def test_lint_reads_a_newsrooms_rule_folder_beside_the_shipped_rules(tmp_path, capsys) -> None:
    from quality.cli import main

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.toml").write_text(HOUSE_RULES)
    story = tmp_path / "story.txt"
    story.write_text(HOUSE_TEXT)
    main(["lint", "--rules", str(tmp_path / "rules"), "--select", "FIL9", str(story)])
    out = capsys.readouterr().out
    assert f"{story}:1:21: FIL900 [warning] House style bans this word" in out
    main(["lint", str(story)])  # without the folder, only the shipped rules
    assert "FIL900" not in capsys.readouterr().out


def test_quality_rules_lists_and_checks_a_rule_folder(tmp_path, capsys) -> None:
    from quality.cli import main

    (tmp_path / "house.toml").write_text(HOUSE_RULES)
    assert main(["rules", "--rules", str(tmp_path)]) == 0
    assert "FIL900" in capsys.readouterr().out
    (tmp_path / "house.toml").write_text(HOUSE_RULES.replace('"warning"', '"loud"'))
    assert main(["rules", "--rules", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "house.toml [rule FIL900]: unknown severity 'loud'" in err and "(line 4)" in err
    assert main(["lint", "--rules", str(tmp_path / "missing"), str(tmp_path)]) == 2
    assert "missing: rules directory not found" in capsys.readouterr().err


def test_a_rule_file_cannot_take_a_code_of_the_linters_own(tmp_path, capsys) -> None:
    from quality.cli import main

    (tmp_path / "house.toml").write_text(HOUSE_RULES.replace("FIL900", "SUP001"))
    assert main(["lint", "--rules", str(tmp_path), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "[rule SUP001]: code SUP001 belongs to the linter's own rule unused-suppression" in err
