"""The table of kinds of part a post can have, and their analysers (see moodify.analysers)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Callable, Protocol

from moodify.errors import InvalidInput


class PartAnalyser(Protocol):
    def prepare(self, part: Any) -> Any: ...

    def read(self, prepared: Any, name: str, progress: Callable[[float, str], None]) -> Any: ...


@dataclass(frozen=True)
class PartKind:
    kind: str                           # a reading's part kind, and its fusion weight's name
    field: str                          # the post's field and the upload's multipart field
    label: str                          # how one part is named in readings and progress
    analyser: Callable[[], PartAnalyser]
    most: Callable[[], int] = lambda: 1     # parts a post may have (settings are read when asked)
    most_setting: str | None = None     # the setting behind `most`, named when a post has too many
    cost: float = 1.0                   # relative time of one part, for the progress bar
    numbered: bool = False              # name parts "photo 1", "photo 2" rather than "caption"
    text: bool = False                  # parts are text, not uploaded files
    reliability: float = 0.5            # default fusion weight (the reliability setting overrides it)

    def name(self, index: int) -> str:
        return f"{self.label} {index + 1}" if self.numbered else self.label


_KINDS: dict[str, PartKind] = {}            # by field, in registration order
_ANALYSERS: dict[str, PartAnalyser] = {}
_LOCK = threading.RLock()         # a video analyser builds the photo and sound ones
_PLUGINS_LOADED = False


def register(kind: PartKind) -> None:
    """Add (or replace) a kind of part; its analyser is built when first needed."""
    with _LOCK:
        _KINDS[kind.field] = kind
        _ANALYSERS.pop(kind.field, None)


def unregister(field: str) -> None:
    with _LOCK:
        _KINDS.pop(field, None)
        _ANALYSERS.pop(field, None)


def _load_plugins() -> None:
    """Registrations of installed packages (entry-point group `moodify.analysers`), once."""
    global _PLUGINS_LOADED
    if _PLUGINS_LOADED:
        return
    _PLUGINS_LOADED = True
    for entry in entry_points(group="moodify.analysers"):
        entry.load()()


def kinds() -> list[PartKind]:
    _load_plugins()
    return list(_KINDS.values())


def by_field(field: str) -> PartKind:
    _load_plugins()
    if field not in _KINDS:
        raise InvalidInput(f"a post has no part {field!r}: give {', '.join(_KINDS)}")
    return _KINDS[field]


def analyser(field: str) -> PartAnalyser:
    """The analyser of a field's parts, built once per process."""
    kind = by_field(field)
    with _LOCK:
        if field not in _ANALYSERS:
            _ANALYSERS[field] = kind.analyser()
        return _ANALYSERS[field]


def available() -> list[str]:
    return sorted(k.kind for k in kinds())


def reliabilities() -> dict[str, float]:
    return {k.kind: k.reliability for k in kinds()}
