"""`moodify worker`: runs jobs from the Redis queue (the work itself is moodify.worker's)."""

from __future__ import annotations

import click

from moodify import config


@click.command()
@click.option("--burst", is_flag=True, help="stop when the queue is empty")
def worker(burst: bool) -> None:
    """Run jobs from the Redis queue named by MOODIFY_JOBS (start as many as you like, anywhere
    that shares the database and the instance folder)."""
    from moodify import worker as moodify_worker
    from moodify.jobs import QUEUE

    url = config.current().jobs
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise click.UsageError("set MOODIFY_JOBS to a Redis URL (redis://127.0.0.1:6379/0): with 'local' "
                               "the server runs jobs itself")
    from redis import Redis
    from rq import Queue, SimpleWorker

    moodify_worker.worker_moodify()         # open the store now: a bad setting fails here, not per job
    connection = Redis.from_url(url)
    click.echo(f"moodify worker on {url}, queue {QUEUE!r}", err=True)
    SimpleWorker([Queue(QUEUE, connection=connection)], connection=connection).work(burst=burst)
