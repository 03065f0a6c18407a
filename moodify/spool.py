"""Where uploaded media waits while it is read, and how a start-up finds what a dead process left.

Each process that takes uploads holds a lease: `<instance>/run/<token>.lock`, locked with
flock(2) for as long as the process lives. The kernel drops that lock when the process ends,
however it ends (`kill -9` included), so "is its lease still locked?" tells a live process from a
dead one on this machine without trusting pids or clocks.

    uploads/<token>/<post>/   a post's files while this process reads them (a local job
                              removes its folder when it ends)
    uploads/jobs/<job id>/    a post handed to a Redis worker: kept while that job is open,
                              removed by the worker when it ends

`Spool.sweep` (every server start, however the app is served) removes the folders of dead
leases and of jobs no longer open: nothing a person uploaded outlives the work it was for.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from pathlib import Path

JOBS = "jobs"


def _held_elsewhere(lock_path: Path) -> bool:
    """Whether some live process holds this lease. Taking it ourselves (a dead owner's) and
    letting go at once leaves it free for the sweep to delete."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return True                     # cannot tell: keep it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)                    # closing releases a lock we took
    return False


class Spool:
    """This process's upload folder under `<instance>/uploads` and the sweep of everybody's."""

    def __init__(self, instance: Path) -> None:
        self.root = instance / "uploads"
        self.leases = instance / "run"
        self.token = uuid.uuid4().hex[:16]
        self._fd: int | None = None
        self._pid: int | None = None

    def lease(self) -> str:
        """This process's lease token, the lease taken on first use (and again in a forked
        child, which does not inherit the right to speak for its parent)."""
        if self._pid != os.getpid():
            self._take_lease()
        return self.token

    @property
    def mine(self) -> Path:
        """This process's upload folder."""
        return self.root / self.lease()

    def _take_lease(self) -> None:
        if self._pid is not None:       # a forked child: a lease of its own
            self.token = uuid.uuid4().hex[:16]
        self.leases.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.leases / f"{self.token}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._pid = os.getpid()
        (self.root / self.token).mkdir(parents=True, exist_ok=True)

    def alive(self, token: str) -> bool:
        """Whether the process holding this lease token is still running (on this machine)."""
        if token == self.token and self._pid == os.getpid():
            return True
        return _held_elsewhere(self.leases / f"{token}.lock")

    def new_folder(self) -> Path:
        folder = self.mine / uuid.uuid4().hex
        folder.mkdir()
        return folder

    def job_folder(self, job_id: int) -> Path:
        return self.root / JOBS / str(job_id)

    def hand_over(self, folder: Path, job_id: int) -> Path:
        """Move a post's folder out of this process's keeping into its job's, for a worker
        elsewhere: it then outlives this process for as long as the job is open."""
        target = self.job_folder(job_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(folder, target)
        return target

    def sweep(self, open_jobs: set[int]) -> int:
        """Remove what dead processes left and the folders of jobs that ended; how many folders
        went. Live processes' uploads and open jobs' are never touched."""
        removed = 0
        if self.root.is_dir():
            for entry in self.root.iterdir():
                if entry.name == JOBS:
                    for folder in entry.iterdir():
                        if not (folder.name.isdigit() and int(folder.name) in open_jobs):
                            removed += _remove(folder)
                elif not self.alive(entry.name):
                    removed += _remove(entry)
                    (self.leases / f"{entry.name}.lock").unlink(missing_ok=True)
        if self.leases.is_dir():        # leases of dead processes that never took an upload
            for lock in self.leases.glob("*.lock"):
                if not self.alive(lock.stem):
                    lock.unlink(missing_ok=True)
        return removed


_SPOOLS: dict[Path, Spool] = {}


def spool_for(instance: Path) -> Spool:
    """The one Spool of this process for an instance folder (one lease however many apps)."""
    key = instance.resolve()
    if key not in _SPOOLS:
        _SPOOLS[key] = Spool(key)
    return _SPOOLS[key]


def _remove(path: Path) -> int:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    return 1
