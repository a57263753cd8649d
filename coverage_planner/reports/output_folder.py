"""The audit's output folder: checked before any work, locked for one run, replaced as
a whole.

- It can never be, or contain, the folder of an input (or last year's audit), and it
  cannot be a file or a folder of someone's other files: refused before any work.
- One run at a time: a lock beside the folder (released by the system if the process
  dies, so a ``kill -9`` never leaves it stuck) makes a second run stop with a message.
- The new results are written into a hidden staging folder beside it and swapped in
  at the end (one atomic exchange on Linux, two renames elsewhere), so the folder
  holds only what this run wrote, and a crash, a full disk, Ctrl-C or ``kill -9``
  leaves the previous results as they were. Staging folders of runs that died are
  removed by the next run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from coverage_planner.errors import OutputError

AUDIT_MARKERS = ("run.json", "summary.json")
"""Files that say a folder holds an earlier audit (which a new run may replace)."""

_HELD: dict[Path, object] = {}


def _resolved(path: str | Path) -> Path:
    return Path(os.path.abspath(Path(path).expanduser())).resolve()


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_output_folder(
    out_dir: str | Path, *, inputs: Iterable[str | Path], previous: str | Path | None = None
) -> None:
    """Refuse an output folder that would put an input or the user's files at risk.

    Raises
    ------
    OutputError
        Naming the folder, the input concerned, and what to choose instead.
    """
    out = _resolved(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(
            f"The output folder {out} is an existing file. Give the name of a folder (it is "
            "created if needed).",
            vi=f"Thư mục kết quả {out} là một tệp đã có. Hãy cho tên một thư mục (sẽ được tạo "
            "nếu chưa có).",
        )
    for item in inputs:
        path = _resolved(item)
        folder = path if path.is_dir() else path.parent
        if _within(folder, out):
            raise OutputError(
                f"The output folder {out} holds the input {path}; writing the results there "
                "could overwrite or mix with your data. Choose a new folder, e.g. "
                f"{out / 'audit'}.",
                vi=f"Thư mục kết quả {out} chứa dữ liệu đầu vào {path}; ghi kết quả vào đó có "
                f"thể ghi đè hoặc lẫn với dữ liệu của bạn. Hãy chọn một thư mục mới, ví dụ "
                f"{out / 'audit'}.",
            )
    if previous is not None and _within(_resolved(previous), out):
        raise OutputError(
            f"The output folder {out} is (or holds) last year's audit {previous}, which this "
            "run reads; write this year's audit into a folder of its own.",
            vi=f"Thư mục kết quả {out} là (hoặc chứa) kết quả năm trước {previous} mà lần chạy "
            "này cần đọc; hãy ghi kết quả năm nay vào một thư mục riêng.",
        )
    if out.is_dir():
        visible = [p for p in out.iterdir() if not p.name.startswith(".")]
        if visible and not any((out / m).exists() for m in AUDIT_MARKERS):
            names = ", ".join(p.name for p in visible[:5])
            raise OutputError(
                f"The output folder {out} already holds other files ({names}) and no earlier "
                "audit; an audit replaces its folder as a whole, so choose an empty or new folder.",
                vi=f"Thư mục kết quả {out} đã có các tệp khác ({names}) không phải kết quả kiểm "
                "tra trước; lần chạy sẽ thay toàn bộ thư mục, nên hãy chọn thư mục trống hoặc mới.",
            )
    _check_writable(out)


def _check_writable(out: Path) -> None:
    existing = out.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    probe = existing / f".{out.name}.probe-{uuid.uuid4().hex[:8]}"
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise output_error(exc, out) from None


def output_error(exc: OSError, out: Path) -> OutputError:
    """A full disk, a read-only or forbidden folder, as a message for the user."""
    if exc.errno == errno.ENOSPC:
        return OutputError(
            f"The disk holding {out} is full ({exc.strerror}). Nothing was changed: the "
            "previous results are intact. Free some space, or choose a folder on another disk.",
            vi=f"Ổ đĩa chứa {out} đã đầy. Không có gì bị thay đổi: kết quả trước vẫn nguyên. "
            "Hãy giải phóng dung lượng hoặc chọn thư mục trên ổ khác.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            f"Cannot write into {out.parent if not out.exists() else out}: the folder is "
            f"read-only or you may not write there ({exc.strerror}). Nothing was changed. "
            "Choose another output folder.",
            vi=f"Không ghi được vào {out}: thư mục chỉ đọc hoặc bạn không có quyền ghi. Không có "
            "gì bị thay đổi. Hãy chọn thư mục kết quả khác.",
        )
    return OutputError(
        f"Cannot write the results into {out}: {exc.strerror or exc}. Nothing was changed.",
        vi=f"Không ghi được kết quả vào {out}: {exc.strerror or exc}. Không có gì bị thay đổi.",
    )


class _Lock:
    """An exclusive lock on a file, released by the system when the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle = None

    def acquire(self) -> bool:
        handle = open(self.path, "a+b")  # noqa: SIM115 (held for the lock's life)
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        self.handle = handle
        return True

    def release(self) -> None:
        if self.handle is None:
            return
        with contextlib.suppress(OSError):
            if sys.platform == "win32":
                import msvcrt

                self.handle.seek(0)
                msvcrt.locking(self.handle.fileno(), msvcrt.LK_UNLCK, 1)
        self.handle.close()
        self.handle = None
        with contextlib.suppress(OSError):
            self.path.unlink()


@contextlib.contextmanager
def audit_lock(out_dir: str | Path) -> Iterator[None]:
    """Hold the output folder for this run; a second run into it stops with a message."""
    out = _resolved(out_dir)
    if out in _HELD:
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = _Lock(out.parent / f".{out.name}.lock")
    if not lock.acquire():
        raise OutputError(
            f"Another audit is writing into {out} right now. Wait for it to finish, or choose "
            "another output folder.",
            vi=f"Một lần kiểm tra khác đang ghi vào {out}. Hãy đợi nó xong, hoặc chọn thư mục "
            "kết quả khác.",
        )
    _HELD[out] = lock
    try:
        _remove_leftovers(out)
        yield
    finally:
        _HELD.pop(out, None)
        lock.release()


def _remove_leftovers(out: Path) -> None:
    """Staging folders of runs that died (kill -9, power cut); this run holds the lock."""
    if not out.exists():
        olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
        if olds:  # died between the two renames of a swap: put the previous results back
            os.replace(olds[-1], out)
    for stale in [
        *out.parent.glob(f".{out.name}.partial-*"),
        *out.parent.glob(f".{out.name}.old-*"),
        *(out.glob(".partial-*") if out.is_dir() else []),
    ]:
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                stale.unlink()


@contextlib.contextmanager
def replaced_folder(out_dir: str | Path) -> Iterator[Path]:
    """A staging folder that replaces ``out_dir`` as a whole when the block succeeds."""
    out = _resolved(out_dir)
    with audit_lock(out):
        stage = out.parent / f".{out.name}.partial-{uuid.uuid4().hex[:8]}"
        try:
            stage.mkdir()
        except OSError as exc:
            raise output_error(exc, out) from None
        try:
            try:
                yield stage
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS):
                    raise output_error(exc, out) from None
                raise
            _swap_in(stage, out)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def _swap_in(stage: Path, out: Path) -> None:
    """Put the staged results in place of the previous ones, as a whole.

    Windows refuses to rename a folder while a file in it is open (a workbook shown in
    Excel): then every output that can be is moved in one by one, the earlier run's
    other files are removed, and the open file stays as it was with its new version
    beside it, named in the error (``io.writers.replace_file``).
    """
    if not out.exists():
        os.replace(stage, out)
        return
    old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
    try:
        os.replace(out, old)
    except PermissionError:
        _move_in_file_by_file(stage, out)
        return
    os.replace(stage, out)
    shutil.rmtree(old, ignore_errors=True)


def _move_in_file_by_file(stage: Path, out: Path) -> None:
    from coverage_planner.errors import FileInUseError
    from coverage_planner.io.writers import replace_file

    earlier = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    written = set()
    locked: list[str] = []
    for item in sorted(stage.iterdir()):
        target = out / item.name
        written.add(item.name)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        try:
            replace_file(item, target)
        except FileInUseError as exc:  # the other outputs still move in
            locked.append(exc)
    for name in earlier - written:  # an earlier run's maps, atlas … that this run did not write
        leftover = out / name
        with contextlib.suppress(OSError):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
    if locked:
        raise FileInUseError(
            "\n".join(str(e) for e in locked), vi="\n".join(e.text("vi") for e in locked)
        )
