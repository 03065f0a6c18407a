"""Caption -> EmotionEstimate, in Korean, English or both, with hashtags and emoji.

    read cues (hashtags, emoji, ㅠㅠ) -> chunk long text -> caption model per chunk
    -> combine chunks by length -> place on the plane -> evidence
"""

from __future__ import annotations

import re

import numpy as np

from moodify.models.cues import ReadCaption, read_cues
from moodify.emotion import EMOTIONS, EmotionEstimate, va_from_probs
from moodify.errors import InvalidInput
from moodify.evidence import Evidence
from moodify.models import backends, caption

CHUNK_CHARS = 300          # longer captions are read in pieces of about this size, all of them
MAX_CAPTION_CHARS = 20_000
SHOUT_AROUSAL = 0.15       # !!! or CAPITALS raise arousal by this much
_SENTENCE_END = re.compile(r"(?<=[.!?。…\n])\s+|(?<=[다요죠네])\s+(?=\S)")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Split at sentence ends into pieces of at most about `size` characters; nothing dropped."""
    if len(text) <= size:
        return [text]
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > size:  # one endless sentence: cut it by length
            pieces.append((current + " " + sentence[:size]).strip() if current else sentence[:size])
            current, sentence = "", sentence[size:]
        if current and len(current) + len(sentence) + 1 > size:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def check_caption(text) -> str:
    if not isinstance(text, str):
        raise InvalidInput("a caption must be text")
    if not text.strip():
        raise InvalidInput("the caption is empty: write something, or add a photo, sound or video")
    if len(text) > MAX_CAPTION_CHARS:
        raise InvalidInput(f"the caption has {len(text):,} characters; Moodify reads up to "
                           f"{MAX_CAPTION_CHARS:,}: shorten it")
    return text


def _language(share: float) -> str:
    return "ko" if share > 0.7 else "en" if share < 0.05 else "ko_en"


def _snippet(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


class TextAnalyser:
    """Reads captions with the shipped caption model (loaded once, on first use)."""

    kind = "text"

    def __init__(self, model: caption.CaptionModel | None = None) -> None:
        self._model = model

    @property
    def model(self) -> caption.CaptionModel:
        if self._model is None:
            self._model = backends.load("caption")
        return self._model

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """(n,) captions -> (n, 7), every chunk of every caption read, chunks combined by length."""
        return self._combine(self._read(texts))

    @staticmethod
    def _read(texts: list[str]) -> list[list[tuple[str, ReadCaption]]]:
        """Each caption's chunks, with their cues read."""
        return [[(piece, read_cues(piece)) for piece in chunks(text)] for text in texts]

    def _combine(self, read: list[list[tuple[str, ReadCaption]]]) -> np.ndarray:
        pieces = [piece for caption_pieces in read for piece in caption_pieces]
        owners = np.repeat(np.arange(len(read)), [len(r) for r in read])
        lengths = np.array([max(len(text), 1) for text, _ in pieces])  # chunks count by length
        piece_probs = self.model.predict([cues for _, cues in pieces])
        combined = np.zeros((len(read), len(EMOTIONS)), np.float64)
        np.add.at(combined, owners, piece_probs * lengths[:, None])
        return combined / combined.sum(1, keepdims=True)

    def analyse(self, text: str) -> EmotionEstimate:
        return self.analyse_batch([text])[0]

    def analyse_batch(self, texts: list[str]) -> list[EmotionEstimate]:
        texts = [check_caption(t) for t in texts]
        read = self._read(texts)
        probs = self._combine(read)
        return [self._estimate(text, pieces, p) for text, pieces, p in zip(texts, read, probs)]

    def _estimate(self, text: str, pieces: list[tuple[str, ReadCaption]], probs: np.ndarray
                  ) -> EmotionEstimate:
        # The evidence speaks of the whole caption; a one-chunk caption was read whole already.
        read = pieces[0][1] if len(pieces) == 1 else read_cues(text)
        label = EMOTIONS[int(np.argmax(probs))]
        valence, arousal = va_from_probs(probs)
        if read.shouting:
            arousal = min(1.0, arousal + SHOUT_AROUSAL)
        share = caption.hangul_share(read.plain)
        evidence = [Evidence.of("caption", snippet=_snippet(text), emotion=label, probability=probs.max())]
        evidence += [cue.evidence() for cue in read.cues[:5]]
        if read.shouting:
            evidence.append(Evidence.of("shouting"))
        evidence.append(Evidence.of("language", language=_language(share), chunks=len(pieces)))
        return EmotionEstimate(tuple(float(p) for p in probs), float(np.clip(valence, -1, 1)),
                               float(np.clip(arousal, -1, 1)), float(probs.max()), tuple(evidence))
