"""Charts as geometry for inline SVG: coordinates and labels here, the markup in _svg.html.j2.

No plotting library: a line chart of training curves and a histogram of scores are a few
rectangles, polylines and ticks. Values are coerced to finite floats; anything else is dropped,
so a chart never fails on odd data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 560, 300
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 16, 40
PALETTE = ("#1f6feb", "#d9480f", "#2f9e44", "#9c36b5", "#e8590c", "#0c8599")


@dataclass(frozen=True)
class Tick:
    at: float
    """the position in the picture (x for the horizontal axis, y for the vertical one)"""
    label: str


@dataclass(frozen=True)
class Series:
    """One line: its values as (x, y) pairs in data units."""

    name: str
    points: tuple[tuple[float, float], ...]
    colour: str = PALETTE[0]
    dashed: bool = False


@dataclass(frozen=True)
class Line:
    name: str
    points: str
    """the polyline's points attribute: "x,y x,y …" in picture units"""
    colour: str
    dashed: bool
    last: tuple[float, float] | None
    """where the line ends, for a dot"""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str
    """the bin's range, for a tooltip"""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_title: str = ""
    y_title: str = ""
    lines: tuple[Line, ...] = ()
    bars: tuple[Bar, ...] = ()


def number(value) -> float | None:
    """A finite float, or None."""
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return x if math.isfinite(x) else None


def short(x: float) -> str:
    """A tick label: whole numbers in full up to a million, others to 3 significant digits."""
    if x == int(x) and abs(x) < 1e6:
        return str(int(x))
    return f"{x:.3g}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round values covering [low, high]."""
    if high <= low:
        return [low]
    step = _round_step((high - low) / count)
    first = math.ceil(low / step - 1e-9) * step
    ticks, k = [], 0
    while first + k * step <= high + step * 1e-9:
        ticks.append(round(first + k * step, 12))
        k += 1
    return ticks


def _frame(x_range, y_range, x_ticks, y_ticks, width, height):
    left, top = MARGIN_LEFT, MARGIN_TOP
    right, bottom = width - MARGIN_RIGHT, height - MARGIN_BOTTOM
    (x0, x1), (y0, y1) = x_range, y_range
    sx = (right - left) / ((x1 - x0) or 1)
    sy = (bottom - top) / ((y1 - y0) or 1)

    def place(x, y):
        return round(left + (x - x0) * sx, 1), round(bottom - (y - y0) * sy, 1)

    xt = tuple(Tick(place(t, y0)[0], short(t)) for t in x_ticks)
    yt = tuple(Tick(place(x0, t)[1], short(t)) for t in y_ticks)
    return place, dict(width=width, height=height, left=left, top=top, right=right,
                       bottom=bottom, x_ticks=xt, y_ticks=yt)


def line_chart(series: list[Series], y_range: tuple[float, float] | None = None,
               x_title: str = "", y_title: str = "", width: int = WIDTH,
               height: int = HEIGHT) -> Chart:
    clean = [(s, [(x, y) for x, y in ((number(a), number(b)) for a, b in s.points)
                  if x is not None and y is not None]) for s in series]
    xs = [x for _, pts in clean for x, _ in pts] or [0.0]
    ys = [y for _, pts in clean for _, y in pts] or [0.0]
    x0, x1 = min(xs), max(xs)
    y0, y1 = y_range if y_range else (min(ys), max(ys))
    if x1 == x0:
        x1 = x0 + 1
    if y1 == y0:
        y1 = y0 + 1
    place, frame = _frame((x0, x1), (y0, y1), nice_ticks(x0, x1), nice_ticks(y0, y1),
                          width, height)
    lines = []
    for s, pts in clean:
        placed = [place(x, y) for x, y in pts]
        lines.append(Line(s.name, " ".join(f"{a},{b}" for a, b in placed), s.colour, s.dashed,
                          placed[-1] if placed else None))
    return Chart(**frame, x_title=x_title, y_title=y_title, lines=tuple(lines))


def histogram(values: list, top: float, bins: int = 10, x_title: str = "",
              y_title: str = "", width: int = WIDTH, height: int = HEIGHT) -> Chart:
    """Counts of `values` in about `bins` bins over [0, top], each as wide as a round step
    (1, 2, 2.5, 5 times a power of ten), so that every bin starts and ends at a tick: 11
    points make bins of 2 under ticks 0, 2, … 12, not bins of 1.1 under ticks 0, 2, 4. A bin
    holds its start, not its end; `top` falls in the last bin."""
    top = number(top) or 0.0
    clean = [v for v in (number(v) for v in values) if v is not None]
    if top <= 0:
        top = max(clean + [1.0])
    step = _round_step(top / bins)
    count = max(1, math.ceil(top / step - 1e-9))
    end = count * step  # the last bin's end: `top`, or the tick after it
    edges = [round(k * step, 12) for k in range(count + 1)]
    counts = [0] * count
    for v in clean:
        counts[min(count - 1, max(0, int(v / step + 1e-9)))] += 1
    tallest = max(counts + [1])
    place, frame = _frame((0, end), (0, tallest), edges,
                          [t for t in nice_ticks(0, tallest, min(tallest, 5)) if t == int(t)],
                          width, height)
    bars = []
    for i, n in enumerate(counts):
        lo, hi = edges[i], edges[i + 1]
        (xa, ya), (xb, yb) = place(lo, n), place(hi, 0)
        bars.append(Bar(xa + 1, ya, max(0.0, round(xb - xa - 2, 1)), round(yb - ya, 1), n,
                        f"{short(lo)}–{short(hi)}"))
    return Chart(**frame, x_title=x_title, y_title=y_title, bars=tuple(bars))


def _round_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `raw`."""
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
