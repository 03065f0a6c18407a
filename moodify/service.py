"""What a person can ask of Moodify, as plain functions over a store. The CLI and the web
API are thin doors into this module."""

from __future__ import annotations

import dataclasses
from pathlib import Path
import threading
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from moodify import recommend as ranking
from moodify.catalog.index import CatalogIndex, catalog_version, load_index
from moodify.emotion import EMOTIONS, EmotionEstimate, normalise_label
from moodify.errors import InvalidInput, NotFound
from moodify.models import e5
from moodify.reasons import reasons
from moodify.store import Store
from moodify import segments
from moodify import config
from moodify.jobs import JobRunner, job_view, remove_dir
from moodify.media import MediaFile
from moodify.pipeline import Post, PostReading, analyse_post
from moodify.store.models import (Analysis, Feedback, Recommendation, RecommendationItem, Track,
                                  User)

FEEDBACK_WEIGHTS = {"like": 1.0, "chosen": 2.0, "skip": -1.0}
PROFILE_HISTORY = 500  # feedback events a profile is built from, newest first


@dataclass(frozen=True)
class RecommendationList:
    id: int | None
    reading: EmotionEstimate
    target: ranking.Target
    tracks: list[dict]

    def to_dict(self) -> dict:
        return {"recommendation_id": self.id, "reading": self.reading.to_dict(),
                "target": {"mode": self.target.mode, "valence": round(self.target.valence, 4),
                           "arousal": round(self.target.arousal, 4)},
                "tracks": self.tracks}


# Sources whose published sample URLs point at hosts that no longer serve them (4Q's AllMusic
# previews): kept as `sample_url`, not offered as a `preview_url` a player would fail on.
RETIRED_PREVIEW_SOURCES = {"4q"}


def track_view(track: Track) -> dict:
    """The public face of a track, as the API and CLI print it."""
    return {
        "id": track.id, "title": track.title or _fallback_title(track), "artist": track.artist,
        "album": track.album, "source": track.source, "source_id": track.source_id,
        "tags": list(track.mood_tags), "genres": list(track.genres),
        "instruments": list(track.instruments), "emotion": track.emotion,
        "probs": {e: round(p, 4) for e, p in zip(EMOTIONS, track.probs)},
        "valence": round(track.valence, 4), "arousal": round(track.arousal, 4),
        "duration_s": track.duration_s, "instrumental": track.instrumental,
        "url": track.url, "sample_url": track.sample_url, "license": track.license,
        "preview_url": (f"/api/v1/tracks/{track.id}/audio" if track.source == "user" else
                        None if track.source in RETIRED_PREVIEW_SOURCES else track.sample_url),
        "annotation": track.annotation,
    }


MAX_ID = 2**63 - 1


def _check_id(value: int, what: str) -> int:
    """Ids beyond a 64-bit integer cannot exist; say so instead of overflowing the driver."""
    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no {what} with id {value}")
    return value


def _analysis_view(stored: Analysis) -> dict:
    view = {"id": stored.id, "caption": stored.caption, "fused": stored.reading,
            "parts": stored.parts, "created_at": stored.created_at.isoformat() + "Z"}
    if stored.timeline is not None:
        view["timeline"] = stored.timeline
    return view


def _fallback_title(track: Track) -> str:
    if track.source == "jamendo":
        return f"Jamendo track {int(track.source_id.split('_')[1])}"
    return f"{track.source} {track.source_id}"


class Moodify:
    """One installation: its store, and the catalogue index built from it (cached)."""

    def __init__(self, store: Store, *, semantic: bool = True, default_user: str = "local") -> None:
        self.store = store
        self.semantic = semantic
        self.default_user = default_user
        self._index: CatalogIndex | None = None
        self._index_lock = threading.Lock()
        self.jobs = JobRunner(store, self, config.get("jobs"))

    # -- catalogue ---------------------------------------------------------------------
    def index(self, session: Session) -> CatalogIndex:
        """The cached index, reloaded when tracks were added or removed."""
        version = catalog_version(session)
        with self._index_lock:
            if self._index is None or self._index.version != version:
                self._index = load_index(session)
            return self._index

    def _viewer(self, session: Session, user: str | None) -> int:
        """The user's id, or -1 for a name never seen (who owns nothing); never creates one."""
        found = session.scalar(select(User.id).where(User.name == (user or self.default_user).strip()))
        return -1 if found is None else found

    def track(self, track_id: int, *, user: str | None = None) -> dict:
        with self.store.session() as session:
            track = session.get(Track, _check_id(track_id, "track"))
            if track is None or track.owner_id not in (None, self._viewer(session, user)):
                raise NotFound(f"no track with id {track_id}")
            return track_view(track)

    def search_tracks(self, *, q: str | None = None, source: str | None = None,
                      emotion: str | None = None, page: int = 1, per_page: int = 20,
                      user: str | None = None) -> tuple[list[dict], int]:
        """Tracks whose title, artist or tags contain q, filtered, one page of them."""
        if page < 1 or not 1 <= per_page <= 100:
            raise InvalidInput("page must be at least 1 and per_page between 1 and 100")
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
        with self.store.session() as session:
            viewer = self._viewer(session, user)
            query = query.where(or_(Track.owner_id.is_(None), Track.owner_id == viewer))
            total = session.scalar(select(func.count()).select_from(query.subquery()))
            rows = session.scalars(query.order_by(Track.id).offset((page - 1) * per_page)
                                   .limit(per_page)).all()
            return [track_view(t) for t in rows], total

    # -- users and feedback ------------------------------------------------------------
    def _user(self, session: Session, name: str | None) -> User:
        name = (name or self.default_user).strip()
        if not name or len(name) > 150:
            raise InvalidInput("a user name must have 1 to 150 characters")
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            user = User(name=name)
            session.add(user)
            session.flush()
        return user

    def feedback(self, *, track_id: int, kind: str, user: str | None = None,
                 recommendation_id: int | None = None) -> dict:
        if kind not in FEEDBACK_WEIGHTS:
            raise InvalidInput(f"kind must be one of {', '.join(FEEDBACK_WEIGHTS)}, got {kind!r}")
        with self.store.session() as session:
            owner = self._user(session, user)
            track = session.get(Track, _check_id(track_id, "track"))
            if track is None or track.owner_id not in (None, owner.id):
                raise NotFound(f"no track with id {track_id}")
            if recommendation_id is not None:
                shown = session.get(Recommendation, _check_id(recommendation_id, "recommendation"))
                if shown is None or shown.user_id != owner.id:
                    raise NotFound(f"no recommendation with id {recommendation_id}")
            event = Feedback(user_id=owner.id, track_id=track_id, kind=kind,
                             recommendation_id=recommendation_id)
            session.add(event)
            session.flush()
            return {"id": event.id, "track_id": track_id, "kind": kind, "user": owner.name}

    def profile(self, session: Session, user: User, index: CatalogIndex) -> ranking.Profile:
        """Feature weights from the user's feedback: liked features up, skipped ones down."""
        events = session.execute(select(Feedback.track_id, Feedback.kind)
                                 .where(Feedback.user_id == user.id)
                                 .order_by(Feedback.id.desc()).limit(PROFILE_HISTORY)).all()
        weights: dict[str, float] = {}
        for track_id, kind in events:
            row = index.row_of.get(track_id)
            if row is None:
                continue
            for column in index.features[row].indices:
                name = index.feature_names[column]
                weights[name] = weights.get(name, 0.0) + FEEDBACK_WEIGHTS[kind]
        return ranking.Profile({k: v for k, v in weights.items() if v != 0})

    # -- analyses -----------------------------------------------------------------------
    def analyse(self, post: Post, *, user: str | None = None) -> dict:
        """Read a post now, store the reading, return it with its id."""
        return self.store_analysis(post, analyse_post(post), user)

    def store_analysis(self, post: Post, reading: PostReading, user: str | None) -> dict:
        with self.store.session() as session:
            owner = self._user(session, user)
            stored = Analysis(user_id=owner.id, caption=post.caption, reading=reading.fused.to_dict(),
                              parts=[p.to_dict() for p in reading.parts],
                              timeline=list(reading.timeline) if reading.timeline is not None else None)
            session.add(stored)
            session.flush()
            return _analysis_view(stored)

    def start_analysis(self, post: Post, *, user: str | None = None, cleanup_dir: Path | None = None,
                       keep_dir: Path | None = None) -> dict:
        """Check the post's files now, read it in a worker; the job to poll. `cleanup_dir` (the
        uploaded files) is removed when the job ends, or now if the post is refused; with
        `keep_dir` (the kept files' root) they are kept there, under the analysis id."""
        try:
            post.check_media()
            with self.store.session() as session:
                owner_id = self._user(session, user).id
        except Exception:
            remove_dir(cleanup_dir)
            raise
        job_id = self.jobs.create(owner_id, "analysis")
        files = lambda items: [[str(m.path), m.name] for m in items]  # noqa: E731
        self.jobs.submit(job_id, "analysis", {
            "caption": post.caption, "images": files(post.images), "audio": files(post.audio),
            "video": [str(post.video.path), post.video.name] if post.video else None, "user": user,
            "keep_dir": str(keep_dir) if keep_dir else None}, cleanup_dir)
        return self.job(job_id, user=user)

    # -- the person's own music ------------------------------------------------------------
    def import_dir(self, folder: Path, progress=None, *, user: str | None = None):
        """Import a folder of the user's music (moodify.library.import_dir)."""
        from moodify import library

        with self.store.session() as session:
            owner_id = self._user(session, user).id
        return library.import_dir(self.store, folder, progress, owner_id=owner_id)

    def user_track(self, track_id: int, user: str | None = None) -> Track:
        """One of the user's imported tracks (its stored analysis and file), detached."""
        with self.store.session() as session:
            track = session.get(Track, _check_id(track_id, "track"))
            if track is None or track.owner_id not in (None, self._viewer(session, user)):
                raise NotFound(f"no track with id {track_id}")
            if track.source != "user":
                raise InvalidInput(f"track {track_id} is from {track.source}, whose audio Moodify does not "
                                   "have: choose one of your imported tracks (`moodify catalog import-dir`)")
            session.expunge(track)
            return track

    def segment(self, track_id: int, length: float, *, analysis_id: int | None = None,
                user: str | None = None) -> dict:
        """The best stretch of an imported track for a video of `length` seconds, with what the
        app needs to draw it (energy per second, bar starts)."""
        if not 0.5 <= length <= 3600:
            raise InvalidInput("the video length must be between 0.5 and 3600 seconds")
        track = self.user_track(track_id, user)
        target = None
        if analysis_id is not None:
            with self.store.session() as session:
                fused = self._own_analysis(session, analysis_id, user).reading
            target = (float(fused["valence"]), float(fused["arousal"]))
        chosen = segments.best_segment(track.annotation, length, target)
        return {"track_id": track.id, "duration_s": track.annotation["duration_s"], **chosen.to_dict(),
                "energy": track.annotation["energy"], "downbeats": track.annotation["downbeats"]}

    def render_video(self, video: MediaFile, track_id: int, out: Path, *, start: float | None = None,
                     analysis_id: int | None = None, user: str | None = None, progress=None) -> dict:
        """Mix an imported track under a video; start defaults to the best segment."""
        from moodify import render
        from moodify.media import video as video_media

        track = self.user_track(track_id, user)
        if start is None:
            length = video_media.probe_duration(video)
            start = self.segment(track_id, max(length, 0.5), analysis_id=analysis_id, user=user)["start"]
        if not 0 <= start < float(track.annotation["duration_s"]):
            raise InvalidInput(f"start {start} s is outside the track (0 to {track.annotation['duration_s']} s)")
        return {"track_id": track.id, **render.render(video, track.annotation, start, out, progress=progress).to_dict()}

    def start_import(self, files: dict[Path, str], *, user: str | None = None) -> dict:
        """Import uploaded audio files (saved in the library folder; path -> the name they were
        given) as a job."""
        with self.store.session() as session:
            owner_id = self._user(session, user).id
        job_id = self.jobs.create(owner_id, "import")
        self.jobs.submit(job_id, "import", {"files": [[str(p), n] for p, n in files.items()],
                                            "owner_id": owner_id}, None)
        return self.job(job_id, user=user)

    def start_render(self, video: MediaFile, track_id: int, out: Path, *, start: float | None = None,
                     analysis_id: int | None = None, user: str | None = None,
                     cleanup_dir: Path | None = None) -> dict:
        """Render as a job; the file is served from /renders/<job id>/file once done."""
        from moodify.media import video as video_media

        try:
            self.user_track(track_id, user)
            video_media.probe(video)
            with self.store.session() as session:
                owner_id = self._user(session, user).id
        except Exception:
            remove_dir(cleanup_dir)
            raise
        job_id = self.jobs.create(owner_id, "render")
        self.jobs.submit(job_id, "render", {"video": [str(video.path), video.name], "track_id": track_id,
                                            "out": str(out), "start": start, "analysis_id": analysis_id,
                                            "user": user}, cleanup_dir)
        return self.job(job_id, user=user)

    def rendered_file(self, job_id: int, *, user: str | None = None) -> Path:
        job = self.job(job_id, user=user)
        if job["kind"] != "render":
            raise NotFound(f"job {job_id} is not a render")
        if job["status"] != "done":
            raise InvalidInput(f"render {job_id} is {job['status']}: wait until it is done")
        path = Path(job["result"]["path"] or "")
        if not job["result"]["path"] or not path.exists():
            raise NotFound(f"the file of render {job_id} is no longer there: render it again")
        return path

    def cancel_job(self, job_id: int, *, user: str | None = None) -> dict:
        """Cancel the user's job if it has not ended; its state either way."""
        current = self.job(job_id, user=user)
        if current["status"] in ("queued", "running"):
            self.jobs.cancel(current["id"])
        return self.job(job_id, user=user)

    def analyses(self, *, user: str | None = None, page: int = 1, per_page: int = 20) -> tuple[list[dict], int]:
        """The user's past analyses, newest first, each with the tracks chosen for it."""
        if page < 1 or not 1 <= per_page <= 100:
            raise InvalidInput("page must be at least 1 and per_page between 1 and 100")
        with self.store.session() as session:
            owner = session.scalar(select(User).where(User.name == (user or self.default_user).strip()))
            if owner is None:
                return [], 0
            query = select(Analysis).where(Analysis.user_id == owner.id)
            total = session.scalar(select(func.count()).select_from(query.subquery()))
            rows = session.scalars(query.order_by(Analysis.id.desc()).offset((page - 1) * per_page)
                                   .limit(per_page)).all()
            chosen = self._chosen(session, owner.id, [a.id for a in rows])
            return [{**_analysis_view(a), "chosen": chosen.get(a.id, [])} for a in rows], total

    def _chosen(self, session: Session, user_id: int, analysis_ids: list[int]) -> dict[int, list[dict]]:
        """analysis id -> the tracks the user chose from its recommendations."""
        if not analysis_ids:
            return {}
        rows = session.execute(
            select(Recommendation.analysis_id, Track)
            .join(Feedback, Feedback.recommendation_id == Recommendation.id)
            .join(Track, Track.id == Feedback.track_id)
            .where(Recommendation.analysis_id.in_(analysis_ids), Feedback.user_id == user_id,
                   Feedback.kind == "chosen")
            .order_by(Feedback.id)).all()
        out: dict[int, list[dict]] = {}
        for analysis_id, track in rows:
            view = {"id": track.id, "title": track.title or _fallback_title(track), "artist": track.artist}
            if view not in out.setdefault(analysis_id, []):
                out[analysis_id].append(view)
        return out

    def job(self, job_id: int, *, user: str | None = None) -> dict:
        """A job's state; with its analysis once done. Only its owner sees it."""
        self.jobs.reap_now_and_then()
        job = self.jobs.get(_check_id(job_id, "job"))
        with self.store.session() as session:
            owner = session.scalar(select(User).where(User.name == (user or self.default_user).strip()))
            if job is None or owner is None or job.user_id != owner.id:
                raise NotFound(f"no job with id {job_id}")
            view = job_view(job)
            if job.analysis_id is not None:
                view["analysis"] = _analysis_view(session.get(Analysis, job.analysis_id))
            return view

    def analysis(self, analysis_id: int, *, user: str | None = None) -> dict:
        with self.store.session() as session:
            return _analysis_view(self._own_analysis(session, analysis_id, user))

    def _own_analysis(self, session: Session, analysis_id: int, user: str | None) -> Analysis:
        """The analysis if it belongs to the user; reading never creates a user."""
        stored = session.get(Analysis, _check_id(analysis_id, "analysis"))
        owner = session.scalar(select(User).where(User.name == (user or self.default_user).strip()))
        if stored is None or owner is None or stored.user_id != owner.id:
            raise NotFound(f"no analysis with id {analysis_id}")
        return stored

    def recommend_for_analysis(self, analysis_id: int, options: ranking.Options, *,
                               user: str | None = None, request: dict | None = None) -> RecommendationList:
        """Recommendations for a stored reading; its caption gives the semantic fit."""
        with self.store.session() as session:
            stored = self._own_analysis(session, analysis_id, user)
            reading, caption = EmotionEstimate.from_dict(stored.reading), stored.caption
        if caption and not options.caption:
            options = dataclasses.replace(options, caption=caption)
        return self.recommend(reading, options, user=user, analysis_id=analysis_id, request=request)

    # -- recommendations ----------------------------------------------------------------
    @staticmethod
    def _latest_feedback(session: Session, user_id: int, track_ids: list[int]) -> dict[int, str]:
        """track id -> the user's latest like, skip or chosen for it."""
        rows = session.execute(select(Feedback.track_id, Feedback.kind)
                               .where(Feedback.user_id == user_id, Feedback.track_id.in_(track_ids))
                               .order_by(Feedback.id)).all()
        return {track_id: kind for track_id, kind in rows}

    def recommend(self, reading: EmotionEstimate, options: ranking.Options = ranking.Options(), *,
                  user: str | None = None, analysis_id: int | None = None,
                  request: dict | None = None) -> RecommendationList:
        """Rank the catalogue for a reading, store what was shown, explain each track."""
        caption_vector = None
        if options.caption and self.semantic:
            caption_vector = e5.embed_query(options.caption)
        with self.store.session() as session:
            index = self.index(session)
            owner = self._user(session, user)
            results = ranking.recommend(index, reading, options, caption_vector=caption_vector,
                                        profile=self.profile(session, owner, index), viewer=owner.id)
            target = ranking.target_for(reading, options.mode)
            tracks = {t.id: t for t in session.scalars(
                select(Track).where(Track.id.in_([r.track_id for r in results])))}
            shown = Recommendation(user_id=owner.id, analysis_id=analysis_id,
                                   request=request or {"mode": options.mode})
            shown.items = [RecommendationItem(rank=i, track_id=r.track_id, score=r.score,
                                              parts=r.parts) for i, r in enumerate(results)]
            session.add(shown)
            session.flush()
            given = self._latest_feedback(session, owner.id, [r.track_id for r in results])
            views = [{**track_view(tracks[r.track_id]), "score": r.score, "score_parts": r.parts,
                      "reasons": reasons(tracks[r.track_id], r, target, reading.label),
                      "feedback": given.get(r.track_id)}
                     for r in results]
            return RecommendationList(shown.id, reading, target, views)

