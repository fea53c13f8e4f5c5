"""Long commands on a terminal: one updating line of progress, and Ctrl+C that stops cleanly.

Import, export and fact sheet booklets can take a while on a big catalogue. On a
terminal they show one line on stderr that updates ("Writing records: 1,200 of
5,000 (24%)"); piped or redirected, they say nothing, so scripts and logs get only
the result. Ctrl+C does not kill the work mid-write: it asks the engine to stop at
its next safe point (the import's transaction rolls back, the export's and the
booklet's temporary file is removed), then the command says so in one line and
exits with status 130. A second Ctrl+C stops at once.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import time
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

from ccn_desktop.i18n import _, number

INTERRUPTED_STATUS = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C
_MIN_INTERVAL_S = 0.1  # the line is redrawn at most this often (terminals are slow)


class Interrupted(Exception):
    """Ctrl+C was pressed; the work stopped at a safe point and nothing was changed."""

    def __init__(self) -> None:
        super().__init__(_("stopped (Ctrl+C); nothing was changed."))


class TerminalProgress:
    """A `progress(text, done, total)` callback drawing one line on a terminal's stderr.

    Also the `cancel()` the engines poll: true once Ctrl+C was pressed inside `watching()`.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = _is_terminal(self.stream)
        self.interrupted = False
        self._width = 0
        self._last = 0.0

    def __call__(self, text: str, done: int, total: int) -> None:
        if not self.shown:
            return
        now = time.monotonic()
        if done < total and now - self._last < _MIN_INTERVAL_S:
            return
        self._last = now
        if total > 0:
            line = _("{what}: {done} of {total} ({percent}%)").format(
                what=text, done=number(done), total=number(total), percent=done * 100 // total
            )
        else:
            line = _("{what}…").format(what=text)
        self._draw(line)

    def sheets(self, done: int, total: int) -> bool:
        """The fact sheet printer's `on_part`: show sheets printed, and whether to go on."""
        self(_("Printing fact sheets"), done, total)
        return not self.interrupted

    def cancel(self) -> bool:
        return self.interrupted

    def finish(self) -> None:
        """Clear the line, so the command's own output starts on a clean one."""
        if self.shown and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _draw(self, line: str) -> None:
        padding = " " * max(0, self._width - len(line))
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self._width = len(line)

    @contextlib.contextmanager
    def watching(self) -> Iterator[TerminalProgress]:
        """While inside, Ctrl+C asks the work to stop (`cancel()` turns true); the line
        is cleared on the way out."""
        previous = signal.getsignal(signal.SIGINT)

        def asked_to_stop(_number: int, _frame: FrameType | None) -> None:
            if self.interrupted:  # the second time: at once
                signal.signal(signal.SIGINT, signal.default_int_handler)
                raise KeyboardInterrupt
            self.interrupted = True

        installed = _can_handle_signals()
        if installed:
            signal.signal(signal.SIGINT, asked_to_stop)
        try:
            yield self
        finally:
            if installed:
                signal.signal(signal.SIGINT, previous)
            self.finish()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False


def _can_handle_signals() -> bool:
    """Only the main thread may set signal handlers (tests may run commands elsewhere)."""
    import threading

    return threading.current_thread() is threading.main_thread()
