"""What a list of recommendations says beside its tracks, as data the app and the CLI put into
words: why each track is there (codes, moodify.evidence.REASONS), which online features are on,
where each track's preview should start, and, when the filters left fewer tracks than asked for,
how to get more.

Notice codes (`notices[].code`):
    jamendo_looked_up      names and licences of some shown tracks were just looked up (count)
    jamendo_lookup_failed  that look-up failed (reason: an error code); the list is shown as it is
    shortfall              fewer tracks than asked (asked, found, usable, remedies)
Remedy codes: set_jamendo_client_id, enrich_jamendo, find_online, import_own.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from moodify import config
from moodify import recommend as ranking
from moodify.catalog import audio as catalog_audio
from moodify.catalog.views import track_view
from moodify.emotion import EmotionEstimate
from moodify.reasons import reasons
from moodify.segments import best_segment
from moodify.store.models import Track

DEFAULT_VIDEO_SECONDS = 15.0    # a Reel or a Short when the post has no video to measure
TYPICAL_CHORUS = 0.25           # share of a song before its first chorus, roughly, when unanalysed


def online_status() -> dict:
    """Which online features are on: 'on', 'offline', or what is missing."""
    if config.current().offline:
        return {"offline": True, "jamendo": "offline", "openverse": "offline"}
    return {"offline": False, "jamendo": "on" if config.current().jamendo_client_id else "no_client_id",
            "openverse": "on"}


def video_seconds(parts: list[dict] | None) -> float | None:
    """The length of a post's video from its stored reading, if it had one."""
    for part in parts or []:
        if part.get("kind") == "video" and part.get("seconds"):
            return float(part["seconds"])
    return None


def suggested_segment(view: dict, analysis: dict | None, length: float,
                      target: tuple[float, float] | None) -> dict | None:
    """Where the preview should start and the video's music come from: the analysed best stretch
    when the audio is here, else an estimate a quarter in (about where a first chorus is)."""
    if analysis is not None:
        chosen = best_segment(analysis, length, target)
        return {"start": round(chosen.start, 2), "end": round(chosen.end, 2), "basis": "analysed"}
    if not view["playable"]:
        return None
    duration = view["duration_s"] or 0.0
    start = 0.0 if duration <= length else min(TYPICAL_CHORUS * duration, duration - length)
    return {"start": round(start, 1), "end": round(start + min(length, duration or length), 1),
            "basis": "estimated"}


def shortfall(asked: int, found: int, usable: str, *, unchecked: bool) -> dict | None:
    """A notice when the filters left fewer tracks than asked for, with what would give more."""
    if found >= asked:
        return None
    status = online_status()
    remedies = []
    if unchecked and status["jamendo"] == "no_client_id":
        remedies.append("set_jamendo_client_id")
    elif unchecked and status["jamendo"] == "on":
        remedies.append("enrich_jamendo")
    if status["openverse"] == "on":
        remedies.append("find_online")
    remedies.append("import_own")
    return {"code": "shortfall", "asked": asked, "found": found, "usable": usable, "remedies": remedies}


def shown_views(session: Session, results: list[ranking.Recommendation], reading: EmotionEstimate,
                target: ranking.Target, usable: str, seconds: float, feedback: dict[int, str]) -> list[dict]:
    """Each recommended track as the API shows it, with its score, reasons, the person's latest
    feedback and the segment its preview should start at."""
    ids = [r.track_id for r in results]
    tracks = {t.id: t for t in session.scalars(select(Track).where(Track.id.in_(ids)))}
    fetched = catalog_audio.fetched(session, ids)
    views = []
    for r in results:
        track = tracks[r.track_id]
        analysis = track.annotation if track.source == "user" else fetched.get(track.id)
        why = [reason.to_dict() for reason in reasons(track, r, target, reading.label)]
        view = {**track_view(track, has_audio=track.id in fetched, usable=usable), "score": r.score,
                "score_parts": r.parts, "reasons": why, "feedback": feedback.get(r.track_id)}
        view["segment"] = suggested_segment(view, analysis, seconds, (target.valence, target.arousal))
        views.append(view)
    return views
