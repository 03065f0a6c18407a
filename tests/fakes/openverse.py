"""A fake Openverse API (audio search) on 127.0.0.1, answering as WordPress/openverse's api/ does
for an anonymous caller.

    with FakeOpenverse() as openverse:
        OpenverseClient(openverse.url).search_audio("sad piano")

Behaviour it keeps, and where the real one says so (paths in WordPress/openverse):
- GET /v1/audio/ reads q, category, license, license_type, length, source, extension, page and
  page_size (api/api/serializers/media_serializers.py, audio_serializers.py).
- q: every word must match (simple_query_string, default operator AND) in the title, the
  description (not part of the answer) or a tag name; `a | b` matches either; cut to 200
  characters; matching is case-insensitive with a crude stemmer standing in for Snowball
  (api/api/controllers/search_controller.py, documentation/api/reference/search_algorithm.md).
  Title matches come first.
- page_size over 20 answers 401 {"detail": "Ensure this value is less than or equal to 20."}
  (NotAuthenticated, with WWW-Authenticate); page over 20, or any invalid value, answers 400
  {"detail": {"<field>": ["<message>"]}} (api/api/utils/exceptions.py wraps DRF's field errors).
- Several license_type groups are intersected; "commercial" is every licence without "nc",
  "modification" every one without "nd" (api/api/constants/licenses.py).
- length buckets: shortest < 30 s <= short < 2 min <= medium < 10 min <= long, by duration
  (ingestion_server/ingestion_server/elasticsearch_models.py, Audio.Durations).
- The answer: {result_count, page_count, page_size, page, results} with every AudioSerializer
  field in the documented order, shaped like tests/fixtures/openverse/audio_search.json; a page
  past the end answers result_count 0, page_count 0 (search_controller._get_result_and_page_count).

Each track's `url` is served by the fake itself: a 4 s MP3 (bright, dark or calm chords after the
track's mood tags), whatever `duration` says; `filesize` is the served size.
"""

from __future__ import annotations

import csv
import math
import re
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from werkzeug.wrappers import Request, Response

from tests.fakes.server import LocalServer, json_response

MAX_PAGE_SIZE = MAX_PAGE = 20
ALL_LICENSES = {"by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd", "cc0", "pdm", "sampling+", "nc-sampling+"}
LICENSE_GROUPS = {
    "all": ALL_LICENSES,
    "all-cc": ALL_LICENSES - {"pdm"},
    "commercial": {code for code in ALL_LICENSES if "nc" not in code},
    "modification": {code for code in ALL_LICENSES if "nd" not in code},
}
SOURCES = {"jamendo", "freesound", "ccmixter", "wikimedia_audio"}
CATEGORIES = {"audiobook", "music", "news", "podcast", "pronunciation", "sound_effect"}
LENGTHS = (("shortest", 30_000), ("short", 120_000), ("medium", 600_000), ("long", math.inf))
PUBLIC_DOMAIN = {"cc0", "pdm"}
# 40 tracks: music and sound effects (and a podcast, an audiobook) from jamendo, freesound, ccmixter
# and wikimedia_audio, every licence, one without a file; moods in the tags.
COLLECTION_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "openverse" / "collection.csv"


@dataclass(frozen=True)
class FakeTrack:
    title: str
    creator: str
    source: str                      # jamendo, freesound, ccmixter or wikimedia_audio
    license: str | None
    license_version: str | None
    seconds: float
    tags: tuple[str, ...]
    genres: tuple[str, ...] = ()
    category: str = "music"
    description: str = ""            # searched, never answered (as in Openverse)
    has_file: bool = True            # False: `url` is null, as Openverse allows

    @property
    def id(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fake-openverse/{self.source}/{self.title}"))

    @property
    def mood(self) -> str:
        """Which clip the file URL serves: dark, bright or calm."""
        if {"sad", "melancholic", "dark", "tense"} & set(self.tags):
            return "dark"
        return "bright" if {"happy", "upbeat", "energetic", "party"} & set(self.tags) else "calm"


def load_collection(path: Path = COLLECTION_CSV) -> tuple[FakeTrack, ...]:
    """The built-in tracks: tags space-separated, genres ';'-separated, has_file yes/no."""
    with path.open(newline="", encoding="utf-8") as rows:
        return tuple(FakeTrack(row["title"], row["creator"], row["source"], row["license"] or None,
                               row["license_version"] or None, float(row["seconds"]), tuple(row["tags"].split()),
                               tuple(g for g in row["genres"].split(";") if g), row["category"],
                               has_file=row["has_file"] == "yes")
                     for row in csv.DictReader(rows))


COLLECTION = load_collection()


# --- the served audio ---
_clip_lock = threading.Lock()
_clips: dict[str, bytes] = {}


def mood_clips() -> dict[str, bytes]:
    """One 4 s mono MP3 per mood, made once per process: bright (major, 132 BPM), dark (minor,
    an octave down, 66 BPM, quieter) and calm (major seventh, 84 BPM, soft)."""
    with _clip_lock:
        if not _clips:
            from tests.mediafactory import chord_clip, write_audio

            moods = {"bright": dict(bpm=132, notes=(0, 4, 7, 12)),
                     "dark": dict(bpm=66, notes=(-12, -9, -5, -9), amplitude=0.2),
                     "calm": dict(bpm=84, notes=(0, 4, 7, 11), amplitude=0.15)}
            with tempfile.TemporaryDirectory() as folder:
                for mood, shape in moods.items():
                    path = Path(folder) / f"{mood}.mp3"
                    write_audio(path, chord_clip(4.0, rate=22050, **shape), rate=22050, codec="libmp3lame")
                    _clips[mood] = path.read_bytes()
        return dict(_clips)


# --- documents, as the AudioSerializer writes them ---
def license_url(code: str, version: str | None) -> str:
    if code == "cc0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    if code == "pdm":
        return "https://creativecommons.org/publicdomain/mark/1.0/"
    return f"https://creativecommons.org/licenses/{code}/{version or '4.0'}/"


def attribution(title: str, creator: str, code: str, version: str | None) -> str:
    """The plain-English credit line Openverse writes (api/api/utils/attribution.py's wording)."""
    if code == "pdm":
        name = f"Public Domain Mark {version or ''}".strip()
    elif code == "cc0":
        name = f"CC0 {version or ''}".strip()
    else:
        name = f"CC {code.upper().replace('SAMPLING', 'Sampling')} {version or ''}".strip()
    pd = code in PUBLIC_DOMAIN
    return (f'"{title}" by {creator} {"is marked with" if pd else "is licensed under"} {name}. '
            f'To view {"the terms" if pd else "a copy of this license"}, visit {license_url(code, version)}.')


def _landing(track: FakeTrack, number: int) -> tuple[str, str | None]:
    slug = re.sub(r"\W+", "-", track.creator.lower()).strip("-")
    return {
        "jamendo": (f"https://www.jamendo.com/track/{number}",
                    f"https://www.jamendo.com/artist/{number // 7}/{slug}"),
        "freesound": (f"https://freesound.org/people/{track.creator}/sounds/{number}/",
                      f"https://freesound.org/people/{track.creator}/"),
        "ccmixter": (f"https://ccmixter.org/files/{slug}/{number}", f"https://ccmixter.org/people/{slug}"),
    }.get(track.source, (f"https://commons.wikimedia.org/w/index.php?curid={number}", None))


def document(track: FakeTrack, root: str, fields_matched: list[str], filesize: int | None) -> dict:
    """One search result with every field AudioSerializer gives, in its order."""
    number = int(track.id[:6], 16)
    landing, creator_url = _landing(track, number)
    api = f"{root}/v1/audio/{track.id}"
    code = track.license
    return {
        "id": track.id, "title": track.title, "indexed_on": "2023-03-14T09:26:53Z",
        "foreign_landing_url": landing,
        "url": f"{root}/files/{track.id}.mp3" if track.has_file else None,
        "creator": track.creator, "creator_url": creator_url,
        "license": code, "license_version": track.license_version,
        "license_url": license_url(code, track.license_version) if code else None,
        "provider": track.source, "source": track.source, "category": track.category,
        "genres": list(track.genres), "filesize": filesize if track.has_file else None,
        "filetype": "mp3" if track.has_file else None,
        "tags": [{"accuracy": None, "name": tag} for tag in track.tags],
        "alt_files": None,
        "attribution": attribution(track.title, track.creator, code, track.license_version) if code else None,
        "fields_matched": fields_matched, "mature": False,
        "audio_set": _audio_set(track, landing, creator_url, root),
        "duration": int(track.seconds * 1000), "bit_rate": 128000, "sample_rate": 44100,
        "thumbnail": f"{api}/thumb/" if track.source == "jamendo" else None,
        "detail_url": f"{api}/", "related_url": f"{api}/related/", "waveform": f"{api}/waveform/",
        "unstable__sensitivity": [],
    }


def _audio_set(track: FakeTrack, landing: str, creator_url: str | None, root: str) -> dict | None:
    if track.source != "jamendo":
        return None
    return {"title": track.title, "foreign_landing_url": landing.replace("/track/", "/album/"),
            "creator": track.creator, "creator_url": creator_url,
            "url": f"{root}/v1/audio/{track.id}/thumb/", "filesize": None, "filetype": None}


# --- search ---
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def _words(text: str) -> set[str]:
    return {_stem(word) for word in re.findall(r"\w+", text.lower())}


def matched_fields(track: FakeTrack, q: str) -> list[str] | None:
    """The fields q matched (title, description, tags.name), or None when the track does not match."""
    fields = {"title": _words(track.title), "description": _words(track.description),
              "tags.name": _words(" ".join(track.tags))}
    everything = set().union(*fields.values())
    for alternative in q.split("|"):
        wanted = _words(alternative)
        if wanted and wanted <= everything:
            return [name for name, words in fields.items() if words & wanted]
    return None if q.strip() else []


def _length(seconds: float) -> str:
    return next(name for name, below in LENGTHS if seconds * 1000 < below)


class _Invalid(Exception):
    def __init__(self, status: int, detail) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


def _integer(args, name: str, default: int, errors: dict) -> int:
    raw = args.get(name, str(default)).strip()
    if not re.fullmatch(r"-?\d+", raw):
        errors[name] = ["A valid integer is required."]
        return default
    if int(raw) < 1:
        errors[name] = ["Ensure this value is greater than or equal to 1."]
    return int(raw)


def _choices(args, name: str, allowed: set[str], errors: dict, message: Callable[[str], str]) -> set[str] | None:
    if not args.get(name):
        return None
    values = args[name].lower().split(",")
    if bad := [value for value in values if value not in allowed]:
        errors[name] = [message(bad[0])]
    return set(values)


def _outside(allowed: list[str]) -> Callable[[str], str]:
    return lambda value: f"Invalid value: {value}. Allowed values: {allowed}"


def _sources(args) -> set[str] | None:
    """Known sources only: Openverse drops unknown ones silently, and with none left, filters nothing."""
    asked = set(args.get("source", "").lower().split(",")) & SOURCES
    return asked or None


def read_query(args) -> dict:
    """The validated search parameters; raises _Invalid with the status and `detail` Openverse sends."""
    errors: dict[str, list[str]] = {}
    page_size = _integer(args, "page_size", MAX_PAGE_SIZE, errors)
    if page_size > MAX_PAGE_SIZE and "page_size" not in errors:
        raise _Invalid(401, f"Ensure this value is less than or equal to {MAX_PAGE_SIZE}.")
    page = _integer(args, "page", 1, errors)
    if page > MAX_PAGE:
        errors["page"] = [f"Ensure this value is less than or equal to {MAX_PAGE}."]
    query = {
        "q": args.get("q", "")[:200], "page_size": page_size, "page": page,
        "license": _choices(args, "license", ALL_LICENSES, errors, lambda v: f"License '{v}' does not exist."),
        "license_type": _choices(args, "license_type", set(LICENSE_GROUPS), errors,
                                 lambda v: f"License type '{v}' does not exist."),
        "category": _choices(args, "category", CATEGORIES, errors, _outside(sorted(CATEGORIES))),
        "length": _choices(args, "length", {name for name, _ in LENGTHS}, errors,
                           _outside([name for name, _ in LENGTHS])),
        "source": _sources(args),
        "extension": set(args["extension"].lower().split(",")) if args.get("extension") else None,
    }
    if errors:
        raise _Invalid(400, errors)
    return query


def _passes_filters(track: FakeTrack, query: dict) -> bool:
    licenses = query["license"]
    if query["license_type"] is not None:
        intersected = set.intersection(*(LICENSE_GROUPS[group] for group in query["license_type"]))
        licenses = intersected if licenses is None else licenses & intersected
    checks = ((licenses, track.license), (query["category"], track.category), (query["source"], track.source),
              (query["length"], _length(track.seconds)), (query["extension"], "mp3" if track.has_file else None))
    return all(allowed is None or value in allowed for allowed, value in checks)


def search(tracks: tuple[FakeTrack, ...], query: dict) -> tuple[list[tuple[FakeTrack, list[str]]], int]:
    """(this page's tracks with their matched fields, how many matched in all), title matches first."""
    hits = []
    for track in tracks:
        fields = matched_fields(track, query["q"])
        if fields is not None and _passes_filters(track, query):
            hits.append((track, fields))
    hits.sort(key=lambda hit: "title" not in hit[1])
    start = (query["page"] - 1) * query["page_size"]
    return hits[start:start + query["page_size"]], len(hits)


def counts(total: int, shown: int, page_size: int, page: int) -> tuple[int, int]:
    """result_count and page_count as search_controller and StandardPagination compute them."""
    if not shown:
        return 0, 0
    result_count, page_count = total, math.ceil(total / page_size)
    if shown < page_size:
        if page_count == 1:
            result_count = shown
        page_count = page
    return result_count, min(MAX_PAGE, page_count)


# --- the server ---
class FakeOpenverse(LocalServer):
    """The fake server. Set its attributes at any time; they apply to the next request."""

    name = "fake-openverse"

    def __init__(self, tracks: tuple[FakeTrack, ...] = COLLECTION) -> None:
        self.tracks = tuple(tracks)
        self.delay_seconds = 0.0            # before each answer, API or file
        self.html_files = False             # file URLs answer 200 text/html, as a login page would
        self.requests: list[dict] = []      # the query of every /v1/audio/ search, faults included
        self.file_requests: list[str] = []  # the path of every file fetch
        super().__init__(("api", "files"))

    def start(self) -> "FakeOpenverse":
        self._clips = mood_clips()
        return super().start()

    def reset(self) -> None:
        """Forget requests and pending faults, and undo delay_seconds and html_files."""
        self._clear_faults()
        with self._lock:
            self.requests.clear()
            self.file_requests.clear()
        self.delay_seconds, self.html_files = 0.0, False

    @property
    def url(self) -> str:
        """The API base URL, ending in /v1, for MOODIFY_OPENVERSE_API_URL."""
        return f"{self.root}/v1"

    def track(self, identifier: str) -> FakeTrack | None:
        return next((track for track in self.tracks if track.id == identifier), None)

    # --- failure injection ---
    def fail_next(self, status: int, times: int = 1, retry_after: float | None = None, *, on: str = "api") -> None:
        """The next `times` searches (or file fetches, on="files") answer HTTP `status`: a DRF
        {"detail": ...} for 4xx (429 says when to come back), a proxy's HTML page for 5xx."""
        headers = {"Retry-After": str(int(retry_after))} if retry_after is not None else {}
        if status >= 500:
            answer = lambda: Response(f"<html><body><h1>{status}</h1></body></html>", status,  # noqa: E731
                                      headers, content_type="text/html")
        else:
            wait = f" Expected available in {int(retry_after or 1)} seconds." if status == 429 else ""
            detail = "Request was throttled." + wait if status == 429 else f"HTTP {status}"
            answer = lambda: json_response({"detail": detail}, status, headers)  # noqa: E731
        self._queue(on, times, answer)

    def malformed_next(self, times: int = 1) -> None:
        """The next `times` searches answer 200 with a JSON body cut short."""
        self._queue("api", times, lambda: Response('{"result_count": 3, "page_count": 1, "res', 200,
                                                   content_type="application/json"))

    # --- answers ---
    @Request.application
    def _wsgi(self, request: Request) -> Response:
        if request.path == "/v1/audio/":
            return self._search(request)
        if match := re.fullmatch(r"/files/([0-9a-f-]{36})\.mp3", request.path):
            return self._file(match.group(1))
        if match := re.fullmatch(r"/v1/audio/([0-9a-f-]{36})/", request.path):
            track = self.track(match.group(1))
            if track is None:
                return json_response({"detail": "Not found."}, 404)
            return json_response(document(track, self.root, [], self._filesize(track)))
        return json_response({"detail": "Not found."}, 404)

    def _search(self, request: Request) -> Response:
        with self._lock:
            self.requests.append(request.args.to_dict())
        if self.delay_seconds:
            self._closing.wait(self.delay_seconds)
        fault = self._fault("api")
        if fault is not None:
            return fault()
        try:
            query = read_query(request.args)
        except _Invalid as invalid:
            headers = {"WWW-Authenticate": 'Bearer realm="api"'} if invalid.status == 401 else {}
            return json_response({"detail": invalid.detail}, invalid.status, headers)
        hits, total = search(self.tracks, query)
        result_count, page_count = counts(total, len(hits), query["page_size"], query["page"])
        return json_response({"result_count": result_count, "page_count": page_count, "page_size": query["page_size"],
                      "page": query["page"],
                      "results": [document(track, self.root, fields, self._filesize(track)) for track, fields in hits]})

    def _filesize(self, track: FakeTrack) -> int:
        return len(self._clips[track.mood])

    def _file(self, identifier: str) -> Response:
        with self._lock:
            self.file_requests.append(f"/files/{identifier}.mp3")
        if self.delay_seconds:
            self._closing.wait(self.delay_seconds)
        fault = self._fault("files")
        if fault is not None:
            return fault()
        track = self.track(identifier)
        if track is None or not track.has_file:
            return Response("<html><body>Not found</body></html>", 404, content_type="text/html")
        if self.html_files:
            return Response("<html><body><h1>Please sign in to download</h1></body></html>", 200,
                            content_type="text/html; charset=utf-8")
        clip = self._clips[track.mood]
        return Response(clip, 200, {"Content-Length": str(len(clip))}, content_type="audio/mpeg")
