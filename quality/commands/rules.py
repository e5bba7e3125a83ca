"""``quality rules`` lists every rule; ``quality rule CODE`` explains one.

docs/rules.md is generated from the rule files by ``markdown_reference()``; regenerate it
after changing anything in ``rules/`` with::

    python -m quality.commands.rules --write-docs
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quality.ruleset import Rule

DOCS_PATH = Path("docs") / "rules.md"
REGENERATE = "python -m quality.commands.rules --write-docs"


RULES_EPILOG = """\
examples:
  quality rules                       every rule, one a line
  quality rules --format json         every rule with its examples and settings, for programs
  quality rules --rules house/        the shipped rules and a newsroom's own, checked

exit status: 0 listed; 2 the command could not run (bad option, invalid rule file).
"""

RULE_EPILOG = """\
examples:
  quality rule FIL101
  quality rule att103 --format markdown

exit status: 0 explained; 2 no such rule, or the command could not run.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # `quality rule` and `quality rules` share these options; `rule` is for one rule, so its
    # help says the code is needed and leaves out writing the whole reference.
    explaining = parser.prog.rsplit(" ", 1)[-1] == "rule"
    parser.epilog = RULE_EPILOG if explaining else RULES_EPILOG
    parser.add_argument(
        "code",
        nargs="?",
        metavar="CODE",
        help="the rule code to explain, e.g. FIL101"
        if explaining
        else "a rule code, e.g. FIL101: explain that rule instead of listing them all",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text; markdown: as in docs/rules.md)",
    )
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="also read rules from PATH, a folder of rule files (*.toml) or one file: lists "
        "them with the shipped ones, and checks them (repeatable); the working folder's "
        "configuration's `rules` are read too",
    )
    parser.add_argument(
        "--write-docs",
        nargs="?",
        const=str(DOCS_PATH),
        metavar="PATH",
        help=argparse.SUPPRESS
        if explaining
        else f"write the Markdown reference of every rule to PATH (default: {DOCS_PATH})",
    )


def all_rules(extra: Sequence[str | Path] = ()) -> list[Rule]:
    """Every rule by code: the scorers' rule files (the shipped ones and any ``extra``
    folders or files), then the linter's own rules."""
    from quality.lint.lint_rules import LINT_RULES
    from quality.ruleset import shipped_and

    book = shipped_and(extra)
    book.check_code_prefixes()
    return sorted([*book, *LINT_RULES], key=lambda rule: rule.code)


def configured_rule_places(cwd: Path | None = None) -> tuple[Path, ...]:
    """The house rules named by the ``rules`` key of the configuration that governs the
    working folder, which ``quality lint`` there reads as well. A configuration that cannot
    be read is named in a warning, and the shipped rules are still explained: what a rule
    means does not hang on an unrelated mistake (a ``fail-under`` of "high")."""
    from quality.errors import ConfigError
    from quality.lint.config import ConfigFinder

    folder = cwd or Path.cwd()
    try:
        return ConfigFinder(folder).for_file(folder / "-").rules
    except ConfigError as exc:
        print(
            f"quality rules: warning: {exc}; its house rules, if any, are not listed",
            file=sys.stderr,
        )
        return ()


def summary(rule: Rule) -> str:
    """The rule's one-line description: the first sentence of its rationale."""
    text = " ".join((rule.rationale or rule.name).split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def rule_file(rule: Rule) -> str:
    """Where the rule is defined, relative to the project (the same on every machine)."""
    parts = Path(rule.path).parts
    for anchor in ("rules", "quality"):
        if anchor in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(anchor) :])
    return Path(rule.path).name


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "scorer": rule.scorer,
        "severity": rule.severity.value,
        "summary": summary(rule),
        "rationale": rule.rationale,
        "message": rule.message,
        "suggestion": rule.suggestion,
        "languages": list(rule.languages),
        "examples": {"fires": list(rule.examples_fire), "passes": list(rule.examples_pass)},
        "file": rule_file(rule),
        "settings": settings(rule),
    }


def settings(rule: Rule) -> dict[str, int | float | bool]:
    """The rule's numeric settings (thresholds, targets, weights), as its file gives them:
    what decides when it fires and what it costs. Phrase lists and patterns are left out."""
    return {
        name: value for name, value in rule.options.items() if isinstance(value, int | float | bool)
    }


def settings_line(rule: Rule) -> str | None:
    found = settings(rule)
    if not found:
        return None
    shown = ", ".join(f"{name} = {_number(value)}" for name, value in found.items())
    return f"{shown} (their meaning is given in {rule_file(rule)})"


def _number(value: int | float | bool) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return f"{value:g}"


def suppression_help(code: str) -> list[str]:
    return [
        f"<!-- quality: ignore {code} -- reason -->    on its own line: the next non-blank line",
        f"<!-- quality: disable {code} -->  ...  <!-- quality: enable {code} -->    a block",
        f"<!-- quality: file-ignore {code} -->    the whole file",
        f"{{/* quality: ignore {code} -- reason */}}    the same directives in MDX",
        f"# quality: ignore {code} -- reason    the same directives as # lines, in .txt files",
        f'ignore = ["{code}"] in [tool.quality], or --ignore {code}    everywhere '
        "(also drops it from the score)",
    ]


def explain(rule: Rule) -> str:
    lines = [
        f"{rule.code} ({rule.name})",
        "",
        f"  scorer: {rule.scorer}    severity: {rule.severity.value}    "
        f"languages: {', '.join(rule.languages)}    defined in: {rule_file(rule)}",
        "",
        "What it catches",
        f"  {rule.rationale or rule.name}",
        "",
        "Message",
        f"  {rule.message}",
    ]
    if rule.suggestion:
        lines += ["", "How to fix it", f"  {rule.suggestion}"]
    configured = settings_line(rule)
    if configured:
        lines += ["", "Settings", f"  {configured}"]
    for title, examples in (("Fires on", rule.examples_fire), ("Passes", rule.examples_pass)):
        if examples:
            lines += ["", title]
            for example in examples:
                body = example.splitlines() or [""]
                lines += [f"  | {line}" for line in body]
                lines.append("")
            lines.pop()
    lines += ["", "How to suppress it"] + [f"  {line}" for line in suppression_help(rule.code)]
    return "\n".join(lines) + "\n"


def listing(rules: list[Rule]) -> str:
    width = max(len(rule.name) for rule in rules)
    scorer_width = max(len(rule.scorer) for rule in rules)
    return "".join(
        f"{rule.code}  {rule.scorer:<{scorer_width}}  {rule.severity.value:<7}  "
        f"{rule.name:<{width}}  {summary(rule)}\n"
        for rule in rules
    )


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_reference(rules: list[Rule] | None = None) -> str:
    """The rule reference in docs/rules.md, generated from the rule files."""
    rules = all_rules() if rules is None else rules
    out = [
        "# Rules",
        "",
        f"<!-- Generated from rules/*.toml and quality/lint/lint_rules.py by `{REGENERATE}`. "
        "Do not edit by hand. -->",
        "",
        f"{len(rules)} rules. Select and ignore them by code or prefix (`--select FIL`, "
        '`ignore = ["ATT103"]`); see [lint.md](lint.md) for configuration and suppression '
        "comments. `quality rule CODE` prints the same explanation in the terminal. "
        "[scoring.md](scoring.md#writing-rules) says how to write rule files of your own.",
        "",
        "| Code | Name | Scorer | Severity | What it catches |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        out.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {rule.scorer} | "
            f"{rule.severity.value} | {_escape_cell(summary(rule))} |"
        )
    for rule in rules:
        out += ["", *markdown_section(rule)]
    return "\n".join(out) + "\n"


def markdown_section(rule: Rule) -> list[str]:
    """One rule's section of the reference, as lines."""
    out = [
        f"## {rule.code}",
        "",
        f"**{rule.name}** · scorer `{rule.scorer}` · severity `{rule.severity.value}` · "
        f"languages {', '.join(f'`{x}`' for x in rule.languages)} · "
        f"defined in `{rule_file(rule)}`",
        "",
        rule.rationale or rule.name,
        "",
        f"Message: `{rule.message}`",
    ]
    if rule.suggestion:
        out += ["", f"Fix: {rule.suggestion}"]
    configured = settings_line(rule)
    if configured:
        out += ["", f"Settings: {configured}"]
    for title, examples in (("Fires on", rule.examples_fire), ("Passes", rule.examples_pass)):
        if examples:
            out += ["", f"{title}:", ""]
            for example in examples:
                out += ["```text", example, "```"]
    out += [
        "",
        f"Suppress: `<!-- quality: ignore {rule.code} -- reason -->` on the line before "
        f"(`{{/* quality: ignore {rule.code} */}}` in MDX, `# quality: ignore {rule.code}` in "
        f".txt files), or `--ignore {rule.code}`.",
    ]
    return out


def write_docs(path: str | Path = DOCS_PATH) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown_reference(), encoding="utf-8")
    return target


def run(args: argparse.Namespace) -> int:
    import json

    if args.write_docs and args.code:
        # Writing the whole reference would pass over the code without a word.
        print(
            f"quality {args.command}: error: --write-docs writes the reference of every rule; "
            f"give it without a rule code (got '{args.code}')",
            file=sys.stderr,
        )
        return 2
    if args.write_docs:
        try:
            target = write_docs(args.write_docs)
        except OSError as exc:
            print(
                f"quality {args.command}: error: cannot write {args.write_docs}: "
                f"{exc.strerror or exc}",
                file=sys.stderr,
            )
            return 2
        print(f"wrote {target}", file=sys.stderr)
        return 0
    rules = all_rules([*args.rules, *configured_rule_places()])
    if args.code:
        by_code = {rule.code: rule for rule in rules}
        code = args.code.strip().upper()
        rule = by_code.get(code)
        if rule is None:
            import difflib

            close = difflib.get_close_matches(code, list(by_code), n=3)
            starting = [c for c in by_code if c.startswith(code)]
            hints = starting or close
            hint = f"; did you mean {', '.join(hints)}?" if hints else ""
            print(
                f"quality {args.command}: error: unknown rule code '{args.code}'{hint} "
                "(`quality rules` lists them all)",
                file=sys.stderr,
            )
            return 2
        if args.format == "json":
            print(json.dumps(rule_dict(rule), ensure_ascii=False, indent=2))
        elif args.format == "markdown":
            sys.stdout.write("\n".join(markdown_section(rule)) + "\n")
        else:
            sys.stdout.write(explain(rule))
        return 0
    if args.command == "rule":
        print(
            "quality rule: error: give a rule code, e.g. `quality rule FIL101` "
            "(`quality rules` lists them all)",
            file=sys.stderr,
        )
        return 2
    if args.format == "json":
        print(json.dumps([rule_dict(rule) for rule in rules], ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        sys.stdout.write(markdown_reference(rules))
    else:
        sys.stdout.write(listing(rules))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quality.commands.rules")
    add_arguments(parser)
    args = parser.parse_args(argv)
    args.command = "rules"
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
