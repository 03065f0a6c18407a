"""From a track's published annotation to our emotion space: the shared helpers. Each data set's
own mapping is its `emotion` function (moodify.catalog.datasets); CSV imports use `imported`, and
tracks measured on import (own files, Openverse finds) `measured`.

The data sets annotate emotion four ways:

* Tags (MTG-Jamendo mood/theme tags, imported CSV tags): valence and arousal are the
  Warriner ratings of the tag words, averaged (words that name no emotion, such as
  "film" or "travel", count 0.3); categories come from `EMOTION_WORDS`.
* Valence/arousal ratings (DEAM 1-9, PMEmo 0-1, imported CSV -1..1): rescaled linearly to
  [-1, 1] around each scale's midpoint; categories follow from the plane
  (`moodify.emotion.probs_from_va`).
* Quadrants (4Q): the point is the mean Warriner rating of the AllMusic mood words that the
  4Q authors matched to the norms (their own method), kept inside the published quadrant;
  categories from the mood words and the plane.
* Discrete ratings (Soundtracks, 1-9 for anger, fear, happy, sad, tender, plus valence and
  energy): valence and energy give the point; the discrete ratings above the scale floor give
  the categories ("tender" counts half happiness, half neutral); the emotion the excerpt was
  chosen for (TARGET) adds evidence for surprise, which was not rated.

Where both kinds of evidence exist, categories = 0.7 * words or ratings + 0.3 * plane.

The plane cannot tell happiness from surprise, nor anger from disgust. Music rarely
expresses surprise or disgust (Juslin & Laukka 2004, J. New Music Research 33(3), list
happiness, sadness, anger, fear and tenderness as the emotions music commonly expresses),
so categories read off the plane alone weigh those two by `MUSIC_PRIOR`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moodify.catalog.moodwords import category_evidence, is_affective, word_va
from moodify.catalog.sources import split_list
from moodify.emotion import EMOTIONS, PLANE_ONLY_PRIOR, probs_from_va
from moodify.errors import InvalidInput

CATEGORY_SHARE = 0.7
THEME_WORD_WEIGHT = 0.3
MUSIC_PRIOR = PLANE_ONLY_PRIOR


@dataclass(frozen=True)
class TrackEmotion:
    probs: tuple[float, ...]
    valence: float
    arousal: float
    confidence: float

    @property
    def label(self) -> str:
        return EMOTIONS[int(np.argmax(self.probs))]


def combine(evidence: list[float] | None, valence: float, arousal: float,
             confidence: float) -> TrackEmotion:
    valence, arousal = float(np.clip(valence, -1, 1)), float(np.clip(arousal, -1, 1))
    plane = probs_from_va(np.array([valence]), np.array([arousal]), MUSIC_PRIOR)[0]
    total = sum(evidence) if evidence else 0.0
    if total > 0:
        probs = CATEGORY_SHARE * np.asarray(evidence) / total + (1 - CATEGORY_SHARE) * plane
    else:
        probs = plane
    return TrackEmotion(tuple(float(p) for p in probs), valence, arousal,
                        float(np.clip(confidence, 0, 1)))


def from_words(words: tuple[str, ...]) -> TrackEmotion | None:
    """Tags -> emotion; None when no word is known."""
    ratings = word_va()
    points, weights = [], []
    for word in words:
        if word in ratings:
            points.append(ratings[word])
            weights.append(1.0 if is_affective(word) else THEME_WORD_WEIGHT)
    evidence = category_evidence(list(words))
    if not points and not any(evidence):
        return None
    if points:
        valence, arousal = np.average(np.array(points), axis=0, weights=weights)
    else:
        valence, arousal = 0.0, 0.0
    # One affective word is weak evidence; three or more that agree are strong.
    confidence = min(1.0, 0.35 + 0.25 * sum(1 for w in words if is_affective(w)))
    return combine(evidence, valence, arousal, confidence)


def imported(row: dict) -> TrackEmotion:
    """A row of `moodify catalog import`: tags and/or valence/arousal in [-1, 1]."""
    by_words = from_words(split_list(row.get("tags"), ";"))
    if row.get("valence") not in (None, "") and row.get("arousal") not in (None, ""):
        valence, arousal = float(row["valence"]), float(row["arousal"])
        evidence = list(category_evidence(list(split_list(row.get("tags"), ";"))))
        return combine(evidence, valence, arousal, 0.8 if by_words is None else 0.9)
    if by_words is None:
        raise InvalidInput("the row needs mood tags we know or both valence and arousal")
    return by_words


def measured(annotation: dict) -> TrackEmotion:
    """A file from the person's own library, or found on Openverse: the emotion the sound path
    measured on import (moodify.library), kept in the annotation with the features it came from."""
    measured = annotation["reading"]
    return TrackEmotion(tuple(float(p) for p in measured["probs"]), float(measured["valence"]),
                        float(measured["arousal"]), float(measured["confidence"]))
