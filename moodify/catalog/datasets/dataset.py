"""What Moodify needs of one published data set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from moodify.catalog.mapping import TrackEmotion
from moodify.catalog.sources import SourceTrack
from moodify.evidence import Evidence


@dataclass(frozen=True)
class DataSet:
    name: str                                           # Track.source
    read: Callable[[], Iterator[SourceTrack]]           # its bundled files, row by row, as published
    emotion: Callable[[dict], TrackEmotion]             # its annotation -> our emotion space
    reason: Callable[[dict], Evidence] | None = None    # what its annotation says (None: the track's tags)
    previews_play: bool = True                          # its published sample URLs still play
