"""The reporter for the terminal: a progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class TerminalReporter:
    """Adapts the reporter protocol to stderr; ``quiet`` prints nothing."""

    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar: tqdm | None = None
        self._last_status = ""
        self._start = time.monotonic()

    def status(self, text: str) -> None:
        if self.quiet or text == self._last_status:
            return
        self._last_status = text
        if self.interactive:
            if self._bar is None:
                self._bar = tqdm(
                    total=1,
                    file=self.stream,
                    leave=False,
                    bar_format="{desc} {bar} {percentage:3.0f}%",
                )
            self._bar.set_description_str(text)
        else:
            print(f"[{time.monotonic() - self._start:6.1f}s] {text}", file=self.stream, flush=True)

    def progress(self, done: int, total: int) -> None:
        if self.quiet or not self.interactive or self._bar is None or total <= 0:
            return
        self._bar.total = total
        self._bar.n = min(done, total)
        self._bar.refresh()

    def cancelled(self) -> bool:
        return False

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
