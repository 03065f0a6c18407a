"""From a track's published annotation to our emotion space.

The data sets annotate emotion four ways; each gets one small documented mapping.

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
from moodify.emotion import EMOTIONS, PLANE_ONLY_PRIOR, probs_from_va, rescale_1_9
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


def _combine(evidence: list[float] | None, valence: float, arousal: float,
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
    return _combine(evidence, valence, arousal, confidence)


def _jamendo(row: dict) -> TrackEmotion:
    derived = from_words(split_list(row["mood_tags"], "|"))
    if derived is None:
        raise InvalidInput(f"Jamendo track {row.get('track_id')} has no known mood tag")
    return derived


def _deam(row: dict) -> TrackEmotion:
    spread = (float(row["valence_std"]) + float(row["arousal_std"])) / 2
    # Raters disagreeing by ~2 points of 9 is the norm in DEAM; confidence falls with spread.
    return _combine(None, rescale_1_9(float(row["valence_mean"])),
                    rescale_1_9(float(row["arousal_mean"])), 1.0 - spread / 4)


def _pmemo(row: dict) -> TrackEmotion:
    return _combine(None, (float(row["valence_mean"]) - 0.5) * 2,
                    (float(row["arousal_mean"]) - 0.5) * 2, 0.8)


QUADRANT_SIGNS = {"Q1": (1, 1), "Q2": (-1, 1), "Q3": (-1, -1), "Q4": (1, -1)}


def _four_quadrants(row: dict) -> TrackEmotion:
    sign_v, sign_a = QUADRANT_SIGNS[row["Quadrant"]]
    ratings = word_va()
    found = [ratings[w] for w in split_list(row["MoodsFoundStr"], ";") if w in ratings]
    valence, arousal = np.mean(found, axis=0) if found else (0.4, 0.4)
    # The quadrant is the published label: keep the point inside it.
    valence = sign_v * max(abs(valence) if np.sign(valence) == sign_v else 0.0, 0.1)
    arousal = sign_a * max(abs(arousal) if np.sign(arousal) == sign_a else 0.0, 0.1)
    evidence = category_evidence(list(split_list(row["MoodsStrSplit"], ";")))
    return _combine(evidence, valence, arousal, float(row.get("PQuad") or 0.5))


SOUNDTRACK_RATINGS = {"happy": {"happiness": 1.0}, "sad": {"sadness": 1.0},
                      "anger": {"anger": 1.0}, "fear": {"fear": 1.0},
                      "tender": {"happiness": 0.5, "neutral": 0.5}}


def _soundtracks(row: dict) -> TrackEmotion:
    rated = {k.lower(): v for k, v in row.items()}
    evidence = [0.0] * len(EMOTIONS)
    for scale, targets in SOUNDTRACK_RATINGS.items():
        above_floor = max(float(rated[scale]) - 1.0, 0.0)
        for emotion, share in targets.items():
            evidence[EMOTIONS.index(emotion)] += share * above_floor
    if rated["target"].strip().upper() == "SURPRISE":
        evidence[EMOTIONS.index("surprise")] += max(evidence)
    return _combine(evidence, rescale_1_9(float(rated["valence"])),
                    rescale_1_9(float(rated["energy"])), 0.9)


def _imported(row: dict) -> TrackEmotion:
    """A row of `moodify catalog import`: tags and/or valence/arousal in [-1, 1]."""
    by_words = from_words(split_list(row.get("tags"), ";"))
    if row.get("valence") not in (None, "") and row.get("arousal") not in (None, ""):
        valence, arousal = float(row["valence"]), float(row["arousal"])
        evidence = list(category_evidence(list(split_list(row.get("tags"), ";"))))
        return _combine(evidence, valence, arousal, 0.8 if by_words is None else 0.9)
    if by_words is None:
        raise InvalidInput("the row needs mood tags we know or both valence and arousal")
    return by_words


def _measured(annotation: dict) -> TrackEmotion:
    """A file from the person's own library, or found on Openverse: the emotion the sound path
    measured on import (moodify.library), kept in the annotation with the features it came from."""
    measured = annotation["reading"]
    return TrackEmotion(tuple(float(p) for p in measured["probs"]), float(measured["valence"]),
                        float(measured["arousal"]), float(measured["confidence"]))


MAPPINGS = {"jamendo": _jamendo, "deam": _deam, "pmemo": _pmemo, "4q": _four_quadrants,
            "soundtracks": _soundtracks, "user": _measured, "openverse": _measured}


def derive(source: str, annotation: dict) -> TrackEmotion:
    """The emotion of a track from its stored annotation, by its source's mapping."""
    return MAPPINGS.get(source, _imported)(annotation)
