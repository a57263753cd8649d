"""``coverage-planner gui --screenshot FILE``: open the window, wait for the first map
drawn from a computed result, save the window as PNG and quit.

Used by the bundle's smoke test (does the installed program draw the demo map?), by
the start-up benchmark (it prints when the map is drawn) and for the README's pictures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PyQt6.QtCore import QSettings, QTimer
from PyQt6.QtWidgets import QApplication

from coverage_planner.gui.fonts import register_qt_fonts
from coverage_planner.gui.icon import app_icon

POLL_MS = 10


def save_first_map(
    target: Path,
    *,
    project: Path | None = None,
    demo: bool = True,
    size: tuple[int, int] = (1366, 768),
    timeout_s: float = 120.0,
    settings: QSettings | None = None,
) -> int:
    """Run the application until its map shows a result, then write ``target`` (PNG).

    Prints ``drawn <seconds>`` (since this call) when the map is drawn, then
    ``saved <file>``. Returns 0, or 1 when no map was drawn within ``timeout_s`` or the
    study failed (the error is printed).
    """
    from coverage_planner.gui.app import create_window

    start = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_qt_fonts()
    app.setWindowIcon(app_icon())
    app.setOrganizationName("CoveragePlanner")
    app.setApplicationName("Coverage Planner")
    window = create_window(project=project, demo=demo, settings=settings or QSettings())
    window.resize(*size)
    window.show()
    outcome: dict[str, object] = {"code": 1}
    canvas = window.canvas.canvas

    def failed(message: str, _user: bool) -> None:
        print(f"error: {message}", file=sys.stderr)
        app.quit()

    def drawn(_event=None) -> None:
        # The first draw of the map with a computed result is what the planner sees
        # first (also when the terrain run chosen by default follows it).
        if "drawn" not in outcome and window.canvas._result is not None:
            outcome["drawn"] = True
            print(f"drawn {time.perf_counter() - start:.2f}", flush=True)

    def save() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(str(target), "PNG"):
            print(f"saved {target}", flush=True)
            outcome["code"] = 0
        app.quit()

    def save_after_draw(_event=None) -> None:
        canvas.mpl_disconnect(outcome.pop("cid"))  # type: ignore[arg-type]
        save()

    def poll() -> None:
        if time.perf_counter() - start > timeout_s:
            timer.stop()
            print(f"error: no map drawn within {timeout_s:.0f} s", file=sys.stderr)
            app.quit()
        elif "drawn" in outcome and not window.settling:
            # The picture once the rest of the study is in place too (relief, tables).
            timer.stop()
            outcome["cid"] = canvas.mpl_connect("draw_event", save_after_draw)
            canvas.draw_idle()

    drawn_cid = canvas.mpl_connect("draw_event", drawn)
    window.study.error.connect(failed)
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(POLL_MS)
    try:
        app.exec()
    finally:
        # A poll timer left running would quit every later event loop of the same
        # application (a test suite's, an embedding program's) until it is collected.
        timer.stop()
        timer.timeout.disconnect(poll)
        window.study.error.disconnect(failed)
        canvas.mpl_disconnect(drawn_cid)
        timer.deleteLater()
        window.close()
    return int(outcome["code"])  # type: ignore[call-overload]
