"""Reading a recommendation request (JSON from the API, or built by the CLI)."""

from __future__ import annotations

import math

from moodify.emotion import EmotionEstimate
from moodify.errors import InvalidInput
from moodify.recommend import Options



def reading_from_request(data: dict) -> EmotionEstimate:
    """{"emotion": name} | {"valence": v, "arousal": a} | {"reading": {...}} | {"probs": ...}."""
    if "reading" in data:
        if not isinstance(data["reading"], dict):
            raise InvalidInput("'reading' must be an object with 'probs' (and 'valence', 'arousal')")
        return EmotionEstimate.from_dict(data["reading"])
    if "probs" in data:
        return EmotionEstimate.from_dict(data)
    if "emotion" in data:
        if not isinstance(data["emotion"], str):
            raise InvalidInput("'emotion' must be a name such as \"sadness\" or \"슬픔\"")
        return EmotionEstimate.from_label(data["emotion"])
    if "valence" in data or "arousal" in data:
        if "valence" not in data or "arousal" not in data:
            raise InvalidInput("give both 'valence' and 'arousal', each in [-1, 1]")
        return EmotionEstimate.from_va(data["valence"], data["arousal"])
    raise InvalidInput("say what the post feels like: 'emotion', 'valence' and 'arousal', or a 'reading'")


def _typed(data: dict, name: str, kind, convert=None):
    value = data.get(name)
    if value is None:
        return None
    if kind is bool and not isinstance(value, bool):
        raise InvalidInput(f"'{name}' must be true or false")
    if kind in (int, float) and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise InvalidInput(f"'{name}' must be a number")
    if kind in (int, float) and not math.isfinite(value):
        raise InvalidInput(f"'{name}' must be a finite number")
    if kind is str and not isinstance(value, str):
        raise InvalidInput(f"'{name}' must be a string")
    if kind is list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidInput(f"'{name}' must be a list of strings")
        return tuple(value)
    return convert(value) if convert else value


def options_from_request(data: dict) -> Options:
    limit = _typed(data, "limit", int)
    if limit is not None and limit != int(limit):
        raise InvalidInput("'limit' must be a whole number")
    caption = _typed(data, "caption", str)
    if caption is not None and len(caption) > 20_000:
        raise InvalidInput("'caption' is longer than 20,000 characters")
    return Options(
        limit=int(limit) if limit is not None else 10,
        mode=_typed(data, "mode", str) or "match",
        instrumental=bool(_typed(data, "instrumental", bool)),
        min_duration=_typed(data, "min_duration", float),
        max_duration=_typed(data, "max_duration", float),
        genres=_typed(data, "genres", list) or (),
        exclude_genres=_typed(data, "exclude_genres", list) or (),
        caption=caption or None,
        own_music=bool(_typed(data, "own_music", bool)),
        usable="any" if data.get("usable") is None else _typed(data, "usable", str),
    )
