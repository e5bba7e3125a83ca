"""Finding scorer classes by id, through the ``quality.scorers`` entry-point group.

Third-party packages add scorers by declaring, in their own ``pyproject.toml``::

    [project.entry-points."quality.scorers"]
    my-scorer = "my_package.module:MyScorer"
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module, metadata

from quality.errors import ScorerError
from quality.scorers.base import Scorer

ENTRY_POINT_GROUP = "quality.scorers"

# Used only when the package's own entry points are not installed (running from a source
# tree without ``pip install``); an installed package is always read from its metadata.
_BUILTIN = {
    "filler": "quality.scorers.filler:FillerScorer",
    "chatbot-leak": "quality.scorers.chatbot_leak:ChatbotLeakScorer",
    "attribution": "quality.scorers.attribution:AttributionScorer",
    "dates": "quality.scorers.dates:DatesScorer",
    "residue": "quality.scorers.residue:ResidueScorer",
    "specificity": "quality.scorers.specificity:SpecificityScorer",
    "repetition": "quality.scorers.repetition:RepetitionScorer",
    "wordiness": "quality.scorers.wordiness:WordinessScorer",
    "readability": "quality.scorers.readability:ReadabilityScorer",
}

_registered: dict[str, type[Scorer]] = {}


def register(cls: type[Scorer]) -> type[Scorer]:
    """Register a scorer class at run time (usable as a decorator)."""
    _check(cls, cls.__module__)
    _registered[cls.id] = cls
    available.cache_clear()
    return cls


@lru_cache(maxsize=1)
def available() -> dict[str, str]:
    """Scorer id -> "module:Class" for every known scorer."""
    found = {ep.name: ep.value for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}
    for name, target in _BUILTIN.items():
        found.setdefault(name, target)
    for name, cls in _registered.items():
        found[name] = f"{cls.__module__}:{cls.__qualname__}"
    return dict(sorted(found.items()))


def scorer_class(scorer_id: str) -> type[Scorer]:
    if scorer_id in _registered:
        return _registered[scorer_id]
    target = available().get(scorer_id)
    if target is None:
        known = ", ".join(available())
        raise ScorerError(f"unknown scorer '{scorer_id}' (known: {known})")
    return _load(scorer_id, target)


def _load(scorer_id: str, target: str) -> type[Scorer]:
    module_name, _, attribute = target.partition(":")
    try:
        obj = import_module(module_name)
        for part in attribute.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise ScorerError(f"scorer '{scorer_id}' could not be loaded from {target}: {exc}") from exc
    if not isinstance(obj, type) or not issubclass(obj, Scorer):
        raise ScorerError(f"scorer '{scorer_id}' at {target} is not a quality.Scorer subclass")
    _check(obj, target)
    if obj.id != scorer_id:
        raise ScorerError(
            f"scorer at {target} has id '{obj.id}' but is registered as '{scorer_id}'"
        )
    return obj


def _check(cls: type[Scorer], where: str) -> None:
    for attribute in ("id", "version"):
        if not isinstance(getattr(cls, attribute, None), str):
            raise ScorerError(f"scorer {where} must define a string class attribute '{attribute}'")
