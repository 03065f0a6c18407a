"""Tracks as a person meets them: look one up, search, hear it (its audio when it is here), fetch
a catalogue track's audio where its licence allows, delete one of their own imports, and find
more Creative Commons music online."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from moodify import find_online as openverse
from moodify import privacy
from moodify import recommend as ranking
from moodify.catalog import audio as catalog_audio
from moodify.catalog.views import track_licence, track_view, use_refusal
from moodify.domain import jobs
from moodify.domain.installation import Installation
from moodify.domain.viewer import Viewer, check_id, check_page
from moodify.emotion import EmotionEstimate, normalise_label
from moodify.errors import Forbidden, InvalidInput, NotFound
from moodify.licence import USABLE
from moodify.online.http import require_online
from moodify.store.models import Track


def visible(session: Session, viewer: Viewer, track_id: int) -> Track:
    """A catalogue track, or one the viewer imported; never another person's."""
    track = session.get(Track, check_id(track_id, "track"))
    if track is None or track.owner_id not in (None, viewer.id(session)):
        raise NotFound(f"no track with id {track_id}")
    return track


def track(app: Installation, viewer: Viewer, track_id: int) -> dict:
    with app.store.session() as session:
        found = visible(session, viewer, track_id)
        return track_view(found, has_audio=catalog_audio.stored(session, found.id) is not None)


def search(app: Installation, viewer: Viewer, *, q: str | None = None, source: str | None = None,
           emotion: str | None = None, page: int = 1, per_page: int = 20) -> tuple[list[dict], int]:
    """Tracks whose title, artist or tags contain q, filtered, one page of them."""
    check_page(page, per_page)
    query = select(Track)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(func.lower(Track.title).like(like),
                                func.lower(Track.artist).like(like),
                                func.lower(cast(Track.mood_tags, String)).like(like),
                                func.lower(cast(Track.genres, String)).like(like),
                                func.lower(cast(Track.instruments, String)).like(like)))
    if source:
        query = query.where(Track.source == source)
    if emotion:
        query = query.where(Track.emotion == normalise_label(emotion))
    with app.store.session() as session:
        query = query.where(or_(Track.owner_id.is_(None), Track.owner_id == viewer.id(session)))
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(query.order_by(Track.id).offset((page - 1) * per_page).limit(per_page)).all()
        fetched = catalog_audio.fetched(session, [t.id for t in rows])
        return [track_view(t, has_audio=t.id in fetched) for t in rows], total


VOCABULARY_SIZE = 40        # words of each kind: enough to choose from, few enough to scan


def vocabulary(app: Installation, viewer: Viewer, *, most: int = VOCABULARY_SIZE) -> dict[str, list[dict]]:
    """The catalogue's own words for choosing music: its genres and mood tags, each with how many
    tracks the viewer can be given carry it (the catalogue and their own imports), most common first."""
    with app.store.session() as session:
        viewer_id = viewer.id(session)
        index = app.index(session)
    return {kind: [{"word": word, "count": count} for word, count in index.word_counts(prefix, viewer_id)[:most]]
            for kind, prefix in (("genres", "genre"), ("moods", "tag"))}


def audio(app: Installation, viewer: Viewer, track_id: int) -> tuple[Track, dict]:
    """A track whose audio is on this machine (imported, or fetched from its service) and the
    analysis of that audio (its `path`, beats, bars, loudness), detached."""
    with app.store.session() as session:
        found = visible(session, viewer, track_id)
        fetched = catalog_audio.stored(session, found.id)
        session.expunge(found)
    if found.source == "user":
        return found, found.annotation
    if fetched is None:
        raise NotFound(f"track {track_id}'s audio is not on this machine: use it in a video first "
                       "(it is fetched then, where its licence allows)")
    return found, fetched.analysis


def usable_in_video(app: Installation, viewer: Viewer, track_id: int, usable: str) -> Track:
    """The track, if it may go into a video under `usable`; else UseRefused with the reason."""
    if usable not in USABLE:
        raise InvalidInput(f"usable must be one of {', '.join(USABLE)}, got {usable!r}")
    with app.store.session() as session:
        found = visible(session, viewer, track_id)
        refusal = use_refusal(found, track_licence(found), catalog_audio.stored(session, track_id) is not None,
                              usable)
        if refusal:
            raise catalog_audio.UseRefused(refusal, track_id)
        return found


def fetch_audio(app: Installation, viewer: Viewer, track_id: int, *, usable: str = "any", progress=None) -> dict:
    """Download and analyse a catalogue track's audio where its licence allows use in a video."""
    with app.store.session() as session:
        found = visible(session, viewer, track_id)
        if found.source == "user":
            return {"track_id": found.id, "duration_s": found.annotation["duration_s"], "fetched": False}
    analysis = catalog_audio.fetch(app.store, track_id, usable=usable, progress=progress, folder=app.audio_folder)
    return {"track_id": track_id, "duration_s": analysis["duration_s"], "tempo": analysis["tempo"], "fetched": True}


def start_fetch(app: Installation, viewer: Viewer, track_id: int, *, usable: str = "any") -> dict:
    """`fetch_audio` as a job; refused at once (with the reason) where it cannot be done."""
    usable_in_video(app, viewer, track_id, usable)
    return jobs.start(app, viewer, "fetch", {"track_id": track_id, "user": viewer.name, "usable": usable})


def delete(app: Installation, viewer: Viewer, track_id: int) -> None:
    """Remove one of the viewer's imported tracks, its feedback, and its file when no other track
    plays from it. Catalogue tracks and other people's are not theirs to delete."""
    with app.store.session() as session:
        found = visible(session, viewer, track_id)
        if found.owner_id is None:
            raise Forbidden(f"track {track_id} is part of the catalogue: only imported tracks can be deleted")
    privacy.delete_tracks(app.store, [track_id])


def find_online(app: Installation, reading: EmotionEstimate, *, limit: int = 20, usable: str = "any",
                mode: str = "match", progress=None) -> dict:
    """Add Creative Commons music for this reading from Openverse (moodify.find_online)."""
    ranking.Options(limit=min(limit, 200), mode=mode, usable=usable)      # checks the arguments
    return openverse.find_online(app.store, reading, limit=limit, usable=usable, mode=mode,
                                 folder=app.audio_folder, progress=progress)


def start_find_online(app: Installation, viewer: Viewer, reading: EmotionEstimate, *, limit: int = 20,
                      usable: str = "any", mode: str = "match") -> dict:
    """`find_online` as a job: its result is {query, added, known, skipped}."""
    ranking.Options(limit=min(limit, 200), mode=mode, usable=usable)
    require_online("Openverse")
    return jobs.start(app, viewer, "find_online", {"reading": reading.to_dict(), "limit": limit,
                                                   "usable": usable, "mode": mode})


def file_of(app: Installation, viewer: Viewer, track_id: int) -> Path:
    """The audio file of an imported or fetched track, for a player."""
    _, analysis = audio(app, viewer, track_id)
    path = Path(analysis["path"])
    if not path.exists():
        raise NotFound(f"the file of track {track_id} is gone: import it again")
    return path
