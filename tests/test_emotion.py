"""The emotion space."""

from __future__ import annotations

import numpy as np
import pytest

from moodify.emotion import (EMOTIONS, PROTOTYPES, WARRINER_RATINGS, EmotionEstimate,
                             normalise_label, probs_from_va)
from moodify.errors import InvalidInput


def test_prototypes_are_the_rescaled_warriner_ratings():
    happiness = PROTOTYPES[EMOTIONS.index("happiness")]
    assert happiness == pytest.approx([(8.48 - 5) / 4, (6.50 - 5) / 4])
    assert set(WARRINER_RATINGS) == set(EMOTIONS)
    sad, happy = PROTOTYPES[EMOTIONS.index("sadness")], happiness
    assert sad[0] < 0 < happy[0] and sad[1] < happy[1]


def test_each_prototype_reads_as_its_own_category():
    probs = probs_from_va(PROTOTYPES[:, 0], PROTOTYPES[:, 1])
    assert np.allclose(probs.sum(1), 1)
    assert list(probs.argmax(1)) == list(range(len(EMOTIONS)))


def test_korean_names_and_aliases():
    assert normalise_label("슬픔") == "sadness"
    assert normalise_label(" Happy ") == "happiness"
    with pytest.raises(InvalidInput, match="unknown emotion"):
        normalise_label("meh")


def test_estimate_checks_its_values():
    reading = EmotionEstimate.from_label("fear")
    assert reading.label == "fear" and sum(reading.probs) == pytest.approx(1)
    with pytest.raises(InvalidInput):
        EmotionEstimate((1.0,) + (0.0,) * 6, valence=2.0, arousal=0.0)
    with pytest.raises(InvalidInput):
        EmotionEstimate((0.5,) * 7, valence=0.0, arousal=0.0)


def test_dict_round_trip():
    reading = EmotionEstimate.from_va(-0.5, 0.6)
    again = EmotionEstimate.from_dict(reading.to_dict())
    assert again.label == reading.label and again.valence == pytest.approx(-0.5)
    assert reading.label in {"anger", "fear"}
