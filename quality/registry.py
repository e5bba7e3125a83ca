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
#: scorer id -> every "module:Class" declared for it, for the ids that more than one
#: installed package declares (filled in by ``available``)
_ambiguous: dict[str, list[str]] = {}


def register(cls: type[Scorer]) -> type[Scorer]:
    """Register a scorer class at run time (usable as a decorator).

    An id already taken by another scorer (a built-in one, an entry point's or one
    registered before) is refused: replacing a scorer silently would change every score.
    Registering the same class again (a re-run notebook cell) is allowed."""
    target = _target(check_scorer_class(cls))
    taken = available().get(cls.id)
    if taken is not None and taken != target:
        raise ScorerError(
            f"scorer id '{cls.id}' of {target} is already taken by {taken}; "
            "give the scorer an id of its own"
        )
    _registered[cls.id] = cls
    available.cache_clear()
    return cls


@lru_cache(maxsize=1)
def available() -> dict[str, str]:
    """Scorer id -> "module:Class" for every known scorer."""
    declared: dict[str, list[str]] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        targets = declared.setdefault(ep.name, [])
        if ep.value not in targets:
            targets.append(ep.value)
    for name, target in _BUILTIN.items():
        declared.setdefault(name, [target])
    for name, cls in _registered.items():
        declared[name] = [_target(cls)]
    # Which of two packages declaring one id would win depends on the order they were
    # installed in; the id is refused when used rather than scored by either silently.
    _ambiguous.clear()
    _ambiguous.update({name: targets for name, targets in declared.items() if len(targets) > 1})
    return {name: targets[0] for name, targets in sorted(declared.items())}


def scorer_class(scorer_id: str) -> type[Scorer]:
    if scorer_id in _registered:
        return _registered[scorer_id]
    target = available().get(scorer_id)
    if target is None:
        known = ", ".join(available())
        raise ScorerError(f"unknown scorer '{scorer_id}' (known: {known})")
    if scorer_id in _ambiguous:
        raise ScorerError(
            f"scorer id '{scorer_id}' is declared by more than one installed package "
            f"({', '.join(_ambiguous[scorer_id])}); uninstall one of them"
        )
    return _load(scorer_id, target)


def _load(scorer_id: str, target: str) -> type[Scorer]:
    module_name, _, attribute = target.partition(":")
    try:
        obj = import_module(module_name)
        for part in attribute.split("."):
            obj = getattr(obj, part)
    except Exception as exc:  # a third-party module may fail to import in any way at all
        raise ScorerError(
            f"scorer '{scorer_id}' could not be loaded from {target}: {type(exc).__name__}: {exc}"
        ) from exc
    cls = check_scorer_class(obj, target)
    if cls.id != scorer_id:
        raise ScorerError(
            f"scorer at {target} has id '{cls.id}' but is registered as '{scorer_id}'"
        )
    return cls


def check_scorer_class(cls: object, where: str | None = None) -> type[Scorer]:
    """``cls``, if it can be run as a scorer (``where`` names it in the error: by default
    its module and name). Reports name each scorer by its id and version, and a missing one
    would fail only once an article had been scored."""
    if where is None:
        where = _target(cls) if isinstance(cls, type) else repr(cls)
    if not isinstance(cls, type) or not issubclass(cls, Scorer):
        raise ScorerError(f"scorer {where} is not a quality.Scorer subclass")
    for attribute in ("id", "version"):
        value = getattr(cls, attribute, None)
        if not isinstance(value, str) or not value.strip():
            raise ScorerError(
                f"scorer {where} must define a non-empty string class attribute '{attribute}'"
            )
    return cls


def _target(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"
