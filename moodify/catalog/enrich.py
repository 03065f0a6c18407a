"""What Jamendo says of the catalogue's Jamendo tracks: names, artists, licence deeds, streams
and downloads, stored with the date, one batch of up to 200 ids per request.

    batch:     tracks never looked up, in id order -> 200 ids a request -> stored and committed
               per batch (Ctrl+C or a crash loses at most the batch under way; a second run
               skips what is stored) -> tracks Jamendo no longer returns are marked unavailable
    on demand: the few tracks a recommendation is about to show, in one short request (3 s at
               most); any failure leaves the list as it is

Only Jamendo track ids are sent (see moodify.online.jamendo).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from sqlalchemy import func, select

from moodify.online.http import OnlineError, RateLimited
from moodify.online.jamendo import MAX_IDS_PER_REQUEST, JamendoClient, JamendoTrack
from moodify.store import Store
from moodify.store.models import Track, utcnow

SOURCE = "jamendo"
ON_DEMAND_TIMEOUT = (1.0, 2.0)      # connect, read: about 3 s in all, and no retry
ON_DEMAND_MOST = 60                 # ids a recommendation may look up at once


def jamendo_id(source_id: str) -> int:
    """'track_0000948' (MTG-Jamendo's id) -> 948 (Jamendo's)."""
    return int(source_id.rsplit("_", 1)[-1])


@dataclass
class EnrichReport:
    asked: int = 0
    enriched: int = 0
    unavailable: int = 0
    requests: int = 0
    stopped: str | None = None          # why it stopped early (rate limit, service down), or None
    remaining: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"asked": self.asked, "enriched": self.enriched, "unavailable": self.unavailable,
                "requests": self.requests, "remaining": self.remaining, "stopped": self.stopped}


def store_answer(tracks: Iterable[Track], found: dict[int, JamendoTrack]) -> tuple[int, int]:
    """Write what Jamendo answered onto the tracks asked about; (enriched, marked unavailable)."""
    now, enriched, gone = utcnow(), 0, 0
    for track in tracks:
        answer = found.get(jamendo_id(track.source_id))
        track.enriched_at = now
        if answer is None:
            track.available = False
            gone += 1
            continue
        enriched += 1
        track.available = True
        track.title = (answer.name or track.title or "")[:400] or None
        track.artist = (answer.artist_name or track.artist or "")[:400] or None
        track.album = (answer.album_name or track.album or "")[:400] or None
        track.licence_url = (answer.license_ccurl or "")[:300] or None
        track.stream_url = answer.audio
        track.download_allowed = answer.audiodownload_allowed
        track.download_url = answer.audiodownload if answer.audiodownload_allowed else None
        track.image_url = answer.image
        track.url = answer.shareurl or track.url
    return enriched, gone


def pending_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Track).where(
            Track.source == SOURCE, Track.enriched_at.is_(None))) or 0


def enrich_batch(store: Store, client: JamendoClient, *, limit: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> EnrichReport:
    """Look up every Jamendo track not looked up yet (at most `limit`), committing per request."""
    total = pending_count(store)
    wanted = total if limit is None else min(limit, total)
    report = EnrichReport()
    while report.asked < wanted:
        with store.session() as session:
            tracks = session.scalars(select(Track).where(Track.source == SOURCE, Track.enriched_at.is_(None))
                                     .order_by(Track.id).limit(min(MAX_IDS_PER_REQUEST, wanted - report.asked))).all()
            if not tracks:
                break
            try:
                found = client.tracks([jamendo_id(t.source_id) for t in tracks])
            except RateLimited as exc:
                report.stopped = exc.code
                report.errors.append(exc.message)
                break
            except OnlineError as exc:
                report.stopped = exc.code
                report.errors.append(exc.message)
                break
            report.requests += -(-len(tracks) // MAX_IDS_PER_REQUEST)
            enriched, gone = store_answer(tracks, found)
        report.asked += len(tracks)
        report.enriched += enriched
        report.unavailable += gone
        if progress:
            progress(report.asked, wanted)
    report.remaining = pending_count(store)
    return report


def enrich_now(store: Store, track_ids: list[int]) -> EnrichReport:
    """Look up these tracks at once, in one short request, for a list about to be shown.
    Raises OnlineError (the caller shows the list as it is)."""
    client = JamendoClient.from_settings()
    report = EnrichReport()
    with store.session() as session:
        tracks = session.scalars(select(Track).where(Track.id.in_(track_ids[:ON_DEMAND_MOST]),
                                                     Track.source == SOURCE)).all()
        if not tracks:
            return report
        found = client.tracks([jamendo_id(t.source_id) for t in tracks], timeout=ON_DEMAND_TIMEOUT,
                              attempts=1, max_wait=0)
        report.requests = 1
        report.asked = len(tracks)
        report.enriched, report.unavailable = store_answer(tracks, found)
    return report
