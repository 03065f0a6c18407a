"""The HTTP layer's promises that no fake service exercises on its own: a whole-call deadline
against a server that trickles, and failures of every kind turned into OnlineError."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from moodify.online.http import OnlineError, get_json


@pytest.fixture()
def trickling(monkeypatch):
    """A server that sends its headers at once, then one byte of JSON every half second."""
    monkeypatch.delenv("MOODIFY_OFFLINE", raising=False)

    class Trickle(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b'{"results": [' + b" " * 40 + b"]}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_a_server_that_trickles_is_cut_off_at_the_deadline(trickling):
    started = time.monotonic()
    with pytest.raises(OnlineError, match="in time"):
        get_json(trickling, service="Jamendo", timeout=(1.0, 2.0), attempts=1, deadline=2.0)
    assert time.monotonic() - started < 3.0


@pytest.mark.parametrize("url", ["api.jamendo.com/v3.0/tracks/", "ftp://127.0.0.1/x", "http://"])
def test_an_address_that_is_not_a_url_says_which_setting_to_check(url, monkeypatch):
    monkeypatch.delenv("MOODIFY_OFFLINE", raising=False)
    with pytest.raises(OnlineError, match="setting|could not be reached"):
        get_json(url, service="Jamendo", attempts=1)
