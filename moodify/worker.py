"""A job's entry point in a worker process (`moodify worker`, RQ over Redis):

    run_queued(job_id, kind, args, cleanup_dir)
      -> this process's own Moodify (settings from its environment) -> JobRunner.execute -> tasks.WORK
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def worker_moodify():
    """This worker process's Moodify, opened once from its settings (models load on first use)."""
    from moodify.setup import open_moodify

    return open_moodify()


def run_queued(job_id: int, kind: str, args: dict, cleanup_dir: str | None) -> None:
    worker_moodify().jobs.execute(job_id, kind, args, cleanup_dir)
