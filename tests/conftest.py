from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import quality
from quality import registry
from quality.analysis import Document
from quality.article import Article
from quality.findings import Finding
from quality.registry import scorer_class
from quality.ruleset import RuleBook
from quality.scorers.base import Scorer, ScorerResult

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# A short council story written for the tests: named sources, quotes, figures.
WELL_SOURCED = (
    "Leeds City Council approved a £4.2m cut to library spending on Tuesday, by 31 votes to 12. "
    'Councillor Jane Ellis, who leads the council, said: "We had no choice but to cut spending '
    'this year." Bob Hart, leader of the opposition group, said the cuts went "far too deep" '
    'and would close three libraries in Armley, Headingley and Chapeltown. "Residents will pay '
    'for this," he told BBC Radio Leeds. The plan takes effect on 1 April. Ms Ellis said the '
    "council had consulted 2,400 residents and 150 businesses before the vote, and that 61% of "
    "those who replied backed the savings. According to the council's own figures, the three "
    "libraries lent 48,000 books in 2023. The opposition will table an amendment at the full "
    "council meeting on 14 March, Mr Hart said. Unison, which represents library staff, said it "
    "would ballot its 85 members at the three sites next week."
)


@cache
def shipped_rules() -> RuleBook:
    return RuleBook.load()


def shipped_scorer(scorer_id: str) -> Scorer:
    """A registered scorer with the shipped rules, outside any pipeline."""
    return scorer_class(scorer_id)(shipped_rules().for_scorer(scorer_id))


def score_alone(scorer: Scorer, text: str, **fields: Any) -> ScorerResult:
    """One scorer's result on a plain English text (and any article fields), outside any
    pipeline."""
    return scorer.score(Document(Article(text=text, **fields), "en"))


def by_rule(result: ScorerResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == code]


def rule_codes(result: ScorerResult) -> set[str]:
    return {f.rule for f in result.findings}


@pytest.fixture(scope="session")
def pipeline() -> quality.Pipeline:
    return quality.Pipeline()


@pytest.fixture(scope="session")
def residue() -> quality.Pipeline:
    return quality.Pipeline(["residue"])


def comments_start(pipeline: quality.Pipeline, text: str) -> int | None:
    """Where ``pipeline`` reports reader comments (RES106) to begin in ``text``, if it does."""
    starts = [f.start for f in pipeline.score(text, language="en").findings if f.rule == "RES106"]
    return starts[0] if starts else None


def write(tmp_path: Path, name: str, text: str) -> Path:
    """``text`` written as UTF-8 to the file ``name`` in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_text(prefix: str) -> str:
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session (two cores) for every test that needs one: starting the JVM
    and its Python workers takes most of a Spark test's time."""
    sql = pytest.importorskip("pyspark.sql", reason="the spark extra (pyspark) is not installed")
    # The workers must run this interpreter, which has quality installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName("quality-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory on sys.path for fake distributions, forgotten after the test."""
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.available.cache_clear()
    before = set(sys.modules)
    yield tmp_path
    registry.available.cache_clear()
    for name in set(sys.modules) - before:
        if name.startswith("fake_"):
            del sys.modules[name]


@pytest.fixture
def registered() -> Iterator[Callable[[type[Scorer]], type[Scorer]]]:
    """``registry.register``, undone after the test (whatever the test registered)."""
    before = dict(registry._registered)
    yield registry.register
    registry._registered.clear()
    registry._registered.update(before)
    registry.available.cache_clear()


def assert_linear(run: Callable[[str], object], make: Callable[[int], str], small: int, large: int):
    """``run`` on ``make(large)`` costs about ``large / small`` times what it costs on
    ``make(small)``, not the square of that. Each size is timed at its best of three runs, on
    a new copy of the text each round (scans are cached per text)."""

    def cost(size: int) -> float:
        text = make(size)
        best = float("inf")
        for round in range(3):
            started = time.perf_counter()
            run(text + "\n" * (round + 1))
            best = min(best, time.perf_counter() - started)
            if best > 5:  # failing already; do not wait for more rounds
                break
        return best

    small_cost, large_cost = cost(small), cost(large)
    assert large_cost < 5
    # Twice the linear ratio; the floor keeps a busy machine's millisecond jitter from failing
    # a linear run. The quadratic runs this guards against took seconds to tens of seconds.
    assert large_cost < 2 * (large / small) * max(small_cost, 0.05), (small_cost, large_cost)
