"""Filler: clichés, inflated significance, empty conclusions, signposting, template headings.

Single stock phrases are normal in careful writing, so the sub-score falls with the
density of filler (weighted hits per 100 words), not with any one hit.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, ClassVar

from quality.analysis import Document
from quality.ruleset import ScorerRules
from quality.scorers.base import Scorer, ScorerResult, plural

DENSITY_RULE = "filler-density"
HOUSE_RULE = "house-filler"


class FillerScorer(Scorer):
    id = "filler"
    version = "1.0"
    description = "Padding and machine-style stock phrases, judged by density per 100 words."
    option_types: ClassVar[dict[str, tuple[type, Any]]] = {"extra_phrases": (list, [])}

    def __init__(self, rules: ScorerRules, options: dict[str, Any] | None = None):
        super().__init__(rules, options)
        extra = tuple(str(p) for p in self.options["extra_phrases"])
        if extra:
            rules.rules = [
                replace(rule, phrases=rule.phrases + extra) if rule.name == HOUSE_RULE else rule
                for rule in rules.rules
            ]

    def score(self, doc: Document) -> ScorerResult:
        matches = self.matches(doc)
        findings = self.match_findings(doc, matches)
        weighted_hits = sum(m.rule.penalty for m in matches)
        words = max(doc.word_count, 1)
        density = 100.0 * weighted_hits / max(words, 100)
        rules = self.language_rules(doc)
        # The density is what the phrases cost, so it counts them even when its own finding
        # is switched off; the phrases' findings then say what the points were lost for.
        density_settings = rules.settings(DENSITY_RULE)
        density_rule = rules.get(DENSITY_RULE)
        sub_score = 1.0
        if density_settings is not None:
            allowance = float(density_settings.option("allowance", 0.3))
            scale = float(density_settings.option("scale", 1.2))
            threshold = float(density_settings.option("threshold", 1.0))
            sub_score = math.exp(-max(0.0, density - allowance) / scale)
            if density_rule is not None and density > threshold and matches:
                findings.append(
                    self.finding(
                        doc,
                        density_rule,
                        matches[0].start,
                        matches[0].end,
                        # Four decimals: the message adds as many as it takes for a
                        # density just past the threshold not to read as the threshold.
                        value=round(density, 4),
                        threshold=threshold,
                        detail=(
                            f"{plural(len(matches), 'filler phrase')}"
                            # Some kinds weigh more than one (an empty conclusion, a
                            # template heading): the density counts their weight.
                            + (
                                f" weighing {weighted_hits:g}"
                                if weighted_hits != len(matches)
                                else ""
                            )
                            + f" in {plural(doc.word_count, 'word')}"
                            + (" (counted as 100)" if words < 100 else "")
                        ),
                    )
                )
        return ScorerResult(
            sub_score, findings, {"hits": float(len(matches)), "density_per_100_words": density}
        )
