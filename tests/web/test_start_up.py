"""Nothing a person uploaded outlives the work it was for: a server killed mid-analysis leaves its
uploads to the next start, which removes them (however the app is served: the start-up work is
in create_app), and never touches what another live process is still working on."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import requests
from PIL import Image
from skimage import data

from moodify.spool import Spool
from moodify.store.models import Job
from moodify.web import create_app
from tests.web.served import moodify_serve


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def job_status(app, job_id: int) -> tuple[str, str | None]:
    with app.extensions["moodify"].store.session() as session:
        job = session.get(Job, job_id)
        return job.status, job.error_code


@pytest.fixture()
def built(own_app):
    """(database URL, instance folder) of a built catalogue no server is using yet."""
    app, instance = own_app()
    return app.extensions["moodify"].store.url, instance


def test_kill_9_mid_analysis_leaves_nothing_at_the_next_start(built):
    url, instance = built
    with moodify_serve(url, instance) as (base, server):
        photo = io.BytesIO()
        Image.fromarray(data.astronaut()).save(photo, "JPEG")
        posted = requests.post(f"{base}/analyses", timeout=30,
                               files=[("images", (f"me-{n}.jpg", photo.getvalue())) for n in range(6)])
        assert posted.status_code == 202
        job_id = posted.json()["id"]
        assert len(files_under(instance / "uploads")) == 6        # on disk while it is read
        os.killpg(server.pid, signal.SIGKILL)                      # no clean-up code runs
        server.wait(10)
    assert len(files_under(instance / "uploads")) == 6             # ... and still there, killed

    restarted = create_app({"database_url": url, "instance": str(instance)})   # any way of serving
    assert files_under(instance / "uploads") == []
    assert job_status(restarted, job_id) == ("failed", "server_stopped")


HOLDER = """
import sys, time
from pathlib import Path
from moodify.setup import open_moodify
moodify = open_moodify({{"database_url": {url!r}, "instance": {instance!r}}})
folder = moodify.spool.new_folder()
(folder / "images-0").write_bytes(b"somebody's photo")
with moodify.store.session() as session:
    user_id = moodify.viewer("holder").user(session).id
job_id = moodify.jobs.create(user_id, "analysis")
print(job_id, flush=True)
time.sleep(120)
"""


def test_a_start_leaves_a_live_process_alone_and_cleans_up_after_a_dead_one(built):
    url, instance = built
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(HOLDER.format(url=url, instance=str(instance)))],
                              stdout=subprocess.PIPE, text=True)
    try:
        job_id = int(holder.stdout.readline())
        app = create_app({"database_url": url, "instance": str(instance)})
        assert len(files_under(instance / "uploads")) == 1          # another server's work in flight
        assert job_status(app, job_id) == ("queued", None)
    finally:
        holder.kill()
        holder.wait(10)
    app = create_app({"database_url": url, "instance": str(instance)})
    assert files_under(instance / "uploads") == []
    assert job_status(app, job_id) == ("failed", "server_stopped")


def test_a_post_handed_to_a_worker_stays_while_its_job_is_open(tmp_path):
    spool = Spool(tmp_path)
    folder = spool.new_folder()
    (folder / "video-0").write_bytes(b"a video")
    handed = spool.hand_over(folder, 41)
    assert handed == tmp_path / "uploads" / "jobs" / "41" and not folder.exists()
    mine = spool.new_folder()
    assert spool.sweep(open_jobs={41}) == 0 and handed.exists() and mine.exists()
    assert spool.sweep(open_jobs=set()) == 1 and not handed.exists() and mine.exists()
