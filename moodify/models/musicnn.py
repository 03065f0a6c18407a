"""musicnn (Pons & Serra 2019), the MSD_musicnn tagger, in PyTorch from the wheel's checkpoint.

    16 kHz mono -> mel (FFT 512, hop 256, 96 bands) -> log10(10000 x + 1) -> 3 s patches (187
    frames) -> front end (timbral 7x38 and 7x67 filters, temporal 128/64/32x1 filters, each
    max-pooled over frequency) -> mid end (three 7-frame convolutions with residuals) ->
    max and mean over time -> dense 200 -> 50 tag probabilities (sigmoid)

The checkpoint is read with numpy (moodify.models.tf_checkpoint); TensorFlow is not needed.
tests/models/test_musicnn.py checks this port against musicnn's own TensorFlow outputs, recorded
once by tools/record_musicnn_reference.py. The original computes the mel in float16, which
overflows on very loud tones; here it stays float32.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from moodify.errors import ModelUnavailable
from moodify.models import tf_checkpoint

RATE = 16000
FFT, HOP, MELS = 512, 256, 96
PATCH = 187                 # frames in 3 s, as musicnn cuts them
MAX_PATCHES = 6             # a longer clip is tagged from this many patches spread evenly over it
BN_EPS = 1e-3
MSD_LABELS = (
    "rock", "pop", "alternative", "indie", "electronic", "female vocalists", "dance", "00s",
    "alternative rock", "jazz", "beautiful", "metal", "chillout", "male vocalists", "classic rock",
    "soul", "indie rock", "Mellow", "electronica", "80s", "folk", "90s", "chill", "instrumental",
    "punk", "oldies", "blues", "hard rock", "ambient", "acoustic", "experimental",
    "female vocalist", "guitar", "Hip-Hop", "70s", "party", "country", "easy listening", "sexy",
    "catchy", "funk", "electro", "heavy metal", "Progressive rock", "60s", "rnb", "indie pop", "sad",
    "House", "happy",
)


def checkpoint_dir(name: str = "MSD_musicnn") -> Path:
    try:
        folder = Path(str(importlib.resources.files("musicnn") / name))
    except ModuleNotFoundError as exc:
        raise ModelUnavailable("the music tagger ships in the `musicnn` package: "
                               "pip install --no-deps musicnn==0.1.0") from exc
    return folder


def log_mel(samples: np.ndarray) -> np.ndarray:
    """16 kHz mono float -> (frames, 96) musicnn input, float32."""
    import librosa

    mel = librosa.feature.melspectrogram(y=np.asarray(samples, np.float32), sr=RATE, hop_length=HOP,
                                         n_fft=FFT, n_mels=MELS).T
    return np.log10(10000 * mel + 1).astype(np.float32)


def patches(mel: np.ndarray) -> np.ndarray:
    """(frames, 96) -> (n, 187, 96) consecutive 3 s patches; a clip under 3 s is padded with
    silence to one patch (musicnn itself would return none)."""
    if len(mel) < PATCH:
        mel = np.pad(mel, ((0, PATCH - len(mel)), (0, 0)))
    count = len(mel) // PATCH
    return mel[:count * PATCH].reshape(count, PATCH, MELS)


def spread(batch: np.ndarray, most: int = MAX_PATCHES) -> np.ndarray:
    """At most `most` patches, evenly spaced through the clip."""
    if len(batch) <= most:
        return batch
    return batch[np.linspace(0, len(batch) - 1, most).round().astype(int)]


class Musicnn:
    def __init__(self, folder: Path | None = None) -> None:
        v = {k: torch.from_numpy(a) for k, a in tf_checkpoint.read(folder or checkpoint_dir()).items()}
        if "dense_1/kernel" not in v:
            raise ModelUnavailable("the musicnn checkpoint lacks its output layer: reinstall musicnn")
        self.v = v

    def _bn(self, x: torch.Tensor, name: str, axis: int) -> torch.Tensor:
        shape = [1] * x.dim()
        shape[axis] = -1
        v = self.v
        scale = v[f"{name}/gamma"] / torch.sqrt(v[f"{name}/moving_variance"] + BN_EPS)
        shift = v[f"{name}/beta"] - v[f"{name}/moving_mean"] * scale
        return x * scale.view(shape) + shift.view(shape)

    def _conv(self, x: torch.Tensor, name: str, pad_time: tuple[int, int]) -> torch.Tensor:
        """x (B, C, T, W) -> relu(conv) with TF kernel [kt, kw, in, out], time padded with zeros."""
        x = F.pad(x, (0, 0, *pad_time))
        weight = self.v[f"{name}/kernel"].permute(3, 2, 0, 1)
        return F.relu(F.conv2d(x, weight, self.v[f"{name}/bias"]))

    def _mid(self, features: torch.Tensor, conv: str, bn: str) -> torch.Tensor:
        """(B, T, F) -> (B, T, 64): a 7-frame convolution across all F, then batch norm."""
        out = self._conv(features[:, None], conv, (3, 3)).squeeze(-1)     # (B, 64, T)
        return self._bn(out, bn, 1).transpose(1, 2)

    @torch.no_grad()
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (B, 187, 96) log-mel patches -> (B, 50) tag probabilities."""
        x = self._bn(x[:, None], "batch_normalization", 1)               # (B, 1, T, 96)
        front = []
        for conv, bn in (("conv2d", "batch_normalization_1"), ("conv2d_1", "batch_normalization_2")):
            front.append(self._bn(self._conv(x, conv, (3, 3)), bn, 1).amax(3))
        for conv, bn, k in (("conv2d_2", "batch_normalization_3", 128),
                            ("conv2d_3", "batch_normalization_4", 64),
                            ("conv2d_4", "batch_normalization_5", 32)):
            pad = ((k - 1) // 2, k - 1 - (k - 1) // 2)                    # TF 'same'
            front.append(self._bn(self._conv(x, conv, pad), bn, 1).amax(3))
        front_end = torch.cat(front, 1).transpose(1, 2)                   # (B, T, 561)
        m1 = self._mid(front_end, "conv2d_5", "batch_normalization_6")
        m2 = self._mid(m1, "conv2d_6", "batch_normalization_7") + m1
        m3 = self._mid(m2, "conv2d_7", "batch_normalization_8") + m2
        mid = torch.cat([front_end, m1, m2, m3], 2)                       # (B, T, 753)
        pooled = torch.stack([mid.amax(1), mid.mean(1)], -1).flatten(1)  # max, mean interleaved
        pooled = self._bn(pooled, "batch_normalization_9", 1)
        hidden = F.relu(pooled @ self.v["dense/kernel"] + self.v["dense/bias"])
        hidden = self._bn(hidden, "batch_normalization_10", 1)
        return torch.sigmoid(hidden @ self.v["dense_1/kernel"] + self.v["dense_1/bias"])

    def tag(self, samples: np.ndarray) -> np.ndarray:
        """16 kHz mono -> (n, 50) tag probabilities, a row per 3 s patch (at most MAX_PATCHES,
        spread over the clip)."""
        return self.forward(torch.from_numpy(spread(patches(log_mel(samples))))).numpy()


@lru_cache(maxsize=1)
def load() -> Musicnn:
    return Musicnn()
