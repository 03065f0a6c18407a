"""A whole photo's mood from its colour and light, when no CLIP weights are installed.

Brightness (Y) and saturation (S) place it on the plane by Valdez & Mehrabian's regressions of
pleasure and arousal on the colour of what people looked at:

    pleasure = 0.69 Y + 0.22 S          arousal = -0.31 Y + 0.60 S

    Valdez, P., & Mehrabian, A. (1994). Effects of color on emotions. Journal of Experimental
    Psychology: General, 123(4), 394-409. (Used for photos by Machajdik & Hanbury 2010.)

Y and S are the photo's mean HSV value and saturation, centred at the middle of their range and
doubled so each spans [-1, 1] (our choice: the paper's Munsell scales have no photo norm).
Colourfulness (Hasler & Suesstrunk 2003) and contrast (RMS of luminance) add a little arousal,
warm hues a little valence; these three are reported as evidence with their small weights.
Colour says little about emotion, so the reading's confidence is capped at AFFECT_CONFIDENCE.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moodify.emotion import PLANE_ONLY_PRIOR, EmotionEstimate, probs_from_va
from moodify.evidence import Evidence

AFFECT_CONFIDENCE = 0.35
COLOURFUL_AROUSAL = 0.25    # per unit of colourfulness above the typical 0.3 (M / 100)
CONTRAST_AROUSAL = 0.3      # per unit of RMS contrast above the typical 0.2
WARMTH_VALENCE = 0.15       # all warm hues vs all cool ones


@dataclass(frozen=True)
class Affect:
    brightness: float       # 0..1, mean HSV value
    saturation: float       # 0..1, mean HSV saturation
    colourfulness: float    # Hasler & Suesstrunk M / 100
    contrast: float         # RMS of luminance, 0..~0.5
    warmth: float           # -1 (all cool hues) .. +1 (all warm), saturated pixels only

    def plane(self) -> tuple[float, float]:
        y, s = 2 * self.brightness - 1, 2 * self.saturation - 1
        valence = 0.69 * y + 0.22 * s + WARMTH_VALENCE * self.warmth
        arousal = (-0.31 * y + 0.60 * s + COLOURFUL_AROUSAL * (self.colourfulness - 0.3)
                   + CONTRAST_AROUSAL * (self.contrast - 0.2))
        return float(np.clip(valence, -1, 1)), float(np.clip(arousal, -1, 1))

    def words(self) -> dict[str, str]:
        """Light, saturation and tone in a word each (the parameters of evidence `colour`)."""
        light = "bright" if self.brightness > 0.6 else "dark" if self.brightness < 0.35 else "mid"
        saturation = "vivid" if self.saturation > 0.45 else "muted" if self.saturation < 0.2 else "moderate"
        tone = "warm" if self.warmth > 0.2 else "cool" if self.warmth < -0.2 else "neutral"
        return {"light": light, "saturation": saturation, "tone": tone}


def measure(rgb: np.ndarray) -> Affect:
    """(H, W, 3) uint8 RGB -> its affect features (computed on every n-th pixel, about 160 px
    along the longer side: colour statistics need no more)."""
    step = max(1, max(rgb.shape[:2]) // 160)
    x = rgb[::step, ::step].astype(np.float32) / 255.0
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    value = x.max(-1)
    chroma = value - x.min(-1)
    saturation = np.where(value > 0, chroma / np.maximum(value, 1e-6), 0.0)
    rg, yb = r - g, 0.5 * (r + g) - b
    colourfulness = (np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean())) * 255 / 100
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    hue = _hue(r, g, b, value, chroma)
    coloured = saturation > 0.2
    warm = ((hue < 75) | (hue >= 330)) & coloured         # reds, oranges, yellows
    cool = (hue >= 150) & (hue < 290) & coloured          # cyans, blues, violets
    counted = warm.sum() + cool.sum()
    warmth = float((warm.sum() - cool.sum()) / counted) if counted else 0.0
    return Affect(float(value.mean()), float(saturation.mean()), float(colourfulness),
                  float(luminance.std()), warmth)


def _hue(r, g, b, value, chroma) -> np.ndarray:
    safe = np.maximum(chroma, 1e-6)
    hue = np.where(value == r, ((g - b) / safe) % 6,
                   np.where(value == g, (b - r) / safe + 2, (r - g) / safe + 4))
    return hue * 60.0


def estimate(rgb: np.ndarray) -> tuple[EmotionEstimate, Affect]:
    affect = measure(rgb)
    valence, arousal = affect.plane()
    probs = probs_from_va(np.array([valence]), np.array([arousal]), PLANE_ONLY_PRIOR)[0]
    evidence = (Evidence.of("colour", **affect.words(), valence=valence, arousal=arousal),)
    return EmotionEstimate(tuple(float(p) for p in probs), valence, arousal,
                           AFFECT_CONFIDENCE * float(probs.max()), evidence), affect
