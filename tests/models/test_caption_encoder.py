"""The shipped caption encoder: its bfloat16 path reads captions as its float32 path does."""

from __future__ import annotations

import numpy as np
import pytest

from moodify.config import SettingsError
from moodify.models import caption_encoder
from tests.analysers.test_text import CAPTIONS

TEXTS = [text for text, _ in CAPTIONS] + [
    "오늘은 그냥 그런 하루였다. " * 12,   # a long one, near the token limit
    "ㅋ",                                  # a single piece
]


@pytest.fixture(scope="module")
def float32():
    return caption_encoder.CaptionEncoder(precision="float32")


def test_bfloat16_agrees_with_float32(float32):
    if not caption_encoder.native_bfloat16():
        pytest.skip("this CPU has no native bfloat16: the encoder runs float32 here")
    bf16 = caption_encoder.CaptionEncoder(precision="bfloat16")
    exact, fast = np.exp(float32.log_probs(TEXTS)), np.exp(bf16.log_probs(TEXTS))
    assert (exact.argmax(1) == fast.argmax(1)).all()
    assert np.abs(exact - fast).max() < 0.01


def test_float32_reads_the_captions_it_was_trained_for(float32):
    """The real fine-tuned weights at work: most test captions get their own label."""
    labels = ["happiness", "sadness", "anger", "fear", "surprise", "disgust", "neutral"]
    probs = np.exp(float32.log_probs([text for text, _ in CAPTIONS]))
    right = sum(labels[i] == label for i, (_, label) in zip(probs.argmax(1), CAPTIONS))
    assert right >= 0.6 * len(CAPTIONS)


def test_auto_never_picks_emulated_bfloat16(monkeypatch):
    monkeypatch.setattr(caption_encoder, "native_bfloat16", lambda: False)
    assert caption_encoder.choose_precision("auto") == "float32"
    monkeypatch.setattr(caption_encoder, "native_bfloat16", lambda: True)
    assert caption_encoder.choose_precision("auto") == "bfloat16"


def test_unknown_precision_says_what_to_set(monkeypatch):
    monkeypatch.setenv("MOODIFY_CAPTION_PRECISION", "fp8")
    with pytest.raises(SettingsError, match="MOODIFY_CAPTION_PRECISION='fp8': input should be 'auto'"):
        caption_encoder.choose_precision()
