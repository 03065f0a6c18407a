"""PMEmo (Zhang et al. 2018): popular songs (all rights reserved) rated for valence and arousal on 0-1."""

from __future__ import annotations

from typing import Iterator

from moodify.catalog.datasets.dataset import DataSet
from moodify.catalog.mapping import TrackEmotion, combine
from moodify.catalog.sources import SourceTrack, rows
from moodify.evidence import Evidence


def read() -> Iterator[SourceTrack]:
    for row in rows("pmemo", "static_va_with_titles.csv"):
        yield SourceTrack(
            source="pmemo", source_id=row["musicId"], annotation=row,
            license="commercial release, all rights reserved (annotations MIT, PMEmo)",
            title=row["title"].strip() or None, artist=row["artist"].strip() or None,
            instrumental=False,  # PMEmo is popular songs, sung
        )


def emotion(row: dict) -> TrackEmotion:
    return combine(None, (float(row["valence_mean"]) - 0.5) * 2,
                   (float(row["arousal_mean"]) - 0.5) * 2, 0.8)


def reason(annotation: dict) -> Evidence:
    return Evidence.of("pmemo_rating", valence=float(annotation["valence_mean"]),
                       arousal=float(annotation["arousal_mean"]))


DATASET = DataSet("pmemo", read, emotion, reason)
