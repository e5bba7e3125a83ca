from __future__ import annotations

import io
import itertools
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import quality
from quality.cli import main
from quality.commands.sources import analyse, render_table
from quality.sources import find_boilerplate, find_near_duplicates, source_key, summarise_sources
from quality.sources.duplicates import shingles
from tests.conftest import SEEDS

FOOTER = (
    "About the author: Jane Roe has covered city hall for the Gazette since 2009.\n"
    "Follow the Gazette on social media for updates."
)

STORIES = [
    "The council voted 6-3 on Tuesday to raise parking fees by 50 cents an hour.",
    "A fire at the old mill on River Road was put out by 40 firefighters on Sunday night.",
    "The school board named Dana Ruiz as superintendent, its chair said on Monday.",
    "Water bills will rise 4% in July after the utility's request was approved.",
    "The zoo's two red pandas, Mei and Bao, went on show for the first time on Friday.",
    "Road works on Main Street will close two lanes from 8 May, the city said.",
]


def gazette_batch() -> list[dict[str, Any]]:
    articles = [
        {"id": f"g{i}", "publisher": "Gazette", "text": f"{story}\n\n{STORIES[i - 1]}\n\n{FOOTER}"}
        for i, story in enumerate(STORIES)
    ]
    # Another source whose articles share nothing: nothing of theirs is boilerplate.
    articles += [
        {"id": f"h{i}", "url": f"https://www.herald.example/{i}", "text": story}
        for i, story in enumerate(STORIES[:4])
    ]
    return articles


def test_source_key() -> None:
    assert source_key("  The  Gazette ", "https://x.example") == "The Gazette"
    assert source_key(None, "https://www.herald.example/a/b") == "herald.example"
    assert source_key("", "not a url") == "(unknown)"
    assert source_key() == "(unknown)"


def test_boilerplate_footer_found_on_every_article_of_its_source() -> None:
    batch = gazette_batch()
    spans = find_boilerplate(batch)
    for article, found in zip(batch[:6], spans[:6], strict=True):
        (span,) = found
        assert article["text"][span.start : span.end] == FOOTER
        assert span.text == FOOTER and span.articles == 6
    assert all(found == [] for found in spans[6:])


def test_boilerplate_needs_enough_articles_and_share() -> None:
    batch = gazette_batch()
    # The footer in only 2 of 6 articles: under both the 50% share and the 3-article floor.
    for article in batch[2:6]:
        article["text"] = article["text"].replace(FOOTER, "")
    assert all(found == [] for found in find_boilerplate(batch))
    assert find_boilerplate(batch[:2], min_articles=2, min_share=0.5)[0]


def test_boilerplate_ignores_case_digits_and_spacing() -> None:
    stamps = [f"Posted {i} hours ago  by STAFF" for i in range(3)]
    stamps.append("posted 12 hours ago by staff")
    batch = [{"publisher": "P", "text": f"{STORIES[i]}\n{stamps[i]}"} for i in range(4)]
    spans = find_boilerplate(batch)
    assert [s[0].text for s in spans] == stamps


def test_boilerplate_from_articles() -> None:
    articles = [quality.load_article(a["text"], publisher="Gazette") for a in gazette_batch()[:3]]
    assert all(len(found) == 1 for found in find_boilerplate(articles))


def scored(pipeline: quality.Pipeline, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r.to_dict(include_text=True) for r in pipeline.score_many(batch)]


def test_summarise_sources(pipeline: quality.Pipeline) -> None:
    records = scored(pipeline, gazette_batch())
    records.append({"id": "bad", "line": 9, "error": {"type": "InvalidJSON", "message": "x"}})
    stats = {s.source: s for s in summarise_sources(records)}
    assert set(stats) == {"Gazette", "herald.example"}
    gazette = stats["Gazette"]
    assert gazette.articles == 6
    expected = [r["score"] for r in records[:6]]
    assert gazette.mean_score == pytest.approx(sum(expected) / 6)
    assert gazette.stdev_score >= 0
    assert 0 <= gazette.low_grade_share <= 1
    # The footer's "Follow ... on social media" is flagged in every Gazette article.
    assert gazette.top_rules and gazette.top_rules[0][1] == 6
    assert stats["herald.example"].articles == 4


def test_seeds_are_rewrites_not_near_duplicates() -> None:
    # The five seeds tell one story in five different ways: they share almost no word
    # triples, so shingle similarity rightly does not call them copies.
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for a, b in itertools.combinations([shingles(t) for t in texts], 2):
        assert len(a & b) / len(a | b) < 0.05
    assert find_near_duplicates(texts) == []


def lightly_edited(text: str, n: int) -> str:
    """A republished copy: new headline, one sentence reworded, a footer of its own."""
    sentences = text.split(". ")
    sentences[n % len(sentences)] = "In a statement, officials declined to comment further"
    return f"Headline version {n}\n" + ". ".join(sentences) + f"\nCopyright Outlet {n}."


def test_near_duplicates_cluster_edited_copies_and_nothing_else() -> None:
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    original = seeds[1]
    texts = [
        seeds[0],
        lightly_edited(original, 1),
        seeds[2],
        original,
        lightly_edited(original, 4),
        seeds[3],
        lightly_edited(original, 7),
        seeds[4],
    ]
    (cluster,) = find_near_duplicates(texts)
    assert cluster.members == (1, 3, 4, 6)
    assert cluster.to_dict(ids=list("abcdefgh")) == {
        "members": [1, 3, 4, 6],
        "ids": ["b", "d", "e", "g"],
    }


def test_analyse_reports_boilerplate_and_duplicates(pipeline: quality.Pipeline) -> None:
    batch = gazette_batch()
    batch.append(
        {
            "id": "copy",
            "publisher": "Copycat",
            "text": "Breaking: " + batch[7]["text"] + " It was the second rise this year.",
        }
    )
    batch[7]["text"] += " It was the second rise this year."
    report = analyse(scored(pipeline, batch), similarity=0.5)
    data = report.to_dict()
    assert data["articles"] == 11 and data["text_available"]
    gazette = next(s for s in data["sources"] if s["source"] == "Gazette")
    assert gazette["boilerplate"] == [{"text": FOOTER, "articles": 6}]
    assert [a["id"] for a in data["boilerplate"]] == [f"g{i}" for i in range(6)]
    # The Gazette footer is left out before comparing, so the Gazette's articles do not all
    # look alike; the copied Herald story does.
    assert [[a["id"] for a in c["articles"]] for c in data["near_duplicates"]] == [["h1", "copy"]]


def test_boilerplate_passages_differing_only_in_digits_are_listed_once(
    pipeline: quality.Pipeline,
) -> None:
    batch = [
        {"id": f"g{i}", "publisher": "Gazette", "text": f"{story}\n{i + 3} Comments\n{FOOTER}"}
        for i, story in enumerate(STORIES)
    ]
    report = analyse(scored(pipeline, batch))
    passages = report.to_dict()["sources"][0]["boilerplate"]
    assert len(passages) == 1 and passages[0]["articles"] == 6
    assert passages[0]["text"].startswith("3 Comments\n")


def test_sources_command_names_each_record_it_could_not_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles.jsonl"
    lines = [json.dumps(a) for a in gazette_batch()[:3]]
    lines[1:1] = ["{broken", json.dumps({"id": "no-body", "title": "T"})]
    articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["sources", str(articles), "--format", "json", "-j", "1"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["errors"] == 2
    assert f"skipped {articles}:2: InvalidJSON: line is not valid JSON" in captured.err
    assert f"skipped {articles}:3 (id 'no-body'): MissingText:" in captured.err


def test_a_scored_line_without_a_usable_score_is_reported_not_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scored = tmp_path / "scored.jsonl"
    good = {"id": "a", "score": 80.0, "grade": "B", "findings": [], "article": {}}
    rows = [good, {**good, "id": "b", "score": "high"}, {**good, "id": "c", "score": 140}]
    scored.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["sources", str(scored), "--format", "json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert (report["articles"], report["errors"]) == (1, 2)
    assert [s["articles"] for s in report["sources"]] == [1]
    assert f"skipped {scored}:2 (id 'b'): InvalidRecord: 'score' must be a number" in captured.err
    assert f"skipped {scored}:3 (id 'c'): InvalidRecord:" in captured.err


def test_sources_command_on_articles_and_on_scored_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in gazette_batch()), encoding="utf-8")
    assert main(["sources", str(articles), "--format", "json", "-j", "1"]) == 0
    direct = json.loads(capsys.readouterr().out)
    assert direct["sources"][0]["source"] == "Gazette"
    assert direct["sources"][0]["boilerplate"][0]["articles"] == 6

    scored_file = tmp_path / "scored.jsonl"
    assert main(["score", str(articles), "-o", str(scored_file), "--include-text", "-j", "1"]) == 0
    capsys.readouterr()
    assert main(["sources", str(scored_file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == direct

    plain = tmp_path / "plain.jsonl"
    assert main(["score", str(articles), "-o", str(plain), "-j", "1"]) == 0
    capsys.readouterr()
    assert main(["sources", str(plain), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("source,articles,mean_score,stdev_score,low_grade_share")
    assert lines[1].startswith("Gazette,6,")
    # No text to look for boilerplate in: the count is unknown, not zero, and stderr says why.
    assert lines[1].endswith(",") and "boilerplate and near-duplicates skipped" in captured.err

    assert main(["sources", str(plain)]) == 0
    table = capsys.readouterr().out
    assert "Gazette" in table and "herald.example" in table
    assert "boilerplate and near-duplicates skipped" in table


def test_source_key_of_a_url_without_a_scheme() -> None:
    assert source_key(None, "example.com/path") == "example.com"
    assert source_key(None, "www.example.com/a") == "example.com"
    assert source_key(None, "News.Example.COM:8080/a?b=1") == "news.example.com"
    assert source_key(None, "example.com") == "example.com"
    for junk in ("not a url", "mailto:desk@example.com", "file", "a.b c/d"):
        assert source_key(None, junk) == "(unknown)"


def test_source_key_of_an_ip_address_without_a_scheme() -> None:
    assert source_key(None, "192.0.2.10/news/a") == "192.0.2.10"
    assert source_key(None, "192.0.2.10:8080/a") == "192.0.2.10"
    assert source_key(None, "[2001:db8::1]/story") == "2001:db8::1"
    # Version numbers and dates are not addresses.
    for junk in ("999.1.1.1/a", "1.2.3.4.5/x", "1.2.3/x", "2016.11.24/story"):
        assert source_key(None, junk) == "(unknown)"


def scored_record(id: str, publisher: str, text: str, rule: str = "R1") -> dict[str, Any]:
    return {
        "id": id,
        "score": 80.0,
        "grade": "B",
        "findings": [{"rule": rule}],
        "article": {"publisher": publisher},
        "text": text,
    }


@pytest.mark.parametrize("color", [False, True])
def test_table_shows_markup_in_input_as_text(color: bool) -> None:
    records = [
        scored_record(f"a{i}", "[bold]Loud[/bold]", f"{story}\n[red]Share[/red] this", "[i]R1")
        for i, story in enumerate(STORIES[:3])
    ]
    records += [scored_record(f"b{i}", "Foo [/] Bar :fire:", STORIES[i]) for i in (3, 4)]
    table = render_table(analyse(records), color=color)
    # Colour only styles the text; what is shown must be the input, unchanged.
    shown = re.sub(r"\x1b\[[0-9;]*m", "", table)
    for text in ("[bold]Loud[/bold]", "Foo [/] Bar :fire:", "[i]R1 (3)", "[red]Share[/red] this"):
        assert text in shown
    assert "Boilerplate of [bold]Loud[/bold]" in shown


def test_sources_command_table_with_markup_in_a_publisher(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "p.jsonl"
    rows = [{"id": i, "publisher": "Foo [/] Bar", "text": "The council voted."} for i in (1, 2)]
    articles.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["sources", str(articles), "-j", "1"]) == 0
    assert "Foo [/] Bar" in capsys.readouterr().out


@pytest.mark.parametrize("threshold", [0.981, 0.985, 0.99, 0.999, 1.0])
def test_near_duplicates_at_high_thresholds(threshold: float) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts = [seeds[0], seeds[1], seeds[0], lightly_edited(seeds[0], 2), seeds[0].upper()]
    # Copies with the same words are one text to shingles; an edited copy is not at 1.
    (cluster,) = find_near_duplicates(texts, threshold=threshold)
    assert cluster.members == (0, 2, 4)


def test_sources_command_accepts_a_similarity_of_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "a.jsonl"
    rows = [{"id": i, "publisher": "P", "text": STORIES[0]} for i in (1, 2)]
    articles.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["sources", str(articles), "--format", "json", "--similarity", "1", "-j", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [[a["id"] for a in c["articles"]] for c in report["near_duplicates"]] == [["1", "2"]]


def test_three_copies_of_one_story_are_near_duplicates_not_boilerplate(
    pipeline: quality.Pipeline,
) -> None:
    story = f"{STORIES[3]}\n\n{STORIES[4]}\n\n{STORIES[5]}"
    batch = [{"id": f"d{i}", "publisher": "P", "text": STORIES[i]} for i in range(3)]
    batch += [{"id": f"c{i}", "publisher": "P", "text": story} for i in range(3)]
    data = analyse(scored(pipeline, batch)).to_dict()
    assert data["boilerplate"] == []
    assert [[a["id"] for a in c["articles"]] for c in data["near_duplicates"]] == [
        ["c0", "c1", "c2"]
    ]


def test_copies_count_once_for_boilerplate_but_all_carry_it() -> None:
    # 3 distinct stories and 3 copies of a fourth, all with the footer: the footer is in 4 of
    # 4 distinct texts, so it is boilerplate, carried by all 6 articles; the story is not.
    batch = [{"publisher": "P", "text": f"{STORIES[i]}\n{FOOTER}"} for i in range(3)]
    batch += [{"publisher": "P", "text": f"{STORIES[3]}\n{FOOTER}"} for _ in range(3)]
    for article, found in zip(batch, find_boilerplate(batch), strict=True):
        (span,) = found
        assert span.text == FOOTER and span.articles == 6
        assert article["text"][span.start :] == FOOTER


def write_articles(path: Path) -> bytes:
    path.write_text("".join(json.dumps(a) + "\n" for a in gazette_batch()), encoding="utf-8")
    return path.read_bytes()


def test_sources_refuses_to_write_over_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "v.jsonl"
    before = write_articles(source)
    (tmp_path / "sub").mkdir()
    os.link(source, tmp_path / "link.jsonl")
    for output in (source, tmp_path / "sub" / ".." / "v.jsonl", tmp_path / "link.jsonl"):
        assert main(["sources", str(source), "-o", str(output), "-j", "1"]) == 2
        assert f"{source}: is both an input and the output" in capsys.readouterr().err
        assert source.read_bytes() == before


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_table_has_colour_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    articles = tmp_path / "a.jsonl"
    write_articles(articles)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    out = tmp_path / "report.txt"
    assert main(["sources", str(articles), "-o", str(out), "-j", "1"]) == 0
    assert "Gazette" in out.read_text(encoding="utf-8")
    assert "\x1b[" not in out.read_text(encoding="utf-8")
    assert main(["sources", str(articles), "-j", "1"]) == 0
    assert "\x1b[" in terminal.getvalue()
