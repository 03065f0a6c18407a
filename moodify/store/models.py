"""SQLAlchemy models. The schema itself is owned by the Alembic migrations beside this file."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import ClassVar

from sqlalchemy import (JSON, Boolean, DateTime, Float, ForeignKey, Integer, LargeBinary,
                        String, Table, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from moodify.emotion import EMOTIONS

PROB_COLUMNS = tuple(f"p_{e}" for e in EMOTIONS)


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    # Every model here maps a plain table; SQLAlchemy types __table__ as any FromClause (sqlalchemy#9130).
    __table__: ClassVar[Table]


class Track(Base):
    __tablename__ = "tracks"
    __table_args__ = (UniqueConstraint("source", "source_id", name="uq_tracks_source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32), index=True)
    source_id: Mapped[str] = mapped_column(String(128))
    title: Mapped[str | None] = mapped_column(String(400))
    artist: Mapped[str | None] = mapped_column(String(400))
    album: Mapped[str | None] = mapped_column(String(400))
    url: Mapped[str | None] = mapped_column(String(1000))
    sample_url: Mapped[str | None] = mapped_column(String(1000))
    license: Mapped[str] = mapped_column(String(200))
    duration_s: Mapped[float | None] = mapped_column(Float)
    instrumental: Mapped[bool | None] = mapped_column(Boolean)
    mood_tags: Mapped[list] = mapped_column(JSON, default=list)
    genres: Mapped[list] = mapped_column(JSON, default=list)
    instruments: Mapped[list] = mapped_column(JSON, default=list)
    annotation: Mapped[dict] = mapped_column(JSON)
    # The emotion derived from `annotation` by moodify.catalog.mapping.
    p_happiness: Mapped[float] = mapped_column(Float, default=0.0)
    p_sadness: Mapped[float] = mapped_column(Float, default=0.0)
    p_anger: Mapped[float] = mapped_column(Float, default=0.0)
    p_fear: Mapped[float] = mapped_column(Float, default=0.0)
    p_surprise: Mapped[float] = mapped_column(Float, default=0.0)
    p_disgust: Mapped[float] = mapped_column(Float, default=0.0)
    p_neutral: Mapped[float] = mapped_column(Float, default=0.0)
    valence: Mapped[float] = mapped_column(Float, default=0.0)
    arousal: Mapped[float] = mapped_column(Float, default=0.0)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    emotion: Mapped[str] = mapped_column(String(16), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)  # imported: whose
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)  # by a build: index reloads
    # What an online service (Jamendo, Openverse) or a file's tags told us; see moodify.licence.
    licence_url: Mapped[str | None] = mapped_column(String(300))
    stream_url: Mapped[str | None] = mapped_column(String(1000))
    download_url: Mapped[str | None] = mapped_column(String(1000))
    download_allowed: Mapped[bool | None] = mapped_column(Boolean)
    image_url: Mapped[str | None] = mapped_column(String(1000))
    available: Mapped[bool] = mapped_column(Boolean, default=True)     # False: the service removed it
    enriched_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    @property
    def probs(self) -> tuple[float, ...]:
        return tuple(getattr(self, c) for c in PROB_COLUMNS)


class TrackAudio(Base):
    """A catalogue track's audio, fetched for rendering and playing offline, with its analysis
    (beats, bars, loudness per second, mood per patch: the shape of an own import's)."""

    __tablename__ = "track_audio"

    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id"), primary_key=True)
    path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    analysis: Mapped[dict] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TextVector(Base):
    """Cached multilingual embeddings of track texts (tags, titles), float16 bytes."""

    __tablename__ = "text_vectors"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))    # multi-user server only
    # An account's name as it compares (NFKC, case-folded): unique, so "Alice" cannot sign up beside "alice".
    name_key: Mapped[str | None] = mapped_column(String(150), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class UserSession(Base):
    """A signed-in browser on the multi-user server: the cookie holds a random token, only its
    SHA-256 is kept. Ended by logout, a password change, deletion, or its lifetimes."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)       # sha256 of the cookie's token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ApiToken(Base):
    """A personal token for the CLI and scripts; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Analysis(Base):
    """A post's reading: the fused estimate and each part's."""

    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    caption: Mapped[str | None] = mapped_column(Text)
    reading: Mapped[dict] = mapped_column(JSON)
    parts: Mapped[list] = mapped_column(JSON, default=list)
    timeline: Mapped[list | None] = mapped_column(JSON)         # a video's, when the post had one
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Job(Base):
    """Work that takes longer than a request: its state, progress and result, for polling."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)   # queued, running, done, failed
    progress: Mapped[float] = mapped_column(Float, default=0.0)   # 0..1
    stage: Mapped[str] = mapped_column(String(200), default="")
    analysis_id: Mapped[int | None] = mapped_column(ForeignKey("analyses.id"))
    error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(64))  # the MoodifyError code, for the app's words
    result: Mapped[dict | None] = mapped_column(JSON)            # what an import or render made
    runner: Mapped[str | None] = mapped_column(String(32))       # a local job's process (its spool lease)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Recommendation(Base):
    """One list of tracks shown to a user, with the request that produced it."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    analysis_id: Mapped[int | None] = mapped_column(ForeignKey("analyses.id"))
    request: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    items: Mapped[list["RecommendationItem"]] = relationship(
        order_by="RecommendationItem.rank", cascade="all, delete-orphan")


class RecommendationItem(Base):
    __tablename__ = "recommendation_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id"))
    score: Mapped[float] = mapped_column(Float)
    parts: Mapped[dict] = mapped_column(JSON)


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id"), index=True)
    recommendation_id: Mapped[int | None] = mapped_column(ForeignKey("recommendations.id"))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
