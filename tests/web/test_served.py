"""The serving stack itself (`moodify serve`): slow clients cannot take it down, and what it refuses
it refuses in the API's error shape."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.web.served import moodify_serve

SLOW = 150


@pytest.fixture(scope="module")
def served(own_app):
    app, instance = own_app()
    with moodify_serve(app.extensions["moodify"].store.url, instance, header_timeout_seconds="2") as (base, _):
        yield base


def slow_client(port: int) -> socket.socket:
    """A request head that never ends."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: test\r\n")
    return sock


def test_slow_clients_are_cut_after_the_header_timeout_and_everyone_else_is_served(served):
    port = int(served.split(":")[2].split("/")[0])
    slow = [slow_client(port) for _ in range(SLOW)]          # waitress stopped answering past 100
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: requests.get(f"{served}/health", timeout=5), range(40)))
        assert all(a.status_code == 200 for a in answers) and time.monotonic() - started < 5
        for sock in slow:
            sock.settimeout(10)
            assert sock.recv(100) == b""                      # cut, not answered and not kept
        assert time.monotonic() - started < 10                # by the 2 s header timeout
    finally:
        for sock in slow:
            sock.close()


def test_bodies_too_large_are_refused_in_the_error_shape(served):
    port = int(served.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port)) as sock:        # says 3 GB are coming
        sock.sendall(b"POST /api/v1/analyses HTTP/1.1\r\nHost: test\r\nContent-Length: %d\r\n"
                     b"Content-Type: multipart/form-data; boundary=b\r\n\r\n" % (3 << 30) + b"x" * 1024)
        sock.settimeout(10)
        answer = b""
        while b"}}" not in answer and (chunk := sock.recv(65536)):   # the head and the JSON may come apart
            answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"content-type: application/json" in head.lower()
    assert b'"code":"request_entity_too_large"' in body

    chunks = (b'{"caption": "' if i == 0 else b"a" * (1 << 16) for i in range(64))    # 4 MB, no length
    chunked = requests.post(f"{served}/recommendations", data=chunks, timeout=10,
                            headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413 and chunked.json()["error"]["code"] == "too_large"
