"""Readers for the five published music-emotion data sets the catalogue is built from.

Each reader yields `SourceTrack`s that keep the row exactly as published (`annotation`),
so the emotion mapping can change and the catalogue be rebuilt from what is stored.
The files are copies of the published ones (see DATA_LICENSES.md) under data/sources/.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

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


def _rows(*parts: str) -> list[dict]:
    path = SOURCES_DIR.joinpath(*parts)
    if not path.exists():
        raise CatalogError(f"catalogue source file {path} is missing: reinstall Moodify")
    # utf-8-sig: the Soundtracks files start with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def jamendo_number(track_id: str) -> int:
    """'track_0000948' (MTG-Jamendo's id) -> 948 (Jamendo's own track number)."""
    return int(track_id.rsplit("_", 1)[-1])


def jamendo() -> Iterator[SourceTrack]:
    for row in _rows("jamendo", "moodtheme_tracks.csv"):
        instruments = split_list(row["instrument_tags"], "|")
        yield SourceTrack(
            source="jamendo", source_id=row["track_id"], annotation=row,
            license="Creative Commons (per track, see its Jamendo page)",
            url=f"https://www.jamendo.com/track/{jamendo_number(row['track_id'])}",
            duration_s=float(row["duration_s"]),
            # Jamendo's uploaders tag voice as an instrument; without any instrument tags we cannot tell.
            instrumental=(None if not instruments else "voice" not in instruments),
            mood_tags=split_list(row["mood_tags"], "|"),
            genres=split_list(row["genre_tags"], "|"),
            instruments=instruments,
        )


def deam() -> Iterator[SourceTrack]:
    for row in _rows("deam", "static_va_with_metadata.csv"):
        yield SourceTrack(
            source="deam", source_id=row["song_id"], annotation=row,
            license="Creative Commons (per song; DEAM, Aljanaki et al. 2017)",
            title=" ".join(row["title"].split()) or None, artist=row["artist"].strip() or None,
            album=row["album"].strip() or None, genres=split_list(row["genre"], ";"),
        )


def pmemo() -> Iterator[SourceTrack]:
    for row in _rows("pmemo", "static_va_with_titles.csv"):
        yield SourceTrack(
            source="pmemo", source_id=row["musicId"], annotation=row,
            license="commercial release, all rights reserved (annotations MIT, PMEmo)",
            title=row["title"].strip() or None, artist=row["artist"].strip() or None,
            instrumental=False,  # PMEmo is popular songs, sung
        )


def four_quadrants() -> Iterator[SourceTrack]:
    for row in _rows("4q", "panda_dataset_taffc_metadata.csv"):
        yield SourceTrack(
            source="4q", source_id=row["Song"], annotation=row,
            license="AllMusic preview clip, all rights reserved (annotations: Panda et al. 2018)",
            title=row["Title"].strip() or None, artist=row["Artist"].strip() or None,
            sample_url=row["SampleURL"] or None,
            duration_s=30.0,  # the 4Q clips are the ~30 s AllMusic previews
            mood_tags=split_list(row["MoodsStrSplit"], ";"),
            genres=split_list(row["GenresStr"], ";"),
        )


def _seconds(span: str) -> float | None:
    """'02:02-02:17' -> 15.0."""
    try:
        start, end = (sum(int(x) * 60**i for i, x in enumerate(reversed(t.split(":"))))
                      for t in span.split("-"))
    except ValueError:
        return None
    return float(end - start) if end > start else None


def soundtracks() -> Iterator[SourceTrack]:
    for set_name in ("set1", "set2"):
        listing = {row["Nro"]: row for row in _rows("soundtracks", f"{set_name}_tracklist.csv")}
        for ratings in _rows("soundtracks", f"mean_ratings_{set_name}.csv"):
            number = ratings.get("number") or ratings["Number"]
            entry = listing.get(number, {})
            annotation = {**ratings, **{f"tracklist_{k}": v for k, v in entry.items()}}
            film = entry.get("Album name", "").strip()
            yield SourceTrack(
                source="soundtracks", source_id=f"{set_name}:{number}", annotation=annotation,
                license="film soundtrack, all rights reserved (ratings shared for research, "
                        "Eerola & Vuoskoski 2011)",
                title=(f"{film}, track {entry.get('Track', '?')} ({entry.get('Min:Sec', '')})"
                       if film else None),
                album=film or None, duration_s=_seconds(entry.get("Min:Sec", "")),
                genres=("soundtrack",),
            )


READERS: dict[str, Callable[[], Iterator[SourceTrack]]] = {
    "jamendo": jamendo, "deam": deam, "pmemo": pmemo, "4q": four_quadrants,
    "soundtracks": soundtracks,
}


def read_all() -> Iterator[SourceTrack]:
    for reader in READERS.values():
        yield from reader()
