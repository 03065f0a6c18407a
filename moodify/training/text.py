"""`moodify train text`: the character model and the mix, on the AIHub Korean corpus.

Run `moodify train text-encoder` first: the mix is chosen with the fine-tuned encoder's
outputs on the same validation rows (neither model saw them while fitting).

    held-out 10 % set aside (fixed seed, never read) -> read cues of every sentence
    -> validation split of the rest -> fit the character model on the other rows
    -> choose mixing weights and temperature on validation -> refit the character model on
    every training row -> save

Deterministic for a given seed.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from moodify.models.cues import ReadCaption, read_cues
from moodify.models import caption
from moodify.training.data import (HOLDOUT_SEED, Labelled, holdout_split, read_labelled,
                                   validation_split)
from moodify.training.metrics import expected_calibration_error

CHAR_C = 2.0
GRID_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5)
GRID_TEMPERATURES = tuple(np.round(np.arange(0.5, 4.01, 0.1), 2))


def fit_char(plains: list[str], labels: np.ndarray, seed: int):
    from sklearn.linear_model import LogisticRegression

    vectorizer = caption.char_vectorizer()
    features = vectorizer.fit_transform(plains)
    return vectorizer, LogisticRegression(C=CHAR_C, max_iter=3000, random_state=seed).fit(features, labels)


def model_from(vectorizer, char, mix: tuple[float, float, float], meta: dict,
               encoder_file: Path = caption.ENCODER_FILE) -> caption.CaptionModel:
    return caption.CaptionModel(vectorizer, char.coef_.astype(np.float32),
                                char.intercept_.astype(np.float32), *mix, meta, encoder_file)


def choose_mix(model: caption.CaptionModel, read: list[ReadCaption], labels: np.ndarray
               ) -> tuple[tuple[float, float, float], dict]:
    """Grid-search the two weights for accuracy, then the temperature for calibration."""
    p = model.parts(read)

    def probs(w_char: float, w_enc: float, temperature: float) -> np.ndarray:
        return model.combine(p["char"], p["enc"], p["share"], p["cues"], w_char=w_char, w_enc=w_enc,
                             temperature=temperature)

    best = max(((c, e) for c, e in itertools.product(GRID_WEIGHTS, GRID_WEIGHTS) if c + e > 0),
               key=lambda w: (probs(w[0], w[1], 1.0).argmax(1) == labels).mean())
    temperature = min(GRID_TEMPERATURES,
                      key=lambda t: expected_calibration_error(labels, probs(*best, t)))
    final = probs(*best, temperature)
    figures = {"validation_accuracy": round(float((final.argmax(1) == labels).mean()), 4),
               "validation_accuracy_char": round(float((p["char"].argmax(1) == labels).mean()), 4),
               "validation_accuracy_encoder": round(float((p["enc"].argmax(1) == labels).mean()), 4),
               "validation_ece": round(expected_calibration_error(labels, final), 4),
               "validation_ece_uncalibrated": round(expected_calibration_error(labels, probs(*best, 1.0)), 4)}
    return (float(best[0]), float(best[1]), float(temperature)), figures


def train(data_path: Path, *, out: Path = caption.WEIGHTS_FILE,
          encoder_file: Path = caption.ENCODER_FILE, seed: int = 13, say=print) -> dict:
    corpus = read_labelled(data_path)
    train_idx, held_idx = holdout_split(corpus.labels)
    train_set: Labelled = corpus.subset(train_idx)
    say(f"{len(corpus)} sentences: {len(train_set)} for training, {len(held_idx)} held out (not read)")
    read = [read_cues(t) for t in train_set.texts]
    fit, val = validation_split(len(train_set), seed=seed)
    say("fitting the character model on the training rows minus validation...")
    vectorizer, char = fit_char([read[i].plain for i in fit], train_set.labels[fit], seed)
    probe = model_from(vectorizer, char, (1.0, 1.0, 1.0), {}, encoder_file)
    mix, figures = choose_mix(probe, [read[i] for i in val], train_set.labels[val])
    say(f"mix w_char={mix[0]} w_enc={mix[1]} T={mix[2]}: {figures}")
    say("refitting the character model on every training row...")
    vectorizer, char = fit_char([r.plain for r in read], train_set.labels, seed)
    meta = {"data": Path(data_path).name, "rows": len(corpus), "trained_on": len(train_set),
            "holdout_seed": HOLDOUT_SEED, "seed": seed, "char_C": CHAR_C, **figures}
    model_from(vectorizer, char, mix, meta).save(out)
    caption.load.cache_clear()
    say(f"saved {out}")
    return meta
