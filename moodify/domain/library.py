"""The person's own music: import a folder (CLI) or uploaded files (a job), and the room their
library may take on this server (library_quota_mb)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from moodify import library as importer
from moodify.domain import jobs
from moodify.domain.installation import Installation
from moodify.domain.viewer import Viewer
from moodify.errors import LibraryFull
from moodify.store.models import Track


def import_dir(app: Installation, viewer: Viewer, folder: Path, progress=None) -> importer.ImportReport:
    """Import a folder of the viewer's music where it lies (moodify.library.import_dir)."""
    with app.store.session() as session:
        owner_id = viewer.user(session).id
    return importer.import_dir(app.store, folder, progress, owner_id=owner_id)


def start_import(app: Installation, viewer: Viewer, files: dict[Path, str]) -> dict:
    """Import uploaded audio files (saved in the library folder; path -> the name they were
    given) as a job."""
    return jobs.start(app, viewer, "import", {"files": [[str(p), n] for p, n in files.items()]})


def used(app: Installation, viewer: Viewer) -> int:
    """Bytes of the audio files the viewer's imported tracks play from (each file once)."""
    with app.store.session() as session:
        paths = {a.get("path") for a in session.scalars(select(Track.annotation).where(
            Track.source == "user", Track.owner_id == viewer.id(session)))}
    return sum(Path(p).stat().st_size for p in paths if p and Path(p).is_file())


def check_room(app: Installation, viewer: Viewer, incoming: int, quota_mb: float | None = None) -> None:
    """Refuse an import that would take the viewer's library past its quota (413); the quota is
    the library_quota_mb setting unless given."""
    quota_mb = app.settings.library_quota_mb if quota_mb is None else quota_mb
    now, quota = used(app, viewer), int(quota_mb * 2**20)
    if now + incoming > quota:
        def mb(n: int) -> float:
            return round(n / 2**20, 1)
        raise LibraryFull(f"your library holds {mb(now)} MB of its {mb(quota)} MB and these files add "
                          f"{mb(incoming)} MB: delete tracks you no longer use (DELETE /api/v1/tracks/<id>), "
                          "or ask whoever runs this server to raise library_quota_mb (MOODIFY_LIBRARY_QUOTA_MB)",
                          {"used_mb": mb(now), "quota_mb": mb(quota), "incoming_mb": mb(incoming)})
