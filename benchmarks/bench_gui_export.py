"""Exports from the desktop app: does the window stay responsive, and how fast a Cancel
is heard. Offscreen, on the demo (disk model); run on demand:

    uv run python benchmarks/bench_gui_export.py

For the map (PDF and PNG) and the atlas, a 20 ms timer runs in the GUI thread while the
export works in its worker; the longest gap between its ticks is how long the window
could not answer. The atlas is cancelled after 25 s and the time until its worker
stops is printed (the file must not exist afterwards).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from PyQt6.QtCore import QSettings, QTimer
    from PyQt6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from coverage_planner.gui.app import create_window

    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("terrain_by_default", False)
    settings.setValue("language", "en")
    window = create_window(settings=settings)
    window.show()
    while window.study.result is None or window.study.worker.busy:
        app.processEvents()
        time.sleep(0.01)
    for kind, path, limit in (
        ("map", folder / "map.pdf", 120),
        ("map", folder / "map.png", 120),
        ("atlas", folder / "atlas.pdf", 25),
    ):
        ticks: list[float] = []
        timer = QTimer(interval=20)
        timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
        timer.start()
        t0 = time.perf_counter()
        if kind == "map":
            window.export_to_map(path)
        else:
            window.export_to(kind, path)
        while window.exporter.busy and time.perf_counter() - t0 < limit:
            app.processEvents()
            time.sleep(0.005)
        line = ""
        if window.exporter.busy:
            asked = time.perf_counter()
            window.export_cancel.click()
            while not window.exporter.wait(10):
                app.processEvents()
            line = (
                f"; cancelled after {asked - t0:.0f} s, worker stopped "
                f"{time.perf_counter() - asked:.2f} s later, file left: {path.exists()}"
            )
        timer.stop()
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        print(
            f"{path.name}: {time.perf_counter() - t0:.1f} s, longest GUI gap "
            f"{1000 * max(gaps):.0f} ms (median {1000 * sorted(gaps)[len(gaps) // 2]:.0f} ms)"
            + line
        )
    window.close()


if __name__ == "__main__":
    main()
