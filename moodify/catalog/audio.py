"""A catalogue track's audio, fetched to be heard offline and put in a video: only where its
licence allows use in a video and its artist allows downloads.

    fetch(track) -> why not? (moodify.catalog.views.use_refusal: ND, NC when monetised,
                    download not allowed, a popular song...) -> download into
                    <instance>/catalog_audio/<source>/<track id><suffix> (size cap, progress)
                 -> it must decode as sound (an HTML error page does not) -> analysed like an own
                    import (beats, bars, loudness, mood per patch) -> a TrackAudio row

A track fetched once is not fetched again. Only the track's download URL is asked for.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import func, select

from moodify import config
from moodify.catalog.views import track_licence, use_refusal
from moodify.errors import InvalidInput, MoodifyError, NotFound, PayloadTooLarge
from moodify.media import MediaFile
from moodify.media import audio as audio_media
from moodify.online import downloads, http
from moodify.store import Store
from moodify.store.models import Track, TrackAudio
from moodify.words import REFUSALS

Progress = Callable[[float, str], None]

SUFFIXES = {"audio/mpeg": ".mp3", "audio/mp3": ".mp3", "audio/ogg": ".ogg", "audio/flac": ".flac",
            "audio/x-flac": ".flac", "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/mp4": ".m4a",
            "audio/aac": ".aac"}


class AudioBudgetFull(MoodifyError):
    """The disk the catalogue's audio may use is used up."""

    status = 507
    code = "audio_budget_full"


class UseRefused(MoodifyError):
    """This track may not (or cannot) go into a video here; `code` says why (views.use_refusal)."""

    status = 409

    def __init__(self, reason: str, track_id: int) -> None:
        super().__init__(f"track {track_id} cannot be used in a video: {REFUSALS[reason]}")
        self.code = reason


def audio_dir() -> Path:
    return config.instance_dir() / "catalog_audio"


def max_bytes() -> int:
    return int(config.current().max_download_mb * 2**20)


def stored(session, track_id: int) -> TrackAudio | None:
    """The track's fetched audio, if it is still on disk."""
    found = session.get(TrackAudio, track_id)
    return found if found is not None and Path(found.path).exists() else None


def fetched(session, track_ids: list[int]) -> dict[int, dict]:
    """track id -> the analysis of its fetched audio, for those whose file is still on disk."""
    rows = session.scalars(select(TrackAudio).where(TrackAudio.track_id.in_(track_ids)))
    return {row.track_id: row.analysis for row in rows if Path(row.path).exists()}


def fetch(store: Store, track_id: int, *, usable: str = "any", progress: Progress | None = None,
          folder: Path | None = None) -> dict:
    """The track's audio analysis (with its local `path`), downloading and analysing it first
    if needed, once even when asked from several threads at once. Raises UseRefused with the
    reason when its licence or artist does not allow it."""
    progress = progress or (lambda fraction, stage: None)
    with _lock_for(track_id):
        with store.session() as session:
            track = session.get(Track, track_id)
            if track is None:
                raise NotFound(f"no track with id {track_id}")
            have = stored(session, track_id)
            refusal = use_refusal(track, track_licence(track), have is not None, usable)
            if refusal:
                raise UseRefused(refusal, track_id)
            if have is not None:
                return have.analysis
            url, source, name = track.download_url, track.source, track.title or f"track {track_id}"
            if url is None:             # only an own import passes use_refusal without one
                raise UseRefused("no_audio_source", track_id)
        check_budget(store)
        progress(0.02, "downloading")

        def downloaded(done: int, total: int | None) -> None:
            if total:
                progress(0.02 + 0.5 * done / total, "downloading")
        got = downloads.download(url, (folder or audio_dir()) / source, service=source.capitalize(),
                                 max_bytes=max_bytes(), progress=downloaded)
        return analyse_and_store(store, track_id, keep_as(got, track_id), name, got.size, progress)


def keep_as(got: downloads.Downloaded, track_id: int) -> Path:
    """Move a download to its lasting name: the track's id and a suffix Moodify knows for its type,
    never a name from the service's data."""
    path = got.path.with_name(f"{track_id}{SUFFIXES.get(got.content_type, '.audio')}")
    got.path.replace(path)
    return path


def decoded(path: Path, name: str, *, max_seconds: float | None = None):
    """The downloaded file's sound (16 kHz mono); when it is not usable audio, the file is removed
    and DownloadRefused says why."""
    try:
        return audio_media.decode(MediaFile(path, name), max_seconds=max_seconds)
    except (InvalidInput, PayloadTooLarge) as exc:
        path.unlink(missing_ok=True)
        raise http.DownloadRefused(f"what was downloaded for {name!r} is not usable audio: {exc.message}") from None


_locks: dict[int, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(track_id: int) -> threading.Lock:
    """One download of a track at a time in this process (a second asker waits and reuses it)."""
    with _locks_guard:
        return _locks.setdefault(track_id, threading.Lock())


def check_budget(store: Store) -> None:
    """Refuse to download more once the catalogue's audio uses the catalog_audio_budget_mb setting."""
    budget = config.current().catalog_audio_budget_mb
    with store.session() as session:
        used = (session.scalar(select(func.sum(TrackAudio.size_bytes))) or 0) / 2**20
    if used >= budget:
        raise AudioBudgetFull(f"the catalogue's audio already uses {used:.0f} MB of its {budget:.0f} MB "
                              "(setting catalog_audio_budget_mb): raise it, or remove fetched audio")


def analyse_and_store(store: Store, track_id: int, path: Path, name: str, size: int,
                      progress: Progress | None = None) -> dict:
    """Check a downloaded file decodes as sound, analyse it like an own import, keep it as the
    track's audio."""
    from moodify import music

    progress = progress or (lambda fraction, stage: None)
    progress(0.55, "analysing")
    samples = decoded(path, name)
    digest = music.content_hash(path)
    analysis = music.analyse_samples(samples).to_annotation(path, digest)
    with store.session() as session:
        row = session.get(TrackAudio, track_id) or TrackAudio(track_id=track_id)
        row.path, row.sha256, row.size_bytes, row.analysis = str(path), digest, size, analysis
        session.merge(row)
    progress(1.0, "ready")
    return analysis


ESTIMATE_KBPS = 256     # Jamendo's mp32 downloads are VBR, mostly under this


@dataclass(frozen=True)
class FetchPlan:
    track_ids: list[int]
    estimated_mb: float
    over_budget: int        # tracks that would be fetched but do not fit the budget


def plan_fetch(store: Store, *, usable: str, limit: int, budget_mb: float) -> FetchPlan:
    """Which catalogue tracks `fetch-audio` would download: allowed in a video under `usable`,
    downloadable, not here yet, best-attested emotion first, within `limit` and the budget."""
    chosen: list[int] = []
    total_mb, over = 0.0, 0
    with store.session() as session:
        have = set(session.scalars(select(TrackAudio.track_id)))
        rows = session.scalars(select(Track).where(Track.owner_id.is_(None), Track.available.is_(True),
                                                   Track.download_url.is_not(None))
                               .order_by(Track.confidence.desc(), Track.id)).all()
        for track in rows:
            if len(chosen) + over >= limit:
                break
            if track.id in have or use_refusal(track, track_licence(track), False, usable):
                continue
            size = (track.duration_s or 240.0) * ESTIMATE_KBPS / 8 / 1024
            if total_mb + size > budget_mb:
                over += 1
                continue
            chosen.append(track.id)
            total_mb += size
    return FetchPlan(chosen, round(total_mb, 1), over)


def fetch_many(store: Store, track_ids: list[int], *, usable: str, budget_mb: float,
               progress: Callable[[int], None] | None = None) -> dict:
    """Fetch these tracks one by one, stopping before the disk used passes the budget."""
    fetched, failed, used = [], [], 0
    for done, track_id in enumerate(track_ids, start=1):
        if used / 2**20 >= budget_mb:
            failed.append({"track_id": track_id, "reason": "the disk budget is used up"})
            continue
        try:
            fetch(store, track_id, usable=usable)
            with store.session() as session:
                kept = session.get(TrackAudio, track_id)
                used += kept.size_bytes if kept is not None else 0     # None: removed meanwhile
            fetched.append(track_id)
        except MoodifyError as exc:
            failed.append({"track_id": track_id, "reason": exc.message})
        if progress:
            progress(done)
    return {"fetched": fetched, "failed": failed, "used_mb": round(used / 2**20, 2)}
