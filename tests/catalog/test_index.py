"""The catalogue index a server keeps in memory follows the database: a rebuild that rewrites
tracks (same count, same ids) is seen by the next recommendation, not only added or removed ones."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from moodify.catalog import build
from moodify.catalog.datasets import read_all
from moodify.service import Moodify
from moodify.store import Store
from moodify.store.models import Track


def test_a_rebuild_that_rewrites_tracks_reloads_the_index(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'moodify.db'}")
    store.upgrade()
    build.build(store)
    service = Moodify(store, semantic=False)
    deam = next(t for t in read_all() if t.source == "deam")
    with store.session() as session:
        before = service.index(session)
        track_id = session.scalar(select(Track.id).where(Track.source == "deam", Track.source_id == deam.source_id))
        old_valence = float(before.va[before.row_of[track_id], 0])

    # The data set now rates the song at the happy end: the same track, rewritten by a build.
    rated = dataclasses.replace(deam, annotation={**deam.annotation, "valence_mean": "8.9", "arousal_mean": "8.5"})
    with store.session() as session:
        added, updated = build.upsert(session, [rated])
        build.rederive(session)
    assert added == [] and updated == [track_id]

    with store.session() as session:
        after = service.index(session)
    assert after is not before and len(after.ids) == len(before.ids)
    assert float(after.va[after.row_of[track_id], 0]) > old_valence + 0.5
