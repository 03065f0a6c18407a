"""Labelled text: reading `text,label` CSVs and the fixed held-out split."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moodify.emotion import EMOTIONS, normalise_label
from moodify.errors import InvalidInput

HOLDOUT_SEED = 20261123
HOLDOUT_FRACTION = 0.10


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: np.ndarray  # (n,) int indices into EMOTIONS

    def subset(self, indices: np.ndarray) -> "Labelled":
        return Labelled([self.texts[i] for i in indices], self.labels[indices])

    def __len__(self) -> int:
        return len(self.texts)


def read_labelled(path: Path, *, text_column: str = "text", label_column: str = "label") -> Labelled:
    """A CSV with columns text,label (labels in English or Korean). Rows without a label are dropped."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path} is not UTF-8 (byte {exc.start}): save it as UTF-8") from None
    reader = csv.DictReader(io.StringIO(content))
    if not reader.fieldnames or {text_column, label_column} - set(reader.fieldnames):
        raise InvalidInput(f"{path} needs the columns {text_column},{label_column}")
    texts, labels = [], []
    for line, row in enumerate(reader, start=2):
        label = (row[label_column] or "").strip()
        if not label or not (row[text_column] or "").strip():
            continue  # nothing to learn from or to score
        try:
            labels.append(EMOTIONS.index(normalise_label(label)))
        except InvalidInput as exc:
            raise InvalidInput(f"{path} line {line}: {exc.message}") from None
        texts.append(row[text_column] or "")
    if not texts:
        raise InvalidInput(f"{path} has no labelled rows")
    return Labelled(texts, np.array(labels, np.int64))


def holdout_split(labels: np.ndarray, *, fraction: float = HOLDOUT_FRACTION,
                  seed: int = HOLDOUT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Stratified (train, held-out) indices, the same on every machine for the same labels."""
    rng = np.random.default_rng(seed)
    train, held = [], []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        rng.shuffle(members)
        cut = int(round(fraction * len(members)))
        held.append(members[:cut])
        train.append(members[cut:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(held))


def validation_split(count: int, *, fraction: float = 0.1, seed: int = 13) -> tuple[np.ndarray, np.ndarray]:
    """(fit, validation) positions within the training rows, for choices made after fitting."""
    order = np.random.default_rng(seed).permutation(count)
    cut = int(fraction * count)
    return order[cut:], order[:cut]
