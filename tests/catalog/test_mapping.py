"""From published annotations to our emotion space."""

from __future__ import annotations

import pytest

from moodify.catalog import build
from moodify.catalog.datasets import derive
from moodify.catalog.moodwords import word_va
from moodify.store.models import Track


@pytest.mark.parametrize("source, annotation, label", [
    ("jamendo", {"mood_tags": "sad|melancholic"}, "sadness"),
    ("jamendo", {"mood_tags": "happy|fun|party"}, "happiness"),
    ("jamendo", {"mood_tags": "horror|dark"}, "fear"),
    ("jamendo", {"mood_tags": "background|corporate"}, "neutral"),
    ("deam", {"valence_mean": "2.2", "valence_std": "1", "arousal_mean": "2.5", "arousal_std": "1"}, "sadness"),
    ("pmemo", {"valence_mean": "0.9", "arousal_mean": "0.8"}, "happiness"),
    ("4q", {"Quadrant": "Q2", "MoodsFoundStr": "angry; hostile", "MoodsStrSplit": "Angry; Hostile; Fierce",
            "PQuad": "1"}, "anger"),
    ("4q", {"Quadrant": "Q2", "MoodsFoundStr": "harsh", "MoodsStrSplit": "Sleazy; Trashy; Greasy",
            "PQuad": "1"}, "disgust"),
    ("4q", {"Quadrant": "Q1", "MoodsFoundStr": "whimsical", "MoodsStrSplit": "Whimsical; Quirky",
            "PQuad": "1"}, "surprise"),
    ("soundtracks", {"valence": "2.6", "energy": "7.7", "tension": "8.4", "anger": "1.2",
                     "fear": "6.4", "happy": "1.2", "sad": "1.7", "tender": "1.0", "TARGET": "FEAR"}, "fear"),
    ("import", {"valence": "-0.7", "arousal": "-0.5"}, "sadness"),
])
def test_each_kind_of_annotation(source, annotation, label):
    derived = derive(source, annotation)
    assert derived.label == label
    assert sum(derived.probs) == pytest.approx(1)
    assert -1 <= derived.valence <= 1 and -1 <= derived.arousal <= 1


def test_quadrant_is_respected_even_when_words_disagree():
    derived = derive("4q", {"Quadrant": "Q3", "MoodsFoundStr": "happy", "MoodsStrSplit": "Happy",
                                    "PQuad": "0.3"})
    assert derived.valence < 0 and derived.arousal < 0


def test_word_ratings_are_warriner_rescaled():
    assert word_va()["sad"] == pytest.approx(((2.10 - 5) / 4, (3.49 - 5) / 4))
    assert word_va()["melancholic"] == word_va()["melancholy"]  # rated through its lemma


def test_rebuild_rederives_from_the_stored_annotation(service):
    store = service.store
    with store.session() as session:
        track = session.query(Track).filter_by(source="pmemo", source_id="1").one()
        track.annotation = {**track.annotation, "valence_mean": "0.05", "arousal_mean": "0.1"}
        track_id = track.id
    with store.session() as session:
        build.rederive(session)
    with store.session() as session:
        assert session.get(Track, track_id).emotion == "sadness"
    build.build(store)  # the published row comes back, and with it the published emotion
    with store.session() as session:
        track = session.get(Track, track_id)
        assert track.annotation["valence_mean"] == "0.575" and track.valence > 0
