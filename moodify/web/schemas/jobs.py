"""Long work a request starts, and what each kind of job leaves once done."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from moodify.web.schemas.base import Emotion, ResponseBody
from moodify.web.schemas.music import Licence
from moodify.web.schemas.reading import Analysis


class AnalysisResult(ResponseBody):
    """A post read with its files kept (keep=true)."""

    analysis_id: int


class ImportedTrack(ResponseBody):
    id: int
    name: str = Field(description="the upload's file name")
    title: str
    artist: str | None
    duration_s: float
    emotion: Emotion
    valence: float
    arousal: float
    tempo: float
    key: str


class SkippedFile(ResponseBody):
    id: int = Field(description="the track it already is")
    name: str
    reason: str


class FailedFile(ResponseBody):
    name: str
    reason: str


class ImportResult(ResponseBody):
    imported: list[ImportedTrack]
    skipped: list[SkippedFile]
    failed: list[FailedFile]


class RenderResult(ResponseBody):
    """The finished video (download it from /renders/{job_id}/file), with the credit line to paste."""

    track_id: int
    duration: float
    start: float
    loudness_lufs: float
    video_copied: bool = Field(description="the picture was copied, not re-encoded")
    speech: list[list[float]] = Field(description="[start, end] of each stretch of speech the music ducked under")
    licence: Licence
    attribution: str | None


class FetchResult(ResponseBody):
    track_id: int
    duration_s: float
    tempo: float | None = None
    fetched: bool = Field(description="false: your own file, nothing to fetch")


class FoundTrack(ResponseBody):
    id: int
    title: str
    artist: str | None
    emotion: Emotion
    valence: float
    arousal: float
    licence: Licence
    duration_s: float | None
    url: str | None


class SkippedFind(ResponseBody):
    openverse_id: str
    title: str | None
    reason: str = Field(description="too_long, too_large, licence_unknown, no_derivatives, non_commercial, "
                        "download_refused, online_failed, audio_budget_full, ...")


class FindOnlineResult(ResponseBody):
    query: str = Field(description="the mood words sent to Openverse")
    added: list[FoundTrack]
    known: list[str] = Field(description="Openverse ids already here")
    skipped: list[SkippedFind]


# Each kind's result has fields no other has: the first that fits is the one.
JobResult = Annotated[ImportResult | FindOnlineResult | RenderResult | FetchResult | AnalysisResult,
                      Field(union_mode="left_to_right")]


class Job(ResponseBody):
    """Long work: its state and progress; what it left once done; its analysis when it read a post."""

    id: int
    kind: str = Field(description="analysis, import, render, fetch, find_online")
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    progress: float = Field(description="0-100")
    stage: str
    analysis_id: int | None
    error: str | None
    error_code: str | None = Field(description="why it failed, as a code (the error codes of the API, plus "
                                   "server_stopped, worker_died, internal)")
    result: JobResult | None
    analysis: Analysis | None = None
    created_at: str
    updated_at: str
