"""What mood words say about emotion: our category assignments and their published ratings.

Two kinds of knowledge, kept apart:

* `EMOTION_WORDS` is ours: which of the seven categories a mood tag (MTG-Jamendo) or an
  AllMusic mood word (4Q) speaks for, with a weight (1 = names the emotion, 0.5 = leans
  toward it, 0.3 = a hint). Words that appear under no category carry no category evidence.
* `word_va()` is published: each word's valence and arousal from the Warriner et al. (2013)
  norms (1-9 as published, rescaled to [-1, 1] on load), written to `data/word_va.csv` by `tools/derive_word_va.py`.
  A word missing from the norms is rated through the lemma named in `RATED_AS`.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from moodify.emotion import EMOTIONS, rescale_1_9

WORD_VA_FILE = Path(__file__).parent / "data" / "word_va.csv"

EMOTION_WORDS: dict[str, dict[str, float]] = {
    "happiness": {
        "happy": 1, "fun": 1, "party": 1, "upbeat": 1, "positive": 1, "uplifting": 1,
        "joyous": 1, "cheerful": 1, "celebratory": 1, "exuberant": 1, "euphoric": 1,
        "gleeful": 1, "optimistic": 1, "carefree": 1, "lively": 1, "good-natured": 1,
        "hopeful": 0.5, "inspiring": 0.5, "motivational": 0.5, "summer": 0.5,
        "children": 0.5, "holiday": 0.5, "christmas": 0.5, "groovy": 0.5, "love": 0.5,
        "romantic": 0.5, "sweet": 0.5, "amiable": 0.5, "bright": 0.5, "sparkling": 0.5,
        "rollicking": 0.5, "summery": 0.5, "warm": 0.5, "springlike": 0.5, "rousing": 0.5,
        "sugary": 0.5, "agreeable": 0.5, "funny": 0.5, "playful": 0.5, "boisterous": 0.3,
        "confident": 0.3, "light": 0.3, "innocent": 0.3, "exciting": 0.3, "sport": 0.3,
    },
    "sadness": {
        "sad": 1, "melancholic": 1, "melancholy": 1, "gloomy": 1, "bleak": 1, "anguished": 1,
        "distraught": 1, "somber": 1, "lonely": 1, "plaintive": 1, "wistful": 1,
        "weary": 0.5, "brooding": 0.5, "yearning": 0.5, "poignant": 0.5, "bittersweet": 0.5,
        "nostalgic": 0.5, "sentimental": 0.5, "autumnal": 0.5, "wintry": 0.5,
        "emotional": 0.5, "ballad": 0.3, "reflective": 0.3, "cathartic": 0.3,
        "angst-ridden": 0.5, "drama": 0.3, "slow": 0.3,
    },
    "anger": {
        "angry": 1, "hostile": 1, "fierce": 1, "aggressive": 1, "outraged": 1,
        "confrontational": 1, "volatile": 0.5, "fiery": 0.5, "rebellious": 0.5,
        "heavy": 0.5, "uncompromising": 0.5, "thuggish": 0.5, "harsh": 0.5, "rowdy": 0.3,
        "raucous": 0.3, "explosive": 0.3, "intense": 0.3, "brash": 0.3, "visceral": 0.3,
        "powerful": 0.3, "malevolent": 0.3, "gutsy": 0.3, "action": 0.3,
    },
    "fear": {
        "horror": 1, "tense": 1, "anxious": 1, "nervous": 1, "jittery": 1, "menacing": 1,
        "ominous": 1, "eerie": 1, "spooky": 1, "paranoid": 1, "unsettling": 1,
        "suffocating": 1, "dark": 0.5, "malevolent": 0.5, "brooding": 0.3, "cold": 0.3,
        "nocturnal": 0.3, "dramatic": 0.3, "trailer": 0.3,
    },
    "surprise": {
        "whimsical": 1, "quirky": 1, "eccentric": 1, "thrilling": 1, "manic": 1,
        "outrageous": 1, "giddy": 0.5, "playful": 0.5, "exciting": 0.5, "effervescent": 0.5,
        "humorous": 0.5, "silly": 0.5, "funny": 0.5, "adventure": 0.5, "game": 0.5,
        "trippy": 0.5, "campy": 0.5, "theatrical": 0.5, "reckless": 0.5,
        "freewheeling": 0.5, "rambunctious": 0.5, "explosive": 0.3, "fast": 0.3,
    },
    "disgust": {
        "greasy": 1, "sleazy": 1, "trashy": 1, "bitter": 1, "snide": 1, "cynical": 1,
        "sarcastic": 1, "acerbic": 1, "nihilistic": 1, "messy": 0.5, "gritty": 0.5,
        "harsh": 0.5, "negative": 0.5, "druggy": 0.5, "indulgent": 0.5, "hedonistic": 0.5,
        "wry": 0.5, "irreverent": 0.5, "provocative": 0.5,
    },
    "neutral": {
        "background": 1, "corporate": 1, "documentary": 1, "ambiental": 1,
        "soundscape": 1, "detached": 1, "reserved": 1, "restrained": 1, "clinical": 1,
        "cerebral": 0.5, "commercial": 0.5, "advertising": 0.5, "calm": 0.5,
        "meditative": 0.5, "relaxing": 0.5, "soft": 0.5, "mellow": 0.5, "nature": 0.5,
        "space": 0.5, "travel": 0.5, "quiet": 0.5, "peaceful": 0.5, "atmospheric": 0.5,
        "hypnotic": 0.5, "elegant": 0.3, "refined": 0.3, "sophisticated": 0.3,
        "laid-back": 0.5, "relaxed": 0.5, "gentle": 0.3, "soothing": 0.3, "delicate": 0.3,
        "smooth": 0.3, "spiritual": 0.3, "ethereal": 0.3, "dream": 0.3, "dreamy": 0.3,
        "film": 0.3, "movie": 0.3,
    },
}

# Tags absent from the Warriner norms, rated through a close lemma instead.
RATED_AS: dict[str, str] = {
    "ambiental": "ambient", "melancholic": "melancholy", "inspiring": "inspiration",
    "meditative": "meditation", "melodic": "melody", "fast": "speed",
    "soundscape": "landscape", "laid-back": "relaxed", "good-natured": "friendly",
    "angst-ridden": "angst", "street-smart": "smart", "self-conscious": "shy",
}


def category_evidence(words: list[str]) -> list[float]:
    """Summed category weights of the words, in EMOTIONS order (not normalised)."""
    evidence = [0.0] * len(EMOTIONS)
    for word in words:
        for i, emotion in enumerate(EMOTIONS):
            evidence[i] += EMOTION_WORDS[emotion].get(word, 0.0)
    return evidence


def is_affective(word: str) -> bool:
    return any(word in table for table in EMOTION_WORDS.values())


@lru_cache(maxsize=1)
def word_va() -> dict[str, tuple[float, float]]:
    """word -> (valence, arousal) in [-1, 1], from the Warriner norms."""
    with WORD_VA_FILE.open(encoding="utf-8") as handle:
        return {row["word"]: (rescale_1_9(float(row["valence_1_9"])),
                              rescale_1_9(float(row["arousal_1_9"])))
                for row in csv.DictReader(handle)}
