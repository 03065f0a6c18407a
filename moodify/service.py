"""One Moodify installation: its settings, its store, the catalogue index built from it (cached),
the job runner and the upload spool. What a person can ask of it lives in moodify.domain."""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from moodify import config, privacy, tasks
from moodify.catalog.index import CatalogIndex, load_index, versions
from moodify.domain.viewer import Viewer
from moodify.jobs import JobRunner
from moodify.spool import spool_for
from moodify.store import Store


class Moodify:
    def __init__(self, store: Store, *, settings: config.Settings | None = None,
                 semantic: bool | None = None) -> None:
        self.store = store
        self.settings = settings or config.current()
        self.semantic = self.settings.semantic if semantic is None else semantic
        instance = self.settings.instance_dir
        self.audio_folder = instance / "catalog_audio"          # fetched catalogue audio
        self.spool = spool_for(instance)                        # uploads while they are read
        self._index: CatalogIndex | None = None
        self.index_lock = threading.Lock()
        self.jobs = JobRunner(store, self, self.settings.jobs, spool=self.spool, work=tasks.WORK)

    def viewer(self, name: str | None = None) -> Viewer:
        """Who is asking: a named user, or this installation's local user (default_user)."""
        return Viewer((name or self.settings.default_user).strip())

    def start_serving(self) -> dict:
        """What every server start does, however the app is served (`moodify serve`, or any WSGI
        server that calls create_app): fail the jobs of processes that are gone, remove the
        uploads they left (a `kill -9` mid-analysis included) and renders past retention."""
        failed = self.jobs.recover()
        swept = self.spool.sweep(self.jobs.open_ids())
        purged = privacy.purge_expired(self.store)
        return {"jobs_failed": failed, "uploads_removed": swept, "renders_removed": purged.files}

    def index(self, session: Session) -> CatalogIndex:
        """The cached index, reloaded when tracks were added or removed."""
        version, rights = versions(session)
        with self.index_lock:
            if self._index is None or self._index.version != version:
                self._index = load_index(session)
            elif self._index.rights_version != rights:
                self._index.refresh_rights(session)
            return self._index
