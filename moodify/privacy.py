"""What Moodify keeps of a person, and how it goes away.

- Uploaded photos, sound and video are deleted as soon as their analysis ends (moodify.jobs
  runs the upload's cleanup whatever happens), unless the person asks to keep them (`keep`):
  then they move to <instance>/kept/<analysis id>.
- Rendered videos are kept `retention_days` (setting, default 7) for download, then removed by
  `moodify purge --expired` (also run when the server starts).
- `moodify purge --user NAME` removes everything of one person: analyses, recommendations shown,
  feedback, jobs and their renders, imported tracks and the audio files uploaded for them (when no one else's
  track uses the same file), API tokens, sessions, and the account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import cast

from sqlalchemy import CursorResult, Delete, delete, select, update
from sqlalchemy.orm import Session

from moodify import config
from moodify.errors import NotFound
from moodify.store import Store
from moodify.store.models import (Analysis, ApiToken, Feedback, Job, Recommendation, RecommendationItem,
                                  Track, User, UserSession)


def kept_dir(analysis_id: int) -> Path:
    return config.instance_dir() / "kept" / str(analysis_id)


def keep_media(folder: Path, files: list[Path]) -> list[Path]:
    """Move an analysis's uploaded files out of the way of their deletion (into its kept_dir),
    when the person asked to keep them; `purge --user` removes them with the analysis."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for path in files:
        if path.exists():
            target = folder / path.name
            path.replace(target)
            kept.append(target)
    return kept


def retention_days() -> float:
    return config.current().retention_days


@dataclass
class PurgeReport:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0

    def to_dict(self) -> dict:
        return {"rows": self.rows, "files": self.files}


def _remove(path: str | None) -> int:
    if path and Path(path).is_file():
        Path(path).unlink()
        return 1
    return 0


def library_dir() -> Path:
    """Where uploaded music is kept (<instance>/library): the only audio files Moodify owns."""
    return config.instance_dir() / "library"


def _ours(path: str | None) -> bool:
    """A file Moodify made (an upload kept in the library), never a person's own file that
    `moodify catalog import-dir` read where it lies."""
    return bool(path and Path(path).resolve().is_relative_to(library_dir().resolve()))


def _deleted(session: Session, statement: Delete) -> int:
    """Run a DELETE; how many rows it removed. (Session.execute is typed to return any Result; a
    DELETE's is a CursorResult, the one with a rowcount.)"""
    return cast(CursorResult, session.execute(statement)).rowcount or 0


def delete_tracks(store: Store, track_ids: list[int]) -> PurgeReport:
    """Imported tracks, what refers to them (feedback, places in shown lists), and the uploaded
    audio files in Moodify's library that no remaining track plays from. Files imported from a
    folder of the person's own stay where they are."""
    report = PurgeReport()
    with store.session() as session:
        paths = {a.get("path") for a in session.scalars(select(Track.annotation).where(Track.id.in_(track_ids)))}
        steps = [("feedback", delete(Feedback).where(Feedback.track_id.in_(track_ids))),
                 ("recommendation_items", delete(RecommendationItem).where(RecommendationItem.track_id.in_(track_ids))),
                 ("tracks", delete(Track).where(Track.id.in_(track_ids), Track.owner_id.is_not(None)))]
        for table, statement in steps:
            report.rows[table] = _deleted(session, statement)
        still_used = {a.get("path") for a in session.scalars(select(Track.annotation).where(Track.source == "user"))}
    report.files = sum(_remove(path) for path in paths - still_used if _ours(path))
    return report


def purge_user(store: Store, name: str) -> PurgeReport:
    """Everything of one person, rows and files; their catalogue-wide effects go with them."""
    with store.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"no user named {name!r}")
        uid = user.id
        track_ids = list(session.scalars(select(Track.id).where(Track.owner_id == uid)))
    report = delete_tracks(store, track_ids)
    with store.session() as session:
        renders = session.scalars(select(Job.result).where(Job.user_id == uid, Job.kind == "render")).all()
        analysis_ids = session.scalars(select(Analysis.id).where(Analysis.user_id == uid)).all()
        recommendations = select(Recommendation.id).where(Recommendation.user_id == uid)
        steps = [
            ("feedback", delete(Feedback).where((Feedback.user_id == uid)
                                                | Feedback.recommendation_id.in_(recommendations))),
            ("recommendation_items", delete(RecommendationItem).where(
                RecommendationItem.recommendation_id.in_(recommendations))),
            ("recommendations", delete(Recommendation).where(Recommendation.user_id == uid)),
            ("jobs", delete(Job).where(Job.user_id == uid)),
            ("analyses", delete(Analysis).where(Analysis.user_id == uid)),
            ("api_tokens", delete(ApiToken).where(ApiToken.user_id == uid)),
            ("sessions", delete(UserSession).where(UserSession.user_id == uid)),
            ("users", delete(User).where(User.id == uid)),
        ]
        for table, statement in steps:
            report.rows[table] = report.rows.get(table, 0) + _deleted(session, statement)
    report.files += sum(_remove(r.get("path")) for r in renders if r)
    for analysis_id in analysis_ids:
        folder = kept_dir(analysis_id)
        if folder.is_dir():
            report.files += sum(_remove(str(p)) for p in folder.iterdir())
            folder.rmdir()
    return report


def purge_expired(store: Store, days: float | None = None, now: datetime | None = None) -> PurgeReport:
    """Rendered videos older than the retention period: files removed, their jobs say so."""
    days = retention_days() if days is None else days
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    report = PurgeReport()
    with store.session() as session:
        old = session.execute(select(Job.id, Job.result).where(
            Job.kind == "render", Job.status == "done", Job.updated_at < now - timedelta(days=days))).all()
        for job_id, result in old:
            if result and result.get("path"):
                report.files += _remove(result["path"])
                session.execute(update(Job).where(Job.id == job_id).values(
                    result={**result, "path": None, "expired": True}))
        report.rows["jobs"] = len(old)
    return report
