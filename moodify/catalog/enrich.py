"""What Jamendo says of the catalogue's Jamendo tracks: names, artists, licence deeds, streams
and downloads, stored with the date, one batch of up to 200 ids per request.

    batch:     tracks never looked up, in id order -> 200 ids a request -> stored and committed
               per batch (Ctrl+C or a crash loses at most the batch under way; a second run
               skips what is stored) -> tracks Jamendo no longer returns are marked unavailable
    on demand: the best-ranked tracks of a list about to be shown, in one short request (3 s at
               most, then a minute's rest after a failure); any failure leaves the list as it is

A track is marked unavailable only when Jamendo answered for others in the same request and,
in a batch, did not return it when asked again alone: an empty or odd answer marks nothing.

Only Jamendo track ids are sent (see moodify.online.jamendo).
"""

from __future__ import annotations

import logging
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from sqlalchemy import func, select

from moodify.online.http import OnlineError
from moodify.online.jamendo import MAX_IDS_PER_REQUEST, JamendoClient, JamendoTrack
from moodify.catalog.sources import jamendo_number
from moodify.store import Store
from moodify.store.models import Track, utcnow

log = logging.getLogger(__name__)
SOURCE = "jamendo"
ON_DEMAND_TIMEOUT = (1.0, 2.0)      # connect, and each wait for more bytes; no retry
ON_DEMAND_DEADLINE = 3.0            # the whole request, however slowly the answer trickles
ON_DEMAND_MOST = 60                 # ids a recommendation may look up at once
ON_DEMAND_REST = 60.0               # seconds without on-demand look-ups after one failed




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
    """Write what Jamendo answered onto the tracks asked about; (enriched, marked unavailable).
    The caller decides whether an answer can be trusted to say what is gone (see _ask)."""
    now, enriched, gone = utcnow(), 0, 0
    for track in tracks:
        answer = found.get(jamendo_number(track.source_id))
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
                found, requests = _ask(client, tracks)
            except OnlineError as exc:
                report.stopped = exc.code
                report.errors.append(exc.message)
                break
            report.requests += requests
            if found is None:
                report.stopped = "online_failed"
                report.errors.append(f"Jamendo returned none of {len(tracks)} tracks it was asked about; "
                                     "nothing was marked, try again later")
                break
            enriched, gone = store_answer(tracks, found)
        report.asked += len(tracks)
        report.enriched += enriched
        report.unavailable += gone
        if progress:
            progress(report.asked, wanted)
    report.remaining = pending_count(store)
    return report


def _ask(client: JamendoClient, tracks: Sequence[Track]) -> tuple[dict[int, JamendoTrack] | None, int]:
    """What Jamendo says of these tracks, the missing ones asked a second time on their own
    before they count as gone; (answers, requests made). None: an answer with none of several
    tracks, which is not how removals look, so nothing should be marked."""
    ids = [jamendo_number(t.source_id) for t in tracks]
    found = client.tracks(ids)
    if not found and len(ids) > 1:
        return None, 1
    missing = [i for i in ids if i not in found]
    if not missing:
        return found, 1
    return {**found, **client.tracks(missing)}, 2


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
        found = client.tracks([jamendo_number(t.source_id) for t in tracks], timeout=ON_DEMAND_TIMEOUT,
                              attempts=1, max_wait=0, deadline=ON_DEMAND_DEADLINE)
        report.requests = 1
        if found:
            report.asked = len(tracks)
            report.enriched, report.unavailable = store_answer(tracks, found)
    return report


@dataclass(frozen=True)
class LookUp:
    learnt: bool                    # something changed: rank again
    notice: dict | None             # what the list says of it (moodify.listing's notice codes)


_rest_until = 0.0


def look_up_for_list(store: Store, index, track_ids: list[int], *, lock=None) -> LookUp:
    """Look up, briefly, the never-looked-up tracks among these (a list's best-ranked, in rank
    order), and patch the index with what was learnt. A failure leaves the list as it is and
    rests the look-ups for a minute, so that a Jamendo that is down slows no one."""
    global _rest_until
    ids = list(dict.fromkeys(t for t in track_ids if index.unchecked[index.row_of[t]]))[:ON_DEMAND_MOST]
    if not ids:
        return LookUp(False, None)
    if time.monotonic() < _rest_until:
        return LookUp(False, {"code": "jamendo_lookup_failed", "reason": "resting"})
    before = index.rights_version
    try:
        report = enrich_now(store, ids)
    except Exception as exc:          # noqa: BLE001 - whatever happened, the list is shown as it is
        if not isinstance(exc, OnlineError):
            log.exception("on-demand Jamendo look-up failed")
        _rest_until = time.monotonic() + ON_DEMAND_REST
        return LookUp(False, {"code": "jamendo_lookup_failed", "reason": getattr(exc, "code", "internal")})
    if not report.asked:              # Jamendo answered, but with none of them: nothing was written
        return LookUp(False, {"code": "jamendo_lookup_failed", "reason": "empty_answer"})
    with store.session() as session, (lock or nullcontext()):
        index.patch_rights(session, ids, before, report.asked)
    return LookUp(True, {"code": "jamendo_looked_up", "count": report.enriched,
                         "unavailable": report.unavailable})
