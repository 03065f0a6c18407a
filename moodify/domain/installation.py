"""What the domain functions use of an installation (moodify.service.Moodify is the one there is):
a Protocol, so the domain never imports the class that opens and holds it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from moodify.catalog.index import CatalogIndex
from moodify.config import Settings
from moodify.domain.viewer import Viewer
from moodify.jobs import JobRunner
from moodify.spool import Spool
from moodify.store import Store


class Installation(Protocol):
    store: Store
    settings: Settings
    semantic: bool                  # rank by the caption's meaning too (the e5 encoder)
    audio_folder: Path              # fetched catalogue audio
    spool: Spool                    # uploads while they are read
    jobs: JobRunner
    index_lock: threading.Lock

    def index(self, session: Session) -> CatalogIndex: ...

    def viewer(self, name: str | None = None) -> Viewer: ...
