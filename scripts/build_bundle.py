"""Build the installable program: ``uv run scripts/build_bundle.py``.

On Linux: ``dist/coverage-planner/`` (a PyInstaller one-folder build: the executable
``coverage-planner``, the menu entry, the icon and ``install.sh``) and
``dist/coverage-planner-<version>-linux-x86_64.tar.gz``.

On Windows: ``dist\\coverage-planner\\`` (``coverage-planner.exe`` for the command line,
``coverage-planner-gui.exe`` for the desktop) and, when Inno Setup 6 is installed,
``dist\\coverage-planner-<version>-windows-x64-setup.exe`` from
``installer\\coverage-planner.iss``.

The build takes a few minutes and a lot of CPU: on a shared machine run it under
``flock /tmp/heavy.lock``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
DIST = ROOT / "dist"
BUNDLE = DIST / "coverage-planner"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from coverage_planner import __version__

    return __version__


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def run_pyinstaller() -> None:
    """The one-folder build from installer/coverage-planner.spec, from scratch."""
    work = ROOT / "build" / "pyinstaller"
    shutil.rmtree(BUNDLE, ignore_errors=True)
    # The build imports the program's modules to find what they use; no display needed.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MPLBACKEND": "Agg"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(INSTALLER / "coverage-planner.spec"),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(work),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )


def add_linux_files() -> None:
    """The menu entry, the installer script and the licence texts beside the executable."""
    for name, mode in (("coverage-planner.desktop", 0o644), ("install.sh", 0o755)):
        shutil.copy(INSTALLER / name, BUNDLE / name)
        (BUNDLE / name).chmod(mode)
    shutil.copy(ROOT / "README.md", BUNDLE / "README.md")


def linux_archive(ver: str) -> Path:
    """``dist/coverage-planner-<version>-linux-x86_64.tar.gz`` with the folder at its top."""
    machine = platform.machine().lower() or "x86_64"
    archive = DIST / f"coverage-planner-{ver}-linux-{machine}.tar.gz"
    partial = archive.with_name(archive.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname="coverage-planner")
    partial.replace(archive)
    return archive


def inno_setup_compiler() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return Path(base) / "Inno Setup 6" / "ISCC.exe"
    return None


def windows_installer(ver: str) -> Path | None:
    """Compile installer/coverage-planner.iss with Inno Setup, when it is installed."""
    iscc = inno_setup_compiler()
    if iscc is None:
        print(
            "Inno Setup 6 was not found: dist\\coverage-planner\\ is built; install Inno Setup "
            "(https://jrsoftware.org/isdl.php) and run this script again for the setup .exe.",
            file=sys.stderr,
        )
        return None
    subprocess.run(
        [
            str(iscc),
            f"/DAppVersion={ver}",
            f"/DSourceDir={BUNDLE}",
            f"/DRootDir={ROOT}",
            f"/O{DIST}",
            str(INSTALLER / "coverage-planner.iss"),
        ],
        check=True,
    )
    return DIST / f"coverage-planner-{ver}-windows-x64-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-archive", action="store_true", help="build the folder only (no tar.gz / setup.exe)"
    )
    args = parser.parse_args(argv)
    ver = version()
    start = time.perf_counter()
    run_pyinstaller()
    built = time.perf_counter()
    print(f"bundle: {BUNDLE} ({mib(folder_size(BUNDLE))}), built in {built - start:.0f} s")
    if sys.platform == "win32":
        setup = None if args.no_archive else windows_installer(ver)
        if setup is not None:
            print(f"installer: {setup} ({mib(setup.stat().st_size)})")
    else:
        add_linux_files()
        if not args.no_archive:
            archive = linux_archive(ver)
            print(
                f"archive: {archive} ({mib(archive.stat().st_size)}), "
                f"written in {time.perf_counter() - built:.0f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
