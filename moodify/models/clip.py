"""Whole-photo emotion by CLIP zero-shot scoring, through `transformers`.

The weights are not shipped (about 600 MB) and cannot be downloaded on an offline machine.
Moodify looks for them, in order: the `clip_model` setting (a local directory, or a hub name
found in the local Hugging Face cache), then `<instance>/models/clip`, where
`moodify models install clip --from DIR` puts a directory saved by `save_pretrained`
(for example of `openai/clip-vit-base-patch32`). Without them the photo analyser says so and
reads the whole image from its colour and light instead (moodify.analysers.affect).

Prompt set (English; a multilingual CLIP reads them the same way): for each emotion, the
photo's image embedding is compared with the mean text embedding of

    "a photo that feels {word}."  for the words in PROMPT_WORDS[emotion]

and the seven scores (times CLIP's logit scale) go through a softmax.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from moodify import config
from moodify.emotion import EMOTIONS
from moodify.errors import InvalidInput, ModelUnavailable

PROMPT_TEMPLATE = "a photo that feels {}."
PROMPT_WORDS: dict[str, tuple[str, ...]] = {
    "happiness": ("happy", "joyful", "cheerful"),
    "sadness": ("sad", "melancholy", "lonely"),
    "anger": ("angry", "furious", "hostile"),
    "fear": ("scary", "frightening", "eerie"),
    "surprise": ("surprising", "astonishing", "unexpected"),
    "disgust": ("disgusting", "gross", "revolting"),
    "neutral": ("ordinary", "plain", "unremarkable"),
}


def installed_dir() -> Path:
    return config.instance_dir() / "models" / "clip"


@dataclass(frozen=True)
class Location:
    source: str         # a directory or a hub name
    origin: str         # where that came from, for `moodify models`


def locate() -> Location | None:
    """Where CLIP weights are, or None when there are none on this machine."""
    chosen = config.current().clip_model
    if chosen:
        return Location(chosen, "the clip_model setting (MOODIFY_CLIP_MODEL)")
    if (installed_dir() / "config.json").exists():
        return Location(str(installed_dir()), "installed with `moodify models install clip`")
    return None


def install(source: Path) -> Path:
    """Copy a saved CLIP directory into the instance after checking that it loads and scores."""
    source = Path(source)
    if not (source / "config.json").exists():
        raise InvalidInput(f"{source} has no config.json: give a directory written by "
                           "CLIPModel.save_pretrained and its processor's save_pretrained")
    ClipReader(str(source)).probs(np.zeros((32, 32, 3), np.uint8))   # refuse what cannot work
    target = installed_dir()
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    load.cache_clear()
    return target


class ClipReader:
    def __init__(self, source: str) -> None:
        try:
            import torch
            from transformers import CLIPModel, CLIPProcessor
        except ImportError as exc:
            raise ModelUnavailable("CLIP needs the transformers package: pip install transformers") from exc
        self.torch = torch
        try:
            self.model = CLIPModel.from_pretrained(source, local_files_only=True).eval()
            self.processor = CLIPProcessor.from_pretrained(source, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(f"CLIP weights could not be loaded from {source!r} ({exc}); "
                                   "install a saved model with `moodify models install clip --from DIR`") from exc
        self.source = source
        self.class_vectors = self._class_vectors()

    def _features(self, output):
        """transformers 5 returns an output object; older versions a tensor."""
        vectors = getattr(output, "pooler_output", output)
        return vectors / vectors.norm(dim=-1, keepdim=True)

    def _class_vectors(self):
        prompts = [PROMPT_TEMPLATE.format(w) for e in EMOTIONS for w in PROMPT_WORDS[e]]
        with self.torch.no_grad():
            tokens = self.processor(text=prompts, return_tensors="pt", padding=True)
            text = self._features(self.model.get_text_features(**tokens))
        per_class = text.view(len(EMOTIONS), -1, text.shape[-1]).mean(1)
        return per_class / per_class.norm(dim=-1, keepdim=True)

    def probs(self, rgb: np.ndarray) -> np.ndarray:
        """(H, W, 3) uint8 RGB -> (7,) probabilities over EMOTIONS."""
        with self.torch.no_grad():
            pixels = self.processor(images=[rgb], return_tensors="pt")
            image = self._features(self.model.get_image_features(**pixels))
            logits = self.model.logit_scale.exp() * image @ self.class_vectors.T
        return self.torch.softmax(logits, -1)[0].numpy().astype(np.float64)


@lru_cache(maxsize=1)
def load() -> ClipReader | None:
    """The CLIP reader when weights are present, else None (callers say so)."""
    where = locate()
    return ClipReader(where.source) if where else None
