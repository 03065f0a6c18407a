"""Downloading audio from an online service: within a size cap, never a web page for a song,
never from somewhere a service's data should not send us.

    download(url, folder, service=..., max_bytes=...) -> Downloaded(path, size, content_type)

- The file is written under a fresh temporary name in `folder` (so two downloads of the same
  track never collide, and a name from a service's data never becomes a path) and only kept
  when it arrived whole.
- Larger than `max_bytes` (by Content-Length, or while it streams), or an HTML/JSON/text answer
  where audio was expected (an error or sign-in page): DownloadRefused.
- Only http and https, and never a private, loopback or link-local address unless it is the host
  of a service Moodify was configured to talk to (a local mirror, or the test fakes): a service's
  data cannot make Moodify fetch from inside your network. Redirects are followed by hand, each
  one checked the same way.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

import requests
from tenacity import Retrying, retry_if_exception, stop_after_attempt

from moodify import config
from moodify.online.http import (CHUNK, RETRY_STATUSES, DownloadRefused, OnlineError, Retryable, backoff_wait,
                                 failure, new_session, require_online, retry_after_seconds)

# Content types a failed download (an error or login page) comes back as instead of audio.
NOT_AUDIO = ("text/html", "text/plain", "application/json", "application/xml", "text/xml")
MAX_REDIRECTS = 5
CONFIGURED_SERVICES = ("jamendo_api_url", "jamendo_audio_host", "openverse_api_url")


@dataclass(frozen=True)
class Downloaded:
    path: Path
    size: int
    content_type: str


def configured_hosts() -> set[str]:
    """host:port of the services Moodify was pointed at; they may be on a private address."""
    return {urlsplit(getattr(config.current(), name)).netloc.lower() for name in CONFIGURED_SERVICES}


def check_address(url: str, service: str) -> None:
    """Refuse a URL that is not http(s), or whose host resolves to a private, loopback or
    link-local address (unless it is a configured service's own host)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadRefused(f"{service} gave a download address Moodify does not fetch from "
                              f"({parts.scheme or 'no'} scheme)", service=service)
    if parts.netloc.lower() in configured_hosts():
        return
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except socket.gaierror:
        raise OnlineError(f"{service}'s download host could not be found: try again later", service=service) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise DownloadRefused(f"{service} gave a download address inside a private network; "
                                  "Moodify does not fetch from there", service=service)


def download(url: str, folder: Path, *, service: str, max_bytes: int, timeout: float | tuple = 30.0,
             progress: Callable[[int, int | None], None] | None = None, attempts: int = 3,
             session: requests.Session | None = None) -> Downloaded:
    """Stream url into a new file in `folder`; progress(bytes so far, total or None) as it goes."""
    require_online(service)
    session = session or new_session()
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix="incoming-", suffix=".part")
    os.close(handle)
    partial = Path(name)
    retrying = Retrying(stop=stop_after_attempt(max(1, attempts)), wait=backoff_wait(30.0, 0.5),
                        retry=retry_if_exception(lambda e: isinstance(e, Retryable)), reraise=True)
    try:
        size, kind = retrying(_download_once, session, url, partial, service, max_bytes, timeout, progress)
    except Retryable as exc:
        partial.unlink(missing_ok=True)
        raise OnlineError(f"{exc.reason}: the download did not finish; try again later", service=service) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Downloaded(partial, size, kind)


def _open(session: requests.Session, url: str, service: str, timeout) -> requests.Response:
    """GET url as a stream, following at most MAX_REDIRECTS redirects, each address checked."""
    for _ in range(MAX_REDIRECTS + 1):
        check_address(url, service)
        response = session.get(url, stream=True, timeout=timeout, allow_redirects=False)
        if not response.is_redirect:
            return response
        url = urljoin(url, response.headers["Location"])
        response.close()
    raise OnlineError(f"{service} redirected the download too often", service=service)


def _download_once(session, url, partial: Path, service: str, max_bytes: int, timeout, progress):
    mb = max_bytes / 2**20
    try:
        with _open(session, url, service, timeout) as response:
            if response.status_code in RETRY_STATUSES:
                raise Retryable(f"{service} answered HTTP {response.status_code}",
                                 retry_after_seconds(response.headers.get("Retry-After")))
            if response.status_code >= 400:
                raise DownloadRefused(f"{service} refused the download (HTTP {response.status_code})",
                                      service=service)
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind in NOT_AUDIO:
                raise DownloadRefused(f"{service} sent a {kind} page instead of audio: the file is not "
                                      "available for download now", service=service)
            length = response.headers.get("Content-Length", "")
            total = int(length) if length.isdigit() else None
            if total is not None and total > max_bytes:
                raise DownloadRefused(f"the file is {total / 2**20:.0f} MB, over the {mb:.0f} MB cap "
                                      "(setting max_download_mb)", service=service)
            size = 0
            with open(partial, "wb") as out:
                for block in response.iter_content(CHUNK):
                    size += len(block)
                    if size > max_bytes:
                        raise DownloadRefused(f"the file is over the {mb:.0f} MB cap (setting max_download_mb)",
                                              service=service)
                    out.write(block)
                    if progress:
                        progress(size, total)
    except requests.RequestException as exc:
        raise failure(exc, service) from None
    return size, kind
