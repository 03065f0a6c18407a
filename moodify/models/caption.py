"""The caption emotion model: two trained heads and the cue table, combined in log space.

* a character n-gram model (TF-IDF of char_wb 1-4-grams + logistic regression), trained on
  Korean; it reads Hangul well and English barely, so its weight scales with the share of
  Hangul letters in the caption;
* a logistic-regression head on multilingual-e5-small sentence vectors; trained on Korean,
  it carries over to English because e5 puts both languages in one space;
* the cue evidence of `moodify.analysers.cues` (emoji, ㅠㅠ, ㅋㅋ ...).

    logits = w_char * hangul_share * log p_char + w_e5 * log p_e5 + cues;  p = softmax(logits / T)

The weights and the temperature T were chosen on a validation split of the training data
(`moodify train text`); everything lives in one .npz beside this file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from moodify.analysers.cues import ReadCaption
from moodify.errors import ModelUnavailable
from moodify.models import e5

WEIGHTS_FILE = Path(__file__).parent / "weights" / "caption.npz"
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


def char_vectorizer(vocabulary=None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True,
                           min_df=2, vocabulary=vocabulary, dtype=np.float32)


@dataclass
class CaptionModel:
    char_vectorizer: object
    char_coef: np.ndarray       # (7, V)
    char_intercept: np.ndarray  # (7,)
    e5_coef: np.ndarray         # (7, 384)
    e5_intercept: np.ndarray    # (7,)
    w_char: float
    w_e5: float
    temperature: float
    meta: dict

    def char_log_probs(self, plains: list[str]) -> np.ndarray:
        features = self.char_vectorizer.transform(plains)
        return np.log(softmax(np.asarray(features @ self.char_coef.T) + self.char_intercept) + 1e-9)

    def e5_log_probs(self, vectors: np.ndarray) -> np.ndarray:
        return np.log(softmax(vectors @ self.e5_coef.T + self.e5_intercept) + 1e-9)

    def combine(self, char_lp: np.ndarray, e5_lp: np.ndarray, shares: np.ndarray,
                cue_logits: np.ndarray, *, w_char=None, w_e5=None, temperature=None) -> np.ndarray:
        w_char = self.w_char if w_char is None else w_char
        w_e5 = self.w_e5 if w_e5 is None else w_e5
        temperature = self.temperature if temperature is None else temperature
        logits = w_char * shares[:, None] * char_lp + w_e5 * e5_lp + cue_logits
        return softmax(logits / temperature)

    def parts(self, captions: list[ReadCaption]) -> dict[str, np.ndarray]:
        """Each component's output for a batch, for combining and for evidence."""
        vectors = e5.embed_queries([c.text for c in captions])
        return {
            "char": self.char_log_probs([c.plain for c in captions]),
            "e5": self.e5_log_probs(vectors),
            "share": np.array([hangul_share(c.plain) for c in captions], np.float32),
            "cues": np.array([c.cue_logits() for c in captions], np.float32),
        }

    def predict(self, captions: list[ReadCaption]) -> np.ndarray:
        """(n,) read captions -> (n, 7) calibrated probabilities."""
        p = self.parts(captions)
        return self.combine(p["char"], p["e5"], p["share"], p["cues"])

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        vocabulary = sorted(self.char_vectorizer.vocabulary_, key=self.char_vectorizer.vocabulary_.get)
        np.savez_compressed(
            path, char_vocab=np.array(vocabulary), char_idf=self.char_vectorizer.idf_.astype(np.float32),
            char_coef=self.char_coef.astype(np.float16), char_intercept=self.char_intercept,
            e5_coef=self.e5_coef.astype(np.float32), e5_intercept=self.e5_intercept,
            mix=np.array([self.w_char, self.w_e5, self.temperature], np.float32),
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
        w_char, w_e5, temperature = (float(x) for x in data["mix"])
        return CaptionModel(vectorizer, data["char_coef"].astype(np.float32), data["char_intercept"],
                            data["e5_coef"], data["e5_intercept"], w_char, w_e5, temperature,
                            json.loads(str(data["meta"])))
