"""Models shared by a server's threads give each caller its own answer."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from moodify.models import caption_encoder
from tests.analysers.test_text import CAPTIONS


def test_caption_encoder_under_parallel_requests():
    encoder = caption_encoder.load()
    texts = [text for text, _ in CAPTIONS]
    alone = [encoder.log_probs([t]) for t in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda t: encoder.log_probs([t]), texts * 4))
    for i, result in enumerate(together):
        assert np.allclose(result, alone[i % len(texts)], atol=1e-5), texts[i % len(texts)]
