"""The web app end to end: the real server (`moodify serve`) and a real browser (Debian's
Chromium via playwright-core, frontend/e2e/run.mjs). The server's online services are the local
fakes (tests/fakes): no real network is used.

Screenshots of each screen go to a temporary folder, so that a test run leaves the tracked ones
alone. To refresh the README's, set MOODIFY_SCREENSHOTS=docs (they land in docs/screenshots);
MOODIFY_SCREENSHOTS=<folder> writes them there instead.

axe-core checks each main screen on the way (phone and desktop, English and Korean): a serious
or critical accessibility violation fails the run; `pytest -s` shows the counts per screen.

Needs the built app, node_modules and /usr/bin/chromium: without them the test is skipped and
says why, except under CI=true, where that is a failure (`make test` builds the app;
.ci/run installs Chromium).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.fakes.jamendo import FakeJamendo
from tests.fakes.openverse import FakeOpenverse

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
DOCS_SHOTS = ROOT / "docs" / "screenshots"
SCREENS = ("1-compose", "2-reading", "3-music", "4-uplift", "5-history", "6-korean", "7-desktop", "8-render",
           "9-licences")


def _missing() -> str | None:
    if not (ROOT / "moodify" / "web" / "static" / "app" / "index.html").exists():
        return "the web app is not built (cd frontend && npm install && npm run build)"
    if not all((FRONTEND / "node_modules" / name).exists() for name in ("playwright-core", "axe-core")):
        return "frontend/node_modules is missing or out of date (cd frontend && npm install)"
    if not Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists() or not shutil.which("node"):
        return "Chromium (/usr/bin/chromium) or node is not installed (apt-get install -y chromium)"
    return None


def _screenshots(tmp_path: Path) -> Path:
    """Where this run's screenshots go (MOODIFY_SCREENSHOTS: unset, "docs", or a folder)."""
    wanted = os.environ.get("MOODIFY_SCREENSHOTS", "").strip()
    if not wanted:
        return tmp_path / "screenshots"
    return DOCS_SHOTS if wanted == "docs" else Path(wanted).expanduser().resolve()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def online():
    """The fake Jamendo (names, licences, streams, downloads) and Openverse, as the server's env."""
    with FakeJamendo() as jamendo, FakeOpenverse() as openverse:
        yield {"MOODIFY_JAMENDO_CLIENT_ID": "e2e-client", "MOODIFY_JAMENDO_API_URL": jamendo.url,
               "MOODIFY_JAMENDO_AUDIO_HOST": jamendo.root, "MOODIFY_OPENVERSE_API_URL": openverse.url}


@pytest.fixture()
def server(tmp_path, online):
    """A fresh installation (it builds its catalogue on first start, as `make run` does)."""
    port = _free_port()
    env = {**os.environ, "MOODIFY_INSTANCE": str(tmp_path / "instance"), **online}
    env.pop("MOODIFY_DATABASE_URL", None)
    env.pop("MOODIFY_OFFLINE", None)
    process = subprocess.Popen([sys.executable, "-m", "moodify", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v1/health", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"moodify serve exited: {process.stdout.read()}")
            time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_compose_read_like_reload_uplift_licences_render_history(server, tmp_path):
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI requires the end-to-end test)")
        pytest.skip(reason)
    from PIL import Image
    from skimage import data

    from tests.mediafactory import chord_clip, write_audio, write_video

    photo = tmp_path / "friend.jpg"
    Image.fromarray(data.astronaut()).save(photo)
    music = write_audio(tmp_path / "my song.mp3", chord_clip(30, bpm=124, amplitude=0.4), codec="libmp3lame")
    video = write_video(tmp_path / "holiday.mp4", [data.astronaut(), data.coffee()], 3.0,
                        sound=chord_clip(6.0, amplitude=0.05))
    shots = _screenshots(tmp_path)
    began = time.time()
    result = subprocess.run(["node", "e2e/run.mjs"], cwd=FRONTEND, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "MOODIFY_URL": server, "PHOTO": str(photo), "MUSIC": str(music),
                                 "VIDEO": str(video), "SCREENSHOTS": str(shots)})
    print(result.stdout)      # each step and when it began: `pytest -s` shows them
    assert result.returncode == 0, result.stdout + result.stderr
    assert "e2e: passed" in result.stdout
    assert result.stdout.count("e2e: axe ") >= 10, "axe-core checked each screen"
    for name in SCREENS:                          # each one taken by this run, not left from an earlier one
        shot = (shots / f"{name}.png").stat()
        assert shot.st_size > 5_000 and shot.st_mtime >= began - 1, name
