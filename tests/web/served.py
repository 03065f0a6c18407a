"""`moodify serve` in a child process, the way people run it, for tests of the serving stack."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def moodify_serve(database_url: str, instance: Path, **settings: str):
    """Yields (base URL of /api/v1, the server process); SIGKILLs its whole process group after."""
    port = free_port()
    env = {**os.environ, "MOODIFY_DATABASE_URL": database_url, "MOODIFY_INSTANCE": str(instance),
           **{f"MOODIFY_{name.upper()}": value for name, value in settings.items()}}
    server = subprocess.Popen([str(Path(sys.executable).with_name("moodify")), "serve", "--port", str(port)],
                              env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{base}/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
            time.sleep(0.3)
        yield base, server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
