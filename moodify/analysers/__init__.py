"""Analysers turn one part of a post into an EmotionEstimate. Built-in ones register here the
same way an extension would: `register(kind, factory)`, then `create(kind)`."""

from __future__ import annotations

from typing import Callable, Protocol

from moodify.emotion import EmotionEstimate
from moodify.errors import ModelUnavailable


class Analyser(Protocol):
    kind: str

    def analyse(self, part) -> EmotionEstimate: ...


_FACTORIES: dict[str, Callable[[], Analyser]] = {}
_INSTANCES: dict[str, Analyser] = {}


def register(kind: str, factory: Callable[[], Analyser]) -> None:
    _FACTORIES[kind] = factory
    _INSTANCES.pop(kind, None)


def create(kind: str) -> Analyser:
    """The analyser for a kind of part, built once per process."""
    if kind not in _FACTORIES:
        raise ModelUnavailable(f"no analyser for {kind!r}; available: {', '.join(available())}")
    if kind not in _INSTANCES:
        _INSTANCES[kind] = _FACTORIES[kind]()
    return _INSTANCES[kind]


def available() -> list[str]:
    return sorted(_FACTORIES)


def _text() -> Analyser:
    from moodify.analysers.text import TextAnalyser

    return TextAnalyser()


register("text", _text)


def _image() -> Analyser:
    from moodify.analysers.image import ImageAnalyser

    return ImageAnalyser()


def _audio() -> Analyser:
    from moodify.analysers.sound import SoundAnalyser

    return SoundAnalyser()


def _video() -> Analyser:
    from moodify.analysers.video import VideoAnalyser

    return VideoAnalyser(create("image"), create("audio"))


register("image", _image)
register("audio", _audio)
register("video", _video)
