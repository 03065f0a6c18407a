"""The caption emotion model: two trained models and the cue table, combined in log space.

* a character n-gram model (TF-IDF of char_wb 1-4-grams + logistic regression), trained on
  Korean; it reads Hangul well and English barely, so its weight scales with the share of
  Hangul letters in the caption;
* multilingual-e5-small fine-tuned with LoRA adapters on the same Korean corpus
  (`moodify.models.caption_encoder`); a fine-tuned multilingual encoder carries its Korean
  training over to English;
* the cue evidence of `moodify.models.cues` (emoji, ㅠㅠ, ㅋㅋ ...).

    logits = w_char * hangul_share * log p_char + w_enc * log p_enc + cues;  p = softmax(logits / T)

The weights and the temperature T were chosen on a validation split of the training rows
(`moodify train text`, after `moodify train text-encoder`); the character model and the mix
live in one .npz beside this file, the adapters in another.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from moodify.models.cues import ReadCaption
from moodify.errors import ModelUnavailable
from moodify.models import weights

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

WEIGHTS_FILE = weights.CAPTION_HEAD
ENCODER_FILE = weights.CAPTION_ENCODER
NGRAM_RANGE = (1, 4)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    weights = np.exp(shifted)
    return weights / weights.sum(axis=-1, keepdims=True)


def hangul_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e" for c in letters) / len(letters)


def char_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True,
                           min_df=2, vocabulary=vocabulary, dtype=np.float32)


@dataclass
class CaptionModel:
    char_vectorizer: TfidfVectorizer
    char_coef: np.ndarray       # (7, V)
    char_intercept: np.ndarray  # (7,)
    w_char: float
    w_enc: float
    temperature: float
    meta: dict
    encoder_file: Path = ENCODER_FILE

    def char_log_probs(self, plains: list[str]) -> np.ndarray:
        features = self.char_vectorizer.transform(plains)
        return np.log(softmax(np.asarray(features @ self.char_coef.T) + self.char_intercept) + 1e-9)

    def encoder_log_probs(self, texts: list[str]) -> np.ndarray:
        from moodify.models import caption_encoder

        return caption_encoder.load(self.encoder_file).log_probs(texts)

    def combine(self, char_lp: np.ndarray, enc_lp: np.ndarray, shares: np.ndarray,
                cue_logits: np.ndarray, *, w_char=None, w_enc=None, temperature=None) -> np.ndarray:
        w_char = self.w_char if w_char is None else w_char
        w_enc = self.w_enc if w_enc is None else w_enc
        temperature = self.temperature if temperature is None else temperature
        logits = w_char * shares[:, None] * char_lp + w_enc * enc_lp + cue_logits
        return softmax(logits / temperature)

    def parts(self, captions: list[ReadCaption]) -> dict[str, np.ndarray]:
        """Each component's output for a batch, for combining and for evidence."""
        return {
            "char": self.char_log_probs([c.plain for c in captions]),
            "enc": self.encoder_log_probs([c.text for c in captions]),
            "share": np.array([hangul_share(c.plain) for c in captions], np.float32),
            "cues": np.array([c.cue_logits() for c in captions], np.float32),
        }

    def predict(self, captions: list[ReadCaption]) -> np.ndarray:
        """(n,) read captions -> (n, 7) calibrated probabilities."""
        p = self.parts(captions)
        return self.combine(p["char"], p["enc"], p["share"], p["cues"])

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        vocabulary = sorted(self.char_vectorizer.vocabulary_, key=self.char_vectorizer.vocabulary_.get)
        np.savez_compressed(
            path, char_vocab=np.array(vocabulary), char_idf=self.char_vectorizer.idf_.astype(np.float32),
            char_coef=self.char_coef.astype(np.float16), char_intercept=self.char_intercept,
            mix=np.array([self.w_char, self.w_enc, self.temperature], np.float32),
            meta=np.array(json.dumps(self.meta, ensure_ascii=False)))


@lru_cache(maxsize=1)
def load(path: Path = WEIGHTS_FILE) -> CaptionModel:
    if not Path(path).exists():
        raise ModelUnavailable(f"caption model weights {path} are missing: run `moodify train text "
                               "--data PATH` or reinstall Moodify")
    with np.load(path) as data:
        vocabulary = {str(gram): i for i, gram in enumerate(data["char_vocab"])}
        vectorizer = char_vectorizer(vocabulary)
        vectorizer.idf_ = data["char_idf"].astype(np.float64)
        w_char, w_enc, temperature = (float(x) for x in data["mix"])
        return CaptionModel(vectorizer, data["char_coef"].astype(np.float32), data["char_intercept"],
                            w_char, w_enc, temperature, json.loads(str(data["meta"])))
