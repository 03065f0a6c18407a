"""Downloads from an online service: whole or not at all, within the cap, audio and not a web
page, and never from inside a private network unless that is where a configured service lives."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from moodify.online.downloads import check_address, download
from moodify.online.http import DownloadRefused, OfflineError, OnlineError
from tests.fakes.jamendo import FakeJamendo


@pytest.fixture()
def jamendo(monkeypatch):
    with FakeJamendo() as fake:
        monkeypatch.delenv("MOODIFY_OFFLINE", raising=False)
        monkeypatch.setenv("MOODIFY_JAMENDO_API_URL", fake.url)       # the fake is a configured service
        yield fake


def test_a_whole_file_is_kept_under_a_fresh_name(jamendo, tmp_path):
    got = download(f"{jamendo.root}/download/track/7/mp32/", tmp_path, service="Jamendo", max_bytes=2**20)
    assert got.path.parent == tmp_path and got.path.read_bytes()[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    assert got.content_type == "audio/mpeg" and got.size == got.path.stat().st_size
    again = download(f"{jamendo.root}/download/track/7/mp32/", tmp_path, service="Jamendo", max_bytes=2**20)
    assert again.path != got.path                      # two downloads of one track never collide


def test_a_web_page_instead_of_audio_is_refused_and_nothing_is_left(jamendo, tmp_path):
    jamendo.html_downloads = True
    with pytest.raises(DownloadRefused, match="text/html"):
        download(f"{jamendo.root}/download/track/7/mp32/", tmp_path, service="Jamendo", max_bytes=2**20)
    assert list(tmp_path.iterdir()) == []


def test_a_file_over_the_cap_is_refused_while_it_streams(jamendo, tmp_path):
    jamendo.download_bytes = 3 * 2**20
    with pytest.raises(DownloadRefused, match="cap"):
        download(f"{jamendo.root}/download/track/7/mp32/", tmp_path, service="Jamendo", max_bytes=2**20)
    assert list(tmp_path.iterdir()) == []


def test_a_server_error_is_retried_and_a_lasting_one_is_an_online_error(jamendo, tmp_path):
    jamendo.fail_next(503, times=1, on="audio")
    assert download(f"{jamendo.root}/stream/7.mp3", tmp_path, service="Jamendo", max_bytes=2**20).size > 0
    jamendo.fail_next(503, times=5, on="audio")
    with pytest.raises(OnlineError):
        download(f"{jamendo.root}/stream/7.mp3", tmp_path, service="Jamendo", max_bytes=2**20, attempts=2)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.mp3", "http://127.0.0.1:9/a.mp3",
                                 "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/a.mp3",
                                 "http://10.1.2.3/a.mp3"])
def test_addresses_a_service_should_never_send_us_to_are_refused(jamendo, url):
    with pytest.raises(DownloadRefused):
        check_address(url, "Openverse")


def test_a_redirect_into_a_private_network_is_refused(jamendo, tmp_path):
    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", "http://192.168.1.1/router.mp3")
            self.end_headers()

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        jamendo_root = f"http://127.0.0.1:{server.server_port}"
        with pytest.MonkeyPatch.context() as patch:       # this redirecting host counts as configured
            patch.setenv("MOODIFY_OPENVERSE_API_URL", jamendo_root + "/v1")
            with pytest.raises(DownloadRefused, match="private network"):
                download(f"{jamendo_root}/file.mp3", tmp_path, service="Openverse", max_bytes=2**20)
    finally:
        server.shutdown()
    assert list(tmp_path.iterdir()) == []


def test_offline_nothing_is_fetched(jamendo, tmp_path, monkeypatch):
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    with pytest.raises(OfflineError):
        download(f"{jamendo.root}/stream/7.mp3", tmp_path, service="Jamendo", max_bytes=2**20)
    assert jamendo.audio_requests == []
