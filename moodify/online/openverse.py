"""Openverse audio search (keyless): mood words in, openly licensed tracks with their licence out.

    OpenverseClient.from_settings().search_audio("sad piano", commercial_and_modification=True)
        -> AudioSearch(results=(OpenverseAudio, ...), result_count, page_count, page)

What the API does, from its source (WordPress/openverse, api/):
- `q` words are all required (Elasticsearch simple_query_string, default operator AND, over
  title, description and tag names); `a | b` asks for either. The API cuts q at 200 characters;
  here it is cut before, at the last whole word.
- Anonymous callers get at most 20 results a page (more answers 401) and 20 pages (page 21
  answers 400). Both are clamped or refused here, before anything is sent.
- Several `license_type` groups are intersected: commercial,modification = by, by-sa, cc0, pdm
  and the retired sampling+.
- `length` is a bucket of the track's duration (shortest < 30 s, short < 2 min, medium < 10 min,
  long), comma lists allowed; finer limits are applied here on each result's duration.
"""

from __future__ import annotations

from dataclasses import dataclass

from moodify import config
from moodify.errors import InvalidInput
from moodify.online import http
from moodify.online.http import OnlineError

SERVICE = "Openverse"
MAX_PAGE_SIZE = 20  # settings.MAX_ANONYMOUS_PAGE_SIZE
MAX_PAGE = 20  # settings.MAX_PAGINATION_DEPTH
MAX_QUERY = 200  # characters of q the API reads
# The index's `length` buckets and the duration each starts at, in seconds; each runs up to the next.
LENGTHS = (("shortest", 0), ("short", 30), ("medium", 120), ("long", 600))


@dataclass(frozen=True)
class OpenverseAudio:
    id: str
    title: str | None
    creator: str | None
    creator_url: str | None
    foreign_landing_url: str | None
    url: str  # the audio file (a result without one is left out)
    license: str  # lower-case code as given, e.g. "by-nc-sa", "cc0", "pdm"
    license_version: str | None
    license_url: str | None
    attribution: str | None  # a ready credit line
    provider: str | None
    source: str | None
    category: str | None
    genres: tuple[str, ...]
    tags: tuple[str, ...]  # tag names
    duration_s: float | None
    filesize: int | None
    filetype: str | None
    thumbnail: str | None


@dataclass(frozen=True)
class AudioSearch:
    """One page of results. result_count and page_count are Openverse's own figures, counted
    before Moodify drops results it cannot use (no file, no licence, too long)."""

    results: tuple[OpenverseAudio, ...]
    result_count: int
    page_count: int
    page: int


class OpenverseClient:
    def __init__(self, api_url: str, *, session=None) -> None:
        self.api_url = api_url.rstrip("/")
        self.session = session

    @classmethod
    def from_settings(cls) -> "OpenverseClient":
        """The client for the `openverse_api_url` setting; OfflineError when Moodify is offline."""
        http.require_online(SERVICE)
        return cls(config.current().openverse_api_url)

    def search_audio(self, q: str, *, commercial_and_modification: bool = False,
                     category: str | None = "music", page_size: int = 20, page: int = 1,
                     max_seconds: float | None = None, timeout: float | tuple = 10.0, attempts: int = 4,
                     max_wait: float = 30.0) -> AudioSearch:
        """One page of audio matching every word of q. page_size is clamped to 1..20; a page
        outside 1..20 or an empty q raises InvalidInput without asking Openverse."""
        params = search_params(q, commercial_and_modification=commercial_and_modification,
                               category=category, page_size=page_size, page=page, max_seconds=max_seconds)
        document = http.get_json(f"{self.api_url}/audio/", params, service=SERVICE, timeout=timeout,
                                 attempts=attempts, max_wait=max_wait, session=self.session)
        return parse_search(document, max_seconds=max_seconds)


def search_params(q: str, *, commercial_and_modification: bool, category: str | None, page_size: int,
                  page: int, max_seconds: float | None) -> dict[str, str | int]:
    """The query string for GET /audio/, within what an anonymous caller may ask."""
    words = trim_query(q)
    if not words:
        raise InvalidInput("an Openverse search needs at least one word")
    if not 1 <= page <= MAX_PAGE:
        raise InvalidInput(f"Openverse gives anonymous callers pages 1 to {MAX_PAGE}, not {page}")
    params: dict[str, str | int] = {"q": words, "page_size": min(max(page_size, 1), MAX_PAGE_SIZE),
                                    "page": page}
    if category:
        params["category"] = category
    if commercial_and_modification:
        params["license_type"] = "commercial,modification"
    if max_seconds is not None:
        params["length"] = length_buckets(max_seconds)
    return params


def trim_query(q: str) -> str:
    """q with its whitespace collapsed, cut to MAX_QUERY characters at a word boundary."""
    q = " ".join(q.split())
    if len(q) <= MAX_QUERY:
        return q
    cut = q[:MAX_QUERY + 1]  # one more: a space there means the cut already falls between words
    return cut[:cut.rfind(" ")] if " " in cut else q[:MAX_QUERY]


def length_buckets(max_seconds: float) -> str:
    """The `length` buckets that can hold a track of at most max_seconds, e.g. "shortest,short"."""
    if max_seconds <= 0:
        raise InvalidInput(f"max_seconds must be positive, not {max_seconds}")
    return ",".join(name for name, start in LENGTHS if start <= max_seconds)


def parse_search(document, *, max_seconds: float | None = None) -> AudioSearch:
    """An AudioSearch from a decoded /audio/ answer, keeping only results Moodify can use: a file
    URL, a licence and, with max_seconds, a known duration no longer than that.
    Raises OnlineError when the document is not shaped like a search answer."""
    try:
        counts = {name: _field(document, name, int) for name in ("result_count", "page_count", "page")}
        tracks = [_audio(item) for item in _field(document, "results", list)]
    except _Malformed as exc:
        raise OnlineError(f"{SERVICE} answered a search in a shape Moodify cannot read ({exc}): "
                          "try again later", service=SERVICE) from None
    usable = (t for t in tracks if t is not None and _fits(t, max_seconds))
    return AudioSearch(tuple(usable), **counts)


class _Malformed(ValueError):
    pass


def _fits(track: OpenverseAudio, max_seconds: float | None) -> bool:
    return max_seconds is None or (track.duration_s is not None and track.duration_s <= max_seconds)


def _field(document, name: str, kind: type | tuple[type, ...], *, optional: bool = False):
    if not isinstance(document, dict):
        raise _Malformed(f"expected an object, got {type(document).__name__}")
    value = document.get(name)
    if value is None:
        if optional:
            return None
        raise _Malformed(f"'{name}' is missing")
    # bool is an int to Python, never a count or a size to Openverse
    if not isinstance(value, kind) or isinstance(value, bool):
        wanted = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise _Malformed(f"'{name}' is {type(value).__name__}, expected {wanted}")
    return value


def _audio(item) -> OpenverseAudio | None:
    """One result, or None when it has no file or no licence (nothing Moodify could use)."""
    text = {name: _field(item, name, str, optional=True) for name in (
        "title", "creator", "creator_url", "foreign_landing_url", "url", "license", "license_version",
        "license_url", "attribution", "provider", "source", "category", "filetype", "thumbnail")}
    identifier = _field(item, "id", str)
    if not text["url"] or not text["license"]:
        return None
    duration_ms = _field(item, "duration", (int, float), optional=True)
    tags = _field(item, "tags", list, optional=True) or []
    return OpenverseAudio(
        id=identifier, **text,
        genres=tuple(_text(genre, "genres") for genre in _field(item, "genres", list, optional=True) or []),
        tags=tuple(_field(tag, "name", str) for tag in tags),
        duration_s=None if duration_ms is None else duration_ms / 1000,
        filesize=_field(item, "filesize", int, optional=True))


def _text(value, name: str) -> str:
    if not isinstance(value, str):
        raise _Malformed(f"'{name}' holds {type(value).__name__}, expected str")
    return value
