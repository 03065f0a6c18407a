"""Jobs on Redis with real worker processes (`moodify worker`), and a worker killed mid-job:
the job ends failed with the reason, nothing already stored is lost, and the next job runs.

Uses the Redis server on 127.0.0.1:6379 (database 15, emptied first; MOODIFY_TEST_REDIS names
another); skipped when it cannot be reached, except under CI=true, where that is a failure. Two runs
at once need a database each: their workers would take each other's jobs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from skimage import data

from moodify.domain import jobs, posts
from moodify.media import MediaFile
from moodify.pipeline import Post
from moodify.service import Moodify
from moodify.store import Store
from tests.mediafactory import chord_clip, write_video

REDIS = os.environ.get("MOODIFY_TEST_REDIS", "redis://127.0.0.1:6379/15")

# `moodify worker`, told by Linux to die with this test run. A worker that outlived a run killed
# before its teardown (a timeout, ^C twice) would take later runs' jobs from the shared queue and
# look for them in its own, gone, database: those jobs would stay queued for ever.
LAUNCH_WORKER = """
import ctypes, os, signal, sys
if sys.platform == "linux":
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG, kept across exec
    if os.getppid() != int(sys.argv[1]):                         # the test run is already gone
        sys.exit(1)
os.execv(sys.executable, [sys.executable, "-m", "moodify", "worker"])
"""


@pytest.fixture(scope="module")
def redis_url():
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(REDIS).flushdb()
    except RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS} is not reachable ({exc}); CI requires it")
        pytest.skip(f"Redis at {REDIS} is not reachable: {exc}")
    return REDIS


@pytest.fixture()
def setup(redis_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MOODIFY_JOB_STALE_SECONDS", "4")
    store = Store(f"sqlite:///{tmp_path / 'shared.db'}")
    store.upgrade()
    env = {**os.environ, "MOODIFY_JOBS": redis_url, "MOODIFY_DATABASE_URL": store.url,
           "MOODIFY_INSTANCE": str(tmp_path), "MOODIFY_JOB_STALE_SECONDS": "4"}
    workers = []

    def start_worker():
        process = subprocess.Popen([sys.executable, "-c", LAUNCH_WORKER, str(os.getpid())], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        workers.append(process)
        return process

    server = Moodify(store, semantic=False)
    from moodify.jobs import JobRunner

    server.jobs = JobRunner(store, server, redis_url)            # this process only queues
    yield server, start_worker, tmp_path
    for process in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    store.dispose()


def video_post(folder, seconds: float) -> Post:
    path = write_video(folder / "clip.mp4", [data.astronaut(), data.coffee()], seconds / 2,
                       sound=chord_clip(seconds, amplitude=0.2))
    return Post(caption="주말 여행 최고 🎉", video=MediaFile(path, "clip.mp4"))


def test_a_worker_process_runs_the_job(setup):
    server, start_worker, folder = setup
    worker = start_worker()
    job = posts.start_analysis(server, server.viewer(), video_post(folder, 4.0))
    assert job["status"] == "queued"
    done = server.jobs.wait(job["id"], timeout=180)
    assert done.status == "done", (done.error, worker.poll())
    analysis = posts.analysis(server, server.viewer(), done.analysis_id)
    assert {p["kind"] for p in analysis["parts"]} == {"text", "video"} and analysis["timeline"]


def wait_until(read, holds, what: str, timeout: float):
    """Poll `read()` until `holds` says yes of what it read; fail saying what never happened and
    what was last seen."""
    deadline = time.monotonic() + timeout
    while not holds(seen := read()):
        assert time.monotonic() < deadline, f"{what} within {timeout} s; last seen: {seen!r}"
        time.sleep(0.05)
    return seen


def test_a_killed_worker_leaves_its_job_failed_and_loses_nothing(setup):
    server, start_worker, folder = setup
    kept = posts.analyse(server, server.viewer(), Post(caption="이건 남아 있어야 해"))
    worker = start_worker()
    job = posts.start_analysis(server, server.viewer(), video_post(folder, 30.0))

    def well_into_the_work(row) -> bool:
        assert worker.poll() is None, f"the worker exited on its own: {worker.stdout.read()!r}"
        assert row.status in ("queued", "running"), f"the job ended before the kill: {row.status} {row.error}"
        return row.status == "running" and row.progress > 0        # past the caption, reading the video

    seen = wait_until(lambda: server.jobs.get(job["id"]), well_into_the_work, "the worker reading the post", 120)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    # polling the job is what notices a worker silent past job_stale_seconds (4 s here)
    state = wait_until(lambda: jobs.job(server, server.viewer(), job["id"]), lambda state: state["status"] != "running",
                       "the killed worker's job to end", 30)
    assert state["status"] == "failed" and "worker running this job stopped" in state["error"], (state, seen.stage)
    assert posts.analysis(server, server.viewer(), kept["id"])["caption"] == "이건 남아 있어야 해"
    # a new worker takes the next job
    fresh = start_worker()
    again = posts.start_analysis(server, server.viewer(), video_post(folder, 2.0))

    def ended(row) -> bool:
        assert fresh.poll() is None, f"the new worker exited: {fresh.stdout.read()!r}"
        return row.status in ("done", "failed", "cancelled")

    done = wait_until(lambda: server.jobs.get(again["id"]), ended, "the new worker's job to end", 180)
    assert done.status == "done", done.error
