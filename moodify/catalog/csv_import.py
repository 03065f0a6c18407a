"""`moodify catalog import FILE.csv`: add your own tracks from a spreadsheet.

Columns (a header row is required; only `title` and some emotion are mandatory):

    title        track title
    artist       artist name
    tags         mood words separated by ";" (e.g. "happy; upbeat"), read like Jamendo tags
    valence      -1 (negative) .. 1 (positive)   } give both, or tags, or all three
    arousal      -1 (calm) .. 1 (energetic)      }
    link         a page or audio URL
    license      the terms you may use it under (default "unknown: check before use")
    duration_s   length in seconds
    genres       genres separated by ";"
    instruments  instruments separated by ";"
    instrumental yes / no
    source_id    your own identifier (default: derived from title and artist)

Rows that cannot be read are reported with their line number and skipped; the others are
imported in one transaction. Importing the same file again updates those tracks.
"""

from __future__ import annotations

import csv
import hashlib
import re
import io
from dataclasses import dataclass, field
from pathlib import Path

from moodify.catalog import mapping
from moodify.catalog.build import upsert
from moodify.catalog.sources import SourceTrack, split_list
from moodify.catalog.vectors import ensure_vectors, track_units
from moodify.errors import InvalidInput, MoodifyError
from moodify.store import Store

SOURCE = "import"
MAX_BYTES = 50 * 1024 * 1024
COLUMNS = ("title", "artist", "tags", "valence", "arousal", "link", "license", "duration_s",
           "genres", "instruments", "instrumental", "source_id")


@dataclass(frozen=True)
class ImportReport:
    imported: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"imported": self.imported, "updated": self.updated, "failed": self.failed}


def _number(row: dict, name: str, low: float | None = None, high: float | None = None) -> float | None:
    text = (row.get(name) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"{name} {text!r} is not a number") from None
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidInput(f"{name} {value} is outside {low}..{high}")
    return value


def parse_row(row: dict) -> SourceTrack:
    """One CSV row -> a SourceTrack; raises InvalidInput saying what is wrong."""
    row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
    if not row.get("title"):
        raise InvalidInput("title is empty")
    _number(row, "valence", -1, 1), _number(row, "arousal", -1, 1)
    duration = _number(row, "duration_s", 0, 24 * 3600)
    mapping.imported(row)  # fails early when the row carries no usable emotion
    link = row.get("link") or ""
    if link and not re.match(r"^https?://[^\s]+$", link, re.I):
        raise InvalidInput(f"link {link[:60]!r} is not a web address (http or https)")
    instrumental = {"yes": True, "true": True, "1": True, "no": False, "false": False,
                    "0": False}.get(row.get("instrumental", "").lower())
    source_id = row.get("source_id") or hashlib.sha1(
        f"{row['title']}\x00{row.get('artist', '')}".encode()).hexdigest()[:16]
    return SourceTrack(
        source=SOURCE, source_id=source_id[:128], annotation=row,
        license=row.get("license") or "unknown: check before use",
        title=row["title"][:400], artist=(row.get("artist") or None),
        url=row.get("link") or None, duration_s=duration, instrumental=instrumental,
        mood_tags=split_list(row.get("tags"), ";"), genres=split_list(row.get("genres"), ";"),
        instruments=split_list(row.get("instruments"), ";"),
    )


def read_rows(data: bytes) -> list[dict]:
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"the CSV is larger than {MAX_BYTES // 2**20} MB: split it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"the CSV is not UTF-8 (byte {exc.start}): save it as UTF-8 and retry") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "title" not in header:
        raise InvalidInput(f"the CSV needs a header row with at least 'title'; columns are {', '.join(COLUMNS)}")
    return list(reader)


def import_csv(store: Store, path: Path) -> ImportReport:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    by_id: dict[str, tuple[int, SourceTrack]] = {}
    failed = []
    for line, row in enumerate(read_rows(data), start=2):
        try:
            track = parse_row(row)
        except MoodifyError as exc:
            failed.append({"line": line, "reason": exc.message})
            continue
        if track.source_id in by_id:
            earlier = by_id[track.source_id][0]
            failed.append({"line": earlier, "reason": f"replaced by line {line} (same track)"})
        by_id[track.source_id] = (line, track)
    tracks = [track for _, track in by_id.values()]
    if not tracks:
        return ImportReport(failed=failed)
    with store.session() as session:
        added, updated = upsert(session, tracks)
        ensure_vectors(session, {t for item in tracks for t, _ in track_units(
            mood_tags=item.mood_tags, genres=item.genres, instruments=item.instruments,
            title=item.title)})
    return ImportReport(imported=added, updated=updated, failed=failed)
