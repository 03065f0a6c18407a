"""A post's reading: its emotion as a whole and part by part, and the stored analyses."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from moodify.web.schemas.base import Coded, Emotion, Probs, ResponseBody

# Evidence is codes with parameters that the app puts into words (every code: moodify/evidence.py);
# a reading stored before codes gives its sentences as code `text` (params.text).
Evidence = Coded


class Reading(ResponseBody):
    """An emotion reading: the seven classes, the valence-arousal point, and why."""

    label: Emotion
    probs: Probs
    valence: float = Field(ge=-1, le=1)
    arousal: float = Field(ge=-1, le=1)
    confidence: float = Field(ge=0, le=1)
    evidence: list[Evidence]


class Part(Reading):
    """One part of a post (its caption, a photo, a sound clip, the video) and that part's reading,
    with what was found in it. Analysers that plugins register add details of their own."""

    model_config = ConfigDict(extra="allow")

    kind: str = Field(description="text, image, audio, video, or a plugin's kind")
    name: str = Field(description="caption, photo 1, sound 2, video, ...")
    file: str | None = Field(None, description="the file's name as it was uploaded")
    faces: int | None = None
    whole_image: str | None = Field(None, description="how the whole photo was read: clip, or colour_and_light "
                                    "(analyses stored earlier: a phrase)")
    seconds: float | None = None
    speech: list[list[float]] | None = Field(None, description="[start, end] of each stretch of speech, s")
    frames: int | None = None


class TimelinePoint(ResponseBody):
    """The video's emotion at one moment."""

    time: float
    label: Emotion
    valence: float
    arousal: float
    confidence: float
    faces: int
    scene_cut: bool


class ChosenTrack(ResponseBody):
    id: int
    title: str
    artist: str | None


class Analysis(ResponseBody):
    """A stored reading of a post."""

    id: int
    caption: str | None
    fused: Reading
    parts: list[Part]
    timeline: list[TimelinePoint] | None = Field(None, description="when the post had a video")
    chosen: list[ChosenTrack] | None = Field(None, description="in the history: the tracks chosen for it")
    created_at: str


class AnalysisPage(ResponseBody):
    analyses: list[Analysis]
    total: int
    page: int
    per_page: int
