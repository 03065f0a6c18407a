"""Where people speak in a clip: silero-vad, whose model ships in its wheel.

Importing silero-vad sets torch to one thread for the whole process; the thread count is put
back as it was.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np
import torch

RATE = 16000


class SpeechDetector:
    def __init__(self) -> None:
        threads = torch.get_num_threads()
        try:
            from silero_vad import get_speech_timestamps, load_silero_vad
        finally:
            torch.set_num_threads(threads)
        self._timestamps = get_speech_timestamps
        self._lock = threading.Lock()   # the model carries state from chunk to chunk
        self.model = load_silero_vad()
        torch.set_num_threads(threads)

    def segments(self, samples: np.ndarray) -> list[tuple[float, float]]:
        """(start, end) seconds of speech in 16 kHz mono samples."""
        if len(samples) < RATE // 4:
            return []
        with self._lock:
            found = self._timestamps(torch.from_numpy(np.ascontiguousarray(samples, np.float32)), self.model,
                                     sampling_rate=RATE, return_seconds=True)
            self.model.reset_states()
        return [(float(s["start"]), float(s["end"])) for s in found]


@lru_cache(maxsize=1)
def load() -> SpeechDetector:
    return SpeechDetector()
