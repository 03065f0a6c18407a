"""What a person can ask of Moodify, as plain functions over a store. The CLI and the web
API are thin doors into this module."""

from __future__ import annotations

import dataclasses
from pathlib import Path
import threading
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from moodify import listing
from moodify import recommend as ranking
from moodify.catalog import audio as catalog_audio
from moodify.catalog import enrich
from moodify.catalog.index import CatalogIndex, load_index, versions
from moodify.catalog.views import display_title, track_licence, track_view, use_refusal
from moodify.emotion import EmotionEstimate, normalise_label
from moodify.errors import Forbidden, InvalidInput, LibraryFull, NotFound
from moodify.evidence import stored_reading
from moodify.licence import USABLE
from moodify.models import e5
from moodify.store import Store
from moodify import segments
from moodify import config
from moodify.jobs import OPEN, JobRunner, job_view, remove_dir
from moodify.spool import spool_for
from moodify.media import MediaFile
from moodify import pipeline, tasks
from moodify.post import Post
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
    notices: list[dict] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict:
        return {"recommendation_id": self.id, "reading": self.reading.to_dict(),
                "target": {"mode": self.target.mode, "valence": round(self.target.valence, 4),
                           "arousal": round(self.target.arousal, 4)},
                "tracks": self.tracks, "notices": self.notices, "online": listing.online_status()}


MAX_ID = 2**63 - 1


def _check_id(value: int, what: str) -> int:
    """Ids beyond a 64-bit integer cannot exist; say so instead of overflowing the driver."""
    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no {what} with id {value}")
    return value


MAX_PAGE = 100_000


def _check_page(page: int, per_page: int) -> None:
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= 100:
        raise InvalidInput(f"page must be from 1 to {MAX_PAGE:,} and per_page from 1 to 100")


def _analysis_view(stored: Analysis) -> dict:
    """A stored analysis as the API gives it; evidence stored as sentences (before codes) comes out as
    `text` codes."""
    view = {"id": stored.id, "caption": stored.caption, "fused": stored_reading(stored.reading),
            "parts": [stored_reading(part) for part in stored.parts or []],
            "created_at": stored.created_at.isoformat() + "Z"}
    if stored.timeline is not None:
        view["timeline"] = stored.timeline
    return view


class Moodify:
    """One installation: its store, and the catalogue index built from it (cached)."""

    def __init__(self, store: Store, *, settings: config.Settings | None = None,
                 semantic: bool | None = None) -> None:
        self.store = store
        self.settings = settings or config.current()
        self.semantic = self.settings.semantic if semantic is None else semantic
        self.default_user = self.settings.default_user
        instance = self.settings.instance_dir
        self.audio_folder = instance / "catalog_audio"          # fetched catalogue audio
        self.spool = spool_for(instance)                        # uploads while they are read
        self._index: CatalogIndex | None = None
        self._index_lock = threading.Lock()
        self.jobs = JobRunner(store, self, self.settings.jobs, spool=self.spool, work=tasks.WORK)

    def start_serving(self) -> dict:
        """What every server start does, however the app is served (`moodify serve`, or any WSGI
        server that calls create_app): fail the jobs of processes that are gone, remove the
        uploads they left (a `kill -9` mid-analysis included) and renders past retention."""
        from moodify import privacy

        failed = self.jobs.recover()
        swept = self.spool.sweep(self.jobs.open_ids())
        purged = privacy.purge_expired(self.store)
        return {"jobs_failed": failed, "uploads_removed": swept, "renders_removed": purged.files}

    # -- catalogue ---------------------------------------------------------------------
    def index(self, session: Session) -> CatalogIndex:
        """The cached index, reloaded when tracks were added or removed."""
        version, rights = versions(session)
        with self._index_lock:
            if self._index is None or self._index.version != version:
                self._index = load_index(session)
            elif self._index.rights_version != rights:
                self._index.refresh_rights(session)
            return self._index

    def _viewer(self, session: Session, user: str | None) -> int:
        """The user's id, or -1 for a name never seen (who owns nothing); never creates one."""
        found = session.scalar(select(User.id).where(User.name == (user or self.default_user).strip()))
        return -1 if found is None else found

    def _visible_track(self, session: Session, track_id: int, user: str | None) -> Track:
        """A catalogue track, or one the user imported; never another user's."""
        track = session.get(Track, _check_id(track_id, "track"))
        if track is None or track.owner_id not in (None, self._viewer(session, user)):
            raise NotFound(f"no track with id {track_id}")
        return track

    def track(self, track_id: int, *, user: str | None = None) -> dict:
        with self.store.session() as session:
            track = self._visible_track(session, track_id, user)
            return track_view(track, has_audio=catalog_audio.stored(session, track.id) is not None)

    def search_tracks(self, *, q: str | None = None, source: str | None = None,
                      emotion: str | None = None, page: int = 1, per_page: int = 20,
                      user: str | None = None) -> tuple[list[dict], int]:
        """Tracks whose title, artist or tags contain q, filtered, one page of them."""
        _check_page(page, per_page)
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
            fetched = catalog_audio.fetched(session, [t.id for t in rows])
            return [track_view(t, has_audio=t.id in fetched) for t in rows], total

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
        with self.store.session() as session:
            owner_id = self._user(session, user).id
        return _analysis_view(pipeline.analyse(self.store, owner_id, post))

    def start_analysis(self, post: Post, *, user: str | None = None, cleanup_dir: Path | None = None,
                       keep_dir: Path | None = None) -> dict:
        """Check the post's files now, read it in a worker; the job to poll. `cleanup_dir` (the
        uploaded files) is removed when the job ends, or now if the post is refused; with
        `keep_dir` (the kept files' root) they are kept there, under the analysis id."""
        try:
            pipeline.check(post)
            with self.store.session() as session:
                owner_id = self._user(session, user).id
        except Exception:
            remove_dir(cleanup_dir)
            raise
        job_id = self.jobs.create(owner_id, "analysis")
        files = {name: [[str(m.path), m.name] for m in items] for name, items in post.items() if name != "caption"}
        self.jobs.submit(job_id, "analysis", {"caption": post.caption, "files": files, "owner_id": owner_id,
                                              "keep_dir": str(keep_dir) if keep_dir else None}, cleanup_dir)
        return self.job(job_id, user=user)

    # -- the person's own music ------------------------------------------------------------
    def import_dir(self, folder: Path, progress=None, *, user: str | None = None):
        """Import a folder of the user's music (moodify.library.import_dir)."""
        from moodify import library

        with self.store.session() as session:
            owner_id = self._user(session, user).id
        return library.import_dir(self.store, folder, progress, owner_id=owner_id)

    def track_audio(self, track_id: int, user: str | None = None) -> tuple[Track, dict]:
        """A track whose audio is on this machine (imported, or fetched from its service) and the
        analysis of that audio (its `path`, beats, bars, loudness), detached."""
        with self.store.session() as session:
            track = self._visible_track(session, track_id, user)
            fetched = catalog_audio.stored(session, track.id)
            session.expunge(track)
        if track.source == "user":
            return track, track.annotation
        if fetched is None:
            raise NotFound(f"track {track_id}'s audio is not on this machine: use it in a video first "
                           "(it is fetched then, where its licence allows)")
        return track, fetched.analysis

    def fetch_audio(self, track_id: int, *, user: str | None = None, usable: str = "any",
                    progress=None) -> dict:
        """Download and analyse a catalogue track's audio where its licence allows use in a video."""
        with self.store.session() as session:
            track = self._visible_track(session, track_id, user)
            if track.source == "user":
                return {"track_id": track.id, "duration_s": track.annotation["duration_s"], "fetched": False}
        analysis = catalog_audio.fetch(self.store, track_id, usable=usable, progress=progress,
                                       folder=self.audio_folder)
        return {"track_id": track_id, "duration_s": analysis["duration_s"], "tempo": analysis["tempo"],
                "fetched": True}

    def start_fetch(self, track_id: int, *, user: str | None = None, usable: str = "any") -> dict:
        """`fetch_audio` as a job; refused at once (with the reason) where it cannot be done."""
        self._check_usable_in_video(track_id, user, usable)
        with self.store.session() as session:
            owner_id = self._user(session, user).id
        job_id = self.jobs.create(owner_id, "fetch")
        self.jobs.submit(job_id, "fetch", {"track_id": track_id, "user": user, "usable": usable}, None)
        return self.job(job_id, user=user)

    def find_online(self, reading: EmotionEstimate, *, limit: int = 20, usable: str = "any",
                    mode: str = "match", progress=None) -> dict:
        """Add Creative Commons music for this reading from Openverse (moodify.find_online)."""
        from moodify import find_online

        ranking.Options(limit=min(limit, 200), mode=mode, usable=usable)      # checks the arguments
        return find_online.find_online(self.store, reading, limit=limit, usable=usable, mode=mode,
                                       folder=self.audio_folder,
                                       progress=progress)

    def start_find_online(self, reading: EmotionEstimate, *, limit: int = 20, usable: str = "any",
                          mode: str = "match", user: str | None = None) -> dict:
        """`find_online` as a job: its result is {query, added, known, skipped}."""
        from moodify.online.http import require_online

        ranking.Options(limit=min(limit, 200), mode=mode, usable=usable)
        require_online("Openverse")
        with self.store.session() as session:
            owner_id = self._user(session, user).id
        job_id = self.jobs.create(owner_id, "find_online")
        self.jobs.submit(job_id, "find_online", {"reading": reading.to_dict(), "limit": limit, "usable": usable,
                                                 "mode": mode}, None)
        return self.job(job_id, user=user)

    def _check_usable_in_video(self, track_id: int, user: str | None, usable: str) -> Track:
        """The track, if it may go into a video under `usable`; else UseRefused with the reason."""
        if usable not in USABLE:
            raise InvalidInput(f"usable must be one of {', '.join(USABLE)}, got {usable!r}")
        with self.store.session() as session:
            track = self._visible_track(session, track_id, user)
            refusal = use_refusal(track, track_licence(track), catalog_audio.stored(session, track_id) is not None,
                                  usable)
            if refusal:
                raise catalog_audio.UseRefused(refusal, track_id)
            return track

    def segment(self, track_id: int, length: float, *, analysis_id: int | None = None,
                user: str | None = None) -> dict:
        """The best stretch of a track whose audio is here for a video of `length` seconds, with
        what the app needs to draw it (energy per second, bar starts)."""
        if not 0.5 <= length <= 3600:
            raise InvalidInput("the video length must be between 0.5 and 3600 seconds")
        track, analysis = self.track_audio(track_id, user)
        target = None
        if analysis_id is not None:
            with self.store.session() as session:
                fused = self._own_analysis(session, analysis_id, user).reading
            target = (float(fused["valence"]), float(fused["arousal"]))
        chosen = segments.best_segment(analysis, length, target)
        return {"track_id": track.id, "duration_s": analysis["duration_s"], **chosen.to_dict(),
                "energy": analysis["energy"], "downbeats": analysis["downbeats"]}

    def render_video(self, video: MediaFile, track_id: int, out: Path, *, start: float | None = None,
                     analysis_id: int | None = None, user: str | None = None, progress=None,
                     usable: str = "any") -> dict:
        """Mix a track under a video (a catalogue track's audio is fetched first, where its licence
        allows); start defaults to the best segment. The result carries the credit line to paste."""
        from moodify import render
        from moodify.media import video as video_media

        progress = progress or (lambda fraction, stage: None)
        track = self._check_usable_in_video(track_id, user, usable)
        fetching = 0.0 if track.source == "user" else 0.4       # the share of the progress a fetch takes
        if fetching:
            self.fetch_audio(track_id, user=user, usable=usable,
                             progress=lambda f, stage: progress(fetching * f, stage))
        track, analysis = self.track_audio(track_id, user)
        if start is None:
            length = video_media.probe_duration(video)
            start = self.segment(track_id, max(length, 0.5), analysis_id=analysis_id, user=user)["start"]
        if not 0 <= start < float(analysis["duration_s"]):
            raise InvalidInput(f"start {start} s is outside the track (0 to {analysis['duration_s']} s)")
        licence = track_licence(track)
        done = render.render(video, analysis, start, out,
                             progress=lambda f, stage: progress(fetching + (1 - fetching) * f, stage))
        return {"track_id": track.id, **done.to_dict(), "licence": licence.to_dict(),
                "attribution": licence.attribution}

    def library_used(self, user: str | None) -> int:
        """Bytes of the audio files the user's imported tracks play from (each file once)."""
        with self.store.session() as session:
            paths = {a.get("path") for a in session.scalars(select(Track.annotation).where(
                Track.source == "user", Track.owner_id == self._viewer(session, user)))}
        return sum(Path(p).stat().st_size for p in paths if p and Path(p).is_file())

    def check_library_room(self, incoming: int, quota_mb: float | None = None, *, user: str | None = None) -> None:
        """Refuse an import that would take the user's library past its quota (413); the quota
        is the library_quota_mb setting unless given."""
        quota_mb = self.settings.library_quota_mb if quota_mb is None else quota_mb
        used, quota = self.library_used(user), int(quota_mb * 2**20)
        if used + incoming > quota:
            mb = lambda n: round(n / 2**20, 1)      # noqa: E731
            raise LibraryFull(f"your library holds {mb(used)} MB of its {mb(quota)} MB and these files add "
                              f"{mb(incoming)} MB: delete tracks you no longer use (DELETE "
                              "/api/v1/tracks/<id>), or ask whoever runs this server to raise "
                              "library_quota_mb (MOODIFY_LIBRARY_QUOTA_MB)",
                              {"used_mb": mb(used), "quota_mb": mb(quota), "incoming_mb": mb(incoming)})

    def delete_track(self, track_id: int, *, user: str | None = None) -> None:
        """Remove one of the user's imported tracks, its feedback, and its file when no other
        track plays from it. Catalogue tracks and other people's are not theirs to delete."""
        from moodify import privacy

        with self.store.session() as session:
            track = self._visible_track(session, track_id, user)
            if track.owner_id is None:
                raise Forbidden(f"track {track_id} is part of the catalogue: only imported tracks can be deleted")
        privacy.delete_tracks(self.store, [track_id])

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
                     cleanup_dir: Path | None = None, usable: str = "any") -> dict:
        """Render as a job; the file is served from /renders/<job id>/file once done."""
        from moodify.media import video as video_media

        try:
            video_media.probe(video)
            self._check_usable_in_video(track_id, user, usable)
            if analysis_id is not None:
                with self.store.session() as session:
                    self._own_analysis(session, analysis_id, user)
            with self.store.session() as session:
                owner_id = self._user(session, user).id
        except Exception:
            remove_dir(cleanup_dir)
            raise
        job_id = self.jobs.create(owner_id, "render")
        self.jobs.submit(job_id, "render", {"video": [str(video.path), video.name], "track_id": track_id,
                                            "out": str(out), "start": start, "analysis_id": analysis_id,
                                            "user": user, "usable": usable}, cleanup_dir)
        return self.job(job_id, user=user)

    def rendered_file(self, job_id: int, *, user: str | None = None) -> Path:
        job = self.job(job_id, user=user)
        if job["kind"] != "render":
            raise NotFound(f"job {job_id} is not a render")
        if job["status"] != "done":
            raise InvalidInput(f"render {job_id} is {job['status']}: wait until it is done")
        stored = (self.jobs.get(job_id).result or {}).get("path")
        path = Path(stored or "")
        if not stored or not path.exists():
            raise NotFound(f"the file of render {job_id} is no longer there: render it again")
        return path

    def cancel_job(self, job_id: int, *, user: str | None = None) -> dict:
        """Cancel the user's job if it has not ended; its state either way."""
        current = self.job(job_id, user=user)
        if current["status"] in OPEN:
            self.jobs.cancel(current["id"])
        return self.job(job_id, user=user)

    def analyses(self, *, user: str | None = None, page: int = 1, per_page: int = 20) -> tuple[list[dict], int]:
        """The user's past analyses, newest first, each with the tracks chosen for it."""
        _check_page(page, per_page)
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
            view = {"id": track.id, "title": display_title(track), "artist": track.artist}
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
            seconds = listing.video_seconds(stored.parts)
        if caption and not options.caption:
            options = dataclasses.replace(options, caption=caption)
        return self.recommend(reading, options, user=user, analysis_id=analysis_id, request=request,
                              video_seconds=seconds)

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
                  request: dict | None = None, video_seconds: float | None = None) -> RecommendationList:
        """Rank the catalogue for a reading, looking up the names and licences of the Jamendo
        tracks about to be shown when online; store what was shown, explain each track."""
        caption_vector = None
        if options.caption and self.semantic:
            caption_vector = e5.embed_query(options.caption)
        with self.store.session() as session:
            owner_id = self._user(session, user).id
            index = self.index(session)
            profile = self.profile(session, session.get(User, owner_id), index)

        def rank(index: CatalogIndex, wanted: ranking.Options) -> list[ranking.Recommendation]:
            return ranking.recommend(index, reading, wanted, caption_vector=caption_vector, profile=profile,
                                     viewer=owner_id)
        results, notices = rank(index, options), []
        if index.unchecked.any() and listing.online_status()["jamendo"] == "on":
            # The best-ranked tracks whatever the `usable` filter: their licences decide what it lets through.
            wide = rank(index, dataclasses.replace(options, usable="any", limit=min(200, max(3 * options.limit, 30))))
            looked = enrich.look_up_for_list(self.store, index, [r.track_id for r in results + wide],
                                             lock=self._index_lock)
            notices += [looked.notice] if looked.notice else []
            if looked.learnt:
                results = rank(index, options)
        notice = listing.shortfall(options.limit, len(results), options.usable, unchecked=bool(index.unchecked.any()))
        notices += [notice] if notice else []
        target = ranking.target_for(reading, options.mode)
        with self.store.session() as session:
            shown = Recommendation(user_id=owner_id, analysis_id=analysis_id,
                                   request=request or {"mode": options.mode})
            shown.items = [RecommendationItem(rank=i, track_id=r.track_id, score=r.score,
                                              parts=r.parts) for i, r in enumerate(results)]
            session.add(shown)
            session.flush()
            views = listing.shown_views(session, results, reading, target, options.usable,
                                        video_seconds or listing.DEFAULT_VIDEO_SECONDS,
                                        self._latest_feedback(session, owner_id, [r.track_id for r in results]))
            return RecommendationList(shown.id, reading, target, views, notices)
