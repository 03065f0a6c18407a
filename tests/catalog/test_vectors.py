"""The bundled text vectors are the real model's, and caption fit uses them."""

from __future__ import annotations

import numpy as np

from moodify.catalog import vectors
from moodify.models import e5


def test_bundled_vectors_match_the_model():
    bundled = vectors._bundled()
    assert len(bundled) > 4000
    texts = ["sad music", "happy music", "music with piano", "Tonight  A Lonely Century"]
    fresh = e5.embed_passages(texts)
    for text, vector in zip(texts, fresh):
        key = e5.text_key(text)
        if key in bundled:
            assert float(np.dot(bundled[key], vector)) > 0.999
    assert sum(e5.text_key(t) in bundled for t in texts) >= 3


def test_korean_caption_is_nearer_its_english_tag():
    query = e5.embed_query("너무 슬퍼서 눈물이 나 😭")
    sad, happy = e5.embed_passages(["sad music", "happy music"])
    assert float(query @ sad) > float(query @ happy)
