"""DEAM (Aljanaki et al. 2017): Creative Commons songs rated for valence and arousal on 1-9 scales."""

from __future__ import annotations

from typing import Iterator

from moodify.catalog.datasets.dataset import DataSet
from moodify.catalog.mapping import TrackEmotion, combine
from moodify.catalog.sources import SourceTrack, rows, split_list
from moodify.emotion import rescale_1_9
from moodify.evidence import Evidence


def read() -> Iterator[SourceTrack]:
    for row in rows("deam", "static_va_with_metadata.csv"):
        yield SourceTrack(
            source="deam", source_id=row["song_id"], annotation=row,
            license="Creative Commons (per song; DEAM, Aljanaki et al. 2017)",
            title=" ".join(row["title"].split()) or None, artist=row["artist"].strip() or None,
            album=row["album"].strip() or None, genres=split_list(row["genre"], ";"),
        )


def emotion(row: dict) -> TrackEmotion:
    spread = (float(row["valence_std"]) + float(row["arousal_std"])) / 2
    # Raters disagreeing by ~2 points of 9 is the norm in DEAM; confidence falls with spread.
    return combine(None, rescale_1_9(float(row["valence_mean"])),
                   rescale_1_9(float(row["arousal_mean"])), 1.0 - spread / 4)


def reason(annotation: dict) -> Evidence:
    return Evidence.of("deam_rating", valence=float(annotation["valence_mean"]),
                       arousal=float(annotation["arousal_mean"]))


DATASET = DataSet("deam", read, emotion, reason)
