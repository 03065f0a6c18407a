"""Soundtracks (Eerola & Vuoskoski 2011): film-music excerpts (all rights reserved) rated 1-9 for
anger, fear, happiness, sadness and tenderness, valence and energy."""

from __future__ import annotations

from typing import Iterator

from moodify.catalog.datasets.dataset import DataSet
from moodify.catalog.mapping import TrackEmotion, combine
from moodify.catalog.sources import SourceTrack, rows
from moodify.emotion import EMOTIONS, rescale_1_9
from moodify.evidence import Evidence

SOUNDTRACK_RATINGS = {"happy": {"happiness": 1.0}, "sad": {"sadness": 1.0},
                      "anger": {"anger": 1.0}, "fear": {"fear": 1.0},
                      "tender": {"happiness": 0.5, "neutral": 0.5}}
FILM_SCALES = ("happy", "sad", "anger", "fear", "tender")


def _seconds(span: str) -> float | None:
    """'02:02-02:17' -> 15.0."""
    try:
        start, end = (sum(int(x) * 60**i for i, x in enumerate(reversed(t.split(":"))))
                      for t in span.split("-"))
    except ValueError:
        return None
    return float(end - start) if end > start else None


def read() -> Iterator[SourceTrack]:
    for set_name in ("set1", "set2"):
        listing = {row["Nro"]: row for row in rows("soundtracks", f"{set_name}_tracklist.csv")}
        for ratings in rows("soundtracks", f"mean_ratings_{set_name}.csv"):
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


def emotion(row: dict) -> TrackEmotion:
    rated = {k.lower(): v for k, v in row.items()}
    evidence = [0.0] * len(EMOTIONS)
    for scale, targets in SOUNDTRACK_RATINGS.items():
        above_floor = max(float(rated[scale]) - 1.0, 0.0)
        for category, share in targets.items():
            evidence[EMOTIONS.index(category)] += share * above_floor
    if rated["target"].strip().upper() == "SURPRISE":
        evidence[EMOTIONS.index("surprise")] += max(evidence)
    return combine(evidence, rescale_1_9(float(rated["valence"])),
                   rescale_1_9(float(rated["energy"])), 0.9)


def reason(annotation: dict) -> Evidence:
    rated = {k.lower(): v for k, v in annotation.items()}
    scale = sorted(FILM_SCALES, key=lambda s: -float(rated[s]))[0]
    return Evidence.of("film_rating", scale=scale, rating=float(rated[scale]),
                       valence=float(rated["valence"]), energy=float(rated["energy"]))


DATASET = DataSet("soundtracks", read, emotion, reason)
