"""More music from Openverse (keyless): Creative Commons tracks found by the mood words of an
emotion, heard and judged on this machine, added to the catalogue as source "openverse".

    emotion -> its mood words ("sad | melancholic | lonely"; Openverse ANDs words, | is OR)
    -> search, music only (commercial + modification licences when monetised), pages of 20
    -> each candidate: already here? too long, too large, NoDerivatives (cannot go into a
       video)? -> download (size cap; must decode as sound) -> the music tagger and the same
       reading own imports get (moodify.library) -> a Track with its full licence, and its audio
       kept so it can be heard and put in a video at once

Only the mood words are sent; the downloads are of the candidates' own files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from moodify import config
from moodify import recommend as ranking
from moodify.catalog import audio as catalog_audio
from moodify.catalog.build import track_row
from moodify.catalog.moodwords import EMOTION_WORDS
from moodify.catalog.sources import SourceTrack
from moodify.catalog.vectors import ensure_vectors, track_units
from moodify.catalog.views import track_view
from moodify.emotion import EMOTIONS, EmotionEstimate
from moodify.errors import MoodifyError
from moodify.licence import licence_for
from moodify.online import downloads
from moodify.online.openverse import OpenverseAudio, OpenverseClient
from moodify.store import Store
from moodify.store.models import Track, TrackAudio

SOURCE = "openverse"
WORDS_PER_QUERY = 4
MAX_PAGES = 3
Progress = Callable[[float, str], None]


def mood_words(label: str) -> list[str]:
    """The words that name an emotion most plainly (weight 1 in EMOTION_WORDS), a few of them."""
    if label == "neutral":
        return ["calm", "peaceful", "ambient", "relaxing"]
    named = [w for w, weight in EMOTION_WORDS[label].items() if weight >= 1 and " " not in w]
    return named[:WORDS_PER_QUERY]


def query_for(reading: EmotionEstimate, mode: str) -> str:
    target = ranking.target_for(reading, mode)
    label = EMOTIONS[int(target.probs.argmax())]
    return " | ".join(mood_words(label))


def _refusal(found: OpenverseAudio, known: set[str], usable: str) -> str | None:
    """Why a search result is not added (a code), or None."""
    if found.id in known:
        return "known"
    if found.duration_s is not None and found.duration_s > config.current().max_online_track_seconds:
        return "too_long"
    if found.filesize is not None and found.filesize > catalog_audio.max_bytes():
        return "too_large"
    licence = licence_for(SOURCE, licence_url=found.license_url, stated=_stated(found))
    if licence.kind != "creative-commons" or licence.video_sync is None:
        return "licence_unknown"
    if licence.video_sync is False:
        return "no_derivatives"
    if usable == "monetised" and not licence.commercial_use:
        return "non_commercial"
    return None


def _stated(found: OpenverseAudio) -> str:
    """The licence as a code moodify.licence reads: "CC BY-NC 4.0", "CC0 1.0", "PDM 1.0"."""
    version = found.license_version or ""
    if found.license in ("cc0", "pdm"):
        return f"{found.license.upper()} {version or '1.0'}"
    return f"CC {found.license} {version}".strip()


def find_online(store: Store, reading: EmotionEstimate, *, limit: int = 20, usable: str = "any",
                mode: str = "match", progress: Progress | None = None, folder: Path | None = None) -> dict:
    """Search, judge, download and add up to `limit` tracks; what was added, known, skipped."""
    progress = progress or (lambda fraction, stage: None)
    client = OpenverseClient.from_settings()
    query = query_for(reading, mode)
    max_seconds = config.current().max_online_track_seconds
    with store.session() as session:
        known = set(session.scalars(select(Track.source_id).where(Track.source == SOURCE)))
    added: list[dict] = []
    report = {"query": query, "added": added, "known": [], "skipped": []}
    for page in range(1, MAX_PAGES + 1):
        progress(0.02, "searching Openverse")
        found = client.search_audio(query, commercial_and_modification=usable == "monetised",
                                    page=page, max_seconds=max_seconds)
        for candidate in found.results:
            if len(added) >= limit:
                break
            _consider(store, candidate, known, usable, report, (folder or catalog_audio.audio_dir()) / SOURCE)
            progress(min(0.98, len(added) / limit), f"added {len(added)} of {limit}")
        if len(added) >= limit or page >= found.page_count:
            break
    _embed_texts(store, [t["id"] for t in added])
    progress(1.0, "done")
    return report


def _consider(store: Store, candidate: OpenverseAudio, known: set[str], usable: str, report: dict,
              folder: Path) -> None:
    reason = _refusal(candidate, known, usable)
    if reason == "known":
        report["known"].append(candidate.id)
        return
    if reason is None:
        try:
            catalog_audio.check_budget(store)
            added = add(store, candidate, folder)
            known.add(candidate.id)
            if added is None:                   # someone else added it meanwhile
                report["known"].append(candidate.id)
            else:
                report["added"].append(added)
            return
        except MoodifyError as exc:
            reason = exc.code if exc.code != "internal" else "download_failed"
    report["skipped"].append({"openverse_id": candidate.id, "title": candidate.title, "reason": reason})


def add(store: Store, found: OpenverseAudio, folder: Path) -> dict | None:
    """Download one result, read its emotion from its sound, and store it as a catalogue track
    with its audio; None when it is already in the catalogue."""
    from moodify import music

    got = downloads.download(found.url, folder, service="Openverse", max_bytes=catalog_audio.max_bytes())
    samples = catalog_audio.decoded(got.path, found.title or found.id,
                                    max_seconds=config.current().max_online_track_seconds)
    analysis = music.analyse_samples(samples)
    item = _source_track(found, analysis)
    digest = music.content_hash(got.path)
    path = got.path
    try:
        with store.session() as session:
            session.execute(Track.__table__.insert(), [track_row(item)])
            track = session.scalars(select(Track).where(Track.source == SOURCE,
                                                        Track.source_id == item.source_id)).one()
            path = catalog_audio.keep_as(got, track.id)
            track.stream_url, track.download_url, track.download_allowed = found.url, found.url, True
            session.add(TrackAudio(track_id=track.id, path=str(path), sha256=digest, size_bytes=got.size,
                                   analysis=analysis.to_annotation(path, digest)))
            session.flush()
            view = track_view(track, has_audio=True)
    except IntegrityError:
        path.unlink(missing_ok=True)
        return None
    return {k: view[k] for k in ("id", "title", "artist", "emotion", "valence", "arousal", "licence",
                                 "duration_s", "url")}


def _source_track(found: OpenverseAudio, analysis) -> SourceTrack:
    published = {k: getattr(found, k) for k in ("id", "title", "creator", "creator_url", "foreign_landing_url",
                                                "license", "license_version", "license_url", "attribution",
                                                "provider", "source", "filetype")}
    return SourceTrack(
        source=SOURCE, source_id=found.id[:128], license=_stated(found)[:200], licence_url=found.license_url,
        annotation={"openverse": published, "tags": list(found.tags), "reading": analysis.reading,
                    "musicnn": analysis.tags},
        title=(found.title or found.id)[:400], artist=(found.creator or None) and found.creator[:400],
        url=found.foreign_landing_url, duration_s=round(analysis.duration, 2),
        mood_tags=tuple(dict.fromkeys(t.lower() for t in (*analysis.tags, *found.tags[:10])))[:16],
        genres=tuple(g.lower() for g in found.genres))


def _embed_texts(store: Store, track_ids: list[int]) -> None:
    """Vectors for the new tracks' tags and titles, so caption fit reaches them too."""
    if not track_ids:
        return
    with store.session() as session:
        texts: set[str] = set()
        for track in session.scalars(select(Track).where(Track.id.in_(track_ids))):
            texts.update(t for t, _ in track_units(mood_tags=track.mood_tags, genres=track.genres,
                                                   instruments=track.instruments, title=track.title,
                                                   album=track.album))
        ensure_vectors(session, texts)

