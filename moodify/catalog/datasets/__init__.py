"""The five published music-emotion data sets the catalogue is built from, one module each: how
its files are read (data/sources/<name>/, see DATA_LICENSES.md), how its annotation maps to our
emotion space (with the helpers of moodify.catalog.mapping), what its annotation says as a reason
for a recommendation, and whether its published previews still play. What each set's tracks may be
used for is a legal fact kept with the other licence rules (moodify.licence.PLATFORM_SOURCES,
CC_UNSTATED_SOURCES); a test checks every set has its row there.

Tracks that arrive at run time have no data set: a person's own files and Openverse finds carry
the emotion measured on import; CSV imports map their tags or ratings (moodify.catalog.mapping).
"""

from __future__ import annotations

from typing import Iterator

from moodify.catalog import mapping
from moodify.catalog.datasets import deam, four_quadrants, jamendo, pmemo, soundtracks
from moodify.catalog.datasets.dataset import DataSet
from moodify.catalog.sources import SourceTrack

DATASETS: dict[str, DataSet] = {d.name: d for d in (
    jamendo.DATASET, deam.DATASET, pmemo.DATASET, four_quadrants.DATASET, soundtracks.DATASET)}
MEASURED_SOURCES = ("user", "openverse")        # the emotion the sound path measured on import


def read_all() -> Iterator[SourceTrack]:
    """Every bundled track of every data set."""
    for dataset in DATASETS.values():
        yield from dataset.read()


def derive(source: str, annotation: dict) -> mapping.TrackEmotion:
    """The emotion of a track from its stored annotation, by its source's mapping."""
    if source in DATASETS:
        return DATASETS[source].emotion(annotation)
    if source in MEASURED_SOURCES:
        return mapping.measured(annotation)
    return mapping.imported(annotation)
