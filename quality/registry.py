"""Finding scorer classes by id, through the ``quality.scorers`` entry-point group.

Third-party packages add scorers by declaring, in their own ``pyproject.toml``::

    [project.entry-points."quality.scorers"]
    my-scorer = "my_package.module:MyScorer"
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from importlib import import_module, metadata

from quality.errors import ScorerError, ScorerLoadError
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
    "predictability": "quality.scorers.predictability:PredictabilityScorer",
}

_registered: dict[str, type[Scorer]] = {}
#: scorer id -> every "module:Class" declared for it, for the ids that more than one
#: installed package declares (filled in by ``available``)
_ambiguous: dict[str, list[str]] = {}
#: the installed packages whose entry points could not be read, each with the reason
#: (filled in by ``available``)
_unreadable: list[str] = []
#: "module:Class" of an entry point -> the installed package declaring it, as name and
#: version (filled in by ``available``)
_declared_by: dict[str, str] = {}


def register(cls: type[Scorer]) -> type[Scorer]:
    """Register a scorer class at run time (usable as a decorator).

    An id already taken by another scorer (a built-in one, an entry point's or one
    registered before) is refused: replacing a scorer silently would change every score.
    Registering the same class again (a re-run notebook cell) is allowed."""
    target = _target(check_scorer_class(cls))
    taken = available().get(cls.id)
    if taken is not None and taken != target and not _names_class(taken, cls):
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
    for ep in _entry_points():
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


def _entry_points() -> list[metadata.EntryPoint]:
    """The ``quality.scorers`` entry points of the installed packages, each package read
    once, as ``importlib.metadata.entry_points`` reads them. A package whose entry points
    file cannot be parsed is left out with a warning naming it (and named again if one of
    its scorers is asked for): ``entry_points`` would raise an error naming no package, and
    every pipeline, even one of built-in scorers only, would fail with it."""
    found: list[metadata.EntryPoint] = []
    seen: set[str] = set()
    _unreadable.clear()
    _declared_by.clear()
    for dist in metadata.distributions():
        try:
            # The first of two copies of one package on the path is the one imported. The
            # name as the standard library keys it (from the folder's name: no file read).
            key = getattr(dist, "_normalized_name", None) or _normalized(dist.metadata["Name"])
            if key and key in seen:
                continue
            seen.add(key)
            text = dist.read_text("entry_points.txt")
            if not text or ENTRY_POINT_GROUP not in text:  # most packages: nothing to parse
                continue
            declared = dist.entry_points.select(group=ENTRY_POINT_GROUP)
            found.extend(declared)
            _declared_by.update((ep.value, _package(dist)) for ep in declared)
        except Exception as exc:
            _unreadable.append(f"{_package(dist)} ({type(exc).__name__}: {exc})")
    if _unreadable:
        warnings.warn(
            "the quality.scorers entry points of these packages could not be read, so their "
            f"scorers are not available: {'; '.join(_unreadable)}",
            RuntimeWarning,
            stacklevel=3,
        )
    return found


def _normalized(name: object) -> str:
    return re.sub(r"[-_.]+", "_", name).lower() if isinstance(name, str) else ""


def _package(dist: metadata.Distribution) -> str:
    """``dist`` as its name and version, or where it is when its metadata cannot be read."""
    try:
        return f"{dist.metadata['Name']} {dist.version}"
    except Exception:
        return str(getattr(dist, "_path", dist))


def scorer_class(scorer_id: str) -> type[Scorer]:
    if scorer_id in _registered:
        return _registered[scorer_id]
    target = available().get(scorer_id)
    if target is None:
        known = ", ".join(available())
        unreadable = f"; not read: {'; '.join(_unreadable)}" if _unreadable else ""
        raise ScorerError(f"unknown scorer '{scorer_id}' (known: {known}{unreadable})")
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
        package = _declared_by.get(target)
        of_package = f" (package {package})" if package else ""
        remedy = "; fix or uninstall that package" if package else ""
        raise ScorerLoadError(
            f"scorer '{scorer_id}' could not be loaded from {target}{of_package}: "
            f"{type(exc).__name__}: {exc}{remedy}"
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


def _names_class(target: str, cls: type[Scorer]) -> bool:
    """Whether ``target`` ("module:Class") is ``cls`` under another name: an entry point
    may name a class where its package re-exports it (``my_package:MyScorer`` for a class
    defined in ``my_package.scoring``), and registering that class is no clash."""
    if _registered.get(cls.id) is not None:
        return _registered[cls.id] is cls
    module_name, _, attribute = target.partition(":")
    try:
        obj: object = import_module(module_name)
        for part in attribute.split("."):
            obj = getattr(obj, part)
    except Exception:  # a target that cannot be loaded is not known to be the same class
        return False
    return obj is cls


def _target(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"
