"""What a build says while it runs: stages, a progress bar, problems and one summary line.

On a terminal the current stage is one status line that is redrawn in place (with a
bar when the stage has a known number of steps) and cleared by the next line
printed. Anywhere else every stage is one plain line and no bar is drawn, so logs
stay readable. `quiet` keeps only errors. Problems go to stderr, everything else
to stdout.
"""

from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path
from typing import TextIO

from ..i18n import Text, render
from ..problems import Problem

BAR_WIDTH = 30
ELLIPSIS = "…"
# What a terminal whose encoding lacks a character (Latin-1, ASCII) shows instead of it.
_ASCII_LOOK_ALIKES = str.maketrans({"…": "...", "›": ">", "‹": "<", "–": "-", "—": "-", "‘": "'", "’": "'",
                                    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


class Reporter:
    """Reports a build's progress; `stage`, `advance` and `done` may be called from any thread."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None, quiet: bool = False,
                 terminal: bool | None = None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.quiet = quiet
        self.terminal = self.out.isatty() if terminal is None else terminal
        self._lock = threading.Lock()
        self._stage: Text = ""
        self._total: int | None = None
        self._count = 0
        self._status_shown = False  # a status line is on the terminal, without a newline yet

    @classmethod
    def silent(cls) -> "Reporter":
        """A reporter that prints nothing but errors, for builds that nobody watches."""
        return cls(quiet=True)

    def stage(self, name: Text, total: int | None = None) -> None:
        """Start a stage such as 'Rendering 13 pages'; `total` steps will be counted by `advance`."""
        with self._lock:
            self._stage, self._total, self._count = name, total, 0
            if self.quiet:
                return
            if self.terminal:
                self._draw()
            else:
                self._print_line(self.out, f"{name}{ELLIPSIS}")

    def advance(self, steps: int = 1) -> None:
        """Count `steps` more steps of the current stage done; redraws the bar on a terminal."""
        with self._lock:
            self._count += steps
            if self.terminal and not self.quiet:
                self._draw()

    def done(self) -> None:
        """End the current stage; clears the status line on a terminal."""
        with self._lock:
            self._stage, self._total, self._count = "", None, 0
            self._clear()

    def problem(self, problem: Problem, strict: bool = False) -> None:
        """Print one problem; in quiet mode only errors (and, with --strict, warnings: they fail too)."""
        if self.quiet and problem.severity != "error" and not strict:
            return
        self.error(problem.as_message())

    def error(self, message: Text) -> None:
        """Print a line that is always shown, even in quiet mode."""
        with self._lock:
            self._clear()
            self._print_line(self.err, message)
            self._redraw_after_line()

    def line(self, message: Text) -> None:
        """Print an informative line, such as the summary; nothing in quiet mode."""
        if self.quiet:
            return
        with self._lock:
            self._clear()
            self._print_line(self.out, message)
            self._redraw_after_line()

    def _draw(self) -> None:
        text = f"{self._stage}{ELLIPSIS}"
        if self._total:
            filled = min(BAR_WIDTH, BAR_WIDTH * self._count // self._total)
            text += f" [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {min(self._count, self._total)}/{self._total}"
        width = shutil.get_terminal_size().columns - 1
        self.out.write("\r\x1b[K" + printable(self.out, text)[:width])
        self.out.flush()
        self._status_shown = True

    def _clear(self) -> None:
        if self._status_shown:
            self.out.write("\r\x1b[K")
            self.out.flush()
            self._status_shown = False

    def _redraw_after_line(self) -> None:
        if self.terminal and self._stage and not self.quiet:
            self._draw()

    @staticmethod
    def _print_line(stream: TextIO, message: Text) -> None:
        stream.write(printable(stream, render(message)) + "\n")
        stream.flush()


def printable(stream: TextIO, text: str) -> str:
    """`text` as `stream` can print it: where its encoding (a legacy Latin-1 terminal) lacks a character,
    typographic marks become their ASCII look-alikes ('…' three dots) and anything else its \\u escape."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.translate(_ASCII_LOOK_ALIKES).encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:  # an encoding Python does not know: leave it to the stream
        pass
    return text


def shown_path(path: Path) -> str:
    """A path as the user would write it: relative to the current folder where possible."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
