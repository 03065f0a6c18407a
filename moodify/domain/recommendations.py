"""Music for a reading: rank the catalogue (moodify.recommend), look up what is about to be shown
when online, store what was shown, and learn from the person's likes, skips and choices."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from moodify import listing
from moodify import recommend as ranking
from moodify.catalog import enrich
from moodify.catalog.index import CatalogIndex
from moodify.domain.installation import Installation
from moodify.domain.posts import own_analysis
from moodify.domain.viewer import Viewer, check_id
from moodify.emotion import EmotionEstimate
from moodify.errors import InvalidInput, NotFound
from moodify.models import e5
from moodify.store.models import Feedback, Recommendation, RecommendationItem, Track

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


def recommend(app: Installation, viewer: Viewer, reading: EmotionEstimate,
              options: ranking.Options = ranking.Options(), *, analysis_id: int | None = None,
              request: dict | None = None, video_seconds: float | None = None) -> RecommendationList:
    """Rank the catalogue for a reading, looking up the names and licences of the Jamendo tracks
    about to be shown when online; store what was shown, explain each track."""
    caption_vector = None
    if options.caption and app.semantic:
        caption_vector = e5.embed_query(options.caption)
    with app.store.session() as session:
        owner_id = viewer.user(session).id
        index = app.index(session)
        taste = profile(session, owner_id, index)

    def rank(wanted: ranking.Options) -> list[ranking.Recommendation]:
        return ranking.recommend(index, reading, wanted, caption_vector=caption_vector, profile=taste,
                                 viewer=owner_id)
    results, notices = rank(options), []
    unchecked = index.unchecked is not None and bool(index.unchecked.any())     # Jamendo tracks never looked up
    if unchecked and listing.online_status()["jamendo"] == "on":
        # The best-ranked tracks whatever the `usable` filter: their licences decide what it lets through.
        wide = rank(dataclasses.replace(options, usable="any", limit=min(200, max(3 * options.limit, 30))))
        looked = enrich.look_up_for_list(app.store, index, [r.track_id for r in results + wide],
                                         lock=app.index_lock)
        notices += [looked.notice] if looked.notice else []
        if looked.learnt:
            results = rank(options)
    notice = listing.shortfall(options.limit, len(results), options.usable, unchecked=unchecked)
    notices += [notice] if notice else []
    target = ranking.target_for(reading, options.mode)
    with app.store.session() as session:
        shown = Recommendation(user_id=owner_id, analysis_id=analysis_id, request=request or {"mode": options.mode})
        shown.items = [RecommendationItem(rank=i, track_id=r.track_id, score=r.score, parts=r.parts)
                       for i, r in enumerate(results)]
        session.add(shown)
        session.flush()
        views = listing.shown_views(session, results, reading, target, options.usable,
                                    video_seconds or listing.DEFAULT_VIDEO_SECONDS,
                                    _latest_feedback(session, owner_id, [r.track_id for r in results]))
        return RecommendationList(shown.id, reading, target, views, notices)


def for_analysis(app: Installation, viewer: Viewer, analysis_id: int, options: ranking.Options, *,
                 request: dict | None = None) -> RecommendationList:
    """Recommendations for a stored reading; its caption gives the semantic fit."""
    with app.store.session() as session:
        stored = own_analysis(session, viewer, analysis_id)
        reading, caption = EmotionEstimate.from_dict(stored.reading), stored.caption
        seconds = listing.video_seconds(stored.parts)
    if caption and not options.caption:
        options = dataclasses.replace(options, caption=caption)
    return recommend(app, viewer, reading, options, analysis_id=analysis_id, request=request,
                     video_seconds=seconds)


def feedback(app: Installation, viewer: Viewer, *, track_id: int, kind: str,
             recommendation_id: int | None = None) -> dict:
    """A like, skip or choice of a track (from a list shown, when given); the profile learns from it."""
    if kind not in FEEDBACK_WEIGHTS:
        raise InvalidInput(f"kind must be one of {', '.join(FEEDBACK_WEIGHTS)}, got {kind!r}")
    with app.store.session() as session:
        owner = viewer.user(session)
        track = session.get(Track, check_id(track_id, "track"))
        if track is None or track.owner_id not in (None, owner.id):
            raise NotFound(f"no track with id {track_id}")
        if recommendation_id is not None:
            shown = session.get(Recommendation, check_id(recommendation_id, "recommendation"))
            if shown is None or shown.user_id != owner.id:
                raise NotFound(f"no recommendation with id {recommendation_id}")
        event = Feedback(user_id=owner.id, track_id=track_id, kind=kind, recommendation_id=recommendation_id)
        session.add(event)
        session.flush()
        return {"id": event.id, "track_id": track_id, "kind": kind, "user": owner.name}


def profile(session: Session, user_id: int, index: CatalogIndex) -> ranking.Profile:
    """Feature weights from the user's feedback: liked features up, skipped ones down."""
    events = session.execute(select(Feedback.track_id, Feedback.kind)
                             .where(Feedback.user_id == user_id)
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


def _latest_feedback(session: Session, user_id: int, track_ids: list[int]) -> dict[int, str]:
    """track id -> the user's latest like, skip or chosen for it."""
    rows = session.execute(select(Feedback.track_id, Feedback.kind)
                           .where(Feedback.user_id == user_id, Feedback.track_id.in_(track_ids))
                           .order_by(Feedback.id)).all()
    return {track_id: kind for track_id, kind in rows}
