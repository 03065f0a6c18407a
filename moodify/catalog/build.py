"""Building the catalogue: published rows in, tracks with our emotion out.

    read sources -> upsert rows (annotation kept as published) -> derive emotion for every
    track from its stored annotation -> make sure every text unit has a vector

Running it again after the mapping changed re-derives every track, imported ones too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Iterable

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from moodify.catalog.datasets import derive, read_all
from moodify.catalog.sources import SourceTrack
from moodify.catalog.vectors import ensure_vectors, track_units
from moodify.emotion import EMOTIONS
from moodify.licence import licence_for
from moodify.store import Store
from moodify.store.models import PROB_COLUMNS, Track, utcnow

Progress = Callable[[str, int, int], None]
KIND_NAMES = {"creative-commons": "Creative Commons, variant not known (not looked up)",
              "platform": "all rights reserved: add from a platform's music picker",
              "own": "your own files", "unknown": "not known"}


@dataclass(frozen=True)
class BuildReport:
    added: int
    updated: int
    derived: int
    embedded: int


def _emotion_columns(source: str, annotation: dict) -> dict:
    derived = derive(source, annotation)
    return {**dict(zip(PROB_COLUMNS, derived.probs)), "valence": derived.valence,
            "arousal": derived.arousal, "confidence": derived.confidence,
            "emotion": derived.label}


def track_row(item: SourceTrack) -> dict:
    """Column values for a source track, emotion included."""
    row = dataclasses.asdict(item)
    for name in ("mood_tags", "genres", "instruments"):
        row[name] = list(row[name])
    return {**row, **_emotion_columns(item.source, item.annotation)}


def upsert(session: Session, items: Iterable[SourceTrack]) -> tuple[list[int], list[int]]:
    """Insert new tracks, update known ones (by source and source_id).

    Returns the ids of the added tracks and of the updated ones.
    """
    rows = [track_row(item) for item in items]
    sources = {r["source"] for r in rows}

    def known_ids() -> dict[tuple[str, str], int]:
        return {(s, sid): tid for tid, s, sid in session.execute(
            select(Track.id, Track.source, Track.source_id).where(Track.source.in_(sources)))}

    known = known_ids() if rows else {}
    new = [r for r in rows if (r["source"], r["source_id"]) not in known]
    old = [{**r, "id": known[(r["source"], r["source_id"])]} for r in rows
           if (r["source"], r["source_id"]) in known]
    for start in range(0, len(new), 2000):
        session.execute(Track.__table__.insert(), new[start:start + 2000])
    now = utcnow()
    for rows in _by_keys({**_keep_learnt(r), "changed_at": now} for r in old).values():
        session.execute(update(Track), rows)
    after = known_ids() if new else known
    return [after[(r["source"], r["source_id"])] for r in new], [r["id"] for r in old]


# Filled in later (Jamendo enrichment, a file's tags): a source row that does not state them
# leaves what was learnt in place, so rebuilding the catalogue never forgets a track's name.
LEARNT_LATER = ("title", "artist", "album", "licence_url")


def _keep_learnt(row: dict) -> dict:
    return {k: v for k, v in row.items() if not (k in LEARNT_LATER and v is None)}


def _by_keys(rows) -> dict[tuple, list[dict]]:
    """Rows grouped by the columns they set (one bulk UPDATE per group)."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return groups


def rederive(session: Session) -> int:
    """Recompute every track's emotion from its stored annotation."""
    now = utcnow()
    changes = [{"id": tid, **_emotion_columns(source, annotation), "changed_at": now}
               for tid, source, annotation in session.execute(
                   select(Track.id, Track.source, Track.annotation))]
    if changes:
        session.execute(update(Track), changes)
    return len(changes)


def unit_texts(session: Session) -> set[str]:
    texts: set[str] = set()
    for tags, genres, instruments, title, album in session.execute(
            select(Track.mood_tags, Track.genres, Track.instruments, Track.title, Track.album)):
        texts.update(t for t, _ in track_units(mood_tags=tags, genres=genres,
                                               instruments=instruments, title=title, album=album))
    return texts


def build(store: Store, *, progress: Progress | None = None) -> BuildReport:
    """Build or rebuild the shipped catalogue in the store."""
    with store.session() as session:
        added, updated = upsert(session, read_all())
        derived = rederive(session)
        embedded = ensure_vectors(session, unit_texts(session),
                                  progress=(lambda d, t: progress("embedding", d, t)) if progress else None)
    return BuildReport(len(added), len(updated), derived, embedded)


def track_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Track)) or 0


def stats(store: Store) -> dict:
    """Counts per source, per dominant emotion and per licence."""
    with store.session() as session:
        def counts(column) -> dict:
            return {k: n for k, n in session.execute(
                select(column, func.count()).group_by(column).order_by(func.count().desc()))}
        by_emotion = counts(Track.emotion)
        by_licence: dict[str, int] = {}
        for source, url, stated, n in session.execute(
                select(Track.source, Track.licence_url, Track.license, func.count())
                .group_by(Track.source, Track.licence_url, Track.license)):
            licence = licence_for(source, licence_url=url, stated=stated)
            name = licence.code or KIND_NAMES[licence.kind]
            by_licence[name] = by_licence.get(name, 0) + n
        looked_up, pending, gone = session.execute(
            select(func.count(Track.enriched_at), func.count(Track.id) - func.count(Track.enriched_at),
                   func.sum(case((Track.available.is_(False), 1), else_=0)))
            .where(Track.source == "jamendo")).one()
        return {"tracks": sum(by_emotion.values()), "by_source": counts(Track.source),
                "by_emotion": {e: by_emotion.get(e, 0) for e in EMOTIONS},
                "by_license": counts(Track.license),
                "by_licence": dict(sorted(by_licence.items(), key=lambda item: -item[1])),
                "jamendo": {"looked_up": looked_up, "not_looked_up": pending, "unavailable": int(gone or 0)}}
