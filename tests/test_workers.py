"""Jobs on Redis with real worker processes (`moodify worker`), and a worker killed mid-job:
the job ends failed with the reason, nothing already stored is lost, and the next job runs.

Uses the Redis server on 127.0.0.1:6379 (database 15, emptied first); skipped when it cannot be
reached, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from skimage import data

from moodify.media import MediaFile
from moodify.pipeline import Post
from moodify.service import Moodify
from moodify.store import Store
from tests.mediafactory import chord_clip, write_video

REDIS = os.environ.get("MOODIFY_TEST_REDIS", "redis://127.0.0.1:6379/15")


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
        process = subprocess.Popen([sys.executable, "-m", "moodify", "worker"], env=env,
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
    job = server.start_analysis(video_post(folder, 4.0))
    assert job["status"] == "queued"
    done = server.jobs.wait(job["id"], timeout=180)
    assert done.status == "done", (done.error, worker.poll())
    analysis = server.analysis(done.analysis_id)
    assert {p["kind"] for p in analysis["parts"]} == {"text", "video"} and analysis["timeline"]


def test_a_killed_worker_leaves_its_job_failed_and_loses_nothing(setup):
    server, start_worker, folder = setup
    kept = server.analyse(Post(caption="이건 남아 있어야 해"))
    worker = start_worker()
    job = server.start_analysis(video_post(folder, 30.0))
    deadline = time.monotonic() + 120
    while server.jobs.get(job["id"]).status != "running":
        assert time.monotonic() < deadline and worker.poll() is None
        time.sleep(0.1)
    time.sleep(1.0)                                              # well into the work
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    deadline = time.monotonic() + 30
    while (state := server.job(job["id"]))["status"] == "running":
        assert time.monotonic() < deadline, state
        time.sleep(0.5)
    assert state["status"] == "failed" and "worker running this job stopped" in state["error"]
    assert server.analysis(kept["id"])["caption"] == "이건 남아 있어야 해"
    # a new worker takes the next job
    start_worker()
    again = server.start_analysis(video_post(folder, 2.0))
    assert server.jobs.wait(again["id"], timeout=180).status == "done"
