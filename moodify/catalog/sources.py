"""What every source of tracks yields (`SourceTrack`), and the helpers the data sets' readers
share (moodify.catalog.datasets).

Each reader yields `SourceTrack`s that keep the row exactly as published (`annotation`),
so the emotion mapping can change and the catalogue be rebuilt from what is stored.
The files are copies of the published ones (see DATA_LICENSES.md) under data/sources/.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from moodify.errors import CatalogError

SOURCES_DIR = Path(__file__).parent / "data" / "sources"


@dataclass(frozen=True)
class SourceTrack:
    source: str
    source_id: str
    license: str
    annotation: dict
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    url: str | None = None
    sample_url: str | None = None
    duration_s: float | None = None
    instrumental: bool | None = None
    mood_tags: tuple[str, ...] = field(default_factory=tuple)
    genres: tuple[str, ...] = field(default_factory=tuple)
    instruments: tuple[str, ...] = field(default_factory=tuple)
    licence_url: str | None = None      # a Creative Commons deed, where the source states one


def split_list(text: str | None, sep: str) -> tuple[str, ...]:
    """'Calm; Peaceful;' -> ('calm', 'peaceful')."""
    return tuple(p.strip().lower() for p in (text or "").split(sep) if p.strip())


def rows(*parts: str) -> list[dict]:
    path = SOURCES_DIR.joinpath(*parts)
    if not path.exists():
        raise CatalogError(f"catalogue source file {path} is missing: reinstall Moodify")
    # utf-8-sig: the Soundtracks files start with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def jamendo_number(track_id: str) -> int:
    """'track_0000948' (MTG-Jamendo's id) -> 948 (Jamendo's own track number)."""
    return int(track_id.rsplit("_", 1)[-1])
