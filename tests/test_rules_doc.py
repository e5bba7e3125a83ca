"""``quality rules`` / ``quality rule CODE``, and docs/rules.md kept in step with rules/."""

from __future__ import annotations

import json

from quality.cli import main
from quality.commands.rules import REGENERATE, all_rules, markdown_reference, rule_file, settings
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date():
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    assert current == markdown_reference(), (
        f"docs/rules.md is stale: the rule files changed. Regenerate it with `{REGENERATE}` "
        "(run from the repository root) and commit the result."
    )


def test_every_rule_has_a_section_in_the_reference():
    reference = markdown_reference()
    for rule in all_rules():
        assert f"\n## {rule.code}\n" in reference
        assert rule.rationale.split(". ")[0] in reference


def test_rules_lists_every_rule_including_lint_rules(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == sorted(rule.code for rule in all_rules())
    assert "SUP001" in listed and "SUP002" in listed
    first = out.splitlines()[0].split()
    assert first[1] and first[2] in {"info", "warning", "error"}


def test_rules_json(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    by_code = {rule["code"]: rule for rule in rules}
    assert by_code["BOT101"]["severity"] == "error"
    assert by_code["SUP001"]["scorer"] == "lint"
    assert {"code", "name", "scorer", "severity", "summary", "examples"} <= set(by_code["FIL101"])


def test_rule_explains_one_rule(capsys):
    assert main(["rule", "fil101"]) == 0
    out = capsys.readouterr().out
    (rule,) = [r for r in all_rules() if r.code == "FIL101"]
    assert out.startswith("FIL101 (cliche)")
    assert rule.rationale in out
    assert "severity: info" in out and "scorer: filler" in out
    for example in rule.examples_fire + rule.examples_pass:
        assert example in out
    assert "Fires on" in out and "Passes" in out
    assert "<!-- quality: ignore FIL101 -- reason -->" in out
    assert "# quality: ignore FIL101" in out


def test_rule_for_the_lint_rule_sup001(capsys):
    assert main(["rule", "SUP001"]) == 0
    assert "unused-suppression" in capsys.readouterr().out


def test_unknown_rule_code_exits_2_with_suggestions(capsys):
    assert main(["rule", "FIL10"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule code 'FIL10'" in err and "FIL101" in err
    assert main(["rule"]) == 2


def test_write_docs_writes_the_reference(tmp_path, capsys):
    from quality.commands.rules import main as rules_main

    target = tmp_path / "rules.md"
    assert rules_main(["--write-docs", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == markdown_reference()


def test_write_docs_with_a_rule_code_is_refused_not_ignored(tmp_path, capsys):
    target = tmp_path / "rules.md"
    assert main(["rule", "FIL101", "--write-docs", str(target)]) == 2
    assert "--write-docs writes the reference of every rule" in capsys.readouterr().err
    assert not target.exists()


def test_the_reference_points_to_how_rules_are_written():
    # The rule-file format and its checks are described in scoring.md, under this heading.
    assert "(scoring.md#writing-rules)" in markdown_reference()
    scoring = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert "\n## Writing rules\n" in scoring


def test_rule_shows_the_settings_that_decide_when_it_fires_and_what_it_costs(capsys):
    assert main(["rule", "WRD001"]) == 0
    out = capsys.readouterr().out
    (rule,) = [r for r in all_rules() if r.code == "WRD001"]
    expected = ", ".join(
        f"{name} = {rule.options[name]:g}" for name in ("target", "full", "threshold", "min_words")
    )
    assert f"Settings\n  {expected} (their meaning is given in rules/en/wordiness.toml)" in out
    # Phrase lists are not settings.
    assert "function_words" not in out
    assert main(["rule", "FIL101"]) == 0
    assert "Settings" not in capsys.readouterr().out


def test_rules_json_gives_each_rule_its_numeric_settings(capsys):
    assert main(["rules", "--format", "json"]) == 0
    by_code = {rule["code"]: rule for rule in json.loads(capsys.readouterr().out)}
    assert by_code["SPC002"]["settings"] == {
        "target": 0.8,
        "weight": 2.0,
        "threshold": 0.0,
        "min_words": 80,
    }
    assert by_code["FIL101"]["settings"] == {}


def test_every_numeric_setting_is_explained_in_its_rule_file():
    # `quality rule` sends the reader to the rule file for what the numbers mean.
    for rule in all_rules():
        if not settings(rule):
            continue
        comments = "\n".join(
            line
            for line in (ROOT / rule_file(rule)).read_text(encoding="utf-8").splitlines()
            if line.lstrip().startswith("#")
        )
        for name in settings(rule):
            assert f"`{name}`" in comments, f"{rule.code}: `{name}` is not explained"
