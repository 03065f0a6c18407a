"""MTG-Jamendo (mood/theme split): Creative Commons tracks from Jamendo with their uploaders'
mood, genre and instrument tags. Its names, licences and streams are learnt from Jamendo's API
(moodify.catalog.enrich); its reason is its tags (moodify.reasons' fallback)."""

from __future__ import annotations

from typing import Iterator

from moodify.catalog.datasets.dataset import DataSet
from moodify.catalog.mapping import TrackEmotion, from_words
from moodify.catalog.sources import SourceTrack, jamendo_number, rows, split_list
from moodify.errors import InvalidInput


def read() -> Iterator[SourceTrack]:
    for row in rows("jamendo", "moodtheme_tracks.csv"):
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


def emotion(row: dict) -> TrackEmotion:
    derived = from_words(split_list(row["mood_tags"], "|"))
    if derived is None:
        raise InvalidInput(f"Jamendo track {row.get('track_id')} has no known mood tag")
    return derived


DATASET = DataSet("jamendo", read, emotion)
