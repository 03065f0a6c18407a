"""Long work (analysing a post's media, importing music, rendering) as jobs, their state kept
in the store so that any request can poll it.

    submit -> row "queued" -> a worker runs the named task (moodify.tasks): "running", progress
           0..1 and a stage, a heartbeat every HEARTBEAT seconds
           -> "done" with its analysis id or result, "failed" with a message a person can act on,
              or "cancelled"

Workers: by default a thread pool in this process (the `jobs` setting is "local"). With
`jobs=redis://host:6379/0` the same tasks go to an RQ queue on Redis and run in `moodify worker`
processes on any number of machines that share the database and the instance folder.

A job whose worker died (killed, crashed, the machine gone) stops beating; `reap` marks it failed
with that reason once it has been silent for `job_stale_seconds`. A local job records which process
runs it (its spool lease, moodify.spool): a server starting fails the open local jobs of processes
that are gone (`recover`), never those of another process still serving. Nothing already stored
is touched.
"""

from __future__ import annotations

import contextvars
import logging
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Mapping, cast

from sqlalchemy import CursorResult, select, update

from moodify import config
from moodify.errors import MoodifyError
from moodify.spool import Spool, spool_for
from moodify.store import Store
from moodify.store.models import Job

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5       # seconds between progress writes (the stage is written when it changes)
HEARTBEAT = 2.0            # seconds between a running job's signs of life
QUEUE = "moodify"
OPEN = ("queued", "running")
ENDED = ("done", "failed", "cancelled")
STOPPED = "the server stopped before this job finished: submit the post again"
DIED = "the worker running this job stopped (killed or crashed) before it finished: submit it again"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def job_view(job: Job) -> dict:
    return {"id": job.id, "kind": job.kind, "status": job.status,
            "progress": round(100 * job.progress, 1), "stage": job.stage,
            "analysis_id": job.analysis_id, "error": job.error, "error_code": job.error_code,
            "result": without_paths(job.result),
            "created_at": job.created_at.isoformat() + "Z", "updated_at": job.updated_at.isoformat() + "Z"}


def without_paths(value):
    """A job's result as people see it: where the server keeps its files (`path`) is not theirs to know."""
    if isinstance(value, dict):
        return {k: without_paths(v) for k, v in value.items() if k != "path"}
    if isinstance(value, list):
        return [without_paths(v) for v in value]
    return value


QUEUE_DOWN = ("the job queue (Redis, the jobs setting) cannot be reached: start Redis, or set "
              "MOODIFY_JOBS=local to run jobs in the server itself")


class QueueUnavailable(MoodifyError):
    status = 503
    code = "queue_unavailable"


class Cancelled(Exception):
    """Raised inside a job's work at its next progress report after a cancel."""


def _changed(result) -> int:
    """The rows an UPDATE changed (SQLAlchemy types execute()'s result as a plain Result)."""
    return cast(CursorResult, result).rowcount


def remove_dir(folder) -> None:
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


class JobRunner:
    def __init__(self, store: Store, moodify=None, backend: str = "local", workers: int = 1,
                 spool: Spool | None = None, work: Mapping[str, Callable] | None = None) -> None:
        self.store = store
        self.moodify = moodify
        self.work = work if work is not None else {}      # kind -> work(moodify, args, progress): moodify.tasks
        self.spool = spool or spool_for(config.instance_dir())
        self.backend = backend.strip() or "local"
        self._lock = threading.Lock()
        self._pool = None
        self._queue = None
        self._reaped_at = float("-inf")
        if self.backend == "local":
            self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="moodify-job")
        elif self.backend.startswith(("redis://", "rediss://", "unix://")):
            from redis import Redis
            from rq import Queue

            self._queue = Queue(QUEUE, connection=Redis.from_url(self.backend))
        else:
            raise MoodifyError(f"jobs setting {self.backend!r}: use 'local' or a redis:// URL")

    def cancel(self, job_id: int) -> None:
        """Stop a job that has not ended: at once if it waits, at its next step if it runs
        (the worker, wherever it is, sees the request in the store)."""
        with self.store.session() as session:
            session.execute(update(Job).where(Job.id == job_id, Job.status == "queued")
                            .values(status="cancelled", stage="cancelled", updated_at=utcnow()))
            session.execute(update(Job).where(Job.id == job_id, Job.status == "running")
                            .values(stage="cancelling"))

    def recover(self) -> int:
        """A server starting: fail the open local jobs whose process is gone (killed, crashed,
        stopped), whichever process ran them; another process still serving keeps its own. With
        Redis workers, jobs outlive the server: only silent ones are failed (`reap`)."""
        if self.backend != "local":
            return self.reap()
        with self.store.session() as session:
            open_jobs = session.execute(select(Job.id, Job.runner).where(Job.status.in_(OPEN)))
            orphans = [job_id for job_id, runner in open_jobs if not (runner and self.spool.alive(runner))]
            if orphans:
                session.execute(update(Job).where(Job.id.in_(orphans), Job.status.in_(OPEN))
                                .values(status="failed", error=STOPPED, error_code="server_stopped",
                                        updated_at=utcnow()))
            return len(orphans)

    def open_ids(self) -> set[int]:
        with self.store.session() as session:
            return set(session.scalars(select(Job.id).where(Job.status.in_(OPEN))))

    def reap(self, stale: float | None = None) -> int:
        """Fail running jobs whose worker has been silent for `stale` seconds, and remove the
        uploads they were reading."""
        stale = config.current().job_stale_seconds if stale is None else stale
        silent = (Job.status == "running", Job.updated_at < utcnow() - timedelta(seconds=stale))
        with self.store.session() as session:
            candidates = list(session.scalars(select(Job.id).where(*silent)))
            if not candidates:
                return 0
            session.execute(update(Job).where(Job.id.in_(candidates), *silent).values(
                status="failed", stage="failed", error=DIED, error_code="worker_died", updated_at=utcnow()))
            reaped = list(session.scalars(select(Job.id).where(Job.id.in_(candidates),
                                                               Job.error_code == "worker_died")))
        for job_id in reaped:
            remove_dir(self.spool.job_folder(job_id))
        return len(reaped)

    def reap_now_and_then(self) -> None:
        """`reap`, at most once per HEARTBEAT in this process: job polls call it, and a silent
        worker cannot be told from a slow one sooner anyway."""
        now = time.monotonic()
        if now - self._reaped_at >= HEARTBEAT:
            self._reaped_at = now
            self.reap()

    def create(self, user_id: int, kind: str) -> int:
        with self.store.session() as session:
            job = Job(user_id=user_id, kind=kind, status="queued", progress=0.0, stage="waiting for a worker",
                      runner=self.spool.lease() if self._pool is not None else None,
                      created_at=utcnow(), updated_at=utcnow())
            session.add(job)
            session.flush()
            return job.id

    def submit(self, job_id: int, kind: str, args: dict, cleanup_dir: Path | None = None) -> None:
        """Queue the named task (moodify.tasks.WORK) with plain arguments; cleanup_dir is
        removed when it ends, whatever happens."""
        folder = str(cleanup_dir) if cleanup_dir else None
        if self._pool is not None:
            # the job runs under the settings in force where it was asked for (an app's, a CLI's)
            self._pool.submit(contextvars.copy_context().run, self.execute, job_id, kind, args, folder)
            return
        from redis.exceptions import ConnectionError, TimeoutError

        if folder:                      # the post outlives this process while its job is open
            folder = str(self.spool.hand_over(Path(folder), job_id))
        assert self._queue is not None          # not the local pool, so a queue
        try:
            self._queue.enqueue("moodify.worker.run_queued", job_id, kind, args, folder,
                                job_timeout=3600, result_ttl=0, failure_ttl=3600)
        except (ConnectionError, TimeoutError):
            # No job waits forever for a queue that is not there, and no upload stays behind.
            self._set(job_id, status="failed", stage="failed", error=QUEUE_DOWN, error_code=QueueUnavailable.code)
            remove_dir(folder)
            raise QueueUnavailable(QUEUE_DOWN) from None

    def queue_up(self) -> bool:
        """Whether jobs can be queued now (always, with the local pool)."""
        if self._queue is None:
            return True
        try:
            return bool(self._queue.connection.ping())
        except Exception:           # noqa: BLE001 - any failure means "down"
            return False

    def execute(self, job_id: int, kind: str, args: dict, cleanup_dir: str | None = None) -> None:
        """Run a job here and now: state, progress, heartbeat, cancel, errors, cleanup."""
        last_at, last_stage = 0.0, ""

        def progress(fraction: float, stage: str) -> None:
            nonlocal last_at, last_stage
            now = time.monotonic()
            if stage == last_stage and now - last_at < PROGRESS_EVERY:
                return
            last_at, last_stage = now, stage
            if not self._update_running(job_id, progress=min(max(fraction, 0.0), 0.99), stage=stage[:200]):
                raise Cancelled()

        beating = threading.Event()

        def heartbeat() -> None:
            while not beating.wait(HEARTBEAT):
                self._update_running(job_id)

        try:
            with self.store.session() as session:
                started = _changed(session.execute(update(Job).where(Job.id == job_id, Job.status == "queued")
                                                   .values(status="running", stage="starting", updated_at=utcnow())))
            if not started:
                return          # cancelled while it waited
            threading.Thread(target=heartbeat, daemon=True, name=f"moodify-heartbeat-{job_id}").start()
            made = self.work[kind](self.moodify, args, progress)
            result = made if isinstance(made, dict) else None
            analysis_id = made.get("analysis_id") if isinstance(made, dict) else made
            self._set(job_id, status="done", progress=1.0, stage="done", analysis_id=analysis_id, result=result)
        except Cancelled:
            self._set(job_id, status="cancelled", stage="cancelled")
        except MoodifyError as exc:
            self._set(job_id, status="failed", stage="failed", error=str(exc), error_code=exc.code)
        except Exception as exc:  # a bug: keep the server up, say so, log the trace
            log.exception("job %s failed", job_id)
            self._set(job_id, status="failed", stage="failed", error_code="internal",
                      error=f"internal error ({type(exc).__name__}); nothing was stored: "
                            "try again, and report it if it repeats")
        finally:
            beating.set()
            remove_dir(cleanup_dir)

    def _update_running(self, job_id: int, **values) -> bool:
        """Write progress (or just a sign of life); False when the job was asked to stop."""
        with self._lock, self.store.session() as session:
            changed = _changed(session.execute(update(Job).where(Job.id == job_id, Job.status == "running",
                                                                 Job.stage != "cancelling")
                                               .values(updated_at=utcnow(), **values)))
        return bool(changed)

    def _set(self, job_id: int, **values) -> None:
        with self._lock, self.store.session() as session:
            session.execute(update(Job).where(Job.id == job_id).values(updated_at=utcnow(), **values))

    def get(self, job_id: int) -> Job | None:
        with self.store.session() as session:
            job = session.scalar(select(Job).where(Job.id == job_id))
            if job is not None:
                session.expunge(job)
            return job

    def wait(self, job_id: int, timeout: float = 60.0) -> Job | None:
        """Poll until the job ends (for the CLI and tests); None for a job that is not there."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(job_id)
            if job is None or job.status in ENDED or time.monotonic() > deadline:
                return job
            time.sleep(0.05)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
