"""The reporter for the terminal: a progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import os
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


def failure_message(exc: BaseException, *, language: str = "en") -> str | None:
    """A plain message for a fault of the machine (a file that cannot be read or written,
    a full disk, no memory), or None for an internal error."""
    import errno

    if isinstance(exc, MemoryError):
        return (
            "Máy không đủ bộ nhớ cho việc này. Hãy đóng các chương trình khác hoặc chia nhỏ dữ liệu."
            if language == "vi"
            else "The computer ran out of memory. Close other programs, or split the data."
        )
    if not isinstance(exc, OSError):
        return None
    where = exc.filename or ""
    if exc.errno == errno.ENOSPC:
        return (
            f"Ổ đĩa đã đầy ({where}). Hãy giải phóng dung lượng rồi chạy lại."
            if language == "vi"
            else f"The disk is full ({where}). Free some space and run again."
        )
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return (
            f"Không có quyền đọc/ghi {where}. Hãy chọn thư mục khác hoặc kiểm tra quyền."
            if language == "vi"
            else f"No permission to read or write {where}. Choose another folder, or check "
            "its permissions."
        )
    if isinstance(exc, IsADirectoryError):
        return (
            f"{where} là một thư mục; hãy chọn một tệp."
            if language == "vi"
            else f"{where} is a folder; give a file."
        )
    if isinstance(exc, FileNotFoundError):
        return f"Không tìm thấy {where}." if language == "vi" else f"{where} does not exist."
    return (
        f"Lỗi đọc/ghi {where}: {exc.strerror or exc}."
        if language == "vi"
        else f"Cannot read or write {where}: {exc.strerror or exc}."
    )


def report_failure(
    exc: BaseException, *, language: str = "en", stream: TextIO | None = None
) -> int:
    """Print a fault as a message (exit 2), or an internal error as a short message and a
    report the user can copy, also saved to a log file (exit 1)."""
    import traceback

    stream = stream or sys.stderr
    message = failure_message(exc, language=language)
    if message is not None:
        print(f"coverage-planner: error: {message}", file=stream)
        return 2
    report = "".join(traceback.format_exception(exc))
    log = None
    try:
        from pathlib import Path

        import platformdirs

        folder = Path(platformdirs.user_log_dir("coverage-planner", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / f"error-{time.strftime('%Y%m%d-%H%M%S')}.txt"
        log.write_text(report, encoding="utf-8")
    except OSError:
        log = None
    saved = f" (saved in {log})" if log else ""
    print(
        "coverage-planner: internal error — this is a fault of Coverage Planner, not of your "
        f"data. Please send this report{saved} to the developers:\n{report}",
        file=stream,
    )
    return 1


def message_language(chosen: str | None = None) -> str:
    """The language of the command line's messages: ``chosen`` (``--language``), else
    the user's locale — Vietnamese on a Vietnamese system (``LANG=vi_VN…``, or a Windows
    set to Vietnamese), English otherwise."""
    if chosen in ("vi", "en"):
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    import locale

    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return "vi" if name.lower().startswith("vi") else "en"
