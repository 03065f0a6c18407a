"""Why Moodify says what it says, as data: the evidence of a reading, the reasons a track is in a
list, and why a stretch of a track was picked for a video. Each is an `Evidence`, a code with
parameters, `{"code": "caption", "params": {"snippet": "보고 싶다 ㅠㅠ", "emotion": "sadness",
"probability": 0.91}}`; the command line puts it into English (moodify/words.py), the web app into
Korean and English (frontend/src/explain/).

Every code and its parameters are listed here, once (READING, REASONS, SEGMENT). Parameters are
data: numbers (rounded to 4 decimals, never formatted), emotion labels as in moodify.emotion,
counts, a few fixed words listed with their code, and text people wrote themselves (a caption's
words, a data set's tags) that is shown as it is. Never a sentence, except in `text`: a reading
stored before codes, or an analyser plugin's own line, kept as written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from moodify.errors import InvalidInput


@dataclass(frozen=True)
class Code:
    """What a code says and what each of its parameters holds."""

    says: str
    params: dict[str, str]


def _code(says: str, **params: str) -> Code:
    return Code(says, params)


_PART = "the part's name (caption, photo 2, sound 1, video; a plugin's own)"
_PART_REF = "{part, kind, emotion, valence}: one part (part: its name, kind: text, image, audio, video or a plugin's)"

READING: dict[str, Code] = {
    # what was asked for, when there was no post
    "text": _code("a sentence kept as written: a reading stored before codes, or an analyser plugin's",
                  text="the sentence"),
    "asked_emotion": _code("the reading is the emotion asked for", emotion="the emotion"),
    "asked_point": _code("the reading is the point asked for", valence="-1..1", arousal="-1..1"),
    # a caption (moodify.analysers.text, moodify.models.cues)
    "caption": _code("what the caption reads as", snippet="the caption's first 40 characters, as written",
                     emotion="its strongest emotion", probability="that emotion's probability, 0..1"),
    "cue": _code("a sign in the caption that speaks for an emotion",
                 cue="emoji, crying (ㅠㅠ), laughing (ㅋㅋ, lol), exclamation (헐, omg), disgust_word or anger_slang",
                 sign="the sign as written in the caption", emotion="the emotion it speaks for"),
    "shouting": _code("written loudly (!!! or capitals): more arousal"),
    "language": _code("the language the caption was read as",
                      language="ko, en or ko_en (both)", chunks="pieces a long caption was read in (1: whole)"),
    # a photo (moodify.analysers.image, affect)
    "no_faces": _code("no faces were found in the photo"),
    "faces": _code("the faces' expressions", count="faces found",
                   faces="[{emotion, probability}]: the largest three, largest first"),
    "no_clip": _code("warning: CLIP weights are not installed (`moodify models install clip --from DIR`), so the "
                     "whole photo is read from its colour and light"),
    "clip": _code("the whole photo, read by CLIP", emotion="its strongest emotion", probability="0..1"),
    "colour": _code("the whole photo's colour and light (Valdez & Mehrabian 1994)",
                    light="bright, mid or dark", saturation="vivid, moderate or muted", tone="warm, neutral or cool",
                    valence="-1..1", arousal="-1..1"),
    # sound (moodify.analysers.sound)
    "near_silence": _code("a clip that is nearly silent, read as calm"),
    "voice": _code("speech, by its prosody (the words are not heard)", seconds="of speech",
                   pitch_range="wide, moderate or narrow", loudness="loud, moderate or soft",
                   pace="fast, even or slow", arousal="-1..1"),
    "music": _code("music and other sound, by musicnn's tags and its acoustics", seconds="of it",
                   tags="its top three musicnn tags (moodify.models.musicnn.MSD_LABELS)",
                   mood_tags="[{tag, probability}]: its two strongest mood tags", tempo="beats per minute",
                   key="C, C#, D ... B", mode="major or minor", loudness_db="mean loudness, dBFS",
                   valence="-1..1", arousal="-1..1"),
    # a video (moodify.analysers.video)
    "frames": _code("the video's frames", frames="frames read", seconds="the video's length",
                    with_faces="frames with faces", emotion="the most common frame emotion",
                    count="frames with that emotion"),
    "mood_shift": _code("the video's mood turns", time="seconds into the video", emotion="the emotion from then"),
    "no_sound_track": _code("the video has no sound track"),
    "sound_track": _code("evidence about the video's sound track", evidence="{code, params}: one sound code"),
    # a post of several parts (moodify.fusion)
    "part": _code("one part of a post, in short", part=_PART, kind="text, image, audio, video or a plugin's",
                  emotion="the part's strongest emotion", probability="0..1",
                  evidence="{code, params}: the part's strongest evidence, or null"),
    "disagree": _code("two sure parts lie on opposite sides of the valence axis", a=_PART_REF, b=_PART_REF),
    "fused": _code("the post as a whole", emotion="its strongest emotion",
                   others="[{part, kind, emotion}]: up to two sure parts that read otherwise"),
}

REASONS: dict[str, Code] = {
    # what the track's own published annotation says (first in every track's reasons)
    "deam_rating": _code("DEAM listeners' mean ratings", valence="1..9", arousal="1..9"),
    "pmemo_rating": _code("PMEmo listeners' mean ratings", valence="0..1", arousal="0..1"),
    "quadrant": _code("the 4Q data set's quadrant and AllMusic mood words",
                      quadrant="Q1 (positive, energetic), Q2 (negative, energetic), Q3 (negative, calm) or "
                               "Q4 (positive, calm)",
                      moods="up to four AllMusic mood words, as published"),
    "film_rating": _code("film-music listeners' ratings (Soundtracks)",
                         scale="happy, sad, anger, fear or tender: the highest rated", rating="1..9",
                         valence="1..9", energy="1..9"),
    "tags": _code("the track's tags, mood words first", tags="up to five tags, as published"),
    "rated_point": _code("the track's place on the plane (no annotation to quote)", valence="-1..1",
                         arousal="-1..1"),
    # how it fits
    "point_vs_target": _code("the track's point against the list's target", valence="the track's, -1..1",
                             arousal="the track's, -1..1", target_valence="-1..1", target_arousal="-1..1",
                             mode="match (the target is the post), uplift or calm"),
    "reads_as": _code("the track's emotion against the post's", emotion="the track's", post_emotion="the post's"),
    "caption_fit": _code("its tags and title fit the caption", score="semantic fit, 0..1 (shown from 0.7)"),
    "like_liked": _code("it shares features with tracks the person liked",
                        features="[{kind, value}]: kind tag, genre, instrument or artist; value as published"),
}

SEGMENT: dict[str, Code] = {
    "whole_track": _code("the track is not longer than the video: it plays from its first beat",
                         duration="the track's seconds", video="the video's seconds"),
    "starts_on": _code("where the stretch starts", aligned_to="bar, beat or second", time="seconds into the track"),
    "loudness": _code("how loud the stretch is", db="its mean dBFS", mean_db="the track's mean dBFS",
                      loudest="true: the loudest stretch of the track"),
    "segment_mood": _code("the stretch's mood against the post's", valence="-1..1", arousal="-1..1",
                          target_valence="-1..1", target_arousal="-1..1"),
}

CODES: dict[str, Code] = {**READING, **REASONS, **SEGMENT}


def _plain(value: Any) -> Any:
    """A parameter as JSON data: numpy numbers become Python's, floats are rounded to 4 decimals,
    tuples become lists, nested Evidence its dict."""
    if isinstance(value, Evidence):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, str)):
        return value
    if hasattr(value, "item"):          # a numpy scalar
        value = value.item()
    if isinstance(value, float):
        return round(value, 4)
    return value


@dataclass(frozen=True)
class Evidence:
    """One code with its parameters (see the tables above)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str, **params: Any) -> Evidence:
        """A listed code with exactly its listed parameters (a slip is a bug, caught where it is made)."""
        if code not in CODES:
            raise ValueError(f"unknown evidence code {code!r}: list it in moodify/evidence.py")
        wanted = set(CODES[code].params)
        if set(params) != wanted:
            raise ValueError(f"{code} takes {sorted(wanted)}, got {sorted(params)}")
        return cls(code, _plain(params))

    @classmethod
    def text(cls, sentence: str) -> Evidence:
        return cls("text", {"text": sentence})

    @classmethod
    def from_dict(cls, data: Any) -> Evidence:
        """Read what `to_dict` writes; a plain sentence (a reading stored before codes) becomes
        `text`. Codes not listed here are kept: a newer or a plugin's, shown by its code."""
        if isinstance(data, str):
            return cls.text(data)
        if isinstance(data, Evidence):
            return data
        if isinstance(data, dict) and isinstance(data.get("code"), str) \
                and isinstance(data.get("params", {}), dict):
            return cls(data["code"], _plain(data.get("params", {})))
        raise InvalidInput("an evidence item is a sentence or {\"code\": \"...\", \"params\": {...}}, "
                           f"got {json.dumps(data, default=str)[:80]}")

    def to_dict(self) -> dict:
        return {"code": self.code, "params": self.params}

    def __hash__(self) -> int:
        return hash(json.dumps(self.to_dict(), sort_keys=True, default=str))


def stored_evidence(items: Any) -> list[dict]:
    """A stored reading's evidence as the API gives it: sentences of readings stored before codes
    become `text` items (no migration: rows are read as they are)."""
    return [Evidence.from_dict(item).to_dict() for item in items or ()]


def stored_reading(reading: dict) -> dict:
    """A stored reading (fused or a part's) with its evidence as codes."""
    return {**reading, "evidence": stored_evidence(reading.get("evidence"))}
