"""4Q audio emotion (Panda et al. 2018): AllMusic preview clips of popular songs (all rights reserved)
placed in a quadrant of the valence-arousal plane, with AllMusic's mood words. The clips' sample
URLs point at AllMusic hosts that no longer serve them, so they are never offered as previews."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from moodify.catalog.datasets.dataset import DataSet
from moodify.catalog.mapping import TrackEmotion, combine
from moodify.catalog.moodwords import category_evidence, word_va
from moodify.catalog.sources import SourceTrack, rows, split_list
from moodify.evidence import Evidence

QUADRANT_SIGNS = {"Q1": (1, 1), "Q2": (-1, 1), "Q3": (-1, -1), "Q4": (1, -1)}


def read() -> Iterator[SourceTrack]:
    for row in rows("4q", "panda_dataset_taffc_metadata.csv"):
        yield SourceTrack(
            source="4q", source_id=row["Song"], annotation=row,
            license="AllMusic preview clip, all rights reserved (annotations: Panda et al. 2018)",
            title=row["Title"].strip() or None, artist=row["Artist"].strip() or None,
            sample_url=row["SampleURL"] or None,
            duration_s=30.0,  # the 4Q clips are the ~30 s AllMusic previews
            mood_tags=split_list(row["MoodsStrSplit"], ";"),
            genres=split_list(row["GenresStr"], ";"),
        )


def emotion(row: dict) -> TrackEmotion:
    sign_v, sign_a = QUADRANT_SIGNS[row["Quadrant"]]
    ratings = word_va()
    found = [ratings[w] for w in split_list(row["MoodsFoundStr"], ";") if w in ratings]
    valence, arousal = np.mean(found, axis=0) if found else (0.4, 0.4)
    # The quadrant is the published label: keep the point inside it.
    valence = sign_v * max(abs(valence) if np.sign(valence) == sign_v else 0.0, 0.1)
    arousal = sign_a * max(abs(arousal) if np.sign(arousal) == sign_a else 0.0, 0.1)
    evidence = category_evidence(list(split_list(row["MoodsStrSplit"], ";")))
    return combine(evidence, valence, arousal, float(row.get("PQuad") or 0.5))


def reason(annotation: dict) -> Evidence:
    return Evidence.of("quadrant", quadrant=annotation["Quadrant"],
                       moods=split_list(annotation.get("MoodsStrSplit"), ";")[:4])


DATASET = DataSet("4q", read, emotion, reason, previews_play=False)
