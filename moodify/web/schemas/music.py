"""Tracks as the API shows them, what their licences allow, and lists of recommendations."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from moodify.web.schemas.base import Coded, Emotion, FeedbackKind, LicenceKind, Mode, Probs, ResponseBody, Usable
from moodify.web.schemas.reading import Reading

# Why a track cannot go into a video here: the codes of moodify.catalog.views.use_refusal.
UseReason = Literal["platform_only", "licence_not_checked", "licence_unknown", "no_derivatives", "non_commercial",
                    "download_not_allowed", "no_audio_source", "unavailable", "offline"]


class Licence(ResponseBody):
    """What a track's licence lets a person do (moodify.licence)."""

    kind: LicenceKind
    code: str | None = Field(description="e.g. CC BY-NC-SA 3.0, CC0 1.0, PDM 1.0")
    url: str | None = Field(description="the licence deed")
    commercial_use: bool | None = Field(description="null: not known")
    video_sync: bool | None = Field(description="may be put in timed relation to a video (an adaptation: not "
                                    "under ND licences); null: not known")
    attribution: str | None = Field(description="the credit line to paste under the post")
    share_alike: bool = Field(description="the video must be shared under the same licence")


class Use(ResponseBody):
    """Whether the track can be put into a video here, and if not, why."""

    video: bool
    reason: UseReason | None
    needs_download: bool = Field(description="its audio is fetched first (POST /tracks/{id}/fetch, or by the render)")


class FindOn(ResponseBody):
    """Searches for a popular song, to add it from a platform's music picker."""

    youtube_music: str
    spotify: str
    apple_music: str


class Track(ResponseBody):
    """A track, what its licence allows, and whether it can be heard and put into a video here."""

    id: int
    title: str
    artist: str | None
    album: str | None
    source: str
    source_id: str
    tags: list[str]
    genres: list[str]
    instruments: list[str]
    emotion: Emotion
    probs: Probs
    valence: float
    arousal: float
    duration_s: float | None
    instrumental: bool | None
    url: str | None
    sample_url: str | None
    license: str = Field(description="the licence as its source states it (prose); see `licence`")
    licence: Licence
    find_on: FindOn | None = Field(description="popular songs: where to find them")
    image_url: str | None
    preview_url: str | None = Field(description="audio a player can play, when there is any")
    playable: bool = Field(description="preview_url is set")
    available: bool = Field(description="false: its service no longer has it")
    enriched_at: str | None = Field(description="when its service was last asked about it")
    use: Use
    annotation: dict[str, Any] = Field(description="the track's annotation as published")


class SuggestedSegment(ResponseBody):
    """Where the preview starts and the video's music comes from."""

    start: float
    end: float
    basis: Literal["analysed", "estimated"] = Field(
        description="analysed: the best stretch of the audio on this machine; estimated: a quarter in")


class RecommendedTrack(Track):
    """A track in a list of recommendations: how well it fits, and why."""

    score: float
    score_parts: dict[str, float] = Field(description="fit, closeness, semantic (with a caption), base, personal")
    reasons: list[Coded] = Field(description="why, as codes with parameters (moodify/evidence.py: REASONS)")
    feedback: FeedbackKind | None = Field(description="this person's latest feedback on the track")
    segment: SuggestedSegment | None


class JamendoLookedUp(ResponseBody):
    code: Literal["jamendo_looked_up"]
    count: int
    unavailable: int


class JamendoLookupFailed(ResponseBody):
    code: Literal["jamendo_lookup_failed"]
    reason: str = Field(description="an error code")


Remedy = Literal["set_jamendo_client_id", "enrich_jamendo", "find_online", "import_own"]


class Shortfall(ResponseBody):
    """Fewer tracks than asked for, and what would give more."""

    code: Literal["shortfall"]
    asked: int
    found: int
    usable: Usable
    remedies: list[Remedy]


# What a list says beside its tracks (moodify.listing).
Notice = Annotated[JamendoLookedUp | JamendoLookupFailed | Shortfall, Field(discriminator="code")]


class Online(ResponseBody):
    """Which online features are on."""

    offline: bool
    jamendo: Literal["on", "offline", "no_client_id"]
    openverse: Literal["on", "offline"]


class Target(ResponseBody):
    """The point on the valence-arousal plane the list aims at."""

    mode: Mode
    valence: float
    arousal: float


class RecommendationList(ResponseBody):
    recommendation_id: int
    reading: Reading
    target: Target
    tracks: list[RecommendedTrack]
    notices: list[Notice]
    online: Online


class TrackPage(ResponseBody):
    tracks: list[Track]
    total: int
    page: int
    per_page: int


class WordCount(ResponseBody):
    word: str = Field(description="as the catalogue spells it; send it back as a genre to filter by")
    count: int = Field(ge=1, description="tracks that carry it")


class Vocabulary(ResponseBody):
    """The catalogue's own words for choosing music, for the tracks this person can be given (the
    catalogue and their own imports): the most common first, at most 40 of each."""

    genres: list[WordCount]
    moods: list[WordCount] = Field(description="mood tags")


class Segment(ResponseBody):
    """The best stretch of a track for a video, and what the app needs to draw it."""

    track_id: int
    duration_s: float
    start: float
    end: float
    aligned_to: Literal["bar", "beat", "second"]
    reasons: list[Coded] = Field(description="why this stretch, as codes (moodify/evidence.py: SEGMENT)")
    energy_db: float
    energy: list[float] = Field(description="dBFS per second of the track")
    downbeats: list[float] = Field(description="bar starts, seconds")


class FeedbackEvent(ResponseBody):
    id: int
    track_id: int
    kind: FeedbackKind
    user: str
