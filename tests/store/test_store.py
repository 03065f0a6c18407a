"""Schema migrations and round-trips, on SQLite and on MariaDB."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from moodify.store import Store
from moodify.store.models import Analysis, Feedback, Track, User


def test_upgrade_creates_every_table_and_is_repeatable(database_url):
    store = Store(database_url)
    store.upgrade()
    store.upgrade()
    tables = set(inspect(store.engine).get_table_names())
    assert {"tracks", "users", "analyses", "recommendations", "recommendation_items",
            "feedback", "text_vectors", "alembic_version"} <= tables
    store.dispose()


def test_korean_and_emoji_round_trip(built_store):
    caption = "벚꽃 엔딩 🌸😭 보고 싶다… #봄 #그리움"
    with built_store.session() as session:
        user = User(name="사용자 🎧 " + caption[:5])
        session.add(user)
        session.flush()
        session.add(Analysis(user_id=user.id, caption=caption,
                             reading={"evidence": [f"caption: '{caption}'"]}, parts=[]))
    with built_store.session() as session:
        stored = session.scalars(select(Analysis).where(Analysis.caption == caption)).one()
        assert stored.caption == caption
        assert stored.reading["evidence"][0] == f"caption: '{caption}'"


def test_a_failed_write_keeps_what_was_stored(built_store):
    with built_store.session() as session:
        before = session.scalar(select(Track).where(Track.source_id == "track_0000948"))
        count = session.query(Feedback).count()
    with pytest.raises(IntegrityError):
        with built_store.session() as session:
            session.add(Feedback(user_id=1, track_id=before.id, kind="like"))
            session.add(Track(source="jamendo", source_id="track_0000948", license="dup",
                              annotation={}, emotion="neutral"))  # duplicate -> whole write fails
            session.flush()
    with built_store.session() as session:
        assert session.query(Feedback).count() == count
        assert session.get(Track, before.id).license == before.license
