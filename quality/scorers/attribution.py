"""Attribution: claims with no named source, unexplained anonymity, and coverage.

A claim sentence is one that reports what somebody says, thinks or found. It is
attributed when it names who: "X said", "according to Reuters", a quotation with a named
speaker, or a pronoun standing for a speaker named earlier ("she said").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Mapping
from itertools import islice
from typing import Any, ClassVar

from quality.analysis import Document, Span
from quality.findings import Finding, in_text_order
from quality.matching import Automaton, Match, phrase_automaton, phrase_matches
from quality.ruleset import LanguageRules, Rule, ScorerRules
from quality.scorers.base import Scorer, ScorerResult

# Words that report what somebody says, thinks or found (plain words, no regex syntax).
_CUES = (
    "said|says|say|told|tells|according to|stated|states|added|adds|noted|notes|explained|"
    "argued|argues|argue|claimed|claims|claim|believe|believes|believed|warned|warns|warn|"
    "insisted|insists|confirmed|confirms|announced|announces|reported|reports|suggested|"
    "suggests|suggest|wrote|writes|acknowledged|admitted|denied|denies|estimated|estimates|"
    "predicted|predicts|questioned|questions|fear|fears|feared|hope|hopes|hoped|contend|"
    "contends|maintained|maintains|asserted|asserts|revealed|indicated|indicates|emphasized|"
    "emphasised|stressed|expressed|signaled|signalled|cautioned|observed|pointed out|reiterated"
)
_CUE_WORDS = tuple(_CUES.split("|"))
# Specific roles ("the prime minister said") identify a source even without a name.
_ROLES = (
    r"minister|ministry|president|spokesman|spokeswoman|spokesperson|police|department|"
    r"agency|government|court|judge|prosecutors?|mayor|governor|ambassador|secretary|chief|"
    r"director|commission|council|company|report|statement|study|survey|military|army|"
    r"campaign|office|senator|congressman|congresswoman|lawyer|attorney|coach|chairman|"
    r"chairwoman|ceo|founder|author|researchers at|board|committee|union|party|embassy|"
    # documents a reporter has read speak for whoever made them: "the affidavit says"
    r"affidavit|filing|indictment|lawsuit|complaint|records|documents|letter|policy|figures"
)
_NAME = r"[A-Z][\w'\u2019.&-]*(?:\s+(?:of|the|de|al|bin|van|von|for|and|&|[A-Z][\w'\u2019.&-]*))*"
# Every way of naming a source contains a reporting cue. The cue positions come from one
# automaton pass, so each construction is tried only around a cue: those that begin with
# the cue are matched at it, those that end with it must end exactly there.
_NAMED_AFTER_CUE = re.compile(
    rf"(?i:according to)\s+(?:the\s+)?(?:[a-z]+\s+)?{_NAME}"
    # "according to the council's figures": a specific body is a source, as in "the
    # council said"
    r"|(?i:according to)\s+(?:the|its|his|her|their)\s+(?:[a-z-]+\s+){0,2}(?:" + _ROLES + r")\b"
    rf"|(?:{_CUES})\s+(?:the\s+|a\s+|an\s+)?(?:[a-z-]+\s+){{0,3}}{_NAME}"
)
# What stands before a cue to name its source, ending where the cue begins. The cue itself
# is known from the automaton pass, so the pattern stops short of it: trying every cue word
# at each way of reading the name is what made this search slow.
_NAMED_BEFORE_CUE = re.compile(
    # a name, with its abbreviation ("the Office for National Statistics (ONS) said")
    rf"(?:(?:{_NAME}(?:\s+\([A-Z][\w&.-]*\))?(?:,[^,]{{1,80}},|,\s+who)?"
    # the name as the appositive, after the role: "Its chief executive, Tom Reed, said"; the
    # comma before it keeps out a date or place that ends a clause ("in June, said a source")
    rf"|,\s+{_NAME},"
    r"|\b(?i:he|she|they|it|we|I)"
    # "the RMT union said", "the inspectors' report said"
    r"|\b(?i:the|a|an|its|his|her|their)\s+(?:[\w'\u2019-]+\s+){0,2}(?:" + _ROLES + r"))"
    r"\s+(?:has\s+|had\s+|have\s+)?(?:also\s+|long\s+|previously\s+|repeatedly\s+|publicly\s+)?"
    # police and prosecutors speak as institutions, which is how news names them
    r"|\b(?i:police|prosecutors)\s+(?:have\s+|had\s+)?)\Z"
)
# Cue words that also name things: a cue is no report when a determiner makes it a noun
# ("a claim", "in the hope of") or what follows shows its other sense ("claim £520",
# "claims company", "explained by chance"). Each maps to (words before, words after).
_CLAIM_NOUN = re.compile(
    r"\b(?:a|the|any|each|every|no|your|his|her|their|its|our|my|this|insurance|"
    r"compensation|benefit|injury|expenses|pension|refund|tax|legal|first|new|valid)\s+\Z"
)
_CLAIMED_MONEY = re.compile(
    r"\s+(?:(?:it\s+)?back\s+|up\s+to\s+|for\s+)?(?:[£$€¥\d]|compensation\b|an?\s+refund\b|"
    r"refunds\b|benefits?\b|expenses\b|damages\b|asylum\b|money\b|credit\b|"
    r"compan(?:y|ies)\b|firms?\b|process\b|handlers?\b|management\b|form\b|forms\b)"
)
_HOPE_NOUN = re.compile(
    r"\b(?:the|a|no|little|new|false|faint|last|only|real|great|some|any|every|of|with)\s+\Z"
)
# "the United States", "member states", "nation-states", "50 states": countries, not a verb.
_STATES_NOUN = re.compile(
    r"(?:\b(?:united|member|nation|city|island|gulf|baltic|arab|swing|border|other|several|"
    r"many|all|both|these|those|neighbou?ring|\d+)[ -]|-)\Z"
)
# "a fear of", "fears of a slowdown": a feeling named, not one reported.
_FEAR_NOUN = re.compile(r"\b(?:a|the|no|little|new|real|growing|of|with|amid)\s+\Z")
_NOT_REPORTING: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {
    "claim": (_CLAIM_NOUN, _CLAIMED_MONEY),
    "claims": (_CLAIM_NOUN, _CLAIMED_MONEY),
    "hope": (_HOPE_NOUN, None),
    "hopes": (_HOPE_NOUN, None),
    "fear": (_FEAR_NOUN, None),
    "fears": (_FEAR_NOUN, re.compile(r"\s+(?:of|for|over|about)\b")),
    "states": (_STATES_NOUN, None),
    # "an estimated 11 million": a figure's hedge, with nobody estimating.
    "estimated": (re.compile(r"\b(?:an|the)\s+\Z"), None),
    "explained": (None, re.compile(r"\s+by\b")),
}
_NOT_REPORTING_REACH = 24
# The cues as they must be written for a source before them to count (lower case).
_CUE_SET = frozenset(_CUE_WORDS)
# The lower-case words that _NAMED_BEFORE_CUE can end with: pronouns, the small words inside
# a name ("Bank of"), the last word of each role, "police", and has/had/have. A word before
# the cue that is none of these, has no capital and does not close an appositive with a
# comma cannot end a match, so the search (slow: it tries every way of reading a name at
# each position) is skipped.
_LAST_WORDS_OF_A_SOURCE = frozenset(
    [
        *("he", "she", "they", "it", "we", "i", "has", "had", "have", "police", "who"),
        *("also", "long", "previously", "repeatedly", "publicly"),
        *("of", "the", "de", "al", "bin", "van", "von", "for", "and"),
        *("prosecutor", "prosecutors"),
    ]
    + [role.split()[-1] for role in _ROLES.replace("?", "").split("|")]
)
# How many whitespace-separated words before a cue a construction ending with it can span
# ("the agency's deputy chief has said", or a name before an appositive).
_WORDS_BEFORE_CUE = 7
# A speech attribution to a capitalised name ("Smith said", "told Jane Doe"). A sentence
# that has one is sourced even when it also mentions "some critics": the vague phrase is
# then usually the named speaker's own characterisation, and flagging it misleads.
_NAMED_SPEAKER = re.compile(
    r"\b((?:[A-Z][\w.'\u2019-]+\s+){0,3}[A-Z][\w.'\u2019-]+)\s*,?\s+(?:has\s+|had\s+)?"
    r"(?:said|says|told|tells|wrote|writes|argued|argues|added|adds|noted|notes|tweeted|"
    r"explained|stated|insisted|warned|claimed|asked|recalled|acknowledged)\b"
    # "said Jane Doe": the name after the verb is the speaker, unless a verb of its own
    # follows ("said Grayson demanded", "said Trump had"), when it is what was said. After
    # "told" the name is the listener ("told Flint residents"), so "told" is not here.
    r"|\b(?:said|says|wrote|according to)\s+"
    r"((?:[A-Z][\w.'\u2019-]+\s+){0,3}[A-Z][\w.'\u2019-]+)"
    # The whole name, and no verb after it
    r"(?![\w.'\u2019-]|\s+[A-Z])"
    r"(?!\s+(?:is|was|were|are|had|has|have|would|will|could|should|might|may|did|does|do"
    r"|wants?|needs?|plans?|[a-z]+ed)\b)"
)
_NOT_NAMES = frozenset(
    [
        "some",
        "many",
        "most",
        "several",
        "few",
        "other",
        "others",
        "the",
        "a",
        "an",
        "and",
        "but",
        "if",
        "when",
        "while",
        "as",
        "in",
        "on",
        "at",
        "for",
        "of",
        "to",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "its",
        "according",
        "critics",
        "experts",
        "analysts",
        "officials",
        "sources",
        "people",
        "democrats",
        "republicans",
        "americans",
        "voters",
        "supporters",
        "opponents",
        "observers",
        "advocates",
        "aides",
        "reports",
        "report",
    ]
)
# A capitalised word just before the speaker's verb that names where the group is, not who
# speaks: "Some delegates at the convention in Philadelphia said".
_IN_A_PLACE = re.compile(r"\bin\s+\Z")
# Clause joints that set one speaker against another.
_CONTRAST = re.compile(r"\b(?:but|while|whereas|although|though|however|yet)\b|;")
_MAX_WORDS_BEFORE_GROUP = 3
_CONTRAST_OPENER = re.compile(r"\b(?i:although|though|while|whereas)\s+\Z")
# Named members of a vague group: "critics like Tom Reed say", "other ministers, such as Anne
# Marsh, said". The group is then illustrated by a named source, which the reader can check.
# Without a comma "like" is a verb as often as not ("Some voters like Reed"), so there it
# only counts inside the match, between the group and its reporting verb.
_NAMED_EXAMPLE = re.compile(
    r"(?:,\s*(?:like|such as|including|among them|led by)|\s+(?:such as|including|among them"
    r"|led by))\s+(?P<name>(?:(?:Sen|Sens|Rep|Reps|Gov|Dr|Mr|Mrs|Ms|Gen)\.?\s+)?"
    r"[A-Z][\w'\u2019.-]*)"
    r"|\s+like\s+(?P<inside>[A-Z][\w'\u2019.-]*)"
)
# A named person coordinated with the group: "Ms Ortiz and her supporters argue", "Reed
# and other ministers said". The claim is tied to someone the reader can name.
_NAMED_PARTNER = re.compile(
    r"(?<![\w'\u2019.-])(?P<name>[A-Z][\w'\u2019.-]*)\s+(?:and|as well as|along with)\s+"
    r"(?:(?:his|her|their|its)\s+)?$"
)
#: How far before a vague source its back-reference may start: "one of the " before
#: "officials said".
_BACK_REFERENCE_REACH = 24
# A document that a vague-source pattern matched, with the organisation that made it named
# before it ("a CBS poll found", "a recent Gallup survey shows").
_DOCUMENTS = re.compile(r"\b(?:report|study|survey|analysis|memo|poll)\b", re.IGNORECASE)
_NOT_ORGANISATIONS = frozenset(
    [
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("new", "recent"),
    ]
)

_SENTENCE_START_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "But",
        "And",
        "As",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "However",
        "While",
        "When",
        "After",
        "Before",
        "If",
        "Despite",
        "Many",
        "Some",
        "Several",
        "Most",
        "Others",
        "Experts",
        "Analysts",
        "Observers",
        "Critics",
        "Meanwhile",
        "Yet",
        "So",
        "There",
        "Although",
        "Though",
        "Since",
        "Because",
        "For",
        "With",
        "Without",
        "Under",
        "Over",
        "Among",
        "Amid",
        "Amidst",
    ]
)


class AttributionScorer(Scorer):
    id = "attribution"
    version = "1.0"
    description = "Unnamed sources, unexplained anonymity, and how many claims name their source."
    pattern_options = frozenset(
        {"reason_pattern", "explained_anonymity", "refers_back", "legal_hedge", "legal_context"}
    )
    option_types: ClassVar[dict[str, tuple[type, Any]]] = {"allowed_sources": (list, [])}

    def __init__(self, rules: ScorerRules, options: Mapping[str, Any] | None = None):
        super().__init__(rules, options)
        # Kept on the scorer, not the module: a pipeline sent to a worker process brings its
        # shared pass with it, and that pass must hold this very automaton.
        self._cue_automaton = phrase_automaton((cue, None) for cue in _CUE_WORDS)

    def score(self, doc: Document) -> ScorerResult:
        rules = self.language_rules(doc)
        allowed = [s.lower() for s in self.options["allowed_sources"]]
        findings: list[Finding] = []
        vague = 0.0
        flagged_sentences: set[int] = set()
        cues = self._cues(doc)
        matches = self.matches(doc)
        explained = _explained_anonymity(doc, rules, matches)
        again = _SpokenOfAgain(rules)
        for match in matches:
            sentence = doc.sentence_at(match.start)
            if allowed and any(a in doc.lower[match.start : match.end] for a in allowed):
                continue
            if match.rule.name == "unexplained-anonymity" and match.start in explained:
                continue
            if match.rule.name == "unattributed-report" and _legal_hedge(doc, match.rule, match):
                continue
            rule = match.rule
            named_instead = rule.option("when_organisation_named")
            if named_instead and _names_organisation(doc.text[match.start : match.end]):
                instead = rules.get(named_instead)
                if instead is None:  # deselected
                    continue
                rule = instead
            if sentence is not None and (
                # The reader is told why the group is not named, as the rule asks.
                (match.rule.name == "vague-source" and match.start in explained)
                or (
                    match.rule.name == "unattributed-report"
                    and _names_source(doc.text, sentence, cues)
                )
                or (
                    match.rule.name == "vague-source"
                    and (
                        _has_named_speaker(doc, sentence, doc.text[match.start : match.end])
                        or _names_a_member(doc.text, sentence, match.start, match.end)
                    )
                )
            ):
                continue
            if again.already_reported(doc, match):
                continue
            findings.append(self.finding(doc, rule, match.start, match.end))
            vague += rule.penalty
            if sentence is not None and rule is match.rule:
                flagged_sentences.add(sentence.start)
        claims, named = self._coverage(doc, cues, flagged_sentences)
        metrics = {
            "vague": vague,
            "claim_sentences": float(claims),
            "named_sentences": float(named),
        }
        words = max(doc.word_count, 100)
        sub_score = math.exp(-(100.0 * vague / words) / 0.8)
        coverage_rule = rules.get("attribution-coverage")
        if coverage_rule is not None and claims:
            coverage = named / claims
            metrics["coverage"] = coverage
            threshold = float(coverage_rule.option("threshold", 0.5))
            if claims >= int(coverage_rule.option("min_claims", 4)) and coverage < threshold:
                first = doc.sentences[0] if doc.sentences else Span(0, 0, "")
                findings.append(
                    self.finding(
                        doc,
                        coverage_rule,
                        first.start,
                        first.end,
                        value=round(100 * coverage),
                        threshold=round(100 * threshold),
                        detail=f"Only {named} of {claims}" if named else f"None of {claims}",
                    )
                )
                sub_score *= 0.6 + 0.4 * coverage / threshold
        findings.sort(key=in_text_order)
        return ScorerResult(sub_score, findings, metrics)

    def automata(self, language: str) -> list[Automaton | None]:
        return [*super().automata(language), self._cue_automaton]

    def _cues(self, doc: Document) -> list[tuple[int, int]]:
        """Where the reporting cues of the article start and end, in order: the cue words,
        less those used in a sense that reports nobody's words (see _NOT_REPORTING)."""
        found = phrase_matches(self._cue_automaton, doc.lower, doc.hits)
        lower = doc.lower
        return [(start, end) for _, start, end in found if _reports(lower, start, end)]

    def _coverage(
        self, doc: Document, cues: list[tuple[int, int]], flagged: set[int]
    ) -> tuple[int, int]:
        """How many sentences make a reported claim, and how many of those name a source."""
        claims = named = 0
        for sentence in doc.sentences:
            if sentence.start not in flagged and not _reports_a_claim(doc, sentence, cues):
                continue
            claims += 1
            if sentence.start not in flagged and _names_source(doc.text, sentence, cues):
                named += 1
        return claims, named


def _reports_a_claim(doc: Document, sentence: Span, cues: list[tuple[int, int]]) -> bool:
    """Whether the writer reports in this sentence what somebody says: a cue outside
    quotation marks. A cue inside them is the speaker's own word ("We believe ..."), whose
    source is the quotation's speaker, and a question ("What do the airlines say?") reports
    nothing."""
    if sentence.text.rstrip(" \t\n\"'\u201d\u2019)").endswith("?"):
        return False
    index = bisect_left(cues, (sentence.start, 0))
    while index < len(cues) and cues[index][0] < sentence.end:
        cue_start, cue_end = cues[index]
        if not doc.in_quote(cue_start, cue_end):
            return True
        index += 1
    return False


def _explained_anonymity(doc: Document, rules: LanguageRules, matches: list[Match]) -> set[int]:
    """The starts of the matches whose sources the reader is told why they are not named:
    those in a sentence that says so, with a grant of anonymity and its reason ("spoke on
    condition of anonymity because ...") or a reason that stands alone ("who were not
    authorised to speak publicly"), and those that refer back to such a group a sentence or
    two later ("One of the officials said ...", "The other official said ..."). Only vague
    sources and grants of anonymity are read: no other finding depends on it."""
    anonymity = rules.get("unexplained-anonymity")
    reason = anonymity.option("reason_pattern") if anonymity is not None else None
    vague = rules.get("vague-source")
    alone = vague.option("explained_anonymity") if vague is not None else None
    refers_back, reach = rules.derived(_back_reference)
    # Each with the index of its sentence, found once.
    candidates = [
        (index, match)
        for match in matches
        if match.rule.name in _UNNAMED_SOURCE_RULES
        and (index := doc.sentence_index(match.start)) is not None
    ]
    if not candidates:
        return set()
    explaining: set[int] = set()  # indexes of the sentences that give the reason
    for index, match in candidates:
        if index in explaining:
            continue
        sentence = doc.sentences[index]
        words = doc.lower[sentence.start : sentence.end]
        if (alone and re.search(alone, words)) or (
            reason and match.rule.name == "unexplained-anonymity" and re.search(reason, words)
        ):
            explaining.add(index)
    if not explaining:
        return set()
    explained: set[int] = set()
    for index, match in candidates:
        if index in explaining or (
            refers_back
            and any(index - back in explaining for back in range(1, reach + 1))
            and _refers_back(doc.lower, refers_back, doc.sentences[index].start, match)
        ):
            explained.add(match.start)
    return explained


class _SpokenOfAgain:
    """Unnamed sources already reported, so that the same group spoken of again ("a senior
    official said ...", then "the official said ...") is one finding, not one a sentence:
    the reader was told once that the source is unnamed, and naming it fixes every
    sentence."""

    def __init__(self, rules: LanguageRules):
        self._pattern, self._reach = rules.derived(_back_reference)
        #: rule name -> indexes of the sentences with a finding of it: anonymity granted
        #: with no reason (ATT102) is another fault than the source's being unnamed
        self._reported: dict[str, list[int]] = {}

    def already_reported(self, doc: Document, match: Match) -> bool:
        """Whether ``match`` speaks again of a group reported by the same rule in the
        sentences just before; if not, and it is an unnamed source, it is noted as reported."""
        if self._pattern is None or match.rule.name not in _UNNAMED_SOURCE_RULES:
            return False
        index = doc.sentence_index(match.start)
        if index is None:
            return False
        reported = self._reported.setdefault(match.rule.name, [])
        if any(0 < index - earlier <= self._reach for earlier in reported) and (
            _refers_back(doc.lower, self._pattern, doc.sentences[index].start, match)
        ):
            return True
        reported.append(index)
        return False


_UNNAMED_SOURCE_RULES = ("vague-source", "unexplained-anonymity")


def _back_reference(rules: LanguageRules) -> tuple[str | None, int]:
    """How a group already spoken of is referred to again ("the officials"), and in how
    many sentences after: options of the vague-source rule, on or off."""
    vague = rules.settings("vague-source")
    if vague is None:
        return None, 0
    return vague.option("refers_back"), int(vague.option("refers_back_sentences", 0))


def _refers_back(lower: str, pattern: str, sentence_start: int, match: Match) -> bool:
    """Whether the group the match names is one already spoken of ("the officials", "one of
    the officials", "the other official"): the pattern is sought in the match and in the few
    words of its sentence before it, where "one of the" stands."""
    before = max(sentence_start, match.start - _BACK_REFERENCE_REACH)
    return re.search(pattern, lower[before : match.end]) is not None


def _names_source(text: str, sentence: Span, cues: list[tuple[int, int]]) -> bool:
    """Whether the sentence ties its claim to a named person, organisation or document.

    ``cues`` are the start and end of every reporting cue in ``text``, in order.
    """
    first = bisect_left(cues, (sentence.start, 0))
    # By index: a slice cues[first:] would copy the cues of the rest of the text for every
    # sentence.
    for index in range(first, len(cues)):
        cue_start, cue_end = cues[index]
        if cue_start >= sentence.end:
            break
        hit = None
        if text[cue_start:cue_end] in _CUE_SET and _may_end_a_source(
            text, sentence.start, cue_start
        ):
            window = _window_before(text, sentence.start, cue_start)
            hit = _NAMED_BEFORE_CUE.search(text, window, cue_start)
            if (
                hit is not None
                and hit.start() == sentence.start
                and _names_nobody(text[hit.start() : cue_end])
            ):
                # The cue belongs to "Many believe", so what follows it is what they believe,
                # not a source ("Analysts say that Ms Murillo ...").
                hit = _NAMED_BEFORE_CUE.search(text, hit.start() + 1, cue_start)
                if hit is None:
                    continue
        if hit is not None or _NAMED_AFTER_CUE.match(text, cue_start, sentence.end):
            return True
    return False


def _reports(lower: str, start: int, end: int) -> bool:
    """Whether the cue word at start:end reports what somebody says or thinks, rather than
    naming a thing: a claim for money ("passengers can claim £520", "an insurance claim", "a
    claims company"), a hope ("in the hope of"), or a cause ("explained by chance"). A claim
    that something is so ("the claim that ...") is still a report."""
    rule = _NOT_REPORTING.get(lower[start:end])
    if rule is None:
        return True
    before, after = rule
    preceding = lower[max(0, start - _NOT_REPORTING_REACH) : start]
    following = lower[end : end + _NOT_REPORTING_REACH]
    if after is not None and after.match(following):
        return False
    return before is None or not before.search(preceding) or following.startswith(" that ")


def _may_end_a_source(text: str, floor: int, cue_start: int) -> bool:
    """Whether the word before the cue could end a source named before it."""
    if cue_start <= floor or not text[cue_start - 1].isspace():
        return False
    # The last word is found by stepping back from the cue, not by splitting the sentence so
    # far, which in a long run-on "sentence" of cues took time in the square of its length.
    end = cue_start - 1
    while end > floor and text[end - 1].isspace():
        end -= 1
    if end == floor:
        return False
    start = end - 1
    while start > floor and not text[start - 1].isspace():
        start -= 1
    word = text[start:end]
    return not word.islower() or word.endswith(",") or word in _LAST_WORDS_OF_A_SOURCE


def _names_nobody(opening: str) -> bool:
    """Whether a sentence's first words before a cue are a vague subject ("Many believe",
    "Experts say") rather than a name."""
    words = opening.split()
    return words[0] in _SENTENCE_START_WORDS and len(words) < 3


def _window_before(text: str, floor: int, cue_start: int) -> int:
    """Where to start looking for a source named before the cue: a few words back, or
    further when an appositive ("Smith, a lawyer for the family, said") comes between."""
    start = cue_start
    for _ in range(_WORDS_BEFORE_CUE):
        start = text.rfind(" ", floor, start - 1)
        if start < 0:
            return floor
    if "," in text[max(floor, cue_start - 8) : cue_start]:
        start = min(start, cue_start - 160)
    return max(start, floor)


def _names_organisation(excerpt: str) -> bool:
    """Whether a capitalised word follows the first word ("a Home Office spokesman")."""
    return any(word[:1].isupper() for word in excerpt.split()[1:])


def _has_named_speaker(doc: Document, sentence: Span, vague: str) -> bool:
    """Whether, outside quotation marks, the sentence attributes speech to a name that can
    answer for the ``vague`` phrase: not a name in a clause of its own set against it ("Zuckoff
    said ..., but officials said"), nor a place the vague group is in ("delegates in
    Philadelphia said")."""
    unquoted = _outside_quotes(doc, sentence)
    vague_at = unquoted.find(vague)
    for m in _NAMED_SPEAKER.finditer(unquoted):
        words = [w.lower().strip(".,") for w in (m.group(1) or m.group(2) or "").split()]
        if (
            words
            and words[-1] not in _NOT_NAMES
            # "many said Monday": a day or a month is when, not who
            and not all(w in _NOT_NAMES or w in _NOT_ORGANISATIONS for w in words)
            and not (m.group(1) and _IN_A_PLACE.search(unquoted, 0, m.start(1)))
            and not (vague_at >= 0 and _in_another_clause(unquoted, m, vague_at))
        ):
            return True
    return False


def _in_another_clause(text: str, speaker: re.Match[str], vague_at: int) -> bool:
    """Whether a named speaker before the vague phrase is set against it by a contrast: "X
    said ..., but others argue", "Although X says ..., others argue"."""
    if speaker.start() > vague_at:
        return False
    if _CONTRAST_OPENER.search(text, max(0, speaker.start() - 12), speaker.start()):
        return True
    # The contrast must open the vague group's own clause: in "X says many doubted her but
    # that her supporters never did" the clause after "but" is still what X says.
    joints = list(_CONTRAST.finditer(text, speaker.end(), vague_at))
    if not joints:
        return False
    gap = text[joints[-1].end() : vague_at].split()
    return len(gap) <= _MAX_WORDS_BEFORE_GROUP and "that" not in gap


def _names_a_member(text: str, sentence: Span, start: int, end: int) -> bool:
    """Whether the vague group matched at ``start:end`` is tied to a name: illustrated by
    named members ("critics like Tom Reed say"), coordinated with a named person ("Ms Ortiz
    and her supporters argue"), or, for a report or poll, made by a named organisation ("a
    Gallup poll found")."""
    for example in _NAMED_EXAMPLE.finditer(text, start, min(sentence.end, end + 80)):
        if example.start() > end:
            break
        inside = example.group("inside")
        if inside is not None and example.end() >= end:
            continue  # "Some voters like Reed": a verb, not an example
        if _is_a_name(inside or example.group("name")):
            return True
    partner = _NAMED_PARTNER.search(text, sentence.start, start)
    if partner is not None and _is_a_name(partner.group("name")):
        return True
    excerpt = text[start:end]
    document = _DOCUMENTS.search(excerpt)
    if document is not None:
        words = excerpt[: document.start()].split()[1:]
        return any(word[:1].isupper() and _is_a_name(word) for word in words)
    return False


def _is_a_name(word: str) -> bool:
    """Whether a capitalised word names someone, rather than a group ("Democrats"), a
    possessive ("Clinton's advisers" are not named), a date or a sentence opener."""
    word = word.rstrip(".,;:")
    if not word[:1].isupper() or word.endswith(("'s", "\u2019s")):
        return False
    lower = word.lower()
    return (
        lower not in _NOT_NAMES
        and lower not in _NOT_ORGANISATIONS
        and word not in _SENTENCE_START_WORDS
    )


def _legal_hedge(doc: Document, rule: Rule, match: Match) -> bool:
    """Whether ``match`` is the legal hedge ("allegedly") on an accusation whose legal source
    (a charge, a court, the police) is named in its sentence or a sentence next to it."""
    hedge, context = rule.option("legal_hedge"), rule.option("legal_context")
    if not (hedge and context and re.search(hedge, doc.lower[match.start : match.end])):
        return False
    starts = doc.sentence_starts
    index = bisect_left(starts, match.start + 1) - 1
    if index < 0:
        return False
    sentences = doc.sentences
    start = sentences[max(0, index - 1)].start
    end = sentences[min(len(sentences) - 1, index + 1)].end
    return re.search(context, doc.lower[start:end]) is not None


def _outside_quotes(doc: Document, sentence: Span) -> str:
    """The sentence with the quotations it holds replaced by a space. A quotation that runs
    past the sentence is left: its marks are unbalanced, and the speaker after it counts."""
    quotes = doc.quotes
    pieces = []
    position = sentence.start
    # islice, not quotes[i:]: a slice would copy the quotes of the rest of the text.
    for quote_start, quote_end in islice(quotes, bisect_left(quotes, (sentence.start, 0)), None):
        if quote_end > sentence.end:
            break
        pieces += [doc.text[position:quote_start], " "]
        position = quote_end
    pieces.append(doc.text[position : sentence.end])
    return "".join(pieces)
