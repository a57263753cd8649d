"""Desktop app timings on the demo province: start-up to a drawn map (in fresh
processes, with and without Python's bytecode cache), and recompute after a radius
change (click to redrawn map). Offscreen; run on demand:

    uv run python benchmarks/bench_gui.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
T0 = time.perf_counter()


def main(*, startup_only: bool = False) -> None:
    import tempfile

    from PyQt6.QtCore import QSettings
    from PyQt6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from coverage_planner.gui.app import create_window

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    settings.setValue("terrain_by_default", False)  # the disk demo, as measured before
    window = create_window(settings=settings)
    window.show()

    drawn: list[tuple[float, object]] = []  # (end of a draw, the result on screen then)
    window.canvas.canvas.mpl_connect(
        "draw_event", lambda _: drawn.append((time.perf_counter(), window.canvas._result))
    )

    def wait_result(previous, since: float = 0.0) -> float:
        """Until the map is first drawn from a new result; returns when that draw ended."""
        while True:
            app.processEvents()
            new = [t for t, r in drawn if t >= since and r is not None and r is not previous]
            if new and not window.study.worker.busy:
                return new[0]
            time.sleep(0.001)

    startup = wait_result(None) - T0
    if startup_only:
        print(
            f"start-up to drawn demo map (process start, imports, load, compute, draw): {startup:.2f} s"
        )
        window.close()
        return
    times = []
    for radius in (2.5, 2.0, 3.5, 3.0):
        before = window.study.result
        t = time.perf_counter()
        window.study.set_params(window.study.params.with_radius("4G", radius))
        times.append(wait_result(before, t) - t)
    print(
        "recompute after a 4G radius change, click to redrawn map: "
        + ", ".join(f"{x:.3f}" for x in times)
        + f" s (median {sorted(times)[len(times) // 2]:.3f} s)"
    )
    t = time.perf_counter()
    window.tech.setCurrentIndex(window.tech.findData("3G"))
    window.canvas.canvas.draw()
    print(f"switch technology (tables, summary, redraw): {time.perf_counter() - t:.3f} s")
    window.close()


def startup_conditions() -> None:
    """Start-up in fresh processes, with and without Python's bytecode cache.

    Some machines (this project's among them) set PYTHONDONTWRITEBYTECODE, so every
    start compiles every imported module from source; a user's installation keeps the
    compiled bytecode after the first start.
    """
    import subprocess

    def once(env: dict) -> str:
        out = subprocess.run(
            [sys.executable, __file__, "--startup-only"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.strip().split(": ")[-1]

    import tempfile

    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    once(cached)  # writes the bytecode
    print(
        "start-up, bytecode cached (a user's machine after the first start): "
        + ", ".join(once(cached) for _ in range(3))
    )
    # No bytecode anywhere Python looks: every module compiled from source.
    bare = {**cached, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": tempfile.mkdtemp()}
    print(
        "start-up, no bytecode (every imported module compiled from source): "
        + ", ".join(once(bare) for _ in range(3))
    )


if __name__ == "__main__":
    if "--startup-only" in sys.argv:
        main(startup_only=True)
    else:
        startup_conditions()
        main()
