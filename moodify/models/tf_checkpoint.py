"""Read a TensorFlow (v1) checkpoint's variables with numpy alone.

A checkpoint is `NAME.index`, a LevelDB-style sorted table whose values are BundleEntryProto
messages (dtype, shape, shard, offset, size), and `NAME.data-00000-of-00001`, the raw tensors
one after another. Only what musicnn's checkpoints use is handled: one shard, no compression,
float32/int64 tensors.

    table = footer (last 48 bytes) -> index block -> data blocks -> entries
    block = prefix-compressed entries ... restart offsets (uint32) ... count (uint32)
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from moodify.errors import ModelUnavailable

TABLE_MAGIC = 0xDB4775248B80FB57
DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 9: np.int64, 19: np.float16}


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _block(data: bytes, offset: int, size: int) -> list[tuple[bytes, bytes]]:
    if data[offset + size] != 0:
        raise ModelUnavailable("a compressed TensorFlow checkpoint index is not supported")
    block = data[offset:offset + size]
    restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    end = len(block) - 4 - 4 * restarts
    entries, pos, key = [], 0, b""
    while pos < end:
        shared, pos = _varint(block, pos)
        unshared, pos = _varint(block, pos)
        length, pos = _varint(block, pos)
        key = key[:shared] + block[pos:pos + unshared]
        pos += unshared
        entries.append((key, block[pos:pos + length]))
        pos += length
    return entries


def _handle(data: bytes, pos: int = 0) -> tuple[int, int, int]:
    offset, pos = _varint(data, pos)
    size, pos = _varint(data, pos)
    return offset, size, pos


def _fields(message: bytes) -> dict[int, list]:
    """A protobuf message's fields: number -> values (ints, or bytes for length-delimited)."""
    out: dict[int, list] = {}
    pos = 0
    while pos < len(message):
        tag, pos = _varint(message, pos)
        number, wire = tag >> 3, tag & 7
        value: int | bytes
        if wire == 0:
            value, pos = _varint(message, pos)
        elif wire == 2:
            length, pos = _varint(message, pos)
            value, pos = message[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = struct.unpack_from("<I", message, pos)[0], pos + 4
        elif wire == 1:
            value, pos = struct.unpack_from("<Q", message, pos)[0], pos + 8
        else:
            raise ModelUnavailable(f"unexpected protobuf wire type {wire} in a checkpoint index")
        out.setdefault(number, []).append(value)
    return out


def read(prefix: Path, skip=("Adam", "_power")) -> dict[str, np.ndarray]:
    """All variables of the checkpoint at `prefix` (the path before .index, or a folder whose
    files are named just .index and .data-...), minus optimiser slots."""
    prefix = Path(prefix)
    folder, stem = (prefix, "") if prefix.is_dir() else (prefix.parent, prefix.name)
    index_path, data_path = folder / f"{stem}.index", folder / f"{stem}.data-00000-of-00001"
    if not index_path.exists() or not data_path.exists():
        raise ModelUnavailable(f"no TensorFlow checkpoint at {prefix}: reinstall musicnn "
                               "(pip install --no-deps musicnn==0.1.0)")
    index = index_path.read_bytes()
    footer = index[-48:]
    if struct.unpack_from("<Q", footer, 40)[0] != TABLE_MAGIC:
        raise ModelUnavailable(f"{index_path} is not a TensorFlow checkpoint index")
    _, _, pos = _handle(footer)                       # metaindex, unused
    index_offset, index_size, _ = _handle(footer, pos)
    data = data_path.read_bytes()
    variables = {}
    for _, handle in _block(index, index_offset, index_size):
        offset, size, _ = _handle(handle)
        for key, value in _block(index, offset, size):
            name = key.decode()
            if not name or any(s in name for s in skip):
                continue                               # "" is the bundle header
            entry = _fields(value)
            dtype = DTYPES[entry.get(1, [1])[0]]
            shape = [(_fields(d).get(1, [0])[0]) for d in _fields(entry[2][0]).get(2, [])] if 2 in entry else []
            start, length = entry.get(4, [0])[0], entry.get(5, [0])[0]
            variables[name] = np.frombuffer(data[start:start + length], dtype).reshape(shape).copy()
    return variables
