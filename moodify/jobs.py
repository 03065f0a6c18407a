"""Long work (analysing a post's media) as jobs: run by a local worker pool, their state kept in
the store so that any request can poll it.

    submit -> row "queued" -> a worker runs it: "running", progress 0..1 and a stage name
           -> "done" with the analysis id, or "failed" with a message a person can act on

A job left "queued" or "running" by a process that stopped is marked failed when the next one
starts (`recover`), never left looking alive.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import select, update

from moodify.errors import MoodifyError
from moodify.store import Store
from moodify.store.models import Job

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5       # seconds between progress writes (the stage is written when it changes)
ENDED = ("done", "failed", "cancelled")
STOPPED = "the server stopped before this job finished: submit the post again"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def job_view(job: Job) -> dict:
    return {"id": job.id, "kind": job.kind, "status": job.status,
            "progress": round(100 * job.progress, 1), "stage": job.stage,
            "analysis_id": job.analysis_id, "error": job.error, "result": job.result,
            "created_at": job.created_at.isoformat() + "Z", "updated_at": job.updated_at.isoformat() + "Z"}


class Cancelled(Exception):
    """Raised inside a job's work at its next progress report after a cancel."""


class JobRunner:
    def __init__(self, store: Store, workers: int = 1) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="moodify-job")
        self._lock = threading.Lock()
        self._cancelled: set[int] = set()

    def cancel(self, job_id: int) -> None:
        """Stop a job that has not ended: at once if it waits, at its next step if it runs."""
        self._cancelled.add(job_id)
        with self.store.session() as session:
            session.execute(update(Job).where(Job.id == job_id, Job.status == "queued")
                            .values(status="cancelled", stage="cancelled", updated_at=utcnow()))

    def recover(self) -> int:
        """Fail the jobs a stopped process left behind; how many there were."""
        with self.store.session() as session:
            result = session.execute(update(Job).where(Job.status.in_(("queued", "running")))
                                     .values(status="failed", error=STOPPED, updated_at=utcnow()))
            return result.rowcount or 0

    def create(self, user_id: int, kind: str) -> int:
        with self.store.session() as session:
            job = Job(user_id=user_id, kind=kind, status="queued", progress=0.0, stage="waiting for a worker",
                      created_at=utcnow(), updated_at=utcnow())
            session.add(job)
            session.flush()
            return job.id

    def submit(self, job_id: int, work: Callable[[Callable[[float, str], None]], int | dict],
               cleanup: Callable[[], None] | None = None) -> None:
        """Run work(progress) in a worker: it returns an analysis id, or a result dict (which
        may name an analysis_id). cleanup runs whatever happens."""
        self._pool.submit(self._run, job_id, work, cleanup)

    def _run(self, job_id: int, work, cleanup) -> None:
        last = {"at": 0.0, "stage": None}

        def progress(fraction: float, stage: str) -> None:
            if job_id in self._cancelled:
                raise Cancelled()
            now = time.monotonic()
            if stage == last["stage"] and now - last["at"] < PROGRESS_EVERY:
                return
            last.update(at=now, stage=stage)
            self._set(job_id, progress=min(max(fraction, 0.0), 0.99), stage=stage[:200])

        try:
            if job_id in self._cancelled:
                return
            self._set(job_id, status="running", stage="starting")
            made = work(progress)
            result = made if isinstance(made, dict) else None
            analysis_id = made.get("analysis_id") if isinstance(made, dict) else made
            self._set(job_id, status="done", progress=1.0, stage="done", analysis_id=analysis_id, result=result)
        except Cancelled:
            self._set(job_id, status="cancelled", stage="cancelled")
        except MoodifyError as exc:
            self._set(job_id, status="failed", stage="failed", error=str(exc))
        except Exception as exc:  # a bug: keep the server up, say so, log the trace
            log.exception("job %s failed", job_id)
            self._set(job_id, status="failed", stage="failed",
                      error=f"internal error ({type(exc).__name__}); the post was not stored: "
                            "try again, and report it if it repeats")
        finally:
            self._cancelled.discard(job_id)
            if cleanup is not None:
                try:
                    cleanup()
                except OSError:
                    log.warning("could not remove the files of job %s", job_id, exc_info=True)

    def _set(self, job_id: int, **values) -> None:
        with self._lock, self.store.session() as session:
            session.execute(update(Job).where(Job.id == job_id).values(updated_at=utcnow(), **values))

    def get(self, job_id: int) -> Job | None:
        with self.store.session() as session:
            job = session.scalar(select(Job).where(Job.id == job_id))
            if job is not None:
                session.expunge(job)
            return job

    def wait(self, job_id: int, timeout: float = 60.0) -> Job:
        """Poll until the job ends (for the CLI and tests)."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(job_id)
            if job is None or job.status in ENDED or time.monotonic() > deadline:
                return job
            time.sleep(0.05)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
