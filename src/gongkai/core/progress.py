"""Progress of long work on the command line: a bar with counts and time left on a terminal, plain lines
when the output is a file or a pipe (a log, CI), so nobody waits on a silent command.

Services never print: they take an ``on_progress(done, total)`` callable (``None`` when nobody listens) and
call it as they go. The command makes a :class:`Progress` for its stderr and passes it in::

    with Progress(self.stderr, "重建索引") as progress:
        services.rebuild_index(on_progress=progress)

A terminal gets one line rewritten at most ten times a second; elsewhere a line is written at every tenth of
the work or every ``every`` seconds, whichever comes first, and a last line when the work ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable

BAR = 24
TTY_INTERVAL = 0.1


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def describe(label: str, done: int, total: int | None, elapsed: float, *, bar: bool) -> str:
    """One progress line (pure: the tests read it). ``total`` is ``None`` when it is not known."""
    if not total:
        return f"{label} {done:,} 已用 {_clock(elapsed)}"
    share = min(1.0, done / total)
    left = elapsed * (total - done) / done if done else None
    eta = f"剩余约 {_clock(left)}" if left is not None else "剩余时间估算中"
    head = f"{label} {done:,}/{total:,} {share:4.0%}"
    if bar:
        filled = int(share * BAR)
        head = f"{label} [{'#' * filled}{'.' * (BAR - filled)}] {done:,}/{total:,} {share:4.0%}"
    return f"{head} 已用 {_clock(elapsed)} {eta}"


class Progress:
    """Callable ``progress(done, total=None)``; a context manager that writes the last line on exit."""

    def __init__(self, stream, label: str, *, total: int | None = None, every: float = 5.0,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.label = label
        self.total = total
        self.every = every
        self.clock = clock
        self.started = clock()
        self.done = 0
        self._last_at = None
        self._last_tenth = -1
        self._last_line = ""
        self.tty = bool(getattr(getattr(stream, "_out", stream), "isatty", lambda: False)())

    def __call__(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        now = self.clock()
        if self.tty:
            if self._last_at is None or now - self._last_at >= TTY_INTERVAL:
                self._write("\r" + describe(self.label, done, self.total, now - self.started, bar=True))
                self._last_at = now
            return
        tenth = int(10 * done / self.total) if self.total else -1
        due = self._last_at is None or now - self._last_at >= self.every or tenth > self._last_tenth
        if due:
            self._write(describe(self.label, done, self.total, now - self.started, bar=False) + "\n")
            self._last_at = now
            self._last_tenth = tenth

    def note(self, text: str) -> None:
        """A line of its own beside the progress (a step's summary): on a terminal it replaces the bar, which is
        drawn again below it at the next update."""
        if self.tty:
            self._write("\r\033[K" + text + "\n")
            self._last_at = None
        else:
            self._write(text + "\n")

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self._last_at is None and not self.done:
            return  # the work never started (a file refused before its first row): nothing to report
        elapsed = self.clock() - self.started
        line = describe(self.label, self.done, self.total, elapsed, bar=self.tty)
        if self.tty:
            self._write("\r" + line + "\n")
        elif line + "\n" != self._last_line:
            self._write(line + "\n")

    def _write(self, text: str) -> None:
        self._last_line = text
        # Django's OutputWrapper adds a newline unless told otherwise.
        try:
            self.stream.write(text, ending="")
        except TypeError:
            self.stream.write(text)
        self.stream.flush()
