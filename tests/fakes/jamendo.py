"""A fake Jamendo API v3.0 on 127.0.0.1, answering as developer.jamendo.com/v3.0 documents it.

    with FakeJamendo() as jamendo:
        JamendoClient("test-client", jamendo.url).tracks([168])

Documented behaviour it keeps (developer.jamendo.com/v3.0/tracks, /read-methods, /response-codes):
- GET /v3.0/tracks/ needs client_id (missing: code 4; unknown: code 5, both with HTTP 200 and
  headers.status "failed"); `id` takes many ids separated by ' ' or '+';
- `limit` defaults to 10 and is at most 200 ('all' also means 200); `offset` pages;
- `track_type` defaults to album tracks only: singles (all album_* fields empty) need
  track_type=single or "single albumtrack";
- `audioformat` (default mp31, as /v3.0/tracks/file documents it) picks the `audio` stream and
  `audiodlformat` (default mp32 here: the stored copy of the documentation does not show it) the
  `audiodownload` link, which is empty when audiodownload_allowed is false (since April 2022);
- the document is {"headers": {status, code, error_message, warnings, results_count}, "results": [...]},
  the shape of tests/fixtures/jamendo/tracks.json.

The catalogue: every positive id is a track, made from a hash of the id (names, artist, album,
duration, licence from LICENCES; about one in six is a single, about one in ten forbids downloads),
except ids in `removed`; `overrides[id]` replaces fields. Audio (`audio`, `audiodownload`) is served
by the fake itself: one real MP3 clip (8 s of chords, 44.1 kHz), whatever the format asked.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlencode

from werkzeug.wrappers import Request, Response

from tests.fakes.server import LocalServer, json_response

# The licence mix: Creative Commons deeds as Jamendo's license_ccurl gives them, chosen by a hash
# of the id. Every variant (BY, BY-SA, BY-ND, BY-NC, BY-NC-SA, BY-NC-ND), versions 2.0 to 4.0,
# http and https, and two national ports, so licence parsing meets what Jamendo really sends.
LICENCES = (
    "http://creativecommons.org/licenses/by/3.0/",
    "https://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by-sa/3.0/",
    "https://creativecommons.org/licenses/by-sa/4.0/",
    "http://creativecommons.org/licenses/by-nd/2.5/",
    "https://creativecommons.org/licenses/by-nd/4.0/",
    "http://creativecommons.org/licenses/by-nc/2.0/",
    "http://creativecommons.org/licenses/by-nc/3.0/",
    "http://creativecommons.org/licenses/by-nc-sa/2.0/fr/",
    "http://creativecommons.org/licenses/by-nc-sa/3.0/",
    "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "http://creativecommons.org/licenses/by-nc-nd/2.5/",
    "http://creativecommons.org/licenses/by-nc-nd/3.0/de/",
    "https://creativecommons.org/licenses/by-nc-nd/4.0/",
)
MAX_LIMIT, DEFAULT_LIMIT = 200, 10
TRACK_TYPES = {"single", "albumtrack"}
AUDIO_FORMATS = {"mp31", "mp32", "ogg", "flac"}
ERRORS = {3: "Type", 4: "Required Parameter", 5: "Invalid Client Id", 6: "Rate Limit Exceeded",
          7: "Method Not Found", 9: "Format"}

_WORDS = ("Midnight", "Golden", "Paper", "Quiet", "Electric", "Velvet", "Northern", "Broken", "Silver",
          "Summer", "Hollow", "Neon", "Wild", "Slow", "Blue", "Distant")
_THINGS = ("Harbour", "Lights", "Garden", "Rain", "Horizon", "Echoes", "Streets", "River", "Dreams",
           "Motion", "Waves", "Skyline", "Fields", "Letters", "Sparks", "Tides")
_FIRST = ("Lena", "Tomas", "Ines", "Marco", "Aiko", "Jonas", "Clara", "Yusuf", "Maya", "Felix")
_LAST = ("Marlow", "Okafor", "Lindqvist", "Duval", "Moreau", "Kowalski", "Reyes", "Hart", "Sato", "Brandt")
_BANDS = ("The Paper Kites Club", "Orbit Avenue", "Lowland Static", "Cedar & Smoke", "Kite Republic")

_clip_lock = threading.Lock()
_clip: bytes | None = None


def music_clip() -> bytes:
    """The MP3 every audio URL serves: 8 s of chords at 110 BPM, 44.1 kHz mono (about 65 KB), made once."""
    global _clip
    with _clip_lock:
        if _clip is None:
            from tests.mediafactory import chord_clip, write_audio

            with tempfile.TemporaryDirectory() as folder:
                path = write_audio(Path(folder) / "clip.mp3", chord_clip(8, bpm=110, rate=44100),
                                   rate=44100, codec="libmp3lame")
                _clip = path.read_bytes()
        return _clip


def _hash(track_id: int) -> int:
    return int.from_bytes(hashlib.blake2b(str(track_id).encode(), digest_size=8).digest(), "big")


def catalogue_entry(track_id: int, root: str, *, audioformat: str = "mp31", audiodlformat: str = "mp32") -> dict:
    """The result entry the fake answers for an id, before overrides and dropped fields."""
    h = _hash(track_id)

    def pick(options: tuple, shift: int):
        return options[(h >> shift) % len(options)]
    single = (h >> 52) % 6 == 0
    allowed = (h >> 58) % 10 != 3
    artist = pick(_BANDS, 8) if h % 4 == 0 else f"{pick(_FIRST, 12)} {pick(_LAST, 16)}"
    album_id = 100000 + (h >> 20) % 400000
    album_image = "" if single else f"https://usercontent.jamendo.com?type=album&id={album_id}&width=300"
    return {
        "id": str(track_id), "name": f"{pick(_WORDS, 24)} {pick(_THINGS, 28)}",
        "duration": 90 + (h >> 32) % 271, "artist_id": str(1000 + h % 9000), "artist_name": artist,
        "album_name": "" if single else f"{pick(_THINGS, 36)} of {pick(_WORDS, 40)}",
        "album_id": "" if single else str(album_id), "license_ccurl": pick(LICENCES, 44),
        "position": 0 if single else 1 + (h >> 48) % 12,
        "releasedate": f"20{10 + h % 15}-0{1 + h % 9}-1{h % 10}", "album_image": album_image,
        "audio": f"{root}/stream/{track_id}.mp3?format={audioformat}",
        "audiodownload": f"{root}/download/track/{track_id}/{audiodlformat}/" if allowed else "",
        "shorturl": f"https://jamen.do/t/{track_id}",
        "shareurl": f"https://www.jamendo.com/track/{track_id}",
        "waveform": json.dumps({"peaks": [(h >> k) % 100 for k in range(0, 40, 4)]}),
        "image": album_image or f"https://usercontent.jamendo.com?type=track&id={track_id}&width=300",
        "audiodownload_allowed": allowed,
    }


class FakeJamendo(LocalServer):
    """The fake server. Set its attributes at any time; they apply to the next request. Its
    `root` is where its audio is served (its "audio host")."""

    name = "fake-jamendo"

    def __init__(self) -> None:
        self.removed: set[int] = set()
        self.overrides: dict[int, dict] = {}
        self.drop_fields: set[str] = set()
        self.invalid_client_ids: set[str] = set()
        self.delay_seconds = 0.0            # before each API answer
        self.html_downloads = False         # audio URLs answer 200 text/html, as a login page would
        self.download_bytes: int | None = None   # audio URLs send this many bytes instead of the clip
        self.clip: bytes | None = None      # the MP3 every audio URL serves (default: music_clip())
        self.requests: list[dict] = []      # the query of every /v3.0/tracks/ call, faults included
        self.audio_requests: list[str] = []     # the path of every audio fetch
        super().__init__(("api", "audio"))

    def reset(self) -> None:
        """Back to a fresh fake on the same port: no faults pending, no requests, default behaviour."""
        self._clear_faults()
        with self._lock:
            self.requests.clear()
            self.audio_requests.clear()
        self.removed.clear()
        self.overrides.clear()
        self.drop_fields.clear()
        self.invalid_client_ids.clear()
        self.delay_seconds, self.html_downloads, self.download_bytes, self.clip = 0.0, False, None, None

    @property
    def url(self) -> str:
        """The API base URL, ending in /v3.0, for MOODIFY_JAMENDO_API_URL."""
        return f"{self.root}/v3.0"

    # --- failure injection ---
    def fail_next(self, status: int, times: int = 1, retry_after: float | None = None, *, on: str = "api") -> None:
        """The next `times` API calls (or audio fetches, on="audio") answer HTTP `status`."""
        headers = {"Retry-After": str(int(retry_after))} if retry_after is not None else {}
        self._queue(on, times, lambda: Response(f"<html><body><h1>{status}</h1></body></html>", status,
                                                headers, content_type="text/html"))

    def headers_error_next(self, code: int, message: str, times: int = 1) -> None:
        """The next `times` API calls answer HTTP 200 with headers.status "failed" and this code."""
        self._queue("api", times, lambda: self._failed(code, message))

    def malformed_next(self, times: int = 1) -> None:
        """The next `times` API calls answer 200 with a JSON body cut short."""
        self._queue("api", times, lambda: Response('{"headers": {"status": "succ', 200,
                                                   content_type="application/json"))

    # --- answers ---
    @Request.application
    def _wsgi(self, request: Request) -> Response:
        path = request.path.rstrip("/")
        if path == "/v3.0/tracks":
            return self._tracks(request)
        if path == "/v3.0/tracks/file":
            return self._file(request)
        if match := re.fullmatch(r"/stream/(\d+)\.mp3|/download/track/(\d+)/\w+", path):
            return self._audio(request, int(match.group(1) or match.group(2)), download=bool(match.group(2)))
        if path.startswith("/v3.0/"):
            return self._failed(7, f"Method Not Found: {path} does not exist (in this fake)")
        return Response("not found", 404)

    def _tracks(self, request: Request) -> Response:
        with self._lock:
            self.requests.append(request.args.to_dict())
        if self.delay_seconds:
            self._closing.wait(self.delay_seconds)
        fault = self._fault("api")
        if fault is not None:
            return fault()
        query, error = _read_query(request.args)
        if error:
            return self._failed(*error)
        if query["client_id"] in self.invalid_client_ids:
            return self._failed(5, f"Invalid Client Id: {query['client_id']} does not exist or cannot be validated")
        entries = (self.entry(i, query["audioformat"], query["audiodlformat"]) for i in query["ids"])
        matching = [entry for entry in entries if entry is not None and _track_type(entry) in query["track_type"]]
        start = query["offset"]
        page = matching[start:start + query["limit"]]
        more = len(matching) > start + len(page)
        return json_response(_document(page, next_url=_next_url(request, start + len(page)) if more else None))

    def entry(self, track_id: int, audioformat: str = "mp31", audiodlformat: str = "mp32") -> dict | None:
        """What the fake answers for one id (None when removed), overrides and drop_fields applied."""
        if track_id in self.removed or track_id <= 0:
            return None
        entry = {**catalogue_entry(track_id, self.root, audioformat=audioformat, audiodlformat=audiodlformat),
                 **self.overrides.get(track_id, {})}
        return {key: value for key, value in entry.items() if key not in self.drop_fields}

    def _file(self, request: Request) -> Response:
        """tracks/file: a redirect to the file; 404 when the track is gone or its download not allowed."""
        track_id = int(request.args.get("id", "0")) if request.args.get("id", "").isdigit() else 0
        entry = self.entry(track_id)
        if entry is None or request.args.get("client_id", "") in self.invalid_client_ids | {""}:
            return Response("not found", 404)
        if request.args.get("action") == "download":
            if not entry.get("audiodownload_allowed"):
                return Response("not found", 404)
            return Response(status=302, headers={"Location": f"{self.root}/download/track/{track_id}/mp32/"})
        return Response(status=302, headers={"Location": f"{self.root}/stream/{track_id}.mp3"})

    def _audio(self, request: Request, track_id: int, *, download: bool) -> Response:
        with self._lock:
            self.audio_requests.append(request.full_path)
        fault = self._fault("audio")
        if fault is not None:
            return fault()
        entry = self.entry(track_id)
        if entry is None or (download and not entry.get("audiodownload_allowed")):
            return Response("<html><body>Track not found</body></html>", 404, content_type="text/html")
        if self.html_downloads:
            return Response("<html><body><h1>Please sign in to download</h1></body></html>", 200,
                            content_type="text/html; charset=utf-8")
        if self.download_bytes is not None:
            return _sized_body(self.download_bytes)
        clip = self.clip or music_clip()
        return Response(clip, 200, {"Content-Length": str(len(clip))}, content_type="audio/mpeg")

    def _failed(self, code: int, message: str) -> Response:
        """An error as Jamendo reports it: HTTP 200, the error in the document's headers."""
        headers = {"status": "failed", "code": code, "error_message": f"{ERRORS.get(code, 'Exception')}: {message}",
                   "warnings": "", "results_count": 0}
        return json_response({"headers": headers, "results": []})


def _read_query(args) -> tuple[dict, tuple[int, str] | None]:
    """The tracks/ parameters with the documented defaults, or (code, message) for a bad one."""
    client_id = args.get("client_id", "").strip()
    if not client_id:
        return {}, (4, "client_id is required")
    if args.get("format", "json") not in ("json", "jsonpretty"):
        return {}, (9, "this fake answers json and jsonpretty only")
    ids = [part for part in re.split(r"[ +]+", args.get("id", "").strip()) if part]
    track_type = set(re.split(r"[ +]+", args.get("track_type", "albumtrack").strip()))
    limit = args.get("limit", str(DEFAULT_LIMIT)).strip()
    offset = args.get("offset", "0").strip()
    formats = args.get("audioformat", "mp31"), args.get("audiodlformat", "mp32")
    if not all(part.isdigit() for part in ids):
        return {}, (3, "id takes integers separated by ' ' or '+'")
    if not track_type <= TRACK_TYPES:
        return {}, (3, "track_type takes single and/or albumtrack")
    if not (limit.isdigit() or limit == "all") or not offset.isdigit():
        return {}, (3, "limit takes an integer or 'all', offset an integer")
    if not set(formats) <= AUDIO_FORMATS:
        return {}, (3, "audioformat and audiodlformat take mp31, mp32, ogg or flac")
    return {"client_id": client_id, "ids": list(dict.fromkeys(int(part) for part in ids)),
            "track_type": track_type, "offset": int(offset),
            "limit": MAX_LIMIT if limit == "all" else min(int(limit), MAX_LIMIT),
            "audioformat": formats[0], "audiodlformat": formats[1]}, None


def _track_type(entry: dict) -> str:
    return "albumtrack" if entry.get("album_id") else "single"


def _document(results: list[dict], *, next_url: str | None) -> dict:
    headers = {"status": "success", "code": 0, "error_message": "", "warnings": "", "results_count": len(results)}
    if next_url:   # only when the limit cut the results short
        headers["next"] = next_url
    return {"headers": headers, "results": results}


def _next_url(request: Request, offset: int) -> str:
    return f"{request.base_url}?{urlencode({**request.args.to_dict(), 'offset': offset})}"


def _sized_body(size: int) -> Response:
    """`size` bytes of audio (the clip, then silence-like padding), streamed, with a true Content-Length."""
    clip = music_clip()[:size]

    def chunks():
        yield clip
        left = size - len(clip)
        while left > 0:
            block = min(left, 1 << 16)
            yield bytes(block)
            left -= block
    return Response(chunks(), 200, {"Content-Length": str(size)}, content_type="audio/mpeg")
