"""Jamendo API v3.0: names, artists, licences and audio links of tracks, by Jamendo track id.

    JamendoClient.from_settings().tracks([168, 245]) -> {168: JamendoTrack(...), 245: ...}

Built from developer.jamendo.com/v3.0/tracks, /read-methods and /response-codes. Only the
client id and track ids are sent; every request goes through moodify.online.http.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import requests

from moodify import config
from moodify.online import http
from moodify.online.http import OnlineError, RateLimited, ServiceRefused

SERVICE = "Jamendo"
MAX_IDS_PER_REQUEST = 200   # Jamendo's documented max limit
# Asked with every tracks/ request, so that no default of Jamendo's decides what comes back:
TRACK_QUERY = {
    "format": "json",
    "track_type": "single albumtrack",  # the default is album tracks only: singles would look removed
    "audioformat": "mp32",              # `audio` is mp31 (96 kb/s) unless asked; mp32 is the good VBR stream
    "audiodlformat": "mp32",            # the download link in the same format
}
# developer.jamendo.com/v3.0/response-codes
GENERIC_EXCEPTION, INVALID_CLIENT_ID, RATE_LIMIT_EXCEEDED, SUSPENDED_APPLICATION = 1, 5, 6, 11


class NoClientId(OnlineError):
    """Jamendo features are asked for but no client id is set."""

    status = 409
    code = "jamendo_no_client_id"

    def __init__(self, message: str = "Jamendo needs a client id: get one free at https://devportal.jamendo.com "
                 "and set MOODIFY_JAMENDO_CLIENT_ID to it.") -> None:
        super().__init__(message, service=SERVICE)


@dataclass(frozen=True)
class JamendoTrack:
    id: int
    name: str | None
    artist_name: str | None
    album_name: str | None      # None for a single
    image: str | None
    duration: float | None      # seconds
    license_ccurl: str | None   # the Creative Commons deed URL
    audio: str | None           # stream URL (mp32)
    audiodownload: str | None   # None when empty or when the artist does not allow downloads
    audiodownload_allowed: bool
    shareurl: str | None


class JamendoClient:
    def __init__(self, client_id: str, api_url: str, *, session: requests.Session | None = None) -> None:
        self.client_id = client_id
        self.api_url = api_url.rstrip("/")
        self.session = session or http.new_session()

    @classmethod
    def from_settings(cls) -> JamendoClient:
        """A client for the configured API; OfflineError when offline, NoClientId without a client id."""
        http.require_online(SERVICE)
        client_id = config.current().jamendo_client_id
        if not client_id:
            raise NoClientId()
        return cls(client_id, config.current().jamendo_api_url)

    def tracks(self, ids: Iterable[int], *, timeout: float | tuple[float, float] = 10.0, attempts: int = 4,
               max_wait: float = 30.0, deadline: float | None = None) -> dict[int, JamendoTrack]:
        """The tracks Jamendo still has, by id: ids it does not return are absent from the dict.
        Asks at most MAX_IDS_PER_REQUEST ids a request; `deadline` bounds each request's whole time."""
        found: dict[int, JamendoTrack] = {}
        for batch in _batches(_unique_ids(ids), MAX_IDS_PER_REQUEST):
            params = {"client_id": self.client_id, **TRACK_QUERY,
                      "id": " ".join(map(str, batch)),   # sent as 1+2+3, the documented separator
                      "limit": len(batch)}               # the default limit (10) would drop the rest
            try:
                document = http.get_json(f"{self.api_url}/tracks/", params, service=SERVICE, timeout=timeout,
                                         attempts=attempts, max_wait=max_wait, deadline=deadline,
                                         session=self.session)
            except ServiceRefused as refused:
                # A 4xx may still carry Jamendo's own error document, which says more.
                headers = (refused.document or {}).get("headers") if isinstance(refused.document, dict) else None
                raise (self._refusal(headers) if isinstance(headers, dict) else refused) from None
            asked = set(batch)
            for entry in self._results(document):
                track = _track(entry)
                if track is not None and track.id in asked:
                    found[track.id] = track
        return found

    def _results(self, document) -> list:
        """The results list of a tracks/ document; Jamendo's own errors (in `headers`) raised."""
        if not isinstance(document, dict):
            raise _unknown_shape()
        headers = document.get("headers")
        if isinstance(headers, dict) and (headers.get("status") == "failed"
                                          or _as_int(headers.get("code")) not in (None, 0)):
            raise self._refusal(headers)
        results = document.get("results")
        if not isinstance(results, list):
            raise _unknown_shape()
        return results

    def _refusal(self, headers: dict) -> OnlineError:
        code = _as_int(headers.get("code"))
        # Jamendo's message may quote the client id; it stays out of logs and pages.
        said = (_text(headers.get("error_message")) or "no message").replace(self.client_id, "<client id>")
        if code == INVALID_CLIENT_ID:
            return ServiceRefused(f"Jamendo does not accept the client id in MOODIFY_JAMENDO_CLIENT_ID (code 5: "
                                  f"{said}): check it at https://devportal.jamendo.com", service=SERVICE)
        if code == SUSPENDED_APPLICATION:
            return ServiceRefused(f"Jamendo has suspended the application whose client id is in "
                                  f"MOODIFY_JAMENDO_CLIENT_ID (code 11: {said})", service=SERVICE)
        if code == RATE_LIMIT_EXCEEDED:
            return RateLimited(f"Jamendo says it was asked too often (code 6: {said}): try again later "
                               "(what was done so far is kept)", service=SERVICE)
        if code == GENERIC_EXCEPTION:
            return OnlineError(f"Jamendo failed to answer (code 1: {said}): try again later", service=SERVICE)
        return ServiceRefused(f"Jamendo refused the request (code {code}: {said})", service=SERVICE)


def _unknown_shape() -> OnlineError:
    return OnlineError("Jamendo answered in a shape Moodify does not know (no list of results): "
                       "try again later, and report it if it lasts", service=SERVICE)


def _unique_ids(ids: Iterable[int]) -> list[int]:
    """Positive ids in first-seen order; anything else cannot be a Jamendo track and is not asked."""
    unique = dict.fromkeys(i for i in map(_as_int, ids) if i is not None and i > 0)
    return list(unique)


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _track(entry) -> JamendoTrack | None:
    """One result entry; None when it has no usable id. Missing or empty fields become None."""
    if not isinstance(entry, dict):
        return None
    track_id = _as_int(entry.get("id"))
    if track_id is None or track_id <= 0:
        return None
    allowed = _as_flag(entry.get("audiodownload_allowed"))
    return JamendoTrack(
        id=track_id, name=_text(entry.get("name")), artist_name=_text(entry.get("artist_name")),
        album_name=_text(entry.get("album_name")), image=_text(entry.get("image")),
        duration=_as_seconds(entry.get("duration")), license_ccurl=_text(entry.get("license_ccurl")),
        audio=_text(entry.get("audio")),
        # The artist's choice wins even where a link is left in the document.
        audiodownload=_text(entry.get("audiodownload")) if allowed else None,
        audiodownload_allowed=allowed, shareurl=_text(entry.get("shareurl")))


def _text(value) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip() if isinstance(value, (str, int, float)) else ""
    return text or None


def _as_int(value) -> int | None:
    """168, "168", " 168 " and 168.0 -> 168; anything else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _as_seconds(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _as_flag(value) -> bool:
    """Only an explicit yes counts: a missing or unreadable flag never allows a download."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return value is True or (isinstance(value, int) and value == 1)
