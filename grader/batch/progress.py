"""The batch's progress: a bar with the count and an ETA on a terminal, plain lines otherwise,
in the run's language."""
from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from ..render.words import points, progress_words
from ..text import encodable


def duration(seconds: float, lang: str | None = "en") -> str:
    said = progress_words(lang)
    seconds = int(round(seconds))
    if seconds < 60:
        return said["s"].format(s=seconds)
    if seconds < 3600:
        return said["min"].format(m=seconds // 60, s=seconds % 60)
    return said["h"].format(h=seconds // 3600, m=seconds % 3600 // 60)


class Progress:
    """Counts graded students out of `total`; the ETA is the mean time per student so far."""

    BAR = 24

    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None,
                 lang: str | None = "en"):
        self.total, self.count = total, 0
        self.lang, self.said = lang, progress_words(lang)
        self.stream = stream or sys.stderr
        self.bar = self.stream.isatty() if bar is None else bar
        self.started = time.monotonic()
        self._last = ""

    def eta(self) -> float | None:
        if not self.count:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.count * (self.total - self.count)

    def done(self, name: str, score: float, max_score: float, seconds: float, note: str = ""):
        self.count += 1
        if self.bar:
            self._last = f"{name} {points(score)}/{points(max_score)}"
            self.tick()
            return
        eta = self.eta()
        width = len(str(self.total))
        line = (f"[{self.count:>{width}}/{self.total}] {name}  "
                f"{points(score)} / {points(max_score)}  "
                + self.said["took"].format(seconds=seconds))
        if note:
            line += f"  {note}"
        if eta is not None and self.count < self.total:
            line += "  " + self.said["eta"].format(time=duration(eta, self.lang))
        self._write(line + "\n")

    def tick(self):
        """Redraw the bar (the clock moves between students too)."""
        if not self.bar:
            return
        filled = self.BAR * self.count // max(self.total, 1)
        eta = self.eta()
        text = (f"[{'#' * filled}{'.' * (self.BAR - filled)}] {self.count}/{self.total} "
                f"{100 * self.count // max(self.total, 1):3d}%  "
                f"{duration(time.monotonic() - self.started, self.lang)}"
                + ("  " + self.said["eta"].format(time=duration(eta, self.lang))
                   if eta is not None and self.count < self.total else "")
                + (f"  {self._last}" if self._last else ""))
        columns = shutil.get_terminal_size((100, 20)).columns
        self._write("\r" + text[: columns - 1].ljust(columns - 1))

    def note(self, text: str):
        if self.bar:
            self._write("\r" + " " * (shutil.get_terminal_size((100, 20)).columns - 1) + "\r")
        self._write(text + "\n")
        self.tick()

    def say(self, key: str, **fields):
        """A note in the run's language (see `render.words.PROGRESS`)."""
        self.note(self.said[key].format(**fields))

    def close(self):
        if self.bar:
            self.tick()
            self._write("\n")

    def _write(self, text: str):
        try:
            self.stream.write(encodable(text))
            self.stream.flush()
        except (OSError, ValueError):
            pass
