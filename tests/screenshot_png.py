"""Just enough of PNG (stdlib only) to tell whether a screenshot shows anything."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
"""samples per pixel by colour type (grey, RGB, grey+alpha, RGBA); palettes are not needed"""


def pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in CHANNELS and not interlace, header
    step = CHANNELS[colour]
    raw = zlib.decompress(idat)
    stride = width * step
    rows, previous = [], np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1).copy()
        if kind == 1:  # Sub: each byte plus the one a pixel to the left, that is a running sum
            line = (np.cumsum(line.reshape(width, step), axis=0, dtype=np.uint64) % 256
                    ).astype(np.uint8).ravel()
        elif kind == 2:  # Up
            line = line + previous
        elif kind in (3, 4):  # Average, Paeth: each byte needs the one just rebuilt
            line = _sequential(kind, line, previous, step)
        rows.append(line.tobytes())
        previous = line
    return width, height, rows


def _sequential(kind: int, line, previous, step: int):
    out, up = [int(v) for v in line], [int(v) for v in previous]
    for i in range(len(out)):
        a = out[i - step] if i >= step else 0
        b = up[i]
        if kind == 3:
            out[i] = (out[i] + (a + b) // 2) & 0xFF
        else:
            c = up[i - step] if i >= step else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    return np.array(out, dtype=np.uint8)


def variety(path: Path, every: int = 4) -> tuple[int, float]:
    """The number of distinct colours and the share of pixels that are not the most common one,
    over every `every`-th row and column."""
    width, height, rows = pixels(path)
    step = len(rows[0]) // width
    counts: dict[bytes, int] = {}
    for row in rows[::every]:
        for x in range(0, width, every):
            pixel = row[x * step:(x + 1) * step]
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    return len(counts), 1 - max(counts.values()) / total
