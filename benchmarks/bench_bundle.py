"""The installed bundle against ``uv run``: start-up to a drawn demo map, and its size.

Each start is a fresh process ``coverage-planner gui --screenshot FILE``, timed from the
moment it is launched to the moment it prints ``drawn`` (the first draw of the map with
the computed demo). The bundle runs as on a planner's machine (``env -i``, a new home
folder): its first start compiles the kernels into that home's cache, the next starts
are the ones a planner sees every day. Build the bundle first
(``uv run scripts/build_bundle.py``); then, on the shared machine:

    flock /tmp/heavy.lock uv run python benchmarks/bench_bundle.py [--runs 5] [--display :26]

Without ``--display`` Qt draws offscreen; with it, on that X server (e.g. Xvfb).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "coverage-planner"


def time_to_drawn(command: list[str], env: dict[str, str], shot: Path) -> float:
    """Seconds from launching ``command`` to its ``drawn`` line."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "gui", "--screenshot", str(shot)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    drawn = None
    for line in proc.stdout:
        if line.startswith("drawn") and drawn is None:
            drawn = time.perf_counter() - start
    if proc.wait() != 0 or drawn is None:
        raise SystemExit(f"{command[0]} did not draw the demo map (exit {proc.returncode})")
    return drawn


def folder_mib(path: Path) -> float:
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed starts of each (default 5)")
    parser.add_argument("--display", help="X display to draw on, e.g. :26 (default offscreen)")
    args = parser.parse_args()
    exe = BUNDLE / ("coverage-planner.exe" if sys.platform == "win32" else "coverage-planner")
    if not exe.exists():
        raise SystemExit(f"no bundle at {BUNDLE}: run  uv run scripts/build_bundle.py  first")
    screen = {"DISPLAY": args.display} if args.display else {"QT_QPA_PLATFORM": "offscreen"}
    tmp = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    home = tmp / "home"
    home.mkdir()
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(home), **screen}
    developer = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"} | screen
    cases = {
        "bundle (dist/coverage-planner/coverage-planner)": ([str(exe)], bare),
        "uv run coverage-planner": (["uv", "run", "--quiet", "coverage-planner"], developer),
    }
    print(f"{args.runs} starts each, {'on ' + args.display if args.display else 'offscreen'}")
    for name, (command, env) in cases.items():
        first = time_to_drawn(command, env, tmp / "shot.png")
        times = [time_to_drawn(command, env, tmp / "shot.png") for _ in range(args.runs)]
        print(
            f"{name}: first start {first:.2f} s; then median {statistics.median(times):.2f} s "
            f"({min(times):.2f}-{max(times):.2f} s)"
        )
    archives = sorted((ROOT / "dist").glob("coverage-planner-*-linux-*.tar.gz"))
    print(f"bundle folder: {folder_mib(BUNDLE):.0f} MiB")
    for archive in archives:
        print(f"{archive.name}: {archive.stat().st_size / 2**20:.0f} MiB")
    biggest = sorted(
        ((folder_mib(p), p.name) for p in (BUNDLE / "_internal").iterdir() if p.is_dir()),
        reverse=True,
    )[:8]
    print("largest parts: " + ", ".join(f"{name} {size:.0f} MiB" for size, name in biggest))


if __name__ == "__main__":
    main()
