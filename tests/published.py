"""A judge that reads a track's *published* annotation, never our derived emotion.

Each data set's own words and numbers decide whether a track expresses an emotion:
listener ratings against their scale's midpoint (DEAM 1-9, PMEmo 0-1), the 4Q quadrant,
the Soundtracks excerpt's highest discrete rating or the emotion it was chosen for, and
the words Jamendo uploaders tagged it with. Valence-arousal ratings cannot tell anger,
fear and disgust apart (nor happiness and surprise), so for them the judge checks the
region of the plane that the emotion lies in.
"""

from __future__ import annotations

# Region of the plane per emotion: (valence sign, arousal sign); 0 = either.
REGIONS = {"happiness": (1, 0), "sadness": (-1, -1), "anger": (-1, 1), "fear": (-1, 1),
           "surprise": (1, 1), "disgust": (-1, 0), "neutral": None}
QUADRANTS = {"happiness": {"Q1", "Q4"}, "sadness": {"Q3"}, "anger": {"Q2"}, "fear": {"Q2"},
             "surprise": {"Q1"}, "disgust": {"Q2", "Q3"}, "neutral": {"Q4"}}
JAMENDO_WORDS = {
    "happiness": {"happy", "fun", "party", "upbeat", "positive", "uplifting", "hopeful", "funny"},
    "sadness": {"sad", "melancholic"},
    "anger": {"heavy", "powerful", "action"},
    "fear": {"dark", "horror"},
    "surprise": {"adventure", "action", "fun", "funny", "game", "energetic", "fast", "upbeat", "party"},
    "disgust": {"dark", "heavy"},
    "neutral": {"background", "corporate", "documentary", "ambiental", "soundscape", "calm",
                "relaxing", "meditative", "soft"},
}
SOUNDTRACK_SCALES = {"happiness": "happy", "sadness": "sad", "anger": "anger", "fear": "fear",
                     "neutral": "tender"}


def _in_region(emotion: str, valence: float, arousal: float, mid: float, band: float) -> bool:
    """valence/arousal on a scale with midpoint `mid`; neutral = within `band` of the middle
    in valence and not aroused."""
    if emotion == "neutral":
        return abs(valence - mid) <= band and arousal <= mid + band / 2
    sign_v, sign_a = REGIONS[emotion]
    return ((valence - mid) * sign_v > 0) and (sign_a == 0 or (arousal - mid) * sign_a > 0)


def agrees(track: dict, emotion: str) -> bool:
    """Does the track's own published annotation express `emotion`?"""
    a, source = track["annotation"], track["source"]
    if source == "deam":
        return _in_region(emotion, float(a["valence_mean"]), float(a["arousal_mean"]), 5.0, 1.25)
    if source == "pmemo":
        return _in_region(emotion, float(a["valence_mean"]), float(a["arousal_mean"]), 0.5, 0.15)
    if source == "4q":
        return a["Quadrant"] in QUADRANTS[emotion]
    if source == "soundtracks":
        rated = {k.lower(): v for k, v in a.items()}
        target = rated["target"].upper()
        if emotion == "surprise":
            return target == "SURPRISE" or _in_region(emotion, float(rated["valence"]),
                                                      float(rated["energy"]), 5.0, 1.25)
        if emotion == "disgust":
            return float(rated["valence"]) < 5.0
        highest = max(SOUNDTRACK_SCALES.values(), key=lambda s: float(rated[s]))
        return highest == SOUNDTRACK_SCALES[emotion] or target.startswith(
            SOUNDTRACK_SCALES[emotion].upper())
    if source == "jamendo":
        return bool(set(track["tags"]) & JAMENDO_WORDS[emotion])
    raise AssertionError(f"no judge for source {source}")


POSITIVE_WORDS = {"happy", "hopeful", "uplifting", "inspiring", "positive", "fun", "love",
                  "romantic", "upbeat", "motivational", "summer", "party", "funny", "children",
                  "christmas", "holiday"}


def positive(track: dict) -> bool:
    """Positive valence in the track's own annotation."""
    a, source = track["annotation"], track["source"]
    if source == "deam":
        return float(a["valence_mean"]) > 5.0
    if source == "pmemo":
        return float(a["valence_mean"]) > 0.5
    if source == "4q":
        return a["Quadrant"] in {"Q1", "Q4"}
    if source == "soundtracks":
        return float({k.lower(): v for k, v in a.items()}["valence"]) > 5.0
    return bool(set(track["tags"]) & POSITIVE_WORDS)


def sad_by_ratings(track: dict) -> bool:
    """Low valence and low arousal in the track's own annotation (the README's promise)."""
    return agrees(track, "sadness")
